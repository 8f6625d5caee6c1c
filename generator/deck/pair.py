"""Two-content slides: a section's bullets and one visual block on one slide.

Stage: part of the pure deck planner (bullet items and one block in, a TwoContentSlide or
None out). Spreading one message over a bullet slide and a chart slide with the same title
leaves both half empty; so when the bullets fit one column at the theme's sizes (down to
its minimum) and the block fits the other, they share a slide: text on the left, the visual
on the right. Figures may instead sit as a row under a short list. A callout that follows
a bullet slide with room under its list joins it there. Nothing here shrinks text below the
theme's minimum or cuts it: a block that does not fit gets its own slide as before.
"""

from __future__ import annotations

from collections.abc import Sequence

from msgspec import Struct

from generator.deck.blocks import (
    callout_panel,
    chart_notes,
    figure_cells,
    figures_height_pt,
    placed_image,
    planned_chart,
)
from generator.deck.flow import Flowed, Item, ListStyle, flow
from generator.deck.layout import TEXT_INSETS
from generator.deck.model import Box, BulletSlide, FiguresRow, Heading, Part, QuotePanel, TextFrame, TwoContentSlide
from generator.deck.parts import Context, HeadingSource, Heads, area, source_note
from generator.deck.quote import quote_panel
from generator.deck.table import table_part
from generator.deck.text import inner, paras_height_pt
from generator.model import Block, Callout, Chart, Figures, Image, Quote, Table
from generator.theme.measure import line_pitch_pt

GAP_PT = 36.0  # between the text column and the visual
TEXT_SHARE = {Chart: 0.44, Image: 0.44, Figures: 0.5, Table: 0.46, Callout: 0.5, Quote: 0.5}
MAX_CATEGORIES = 8  # a chart with more categories needs the slide's whole width
MAX_TABLE_ROWS = 8
MAX_SIDE_FIGURES = 3
MAX_ROW_FIGURES = 4
ROW_GAP_PT = 28.0  # between a short list and the row of figures under it
JOIN_GAP_PT = 20.0  # between a list and a callout panel joined under it


class Visual(Struct, frozen=True):
    """A visual block planned into a box beside or under bullets: its parts, source note and speaker notes."""

    parts: tuple[Part, ...]
    note: TextFrame | None
    notes: str = ""


def _one_page(ctx: Context, items: Sequence[Item], width_pt: float, height_pt: float) -> Flowed | None:
    """Return ``items`` on one page ``width_pt`` x ``height_pt``, uncut, or None when they need more."""
    layout = ctx.layout
    text_w, text_h = inner(Box(0, 0, width_pt, height_pt), TEXT_INSETS)
    if text_h < line_pitch_pt(layout.min_body_pt):  # not one line: flow() needs a page at least a line tall
        return None
    flowed = flow(items, ListStyle(layout.body_pt, layout.min_body_pt), ctx.faces, text_w, text_h)
    return flowed if len(flowed.pages) == 1 and not flowed.cut else None


def _sources(block: Block) -> list[str | None]:
    if isinstance(block, Figures):
        return [figure.source for figure in block.items]
    if isinstance(block, Chart | Quote):
        return [block.source]
    return []


def _visual(ctx: Context, block: Block, box: Box) -> Visual | None:
    """Return ``block`` planned in ``box`` beside bullets, or None when it does not fit there."""
    if isinstance(block, Chart):
        if len(block.categories) > MAX_CATEGORIES:
            return None
        return Visual((planned_chart(ctx, block, box),), None, chart_notes(block))
    if isinstance(block, Image):
        picture, caption = placed_image(ctx, block, box)
        return Visual((picture,) + ((caption,) if caption else ()), None)
    if isinstance(block, Table):
        table = table_part(ctx, block, box, MAX_TABLE_ROWS)
        return None if table is None else Visual((table[0],) + ((table[1],) if table[1] else ()), None)
    if isinstance(block, Callout):
        panel = callout_panel(ctx, block, box)
        return None if panel is None else Visual((panel,), None)
    if isinstance(block, Quote):
        quote = quote_panel(ctx, block, box)
        return None if quote is None else Visual((quote,), None)
    if isinstance(block, Figures):
        return _stacked_figures(ctx, block, box)
    return None


def _stacked_figures(ctx: Context, block: Figures, box: Box) -> Visual | None:
    """Return up to three figures stacked in a column, each value over its label."""
    count = len(block.items)
    if count > MAX_SIDE_FIGURES:
        return None
    step = (box.h_pt - (count - 1) * 12.0) / count
    cells = []
    for index, figure in enumerate(block.items):
        cell_box = Box(box.x_pt, round(box.y_pt + index * (step + 12.0), 2), box.w_pt, round(step, 2))
        trial = Context(ctx.doc, ctx.theme, ctx.layout, ctx.faces)
        made, cut = figure_cells(trial, block, [figure], cell_box, centre=False)
        if cut or figures_height_pt(ctx, made) > step + 1e-6:
            return None
        cells += made
    return Visual((FiguresRow(tuple(cells)),), None)


def _panel_bottom(panel: QuotePanel) -> float:
    return max(frame.box.bottom_pt for frame in (panel.mark, panel.quote, panel.attribution) if frame is not None)


def _figures_under(ctx: Context, heading: Heading, items: Sequence[Item], block: Figures, note: TextFrame | None,
                   aside: Quote | None) -> tuple[TextFrame, tuple[Part, ...]] | None:
    """Return a short list with the figures as a row under it (and ``aside`` beside the list), or None."""
    if len(block.items) > MAX_ROW_FIGURES:
        return None
    box = area(ctx.layout, heading, note is not None)
    trial = Context(ctx.doc, ctx.theme, ctx.layout, ctx.faces)
    least = ctx.layout.min_body_pt  # the row is measured with its labels at the smallest size they may take
    probe, cut = figure_cells(trial, block, list(block.items), box, False, least)
    if cut:
        return None
    row_h = figures_height_pt(ctx, probe)
    top_h = box.h_pt - row_h - ROW_GAP_PT
    text_w = box.w_pt if aside is None else round((box.w_pt - GAP_PT) / 2, 2)
    flowed = _one_page(ctx, items, text_w, top_h)
    if flowed is None:
        return None
    quote = None
    if aside is not None:
        quote = quote_panel(trial, aside, Box(round(box.x_pt + text_w + GAP_PT, 2), box.y_pt,
                                              round(box.w_pt - text_w - GAP_PT, 2), round(top_h, 2)))
        if quote is None:
            return None
    used = paras_height_pt(flowed.pages[0], ctx.faces, inner(Box(0, 0, text_w, 1), TEXT_INSETS)[0]) \
        + TEXT_INSETS.top_pt * 2
    body = TextFrame(Box(box.x_pt, box.y_pt, text_w, round(used + 1.0, 2)), flowed.pages[0], TEXT_INSETS)
    above = max(body.box.bottom_pt, _panel_bottom(quote) if quote else 0.0)
    for label_pt in (flowed.size_pt, least):  # labels as large as the bullets when the row still fits
        trial = Context(ctx.doc, ctx.theme, ctx.layout, ctx.faces)
        full, cut = figure_cells(trial, block, list(block.items), box, False, label_pt)
        height = figures_height_pt(ctx, full)
        if not cut and above + ROW_GAP_PT + height <= box.bottom_pt + 1e-6:
            break
    else:  # under the list as set, the row no longer fits even with its smallest labels
        return None
    top = above + max(ROW_GAP_PT, (box.bottom_pt - above - height) * 0.4)
    cells, _ = figure_cells(ctx, block, list(block.items), Box(box.x_pt, round(top, 2), box.w_pt,
                                                              round(box.bottom_pt - top, 2)), False, label_pt)
    return body, (FiguresRow(tuple(cells)), *((quote,) if quote else ()))


def paired_slide(ctx: Context, heads: Heads, items: Sequence[Item], block: Block, line: int,
                 aside: Block | None = None) -> TwoContentSlide | None:
    """Return the section's bullets and ``block`` on one slide, or None when they do not both fit.

    Figures under the list may take the quote after them (``aside``) beside the list; the
    slide's ``origins`` say whether it did.
    """
    heading = heads.get()
    origins = tuple(dict.fromkeys(item.origin for item in items))
    if isinstance(block, Figures):
        for quote in ([aside] if isinstance(aside, Quote) else []) + [None]:
            sources = _sources(block) + (_sources(quote) if quote else [])
            probe = source_note(Context(ctx.doc, ctx.theme, ctx.layout, ctx.faces), sources, block.origin,
                                block.line)
            under = _figures_under(ctx, heading, items, block, probe, quote)
            if under is not None:
                note = source_note(ctx, sources, block.origin, block.line)
                shown = (*origins, block.origin, *((quote.origin,) if quote else ()))
                return TwoContentSlide(origins[0], line, heading, under[0], under[1], note, shown)
    note = source_note(Context(ctx.doc, ctx.theme, ctx.layout, ctx.faces), _sources(block), block.origin,
                       block.line)
    share = TEXT_SHARE.get(type(block))
    if share is None:
        return None
    box = area(ctx.layout, heading, note is not None)
    text_w = round((box.w_pt - GAP_PT) * share, 2)
    flowed = _one_page(ctx, items, text_w, box.h_pt)
    if flowed is None:
        return None
    visual_box = Box(round(box.x_pt + text_w + GAP_PT, 2), box.y_pt, round(box.w_pt - text_w - GAP_PT, 2), box.h_pt)
    trial = Context(ctx.doc, ctx.theme, ctx.layout, ctx.faces)
    visual = _visual(trial, block, visual_box)
    if visual is None:
        return None
    ctx.warnings += trial.warnings
    note = source_note(ctx, _sources(block), block.origin, block.line)
    body = TextFrame(Box(box.x_pt, box.y_pt, text_w, box.h_pt), flowed.pages[0], TEXT_INSETS)
    return TwoContentSlide(origins[0], line, heading, body, visual.parts, note, (*origins, block.origin),
                           notes=visual.notes)


PAIRABLE = (Chart, Table, Image, Callout)  # visuals small enough to share a slide with another


def paired_visuals(ctx: Context, heads: HeadingSource, first: Block, second: Block) -> TwoContentSlide | None:
    """Return two visual blocks of a section side by side, or None when either needs the whole width."""
    if not (isinstance(first, PAIRABLE) and isinstance(second, PAIRABLE)):
        return None
    if any(isinstance(block, Chart) and len(block.categories) > MAX_CATEGORIES // 2 + 2 for block in (first, second)):
        return None
    heading = heads.get()
    sources = _sources(first) + _sources(second)
    probe = source_note(Context(ctx.doc, ctx.theme, ctx.layout, ctx.faces), sources, first.origin, first.line)
    box = area(ctx.layout, heading, probe is not None)
    half = round((box.w_pt - GAP_PT) / 2, 2)
    trial = Context(ctx.doc, ctx.theme, ctx.layout, ctx.faces)
    visuals = [_visual(trial, block, Box(round(box.x_pt + index * (half + GAP_PT), 2), box.y_pt, half, box.h_pt))
               for index, block in enumerate((first, second))]
    if any(visual is None for visual in visuals):
        return None
    ctx.warnings += trial.warnings
    parts = tuple(part for visual in visuals if visual is not None for part in visual.parts)
    notes = "\n\n".join(visual.notes for visual in visuals if visual is not None and visual.notes)
    note = source_note(ctx, sources, first.origin, first.line)
    return TwoContentSlide(first.origin, first.line, heading, None, parts, note, (first.origin, second.origin),
                           notes=notes)


def joined_callout(ctx: Context, slide: BulletSlide, block: Callout) -> TwoContentSlide | None:
    """Return ``slide`` with the callout as a panel under its list, or None when there is no room for it."""
    body = slide.body
    used = paras_height_pt(body.paras, ctx.faces, inner(body.box, TEXT_INSETS)[0]) + TEXT_INSETS.top_pt * 2
    top = round(body.box.y_pt + used + JOIN_GAP_PT, 2)
    bottom = area(ctx.layout, slide.heading).bottom_pt
    if bottom - top < 3 * ctx.layout.min_body_pt:
        return None
    panel = callout_panel(ctx, block, Box(body.box.x_pt, top, body.box.w_pt, round(bottom - top, 2)))
    if panel is None:
        return None
    hugged = TextFrame(Box(body.box.x_pt, body.box.y_pt, body.box.w_pt, round(used + 1.0, 2)), body.paras,
                       body.insets)
    return TwoContentSlide(slide.origin, slide.line, slide.heading, hugged, (panel,), None,
                           (*slide.origins, block.origin), notes=slide.notes)

