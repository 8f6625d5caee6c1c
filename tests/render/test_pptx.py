"""The deck renderer, read back with python-pptx: slides, titles, notes, charts, pictures, tables, fit, bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image as PILImage
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PptxPresentation
from pptx.util import Emu

from generator.deck.model import BulletSlide, DeckPlan, TitleSlide
from generator.deck.plan import plan_deck
from generator.model import ChartType, Document
from generator.pipeline.build import build
from generator.render.pptx.builtin import DEFAULT_TEMPLATE
from generator.render.pptx.deck import render_pptx
from generator.render.pptx.make_template import template_bytes
from generator.theme.model import Theme
from tests.conftest import SAMPLE
from tests.deck_fixtures import (
    CREATED,
    MARKUP_TRAPS,
    document,
    item,
    make_png,
    make_theme,
    points,
    rich_document,
    section,
)
from tests.textfit import fit_problems

WIDE = (Emu(12192000), Emu(6858000))
EXPECTED_CHARTS = {ChartType.BAR: XL_CHART_TYPE.BAR_CLUSTERED, ChartType.COLUMN: XL_CHART_TYPE.COLUMN_CLUSTERED,
                   ChartType.LINE: XL_CHART_TYPE.LINE_MARKERS, ChartType.PIE: XL_CHART_TYPE.PIE,
                   ChartType.STACKED_BAR: XL_CHART_TYPE.BAR_STACKED}


def render(plan: DeckPlan, theme: Theme) -> bytes:
    out = io.BytesIO()
    render_pptx(plan, theme, out, CREATED)
    return out.getvalue()


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, DeckPlan, bytes, PptxPresentation]:
    doc = rich_document(make_png(tmp_path_factory.mktemp("img") / "figure.png"))
    theme = make_theme()
    plan, _ = plan_deck(doc, theme)
    data = render(plan, theme)
    return doc, plan, data, Presentation(io.BytesIO(data))


def texts(slide: object) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]  # type: ignore[attr-defined]


def test_slides_titles_and_kickers_follow_the_plan(rich: tuple) -> None:
    _, plan, _, prs = rich
    assert len(prs.slides) == len(plan.slides)
    for planned, slide in zip(plan.slides, prs.slides, strict=True):
        title = planned.title if isinstance(planned, TitleSlide) else planned.heading.title
        assert slide.shapes.title is not None and slide.shapes.title.text_frame.text == title.text
        if not isinstance(planned, TitleSlide) and planned.heading.kicker is not None:
            assert planned.heading.kicker.text in texts(slide)
    assert prs.slides[1].shapes.title.text_frame.text == "Key takeaways"


def test_footer_label_is_on_every_slide_and_the_number_on_all_but_the_title_slide(rich: tuple) -> None:
    _, _, _, prs = rich
    for number, slide in enumerate(prs.slides, 1):
        assert "For discussion" in texts(slide)
        assert (str(number) in texts(slide)) == (number > 1)


def test_notes_hold_the_prose(rich: tuple) -> None:
    _, plan, _, prs = rich
    for planned, slide in zip(plan.slides, prs.slides, strict=True):
        if planned.notes:
            assert slide.notes_slide.notes_text_frame.text == planned.notes
        else:
            assert not slide.has_notes_slide
    assert any("Arrivals kept coming." in s.notes_slide.notes_text_frame.text for s in prs.slides
               if s.has_notes_slide)


def test_charts_are_native_with_the_outline_data(rich: tuple) -> None:
    doc, _, _, prs = rich
    frames = [shape for slide in prs.slides for shape in slide.shapes if shape.has_chart]
    outline = [b for b in doc.sections[1].content if b.__class__.__name__ == "Chart"]
    assert len(frames) == len(outline) == 5
    for frame, planned in zip(frames, outline, strict=True):
        chart = frame.chart
        assert chart.chart_type == EXPECTED_CHARTS[planned.type]
        assert list(chart.plots[0].categories) == list(planned.categories)
        got = [list(series.values) for plot in chart.plots for series in plot.series]
        assert got == [list(series.values) for series in planned.series]
        # the slide's title says what the chart shows; the chart's own title is its alt text
        assert not chart.has_title
        assert frame._element.xpath("./p:nvGraphicFramePr/p:cNvPr")[0].get("descr") == planned.title
        # a pie's legend names its slices, which are labelled with their percentages
        assert chart.has_legend == (len(planned.series) > 1 or planned.type is ChartType.PIE)


def test_pictures_carry_the_alt_text(rich: tuple) -> None:
    _, _, _, prs = rich
    pictures = [shape for slide in prs.slides for shape in slide.shapes if shape.shape_type == 13]
    assert [p._element.xpath(".//p:cNvPr")[0].get("descr") for p in pictures] == ["Map of the four terminals"]
    picture = pictures[0]
    assert abs(picture.width / picture.height - 400 / 240) < 0.01


def test_tables_repeat_their_header_and_keep_every_row(rich: tuple) -> None:
    _, _, _, prs = rich
    tables = [shape.table for slide in prs.slides for shape in slide.shapes if shape.has_table]
    sixty = [t for t in tables if t.cell(0, 0).text == "Site"]
    assert len(sixty) >= 2
    assert all([c.text for c in t.rows[0].cells] == ["Site", "Region", "Staff", "Share"] for t in sixty)
    labels = [row.cells[0].text for t in sixty for row in list(t.rows)[1:]]
    assert labels == [f"Site {n:02d}" for n in range(1, 61)]


def test_runs_are_styled_linked_and_literal(rich: tuple) -> None:
    _, _, _, prs = rich
    runs = [run for slide in prs.slides for shape in slide.shapes if shape.has_text_frame
            for p in shape.text_frame.paragraphs for run in p.runs]
    assert all(run.font.size is not None for run in runs)
    assert any(run.text == "bold" and run.font.bold for run in runs)
    assert any(run.text == "italic" and run.font.italic for run in runs)
    links = {run.hyperlink.address for run in runs if run.hyperlink.address}
    assert {"https://example.org", "https://example.org/stats"} <= links
    shown = "\n".join(text for slide in prs.slides for text in texts(slide))
    for trap in MARKUP_TRAPS:
        assert trap in shown


def test_frames_wrap_and_never_autofit_and_shapes_stay_on_the_slide(rich: tuple) -> None:
    _, _, _, prs = rich
    width, height = prs.slide_width, prs.slide_height
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= width and shape.top + shape.height <= height
            if shape.has_text_frame and shape.text_frame.text.strip():
                body_pr = shape.text_frame._txBody.find(qn("a:bodyPr"))
                assert body_pr.get("wrap") == "square" and body_pr.find(qn("a:noAutofit")) is not None
                spacing = shape.text_frame._txBody.findall(f".//{qn('a:lnSpc')}/{qn('a:spcPts')}")
                assert len(spacing) == len(shape.text_frame.paragraphs)


def test_every_text_fits_by_the_metrics_of_its_typeface(rich: tuple, tmp_path: Path) -> None:
    _, _, _, prs = rich
    assert fit_problems(prs) == []
    band = make_theme(band=True)
    plan, _ = plan_deck(rich_document(make_png(tmp_path / "figure.png")), band)
    assert fit_problems(Presentation(io.BytesIO(render(plan, band)))) == []


def test_the_deck_and_its_layouts_are_sixteen_by_nine(rich: tuple) -> None:
    _, _, _, prs = rich
    assert (prs.slide_width, prs.slide_height) == WIDE
    template = Presentation(str(DEFAULT_TEMPLATE))
    assert (template.slide_width, template.slide_height) == WIDE and len(template.slides) == 0
    for master in template.slide_masters:
        shapes = list(master.placeholders) + [ph for layout in master.slide_layouts for ph in layout.placeholders]
        assert shapes
        for shape in shapes:
            if shape.left is not None:
                assert 0 <= shape.left and shape.left + shape.width <= WIDE[0]
        title = next(ph for ph in master.placeholders if ph.placeholder_format.idx == 0)
        assert abs((title.left * 2 + title.width) - WIDE[0]) < 12700, "the master's title is centred on 16:9"


def test_the_committed_template_is_what_make_template_writes() -> None:
    assert DEFAULT_TEMPLATE.read_bytes() == template_bytes()


def test_renders_are_byte_identical_charts_included(rich: tuple) -> None:
    doc, plan, data, _ = rich
    assert render(plan, make_theme()) == data
    with zipfile.ZipFile(io.BytesIO(data)) as deck:
        assert {info.date_time for info in deck.infolist()} == {(2026, 4, 2, 0, 0, 0)}
        books = [name for name in deck.namelist() if name.endswith(".xlsx")]
        assert len(books) == 5
        with zipfile.ZipFile(io.BytesIO(deck.read(books[0]))) as book:
            core = book.read("docProps/core.xml").decode()
            assert {info.date_time for info in book.infolist()} == {(2026, 4, 2, 0, 0, 0)}
    assert "2026-04-02T00:00:00Z" in core and core.count("2026-04-02T00:00:00Z") == 2


def test_core_properties_come_from_the_document(rich: tuple) -> None:
    _, _, _, prs = rich
    props = prs.core_properties
    assert props.title == "Harbour Capacity on the Baltic Coast"
    assert props.author == "Ada Lindqvist, Jonas Berg"
    assert props.language == "en" and props.revision == 1
    assert props.created == props.modified == dt.datetime(2026, 4, 2)


def test_a_title_band_sits_behind_white_titles(tmp_path: Path) -> None:
    band = make_theme(band=True)
    plan, _ = plan_deck(rich_document(make_png(tmp_path / "figure.png")), band)
    prs = Presentation(io.BytesIO(render(plan, band)))
    slide = prs.slides[1]
    assert not [shape for shape in slide.shapes if shape.name.startswith("Decoration")]  # the layout draws it
    first = list(slide.slide_layout.shapes)[0]
    assert first.name == "Decoration 1" and first.width == WIDE[0]
    title = slide.shapes.title
    assert title.text_frame.paragraphs[0].runs[0]._r.find(qn("a:rPr")).find(qn("a:solidFill")) is None
    layout_title = next(ph for ph in slide.slide_layout.placeholders if ph.placeholder_format.type == 1)
    level = layout_title.text_frame._txBody.find(f"{qn('a:lstStyle')}/{qn('a:lvl1pPr')}")
    assert level.find(f"{qn('a:defRPr')}/{qn('a:solidFill')}/{qn('a:schemeClr')}").get("val") == "bg1"  # white


def _pictures(slide: object) -> list:
    return [shape for shape in slide.shapes if shape.shape_type == 13]  # type: ignore[attr-defined]


@pytest.mark.parametrize("extends", ["classic", "bold"])
def test_a_theme_logo_sits_on_the_title_slide_only(tmp_path: Path, extends: str) -> None:
    PILImage.new("RGB", (300, 100), (200, 30, 30)).save(tmp_path / "logo.png")
    theme = tmp_path / "t.yaml"
    theme.write_text(f"extends: {extends}\nlogo: logo.png\n", encoding="utf-8")
    build(SAMPLE, tmp_path / "out", theme=str(theme), only="pptx", parallel=False)
    prs = Presentation(str(tmp_path / "out" / "us-troops-korea.pptx"))
    first = prs.slides[0]
    [logo] = _pictures(first)
    assert logo.name == "Logo"
    assert logo._element.xpath(".//p:cNvPr")[0].get("descr") == "briefdeck sample analysis logo"
    assert logo.left >= 0 and logo.top >= 0
    assert logo.left + logo.width <= prs.slide_width and logo.top + logo.height <= prs.slide_height
    assert abs(logo.height - Emu(int(0.55 * 914400))) < 12700 and abs(logo.width / logo.height - 3) < 0.01
    assert logo.left > prs.slide_width / 2  # the right-hand side
    title = first.shapes.title
    assert logo.top + logo.height <= title.top or logo.left >= title.left + title.width
    assert not [p for slide in list(prs.slides)[1:] for p in _pictures(slide) if p.name == "Logo"]
    assert fit_problems(prs) == []


def test_without_a_logo_the_title_slide_has_no_picture(tmp_path: Path) -> None:
    build(SAMPLE, tmp_path / "out", only="pptx", parallel=False)
    prs = Presentation(str(tmp_path / "out" / "us-troops-korea.pptx"))
    assert _pictures(prs.slides[0]) == []


def test_bullets_fill_the_body_placeholder_of_the_content_layout(rich: tuple) -> None:
    _, plan, _, prs = rich
    for planned, slide in zip(plan.slides, prs.slides, strict=True):
        assert slide.slide_layout.name == plan.layout_name(planned)
        if isinstance(planned, BulletSlide) and planned.body.paras:
            assert slide.slide_layout.name == "Title and Content"
            body = [ph for ph in slide.placeholders if ph.placeholder_format.idx == 1]
            assert body and body[0].text_frame.text == planned.body.text
        assert not [ph for ph in slide.placeholders if not ph.text_frame.text.strip()]


HEBREW, ARABIC = "ממשלת ישראל הודיעה היום על תוכנית חדשה", "أعلنت الحكومة اليوم عن خطة جديدة"


def test_mainly_hebrew_or_arabic_paragraphs_are_right_to_left_and_flush_right() -> None:
    doc = document((section(0, "Scripts", [points(item(HEBREW), item(f"{ARABIC} 2026"),
                                                 item("An English line with one word עברית in it."))],
                            key=HEBREW),))
    theme = make_theme()
    plan, _ = plan_deck(doc, theme)
    prs = Presentation(io.BytesIO(render(plan, theme)))
    paragraphs = {"".join(run.text for run in p.runs): p._p.find(qn("a:pPr")) for slide in prs.slides
                  for shape in slide.shapes if shape.has_text_frame for p in shape.text_frame.paragraphs}
    for text in (HEBREW, f"{ARABIC} 2026"):
        assert paragraphs[text].get("rtl") == "1" and paragraphs[text].get("algn") == "r", text
    english = paragraphs["An English line with one word עברית in it."]
    assert english.get("rtl") is None and english.get("algn") == "l"
    title = next(s.shapes.title for s in prs.slides if s.shapes.title.text_frame.text == HEBREW)
    assert title.text_frame.paragraphs[0]._p.find(qn("a:pPr")).get("rtl") == "1"
