"""The command line end to end: exit codes, messages, atomic and reproducible builds."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli.main import main
from tests.conftest import ROOT, SAMPLE


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_unknown_command_and_option_exit_2(capsys):
    for argv in (["frobnicate"], ["build", "--no-such-option"]):
        with pytest.raises(SystemExit) as caught:
            main(argv)
        assert caught.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_missing_outline_is_named_with_exit_1(tmp_path, capsys):
    assert main(["build", str(tmp_path / "no-such-outline.yaml"), "-o", str(tmp_path / "out")]) == 1
    assert "no-such-outline.yaml:1:1: file not found" in capsys.readouterr().err
    assert not (tmp_path / "out" / "no-such-outline.pdf").exists()


def test_check_prints_only_a_summary(capsys):
    assert main(["check", str(SAMPLE)]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == "checked 1 outline: no problems" and captured.err == ""


def test_themes_and_schema(capsys):
    assert main(["themes"]) == 0
    names = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert {"classic", "minimal", "bold"} <= set(names)
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert "sections" in schema["properties"] and schema["required"] == ["title", "sections"]


def test_new_writes_a_starter_that_builds_and_only_limits_outputs(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "demo"]) == 0
    assert (tmp_path / "demo.yaml").read_text().startswith("# yaml-language-server: $schema=")
    assert main(["new", "demo"]) == 1
    assert main(["build", "demo.yaml", "-o", "both"]) == 0
    assert sorted(p.name for p in (tmp_path / "both").iterdir()) == ["demo.pdf", "demo.pptx"]
    for only in ("pdf", "pptx"):
        assert main(["build", "demo.yaml", "-o", only, "--only", only, "-q"]) == 0
        assert [p.name for p in (tmp_path / only).iterdir()] == [f"demo.{only}"]


def test_the_starter_validates_against_the_schema_keys(tmp_path, monkeypatch):
    import yaml

    from generator.readers.schema import outline_schema

    monkeypatch.chdir(tmp_path)
    main(["new", "demo"])
    outline = yaml.safe_load((tmp_path / "demo.yaml").read_text())
    assert set(outline) <= set(outline_schema()["properties"])


def test_builds_are_byte_identical_and_date_from_environment(tmp_path, monkeypatch):
    first, second = tmp_path / "a", tmp_path / "b"
    assert main(["build", str(SAMPLE), "-o", str(first), "-q"]) == 0
    assert main(["build", str(SAMPLE), "-o", str(second), "-q"]) == 0
    for name in ("us-troops-korea.pdf", "us-troops-korea.pptx"):
        assert _digest(first / name) == _digest(second / name)
    undated = tmp_path / "undated.yaml"
    undated.write_text("title: No date\nsections:\n  - title: A\n    content: [Text.]\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert main(["build", str(undated), "-o", str(tmp_path / "c"), "-q"]) == 0
    from pypdf import PdfReader

    assert str(PdfReader(tmp_path / "c" / "undated.pdf").metadata["/CreationDate"]).startswith("D:20231114")


def test_a_failed_build_keeps_the_previous_output_and_leaves_no_debris(tmp_path, capsys):
    out = tmp_path / "out"
    outline = tmp_path / "brief.yaml"
    shutil.copy(SAMPLE, outline)
    assert main(["build", str(outline), "-o", str(out), "-q"]) == 0
    before = {p.name: _digest(p) for p in out.iterdir()}
    outline.write_text("title: Broken\nsections:\n  - title: A\n    key: a colon: here\n")
    assert main(["build", str(outline), "-o", str(out)]) == 1
    assert f"{outline}:4:" in capsys.readouterr().err
    assert {p.name: _digest(p) for p in out.iterdir()} == before


def test_batch_builds_report_failures_and_build_the_rest(tmp_path, capsys):
    good = tmp_path / "good.yaml"
    good.write_text("title: Good\nsections:\n  - title: A\n    content: [Text.]\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: Bad\nsectons: []\n")
    assert main(["build", str(bad), str(good), "-o", str(tmp_path / "out"), "-j", "2"]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:2:" in err and "1 of 2 outlines failed" in err
    assert (tmp_path / "out" / "good.pdf").is_file() and not (tmp_path / "out" / "bad.pdf").exists()


def test_python_dash_m_generator_is_the_same_program():
    result = subprocess.run([sys.executable, "-m", "generator", "--help"], cwd=ROOT, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0 and "build" in result.stdout


def test_progress_bar_draws_counts_on_a_terminal_and_nothing_otherwise(capsys):
    from generator.cli.progress import Progress

    bar = Progress(4, enabled=True)
    bar.advance("a.yaml", 0)
    bar.advance("b.yaml", 1)
    err = capsys.readouterr().err
    assert "2/4, 1 failed  b.yaml" in err and "1/4  a.yaml" in err
    quiet = Progress(4, enabled=False)
    quiet.advance("a.yaml", 0)
    assert capsys.readouterr().err == ""
