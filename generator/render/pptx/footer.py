"""Footers of a slide: the label and slide number in placeholders cloned from the layout, the organization.

Stage: part of the deck renderer (a planned Footer and the slide's layout placeholders in,
footer shapes on a python-pptx slide out). python-pptx's ``add_slide`` copies no footer,
date or slide-number placeholder from the layout; here the label and the number (a
``slidenum`` field) go into clones of the layout's ``ftr`` and ``sldNum`` placeholders, as
PowerPoint's Header and Footer dialog puts them, and follow the layout's position when the
plan puts them there. A layout without them gets text boxes. The organization is drawn
unless the dressed master already shows it on this slide.
"""

from __future__ import annotations

import copy

from lxml import etree
from pptx.slide import Slide as PptxSlide

from generator.deck.model import Footer, TextFrame
from generator.render.pptx.draw import Style, draw_text, fill_frame, parse_fragment, place, qn, settle_inherited

PH_PATH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"
_AS_SPACE = str.maketrans("\r\n\t", "   ")


def _fill(slide: PptxSlide, target: etree._Element, frame: TextFrame, style: Style, role: str,
          number: bool = False) -> None:
    place(target, frame.box)
    fill_frame(target.find(qn("p:txBody")), frame, style, slide.part, style.inherit(role), number)
    settle_inherited(target)


def _footer_placeholder(slide: PptxSlide, layout_sp: etree._Element) -> etree._Element:
    """Add a footer placeholder cloned from the layout's (python-pptx does not copy ``ftr`` or ``sldNum``).

    It is what PowerPoint's Header and Footer dialog adds: the layout placeholder's name and
    ``p:ph`` (type, index, size, orientation), no position of its own, an empty text body.
    """
    ph = copy.deepcopy(layout_sp.find(PH_PATH))
    for child in list(ph):  # a ph's only children are extensions
        ph.remove(child)
    name = layout_sp.find(f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}").get("name", "Footer")
    sp = parse_fragment(
        f'<p:sp><p:nvSpPr><p:cNvPr id="{slide.shapes._next_shape_id}" name=""/>'
        '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr/></p:nvSpPr><p:spPr/>'
        "<p:txBody><a:bodyPr/><a:lstStyle/><a:p/></p:txBody></p:sp>")[0]
    # set, not written into the text (no ``html`` to import): with line breaks and tabs as spaces, as XML reads them
    sp.find(f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}").set("name", name.replace("\r\n", " ").translate(_AS_SPACE))
    sp.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}").append(ph)
    tree = slide.shapes._spTree
    extensions = tree.find(qn("p:extLst"))
    if extensions is None:
        tree.append(sp)
    else:
        extensions.addprevious(sp)
    return sp


XFRM = f"{qn('p:spPr')}/{qn('a:xfrm')}"


def _where(xfrm: etree._Element | None) -> tuple[str | None, ...] | None:
    if xfrm is None:
        return None
    off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
    if off is None or ext is None:
        return None
    return off.get("x"), off.get("y"), ext.get("cx"), ext.get("cy"), xfrm.get("rot"), xfrm.get("flipH")


def _same_place(sp: etree._Element, layout_sp: etree._Element) -> None:
    """Drop the position of a footer placed where its layout has it already: it then follows the layout."""
    xfrm = sp.find(XFRM)
    if xfrm is not None and _where(xfrm) == _where(layout_sp.find(XFRM)):
        xfrm.getparent().remove(xfrm)


def _shows_master_shapes(slide: PptxSlide) -> bool:
    return slide._element.get("showMasterSp") not in ("0", "false")


def draw_footer(slide: PptxSlide, footer: Footer | None, style: Style, kinds: dict[str, etree._Element],
                numbered: bool) -> None:
    """Put the label and the slide number (a field) into footer placeholders cloned from the layout, or text boxes."""
    if footer is None:
        return
    if footer.label is not None and "ftr" in kinds:
        target = _footer_placeholder(slide, kinds["ftr"])
        _fill(slide, target, footer.label, style, "label")
        _same_place(target, kinds["ftr"])
    elif footer.label is not None:
        draw_text(slide.shapes, footer.label, style, "Footer label")
    on_master = style.dressed is not None and style.dressed.organization == footer.organization
    if footer.organization is not None and not (on_master and _shows_master_shapes(slide)):
        draw_text(slide.shapes, footer.organization, style, "Footer organization")
    if not numbered:
        return
    if "sldNum" in kinds:
        target = _footer_placeholder(slide, kinds["sldNum"])
        _fill(slide, target, footer.number, style, "number", number=True)
        _same_place(target, kinds["sldNum"])
    else:
        draw_text(slide.shapes, footer.number, style, "Slide number", number=True)
