"""Share a table's width out among its columns, by what the cells hold.

Stage: model.Table and the brief's styles in, column widths (points) out, for the table builder
(``blocks``) and for the grid's choice of whether a table needs the side margin at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from reportlab.lib.styles import ParagraphStyle

from generator import model
from generator.render.pdf.style import BriefStyles
from generator.render.pdf.text import TextSetter, runs_width

# characters set on a whole em: hangul jamo and syllables, CJK radicals to Yi, compatibility ideographs,
# vertical and full-width forms, and the supplementary ideographic planes (compiled only when a cell
# may hold one of the later ones: tens of thousands of characters make it some 4 ms to compile)
_WIDE = ("[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60"
         "\uffe0-\uffe6\U00020000-\U0003fffd]")
_JAMO = re.compile("[\u1100-\u115f]")  # the only wide characters before U+2E80


@cache
def _wide() -> re.Pattern[str]:
    return re.compile(_WIDE)


def _wide_count(plain: str) -> int:
    """Return how many of ``plain``'s characters are wide, looking for them only where they may be."""
    top = max(plain, default="")
    if top < "\u1100":
        return 0
    return len((_JAMO if top < "\u2e80" else _wide()).findall(plain))


def _extents(table: model.Table, st: BriefStyles, text: TextSetter, width_pt: float) -> tuple[list[float], list[float]]:
    """Return each column's natural width (its longest cell on one line) and its minimum (its longest word)."""
    pad = 2 * st.cell.fontSize * 0.6
    cells = [list(table.columns), *(list(row) for row in table.rows)]
    count = len(table.columns)
    natural = [0.0] * count
    minimum = [0.0] * count
    for r, row in enumerate(cells):
        style = st.cell_head if r == 0 else st.cell
        for c, cell in enumerate(row[:count]):
            plain = cell.plain
            natural[c] = max(natural[c], _measure(plain, style, text) + pad)
            longest = max(plain.split(), key=len, default="")
            minimum[c] = max(minimum[c], min(_measure(longest, style, text), width_pt / count) + pad)
    return natural, minimum


def natural_width_pt(table: model.Table, st: BriefStyles, text: TextSetter) -> float:
    """Return the width the table takes with every cell on one line."""
    return sum(_extents(table, st, text, 0x7FFFFFFF)[0])


def column_widths(table: model.Table, st: BriefStyles, text: TextSetter, width_pt: float) -> list[float]:
    """Share ``width_pt`` out by content: wide text gets room, no column narrower than its longest word."""
    natural, minimum = _extents(table, st, text, width_pt)
    count, total = len(table.columns), width_pt
    if sum(natural) <= total:
        return [w * total / sum(natural) for w in natural] if sum(natural) else [total / count] * count
    if sum(minimum) >= total:
        return [w * total / sum(minimum) for w in minimum]
    spare = total - sum(minimum)
    wants = [max(n - m, 0.0) for n, m in zip(natural, minimum, strict=True)]
    return [m + spare * w / sum(wants) for m, w in zip(minimum, wants, strict=True)]


def tallest_row_pt(rows: Sequence[Sequence[model.RichText]], widths: list[float], style: ParagraphStyle) -> float:
    """Estimate the tallest row cheaply: rows near a page tall may split.

    A character is taken as half an em, and a wide one (Han, kana, hangul, full-width forms) as a
    whole em: counted at half, a cell of hangul looked half its height, was not allowed to split,
    and could not be placed at all (found by the fuzz campaign, ``--generator long`` seed 91 case 299).
    """
    return max(
        (max((len(cell.plain) + _wide_count(cell.plain)) * style.fontSize * 0.5 / width
             for cell, width in zip(row, widths, strict=True)) + 1) * style.leading
        for row in rows
    )


def _measure(plain: str, style: ParagraphStyle, text: TextSetter) -> float:
    return runs_width(text.runs(plain, style.fontName), style.fontSize)
