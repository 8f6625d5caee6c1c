"""Draw a planned chart as a native, editable PowerPoint chart in the theme's palette.

Stage: part of the deck renderer (PlannedChart in, a chart part with its embedded workbook
out). The data are exactly the outline's categories and series; nothing is sorted,
rounded or dropped, so the chart can be edited in PowerPoint and re-read by a checker.
Its form (bars or columns, axis range, number formats, series looks) comes from
``generator.charts``, which the brief's charts follow too.
"""

from __future__ import annotations

from typing import Any, cast

from lxml import etree
from pptx.chart.chart import Chart as PptxChart
from pptx.dml.color import RGBColor
from pptx.dml.fill import FillFormat
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
)
from pptx.enum.dml import MSO_LINE_DASH_STYLE, MSO_PATTERN
from pptx.oxml.ns import qn
from pptx.shapes.shapetree import SlideShapes
from pptx.text.text import Font
from pptx.util import Pt

from generator.charts import ChartForm, SeriesLook, series_looks
from generator.deck.model import ColorRole, FontRole, PlannedChart
from generator.model import ChartType
from generator.render.pptx.draw import Style, emu

CHART_TYPES = {
    ChartType.BAR: XL_CHART_TYPE.BAR_CLUSTERED,
    ChartType.COLUMN: XL_CHART_TYPE.COLUMN_CLUSTERED,
    ChartType.LINE: XL_CHART_TYPE.LINE_MARKERS,
    ChartType.PIE: XL_CHART_TYPE.PIE,
    ChartType.STACKED_BAR: XL_CHART_TYPE.BAR_STACKED,
}
# look.pattern 1 to 5, as the brief hatches them (render/pdf/chart_fill.py)
PATTERNS = (MSO_PATTERN.WIDE_UPWARD_DIAGONAL, MSO_PATTERN.WIDE_DOWNWARD_DIAGONAL, MSO_PATTERN.LARGE_GRID,
            MSO_PATTERN.DIAGONAL_CROSS, MSO_PATTERN.HORIZONTAL)
DASHES = (MSO_LINE_DASH_STYLE.SOLID, MSO_LINE_DASH_STYLE.DASH, MSO_LINE_DASH_STYLE.ROUND_DOT,
          MSO_LINE_DASH_STYLE.DASH_DOT, MSO_LINE_DASH_STYLE.LONG_DASH, MSO_LINE_DASH_STYLE.LONG_DASH_DOT)
MARKERS = (XL_MARKER_STYLE.CIRCLE, XL_MARKER_STYLE.SQUARE, XL_MARKER_STYLE.TRIANGLE, XL_MARKER_STYLE.DIAMOND,
           XL_MARKER_STYLE.X, XL_MARKER_STYLE.PLUS)
LABEL_POSITIONS = {
    ChartType.BAR: XL_LABEL_POSITION.OUTSIDE_END,
    ChartType.COLUMN: XL_LABEL_POSITION.OUTSIDE_END,
    ChartType.LINE: XL_LABEL_POSITION.ABOVE,
    ChartType.PIE: XL_LABEL_POSITION.OUTSIDE_END,
    ChartType.STACKED_BAR: XL_LABEL_POSITION.CENTER,
}
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
PLOT_SHARE = 0.6  # at least this much of a bar chart's width is plot, beside labels and margins
DIGIT_EM = 0.56  # a digit's width in ems, a little over most faces' figures


def _font(font: Font, size_pt: float, style: Style, role: ColorRole, bold: bool = False) -> None:
    font.size = Pt(size_pt)
    font.name = style.family(FontRole.BODY)
    font.bold = bold
    font.color.rgb = style.color(role)


def _rgb(look: SeriesLook) -> RGBColor:
    return RGBColor.from_string(look.color.lstrip("#"))


def _fill(fill: FillFormat, look: SeriesLook) -> None:
    """Fill with the look's colour; a patterned look hatches it with white, so a repeat stays distinct."""
    if look.pattern:
        fill.patterned()
        fill.pattern = PATTERNS[(look.pattern - 1) % len(PATTERNS)]
        fill.fore_color.rgb = WHITE
        fill.back_color.rgb = _rgb(look)
    else:
        fill.solid()
        fill.fore_color.rgb = _rgb(look)


def _colour_series(chart: PptxChart, planned: PlannedChart, style: Style) -> None:
    plot = chart.plots[0]
    kind = planned.form.kind
    palette = style.theme.colors.palette
    if kind is ChartType.PIE:
        points = plot.series[0].points
        for point, look in zip(points, series_looks(palette, len(planned.categories), kind), strict=True):
            _fill(point.format.fill, look)
            point.format.line.color.rgb = WHITE
        return
    for series, look in zip(plot.series, series_looks(palette, len(planned.series), kind), strict=True):
        if kind is ChartType.LINE:
            series.format.line.color.rgb = _rgb(look)
            series.format.line.width = Pt(2.25)
            series.format.line.dash_style = DASHES[look.pattern % len(DASHES)]
            series.smooth = False
            series.marker.style = MARKERS[look.pattern % len(MARKERS)]
            series.marker.size = 7
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = _rgb(look)
            series.marker.format.line.color.rgb = _rgb(look)
        else:
            _fill(series.format.fill, look)
            series.format.line.color.rgb = WHITE if kind is ChartType.STACKED_BAR else _rgb(look)
            series.invert_if_negative = False


def _every_label_flat(axis_element: etree._Element) -> None:
    """Print every category's label, unrotated: PowerPoint otherwise skips or tilts crowded labels."""
    body = axis_element.find(qn("c:txPr")).find(qn("a:bodyPr"))
    body.set("rot", "0")
    body.set("vert", "horz")
    anchor = axis_element.find(qn("c:noMultiLvlLbl"))
    for tag in ("c:tickLblSkip", "c:tickMarkSkip"):
        skip = etree.Element(qn(tag), val="1")
        if anchor is not None:
            anchor.addprevious(skip)
        else:
            axis_element.append(skip)


def _axes(chart: PptxChart, planned: PlannedChart, style: Style) -> None:
    form = planned.form
    category, value = chart.category_axis, chart.value_axis
    _font(category.tick_labels.font, planned.text_pt, style, ColorRole.TEXT)
    _font(value.tick_labels.font, planned.text_pt, style, ColorRole.MUTED)
    _every_label_flat(category._element)
    category.tick_label_position = XL_TICK_LABEL_POSITION.LOW  # at the plot's edge, not over negative bars
    category.format.line.color.rgb = style.color(ColorRole.MUTED)
    category.has_major_gridlines = False
    value.has_major_gridlines = True
    gridlines = value.major_gridlines.format.line
    gridlines.color.rgb = style.color(ColorRole.FILL)
    gridlines.width = Pt(0.75)
    value.format.line.fill.background()
    value.tick_labels.number_format = form.axis_format()
    value.tick_labels.number_format_is_linked = False
    if form.axis is not None:  # the brief's ticks, so both outputs print the same numbers
        value.minimum_scale = form.axis.low
        value.maximum_scale = form.axis.high
        value.major_unit = form.axis.step
    if form.horizontal:
        category.reverse_order = True  # the first category on top, as the outline lists it
        # ... and the value axis at the bottom: it crosses the category axis at its last category
        value._element.find(qn("c:crosses")).set("val", "max")
    if form.axis_title:
        value.has_title = True
        value.axis_title.text_frame.text = form.axis_title
        _font(value.axis_title.text_frame.paragraphs[0].runs[0].font, planned.text_pt, style, ColorRole.MUTED)


def _data_labels(chart: PptxChart, planned: PlannedChart, style: Style) -> None:
    form = planned.form
    plot = chart.plots[0]
    plot.has_data_labels = form.data_labels
    if not form.data_labels:
        return
    labels = plot.data_labels
    labels.position = LABEL_POSITIONS[form.kind]
    _font(labels.font, planned.value_pt, style, ColorRole.TEXT)
    if form.kind is ChartType.PIE:
        labels.show_percentage = True
        labels.show_value = False
        labels.show_category_name = False
        labels.number_format = "0%"
    else:
        labels.show_value = True
        labels.number_format = form.value_format()
    labels.number_format_is_linked = False
    if form.kind is ChartType.STACKED_BAR:  # on the segment itself, light on dark colours
        palette = style.theme.colors.palette
        for series, look in zip(plot.series, series_looks(palette, len(planned.series), form.kind), strict=True):
            own = series.data_labels  # a series' own labels replace the plot's, so they repeat all of it
            own.show_value = True
            own.number_format = form.value_format()
            own.number_format_is_linked = False
            own.position = XL_LABEL_POSITION.CENTER
            _font(own.font, planned.value_pt, style, ColorRole.TEXT)
            own.font.color.rgb = WHITE if look.dark else style.color(ColorRole.TEXT)
            _hide_crowded(own._element, series.values, planned)


def _hide_crowded(labels: etree._Element, values: tuple[float, ...], planned: PlannedChart) -> None:
    """Drop the labels of segments too short to hold them, as the brief leaves them out."""
    form = planned.form
    if form.axis is None:
        return
    plot_pt = planned.box.w_pt * PLOT_SHARE
    first = labels[0] if len(labels) else None
    for index, value in enumerate(values):
        segment_pt = abs(value) / (form.axis.high - form.axis.low) * plot_pt
        if segment_pt < len(form.value_text(value)) * planned.value_pt * DIGIT_EM + 4:
            label = etree.Element(qn("c:dLbl"))
            etree.SubElement(label, qn("c:idx"), val=str(index))
            etree.SubElement(label, qn("c:delete"), val="1")
            if first is not None:
                first.addprevious(label)
            else:
                labels.append(label)


def _legend(chart: PptxChart, planned: PlannedChart, style: Style) -> None:
    chart.has_legend = planned.legend
    if planned.legend:
        # a pie's legend names its slices beside it; series keys go under the plot, out of the data
        chart.legend.position = XL_LEGEND_POSITION.RIGHT if planned.form.kind is ChartType.PIE \
            else XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        _font(chart.legend.font, planned.text_pt, style, ColorRole.TEXT)


AXIS_REFERENCES = ("c:axId", "c:crossAx")


def _positive_axis_ids(chart: PptxChart) -> None:
    """Make python-pptx's fixed negative axis ids positive: the schema types them as unsigned ints."""
    for tag in AXIS_REFERENCES:
        for element in chart._chartSpace.iter(qn(tag)):
            element.set("val", str(abs(int(element.get("val")))))


def draw_chart(shapes: SlideShapes, planned: PlannedChart, style: Style, name: str) -> None:
    """Add ``planned`` as a native chart in its box, untitled: the slide's caption says what it shows."""
    from pptx.chart.data import CategoryChartData  # brings in XlsxWriter, for decks with charts only

    form: ChartForm = planned.form
    data = CategoryChartData(number_format=form.value_format())
    data.categories = list(planned.categories)
    for series in planned.series:
        data.add_series(series.name, list(series.values))
    box = planned.box
    # python-pptx annotates add_chart as taking ChartData and returning a Chart; it takes any chart
    # data and returns the graphic frame that holds the chart
    frame: Any = shapes.add_chart(CHART_TYPES[form.kind], emu(box.x_pt), emu(box.y_pt), emu(box.w_pt),
                                  emu(box.h_pt), cast(Any, data))
    frame.name = name
    if planned.title:
        frame._element.xpath("./p:nvGraphicFramePr/p:cNvPr")[0].set("descr", planned.title)
    chart = frame.chart
    _positive_axis_ids(chart)
    _font(chart.font, planned.text_pt, style, ColorRole.TEXT)
    chart.has_title = False
    _legend(chart, planned, style)
    _colour_series(chart, planned, style)
    _data_labels(chart, planned, style)
    if form.kind is ChartType.PIE:
        return
    if form.kind is not ChartType.LINE:
        chart.plots[0].gap_width = 60  # as the planner assumes (CHART_GAP_SHARE)
        if form.kind is ChartType.STACKED_BAR:
            chart.plots[0].overlap = 100
    _axes(chart, planned, style)
