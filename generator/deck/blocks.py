"""Slides for the visual blocks of a section: figures, charts, images, callouts.

Stage: part of the pure deck planner (one block in, its slides out, or its part in a given
box for a slide it shares with bullets). Quotes and tables have their own modules
(``deck.quote``, ``deck.table``); bullets and prose are planned per section in ``deck.plan``.
"""

from __future__ import annotations

import math

from msgspec.structs import replace

from generator.charts import LABEL_LINES, chart_form
from generator.deck.flow import Item, ItemKind, ListStyle, flow
from generator.deck.layout import TEXT_INSETS
from generator.deck.model import (
    Align,
    Anchor,
    Box,
    CalloutPanel,
    CalloutSlide,
    ChartSeries,
    ChartSlide,
    ColorRole,
    FigureCell,
    FiguresSlide,
    FontRole,
    ImageSlide,
    Insets,
    Para,
    PlannedChart,
    PlannedPicture,
    Rect,
    Run,
    Slide,
    TextFrame,
)
from generator.deck.parts import Context, HeadingSource, area, source_note
from generator.deck.sentences import continuations_hold, split_sentences
from generator.deck.text import fit_text, inner, paras_height_pt, plain_runs, rich_runs, sizes_between
from generator.model import Callout, Chart, ChartType, Figure, Figures, Image
from generator.theme.measure import line_count, line_pitch_pt, width_pt

FIGURES_PER_SLIDE = 4
FIGURE_GAP_PT = 28.0
OPTICAL_CENTRE = 0.4  # share of the free height above a centred block: a little above the middle
CALLOUT_INSETS = Insets(28.0, 22.0, 28.0, 22.0)
CALLOUT_BAR_PT = 5.0
CHART_CHROME_LINES = 5  # lines of a chart that are not category bands: value axis, its unit, legend
CHART_MIN_PT = 10.0
CHART_LABEL_GAP_PT = 8.0  # between the labels of neighbouring columns
CHART_GAP_SHARE = 0.6  # the gap between bar groups, in group widths (the deck's gap width, 60%)
CHART_MIN_VALUE_PT = 8.0
FIGURE_HEIGHT_EM = 0.8  # a figure's height with a little air, in ems
CHART_LABEL_SHARE = 0.3  # of a bar chart's width, the most its category labels take on one line


def balanced_counts(total: int, per_slide: int) -> list[int]:
    """Return how many of ``total`` things go on each slide, at most ``per_slide``, evenly."""
    slides = max(1, math.ceil(total / per_slide))
    quotient, remainder = divmod(total, slides)
    return [quotient + 1] * remainder + [quotient] * (slides - remainder)


def _value_size(ctx: Context, figures: list[Figure], width_pt: float) -> float:
    """Return the largest value size at which every value on the slide fits one line."""
    layout = ctx.layout
    top = round(min(layout.title_pt * 2.2, 66.0))
    face = ctx.faces.face(FontRole.HEADING)
    for size in sizes_between(top, layout.body_pt, 2.0):
        if all(line_count(plain_runs(f.value, bold=True), face, size, width_pt) == 1 for f in figures):
            return size
    return layout.body_pt


def _figure_cell(ctx: Context, figure: Figure, block: Figures, box: Box, value_pt: float, label_pt: float
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
                     FontRole.BODY, ColorRole.TEXT, label_pt, layout.min_body_pt)
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


def figures_slides(ctx: Context, heads: HeadingSource, block: Figures) -> list[Slide]:
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


def figure_cells(ctx: Context, block: Figures, figures: list[Figure], box: Box, centre: bool = True,
                 text_pt: float | None = None) -> tuple[list[FigureCell], bool]:
    """Return ``figures`` as a row of cells across ``box`` and whether any text was cut.

    Labels are set a little under the body size, and never larger than ``text_pt``, the size
    of the bullets beside or above them.
    """
    layout = ctx.layout
    label_pt = max(layout.min_body_pt, layout.body_pt - 2)
    label_pt = label_pt if text_pt is None else min(label_pt, text_pt)
    count = len(figures)
    width = (box.w_pt - (count - 1) * FIGURE_GAP_PT) / count
    value_pt = _value_size(ctx, figures, inner(Box(0, 0, width, 1), TEXT_INSETS)[0])
    made = [_figure_cell(ctx, figure, block, Box(box.x_pt + i * (width + FIGURE_GAP_PT), box.y_pt, width,
                                                  box.h_pt), value_pt, label_pt)
            for i, figure in enumerate(figures)]
    cut = any(truncated for _, truncated in made)
    cells = [cell for cell, _ in made]
    if centre:
        used = max(cell.label.box.y_pt - box.y_pt + paras_height_pt(cell.label.paras, ctx.faces, width) + 4.0
                   for cell in cells)
        drop = max(0.0, (box.h_pt - used) * OPTICAL_CENTRE)
        cells = [_lowered(cell, drop) for cell in cells]
    return cells, cut


def figures_height_pt(ctx: Context, cells: list[FigureCell]) -> float:
    """Return the height a row of cells needs: the value, its rule and the tallest label."""
    return max(cell.label.box.y_pt - cell.value.box.y_pt + paras_height_pt(
        cell.label.paras, ctx.faces, cell.label.box.w_pt) + 4.0 for cell in cells)


def _figures_slides(ctx: Context, heads: HeadingSource, block: Figures, per_slide: int) -> tuple[list[Slide], bool]:
    """Return the slides with ``per_slide`` figures at most, and whether a value or label was cut."""
    slides: list[Slide] = []
    cut = False
    start = 0
    for index, count in enumerate(balanced_counts(len(block.items), per_slide)):
        figures = list(block.items[start : start + count])
        start += count
        note = source_note(ctx, [f.source for f in figures], block.origin, block.line)
        heading = heads.get(index > 0)
        cells, truncated = figure_cells(ctx, block, figures, area(ctx.layout, heading, note is not None))
        cut = cut or truncated
        slides.append(FiguresSlide(block.origin, block.line, heading, tuple(cells), note))
    return slides, cut


def planned_chart(ctx: Context, block: Chart, box: Box) -> PlannedChart:
    """Return the chart of exactly the outline's categories and series, drawn in ``box``, untitled."""
    series = tuple(ChartSeries(s.name, tuple(float(v) for v in s.values)) for s in block.series)
    form = chart_form(block)
    text_pt = _chart_text_pt(ctx, block, box, horizontal=form.horizontal)
    return PlannedChart(block.type, box, block.title, tuple(block.categories), series,
                        legend=len(series) > 1 or form.kind is ChartType.PIE, form=form, text_pt=text_pt,
                        value_pt=_chart_value_pt(block, box, text_pt, form.kind))


def chart_slides(ctx: Context, heads: HeadingSource, block: Chart) -> list[Slide]:
    """Return one slide with a native chart of exactly the outline's categories and series.

    The chart has no title of its own: the chart's title is a caption above it, as a table's
    is, under the slide's title, which says what the chart shows.
    """
    layout = ctx.layout
    note = source_note(ctx, [block.source], block.origin, block.line)
    heading = heads.get()
    body = area(layout, heading, note is not None)
    caption = None
    if block.title:
        box = Box(body.x_pt, body.y_pt, body.w_pt, line_pitch_pt(layout.kicker_pt) + 4.0)
        fitted = fit_text(plain_runs(block.title, bold=True), box, TEXT_INSETS, ctx.faces, FontRole.BODY,
                          ColorRole.MUTED, layout.kicker_pt, min(layout.kicker_pt, 9.0))
        if fitted.truncated:
            ctx.warn(block.line, block.origin, "chart title cut to fit its caption line")
        # a fallback font for some scripts can stand taller than the line pitch: the box takes it
        need_pt = paras_height_pt((fitted.para,), ctx.faces, inner(box, TEXT_INSETS)[0])
        box = replace(box, h_pt=max(box.h_pt, need_pt + TEXT_INSETS.top_pt + TEXT_INSETS.bottom_pt))
        caption = TextFrame(box, (fitted.para,), TEXT_INSETS)
        body = Box(body.x_pt, box.bottom_pt + 6.0, body.w_pt, body.bottom_pt - box.bottom_pt - 6.0)
    return [ChartSlide(block.origin, block.line, heading, planned_chart(ctx, block, body), note,
                       notes=chart_notes(block), caption=caption)]

def _chart_text_pt(ctx: Context, block: Chart, area: Box, horizontal: bool) -> float:
    """Return a text size at which every category label fits: no label is ever skipped.

    Bars give each label a band one line tall, or two if it is too long for one; columns and
    lines give it a slot its longest word must fit across (PowerPoint breaks a word too long
    for its slot mid-word).
    """
    size_pt = max(12.0, ctx.layout.min_body_pt - 2)
    if not block.categories or block.type is ChartType.PIE:
        return size_pt
    if horizontal:  # one line per band if the longest label fits beside the bars, else two
        bands_pt = area.h_pt - size_pt * CHART_CHROME_LINES
        for lines in range(1, LABEL_LINES + 1):
            fit_pt = min(size_pt, bands_pt / len(block.categories) / (lines * 1.25))
            widest_pt = max(width_pt(c, ctx.faces.body, fit_pt) for c in block.categories)
            if widest_pt <= area.w_pt * CHART_LABEL_SHARE:
                break
    else:
        slot_pt = (area.w_pt - size_pt * CHART_CHROME_LINES) / len(block.categories) - CHART_LABEL_GAP_PT
        widest_pt = max(width_pt(word, ctx.faces.body, size_pt) for c in block.categories for word in c.split() or [""])
        fit_pt = size_pt * slot_pt / max(widest_pt, 1.0)
    return round(max(CHART_MIN_PT, min(size_pt, fit_pt)), 1)


def _chart_value_pt(block: Chart, area: Box, text_pt: float, kind: ChartType) -> float:
    """Return the size of the values printed on side-by-side bars: no taller than a bar's pitch.

    Figures have no descenders, so a value can be a little taller than its bar before it
    touches its neighbour's; columns, stacks and lines have room beside their values.
    """
    if kind is not ChartType.BAR or len(block.series) < 2:
        return text_pt
    band_pt = (area.h_pt - text_pt * CHART_CHROME_LINES) / len(block.categories)
    pitch_pt = band_pt / (1 + CHART_GAP_SHARE) / len(block.series)
    return round(max(CHART_MIN_VALUE_PT, min(text_pt, pitch_pt / FIGURE_HEIGHT_EM)), 1)


def chart_notes(block: Chart) -> str:
    """Return the chart's data as text: what a listener or a screen reader needs from it."""
    unit = f" ({block.unit})" if block.unit else ""
    lines = [f"{block.title or 'Chart'}{unit}:"]
    for s in block.series:
        pairs = ", ".join(f"{c} {v:g}" for c, v in zip(block.categories, s.values, strict=False))
        lines.append(f"{s.name}: {pairs}")
    return "\n".join(lines)


def placed_image(ctx: Context, block: Image, box: Box) -> tuple[PlannedPicture, TextFrame | None]:
    """Return the image as large as fits ``box``, proportions kept, and its caption under it."""
    layout = ctx.layout
    caption = None
    if block.caption:
        note = Box(box.x_pt, box.bottom_pt - layout.note.h_pt, box.w_pt, layout.note.h_pt)
        fitted = fit_text(rich_runs(block.caption, ctx.doc), note, TEXT_INSETS, ctx.faces, FontRole.BODY,
                          ColorRole.MUTED, max(layout.note_pt, 12.0), layout.note_pt, Align.CENTER)
        if fitted.truncated:
            ctx.warn(block.line, block.origin, "image caption cut to fit")
        caption = TextFrame(note, (fitted.para,), TEXT_INSETS)
        box = Box(box.x_pt, box.y_pt, box.w_pt, note.y_pt - 8.0 - box.y_pt)
    scale = min(box.w_pt / max(block.width_px, 1), box.h_pt / max(block.height_px, 1))
    width, height = block.width_px * scale, block.height_px * scale
    picture = Box(round(box.x_pt + (box.w_pt - width) / 2, 2), round(box.y_pt + (box.h_pt - height) / 2, 2),
                  round(width, 2), round(height, 2))
    if caption is not None:  # the caption follows the picture rather than the bottom of the area
        caption = replace(caption, box=replace(caption.box, y_pt=round(picture.bottom_pt + 6.0, 2)))
    return PlannedPicture(picture, block.path, block.alt, block.data), caption


def image_slides(ctx: Context, heads: HeadingSource, block: Image) -> list[Slide]:
    """Return a picture slide: the image as large as fits, proportions kept, caption under it."""
    heading = heads.get()
    picture, caption = placed_image(ctx, block, area(ctx.layout, heading))
    return [ImageSlide(block.origin, block.line, heading, picture.path, picture.alt, picture.box, caption,
                       picture.data)]


def _callout_items(ctx: Context, block: Callout) -> tuple[tuple[Run, ...], tuple[Run, ...]]:
    return rich_runs(block.title, ctx.doc, bold=True) if block.title else (), rich_runs(block.text, ctx.doc)


def _callout_pages(ctx: Context, block: Callout, items: tuple[tuple[Run, ...], tuple[Run, ...]], width: float,
                   room: list[float], size: float, limit: int | None = None) -> list[tuple[Para, ...]] | None:
    """Return the callout's pages at ``size``: its title on the first, its text split between sentences.

    ``items`` are the callout's runs (``_callout_items``), made once by the caller for all the sizes it tries.
    """
    title, text = items
    style = ListStyle(size, size, gap_ratio=0.6)
    lead = style.para(Item(title, ItemKind.LEAD, block.origin), size, True) if title else None
    lead_h = paras_height_pt([lead], ctx.faces, width) + round(size * 0.6, 2) if lead else 0.0
    pages = split_sentences(text, ctx.faces.face(FontRole.BODY), size, width,
                            lambda i: room[min(i, len(room) - 1)] - (lead_h if i == 0 else 0.0), limit)
    if pages is None:
        return None
    out: list[tuple[Para, ...]] = []
    for index, page in enumerate(pages):
        body = style.para(Item(page, ItemKind.PLAIN, block.origin), size, index > 0 or lead is None)
        out.append((lead, body) if index == 0 and lead is not None else (body,))
    return out


def _panel(ctx: Context, box: Box, page: tuple[Para, ...], width: float) -> CalloutPanel:
    used = paras_height_pt(page, ctx.faces, width) + CALLOUT_INSETS.top_pt + CALLOUT_INSETS.bottom_pt
    panel = Box(box.x_pt + CALLOUT_BAR_PT, box.y_pt, box.w_pt - CALLOUT_BAR_PT, min(box.h_pt, used + 4.0))
    bar = Rect(Box(box.x_pt, box.y_pt, CALLOUT_BAR_PT, panel.h_pt), ColorRole.ACCENT)
    return CalloutPanel(bar, TextFrame(panel, page, CALLOUT_INSETS, Anchor.TOP, ColorRole.FILL))


def callout_panel(ctx: Context, block: Callout, box: Box) -> CalloutPanel | None:
    """Return the callout on one panel in ``box`` (beside or under bullets), or None when it needs more."""
    width, height = inner(Box(0, 0, box.w_pt - CALLOUT_BAR_PT, box.h_pt), CALLOUT_INSETS)
    layout = ctx.layout
    items = _callout_items(ctx, block)
    for size in sizes_between(layout.body_pt, layout.min_body_pt):
        pages = _callout_pages(ctx, block, items, width, [height - 4.0], size, 1)  # a second page: no panel
        if pages is not None and len(pages) == 1:
            return _panel(ctx, box, pages[0], width)
    return None


def callout_slides(ctx: Context, heads: HeadingSource, block: Callout) -> list[Slide]:
    """Return a callout slide: a tinted panel with the callout's title and text, split between sentences."""
    layout = ctx.layout
    first = area(layout, heads.get())
    width, height = inner(Box(0, 0, first.w_pt - CALLOUT_BAR_PT, first.h_pt), CALLOUT_INSETS)
    sizes = sizes_between(layout.body_pt + 2, layout.min_body_pt)
    items = _callout_items(ctx, block)
    pages = _callout_pages(ctx, block, items, width, [height - 4.0], sizes[-1])
    if pages is not None and len(pages) > 1:
        later = inner(Box(0, 0, 1, area(layout, heads.get(True)).h_pt), CALLOUT_INSETS)[1]
        room = [height - 4.0, later - 4.0]
        least = _callout_pages(ctx, block, items, width, room, sizes[-1])
        face = ctx.faces.face(FontRole.BODY)
        count = len(least) if least is not None else None
        pages = next((p for size in sizes for p in [_callout_pages(ctx, block, items, width, room, size, count)]
                      if p is not None and continuations_hold([page[-1].runs for page in p], face, size, width)),
                     least)
    elif pages is not None:
        pages = next(p for size in sizes for p in [_callout_pages(ctx, block, items, width, [height - 4.0], size)]
                     if p is not None and len(p) == 1)
    if pages is None:
        return _cut_callout_slides(ctx, heads, block)
    if len(pages) > 1:
        ctx.warn(block.line, block.origin, f"callout split over {len(pages)} slides")
    slides: list[Slide] = []
    for index, page in enumerate(pages):
        heading = heads.get(index > 0)
        panel = _panel(ctx, area(layout, heading), page, width)
        slides.append(CalloutSlide(block.origin, block.line, heading, panel.bar, panel.body))
    return slides


def _cut_callout_slides(ctx: Context, heads: HeadingSource, block: Callout) -> list[Slide]:
    """Return a callout with a sentence taller than a slide, cut between lines (a last resort)."""
    layout = ctx.layout
    box = area(layout, heads.get(True))
    title, text = _callout_items(ctx, block)
    items = [Item(title, ItemKind.LEAD, block.origin)] if title else []
    items.append(Item(text, ItemKind.PLAIN, block.origin))
    width, height = inner(Box(0, 0, box.w_pt - CALLOUT_BAR_PT, box.h_pt), CALLOUT_INSETS)
    flowed = flow(items, ListStyle(layout.body_pt + 2, layout.min_body_pt, gap_ratio=0.6), ctx.faces, width,
                  height - 4.0)
    ctx.warn(block.line, block.origin, f"a sentence of the callout is too long for a slide: cut over "
                                       f"{len(flowed.pages)} slides")
    slides: list[Slide] = []
    for index, page in enumerate(flowed.pages):
        heading = heads.get(index > 0)
        panel = _panel(ctx, area(layout, heading), page, width)
        slides.append(CalloutSlide(block.origin, block.line, heading, panel.bar, panel.body))
    return slides
