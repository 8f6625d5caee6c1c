"""No holes in the brief: exhibits float to the next page while text fills this one, headings stay with text.

The sample, the acceptance cases (``typeset_cases``) and the stress outline are rendered in every
built-in theme and measured from the PDF (``typeset_measure``: rendered pages for the empty share,
``pdftotext`` for headings and exhibits). The float itself is tested on synthetic stories laid
out by the brief's document template, with boxes that record the page and height they are drawn at.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Frame, PageBreak, PageTemplate, Paragraph, SimpleDocTemplate

from generator.render.pdf.blocks import outlined_heading
from generator.render.pdf.floats import HOLE_SHARE, MIN_SHRINK, FloatingTemplate
from generator.render.pdf.flow import Exhibit
from generator.theme.load import builtin_theme_names
from tests.render.typeset_measure import (
    OUTLINES,
    empty_shares,
    exhibit_marks,
    exhibit_places,
    headings_of,
    render,
    stranded_headings,
)

BUILDS = [(outline, theme) for outline in OUTLINES for theme in builtin_theme_names()]
MAX_EMPTY_SHARE = 0.25  # of any page but the last, with no exemption: the rich case's page 1 once ended 26-31%
# empty before a section opening with a bar chart that, laid out at its least, needed 21-52 pt more than the
# room left; now the chart's legend moves up onto its unit line and its bars may be as thin as a data label
# (``charts``), and the masthead and byline take 20 pt less (``masthead``), so it stays on the page.


@pytest.fixture(scope="module")
def built() -> dict[tuple[Path, str], bytes]:
    return {(outline, theme): render(outline, theme) for outline, theme in BUILDS}


def test_no_page_but_the_last_is_more_than_a_quarter_empty(built: dict[tuple[Path, str], bytes]) -> None:
    for (outline, theme), pdf in built.items():
        shares = empty_shares(pdf)
        assert max(shares[:-1], default=0.0) <= MAX_EMPTY_SHARE, (outline.stem, theme, [f"{s:.0%}" for s in shares])


def test_no_page_ends_with_a_heading(built: dict[tuple[Path, str], bytes]) -> None:
    for (outline, theme), pdf in built.items():
        assert not stranded_headings(pdf, headings_of(outline)), (outline.stem, theme)


def test_every_exhibit_is_printed_once_and_in_outline_order(built: dict[tuple[Path, str], bytes]) -> None:
    for (outline, theme), pdf in built.items():
        marks = exhibit_marks(outline)
        places = exhibit_places(pdf, marks)
        assert all(len(found) == 1 for found in places), (outline.stem, theme, list(zip(marks, places, strict=True)))
        firsts = [found[0] for found in places]
        assert firsts == sorted(firsts), (outline.stem, theme)


def test_the_measures_see_a_stranded_heading_and_a_lost_exhibit(built: dict[tuple[Path, str], bytes]) -> None:
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=PAGE_PT).build([Paragraph("Some text.", TEXT),
                                                    Paragraph("A lonely heading", HEADING), PageBreak(),
                                                    Paragraph("Its text, a page later.", TEXT)])
    assert stranded_headings(out.getvalue(), ["Another heading", "A lonely heading"]) == [(1, "A lonely heading")]
    pdf = built[OUTLINES[1], "classic"]  # the rich case
    assert exhibit_places(pdf, [("x", "A chart this brief does not have")]) == [[]]


# The float on synthetic stories

PAGE_PT = (400.0, 400.0)
FRAME_PT = 300.0
TEXT = ParagraphStyle("text", fontName="Helvetica", fontSize=10, leading=12, allowOrphans=0, allowWidows=0)
HEADING = ParagraphStyle("heading", parent=TEXT, fontSize=14, leading=18, spaceBefore=12, keepWithNext=1)


class Box(Flowable):
    """A block of fixed size that records where it was drawn: (name, page, top from the frame's top, height)."""

    def __init__(self, name: str, height_pt: float, drawn: list[tuple[str, int, float, float]]) -> None:
        super().__init__()
        self.name, self.height, self.width, self.drawn = name, height_pt, 100.0, drawn

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        return self.width, self.height

    def draw(self) -> None:
        _, top = self.canv.absolutePosition(0, self.height)
        scale = self.canv._currentMatrix[3]  # drawn inside a Scaled flowable: the box is smaller on the page
        self.drawn.append((self.name, self.canv.getPageNumber(), round(50 + FRAME_PT - top), self.height * scale))


class Lines(Paragraph):
    """A paragraph that records the pages it is drawn on (its parts, split over pages, too)."""

    name = ""
    drawn: list[tuple[str, int, float, float]] = []

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803 (reportlab API)
        parts = super().split(availWidth, availHeight)
        for part in parts:
            part.name, part.drawn = self.name, self.drawn
        return parts

    def draw(self) -> None:
        self.drawn.append((self.name, self.canv.getPageNumber(), 0.0, float(self.height)))
        super().draw()


def text(name: str, lines: int, drawn: list[tuple[str, int, float, float]]) -> Lines:
    paragraph = Lines("<br/>".join([f"{name}, line {n}" for n in range(lines)]), TEXT)
    paragraph.name, paragraph.drawn = name, drawn
    return paragraph


def lay_out(story: list[Flowable]) -> None:
    frame = Frame(50, 50, 300, FRAME_PT, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    template = FloatingTemplate(io.BytesIO(), pagesize=PAGE_PT, pageTemplates=[PageTemplate("page", [frame])])
    template.build(story)


def pages_of(drawn: list[tuple[str, int, float, float]]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for name, page, _, _ in drawn:
        found.setdefault(name, []).append(page)
    return found


def test_an_exhibit_that_does_not_fit_waits_while_the_text_after_it_fills_the_page() -> None:
    drawn: list[tuple[str, int, float, float]] = []
    lay_out([text("before", 15, drawn), Exhibit([Box("chart", 200, drawn)]), text("after", 5, drawn),
             text("later", 30, drawn)])
    pages = pages_of(drawn)
    assert pages["before"] == [1] and pages["after"] == [1], pages  # the text fills the page under "before"
    assert pages["chart"] == [2] and 2 in pages["later"] and pages["later"][0] == 1, pages
    chart = next(d for d in drawn if d[0] == "chart")
    assert chart[2] == 0  # at the top of the next page
    order = [name for name, *_ in drawn]
    assert order.index("chart") < len(order) - 1 and order[order.index("chart") + 1] == "later"


def test_waiting_exhibits_keep_their_order_and_none_is_lost_at_the_end_of_the_story() -> None:
    drawn: list[tuple[str, int, float, float]] = []
    lay_out([text("before", 15, drawn), Exhibit([Box("first", 200, drawn)]), text("after", 3, drawn),
             Exhibit([Box("second", 30, drawn)]), text("tail", 2, drawn)])
    names = [name for name, *_ in drawn]
    assert names.count("first") == names.count("second") == 1, names
    assert names.index("first") < names.index("second"), names  # "second" fitted on page 1, yet waits behind
    assert pages_of(drawn)["first"] == pages_of(drawn)["second"] == [2]


def test_an_exhibit_does_not_wait_past_the_next_section_unless_the_page_would_be_left_empty() -> None:
    for before_lines, chart_pt, waits_past in ((21, 100, False), (5, 260, True)):
        drawn: list[tuple[str, int, float, float]] = []
        heading = outlined_heading("Next section", HEADING, "Next section", "section-1")
        story = [text("before", before_lines, drawn), Exhibit([Box("chart", chart_pt, drawn)]),
                 text("after", 1, drawn),
                 heading, text("next", 8, drawn)]
        room_pt = FRAME_PT - before_lines * 12
        assert (room_pt > FRAME_PT * HOLE_SHARE) is waits_past
        lay_out(story)
        pages = pages_of(drawn)
        assert pages["chart"] == [2], pages
        assert pages["next"][0] == (1 if waits_past else 2), (before_lines, pages)


def test_a_heading_before_an_exhibit_stays_with_it_when_no_text_of_its_own_follows() -> None:
    drawn: list[tuple[str, int, float, float]] = []
    lead = Box("lead", 10, drawn)
    lead.keepWithNext = 1  # as a heading: kept with what follows
    lay_out([text("before", 15, drawn), lead, Exhibit([Box("chart", 200, drawn)]),
             outlined_heading("End", HEADING, "End", "sources"), text("end", 2, drawn)])
    pages = pages_of(drawn)
    assert pages["lead"] == pages["chart"] == [2], pages


def test_a_picture_shrinks_to_stay_on_its_page_but_not_below_the_stated_minimum() -> None:
    for height_pt, shrinks in ((150, True), (150 / (MIN_SHRINK - 0.05), False)):
        drawn: list[tuple[str, int, float, float]] = []
        plot = Box("plot", height_pt, drawn)
        lay_out([text("before", 13, drawn), Exhibit([plot], shrinkable=plot), text("after", 5, drawn)])
        _, page, _, drawn_height = next(d for d in drawn if d[0] == "plot")
        room_pt = FRAME_PT - 13 * 12
        if shrinks:
            assert page == 1 and MIN_SHRINK * height_pt <= drawn_height <= room_pt, (drawn_height, room_pt)
        else:
            assert page == 2 and drawn_height == height_pt


class Plot(Box):
    """A box that may be laid out shorter, down to ``min_height_pt``, as a chart's plot may."""

    def __init__(self, name: str, height_pt: float, min_height_pt: float,
                 drawn: list[tuple[str, int, float, float]]) -> None:
        super().__init__(name, height_pt, drawn)
        self.min_height_pt = min_height_pt

    def fit_to(self, height_pt: float) -> Plot:
        return Plot(self.name, max(self.min_height_pt, min(self.height, height_pt)), self.min_height_pt, self.drawn)


def test_a_chart_is_laid_out_shorter_to_stay_on_its_page_but_not_below_its_minimum() -> None:
    room_pt = FRAME_PT - 13 * 12
    for min_height_pt, stays in ((room_pt - 20, True), (room_pt + 5, False)):
        drawn: list[tuple[str, int, float, float]] = []
        plot = Plot("plot", 200, min_height_pt, drawn)
        lay_out([text("before", 13, drawn), Exhibit([plot], fittable=plot), text("after", 5, drawn)])
        _, page, _, drawn_height = next(d for d in drawn if d[0] == "plot")
        if stays:
            assert page == 1 and min_height_pt <= drawn_height <= room_pt, (drawn_height, room_pt)
        else:
            assert page == 2 and drawn_height == 200


def test_a_heading_keeps_two_lines_of_text_below_it_even_when_the_first_paragraph_has_one() -> None:
    drawn: list[tuple[str, int, float, float]] = []
    heading = Lines("A subheading", ParagraphStyle("subheading", parent=HEADING))
    heading.name, heading.drawn = "heading", drawn
    room_pt = 12 + 18 + 12 + 12  # the heading's space and line, one line, and one more: not the two a split needs
    lay_out([text("before", int((FRAME_PT - room_pt) / 12), drawn), heading, text("one", 1, drawn),
             text("four", 4, drawn)])
    pages = pages_of(drawn)
    assert pages["heading"] == pages["one"] == [2], pages


def test_a_long_box_splits_with_two_lines_on_the_first_page_or_not_at_all() -> None:
    from generator.render.pdf.blocks import box_padding, boxed

    paragraphs = [Paragraph("<br/>".join(["A line of the quote."] * 4), TEXT) for _ in range(3)]
    box = boxed(paragraphs, 300, box_padding(6, 6), 0, 0, FRAME_PT)  # 144 pt of text: taller than 0.3 of the frame
    assert box.split(300, 12 + 12 + 1) == []  # room for one line only: the box moves on whole
    parts = box.split(300, 12 + 2 * 12 + 1)
    assert len(parts) == 2
