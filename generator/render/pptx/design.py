"""Dress the built-in template in the briefdeck theme, so the deck edits like a designed one.

Stage: part of the deck renderer, in two steps. ``dress_spec`` reads from the DeckPlan all
that dressing takes from it (a ``DressSpec``: which layout takes which slide's look, the
footer); ``dress`` applies a spec and the theme to the built-in template's presentation,
rewriting its theme part, master and layouts, and returns what each layout placeholder now
gives its text. Done before the first slide is made; equal specs dress alike, so the deck
renderer keeps a few dressed templates per process.

The theme part gets the theme's colour scheme (dk1 text, lt1 background, dk2 primary, lt2
fill, accent1-6 the chart palette, links in the accent) and font scheme (major: the heading
typeface, minor: the body typeface), so PowerPoint's Design tab and Replace Fonts see them.
Each layout the plan uses takes the look of its first slide with the shortest title (a
title typed in PowerPoint starts on one line): its title, body, kicker and footer
placeholders move to the planned boxes with that slide's text style in their list style,
its bands and rules become layout shapes, and the slide number is a slide-number field in
the layout's number placeholder. The master's footer and number placeholders take the
footer's look too, every layout's footer placeholder holds the label, the organization is
a master shape, and the header-and-footer settings (``p:hf``) show the footer and number
everywhere but on the title slide, so a slide added from any layout in PowerPoint gets
them. A slide added from the "Title and Content" layout then looks like a generated one,
and generated slides leave the typeface and colour of placeholder text to the layout
instead of repeating them on every run.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import msgspec
from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.presentation import Presentation as PptxPresentation
from pptx.slide import SlideLayout, SlideMaster

from generator.deck.model import (
    AgendaSlide,
    ColorRole,
    DeckPlan,
    FontRole,
    Footer,
    Rect,
    Run,
    Slide,
    SourcesSlide,
    TextFrame,
    TitleSlide,
)
from generator.render.pptx.draw import (
    Dressed,
    Inherit,
    Style,
    _body_attributes,
    _paragraph_properties,
    draw_rect,
    draw_text,
    parse_fragment,
    place,
    qn,
)
from generator.theme.template import LayoutRole

PH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"
LAYOUT_SHAPES = f"{qn('p:cSld')}/{qn('p:spTree')}/{qn('p:sp')}"
KICKER_IDX = "13"  # the kicker's body placeholder on a dressed layout; PowerPoint numbers its own from 10
SCHEME_SLOTS = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
                "hlink", "folHlink")
# how the master's colour map names a scheme slot in text (``tx1`` is ``dk1``, ...)
MAPPED = {"dk1": "tx1", "lt1": "bg1", "dk2": "tx2", "lt2": "bg2"}


def _scheme(style: Style) -> dict[str, str]:
    colors = style.theme.colors
    palette = [colors.palette[i % len(colors.palette)] for i in range(6)]
    values = [colors.text, colors.background, colors.primary, colors.fill, *palette, colors.accent, colors.muted]
    return {slot: value.lstrip("#").upper() for slot, value in zip(SCHEME_SLOTS, values, strict=True)}


def _color_xml(style: Style, role: ColorRole) -> str:
    """Return the fill of ``role`` as a scheme colour where the scheme has it, so Design-tab colours follow."""
    if role in (ColorRole.INHERITED, ColorRole.TITLE_INK):
        return ""
    value = str(style.color(role))
    for slot, hex_value in _scheme(style).items():
        if hex_value == value and slot not in ("hlink", "folHlink"):
            return f'<a:solidFill><a:schemeClr val="{MAPPED.get(slot, slot)}"/></a:solidFill>'
    return f'<a:solidFill><a:srgbClr val="{value}"/></a:solidFill>'


A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _theme_part(prs: PptxPresentation, style: Style) -> None:
    """Rewrite the master's theme part with the briefdeck theme's colours and typefaces."""
    part = prs.slide_masters[0].part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    name = f"briefdeck {style.theme.name}"
    root.set("name", name)
    elements = root.find(A + "themeElements")
    scheme = elements.find(A + "clrScheme")
    scheme.set("name", name)
    for slot, value in _scheme(style).items():
        slot_element = scheme.find(A + slot)
        for child in list(slot_element):
            slot_element.remove(child)
        etree.SubElement(slot_element, A + "srgbClr", val=value)
    fonts = elements.find(A + "fontScheme")
    fonts.set("name", name)
    for tag, role in (("majorFont", FontRole.HEADING), ("minorFont", FontRole.BODY)):
        fonts.find(f"{A}{tag}/{A}latin").set("typeface", style.family(role))
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _master_title_colour(prs: PptxPresentation, style: Style) -> None:
    """Titles of layouts the plan does not use take the primary colour too."""
    title = prs.slide_masters[0]._element.find(f"{qn('p:txStyles')}/{qn('p:titleStyle')}/{qn('a:lvl1pPr')}")
    default = title.find(qn("a:defRPr"))
    for old in default.findall(qn("a:solidFill")):
        default.remove(old)
    default.insert(0, parse_fragment(_color_xml(style, ColorRole.PRIMARY))[0])


def _placeholder(layout: SlideLayout | SlideMaster, kind: str) -> etree._Element | None:
    for sp in layout.shapes._spTree.iterchildren(qn("p:sp")):
        ph = sp.find(PH)
        if ph is not None and ph.get("type", "obj") == kind:
            return sp
    return None


def _style_placeholder(sp: etree._Element, frame: TextFrame, style: Style) -> Inherit:
    """Move a layout placeholder to ``frame``'s box and give it the frame's first paragraph's look."""
    place(sp, frame.box)
    body = sp.find(qn("p:txBody"))
    body_pr = body.find(qn("a:bodyPr"))
    for attribute, value in _body_attributes(frame):
        body_pr.set(attribute, value)
    if body_pr.find(qn("a:noAutofit")) is None:
        body_pr.insert(0, etree.Element(qn("a:noAutofit")))
    para = frame.paras[0]
    level = parse_fragment(_paragraph_properties(para, style))[0]
    level.tag = qn("a:lvl1pPr")
    default = level.find(qn("a:defRPr"))
    for attribute, on in (("b", all(run.bold for run in para.runs)), ("i", all(run.italic for run in para.runs))):
        if on and para.runs:  # text typed into the placeholder in PowerPoint is set as the planned text is
            default.set(attribute, "1")
    default.extend(parse_fragment(_color_xml(style, para.color)))
    face = "+mj-lt" if para.font is FontRole.HEADING else "+mn-lt"
    default.append(etree.Element(qn("a:latin"), typeface=face))
    old = body.find(qn("a:lstStyle"))
    lst_style = etree.Element(qn("a:lstStyle"))
    lst_style.append(level)
    if old is None:
        body_pr.addnext(lst_style)
    else:
        old.addprevious(lst_style)
        body.remove(old)
    colour = None if para.color in (ColorRole.INHERITED, ColorRole.TITLE_INK) else para.color
    return Inherit(para.font, colour)


def _add_kicker(layout: SlideLayout) -> etree._Element:
    """Add the kicker's placeholder (a small body placeholder above the title) to a layout."""
    shape_id = layout.shapes._next_shape_id
    sp = parse_fragment(
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="Kicker"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f'<p:nvPr><p:ph type="body" sz="quarter" idx="{KICKER_IDX}"/></p:nvPr></p:nvSpPr><p:spPr/>'
        '<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="en-US"/><a:t>Section</a:t></a:r></a:p>'
        "</p:txBody></p:sp>")[0]
    title = _placeholder(layout, "title")
    assert title is not None, "a dressed layout has a title"
    title.addnext(sp)
    return sp


def _decorate(layout: SlideLayout, rects: tuple[Rect, ...], style: Style) -> None:
    tree = layout.shapes._spTree
    for index, rect in enumerate(rects):
        element = draw_rect(layout.shapes, rect, style, f"Decoration {index + 1}")
        tree.remove(element)
        tree.insert(2 + index, element)  # behind the placeholders


def _frames(slide: Slide) -> list[tuple[str, str, TextFrame | None]]:
    """Return the slide's frames that go into layout placeholders: (role, placeholder type, frame)."""
    frames: list[tuple[str, str, TextFrame | None]] = []
    if isinstance(slide, TitleSlide):
        frames += [("title", "ctrTitle", slide.title), ("subtitle", "subTitle", slide.subtitle)]
    else:
        heading = slide.heading
        frames += [("title", "title", heading.title), ("kicker", "kicker", heading.kicker)]
        body = getattr(slide, "body", None)
        if isinstance(body, TextFrame):
            frames.append(("body", "obj", body))
    if slide.footer is not None:
        frames.append(("label", "ftr", slide.footer.label))
        if not isinstance(slide, TitleSlide):
            frames.append(("number", "sldNum", slide.footer.number))
    return frames


class Placed(NamedTuple):
    """One layout placeholder dressed after a planned frame, and what it takes from that frame.

    ``look`` is the frame reduced to what a placeholder takes: its box, insets, anchor and
    first paragraph's properties, the runs cut to one empty run that is bold or italic where
    all of them are. ``text`` is the label a footer placeholder holds ("" for other roles).
    """

    layout: str  # case-folded layout name
    role: str
    kind: str
    look: TextFrame
    text: str = ""


class Decorated(NamedTuple):
    """The bands and rules a layout draws itself: those of the first slide dressing it."""

    layout: str
    rects: tuple[Rect, ...]


class DressSpec(NamedTuple):
    """Everything dressing reads from a plan, and nothing else (no slide's text but the label).

    Decks with equal specs in the same theme get the same dressed template, so a batch
    dresses it once (``builtin``) instead of for every deck.
    """

    width_pt: float
    height_pt: float
    steps: tuple[Placed | Decorated, ...]  # in the order they are drawn: shape ids follow it
    title_layouts: frozenset[str]  # case-folded names of the layouts title slides are made from
    footer: Footer | None  # the first numbered slide's: label and number as looks, organization whole
    label: str  # the text of that footer's label, which every layout's footer placeholder holds


def _look(frame: TextFrame, width_pt: float = 0.0) -> TextFrame:
    """Return what a placeholder dressed after ``frame`` takes from it, ``width_pt`` wide at least."""
    para = frame.paras[0]
    runs = (Run("", all(run.bold for run in para.runs), all(run.italic for run in para.runs)),) if para.runs else ()
    box = frame.box if frame.box.w_pt >= width_pt else msgspec.structs.replace(frame.box, w_pt=width_pt)
    return msgspec.structs.replace(frame, box=box, paras=(msgspec.structs.replace(para, runs=runs),))


def _footer_look(footer: Footer) -> Footer:
    """Return the footer as the master takes it: label and number as looks, the organization whole."""
    label = footer.label if footer.label is None or not footer.label.paras else _look(footer.label)
    number = _look(footer.number) if footer.number.paras else footer.number
    return Footer(label, footer.organization, number)


OWN_SIZES = (AgendaSlide, SourcesSlide)  # lists set at sizes of their own, not the body size


def dress_spec(plan: DeckPlan) -> DressSpec:
    """Return what dressing takes from ``plan``: each layout the plan uses takes its first slide's look.

    The slides go shortest title first (stable: a title typed in PowerPoint starts on one line),
    and each content layout then takes what its slides lack (a kicker) from the other slides.
    A body's look comes from a list set at the body size, not from the agenda or the sources,
    which are set at sizes of their own, unless no other slide has a body.
    The title placeholder is as wide as the widest planned title at least: a balanced title's
    box is narrowed to even its lines, and a title typed on an added slide should have the
    whole width.
    """
    ordered = sorted(plan.slides, key=_title_height)
    headed = [slide for slide in ordered if not isinstance(slide, TitleSlide)]
    title_w = max((slide.heading.title.box.w_pt for slide in headed), default=0.0)
    steps: list[Placed | Decorated] = []
    taken: set[tuple[str, str]] = set()
    decorated: set[str] = set()

    def take(name: str, slide: Slide, last_resort: bool = False) -> None:
        for role, kind, frame in _frames(slide):
            if (name, role) in taken or frame is None or not frame.paras:
                continue
            if role == "body" and isinstance(slide, OWN_SIZES) and not last_resort:
                continue
            taken.add((name, role))
            text = frame.text if role == "label" else ""
            steps.append(Placed(name, role, kind, _look(frame, title_w if kind == "title" else 0.0), text))
        if name not in decorated:
            decorated.add(name)
            steps.append(Decorated(name, slide.decorations if isinstance(slide, TitleSlide)
                                   else slide.heading.decorations))

    for slide in ordered:
        take(plan.layout_name(slide).casefold(), slide)
    for role, name in plan.layouts:
        if role is not LayoutRole.TITLE:
            for slide in headed:
                take(name.casefold(), slide)
    for slide in ordered:
        take(plan.layout_name(slide).casefold(), slide, last_resort=True)
    footed = next((s for s in plan.slides if s.footer is not None and not isinstance(s, TitleSlide)), None)
    titles = frozenset(plan.layout_name(s).casefold() for s in plan.slides if isinstance(s, TitleSlide))
    footer = None if footed is None else footed.footer
    if footer is None:
        return DressSpec(plan.width_pt, plan.height_pt, tuple(steps), titles, None, "")
    label = "" if footer.label is None else footer.label.text
    return DressSpec(plan.width_pt, plan.height_pt, tuple(steps), titles, _footer_look(footer), label)


def _place(layout: SlideLayout, step: Placed, style: Style, dressed: Dressed) -> None:
    """Dress one placeholder of ``layout`` (adding the kicker's); a layout without one of that kind is left."""
    sp = _add_kicker(layout) if step.kind == "kicker" else _placeholder(layout, step.kind)
    if sp is None:
        return
    inherit = _style_placeholder(sp, step.look, style)
    # LibreOffice colours footer placeholders from the master's, not the layout's: footers keep theirs
    dressed.inherits[step.layout, step.role] = Inherit(inherit.font) if step.kind in ("ftr", "sldNum") else inherit
    if step.role == "label":
        _set_text(sp, step.text)


def _set_text(sp: etree._Element, text: str) -> None:
    """Put the label into the layout's footer placeholder, as PowerPoint's Header and Footer dialog does."""
    body = sp.find(qn("p:txBody"))
    for old in body.findall(qn("a:p")):
        body.remove(old)
    para = etree.SubElement(body, qn("a:p"))
    run = etree.SubElement(para, qn("a:r"))
    etree.SubElement(run, qn("a:rPr"), lang="en-US")
    etree.SubElement(run, qn("a:t")).text = text


def _title_height(slide: Slide) -> float:
    return 0.0 if isinstance(slide, TitleSlide) else slide.heading.title.box.h_pt


# where ``p:hf`` goes among a master's and a layout's children: before the first of these
HF_BEFORE = {"sldMaster": ("txStyles", "extLst"), "sldLayout": ("extLst",)}


def _header_footer(element: etree._Element, number: bool) -> None:
    """Set which footer placeholders a slide added in PowerPoint shows: footer, number (or not), never date."""
    for old in element.findall(qn("p:hf")):
        element.remove(old)
    hf = etree.Element(qn("p:hf"), hdr="0", dt="0")
    if not number:
        hf.set("sldNum", "0")
    kind = etree.QName(element).localname
    following = [child for tag in HF_BEFORE[kind] for child in element.findall(qn(f"p:{tag}"))]
    if following:
        following[0].addprevious(hf)
    else:
        element.append(hf)


def unlabelled(spec: DressSpec) -> DressSpec:
    """Return ``spec`` with the label's text left out where ``label_layouts`` then puts it into every layout.

    A data family's decks often differ in their label alone ("Copy 12 of 40"): one template
    dressed without it serves them all, each relabelled.
    """
    if spec.footer is None or spec.footer.label is None:
        return spec  # the labels the layouts keep are those of their own slides
    steps = tuple(step._replace(text="") if isinstance(step, Placed) and step.text else step for step in spec.steps)
    return spec._replace(steps=steps, label="")


def label_layouts(layouts: Iterable[etree._Element], label: str) -> None:
    """Put the label into the footer placeholder of each layout (``p:sldLayout`` elements).

    Read from the elements, not through python-pptx's proxies, which would then be cached
    on a template that is to be deep-copied (see ``builtin``).
    """
    for layout in layouts:
        for sp in layout.iterfind(LAYOUT_SHAPES):
            ph = sp.find(PH)
            if ph is not None and ph.get("type", "obj") == "ftr":
                _set_text(sp, label)
                break


def _dress_footers(prs: PptxPresentation, spec: DressSpec, style: Style, dressed: Dressed) -> None:
    """Give the master the footer's look, every layout the label, and the organization as a master shape."""
    for master in prs.slide_masters:
        _header_footer(master._element, number=True)
        for layout in master.slide_layouts:
            if layout.name.casefold() in spec.title_layouts:
                _header_footer(layout._element, number=False)
    footer = spec.footer
    if footer is None:
        return
    master = prs.slide_masters[0]
    for kind, frame in (("ftr", footer.label), ("sldNum", footer.number)):
        sp = _placeholder(master, kind)
        if sp is not None and frame is not None and frame.paras:
            _style_placeholder(sp, frame, style)
    if footer.label is not None:
        label_layouts((layout._element for layout in master.slide_layouts), spec.label)
    if footer.organization is not None:
        draw_text(master.shapes, footer.organization, style, "Footer organization")
        dressed.organization = footer.organization


def dress(prs: PptxPresentation, spec: DressSpec, style: Style) -> Dressed:
    """Dress the theme part, the master and every layout ``spec`` names; return what the layouts give."""
    _theme_part(prs, style)
    _master_title_colour(prs, style)
    layouts = {layout.name.casefold(): layout for master in prs.slide_masters for layout in master.slide_layouts}
    dressed = Dressed()
    for step in spec.steps:
        if isinstance(step, Placed):
            _place(layouts[step.layout], step, style, dressed)
        else:
            _decorate(layouts[step.layout], step.rects, style)
            dressed.decorations[step.layout] = step.rects
    _dress_footers(prs, spec, style, dressed)
    return dressed
