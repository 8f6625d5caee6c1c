"""Draw a planned chart as a native, editable PowerPoint chart in the theme's palette.

Stage: part of the deck renderer (PlannedChart in, a chart part with its embedded workbook
out). The data are exactly the outline's categories and series; nothing is sorted,
rounded or dropped, so the chart can be edited in PowerPoint and re-read by a checker.
"""

from __future__ import annotations

from typing import Any, cast

from pptx.chart.chart import Chart as PptxChart
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.oxml.ns import qn
from pptx.shapes.shapetree import SlideShapes
from pptx.text.text import Font
from pptx.util import Pt

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
HORIZONTAL = (ChartType.BAR, ChartType.STACKED_BAR)


def _font(font: Font, size_pt: float, style: Style, role: ColorRole, bold: bool = False) -> None:
    font.size = Pt(size_pt)
    font.name = style.family(FontRole.BODY)
    font.bold = bold
    font.color.rgb = style.color(role)


def _colour_series(chart: PptxChart, planned: PlannedChart, style: Style) -> None:
    plot = chart.plots[0]
    if planned.kind is ChartType.PIE:
        for index, point in enumerate(plot.series[0].points):
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = style.palette(index)
        return
    for index, series in enumerate(plot.series):
        colour = style.palette(index)
        if planned.kind is ChartType.LINE:
            series.format.line.color.rgb = colour
            series.format.line.width = Pt(2.25)
            series.smooth = False
            series.marker.style = XL_MARKER_STYLE.CIRCLE
            series.marker.size = 7
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = colour
            series.marker.format.line.color.rgb = colour
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = colour
            series.invert_if_negative = False


def _axes(chart: PptxChart, planned: PlannedChart, style: Style) -> None:
    category, value = chart.category_axis, chart.value_axis
    _font(category.tick_labels.font, planned.text_pt, style, ColorRole.TEXT)
    _font(value.tick_labels.font, planned.text_pt, style, ColorRole.MUTED)
    category.format.line.color.rgb = style.color(ColorRole.MUTED)
    category.has_major_gridlines = False
    value.has_major_gridlines = True
    value.major_gridlines.format.line.color.rgb = style.color(ColorRole.FILL)
    value.format.line.fill.background()
    if planned.kind in HORIZONTAL:
        category.reverse_order = True  # the first category on top, as the outline lists it
        # ... and the value axis at the bottom: it crosses the category axis at its last category
        value._element.find(qn("c:crosses")).set("val", "max")
    if planned.unit:
        value.has_title = True
        value.axis_title.text_frame.text = planned.unit
        _font(value.axis_title.text_frame.paragraphs[0].runs[0].font, planned.text_pt, style, ColorRole.MUTED)


def draw_chart(shapes: SlideShapes, planned: PlannedChart, style: Style, name: str) -> None:
    """Add ``planned`` as a native chart in its box."""
    from pptx.chart.data import CategoryChartData  # brings in XlsxWriter, for decks with charts only

    data = CategoryChartData(number_format="General")
    data.categories = list(planned.categories)
    for series in planned.series:
        data.add_series(series.name, list(series.values))
    box = planned.box
    # python-pptx annotates add_chart as taking ChartData and returning a Chart; it takes any chart
    # data and returns the graphic frame that holds the chart
    frame: Any = shapes.add_chart(CHART_TYPES[planned.kind], emu(box.x_pt), emu(box.y_pt), emu(box.w_pt),
                                  emu(box.h_pt), cast(Any, data))
    frame.name = name
    chart = frame.chart
    _font(chart.font, planned.text_pt, style, ColorRole.TEXT)
    chart.has_title = bool(planned.title)
    if planned.title:
        chart.chart_title.text_frame.text = planned.title
        _font(chart.chart_title.text_frame.paragraphs[0].runs[0].font, planned.title_pt, style,
              ColorRole.PRIMARY, bold=True)
    chart.has_legend = planned.legend
    if planned.legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        _font(chart.legend.font, planned.text_pt, style, ColorRole.TEXT)
    _colour_series(chart, planned, style)
    plot = chart.plots[0]
    if planned.kind is ChartType.PIE:
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.show_category_name = True
        labels.show_value = True
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
        _font(labels.font, planned.text_pt, style, ColorRole.TEXT)
        return
    if planned.kind is not ChartType.LINE:
        plot.gap_width = 60
    _axes(chart, planned, style)
