"""The worst outlines within the documented limits: the shapes that cost the build most per byte.

Stage: test helper (a folder in, outline files out). Shared by the suite
(tests/pipeline/test_limits.py builds some of them and checks their memory) and by
``python3 -m tests.worst_case``, which times every one of them. Each writes one outline of just
under the 2 MB limit (or at the part or section limit, whichever comes first).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PIL import Image as PILImage

HEAD = "title: T\nsections:\n  - title: S\n    content:\n"
LIMIT_BYTES = 2_000_000
WORD = "abcdefghij" * 500  # 5,000 characters, the longest word allowed


def _write(folder: Path, name: str, body: str, head: str = HEAD) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(head + body, encoding="utf-8")
    assert path.stat().st_size < LIMIT_BYTES, (name, path.stat().st_size)
    return path


def long_words(folder: Path) -> Path:
    """One paragraph of 390 words of 5,000 characters: each is wider than many lines."""
    return _write(folder, "words", "      - " + " ".join([WORD] * 390) + "\n")


def bullets(folder: Path) -> Path:
    """4,990 bullets of 60 words in one list: the deck measures every one at every size."""
    line = " ".join(f"w{i % 97}{i % 10}" for i in range(60))
    return _write(folder, "bullets", "      - points:\n" + "".join(f"          - {line}\n" for _ in range(4_990)))


def quotes(folder: Path) -> Path:
    """450 long callouts and 450 long quotes in 50 sections: boxes split over pages and slides."""
    quote = " ".join(f"w{i % 97}" for i in range(400))
    return _write(folder, "quotes", "".join(f"  - title: S{s}\n    content:\n" + "".join(
        f"      - callout: {{title: C, text: {quote}}}\n      - quote: {{text: {quote}, by: X}}\n" for _ in range(9))
        for s in range(50)), head="title: T\nsections:\n")


def footnotes(folder: Path) -> Path:
    """4,990 paragraphs of about 75 words, each with a footnote: notes placed at the foot of every page."""
    text = " ".join(f"w{i % 97}" for i in range(72))
    note = " ".join(f"n{i % 31}" for i in range(20))
    return _write(folder, "footnotes", "".join(f"      - \"{text} {n}[^{note} {n}.] end.\"\n" for n in range(4_990)))


def mixed_words(folder: Path) -> Path:
    """One paragraph mixing 39 words of 5,000 characters with about 430,000 ordinary words."""
    ordinary = " ".join(f"w{i % 97}" for i in range(11_000))
    return _write(folder, "mixed", "      - \"" + " ".join(f"{ordinary} {WORD}" for _ in range(39)) + "\"\n")


def cell_words(folder: Path) -> Path:
    """A table whose 3,600 cells each hold a 500-character word: every cell is wider than its column."""
    cell = WORD[:500]
    row = "          - [" + ", ".join([cell] * 3) + "]\n"
    return _write(folder, "cells", "      - table:\n          columns: [A, B, C]\n          rows:\n" + row * 1_200)


def big_cell(folder: Path) -> Path:
    """One table cell of 1.9 MB of sentences: a row that spans hundreds of pages (found by the fuzz campaign)."""
    sentence = " ".join(f"w{i % 97}" for i in range(15)) + ". "
    return _write(folder, "bigcell", "      - table:\n          columns: [A, B]\n          rows:\n"
                  f"            - [{sentence * 37_000}, '1']\n")


def bullet_words(folder: Path) -> Path:
    """390 bullets of one 5,000-character word each."""
    return _write(folder, "bulletwords", "      - points:\n" + f"          - {WORD}\n" * 390)


def quote_words(folder: Path) -> Path:
    """390 quotes and callouts of one 5,000-character word each."""
    blocks = [f"      - quote: {{text: {WORD}, by: X}}\n", f"      - callout: {{title: C, text: {WORD}}}\n"]
    return _write(folder, "quotewords", "".join(blocks[n % 2] for n in range(390)))


def han(folder: Path) -> Path:
    """Han text without a space: 600 paragraphs of 1,000 characters (3 bytes each)."""
    text = "".join(chr(0x4E00 + (i * 7) % 2_000) for i in range(1_000))
    return _write(folder, "han", f"      - {text}\n" * 600, head="title: T\nlanguage: zh\nsections:\n"
                                                                 "  - title: S\n    content:\n")


def sections(folder: Path) -> Path:
    """1,000 sections (the limit), each with a heading, a key, a subheading, a paragraph and a callout."""
    text = " ".join(f"w{i % 97}" for i in range(400))
    section = ("  - title: Section {n}\n    key: The point of section {n}\n    content:\n"
               f"      - heading: Part {{n}}\n      - {text}\n"
               "      - callout: {{title: C, text: An aside of section {n}.}}\n")
    return _write(folder, "sections", "".join(section.format(n=n) for n in range(1_000)), head="title: T\nsections:\n")


def images(folder: Path) -> Path:
    """1,600 image blocks in 320 sections, naming five small pictures."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(5):
        PILImage.new("RGB", (400 + 50 * n, 300), (40 * n, 80, 120)).save(folder / f"i{n}.png")
    return _write(folder, "images", "".join(f"  - title: S{s}\n    content:\n" + "".join(
        f"      - image: {{path: i{(s + i) % 5}.png, alt: picture {i}, caption: Figure caption {i}}}\n"
        for i in range(5)) for s in range(320)), head="title: T\nsections:\n")


SHAPES: dict[str, Callable[[Path], Path]] = {
    "words": long_words, "bullets": bullets, "quotes": quotes, "footnotes": footnotes, "mixed": mixed_words,
    "cells": cell_words, "bigcell": big_cell, "bulletwords": bullet_words, "quotewords": quote_words, "han": han,
    "sections": sections, "images": images,
}
