"""Words wider than the line, split where reportlab splits them, at a fraction of the cost.

Stage: used by ``para`` (installed once into reportlab's paragraph module; text in, line pieces
out). reportlab breaks a word wider than its line (a 5,000-character code, a long URL) with
``_splitWord``, which measures the word character by character with ``stringWidth``, and does
so again at every page the paragraph is split at: a 2 MB outline of such words made 6 million
``stringWidth`` calls, most of the brief's 9 s. This is the same loop, with the same floating
point sums in the same order (so the same split points, byte for byte), reading each
character's width from a table filled once per font and size, and cutting pieces by slicing
rather than adding a character at a time. Like reportlab's, it inserts nothing: the word's
pieces print exactly as typed, one per line.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from reportlab.platypus import paragraph


@cache
def _widths(font_name: str, font_size: float, encoding: str) -> dict[str, float]:
    """Return the table of character widths for one font and size (filled as characters are met)."""
    return {}


def split_word(w: Any, lineWidth: float, maxWidths: list[float], lineno: int, fontName: str,  # noqa: N803
               fontSize: float, encoding: str = "utf8") -> list[Any]:
    """Return ``w`` cut into pieces that fit the lines from ``lineno`` on (reportlab's ``_splitWord``)."""
    pieces: list[Any] = []
    last_line = len(maxWidths) - 1
    max_width = maxWidths[min(last_line, lineno)]
    max_width_next = maxWidths[min(last_line, lineno + 1)]
    if isinstance(w, bytes):
        w = w.decode(encoding)
    bidi = paragraph.isBidiStr(w)
    widths = _widths(fontName, fontSize, encoding)
    start = 0
    for index, char in enumerate(w):
        width = widths.get(char)
        if width is None:
            width = widths[char] = paragraph.stringWidth(char, fontName, fontSize, encoding)
        new_line_width = lineWidth + width
        if new_line_width > max_width and (index > start or width <= max_width_next):
            piece = paragraph._SplitWord(w[start:index])
            pieces.append(paragraph.bidiStrWrap(piece, w) if bidi else piece)
            lineno += 1
            max_width = maxWidths[min(last_line, lineno)]
            new_line_width = width
            start = index
        lineWidth = new_line_width
    end = paragraph._SplitWordEnd(w[start:])
    pieces.append(paragraph.bidiStrWrap(end, w) if bidi else end)
    return pieces


def install() -> None:
    """Make reportlab's paragraphs split wide words with ``split_word`` (same pieces, measured once)."""
    paragraph._splitWord = split_word
