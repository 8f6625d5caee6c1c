"""Render a DeckPlan to a .pptx: one builder per slide variant, drawing only what is planned.

Stage: the deck's serialiser (DeckPlan + Theme in, pptx bytes out); the only place that
knows layouts, placeholders and DrawingML. Built from a 16:9 template whose master and
layouts really are 16:9 (``default-16x9.pptx``, made by ``make_template``) unless the
theme names its own, whose sample slides are removed first (``template``). Each slide
is made from the layout the plan names for it (``slides``, which also writes each
finished slide out at once). Slide titles go into the layout's title
placeholder and bullets into its body placeholder, so outline view, accessibility checkers
and screen readers see them as such; the label and the slide number (a slide-number field,
none on the title slide) go into the layout's footer placeholders; everything else is a text
box, table, chart or picture at the planned position, and placeholders left empty are removed.
The built-in template is first dressed in the theme (``design``): its theme part, and layouts
that carry the kicker, title, rule, footer and number, so placeholder text inherits its
typeface and colour; ``builtin`` keeps dressed templates for decks of one theme and shape.
A user's template keeps its own, and text is set in its theme fonts. The saved bytes are
made reproducible (see ``repro``). This module never measures text: the planner did.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Callable
from typing import Any, BinaryIO

from lxml import etree
from pptx.oxml.ns import nsmap
from pptx.presentation import Presentation as PptxPresentation
from pptx.slide import Slide as PptxSlide
from pptx.slide import SlideLayout

from generator.deck.model import (
    AgendaSlide,
    Box,
    BulletSlide,
    CalloutSlide,
    ChartSlide,
    ColorRole,
    DeckPlan,
    FiguresSlide,
    Heading,
    ImageSlide,
    QuoteSlide,
    Rect,
    Slide,
    SourcesSlide,
    TableSlide,
    TextFrame,
    TitleSlide,
    TwoContentSlide,
)
from generator.errors import InputError, Problem
from generator.render.pptx.builtin import Drawing, template_for
from generator.render.pptx.chart import draw_chart
from generator.render.pptx.design import KICKER_IDX, dress_spec
from generator.render.pptx.docprops import count_slides
from generator.render.pptx.draw import (
    Style,
    draw_rect,
    draw_table,
    draw_text,
    emu,
    fill_frame,
    place,
    qn,
    set_alt_text,
    settle_inherited,
)
from generator.render.pptx.footer import draw_footer
from generator.render.pptx.parts import draw_part
from generator.render.pptx.repro import utc_naive, write_package
from generator.render.pptx.slides import SlideMaker
from generator.render.pptx.speed import speed_up
from generator.render.pptx.template import drop_sample_slides, drop_thumbnail, layouts_by_name
from generator.theme.model import Theme
from generator.theme.template import BODY_KINDS, TemplateError, body_rank, open_package

TITLES = ("title", "ctrTitle")
PH_PATH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"


class _Deck:
    """The presentation being drawn, with its layouts by (case-folded) name."""

    def __init__(self, drawing: Drawing, style: Style, paint_background: bool) -> None:
        self.prs = prs = drawing.prs
        self.style = style
        self.layouts = layouts_by_name(prs)
        self._footer_kinds: dict[str, dict[str, etree._Element]] = {}
        background = style.color(ColorRole.BACKGROUND)
        # a user's template keeps its masters' backgrounds
        self.slides = SlideMaker(prs, background if paint_background and str(background) != "FFFFFF" else None,
                                 drawing.skeletons)

    def new_slide(self, layout_name: str) -> PptxSlide:
        return self.slides.new_slide(self.layouts[layout_name.casefold()])

    def footer_kinds(self, layout_name: str) -> dict[str, etree._Element]:
        """Return the layout's footer placeholders (``ftr``, ``sldNum``) by type, the first of each."""
        key = layout_name.casefold()
        if key in self._footer_kinds:
            return self._footer_kinds[key]
        found = self._footer_kinds[key] = {}
        for sp in _placeholder_elements(self.layouts[key]):
            kind = sp.find(PH_PATH).get("type")
            if kind in ("ftr", "sldNum"):
                found.setdefault(kind, sp)
        return found


def _placeholder(slide: PptxSlide, kinds: tuple[str, ...]) -> etree._Element | None:
    """Return the slide's first empty ``p:sp`` placeholder of one of ``kinds`` (DrawingML ``type`` values).

    A ``p:ph`` without a type is an object placeholder (``obj``), as the schema defaults it.
    """
    elements = _placeholder_elements(slide)
    for kind in kinds:
        for found in elements:
            if found.find(PH_PATH).get("type", "obj") == kind and _is_empty(found):
                return found
    return None


_PLACEHOLDERS = etree.XPath("p:sp[p:nvSpPr/p:nvPr/p:ph]", namespaces=nsmap("p"))
_TEXT = etree.XPath("string(.)")  # every text node of the shape, joined


def _is_empty(shape: etree._Element) -> bool:
    """Tell whether a shape holds no text but white space.

    Read in XPath: lxml's ``itertext`` asks python-pptx's ``text`` property of every paragraph
    and run, which costs ten times as much (and yields each run's text twice).
    """
    return not _TEXT(shape).strip()


def _placeholder_elements(slide: PptxSlide | SlideLayout) -> list[etree._Element]:
    return _PLACEHOLDERS(slide.shapes._spTree)


def _body_placeholder(slide: PptxSlide) -> etree._Element | None:
    """Return the empty placeholder bullets go into, chosen as ``theme.template`` chooses it for the planner."""
    candidates = []
    for order, found in enumerate(_placeholder_elements(slide)):
        ph = found.find(PH_PATH)
        kind = ph.get("type", "obj")
        if kind in BODY_KINDS and _is_empty(found):
            candidates.append((body_rank(int(ph.get("idx", "0")), kind), order, found))
    return min(candidates, key=lambda c: c[:2])[2] if candidates else None


def _into_placeholder(slide: PptxSlide, frame: TextFrame, style: Style, kinds: tuple[str, ...], name: str,
                      role: str) -> None:
    """Put a frame into the slide's placeholder of ``kinds``, moved to the planned box (a text box if none).

    Its runs leave to the layout the typeface and colour the layout gives text of ``role``.
    """
    target = _body_placeholder(slide) if kinds == BODY_KINDS else _placeholder(slide, kinds)
    if target is None:
        draw_text(slide.shapes, frame, style, name)
        return
    _fill_placeholder(slide, target, frame, style, role)


def _fill_placeholder(slide: PptxSlide, target: etree._Element, frame: TextFrame, style: Style, role: str,
                      number: bool = False) -> None:
    place(target, frame.box)
    fill_frame(target.find(qn("p:txBody")), frame, style, slide.part, style.inherit(role), number)
    settle_inherited(target)


def _kicker_placeholder(slide: PptxSlide, style: Style) -> etree._Element | None:
    """Return the kicker's placeholder of a dressed layout (a user's template has none of ours)."""
    if style.dressed is None:
        return None
    for found in _placeholder_elements(slide):
        if found.find(PH_PATH).get("idx") == KICKER_IDX:
            return found
    return None


def _drop_empty_placeholders(slide: PptxSlide) -> None:
    """Remove placeholders left empty: they would show "Click to add text" when editing."""
    for element in _placeholder_elements(slide):
        if _is_empty(element):
            element.getparent().remove(element)


def _decorate(slide: PptxSlide, rects: tuple[Rect, ...], style: Style) -> None:
    """Draw bands and rules behind everything, the layout's title placeholder included (unless the layout has them)."""
    if style.on_layout(rects):
        return
    tree = slide.shapes._spTree
    for index, rect in enumerate(rects):
        element = draw_rect(slide.shapes, rect, style, f"Decoration {index + 1}")
        tree.remove(element)
        tree.insert(2 + index, element)  # after the group's own nvGrpSpPr and grpSpPr


def _heading_decorations(slide: PptxSlide, heading: Heading, style: Style) -> None:
    """Draw the heading's bands and rules; where the layout has others (a title of more lines), hide the layout's."""
    if style.on_layout(heading.decorations):
        return
    if style.dressed is not None and style.dressed.decorations.get(style.layout):
        slide._element.set("showMasterSp", "0")  # "Hide background graphics": the layout's rule would cross the title
    _decorate(slide, heading.decorations, style)


def _heading(slide: PptxSlide, heading: Heading, style: Style) -> None:
    _heading_decorations(slide, heading, style)
    _into_placeholder(slide, heading.title, style, TITLES, "Title", "title")
    kicker = _kicker_placeholder(slide, style)
    if heading.kicker is not None and kicker is not None:
        _fill_placeholder(slide, kicker, heading.kicker, style, "kicker")
    elif heading.kicker is not None:
        draw_text(slide.shapes, heading.kicker, style, "Kicker")
    elif kicker is not None:
        kicker.getparent().remove(kicker)


def _optional(slide: PptxSlide, frame: TextFrame | None, style: Style, name: str) -> None:
    if frame is not None:
        draw_text(slide.shapes, frame, style, name)


def _title_slide(slide: PptxSlide, plan: TitleSlide, style: Style) -> None:
    _decorate(slide, plan.decorations, style)
    _into_placeholder(slide, plan.title, style, ("ctrTitle", "title"), "Title", "title")
    if plan.subtitle is not None:
        _into_placeholder(slide, plan.subtitle, style, ("subTitle",), "Subtitle", "subtitle")
    _optional(slide, plan.meta, style, "Date and authors")
    if plan.logo is not None:
        _picture(slide, plan.logo.box, plan.logo.data, plan.logo.alt, "Logo")


def _body_slide(slide: PptxSlide, plan: BulletSlide | AgendaSlide | SourcesSlide, style: Style) -> None:
    _heading(slide, plan.heading, style)
    if plan.body.paras:
        _into_placeholder(slide, plan.body, style, BODY_KINDS, "Body", "body")


def _quote_slide(slide: PptxSlide, plan: QuoteSlide, style: Style) -> None:
    _heading(slide, plan.heading, style)
    _decorate(slide, plan.decorations, style)
    draw_text(slide.shapes, plan.mark, style, "Quotation mark")
    draw_text(slide.shapes, plan.quote, style, "Quote")
    _optional(slide, plan.attribution, style, "Attribution")
    _optional(slide, plan.source_note, style, "Source")


def _figures_slide(slide: PptxSlide, plan: FiguresSlide, style: Style) -> None:
    _heading(slide, plan.heading, style)
    for index, cell in enumerate(plan.figures, 1):
        draw_rect(slide.shapes, cell.rule, style, f"Figure {index} rule")
        draw_text(slide.shapes, cell.value, style, f"Figure {index} value")
        draw_text(slide.shapes, cell.label, style, f"Figure {index} label")
    _optional(slide, plan.source_note, style, "Source")


def _chart_slide(slide: PptxSlide, plan: ChartSlide, style: Style) -> None:
    _heading(slide, plan.heading, style)
    _optional(slide, plan.caption, style, "Chart caption")
    draw_chart(slide.shapes, plan.chart, style, "Chart")
    _optional(slide, plan.source_note, style, "Source")


def _table_slide(slide: PptxSlide, plan: TableSlide, style: Style) -> None:
    _heading(slide, plan.heading, style)
    _optional(slide, plan.caption, style, "Table caption")
    draw_table(slide.shapes, plan.table, style, "Table")
    _optional(slide, plan.source_note, style, "Source")


def _picture(slide: PptxSlide, box: Box, data: bytes, alt: str, name: str) -> None:
    """Draw the checked bytes (python-pptx stores one image part per distinct content)."""
    picture = slide.shapes.add_picture(io.BytesIO(data), emu(box.x_pt), emu(box.y_pt), emu(box.w_pt), emu(box.h_pt))
    picture.name = name
    set_alt_text(picture, alt)


def _image_slide(slide: PptxSlide, plan: ImageSlide, style: Style) -> None:
    _heading(slide, plan.heading, style)
    _picture(slide, plan.picture, plan.data, plan.alt, "Picture")
    _optional(slide, plan.caption, style, "Caption")


def _callout_slide(slide: PptxSlide, plan: CalloutSlide, style: Style) -> None:
    _heading(slide, plan.heading, style)
    draw_text(slide.shapes, plan.body, style, "Callout")
    draw_rect(slide.shapes, plan.bar, style, "Callout bar")


def _two_content_slide(slide: PptxSlide, plan: TwoContentSlide, style: Style) -> None:
    _heading(slide, plan.heading, style)
    if plan.body is not None and plan.body.paras:
        _into_placeholder(slide, plan.body, style, BODY_KINDS, "Body", "body")
    for index, part in enumerate(plan.parts, 1):
        draw_part(slide.shapes, part, style, index)
    _optional(slide, plan.source_note, style, "Source")


BUILDERS: dict[type, Callable[[PptxSlide, Any, Style], None]] = {
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
    TwoContentSlide: _two_content_slide,
}


def _draw(deck: _Deck, plan: Slide, layout_name: str) -> None:
    slide = deck.new_slide(layout_name)
    style = dataclasses.replace(deck.style, layout=layout_name.casefold())
    BUILDERS[type(plan)](slide, plan, style)
    # the title slide carries no number, as PowerPoint's Header and Footer dialog offers
    draw_footer(slide, plan.footer, style, deck.footer_kinds(layout_name), not isinstance(plan, TitleSlide))
    _drop_empty_placeholders(slide)
    if plan.notes:
        deck.slides.add_notes(slide, plan.notes)
    deck.slides.finish(slide)


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


def _open(theme: Theme, plan: DeckPlan) -> Drawing:
    """Return the presentation to draw on and what its layouts give: the theme's template emptied
    of its own slides, or a copy of the built-in one dressed in the theme."""
    template = theme.deck.template
    if template is None:
        return template_for(dress_spec(plan), Style(theme, plan.meta.language))
    try:
        prs = open_package(template.info.data)
    except TemplateError as exc:  # the file changed since the theme was read
        raise InputError([Problem(template.theme_file, template.line, 1,
                                  f"theme.deck.template `{template.info.path.name}` {exc}")]) from None
    drop_sample_slides(prs)
    drop_thumbnail(prs)
    prs.slide_width, prs.slide_height = emu(plan.width_pt), emu(plan.height_pt)
    return Drawing(prs, None)


def render_pptx(plan: DeckPlan, theme: Theme, out: BinaryIO, created: dt.datetime, *, last: bool = False) -> None:
    """Write ``plan`` as a .pptx to ``out``; the same plan and time always give the same bytes.

    ``last`` says the process exits once this deck is written (a forked deck process): its XML
    is left for the exit rather than freed (``release``), which would cost a cold build 8M
    instructions for nothing.
    """
    drawing = _open(theme, plan)
    prs = drawing.prs
    try:
        speed_up(prs)
        style = Style(theme, plan.meta.language, dressed=drawing.dressed)
        deck = _Deck(drawing, style, paint_background=theme.deck.template is None)
        for slide in plan.slides:
            _draw(deck, slide, plan.layout_name(slide))
        _core_properties(prs, plan, created)
        count_slides(prs, len(plan.slides), sum(1 for slide in plan.slides if slide.notes))
        write_package(prs, out, created, {**drawing.written, **deck.slides.written})
    finally:
        if not last:
            drawing.release()
