"""``briefdeck watch`` end to end: an edit is seen and rebuilt; crashes, removed folders and saves
during a rebuild do not stop it or lose the latest save."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

import generator.cli.watch
from generator.cli.watch import watch, watched_files
from generator.pipeline.build import build

OUTLINE = "title: {title}\nsections:\n  - title: A\n    content: [Some text.]\n"


def test_an_edit_triggers_a_rebuild_and_a_broken_save_keeps_the_good_files(write_outline, tmp_path):
    path = write_outline(OUTLINE.format(title="First"))
    out = tmp_path / "out"
    lines: list[str] = []
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(path, str(out), None),
                              kwargs={"max_builds": 3, "stop": stop, "say": lines.append}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not any(line.startswith("watching") for line in lines) and time.monotonic() < deadline:
        time.sleep(0.05)
    first = (out / "outline.pdf").read_bytes()
    time.sleep(0.3)
    path.write_text(OUTLINE.format(title="Second"), encoding="utf-8")
    while sum(line.startswith("built") for line in lines) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sum(line.startswith("built") for line in lines) == 2, lines
    assert any(line.startswith("changed:") for line in lines)
    second = (out / "outline.pdf").read_bytes()
    assert second != first
    path.write_text("title: [broken\n", encoding="utf-8")
    while sum(line.startswith("changed") for line in lines) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    stop.set()
    thread.join(10)
    assert (out / "outline.pdf").read_bytes() == second
    assert sorted(p.name for p in out.iterdir()) == ["outline.pdf", "outline.pptx"]


def test_watched_files_include_images_and_the_theme(write_outline):
    from PIL import Image

    path = write_outline("title: T\nsections:\n  - title: A\n    content:\n      - image: {path: p.png, alt: a pic}\n")
    Image.new("RGB", (4, 4)).save(path.parent / "p.png")
    names = {p.name for p in watched_files(path, None)}
    assert {"outline.yaml", "p.png", "classic.yaml"} <= names


class Watcher:
    """``watch`` running in a thread, with what it said."""

    def __init__(self, path: Path, out: Path) -> None:
        self.lines: list[str] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=watch, args=(path, str(out), None),
                                       kwargs={"stop": self.stop, "say": self.lines.append}, daemon=True)
        self.thread.start()
        self.wait_for(lambda: any(line.startswith("watching") for line in self.lines))

    def count(self, prefix: str) -> int:
        return sum(line.startswith(prefix) for line in self.lines)

    def wait_for(self, condition: Callable[[], bool], seconds: float = 40) -> None:
        deadline = time.monotonic() + seconds
        while not condition() and time.monotonic() < deadline and self.thread.is_alive():
            time.sleep(0.05)
        assert condition(), self.lines

    def finish(self) -> None:
        assert self.thread.is_alive(), "watch ended by itself"
        self.stop.set()
        self.thread.join(10)


def _whole_build(path: Path, text: str, scratch: Path) -> bytes:
    """The PDF a single build of ``text`` writes (builds are reproducible, so watch must write the same)."""
    scratch.mkdir()
    (scratch / path.name).write_text(text, encoding="utf-8")
    return build(scratch / path.name, scratch / "out").written[0].read_bytes()


def test_a_save_made_during_a_rebuild_is_built_too(write_outline, tmp_path):
    many = "".join(f"  - title: Part {i}\n    content: [Some text about part {i}.]\n" for i in range(60))
    path = write_outline(OUTLINE.format(title="First") + many)
    out = tmp_path / "out"
    second = OUTLINE.format(title="Second") + many
    wanted = _whole_build(path, second, tmp_path / "whole")
    watcher = Watcher(path, out)
    path.write_text(OUTLINE.format(title="Between") + many, encoding="utf-8")
    watcher.wait_for(lambda: watcher.count("changed") >= 1)
    time.sleep(0.5)  # the rebuild of "Between" is under way
    path.write_text(second, encoding="utf-8")
    watcher.wait_for(lambda: (out / "outline.pdf").read_bytes() == wanted)
    watcher.finish()


def test_a_build_that_crashes_is_reported_and_watch_goes_on(write_outline, tmp_path, monkeypatch, capsys):
    path = write_outline(OUTLINE.format(title="First"))
    out = tmp_path / "out"
    real = generator.cli.watch.build

    def build_with_a_bug(outline: Path, *args: object, **kwargs: object) -> object:
        if "Crash" in outline.read_text(encoding="utf-8"):
            raise ZeroDivisionError("division by zero")
        return real(outline, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(generator.cli.watch, "build", build_with_a_bug)
    watcher = Watcher(path, out)
    path.write_text(OUTLINE.format(title="Crash"), encoding="utf-8")
    said: list[str] = []
    watcher.wait_for(lambda: said.append(capsys.readouterr().err) or "ZeroDivisionError" in "".join(said))
    assert "internal error while building (ZeroDivisionError: division by zero)" in "".join(said)
    wanted = _whole_build(path, OUTLINE.format(title="After"), tmp_path / "whole")
    path.write_text(OUTLINE.format(title="After"), encoding="utf-8")
    watcher.wait_for(lambda: (out / "outline.pdf").read_bytes() == wanted)
    watcher.finish()


def test_removing_and_recreating_the_outline_folder_keeps_watch_going(tmp_path):
    folder = tmp_path / "src"
    folder.mkdir()
    path = folder / "outline.yaml"
    path.write_text(OUTLINE.format(title="First"), encoding="utf-8")
    out = tmp_path / "out"
    wanted = _whole_build(path, OUTLINE.format(title="Again"), tmp_path / "whole")
    watcher = Watcher(path, out)
    shutil.rmtree(folder)
    watcher.wait_for(lambda: watcher.count("changed") >= 1)
    folder.mkdir()
    path.write_text(OUTLINE.format(title="Again"), encoding="utf-8")
    watcher.wait_for(lambda: (out / "outline.pdf").read_bytes() == wanted)
    watcher.finish()
