"""Render a DeckPlan to a .pptx: one builder per slide variant, drawing only what is planned.

Stage: the deck's serialiser (DeckPlan + Theme in, pptx bytes out); the only place that
knows layouts, placeholders and DrawingML. Built from a 16:9 template whose master and
layouts really are 16:9 (``default-16x9.pptx``, made by ``make_template.py``) unless the
theme names its own. Slide titles go into the layout's title placeholder, so outline view,
accessibility checkers and screen readers see them as titles; everything else is a text
box, table, chart or picture at the planned position. The saved bytes are made
reproducible (see ``pptx_repro``). This module never measures text: the planner did.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from lxml import etree
from pptx import Presentation
from pptx.presentation import Presentation as PptxPresentation
from pptx.slide import Slide as PptxSlide
from pptx.slide import SlideLayout

from ..deck_plan_model import (
    AgendaSlide,
    BulletSlide,
    CalloutSlide,
    ChartSlide,
    ColorRole,
    DeckPlan,
    FiguresSlide,
    Footer,
    Heading,
    ImageSlide,
    QuoteSlide,
    Rect,
    Slide,
    SourcesSlide,
    TableSlide,
    TextFrame,
    TitleSlide,
)
from ..theme_model import Theme
from .pptx_chart import draw_chart
from .pptx_draw import Style, draw_rect, draw_table, draw_text, emu, fill_frame, set_alt_text
from .pptx_repro import utc_naive, write_package
from .pptx_speed import speed_up

DEFAULT_TEMPLATE = Path(__file__).with_name("default-16x9.pptx")
TITLE_LAYOUT, CONTENT_LAYOUT = "Title Slide", "Title Only"
TITLES = ("title", "ctrTitle")


class _Deck:
    """The presentation being drawn, with the two layouts every slide is made from."""

    def __init__(self, prs: PptxPresentation, style: Style) -> None:
        self.prs = prs
        self.style = style
        self.title_layout = _layout(prs, TITLE_LAYOUT)
        self.content_layout = _layout(prs, CONTENT_LAYOUT)

    def new_slide(self, layout: SlideLayout) -> PptxSlide:
        slide = self.prs.slides.add_slide(layout)
        background = self.style.color(ColorRole.BACKGROUND)
        if str(background) != "FFFFFF":
            slide.background.fill.solid()
            slide.background.fill.fore_color.rgb = background
        return slide


def _drop_template_slides(prs: PptxPresentation) -> None:
    """Remove any slides a custom template brings along: a template gives layouts, not content."""
    id_list = prs.slides._sldIdLst
    for slide_id in list(id_list):
        prs.part.drop_rel(slide_id.rId)
        id_list.remove(slide_id)


def _layout(prs: PptxPresentation, name: str) -> SlideLayout:
    """Return the layout called ``name``, else the first with a title placeholder, else the first.

    Custom templates name their layouts freely; a title placeholder is what matters.
    """
    layouts = list(prs.slide_layouts)
    for layout in layouts:
        if layout.name == name:
            return layout
    for layout in layouts:
        if any(layout.shapes._spTree.xpath(f"./p:sp/p:nvSpPr/p:nvPr/p:ph[@type='{kind}']") for kind in TITLES):
            return layout
    return layouts[0]


def _placeholder(slide: PptxSlide, kinds: tuple[str, ...]) -> etree._Element | None:
    """Return the slide's first ``p:sp`` placeholder of one of ``kinds`` (DrawingML ``type`` values)."""
    for kind in kinds:
        found = slide.shapes._spTree.xpath(f"./p:sp[p:nvSpPr/p:nvPr/p:ph[@type='{kind}']]")
        if found:
            return found[0]
    return None


def _title_into(slide: PptxSlide, frame: TextFrame, style: Style, kinds: tuple[str, ...]) -> None:
    """Put a title frame into the slide's title placeholder (or a text box when it has none)."""
    target = _placeholder(slide, kinds)
    if target is None:
        draw_text(slide.shapes, frame, style, "Title")
        return
    box = frame.box
    target.x, target.y, target.cx, target.cy = emu(box.x_pt), emu(box.y_pt), emu(box.w_pt), emu(box.h_pt)
    fill_frame(target.get_or_add_txBody(), frame, style, slide.part)


def _drop_empty_placeholders(slide: PptxSlide) -> None:
    """Remove placeholders left empty: they would show "Click to add text" when editing."""
    for element in slide.shapes._spTree.xpath("./p:sp[p:nvSpPr/p:nvPr/p:ph]"):
        if not "".join(element.itertext()).strip():
            element.getparent().remove(element)


def _decorate(slide: PptxSlide, rects: tuple[Rect, ...], style: Style) -> None:
    """Draw bands and rules behind everything, the layout's title placeholder included."""
    tree = slide.shapes._spTree
    for index, rect in enumerate(rects):
        element = draw_rect(slide.shapes, rect, style, f"Decoration {index + 1}")
        tree.remove(element)
        tree.insert(2 + index, element)  # after the group's own nvGrpSpPr and grpSpPr


def _heading(deck: _Deck, heading: Heading) -> PptxSlide:
    slide = deck.new_slide(deck.content_layout)
    _decorate(slide, heading.decorations, deck.style)
    _title_into(slide, heading.title, deck.style, TITLES)
    if heading.kicker is not None:
        draw_text(slide.shapes, heading.kicker, deck.style, "Kicker")
    return slide


def _footer(slide: PptxSlide, footer: Footer | None, style: Style) -> None:
    if footer is None:
        return
    if footer.label is not None:
        draw_text(slide.shapes, footer.label, style, "Footer label")
    if footer.organization is not None:
        draw_text(slide.shapes, footer.organization, style, "Footer organization")
    draw_text(slide.shapes, footer.number, style, "Slide number")


def _notes(slide: PptxSlide, notes: str) -> None:
    if not notes:
        return
    frame = slide.notes_slide.notes_text_frame
    if frame is not None:
        frame.text = notes


def _optional(slide: PptxSlide, frame: TextFrame | None, style: Style, name: str) -> None:
    if frame is not None:
        draw_text(slide.shapes, frame, style, name)


def _title_slide(deck: _Deck, plan: TitleSlide) -> PptxSlide:
    slide = deck.new_slide(deck.title_layout)
    _decorate(slide, plan.decorations, deck.style)
    _title_into(slide, plan.title, deck.style, ("ctrTitle", "title"))
    if plan.subtitle is not None:
        _title_into(slide, plan.subtitle, deck.style, ("subTitle",))
    _optional(slide, plan.meta, deck.style, "Date and authors")
    return slide


def _body_slide(deck: _Deck, plan: BulletSlide | AgendaSlide | SourcesSlide) -> PptxSlide:
    slide = _heading(deck, plan.heading)
    if plan.body.paras:
        draw_text(slide.shapes, plan.body, deck.style, "Body")
    return slide


def _quote_slide(deck: _Deck, plan: QuoteSlide) -> PptxSlide:
    slide = _heading(deck, plan.heading)
    _decorate(slide, plan.decorations, deck.style)
    draw_text(slide.shapes, plan.mark, deck.style, "Quotation mark")
    draw_text(slide.shapes, plan.quote, deck.style, "Quote")
    _optional(slide, plan.attribution, deck.style, "Attribution")
    _optional(slide, plan.source_note, deck.style, "Source")
    return slide


def _figures_slide(deck: _Deck, plan: FiguresSlide) -> PptxSlide:
    slide = _heading(deck, plan.heading)
    for index, cell in enumerate(plan.figures, 1):
        draw_rect(slide.shapes, cell.rule, deck.style, f"Figure {index} rule")
        draw_text(slide.shapes, cell.value, deck.style, f"Figure {index} value")
        draw_text(slide.shapes, cell.label, deck.style, f"Figure {index} label")
    _optional(slide, plan.source_note, deck.style, "Source")
    return slide


def _chart_slide(deck: _Deck, plan: ChartSlide) -> PptxSlide:
    slide = _heading(deck, plan.heading)
    draw_chart(slide.shapes, plan.chart, deck.style, "Chart")
    _optional(slide, plan.source_note, deck.style, "Source")
    return slide


def _table_slide(deck: _Deck, plan: TableSlide) -> PptxSlide:
    slide = _heading(deck, plan.heading)
    _optional(slide, plan.caption, deck.style, "Table caption")
    draw_table(slide.shapes, plan.table, deck.style, "Table")
    return slide


def _image_slide(deck: _Deck, plan: ImageSlide) -> PptxSlide:
    slide = _heading(deck, plan.heading)
    box = plan.picture
    picture = slide.shapes.add_picture(str(plan.path), emu(box.x_pt), emu(box.y_pt), emu(box.w_pt), emu(box.h_pt))
    picture.name = "Picture"
    set_alt_text(picture, plan.alt)
    _optional(slide, plan.caption, deck.style, "Caption")
    return slide


def _callout_slide(deck: _Deck, plan: CalloutSlide) -> PptxSlide:
    slide = _heading(deck, plan.heading)
    draw_text(slide.shapes, plan.body, deck.style, "Callout")
    draw_rect(slide.shapes, plan.bar, deck.style, "Callout bar")
    return slide


BUILDERS: dict[type, Callable[[_Deck, Any], PptxSlide]] = {
    TitleSlide: _title_slide,
    BulletSlide: _body_slide,
    AgendaSlide: _body_slide,
    SourcesSlide: _body_slide,
    QuoteSlide: _quote_slide,
    FiguresSlide: _figures_slide,
    ChartSlide: _chart_slide,
    TableSlide: _table_slide,
    ImageSlide: _image_slide,
    CalloutSlide: _callout_slide,
}


def _draw(deck: _Deck, plan: Slide) -> None:
    slide = BUILDERS[type(plan)](deck, plan)
    _footer(slide, plan.footer, deck.style)
    _drop_empty_placeholders(slide)
    _notes(slide, plan.notes)


def _core_properties(prs: PptxPresentation, plan: DeckPlan, created: dt.datetime) -> None:
    props = prs.core_properties
    when = utc_naive(created)
    props.title = plan.meta.title
    props.author = plan.meta.author
    props.subject = plan.meta.subject
    props.keywords = plan.meta.keywords
    props.language = plan.meta.language or ""
    props.comments = ""
    props.category = ""
    props.last_modified_by = "briefdeck"
    props.revision = 1
    props.created = when
    props.modified = when


def render_pptx(plan: DeckPlan, theme: Theme, out: BinaryIO, created: dt.datetime) -> None:
    """Write ``plan`` as a .pptx to ``out``; the same plan and time always give the same bytes."""
    prs = Presentation(str(theme.deck.template or DEFAULT_TEMPLATE))
    prs.slide_width, prs.slide_height = emu(plan.width_pt), emu(plan.height_pt)
    speed_up(prs)
    _drop_template_slides(prs)
    deck = _Deck(prs, Style(theme, plan.meta.language))
    for slide in plan.slides:
        _draw(deck, slide)
    _core_properties(prs, plan, created)
    write_package(prs, out, created)
