"""Table slides: column widths from measured text, row heights measured, rows split evenly.

Stage: part of the pure deck planner (one Table block in, its slides out). Every slide
repeats the header and says "(cont.)" after the first; rows never shrink below the
table size, they move to the next slide instead. Row heights are what the cell text needs,
so a renderer that grows rows to fit their text (PowerPoint does) grows none of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.deck.flow import split_evenly
from generator.deck.layout import TEXT_INSETS
from generator.deck.model import (
    Align,
    Box,
    Cell,
    ColorRole,
    FontRole,
    Insets,
    Para,
    PlannedTable,
    Run,
    Slide,
    TableSlide,
    TextFrame,
)
from generator.deck.parts import Context, Heads
from generator.deck.text import fit_text, para, rich_runs, sizes_between
from generator.model import Table
from generator.theme.measure import WRAP_SAFETY, line_pitch_pt, runs_width_pt, width_pt, wrap

TABLE_MAX_PT = 14.0
TABLE_MIN_PT = 9.0
MARGINS = Insets(6.0, 4.0, 6.0, 4.0)
BREAKABLE_SHARE = 0.4  # a word wider than this share of the table may break between characters
_NUMBER = re.compile(r"^[\s(]*[-+\u2212]?[$\u20ac\u00a3]?[\d.,\s]+[%x\u00d7]?[)\s]*$")


def _word_width(runs: Sequence[Run], ctx: Context, size_pt: float) -> float:
    face = ctx.faces.face(FontRole.BODY)
    return max((width_pt(word, face, size_pt, run.bold, run.italic)
                for run in runs for word in run.text.split()), default=0.0)


def _widths(grid: Sequence[Sequence[tuple[Run, ...]]], ctx: Context, size_pt: float, total_pt: float
            ) -> list[float] | None:
    """Return column widths filling ``total_pt``, or None when the longest words do not fit."""
    pad = MARGINS.left_pt + MARGINS.right_pt
    face = ctx.faces.face(FontRole.BODY)
    columns = list(zip(*grid, strict=True))
    natural = [max(runs_width_pt(cell, face, size_pt) for cell in column) / WRAP_SAFETY + pad + 1.0
               for column in columns]
    minimal = [min(max(_word_width(cell, ctx, size_pt) for cell in column) / WRAP_SAFETY + pad + 1.0,
                   total_pt * BREAKABLE_SHARE) for column in columns]
    if sum(minimal) > total_pt:
        return None
    if sum(natural) <= total_pt:
        return [n + (total_pt - sum(natural)) * n / sum(natural) for n in natural]
    stretch = [n - m for n, m in zip(natural, minimal, strict=True)]
    room = total_pt - sum(minimal)
    return [m + room * s / sum(stretch) for m, s in zip(minimal, stretch, strict=True)]


def _numeric(column: Sequence[tuple[Run, ...]]) -> bool:
    texts = ["".join(run.text for run in cell) for cell in column]
    return any(texts) and all(_NUMBER.match(text) for text in texts if text)


def _row_height(cells: Sequence[Para], widths: Sequence[float], ctx: Context) -> float:
    pad = MARGINS.top_pt + MARGINS.bottom_pt
    face = ctx.faces.face(FontRole.BODY)
    lines = max(len(wrap(cell.runs, face, cell.size_pt, width - MARGINS.left_pt - MARGINS.right_pt))
                for cell, width in zip(cells, widths, strict=True))
    return round(lines * cells[0].line_pt + pad + 0.5, 2)


def _capped(cells: Sequence[Para], widths: Sequence[float], ctx: Context, room_pt: float, block: Table
            ) -> tuple[Para, ...]:
    """Cut the text of a row taller than a whole slide (a last resort, with a warning)."""
    out = []
    for cell, width in zip(cells, widths, strict=True):
        box = Box(0.0, 0.0, width, room_pt)
        fitted = fit_text(cell.runs, box, MARGINS, ctx.faces, cell.font, cell.color, cell.size_pt, cell.size_pt,
                          cell.align)
        out.append(fitted.para)
    ctx.warn(block.line, block.origin, "a table row too tall for a slide was cut to fit")
    return tuple(out)


def table_slides(ctx: Context, heads: Heads, block: Table) -> list[Slide]:
    """Return the table's slides: header repeated, rows shared out evenly, nothing overflowing."""
    layout = ctx.layout
    area = layout.body
    caption = None
    if block.caption:
        box = Box(area.x_pt, area.y_pt, area.w_pt, line_pitch_pt(layout.kicker_pt) + 4.0)
        fitted = fit_text(rich_runs(block.caption, ctx.doc, bold=True), box, TEXT_INSETS, ctx.faces, FontRole.BODY,
                          ColorRole.MUTED, layout.kicker_pt, min(layout.kicker_pt, 9.0))
        caption = TextFrame(box, (fitted.para,), TEXT_INSETS)
        area = Box(area.x_pt, box.bottom_pt + 6.0, area.w_pt, area.bottom_pt - box.bottom_pt - 6.0)
    header_runs = [rich_runs(column, ctx.doc, bold=True) for column in block.columns]
    body_runs = [[rich_runs(cell, ctx.doc) for cell in row] for row in block.rows]
    grid = [header_runs, *body_runs]
    top = min(TABLE_MAX_PT, layout.min_body_pt)
    size, widths = top, None
    for size in sizes_between(top, TABLE_MIN_PT):
        widths = _widths(grid, ctx, size, area.w_pt)
        if widths is not None:
            break
    if widths is None:
        pad = MARGINS.left_pt + MARGINS.right_pt
        widths = [area.w_pt / len(block.columns)] * len(block.columns)
        widths = [max(w, pad + 1.0) for w in widths]
    if size < top:
        ctx.warn(block.line, block.origin, f"table text set at {size:g} pt so its columns fit the slide")
    widths = [round(w, 2) for w in widths]
    widths[-1] = round(area.w_pt - sum(widths[:-1]), 2)
    aligns = [Align.RIGHT if _numeric([row[i] for row in body_runs]) else Align.LEFT
              for i in range(len(block.columns))]
    header = tuple(para(runs, size, FontRole.BODY, ColorRole.ON_PRIMARY, align)
                   for runs, align in zip(header_runs, aligns, strict=True))
    header_h = _row_height(header, widths, ctx)
    room = area.h_pt - header_h
    rows: list[tuple[Para, ...]] = []
    heights: list[float] = []
    for row in body_runs:
        cells = tuple(para(runs, size, FontRole.BODY, ColorRole.TEXT, align)
                      for runs, align in zip(row, aligns, strict=True))
        height = _row_height(cells, widths, ctx)
        if height > room:
            cells = _capped(cells, widths, ctx, room, block)
            height = min(_row_height(cells, widths, ctx), room)
        rows.append(cells)
        heights.append(height)
    counts = split_evenly(heights, room)
    if len(counts) > 1:
        ctx.warn(block.line, block.origin,
                 f"table rows split over {len(counts)} slides ({'/'.join(map(str, counts))})")
    slides: list[Slide] = []
    start = 0
    for index, count in enumerate(counts):
        page_heights = tuple(heights[start : start + count])
        page_rows = tuple(tuple(Cell((cell,)) for cell in row) for row in rows[start : start + count])
        start += count
        box = Box(area.x_pt, area.y_pt, area.w_pt, round(header_h + sum(page_heights), 2))
        table = PlannedTable(box, tuple(widths), tuple(Cell((cell,)) for cell in header), header_h, page_rows,
                             page_heights, MARGINS)
        slides.append(TableSlide(block.origin, block.line, heads.get(index > 0), table, caption))
    return slides

