"""Hostile and broken input: killed and concurrent builds, odd characters, oversized images."""

from __future__ import annotations

import os
import signal
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
import yaml

from generator.errors import InputError
from generator.pipeline.atomic import recover
from generator.pipeline.build import build
from generator.readers.outline import load_outline
from tests.conftest import ROOT, SAMPLE


def _big_outline(folder: Path, factor: int = 40) -> Path:
    outline = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    outline["sections"] = [dict(s, title=f"{s['title']} {i}") for i in range(factor) for s in outline["sections"]]
    path = folder / "us-troops-korea.yaml"
    path.write_text(yaml.safe_dump(outline, allow_unicode=True), encoding="utf-8")
    return path


def _valid(folder: Path) -> None:
    from pptx import Presentation
    from pypdf import PdfReader

    for path in folder.iterdir():
        if path.suffix == ".pdf":
            assert len(PdfReader(path).pages) > 0
        elif path.suffix == ".pptx":
            assert len(Presentation(str(path)).slides) > 0


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_build_leaves_the_previous_output_and_no_debris(tmp_path, sig):
    out = tmp_path / "out"
    build(SAMPLE, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    big = _big_outline(tmp_path)
    for delay in (0.35, 0.6, 0.9):
        process = subprocess.Popen([sys.executable, "-m", "generator", "build", str(big), "-o", str(out)],
                                   cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        time.sleep(delay)
        os.killpg(process.pid, sig)
        _, err = process.communicate(timeout=30)
        assert b"Traceback" not in err
        if sig == signal.SIGKILL:  # nothing can run after a SIGKILL: the next build's cleanup finishes its work
            recover(out)
        assert sorted(p.name for p in out.iterdir()) == sorted(before)
        now = {p.name: p.read_bytes() for p in out.iterdir()}
        changed = {name for name in now if now[name] != before[name]}
        # all old (interrupted before the outputs were renamed) or all new (after): never a mixed pair
        assert changed in (set(), set(now)), (changed, process.returncode)
        before = now
    _valid(out)


def test_two_builds_of_the_same_outline_at_once_both_end_with_valid_files(tmp_path):
    out = tmp_path / "out"
    big = _big_outline(tmp_path, 10)
    argv = [sys.executable, "-m", "generator", "build", str(big), "-o", str(out), "-q"]
    processes = [subprocess.Popen(argv, cwd=ROOT) for _ in range(2)]
    assert [p.wait(timeout=60) for p in processes] == [0, 0]
    assert sorted(p.name for p in out.iterdir()) == ["us-troops-korea.pdf", "us-troops-korea.pptx"]
    _valid(out)


def test_zero_width_and_bidi_controls_are_kept_but_not_drawn_as_boxes(write_outline, tmp_path):
    path = write_outline('title: "Zero\\u200bwidth and \\u202Ebidi\\u202C"\nsections:\n'
                         '  - title: "Joiner\\u200d and soft\\u00adhyphen"\n    content: ["A \\u2066b\\u2069 c."]\n')
    doc = load_outline(path)
    assert "\u200b" in doc.title.plain and "\u202e" in doc.title.plain
    result = build(path, tmp_path / "out")
    from pptx import Presentation
    from pypdf import PdfReader

    pdf = next(p for p in result.written if p.suffix == ".pdf")
    assert "\u25a0" not in PdfReader(pdf).pages[0].extract_text()
    deck = Presentation(str(next(p for p in result.written if p.suffix == ".pptx")))
    assert "Zero\u200bwidth" in deck.slides[0].shapes.title.text if deck.slides[0].shapes.title else True


@pytest.mark.parametrize("escape", ["\\x00", "\\x08", "\\x0b", "\\ud800", "\\uffff"])
def test_characters_xml_cannot_hold_are_rejected_with_a_position(write_outline, escape):
    path = write_outline(f'title: T\nsections:\n  - title: "bad {escape} here"\n')
    with pytest.raises(InputError) as caught:
        load_outline(path)
    message = str(caught.value)
    # libyaml refuses a lone surrogate escape itself; the other characters reach our own check
    assert message.startswith(f"{path}:3:") and ("control characters" in message or "invalid Unicode" in message)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,hi",
                                 "JaVaScRiPt:x", "vbscript:x"])
def test_only_http_https_and_mailto_become_links(write_outline, url):
    path = write_outline(f"title: T\nsections:\n  - title: A\n    content:\n      - 'See [x]({url}).'\n")
    with pytest.raises(InputError, match="not allowed"):
        load_outline(path)


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims a size; its data is a single empty row (enough to identify it)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0")) + \
        chunk(b"IEND", b"")


def test_decompression_bombs_and_absurd_sizes_are_refused(write_outline):
    path = write_outline("title: T\nsections:\n  - title: A\n    content:\n      - image: {path: bomb.png, alt: x}\n")
    (path.parent / "bomb.png").write_bytes(_png_header(100_000, 100_000))
    with pytest.raises(InputError, match="pixels"):
        load_outline(path)
