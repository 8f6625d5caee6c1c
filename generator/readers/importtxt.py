"""Importing a plain-text article: a ``.txt`` file in, a ``Draft`` outline out.

Stage: used by ``briefdeck import``. Plain text has no markup, so its structure is read from
its lines: a short line with no final punctuation followed by text is a heading, a line
starting ``- `` (or ``* ``, ``• ``) is a bullet (indented: a sub-bullet), anything else is
prose. When the file separates paragraphs by blank lines, the lines between are one paragraph.
"""

from __future__ import annotations

from pathlib import Path

from generator.readers.draft import Draft

HEADING_MAX_WORDS = 14
HEADING_MAX_CHARS = 100
_BULLETS = ("- ", "* ", "\u2022 ")


def _bullet(line: str) -> tuple[int, str] | None:
    stripped = line.lstrip()
    for mark in _BULLETS:
        if stripped.startswith(mark):
            indent = len(line) - len(stripped)
            return (1 if indent >= 2 else 0), stripped[len(mark):]
    return None


def _looks_like_heading(line: str, following: str | None) -> bool:
    text = line.strip()
    return (bool(text) and following is not None and bool(following.strip()) and _bullet(line) is None
            and len(text) <= HEADING_MAX_CHARS and len(text.split()) <= HEADING_MAX_WORDS
            and not text.endswith((".", ",", ";", ":", "!", "?", "\u201d", '"')))


def import_txt(path: Path) -> Draft:
    """Return the draft outline of a plain-text file."""
    lines = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n")
    joined = any(not line.strip() for line in lines[:-1] if lines)
    draft = Draft(path.stem)
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            draft.paragraph(" ".join(paragraph))
            paragraph.clear()

    for index, line in enumerate(lines):
        following = next((n for n in lines[index + 1:] if n.strip()), None)
        bullet = _bullet(line)
        if not line.strip():
            flush()
        elif bullet is not None:
            flush()
            draft.bullet(bullet[1], level=bullet[0])
        elif _looks_like_heading(line, following) and not paragraph:
            draft.heading(line)
        elif joined:
            paragraph.append(line.strip())
        else:
            draft.paragraph(line)
    flush()
    return draft
