"""Draw planned text frames, rectangles, pictures and tables onto python-pptx slides.

Stage: part of the deck renderer (plan parts in, DrawingML out). Everything a reader's
layout engine could decide differently is written explicitly: font size on every run,
exact line pitch and paragraph spacing in points, insets, word wrap on and autofit off
(PowerPoint ignores autofit until someone edits the text, so it cannot be relied on).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import cache

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.oxml.ns import qn as pptx_qn
from pptx.shapes.autoshape import Shape
from pptx.shapes.shapetree import SlideShapes
from pptx.util import Emu

from ..deck_plan_model import (
    Align,
    Anchor,
    Box,
    ColorRole,
    FontRole,
    Insets,
    Marker,
    Para,
    PlannedTable,
    Rect,
    TextFrame,
)
from ..theme_model import Theme

ALIGN_VALUE = {Align.LEFT: "l", Align.CENTER: "ctr", Align.RIGHT: "r"}
ANCHOR = {Anchor.TOP: MSO_ANCHOR.TOP, Anchor.MIDDLE: MSO_ANCHOR.MIDDLE, Anchor.BOTTOM: MSO_ANCHOR.BOTTOM}
MARKER_CHAR = {Marker.BULLET: "\u2022", Marker.DASH: "\u2013"}
MARKER_FONT = "Arial"  # has both marker glyphs everywhere PowerPoint runs
WHITE = "FFFFFF"


@cache
def qn(tag: str) -> str:
    """Return the Clark name of a prefixed tag ("a:p"), cached: python-pptx parses it on every call."""
    return pptx_qn(tag)


def emu(points: float) -> Emu:
    """Return a length in EMU; the plan is in points, python-pptx wants integers."""
    return Emu(int(round(points * 12700)))


@dataclass(frozen=True, slots=True)
class Style:
    """Theme colours and deck typefaces by the roles the plan names, and paragraphs written so far."""

    theme: Theme
    language: str | None
    memo: dict[Para, etree._Element] = field(default_factory=dict, compare=False, hash=False)

    def color(self, role: ColorRole) -> RGBColor:
        colors = self.theme.colors
        value = {
            ColorRole.PRIMARY: colors.primary,
            ColorRole.ACCENT: colors.accent,
            ColorRole.TEXT: colors.text,
            ColorRole.MUTED: colors.muted,
            ColorRole.FILL: colors.fill,
            ColorRole.BACKGROUND: colors.background,
            ColorRole.ON_PRIMARY: WHITE,
        }[role]
        return RGBColor.from_string(value.lstrip("#").upper())

    def fill(self, role: ColorRole) -> etree._Element | None:
        """Return the ``a:solidFill`` text of ``role`` takes; None lets it inherit its placeholder's colour."""
        if role is ColorRole.INHERITED:
            return None
        if role is ColorRole.TITLE_INK:
            template = self.theme.deck.template
            assert template is not None and template.title_fill is not None, "planned only for such templates"
            return etree.fromstring(template.title_fill)
        fill = etree.Element(qn("a:solidFill"))
        _sub(fill, "a:srgbClr", val=str(self.color(role)))
        return fill

    def palette(self, index: int) -> RGBColor:
        palette = self.theme.colors.palette
        return RGBColor.from_string(palette[index % len(palette)].lstrip("#").upper())

    def family(self, role: FontRole) -> str:
        face = self.theme.heading_font if role is FontRole.HEADING else self.theme.body_font
        return face.deck_family


def _sub(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, qn(tag))
    for key, value in attributes.items():
        element.set(key, value)
    return element


def _points(value: float) -> str:
    """Return a length in hundredths of a point, as DrawingML spacing and sizes want it."""
    return str(int(round(value * 100)))


def _paragraph_properties(p: etree._Element, para: Para, style: Style) -> None:
    """Write alignment, indents, exact spacing and the bullet (or an explicit "no bullet")."""
    ppr = _sub(p, "a:pPr", algn=ALIGN_VALUE[para.align], marL=str(emu(para.indent_pt)))
    if para.rtl:
        ppr.set("rtl", "1")  # PowerPoint then lays the line out right to left; it reorders the characters itself
    if para.marker is Marker.NONE:
        ppr.set("indent", "0")
    else:
        ppr.set("indent", str(-emu(para.size_pt * 1.1)))
    for tag, value in (("a:lnSpc", para.line_pt), ("a:spcBef", para.space_before_pt), ("a:spcAft", 0.0)):
        _sub(_sub(ppr, tag), "a:spcPts", val=_points(value))
    if para.marker is Marker.NONE:
        _sub(ppr, "a:buNone")
    else:
        _sub(_sub(ppr, "a:buClr"), "a:srgbClr", val=str(style.color(ColorRole.ACCENT)))
        _sub(ppr, "a:buSzPct", val="100000")
        _sub(ppr, "a:buFont", typeface=MARKER_FONT)
        _sub(ppr, "a:buChar", char=MARKER_CHAR[para.marker])
    _sub(ppr, "a:defRPr", sz=_points(para.size_pt))


def paragraph_element(para: Para, style: Style, part: Part) -> etree._Element:
    """Return an ``a:p`` for a planned paragraph: every run with its size, face, colour and link.

    Written with lxml directly, and reused (copied) for a paragraph seen before, such as the
    footer's: python-pptx's property setters cost about a millisecond a paragraph, which a
    400-slide deck cannot afford. Paragraphs with links are never reused: their
    relationship ids belong to one slide.
    """
    cached = style.memo.get(para)
    if cached is not None:
        return copy.deepcopy(cached)
    p = etree.Element(qn("a:p"))
    _paragraph_properties(p, para, style)
    size, family = _points(para.size_pt), style.family(para.font)
    fill = style.fill(para.color)
    for planned in para.runs:
        run = _sub(p, "a:r")
        rpr = _sub(run, "a:rPr", sz=size, b="1" if planned.bold else "0", i="1" if planned.italic else "0")
        if style.language:
            rpr.set("lang", style.language)
        if fill is not None:
            rpr.append(copy.deepcopy(fill))
        _sub(rpr, "a:latin", typeface=family)
        if planned.link:
            r_id = part.relate_to(planned.link, RT.HYPERLINK, is_external=True)
            _sub(rpr, "a:hlinkClick").set(qn("r:id"), r_id)
        _sub(run, "a:t").text = planned.text
    _sub(p, "a:endParaRPr", sz=size)
    if not any(planned.link for planned in para.runs):
        style.memo[para] = copy.deepcopy(p)
    return p


def _replace_paragraphs(tx_body: etree._Element, paras: tuple[Para, ...], style: Style, part: Part) -> None:
    for old in tx_body.findall(qn("a:p")):
        tx_body.remove(old)
    for para in paras or (Para((), 10.0, 12.0),):  # a text body needs at least one paragraph
        tx_body.append(paragraph_element(para, style, part))


BODY_AUTOFIT = ("a:noAutofit", "a:normAutofit", "a:spAutoFit")
ANCHOR_VALUE = {Anchor.TOP: "t", Anchor.MIDDLE: "ctr", Anchor.BOTTOM: "b"}


def fill_frame(tx_body: etree._Element, frame: TextFrame, style: Style, part: Part) -> None:
    """Write a planned frame into a ``p:txBody``: wrap on, autofit off, insets, anchor, paragraphs."""
    body_pr = tx_body.find(qn("a:bodyPr"))
    insets = frame.insets
    for attribute, value in (("wrap", "square"), ("lIns", str(emu(insets.left_pt))),
                             ("tIns", str(emu(insets.top_pt))), ("rIns", str(emu(insets.right_pt))),
                             ("bIns", str(emu(insets.bottom_pt))), ("anchor", ANCHOR_VALUE[frame.anchor])):
        body_pr.set(attribute, value)
    for tag in BODY_AUTOFIT:
        for old in body_pr.findall(qn(tag)):
            body_pr.remove(old)
    body_pr.insert(0, etree.Element(qn("a:noAutofit")))  # bodyPr's first possible child: prstTxWarp is never used
    _replace_paragraphs(tx_body, frame.paras, style, part)


# What a placeholder could inherit from a template's list styles that would make its text
# wider or taller than planned: columns, vertical text, a right margin, capitals, letter spacing.
SETTLED_BODY = (("vert", "horz"), ("numCol", "1"))
SETTLED_PARAGRAPH = (("marR", "0"),)
SETTLED_RUN = (("cap", "none"), ("spc", "0"))


def settle_inherited(sp: etree._Element) -> None:
    """Pin what a filled placeholder would otherwise inherit from its layout and master."""
    tx_body = sp.find(qn("p:txBody"))
    body_pr = tx_body.find(qn("a:bodyPr"))
    for attribute, value in SETTLED_BODY:
        body_pr.set(attribute, value)
    for element, settled in ((qn("a:pPr"), SETTLED_PARAGRAPH), (qn("a:rPr"), SETTLED_RUN),
                             (qn("a:endParaRPr"), SETTLED_RUN)):
        for node in tx_body.iter(element):
            for attribute, value in settled:
                node.set(attribute, value)


CNVPR = qn("p:cNvPr")


def _next_shape_id(tree: etree._Element) -> int:
    """Return one more than the largest top-level shape id (python-pptx runs an XPath for this)."""
    top = 0
    for child in tree:
        if len(child) and len(child[0]) and child[0][0].tag == CNVPR:
            top = max(top, int(child[0][0].get("id", "0")))
    return top + 1


def _add_shape_element(shapes: SlideShapes, name: str, box: Box, text_box: bool) -> etree._Element:
    """Append a bare rectangular ``p:sp`` to the slide and return it (ids as python-pptx counts them)."""
    tree = shapes._spTree
    sp = etree.Element(qn("p:sp"))
    nv = _sub(sp, "p:nvSpPr")
    _sub(nv, "p:cNvPr", id=str(_next_shape_id(tree)), name=name)
    c_nv_sp = _sub(nv, "p:cNvSpPr")
    if text_box:
        c_nv_sp.set("txBox", "1")
    _sub(nv, "p:nvPr")
    sp_pr = _sub(sp, "p:spPr")
    xfrm = _sub(sp_pr, "a:xfrm")
    _sub(xfrm, "a:off", x=str(emu(box.x_pt)), y=str(emu(box.y_pt)))
    _sub(xfrm, "a:ext", cx=str(emu(box.w_pt)), cy=str(emu(box.h_pt)))
    _sub(_sub(sp_pr, "a:prstGeom", prst="rect"), "a:avLst")
    tree.insert_element_before(sp, "p:extLst")
    return sp


def _solid(parent: etree._Element, color: ColorRole | None, style: Style) -> None:
    if color is None:
        _sub(parent, "a:noFill")
    else:
        _sub(_sub(parent, "a:solidFill"), "a:srgbClr", val=str(style.color(color)))


def draw_text(shapes: SlideShapes, frame: TextFrame, style: Style, name: str) -> None:
    """Add a text box for ``frame``; a frame with a fill becomes a tinted panel."""
    sp = _add_shape_element(shapes, name, frame.box, text_box=True)
    _solid(sp.find(qn("p:spPr")), frame.fill, style)
    tx_body = _sub(sp, "p:txBody")
    _sub(tx_body, "a:bodyPr")
    _sub(tx_body, "a:lstStyle")
    fill_frame(tx_body, frame, style, shapes.part)


def draw_rect(shapes: SlideShapes, rect: Rect, style: Style, name: str) -> etree._Element:
    """Add a borderless solid rectangle without the theme's shape style (no shadow, no outline)."""
    sp = _add_shape_element(shapes, name, rect.box, text_box=False)
    sp_pr = sp.find(qn("p:spPr"))
    _solid(sp_pr, rect.color, style)
    _sub(_sub(sp_pr, "a:ln"), "a:noFill")
    return sp


def _fill_cell(tc: etree._Element, paras: tuple[Para, ...], margins: Insets, style: Style, fill: ColorRole,
               part: Part) -> None:
    tc_pr = tc.get_or_add_tcPr()
    for attribute, value in (("marL", margins.left_pt), ("marR", margins.right_pt), ("marT", margins.top_pt),
                             ("marB", margins.bottom_pt)):
        tc_pr.set(attribute, str(emu(value)))
    tc_pr.set("anchor", "ctr")
    _sub(_sub(tc_pr, "a:solidFill"), "a:srgbClr", val=str(style.color(fill)))
    body = tc.get_or_add_txBody()
    body.find(qn("a:bodyPr")).set("wrap", "square")
    _replace_paragraphs(body, paras, style, part)


def draw_table(shapes: SlideShapes, table: PlannedTable, style: Style, name: str) -> None:
    """Add a table with measured column widths and row heights, header shaded, rows banded."""
    box = table.box
    frame = shapes.add_table(len(table.rows) + 1, len(table.column_widths_pt), emu(box.x_pt), emu(box.y_pt),
                             emu(box.w_pt), emu(box.h_pt))
    frame.name = name
    grid = frame.table
    grid.first_row = True
    grid.horz_banding = False
    tbl = grid._tbl
    for grid_col, width in zip(tbl.tblGrid.findall(qn("a:gridCol")), table.column_widths_pt, strict=True):
        grid_col.set("w", str(emu(width)))
    heights = (table.header_height_pt, *table.row_heights_pt)
    planned_rows = (table.header, *table.rows)
    part = frame.part
    for index, (tr, height, planned_row) in enumerate(zip(tbl.tr_lst, heights, planned_rows, strict=True)):
        tr.set("h", str(emu(height)))
        band = ColorRole.PRIMARY if index == 0 else ColorRole.FILL if index % 2 == 0 else ColorRole.BACKGROUND
        for tc, planned in zip(tr.tc_lst, planned_row, strict=True):
            _fill_cell(tc, planned.paras, table.margins, style, band, part)


def set_alt_text(shape: Shape, alt: str) -> None:
    """Set a picture's alternative text (python-pptx writes the file name there by default)."""
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", alt)
