"""Table slides: column widths from measured text, row heights measured, each slide filled in turn.

Stage: part of the pure deck planner (one Table block in, its slides out, or a short table
in a box beside bullets). Every slide repeats the header and says "(cont.)" after the
first, its caption "(continued)"; rows never shrink below the table size, they move to the
next slide instead, and the last slide keeps a few rows rather than one. A table that needs
more slides than the theme's ``deck.table-slides`` shows the rows that fill that many, says
under the last which rows it shows and that the brief has them all, and lists the rest in
that slide's notes, so no cell of the outline is missing from the deck file. Columns are as
wide as their text needs (a little more to breathe), not stretched across the slide. Row
heights are what the cell text needs, so a renderer that grows rows to fit their text
(PowerPoint does) grows none of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import msgspec
from msgspec import Struct

from generator.deck.layout import TEXT_INSETS
from generator.deck.model import (
    Align,
    Box,
    BulletSlide,
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
    TwoContentSlide,
)
from generator.deck.parts import NOTE_MIN_PT, Context, HeadingSource, area, source_note
from generator.deck.text import (
    clean_notes,
    fit_text,
    inner,
    notes_text,
    para,
    paras_height_pt,
    rich_runs,
    sizes_between,
)
from generator.model import Table
from generator.theme.measure import WRAP_SAFETY, line_count, line_pitch_pt, runs_width_pt, width_pt

TABLE_MAX_PT = 14.0
TABLE_MIN_PT = 9.0
MARGINS = Insets(6.0, 4.0, 6.0, 4.0)
TWO_UP_GAP_PT = 36.0  # between the parts of a narrow table set side by side
MAX_ACROSS = 3  # a narrow table stands at most this many times side by side
MIN_LAST_ROWS = 3  # the last slide of a split table gets at least this many rows when the rows allow
ROWS_NOTE_GAP_PT = 6.0  # between a cut table and the note saying which rows it shows
STRETCH_SHARE = 0.25  # a table narrower than its box widens by at most this share, to breathe
MAX_HEADER_SHARE = 0.4  # a header row taller than this share of the table area is cut to fit
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
    if sum(natural) <= total_pt:  # sized to the content: a short table is not stretched across the slide
        spare = min(total_pt - sum(natural), sum(natural) * STRETCH_SHARE)
        return [n + spare * n / sum(natural) for n in natural]
    stretch = [n - m for n, m in zip(natural, minimal, strict=True)]
    room = total_pt - sum(minimal)
    return [m + room * s / sum(stretch) for m, s in zip(minimal, stretch, strict=True)]


def _natural(grid: Sequence[Sequence[tuple[Run, ...]]], ctx: Context, size_pt: float) -> list[float]:
    """Return each column's width with every cell on one line."""
    pad = MARGINS.left_pt + MARGINS.right_pt
    face = ctx.faces.face(FontRole.BODY)
    return [max(runs_width_pt(cell, face, size_pt) for cell in column) / WRAP_SAFETY + pad + 1.0
            for column in zip(*grid, strict=True)]


def _numeric(column: Sequence[tuple[Run, ...]]) -> bool:
    texts = ["".join(run.text for run in cell) for cell in column]
    return any(texts) and all(_NUMBER.match(text) for text in texts if text)


def _row_height(cells: Sequence[Para], widths: Sequence[float], ctx: Context) -> float:
    pad = MARGINS.top_pt + MARGINS.bottom_pt
    face = ctx.faces.face(FontRole.BODY)
    lines = max(line_count(cell.runs, face, cell.size_pt, width - MARGINS.left_pt - MARGINS.right_pt)
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


class _Grid(Struct, frozen=True):
    """A table measured for one width: text size, column widths, the header and every row with its height."""

    size_pt: float
    widths: tuple[float, ...]
    header: tuple[Para, ...]
    header_h: float
    rows: tuple[tuple[Para, ...], ...]
    heights: tuple[float, ...]
    natural: bool  # the columns have all the width their text needs on one line each
    natural_w: float  # the width that needs


def _caption(ctx: Context, block: Table, box: Box, continued: bool = False) -> TextFrame | None:
    if not block.caption:
        return None
    layout = ctx.layout
    frame = Box(box.x_pt, box.y_pt, box.w_pt, line_pitch_pt(layout.kicker_pt) + 4.0)
    runs = rich_runs(block.caption, ctx.doc, bold=True)
    if continued:
        runs = (*runs, Run(f" {ctx.labels.continued}"))
    fitted = fit_text(runs, frame, TEXT_INSETS, ctx.faces, FontRole.BODY,
                      ColorRole.MUTED, layout.kicker_pt, min(layout.kicker_pt, 9.0))
    return TextFrame(frame, (fitted.para,), TEXT_INSETS)


def _grid(ctx: Context, block: Table, width_pt: float, room_pt: float, warn: bool) -> _Grid:
    """Return the table measured for ``width_pt``: columns sized to their content, never wider than it needs."""
    layout = ctx.layout
    header_runs = [rich_runs(column, ctx.doc, bold=True) for column in block.columns]
    last = len(block.rows) - 1
    body_runs = [[rich_runs(cell, ctx.doc, bold=block.total and r == last) for cell in row]
                 for r, row in enumerate(block.rows)]
    grid = [header_runs, *body_runs]
    top = min(TABLE_MAX_PT, layout.min_body_pt)
    size, widths = top, None
    for size in sizes_between(top, TABLE_MIN_PT):
        widths = _widths(grid, ctx, size, width_pt)
        if widths is not None:
            break
    if widths is None:
        pad = MARGINS.left_pt + MARGINS.right_pt
        widths = [max(width_pt / len(block.columns), pad + 1.0)] * len(block.columns)
    if size < top and warn:
        ctx.warn(block.line, block.origin, f"table text set at {size:g} pt so its columns fit the slide")
    widths = [round(w, 2) for w in widths]
    total = min(width_pt, round(sum(widths), 2))
    widths[-1] = round(total - sum(widths[:-1]), 2)
    natural_w = sum(_natural(grid, ctx, size))
    aligns = [Align.RIGHT if _numeric([row[i] for row in body_runs]) else Align.LEFT
              for i in range(len(block.columns))]
    header = tuple(para(runs, size, FontRole.BODY, ColorRole.ON_PRIMARY, align)
                   for runs, align in zip(header_runs, aligns, strict=True))
    header_h = _row_height(header, widths, ctx)
    if header_h > room_pt * MAX_HEADER_SHARE:  # leave the body rows most of the slide
        header = _capped(header, widths, ctx, room_pt * MAX_HEADER_SHARE, block) if warn else header
        header_h = min(_row_height(header, widths, ctx), round(room_pt * MAX_HEADER_SHARE, 2))
    room = room_pt - header_h
    rows: list[tuple[Para, ...]] = []
    heights: list[float] = []
    for row in body_runs:
        cells = tuple(para(runs, size, FontRole.BODY, ColorRole.TEXT, align)
                      for runs, align in zip(row, aligns, strict=True))
        height = _row_height(cells, widths, ctx)
        if height > room:
            cells = _capped(cells, widths, ctx, room, block) if warn else cells
            height = min(_row_height(cells, widths, ctx), room)
        rows.append(cells)
        heights.append(height)
    return _Grid(size, tuple(widths), header, header_h, tuple(rows), tuple(heights), natural_w <= width_pt + 1e-6,
                 natural_w)


def _planned(grid: _Grid, box: Box, start: int, count: int) -> PlannedTable:
    page_heights = grid.heights[start : start + count]
    page_rows = tuple(tuple(Cell((cell,)) for cell in row) for row in grid.rows[start : start + count])
    table_box = Box(box.x_pt, box.y_pt, round(sum(grid.widths), 2), round(grid.header_h + sum(page_heights), 2))
    return PlannedTable(table_box, grid.widths, tuple(Cell((cell,)) for cell in grid.header), grid.header_h,
                        page_rows, page_heights, MARGINS)


def table_part(ctx: Context, block: Table, box: Box, max_rows: int) -> tuple[PlannedTable, TextFrame | None] | None:
    """Return a short table on one page in ``box`` (beside bullets), or None when it does not fit there."""
    if len(block.rows) > max_rows:
        return None
    caption = _caption(ctx, block, box)
    top = caption.box.bottom_pt + 6.0 if caption else box.y_pt
    room = box.bottom_pt - top
    grid = _grid(ctx, block, box.w_pt, room, warn=False)
    if not grid.natural or grid.header_h + sum(grid.heights) > room + 1e-6:
        return None
    return _planned(grid, Box(box.x_pt, top, box.w_pt, room), 0, len(grid.rows)), caption


def _fill(heights: Sequence[float], room: Callable[[int], float], balance: bool = True) -> list[int]:
    """Return rows per column of rows: each filled to ``room(column)``, the last given at least a few rows."""
    counts: list[int] = []
    used = 0.0
    for height in heights:
        if counts and used + height <= room(len(counts) - 1) + 1e-6:
            counts[-1] += 1
            used += height
        else:
            counts.append(1)
            used = height
    while balance and len(counts) > 1 and counts[-1] < MIN_LAST_ROWS and counts[-2] > MIN_LAST_ROWS:
        start = sum(counts[:-2])
        moved = heights[start + counts[-2] - 1]
        last = sum(heights[start + counts[-2] :])
        if last + moved > room(len(counts) - 1) + 1e-6:
            break
        counts[-2] -= 1
        counts[-1] += 1
    return counts or [0]


def _shared(page: list[int], begin: int, heights: Sequence[float], room_pt: float) -> list[int]:
    """Return the last slide's rows shared evenly between its columns (as many as still get a few rows each)."""
    total = sum(page)
    for columns in range(len(page), 1, -1):
        if total < columns * MIN_LAST_ROWS:
            continue
        even = [total // columns + (1 if i < total % columns else 0) for i in range(columns)]
        starts = [begin + sum(even[:i]) for i in range(columns)]
        if all(sum(heights[a : a + n]) <= room_pt + 1e-6 for a, n in zip(starts, even, strict=True)):
            return even
    return page if sum(heights[begin : begin + total]) > room_pt + 1e-6 else [total]


def _rows_frame(ctx: Context, shown: int, total: int, width_pt: float) -> TextFrame:
    """Return the note under a cut table (at the top of a box ``width_pt`` wide; the caller moves it)."""
    size = ctx.layout.note_pt
    runs = (Run(ctx.labels.rows_of(1, shown, total), italic=True),)
    height = round(paras_height_pt((para(runs, size, FontRole.BODY, ColorRole.MUTED),), ctx.faces,
                                   width_pt - TEXT_INSETS.left_pt - TEXT_INSETS.right_pt)
                   + TEXT_INSETS.top_pt + TEXT_INSETS.bottom_pt + 1.0, 2)
    box = Box(0.0, 0.0, width_pt, height)
    fitted = fit_text(runs, box, TEXT_INSETS, ctx.faces, FontRole.BODY, ColorRole.MUTED, size, min(size, NOTE_MIN_PT))
    return TextFrame(box, (fitted.para,), TEXT_INSETS)


def _left_out(ctx: Context, block: Table, shown: int) -> str:
    """Return the header and the rows a cut table leaves off its slides, one plain line each."""
    lines = [" | ".join(notes_text(cell, ctx.doc) for cell in row) for row in (block.columns, *block.rows[shown:])]
    return clean_notes("\n".join(lines))


def _moved(frame: TextFrame, x_pt: float, y_pt: float) -> TextFrame:
    return msgspec.structs.replace(frame, box=Box(round(x_pt, 2), round(y_pt, 2), frame.box.w_pt, frame.box.h_pt))


def table_slides(ctx: Context, heads: HeadingSource, block: Table, lead: BulletSlide | None = None) -> list[Slide]:
    """Return the table's slides: header repeated, each slide filled before the next, nothing overflowing.

    A table narrow enough to stand two or three times side by side does so when it needs
    more than one slide (fewer slides, none of them mostly empty); a short list (``lead``) of the section
    sits above the table on its first slide instead of on a slide of its own.
    """
    layout = ctx.layout
    note = source_note(ctx, [block.source], block.origin, block.line)
    first = area(layout, heads.get(), note is not None)
    lead_h = 0.0
    if lead is not None:
        lead_h = round(paras_height_pt(lead.body.paras, ctx.faces, inner(first, TEXT_INSETS)[0])
                       + TEXT_INSETS.top_pt + TEXT_INSETS.bottom_pt + 1.0, 2)
    caption = None if heads.get().title.text == (block.caption.plain if block.caption else None) else \
        _caption(ctx, block, first)
    lift = caption.box.h_pt + 6.0 if caption else 0.0
    trial = Context(ctx.doc, ctx.theme, ctx.layout, ctx.faces)  # keeps the warnings of the grid that is used
    grid = _grid(trial, block, first.w_pt, first.h_pt - lift, warn=True)
    later, across = first.h_pt, 1
    counts = _fill(grid.heights, lambda column: first.h_pt - lift - grid.header_h - lead_h)
    if len(counts) > 1:
        later = min(first.h_pt, area(layout, heads.get(True), note is not None).h_pt)
        across = max(n for n in range(1, MAX_ACROSS + 1)
                     if n == 1 or n * grid.natural_w + (n - 1) * TWO_UP_GAP_PT <= first.w_pt + 1e-6)
        if across > 1:
            trial = Context(ctx.doc, ctx.theme, ctx.layout, ctx.faces)
            column_w = (first.w_pt - (across - 1) * TWO_UP_GAP_PT) / across
            grid = _grid(trial, block, column_w, min(first.h_pt, later) - lift, warn=True)
        counts = _fill(grid.heights, lambda column: (first.h_pt - lead_h if column < across else later) - lift
                       - grid.header_h)
    ctx.warnings += trial.warnings
    width = sum(grid.widths)
    pages = [counts[i : i + across] for i in range(0, len(counts), across)]
    limit = ctx.theme.deck.table_slides
    rows_note = None
    if limit and len(pages) > limit:  # the rows that fill ``limit`` slides, the last one leaving room for the note
        note_h = _rows_frame(ctx, len(block.rows), len(block.rows), first.w_pt).box.h_pt + ROWS_NOTE_GAP_PT
        counts = _fill(grid.heights, lambda column: (first.h_pt - lead_h if column < across else later) - lift
                       - grid.header_h - (note_h if column // across == limit - 1 else 0.0),
                       balance=False)[: limit * across]
        pages = [counts[i : i + across] for i in range(0, len(counts), across)]
        rows_note = _rows_frame(ctx, sum(counts), len(block.rows), first.w_pt)
        slides_said = f"{limit} slide{'s' if limit > 1 else ''}"
        ctx.warn(block.line, block.origin, f"table of {len(block.rows)} rows needs more than {slides_said} (theme "
                                           f"deck.table-slides): rows 1-{sum(counts)} on the slides, the rest in "
                                           "the speaker notes of the last")
    else:
        pages[-1] = _shared(pages[-1], sum(counts) - sum(pages[-1]), grid.heights,
                            (first.h_pt - lead_h if len(pages) == 1 else later) - lift - grid.header_h)
    if len(pages) > 1 and rows_note is None:
        ctx.warn(block.line, block.origin, f"table rows split over {len(pages)} slides "
                                           f"({'/'.join('+'.join(map(str, page)) for page in pages)})")
    slides: list[Slide] = []
    start = 0
    for index, page in enumerate(pages):
        heading = heads.get(index > 0)
        box = area(layout, heading, note is not None)
        body = None
        if lead is not None and index == 0:
            body = TextFrame(Box(box.x_pt, box.y_pt, box.w_pt, lead_h), lead.body.paras, TEXT_INSETS)
            box = Box(box.x_pt, box.y_pt + lead_h, box.w_pt, box.h_pt - lead_h)
        frame = None
        if caption is not None:
            frame = _caption(ctx, block, box, continued=index > 0)
            box = Box(box.x_pt, box.y_pt + lift, box.w_pt, box.h_pt - lift)
        tables = []
        for column, count in enumerate(page):
            x = box.x_pt + column * (width + TWO_UP_GAP_PT)
            tables.append(_planned(grid, Box(round(x, 2), box.y_pt, box.w_pt, box.h_pt), start, count))
            start += count
        said = None
        if rows_note is not None and index == len(pages) - 1:
            said = _moved(rows_note, box.x_pt, max(t.box.bottom_pt for t in tables) + ROWS_NOTE_GAP_PT)
        if len(tables) == 1 and body is None and said is None:
            slides.append(TableSlide(block.origin, block.line, heading, tables[0], frame, source_note=note))
            continue
        origins = (*(lead.origins if lead is not None and index == 0 else ()), block.origin)
        parts = (*((frame,) if frame else ()), *tables, *((said,) if said else ()))
        slide = TwoContentSlide(origins[0], block.line, heading, body, parts, note, origins)
        slides.append(msgspec.structs.replace(slide, notes=_left_out(ctx, block, start)) if said else slide)
    return slides
