"""Slides for the visual blocks of a section: quotes, figures, charts, images, callouts.

Stage: part of the pure deck planner (one block in, its slides out). Tables have their own
module (``deck.table``); bullets and prose are planned per section in ``deck.plan``.
"""

from __future__ import annotations

import math
from dataclasses import replace

from generator.deck.flow import Item, ItemKind, ListStyle, flow
from generator.deck.layout import TEXT_INSETS
from generator.deck.model import (
    Align,
    Anchor,
    Box,
    CalloutSlide,
    ChartSeries,
    ChartSlide,
    ColorRole,
    FigureCell,
    FiguresSlide,
    FontRole,
    ImageSlide,
    Insets,
    PlannedChart,
    QuoteSlide,
    Rect,
    Run,
    Slide,
    TextFrame,
)
from generator.deck.parts import Context, Heads, source_note
from generator.deck.text import fit_text, inner, para, paras_height_pt, plain_runs, rich_runs, sizes_between
from generator.model import Callout, Chart, Figure, Figures, Image, Quote
from generator.theme.measure import line_pitch_pt, wrap

FIGURES_PER_SLIDE = 4
FIGURE_GAP_PT = 28.0
QUOTE_MARK = "\u201c"
QUOTE_MARK_PT = 72.0
QUOTE_INDENT_PT = 64.0
ATTRIBUTION_LINES = 4
OPTICAL_CENTRE = 0.4  # share of the free height above a centred block: a little above the middle
CALLOUT_INSETS = Insets(28.0, 22.0, 28.0, 22.0)
CALLOUT_BAR_PT = 5.0


def balanced_counts(total: int, per_slide: int) -> list[int]:
    """Return how many of ``total`` things go on each slide, at most ``per_slide``, evenly."""
    slides = max(1, math.ceil(total / per_slide))
    quotient, remainder = divmod(total, slides)
    return [quotient + 1] * remainder + [quotient] * (slides - remainder)


def _attribution(block: Quote) -> str | None:
    who = ", ".join(part for part in (block.by, block.role) if part)
    return f"\u2014 {who}" if who else None


def quote_slides(ctx: Context, heads: Heads, block: Quote) -> list[Slide]:
    """Return a quote slide (more when a quote is too long for one): big text, "— by, role"."""
    layout = ctx.layout
    note = source_note(ctx, [block.source], block.origin, block.line)
    area = layout.body_above_note() if note else layout.body
    text_x, text_w = area.x_pt + QUOTE_INDENT_PT, area.w_pt - QUOTE_INDENT_PT - 48.0
    mark_para = para((Run(QUOTE_MARK),), QUOTE_MARK_PT, FontRole.HEADING, ColorRole.ACCENT)
    attribution = None
    attribution_h = 0.0
    by = plain_runs(_attribution(block))
    if by:
        box = Box(text_x, area.y_pt, text_w, ATTRIBUTION_LINES * line_pitch_pt(layout.min_body_pt) + 4.0)
        fitted = fit_text(by, box, TEXT_INSETS, ctx.faces, FontRole.BODY, ColorRole.MUTED,
                          max(layout.min_body_pt, layout.body_pt - 4), layout.min_body_pt)
        attribution_h = paras_height_pt([fitted.para], ctx.faces, text_w) + 4.0
        attribution = fitted.para
    room = area.h_pt - (attribution_h + 14.0 if attribution else 0.0) - 4.0
    style = ListStyle(layout.title_pt, layout.min_body_pt, FontRole.HEADING, ColorRole.PRIMARY, gap_ratio=0.4)
    flowed = flow([Item(rich_runs(block.text, ctx.doc, italic=True), ItemKind.PLAIN, block.origin)], style,
                  ctx.faces, text_w, room)
    if flowed.cut:
        ctx.warn(block.line, block.origin, f"quote too long for one slide: continued over {len(flowed.pages)}")
    slides: list[Slide] = []
    for index, page in enumerate(flowed.pages):
        height = paras_height_pt(page, ctx.faces, text_w) + 4.0
        last = index == len(flowed.pages) - 1
        block_h = height + (attribution_h + 14.0 if attribution is not None and last else 0.0)
        top = area.y_pt + max(0.0, (area.h_pt - block_h) * OPTICAL_CENTRE)
        quote = TextFrame(Box(text_x, top, text_w, height), page, TEXT_INSETS)
        by_frame = None
        if attribution is not None and last:
            by_frame = TextFrame(Box(text_x, top + height + 14.0, text_w, attribution_h), (attribution,),
                                 TEXT_INSETS)
        mark = TextFrame(Box(area.x_pt, top - 8.0, 48.0, line_pitch_pt(QUOTE_MARK_PT) + 4.0), (mark_para,),
                         TEXT_INSETS)
        slides.append(QuoteSlide(block.origin, block.line, heads.get(index > 0), mark, quote, by_frame,
                                 note if last else None, ()))
    return slides


def _value_size(ctx: Context, figures: list[Figure], width_pt: float) -> float:
    """Return the largest value size at which every value on the slide fits one line."""
    layout = ctx.layout
    top = round(min(layout.title_pt * 2.2, 66.0))
    face = ctx.faces.face(FontRole.HEADING)
    for size in sizes_between(top, layout.body_pt, 2.0):
        if all(len(wrap(plain_runs(f.value, bold=True), face, size, width_pt)) == 1 for f in figures):
            return size
    return layout.body_pt


def _figure_cell(ctx: Context, figure: Figure, block: Figures, box: Box, value_pt: float
                 ) -> tuple[FigureCell, bool]:
    """Return one figure's value, rule and label in ``box``, and whether any of its text was cut."""
    layout = ctx.layout
    value_top = round(min(layout.title_pt * 2.2, 66.0))
    value_box = Box(box.x_pt, box.y_pt, box.w_pt, line_pitch_pt(value_top) + 4.0)
    value = fit_text(plain_runs(figure.value, bold=True), value_box, TEXT_INSETS, ctx.faces, FontRole.HEADING,
                     ColorRole.PRIMARY, value_pt, layout.min_body_pt)
    if value.truncated:
        ctx.warn(block.line, block.origin, f"figure value cut to fit: {figure.value!r}")
    rule = Rect(Box(box.x_pt, value_box.bottom_pt + 6.0, 40.0, 3.0), ColorRole.ACCENT)
    label_box = Box(box.x_pt, rule.box.bottom_pt + 12.0, box.w_pt, box.bottom_pt - rule.box.bottom_pt - 12.0)
    cite = (Run(f" [{ctx.doc.source(figure.source).number}]"),) if figure.source else ()
    label = fit_text((*rich_runs(figure.label, ctx.doc), *cite), label_box, TEXT_INSETS, ctx.faces,
                     FontRole.BODY, ColorRole.TEXT, max(layout.min_body_pt, layout.body_pt - 2), layout.min_body_pt)
    if label.truncated:
        ctx.warn(block.line, block.origin, "figure label cut to fit")
    cell = FigureCell(TextFrame(value_box, (value.para,), TEXT_INSETS, Anchor.BOTTOM),
                      TextFrame(label_box, (label.para,), TEXT_INSETS), rule)
    return cell, value.truncated or label.truncated


def _lowered(cell: FigureCell, drop_pt: float) -> FigureCell:
    """Return ``cell`` moved down by ``drop_pt``; the label box loses that much height at its bottom."""
    def down(box: Box, shrink: bool = False) -> Box:
        return Box(box.x_pt, box.y_pt + drop_pt, box.w_pt, box.h_pt - drop_pt if shrink else box.h_pt)

    return FigureCell(replace(cell.value, box=down(cell.value.box)),
                      replace(cell.label, box=down(cell.label.box, True)), Rect(down(cell.rule.box), cell.rule.color))


def figures_slides(ctx: Context, heads: Heads, block: Figures) -> list[Slide]:
    """Return big-number slides, at most four figures each, shared out evenly.

    Fewer figures go on a slide when a label would otherwise have to be cut.
    """
    for per_slide in range(FIGURES_PER_SLIDE, 0, -1):
        trial = Context(ctx.doc, ctx.theme, ctx.layout, ctx.faces)  # keeps the warnings of this try only
        slides, cut = _figures_slides(trial, heads, block, per_slide)
        if per_slide == 1 or not cut:
            ctx.warnings += trial.warnings
            return slides
    raise AssertionError("unreachable: one figure per slide is always accepted")


def _figures_slides(ctx: Context, heads: Heads, block: Figures, per_slide: int) -> tuple[list[Slide], bool]:
    """Return the slides with ``per_slide`` figures at most, and whether a value or label was cut."""
    slides: list[Slide] = []
    cut = False
    start = 0
    for index, count in enumerate(balanced_counts(len(block.items), per_slide)):
        figures = list(block.items[start : start + count])
        start += count
        note = source_note(ctx, [f.source for f in figures], block.origin, block.line)
        area = ctx.layout.body_above_note() if note else ctx.layout.body
        width = (area.w_pt - (count - 1) * FIGURE_GAP_PT) / count
        value_pt = _value_size(ctx, figures, inner(Box(0, 0, width, 1), TEXT_INSETS)[0])
        made = [_figure_cell(ctx, figure, block, Box(area.x_pt + i * (width + FIGURE_GAP_PT), area.y_pt, width,
                                                      area.h_pt), value_pt)
                for i, figure in enumerate(figures)]
        cut = cut or any(truncated for _, truncated in made)
        cells = [cell for cell, _ in made]
        used = max(cell.label.box.y_pt - area.y_pt + paras_height_pt(cell.label.paras, ctx.faces, width) + 4.0
                   for cell in cells)
        drop = max(0.0, (area.h_pt - used) * OPTICAL_CENTRE)
        cells = [_lowered(cell, drop) for cell in cells]
        slides.append(FiguresSlide(block.origin, block.line, heads.get(index > 0), tuple(cells), note))
    return slides, cut


def chart_slides(ctx: Context, heads: Heads, block: Chart) -> list[Slide]:
    """Return one slide with a native chart of exactly the outline's categories and series."""
    layout = ctx.layout
    note = source_note(ctx, [block.source], block.origin, block.line)
    area = layout.body_above_note() if note else layout.body
    series = tuple(ChartSeries(s.name, tuple(float(v) for v in s.values)) for s in block.series)
    chart = PlannedChart(block.type, area, block.title, tuple(block.categories), series,
                         legend=len(series) > 1, unit=block.unit,
                         title_pt=max(layout.kicker_pt, 14.0), text_pt=max(12.0, layout.min_body_pt - 2))
    return [ChartSlide(block.origin, block.line, heads.get(), chart, note, notes=chart_notes(block))]


def chart_notes(block: Chart) -> str:
    """Return the chart's data as text: what a listener or a screen reader needs from it."""
    unit = f" ({block.unit})" if block.unit else ""
    lines = [f"{block.title or 'Chart'}{unit}:"]
    for s in block.series:
        pairs = ", ".join(f"{c} {v:g}" for c, v in zip(block.categories, s.values, strict=False))
        lines.append(f"{s.name}: {pairs}")
    return "\n".join(lines)


def image_slides(ctx: Context, heads: Heads, block: Image) -> list[Slide]:
    """Return a picture slide: the image as large as fits, proportions kept, caption under it."""
    layout = ctx.layout
    area = layout.body
    caption = None
    if block.caption:
        box = Box(area.x_pt, area.bottom_pt - layout.note.h_pt, area.w_pt, layout.note.h_pt)
        fitted = fit_text(rich_runs(block.caption, ctx.doc), box, TEXT_INSETS, ctx.faces, FontRole.BODY,
                          ColorRole.MUTED, max(layout.note_pt, 12.0), layout.note_pt, Align.CENTER)
        if fitted.truncated:
            ctx.warn(block.line, block.origin, "image caption cut to fit")
        caption = TextFrame(box, (fitted.para,), TEXT_INSETS)
        area = Box(area.x_pt, area.y_pt, area.w_pt, box.y_pt - 8.0 - area.y_pt)
    scale = min(area.w_pt / max(block.width_px, 1), area.h_pt / max(block.height_px, 1))
    width, height = block.width_px * scale, block.height_px * scale
    picture = Box(round(area.x_pt + (area.w_pt - width) / 2, 2), round(area.y_pt + (area.h_pt - height) / 2, 2),
                  round(width, 2), round(height, 2))
    return [ImageSlide(block.origin, block.line, heads.get(), block.path, block.alt, picture, caption, block.data)]


def callout_slides(ctx: Context, heads: Heads, block: Callout) -> list[Slide]:
    """Return a callout slide: a tinted panel with the callout's title and text."""
    layout = ctx.layout
    box = layout.body
    items = [Item(rich_runs(block.title, ctx.doc, bold=True), ItemKind.LEAD, block.origin)] if block.title else []
    items.append(Item(rich_runs(block.text, ctx.doc), ItemKind.PLAIN, block.origin))
    width, height = inner(Box(0, 0, box.w_pt - CALLOUT_BAR_PT, box.h_pt), CALLOUT_INSETS)
    style = ListStyle(layout.body_pt + 2, layout.min_body_pt, gap_ratio=0.6)
    flowed = flow(items, style, ctx.faces, width, height)
    if flowed.cut or len(flowed.pages) > 1:
        ctx.warn(block.line, block.origin, f"callout split over {len(flowed.pages)} slides")
    slides: list[Slide] = []
    for index, page in enumerate(flowed.pages):
        used = paras_height_pt(page, ctx.faces, width) + CALLOUT_INSETS.top_pt + CALLOUT_INSETS.bottom_pt
        panel = Box(box.x_pt + CALLOUT_BAR_PT, box.y_pt, box.w_pt - CALLOUT_BAR_PT, min(box.h_pt, used + 4.0))
        bar = Rect(Box(box.x_pt, box.y_pt, CALLOUT_BAR_PT, panel.h_pt), ColorRole.ACCENT)
        body = TextFrame(panel, page, CALLOUT_INSETS, Anchor.TOP, ColorRole.FILL)
        slides.append(CalloutSlide(block.origin, block.line, heads.get(index > 0), bar, body))
    return slides
