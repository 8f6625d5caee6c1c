"""Charts that read, in both outputs: every chart type with twelve long category names, in every theme.

The deck is read back with python-pptx (and its chart XML), the brief with pdftotext; both must
show every category, the same value axis and the same number formats (generator.charts).
"""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache

import pytest
from lxml import etree
from pptx import Presentation
from pptx.chart.chart import Chart as PptxChart
from pptx.enum.chart import XL_CHART_TYPE, XL_TICK_LABEL_POSITION
from pptx.oxml.ns import qn

from generator.charts import ChartForm, chart_form
from generator.deck.plan import plan_deck
from generator.model import Chart, ChartType, Document, Series
from generator.render.pdf.brief import render_pdf
from generator.render.pptx.deck import render_pptx
from generator.theme.load import resolve_theme
from tests.deck_fixtures import CREATED, document, section

THEMES = ("classic", "minimal", "bold")
PLACES = ("Northern", "Eastern", "Western", "Southern", "Central", "Coastal", "Highland", "Lowland", "Island",
          "Border", "Metropolitan", "Rural")
LONG = tuple(f"{place} district council area" for place in PLACES)  # 12 labels of 26 to 30 characters


def _values(seed: int, count: int) -> tuple[float, ...]:
    return tuple(float((seed + 3) * (c + 2) * 137 % 2900 + 100) for c in range(count))


def _chart(kind: ChartType, title: str, categories: tuple[str, ...], series: int, unit: str | None,
           values: tuple[tuple[float, ...], ...] | None = None) -> Chart:
    data = values or tuple(_values(s, len(categories)) for s in range(series))
    return Chart(kind, title, categories, tuple(Series(f"Series {s + 1}", v) for s, v in enumerate(data)),
                 unit, None, "", 0)


CHARTS = (
    _chart(ChartType.BAR, "Bars by district", LONG, 2, "vessels"),
    _chart(ChartType.COLUMN, "Columns by district", LONG, 2, "vessels"),
    _chart(ChartType.LINE, "A line by district", LONG, 1, "vessels"),
    _chart(ChartType.PIE, "Shares by district", LONG, 1, "%"),
    _chart(ChartType.STACKED_BAR, "Stacks by district", LONG, 2, "vessels"),
    _chart(ChartType.COLUMN, "Four short columns", ("Oct", "Nov", "Dec", "Jan"), 2, "%",
           ((1.6, 1.9, 2.1, 3.4), (1.0, 1.2, 2.5, 3.0))),
    _chart(ChartType.BAR, "Thirteen bars", tuple(f"Site {n}" for n in range(1, 14)), 1, None),
    _chart(ChartType.LINE, "Eight lines", tuple(str(year) for year in range(2019, 2025)), 8, "days",
           tuple(tuple(float(s * 3 + c * (s % 3 + 1)) for c in range(6)) for s in range(8))),
)
SWITCHED = {1}  # the column chart with twelve long labels


@dataclass(frozen=True)
class Built:
    doc: Document
    charts: tuple[PptxChart, ...]
    frames: tuple[etree._Element, ...]
    captions: tuple[str, ...]
    pdf_text: str  # pdftotext -raw, whitespace collapsed: wrapped labels join back up


@cache
def built(theme_name: str) -> Built:
    theme = resolve_theme(theme_name)
    doc = document((section(0, "Charts", list(CHARTS), key="Every chart type with twelve long labels"),))
    plan, _ = plan_deck(doc, theme)
    deck, brief = io.BytesIO(), io.BytesIO()
    render_pptx(plan, theme, deck, CREATED)
    render_pdf(doc, theme, brief, CREATED)
    prs = Presentation(io.BytesIO(deck.getvalue()))
    shapes = [shape for slide in prs.slides for shape in slide.shapes if shape.has_chart]
    captions = tuple(shape.text_frame.text for slide in prs.slides for shape in slide.shapes
                     if shape.name == "Chart caption")
    text = subprocess.run(["pdftotext", "-raw", "-", "-"], input=brief.getvalue(), capture_output=True,
                          check=True).stdout.decode()
    return Built(doc, tuple(s.chart for s in shapes), tuple(s._element for s in shapes), captions,
                 " ".join(text.split()))


@pytest.fixture(params=THEMES)
def result(request: pytest.FixtureRequest) -> Built:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return built(request.param)


def _form(index: int) -> ChartForm:
    return chart_form(CHARTS[index])


def test_crowded_columns_become_bars_and_the_rest_keep_their_type(result: Built) -> None:
    expected = {ChartType.BAR: XL_CHART_TYPE.BAR_CLUSTERED, ChartType.COLUMN: XL_CHART_TYPE.COLUMN_CLUSTERED,
                ChartType.LINE: XL_CHART_TYPE.LINE_MARKERS, ChartType.PIE: XL_CHART_TYPE.PIE,
                ChartType.STACKED_BAR: XL_CHART_TYPE.BAR_STACKED}
    assert len(result.charts) == len(CHARTS)
    for index, (chart, outline) in enumerate(zip(result.charts, CHARTS, strict=True)):
        kind = ChartType.BAR if index in SWITCHED else outline.type
        assert chart.chart_type == expected[kind], outline.title
        assert list(chart.plots[0].categories) == list(outline.categories)  # the data stay as written
        assert [list(s.values) for s in chart.plots[0].series] == [list(s.values) for s in outline.series]


def test_deck_charts_have_no_title_of_their_own(result: Built) -> None:
    for chart, frame, outline in zip(result.charts, result.frames, CHARTS, strict=True):
        assert not chart.has_title
        assert chart._chartSpace.find(f"{qn('c:chart')}/{qn('c:autoTitleDeleted')}").get("val") == "1"
        assert frame.xpath("./p:nvGraphicFramePr/p:cNvPr")[0].get("descr") == outline.title
    # the outline's chart title is a caption above the chart, under the slide's title
    assert result.captions == tuple(outline.title for outline in CHARTS)


def test_every_category_label_is_printed_flat(result: Built) -> None:
    for chart in result.charts:
        if chart.chart_type == XL_CHART_TYPE.PIE:
            continue
        axis = chart.category_axis._element
        assert axis.find(qn("c:tickLblSkip")).get("val") == "1"
        assert axis.find(qn("c:tickMarkSkip")).get("val") == "1"
        assert axis.find(f"{qn('c:txPr')}/{qn('a:bodyPr')}").get("rot") == "0"
        # at the plot's edge, so bars below zero never cover them
        assert chart.category_axis.tick_label_position == XL_TICK_LABEL_POSITION.LOW
        assert chart.category_axis._element.find(qn("c:delete")).get("val") not in ("1", "true")


def test_value_axes_agree_with_the_brief(result: Built) -> None:
    for index, chart in enumerate(result.charts):
        form = _form(index)
        if form.axis is None:
            continue
        value = chart.value_axis
        assert value.tick_labels.number_format == form.axis_format()
        assert not value.tick_labels.number_format_is_linked
        assert (value.minimum_scale, value.maximum_scale, value.major_unit) == (
            form.axis.low, form.axis.high, form.axis.step)
        if form.kind is not ChartType.LINE:
            assert form.axis.low == 0.0  # bars and columns start at zero, in both outputs
        for tick in form.axis.ticks:  # the same printed numbers, thousands separated, unit and all
            assert f" {form.axis_text(tick)} " in f" {result.pdf_text} ", (CHARTS[index].title, tick)


def test_number_formats_carry_separators_and_the_percent_unit() -> None:
    assert _form(0).axis_format() == "#,##0"
    assert _form(0).axis_text(3000) == "3,000"
    short = _form(5)
    assert (short.axis_format(), short.value_format()) == ('#,##0"%"', '#,##0.0"%"')
    assert (short.axis_text(4), short.value_text(3.4)) == ("4%", "3.4%")
    assert short.axis_title is None and _form(0).axis_title == "vessels"


def test_gridlines_are_light_and_only_on_the_value_axis(result: Built) -> None:
    for chart in result.charts:
        if chart.chart_type == XL_CHART_TYPE.PIE:
            continue
        assert chart.value_axis.has_major_gridlines and not chart.category_axis.has_major_gridlines
        line = chart.value_axis.major_gridlines.format.line
        red, green, blue = line.color.rgb
        assert 0.299 * red + 0.587 * green + 0.114 * blue > 190, "gridlines should be light"
        assert line.width.pt <= 1.0


def test_data_labels_only_where_they_do_not_crowd(result: Built) -> None:
    labelled = [chart.plots[0].has_data_labels for chart in result.charts]
    # 12 points x 2 series of bars are labelled; 13 bars, and 8 crossing lines, are not
    assert labelled == [True, True, True, True, True, True, False, False]
    for index, chart in enumerate(result.charts):
        if labelled[index] and chart.chart_type != XL_CHART_TYPE.PIE:
            labels = chart.plots[0].data_labels
            assert labels.show_value and labels.number_format == _form(index).value_format()


def test_pie_slices_are_labelled_in_percent(result: Built) -> None:
    pie = result.charts[3]
    labels = pie.plots[0].data_labels
    assert labels.show_percentage and not labels.show_value and labels.number_format == "0%"
    assert pie.has_legend  # names the slices
    shares = [v / sum(CHARTS[3].series[0].values) for v in CHARTS[3].series[0].values]
    for name, share in zip(LONG, shares, strict=True):  # the brief's key says the same
        assert f"{name} {share:.0%}" in result.pdf_text


def _looks(chart: PptxChart) -> list[tuple]:
    """Return what tells each series (or, for a pie, each slice) apart: fill, pattern, line, dash, marker."""
    parts = chart._chartSpace.xpath(".//c:ser/c:dPt/c:spPr" if chart.chart_type == XL_CHART_TYPE.PIE
                                    else ".//c:ser/c:spPr")

    def look(sp_pr: etree._Element) -> tuple:
        marker = sp_pr.getparent().find(f"{qn('c:marker')}/{qn('c:symbol')}")
        return (tuple(sp_pr.xpath("./a:solidFill/a:srgbClr/@val")),
                tuple(sp_pr.xpath("./a:pattFill/@prst | ./a:pattFill//a:srgbClr/@val")),
                tuple(sp_pr.xpath("./a:ln/a:solidFill/a:srgbClr/@val | ./a:ln/a:prstDash/@val")),
                None if marker is None else marker.get("val"))
    return [look(part) for part in parts]


def test_neighbouring_series_and_slices_never_look_alike(result: Built) -> None:
    for chart, outline in zip(result.charts, CHARTS, strict=True):
        looks = _looks(chart)
        pie = chart.chart_type == XL_CHART_TYPE.PIE
        assert len(looks) == (len(outline.categories) if pie else len(outline.series))
        pairs = list(zip(looks, looks[1:] + looks[:1] if pie else looks[1:], strict=False))
        assert all(a != b for a, b in pairs), outline.title
    eight = _looks(result.charts[7])
    assert len(set(eight)) == 8  # eight lines, eight looks (greys get dashes and markers too)
    pie = _looks(result.charts[3])
    assert len(set(pie)) == 12  # past the six-colour palette, slices repeat hatched


def test_every_category_label_is_in_the_brief(result: Built) -> None:
    for outline in CHARTS:
        for label in outline.categories:
            assert f" {label} " in f" {result.pdf_text} ", (outline.title, label)
    assert "Values in vessels" in result.pdf_text and "Values in %" not in result.pdf_text


def test_columns_turn_into_bars_past_six_categories_or_fourteen_characters() -> None:
    def kind(categories: tuple[str, ...]) -> ChartType:
        return chart_form(_chart(ChartType.COLUMN, "c", categories, 1, None)).kind

    assert kind(tuple("ABCDEF")) is ChartType.COLUMN
    assert kind(tuple("ABCDEFG")) is ChartType.BAR
    assert kind(("North", "Fourteen chars")) is ChartType.COLUMN
    assert kind(("North", "Fifteen letters")) is ChartType.BAR


def test_stacked_segments_too_short_for_their_label_go_unlabelled() -> None:
    theme = resolve_theme("classic")
    stacked = Chart(ChartType.STACKED_BAR, "Mix", ("North", "South"),
                    (Series("A", (900.0, 800.0)), Series("B", (3.0, 700.0))), None, None, "", 0)
    plan, _ = plan_deck(document((section(0, "Charts", [stacked]),)), theme)
    deck = io.BytesIO()
    render_pptx(plan, theme, deck, CREATED)
    chart = next(shape.chart for slide in Presentation(deck).slides for shape in slide.shapes if shape.has_chart)
    hidden = [[label.find(qn("c:idx")).get("val") for label in series._element.iter(qn("c:dLbl"))
               if label.find(qn("c:delete")) is not None] for series in chart.plots[0].series]
    assert hidden == [[], ["0"]]  # only the 3 beside the 900
