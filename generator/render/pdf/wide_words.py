"""reportlab's measuring of words made cheap: wide words split at a fraction of the cost, widths remembered.

Stage: used by ``para`` (installed once into reportlab's paragraph module; text in, line pieces
out). reportlab breaks a word wider than its line (a 5,000-character code, a long URL) with
``_splitWord``, which measures the word character by character with ``stringWidth``, and does
so again at every page the paragraph is split at: a 2 MB outline of such words made 6 million
``stringWidth`` calls, most of the brief's 9 s. This finds the same split points with the
same floating point sums in the same order (byte for byte the same pieces), reading each
character's width from a table filled once per font and size, adding them up with
``accumulate`` and finding each line's end by bisection instead of a Python step a character.
Like reportlab's, it inserts nothing: the word's pieces print exactly as typed, one per line.

It also remembers the widths reportlab's paragraphs ask for (``string_width``): a paragraph
with a footnote mark or any styled run is measured word by word, 1.2 million measurements
for 5,000 footnoted paragraphs, most of them of the same words.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from functools import cache, lru_cache
from itertools import accumulate
from typing import Any, cast

from reportlab.platypus import paragraph

REPORTLAB_SPLIT_WORD = paragraph._splitWord  # what split_word replaces (tests compare the two)
_WINDOW = 64  # characters first tried on a line (then the last line's length and a few)


@lru_cache(maxsize=64)
def _char_widths(word: str, font_name: str, font_size: float, encoding: str) -> array[float]:
    """Return the width of each character of ``word``: a wide word is split again at every page it spans."""
    table = _table(font_name, font_size, encoding)
    for char in set(word) - table.keys():
        table[char] = paragraph.stringWidth(char, font_name, font_size, encoding)
    return array("d", [table[char] for char in word])


@cache
def _table(font_name: str, font_size: float, encoding: str) -> dict[str, float]:
    """Return the character widths met so far in one font and size."""
    return {}


def split_word(w: Any, lineWidth: float, maxWidths: list[float], lineno: int, fontName: str,  # noqa: N803
               fontSize: float, encoding: str = "utf8") -> list[Any]:
    """Return ``w`` cut into pieces that fit the lines from ``lineno`` on (reportlab's ``_splitWord``).

    reportlab adds each character's width to the line's and cuts before the first that takes
    it past the line's width; here ``accumulate`` adds the same widths in the same order over
    a window of characters and bisection finds that first one.
    """
    pieces: list[Any] = []
    last_line = len(maxWidths) - 1
    max_width = maxWidths[min(last_line, lineno)]
    max_width_next = maxWidths[min(last_line, lineno + 1)]
    if isinstance(w, bytes):
        w = w.decode(encoding)
    bidi = paragraph.isBidiStr(w)
    widths = _char_widths(str(w), fontName, fontSize, encoding)
    start = index = 0
    window = _WINDOW
    while index < len(widths):
        sums = list(accumulate(widths[index:index + window], initial=lineWidth))
        fit = bisect_right(sums, max_width, 1) - 1  # the sums only grow: this many characters fit
        if fit == len(sums) - 1:
            index, lineWidth, window = index + fit, sums[-1], window * 2
            continue
        index += fit  # the first character past the line's width
        if index > start or widths[index] <= max_width_next:
            piece = paragraph._SplitWord(w[start:index])
            pieces.append(paragraph.bidiStrWrap(piece, w) if bidi else piece)
            lineno += 1
            max_width = maxWidths[min(last_line, lineno)]
            start, lineWidth = index, widths[index]
        else:
            lineWidth = sums[fit + 1]
        index, window = index + 1, fit + _WINDOW // 8
    end = paragraph._SplitWordEnd(w[start:])
    pieces.append(paragraph.bidiStrWrap(end, w) if bidi else end)
    return pieces


@lru_cache(maxsize=32768)
def string_width(text: str, font_name: str, font_size: float, encoding: str = "utf8") -> float:
    """Return reportlab's width of ``text``, remembered: paragraphs measure the same words again and again.

    A font name, once registered, always means the same font (``theme.fonts`` never registers a
    name twice), so a width never changes within a process.
    """
    return cast(float, _REPORTLAB_STRING_WIDTH(text, font_name, font_size, encoding))


_REPORTLAB_STRING_WIDTH = paragraph.stringWidth


def install() -> None:
    """Make reportlab's paragraphs split wide words with ``split_word`` and remember the widths of words."""
    paragraph._splitWord = split_word
    paragraph.stringWidth = string_width
