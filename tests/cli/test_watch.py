"""``briefdeck watch`` end to end: an edit to the outline is seen and rebuilt."""

from __future__ import annotations

import threading
import time

from generator.cli.watch import watch, watched_files

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
