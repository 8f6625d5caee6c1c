"""Batches: every outline is tried and reported, and two outlines never write the same files."""

from __future__ import annotations

from pathlib import Path

import pytest

import generator.pipeline.many
from generator.cli.main import main

OUTLINE = "title: {title}\nsections:\n  - title: A\n    content: [Text.]\n"


def _outline(folder: Path, name: str, title: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(OUTLINE.format(title=title), encoding="utf-8")
    return path


def test_two_outlines_with_the_same_name_are_refused_before_anything_is_built(tmp_path, capsys):
    first = _outline(tmp_path / "a", "brief.yaml", "First")
    second = _outline(tmp_path / "b", "brief.yaml", "Second")
    out = tmp_path / "out"
    assert main(["build", str(first), str(second), "-o", str(out), "-j", "1"]) == 1
    err = capsys.readouterr().err
    assert f"{first} and {second} would all be written to {out / 'brief'}.pdf and .pptx" in err
    assert "Traceback" not in err and not out.exists()


def test_the_same_outline_named_twice_is_built_once(tmp_path, capsys):
    outline = _outline(tmp_path, "brief.yaml", "Once")
    assert main(["build", str(outline), str(tmp_path / "." / "brief.yaml"), "-o", str(tmp_path / "out")]) == 0
    assert capsys.readouterr().out.count("built ") == 1


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_outline_whose_build_crashes_is_reported_and_the_others_are_built(tmp_path, capsys, monkeypatch, jobs):
    real = generator.pipeline.many.build

    def build_with_a_bug(outline, *args, **kwargs):
        if Path(outline).stem == "crashes":
            raise ZeroDivisionError("division by zero")
        return real(outline, *args, **kwargs)

    monkeypatch.setattr(generator.pipeline.many, "build", build_with_a_bug)
    outlines = [_outline(tmp_path, f"{name}.yaml", name) for name in ("before", "crashes", "after")]
    out = tmp_path / "out"
    assert main(["build", *map(str, outlines), "-o", str(out), "-j", jobs]) == 1
    err = capsys.readouterr().err
    assert f"{outlines[1]}: internal error (ZeroDivisionError: division by zero)" in err
    assert "2 of 3 outlines built, 1 of 3 outlines failed" in err and "Traceback" not in err
    assert sorted(p.name for p in out.iterdir()) == ["after.pdf", "after.pptx", "before.pdf", "before.pptx"]
