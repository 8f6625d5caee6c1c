"""Draw a chart block as vector graphics: title, legend, plot, axis, unit and source line.

Stage: model.Chart in, flowables out (Paragraphs for the wrapped title and notes, a
reportlab.graphics Drawing for the plot). The plot is laid out by hand from primitives rather
than with reportlab's chart widgets so every label can wrap and use the fallback fonts. The
form (bars or columns, axis ticks, number formats, series looks) is ``generator.charts``'s,
the deck's too, so both outputs print the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable

from msgspec.structs import replace
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, PolyLine, Shape
from reportlab.lib.colors import white
from reportlab.platypus import Flowable

from generator import model
from generator.charts import LABEL_LINES, ChartForm, ValueAxis, chart_form, series_looks
from generator.labels import Labels, right_to_left
from generator.render.pdf.bidi import is_rtl_paragraph
from generator.render.pdf.chart_fill import dash_of, fill_rect
from generator.render.pdf.chart_kit import (
    Ink,
    Plot,
    Scale,
    UnitLine,
    headed,
    legend,
    lift,
    lines_shapes,
    squeezed,
    text_shapes,
)
from generator.render.pdf.chart_pie import pie_plot
from generator.render.pdf.para import BriefParagraph as ParagraphFlowable
from generator.render.pdf.style import BriefStyles
from generator.render.pdf.text import Run, TextSetter, runs_width
from generator.theme.model import Theme

MIN_LABEL_PT = 5.5  # category labels shrink to fit their slots, never below this


UNIT_LINES = 12  # a unit line drawn with its plot wraps onto at most this many lines
MAX_PLOT_SHARE = 0.8  # a plot taller than this share of the text block is drawn smaller to fit on a page
# Laid out shorter to stay on its page (never drawn smaller: every label keeps its size), a chart goes
# down to: bars as thick as a data label is tall (the value labels of two bars abut, their digits well
# apart), the gap between categories this share of the label size; a column or line chart's plot area
# this share of its height; a pie as tall as its legend. A legend may move onto the unit line (``chart_kit.headed``).
MIN_GAP_SHARE = 0.2
MIN_PLOT_SHARE = 0.45
FIT_STEPS = 20  # how finely a bar chart's thickness is tried between its natural and its least
# (chart, its form, ink, width, at most this tall or None: as tall as it is, whether it draws its legend:
# not when the legend is its unit line's to place, ``chart_kit.headed``)
Layout = Callable[[model.Chart, ChartForm, Ink, float, float | None, bool], Plot]


class PlotFlowable(Flowable):
    """Place a Drawing in the story; unlike a bare Drawing it can take keep-with-next and spacing.

    ``relayout`` (when the chart may be laid out shorter) returns the plot laid out at most a
    height tall, never under ``min_height_pt``; the document template asks for it (``floats``).
    """

    def __init__(self, drawing: Drawing, relayout: Callable[[float], Drawing] | None = None) -> None:
        super().__init__()
        self.drawing, self.relayout = drawing, relayout
        self.width, self.height = drawing.width, drawing.height
        self.min_height_pt = relayout(0.0).height if relayout is not None else self.height

    def fit_to(self, height_pt: float) -> PlotFlowable:
        """Return the plot laid out again to take at most ``height_pt`` (not less than its minimum)."""
        assert self.relayout is not None, "only a chart laid out by hand is laid out again"
        fitted = PlotFlowable(self.relayout(height_pt), self.relayout)
        fitted.spaceBefore, fitted.spaceAfter = self.getSpaceBefore(), self.getSpaceAfter()
        fitted.keepWithNext = self.getKeepWithNext()
        return fitted

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        renderPDF.draw(self.drawing, self.canv, 0, 0)


def chart_flowables(chart: model.Chart, styles: BriefStyles, text: TextSetter, theme: Theme,
                    width_pt: float, doc: model.Document, labels: Labels, frame_height_pt: float
                    ) -> list[Flowable]:
    """Return the chart's title, plot and notes, kept together on one page."""
    form = chart_form(chart)
    count = len(chart.categories) if form.kind is model.ChartType.PIE else len(chart.series)
    ink = Ink(text=text, font=theme.body_font.regular, size_pt=theme.brief.small_pt, color=styles.colors.text,
              muted=styles.colors.muted, rule=styles.colors.rule,
              looks=series_looks(theme.colors.palette, count, form.kind))
    half = styles.lead_pt / 2
    parts: list[Flowable] = []
    if chart.title:
        parts.append(ParagraphFlowable(text.plain(chart.title, styles.chart_title.fontName), styles.chart_title))
    note = styles.chart_note
    unit = labels.unit.format(unit=form.axis_title) if form.axis_title else None  # a unit such as % follows numbers
    layout = LAYOUTS[form.kind]
    shapes, height = layout(chart, form, ink, width_pt, None, True)
    scale = min(1.0, frame_height_pt * MAX_PLOT_SHARE / height) if height > 0 else 1.0
    # over a legend (and a plot not drawn smaller, where the unit would print under the type scale), the unit
    # line is drawn with the plot, so that the legend may move up beside it
    unit_drawn = bool(unit) and len(chart.series) > 1 and form.kind is not model.ChartType.PIE and scale == 1.0
    if unit and unit_drawn:
        flush_right = right_to_left(doc.language) or is_rtl_paragraph(unit)  # as its paragraph would be set
        layout = _headed(layout, UnitLine(ink.wrap(unit, width_pt, UNIT_LINES), note.leading, half, flush_right))
        shapes, height = layout(chart, form, ink, width_pt, None, True)
    elif unit:
        parts.append(ParagraphFlowable(text.plain(unit, note.fontName), note))
    if scale < 1.0:
        group = Group(*shapes)
        group.scale(scale, scale)
        plot = PlotFlowable(_drawing(([group], height * scale), width_pt * scale))
    else:
        plot = PlotFlowable(_drawing((shapes, height), width_pt),
                            lambda height_pt: _drawing(layout(chart, form, ink, width_pt, height_pt, True), width_pt))
    plot.spaceBefore = note.spaceBefore if unit_drawn else half
    parts.append(plot)
    if chart.source:
        note = styles.chart_note
        source = doc.source(chart.source)
        said = ", ".join(part for part in (source.title, source.publisher) if part)
        markup = text.plain(f"{labels.source} {said}", note.fontName) + text.cites([source.id], note.fontName)
        source_line = ParagraphFlowable(markup, note)
        source_line.spaceBefore = half
        parts.append(source_line)
    # one chain of keep-with-next, not a KeepTogether, so a heading before the chart can join it
    for part in parts[:-1]:
        part.keepWithNext = 1
    parts[0].spaceBefore = max(parts[0].getSpaceBefore(), half * 0.5)
    parts[-1].spaceAfter = styles.lead_pt
    return parts


def _headed(layout: Layout, unit: UnitLine) -> Layout:
    """Return ``layout`` with the unit line drawn over the plot (``chart_kit.headed``)."""

    def laid_out(chart: model.Chart, form: ChartForm, ink: Ink, width_pt: float, height_pt: float | None,
                 keyed: bool) -> Plot:
        return headed(lambda height, above: layout(chart, form, ink, width_pt, height, above), unit,
                      [s.name for s in chart.series], ink, width_pt, height_pt, chart.type is model.ChartType.LINE)

    return laid_out


def _drawing(plot: Plot, width_pt: float) -> Drawing:
    shapes, height = plot
    drawing = Drawing(width_pt, height)
    for shape in shapes:
        drawing.add(shape)
    return drawing


def _with_legend(chart: model.Chart, ink: Ink, width_pt: float, plot: Plot) -> Plot:
    shapes, height = plot
    if len(chart.series) < 2:
        return plot
    keys, key_height = legend([s.name for s in chart.series], ink, width_pt, 0.0,
                              lines=chart.type is model.ChartType.LINE)
    return shapes + [lift(key, height + key_height) for key in keys], height + key_height


def _axis(form: ChartForm) -> ValueAxis:
    assert form.axis is not None, "only a pie has no value axis"
    return form.axis


def _value_axis_horizontal(scale: Scale, form: ChartForm, ink: Ink, bottom: float, top: float) -> list[Shape]:
    shapes: list[Shape] = []
    for tick in scale.ticks:
        x = scale(tick)
        is_zero = abs(tick) < 1e-12
        shapes.append(Line(x, bottom, x, top, strokeColor=ink.muted if is_zero else ink.rule,
                           strokeWidth=0.8 if is_zero else 0.4))
        shapes += text_shapes(ink.runs(form.axis_text(tick)), x, bottom - ink.size_pt - 3,
                              ink.size_pt, ink.muted, "middle")
    return shapes


def _value_axis_vertical(scale: Scale, form: ChartForm, ink: Ink, left: float, right: float) -> list[Shape]:
    shapes: list[Shape] = []
    for tick in scale.ticks:
        y = scale(tick)
        is_zero = abs(tick) < 1e-12
        shapes.append(Line(left, y, right, y, strokeColor=ink.muted if is_zero else ink.rule,
                           strokeWidth=0.8 if is_zero else 0.4))
        shapes += text_shapes(ink.runs(form.axis_text(tick)), left - 4, y - ink.size_pt * 0.35,
                              ink.size_pt, ink.muted, "end")
    return shapes


def _bar(chart: model.Chart, form: ChartForm, ink: Ink, width_pt: float, height_pt: float | None,
         keyed: bool) -> Plot:
    """Lay out horizontal bars, grouped by series or stacked, categories top to bottom.

    Laid out shorter (``height_pt``), bars get thinner and categories closer, and then the legend
    moves from above the bars into the axis row, under the category labels, where it fits there.
    """
    stacked = form.kind is model.ChartType.STACKED_BAR
    bars_per_group = 1 if stacked else len(chart.series)
    natural = 12.0 if bars_per_group == 1 else max(5.0, 16.0 / bars_per_group + 2)
    widest = max(ink.width(c) for c in chart.categories)
    # wide enough for the longest label on two lines, within reason
    label_width = min(widest, max(width_pt * 0.3, widest / LABEL_LINES * 1.15), width_pt * 0.45)
    labels = [ink.wrap(c, label_width, LABEL_LINES + 1) for c in chart.categories]
    values = [v for s in chart.series for v in s.values]
    outside = form.data_labels and not stacked
    value_room = max(ink.width(form.value_text(v)) for v in values) + 6 if outside else 0.0
    tick_room = ink.width(form.axis_text(_axis(form).high)) / 2 + 2
    start = label_width + 10 + (value_room if min(values) < 0 else 0)
    scale = Scale(_axis(form), start, width_pt - max(value_room, tick_room))
    axis_height = ink.size_pt + 6
    keys, key_height = _bar_keys(chart, form, ink, width_pt, start) if keyed else (([], []), 0.0)
    thickness, gap, beside = _bar_fit(natural, bars_per_group, labels, ink, axis_height + 2, key_height,
                                      bool(keys[1]), height_pt)
    bands = [max(bars_per_group * thickness, len(lines) * ink.line_pt) + gap for lines in labels]
    plot_top = axis_height + sum(bands)
    shapes = _value_axis_horizontal(scale, form, ink, axis_height, plot_top)
    top = plot_top
    zero = scale(0.0)
    for index, band in enumerate(bands):
        middle = top - band / 2
        lines = labels[index]
        shapes += lines_shapes(lines, label_width, middle + len(lines) * ink.line_pt / 2, ink, "end")
        group_top = middle + bars_per_group * thickness / 2
        if stacked:
            shapes += _stack_segments(chart, form, index, scale, ink, group_top - thickness, thickness)
        else:
            for s, series in enumerate(chart.series):
                value = series.values[index]
                y = group_top - (s + 1) * thickness
                x0, x1 = sorted((zero, scale(value)))
                shapes += fill_rect(x0, y + 0.5, x1 - x0, thickness - 1, ink.looks[s])
                if outside:
                    anchor, x = ("start", x1 + 3) if value >= 0 else ("end", x0 - 3)
                    shapes += text_shapes(ink.runs(form.value_text(value)), x,
                                          y + thickness / 2 - ink.size_pt * 0.35, ink.size_pt, ink.color, anchor)
        top -= band
    if beside:
        return shapes + keys[1], plot_top + 2
    return shapes + [lift(key, plot_top + 2 + key_height) for key in keys[0]], plot_top + 2 + key_height


def _bar_keys(chart: model.Chart, form: ChartForm, ink: Ink, width_pt: float,
              start: float) -> tuple[tuple[list[Shape], list[Shape]], float]:
    """Return the legend above the bars and in the axis row (empty where it is not one row there), its height above."""
    if len(chart.series) < 2:
        return ([], []), 0.0
    names = [s.name for s in chart.series]
    above, height = legend(names, ink, width_pt, 0.0)
    room = start - ink.width(form.axis_text(_axis(form).low)) / 2 - ink.size_pt  # left of the first tick's label
    baseline = ink.size_pt * 0.1  # the legend's names on the tick labels' baseline (3 pt up)
    beside, row = legend(names, ink, room, 3.0 + ink.line_pt - baseline)
    return (above, beside if row <= ink.line_pt * 1.6 + 0.01 else []), height


def _bar_fit(natural: float, bars: int, labels: list[list[list[Run]]], ink: Ink, fixed: float,
             key_height: float, may_move: bool, height_pt: float | None) -> tuple[float, float, bool]:
    """Return the bar thickness, the gap between categories and whether the legend moves into the axis row.

    Natural, or the thickest bars (legend above, then beside) that keep the plot within ``height_pt``;
    at least a data label's size thick, so the bars' value labels never overlap.
    """
    least, least_gap = min(natural, ink.size_pt), ink.size_pt * MIN_GAP_SHARE
    tries = [(natural - (natural - least) * k / FIT_STEPS, natural * 0.8 - (natural * 0.8 - least_gap) * k / FIT_STEPS,
              moved) for moved in (False, True)[:1 + may_move] for k in range(FIT_STEPS + 1)]
    if height_pt is None:
        return tries[0]
    for thickness, gap, moved in tries:
        bands = sum(max(bars * thickness, len(lines) * ink.line_pt) + gap for lines in labels)
        if fixed + bands + (0.0 if moved else key_height) <= height_pt:
            return thickness, gap, moved
    return tries[-1]


def _stack_segments(chart: model.Chart, form: ChartForm, index: int, scale: Scale, ink: Ink, y: float,
                    thickness: float) -> list[Shape]:
    shapes: list[Shape] = []
    positive = negative = 0.0
    for s, series in enumerate(chart.series):
        value = series.values[index]
        if value >= 0:
            x0, x1 = scale(positive), scale(positive + value)
            positive += value
        else:
            x0, x1 = scale(negative + value), scale(negative)
            negative += value
        look = ink.looks[s]
        shapes += fill_rect(x0, y + 0.5, x1 - x0, thickness - 1, look, edge=white)
        label = ink.runs(form.value_text(value))
        if form.data_labels and runs_width(label, ink.size_pt) + 4 <= x1 - x0:  # only where it fits inside
            fill = white if look.dark else ink.color
            shapes += text_shapes(label, (x0 + x1) / 2, y + thickness / 2 - ink.size_pt * 0.35, ink.size_pt,
                                  fill, "middle")
    return shapes


def _category_axis(chart: model.Chart, ink: Ink, left: float, right: float) -> tuple[list[Shape], float, float]:
    """Return every category's label under its slot, the slot width and the labels' height.

    No label is skipped. When a word of some label is wider than its slot, labels get smaller
    until it fits, down to a legible minimum; one-word labels (thirty years on a line chart)
    first alternate between two rows, each as wide as two slots.
    """
    count = len(chart.categories)
    slot = (right - left) / count
    widest_word = max(ink.width(word) for label in chart.categories for word in (label.split() or [""]))
    one_word = all(len(label.split()) <= 1 for label in chart.categories)  # years: stagger them
    rows = 2 if one_word and widest_word + 3 > slot and count > 1 else 1
    room = slot * rows - 3
    small = replace(ink, size_pt=max(MIN_LABEL_PT, min(ink.size_pt, ink.size_pt * room / max(widest_word, 1.0))))
    labels = [small.wrap(c, room, 4) for c in chart.categories]
    row_height = [max(len(lines) for lines in labels[row::rows]) * small.line_pt for row in range(rows)]
    height = sum(row_height) + 4
    shapes: list[Shape] = []
    for index, lines in enumerate(labels):
        top = height - 4 - (row_height[0] if index % rows else 0)
        shapes += lines_shapes(lines, left + slot * (index + 0.5), top + 4, small, "middle")
    return shapes, slot, height


def _vertical(chart: model.Chart, form: ChartForm, ink: Ink, width_pt: float, height_pt: float | None,
              keyed: bool) -> Plot:
    """Lay out columns or lines over evenly spaced categories with a value axis on the left."""
    is_line = form.kind is model.ChartType.LINE
    axis = _axis(form)
    left = max(ink.width(form.axis_text(t)) for t in axis.ticks) + 8
    labels, slot, label_height = _category_axis(chart, ink, left, width_pt)
    bottom = label_height + 4
    natural = min(max(width_pt * 0.3, 120.0), 180.0)
    keyed = keyed and len(chart.series) > 1
    keys = legend([s.name for s in chart.series], ink, width_pt, 0.0)[1] if keyed else 0.0
    plot_height = squeezed(natural, natural * MIN_PLOT_SHARE, bottom + ink.size_pt * 1.5 + keys, height_pt)
    scale = Scale(axis, bottom, bottom + plot_height)
    shapes = _value_axis_vertical(scale, form, ink, left, width_pt) + labels
    if is_line:
        shapes += _lines(chart, form, ink, scale, left, slot)
    else:
        shapes += _columns(chart, form, ink, scale, left, slot)
    plot = (shapes, bottom + plot_height + ink.size_pt * 1.5)
    return _with_legend(chart, ink, width_pt, plot) if keyed else plot


def _columns(chart: model.Chart, form: ChartForm, ink: Ink, scale: Scale, left: float, slot: float) -> list[Shape]:
    count = len(chart.series)
    bar = min(slot * (0.62 if count == 1 else 0.8) / count, ink.size_pt * 4)
    group = bar * count
    zero = scale(0.0)
    shapes: list[Shape] = []
    for s, series in enumerate(chart.series):
        for index, value in enumerate(series.values):
            x = left + slot * index + (slot - group) / 2 + s * bar
            y0, y1 = sorted((zero, scale(value)))
            shapes += fill_rect(x + 0.5, y0, bar - 1, y1 - y0, ink.looks[s])
            if form.data_labels:
                y = y1 + 3 if value >= 0 else y0 - ink.size_pt - 1
                shapes += text_shapes(ink.runs(form.value_text(value)), x + bar / 2, y, ink.size_pt, ink.color,
                                      "middle")
    return shapes


def _lines(chart: model.Chart, form: ChartForm, ink: Ink, scale: Scale, left: float, slot: float) -> list[Shape]:
    shapes: list[Shape] = []
    markers = len(chart.categories) <= 24
    for s, series in enumerate(chart.series):
        color = ink.series_color(s)
        points = [(left + slot * (i + 0.5), scale(v)) for i, v in enumerate(series.values)]
        shapes.append(PolyLine([c for p in points for c in p], strokeColor=color, strokeWidth=1.8,
                               strokeLineJoin=1, strokeLineCap=1, strokeDashArray=dash_of(ink.looks[s])))
        if markers:
            shapes += [Circle(x, y, 2.3, fillColor=color, strokeColor=white, strokeWidth=0.6) for x, y in points]
        if form.data_labels:
            shapes += [shape for (x, y), value in zip(points, series.values, strict=True)
                       for shape in text_shapes(ink.runs(form.value_text(value)), x, y + 4.5, ink.size_pt,
                                                ink.color, "middle")]
    return shapes


LAYOUTS: dict[model.ChartType, Layout] = {
    model.ChartType.BAR: _bar,
    model.ChartType.STACKED_BAR: _bar,
    model.ChartType.COLUMN: _vertical,
    model.ChartType.LINE: _vertical,
    model.ChartType.PIE: pie_plot,
}
