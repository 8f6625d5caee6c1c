"""Draw planned text frames, rectangles, pictures and tables onto python-pptx slides.

Stage: part of the deck renderer (plan parts in, DrawingML out). Everything a reader's
layout engine could decide differently is written explicitly: font size on every run,
exact line pitch and paragraph spacing in points, insets, word wrap on and autofit off
(PowerPoint ignores autofit until someone edits the text, so it cannot be relied on).
Typeface and colour are left out where a placeholder's layout gives the same (``Inherit``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from lxml import etree
from msgspec import Struct
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.oxml import element_class_lookup
from pptx.oxml.ns import qn as pptx_qn
from pptx.shapes.base import BaseShape
from pptx.shapes.shapetree import LayoutShapes, SlideShapes
from pptx.util import Emu

from generator.deck.model import (
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
from generator.theme.model import Theme

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


class Inherit(Struct, frozen=True):
    """What a placeholder's layout gives its text: runs in that face or colour leave it to the layout.

    So PowerPoint's Design tab, Replace Fonts and a slide added from the layout agree with the
    deck; sizes stay on every run, since the planner chose them to make the text fit.
    """

    font: FontRole | None = None
    color: ColorRole | None = None


NOTHING = Inherit()
TEMPLATE_INHERITS = {"title": Inherit(FontRole.HEADING, ColorRole.INHERITED),
                     "subtitle": Inherit(FontRole.BODY, ColorRole.TEXT),
                     "body": Inherit(FontRole.BODY, ColorRole.TEXT),
                     "label": Inherit(FontRole.BODY, ColorRole.MUTED),
                     "number": Inherit(FontRole.BODY, ColorRole.MUTED)}


@dataclass(slots=True)
class Dressed:
    """What each dressed layout's placeholders give their text, and the shapes the layout draws itself."""

    inherits: dict[tuple[str, str], Inherit] = field(default_factory=dict)  # (layout name, role) -> inherited
    decorations: dict[str, tuple[Rect, ...]] = field(default_factory=dict)  # layout name -> drawn on it
    organization: TextFrame | None = None  # the footer's organization, drawn on the master


@dataclass(frozen=True, slots=True)
class Style:
    """Theme colours and deck typefaces by the roles the plan names, and paragraphs written so far."""

    theme: Theme
    language: str | None
    memo: dict[tuple[Para, Inherit, bool], str] = field(default_factory=dict, compare=False, hash=False)
    dressed: Dressed | None = None  # the built-in template's layouts, dressed in the theme (``design``)
    layout: str = ""  # the case-folded name of the layout of the slide being drawn

    def inherit(self, role: str) -> Inherit:
        """Return what the current slide's layout gives the text of ``role`` ("title", "body", ...).

        A user's template gives its placeholders its own typefaces and colours.
        """
        if self.dressed is not None:
            return self.dressed.inherits.get((self.layout, role), NOTHING)
        return TEMPLATE_INHERITS.get(role, NOTHING) if self.theme.deck.template is not None else NOTHING

    def on_layout(self, rects: tuple[Rect, ...]) -> bool:
        """Tell whether the current slide's layout already draws ``rects``."""
        return self.dressed is not None and self.dressed.decorations.get(self.layout) == rects

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

    def fill(self, role: ColorRole) -> str:
        """Return the ``a:solidFill`` XML text of ``role`` takes; empty lets it inherit its placeholder's colour."""
        if role is ColorRole.INHERITED:
            return ""
        if role is ColorRole.TITLE_INK:
            template = self.theme.deck.template
            assert template is not None and template.title_fill is not None, "planned only for such templates"
            return template.title_fill
        return solid_fill(self.color(role))

    def palette(self, index: int) -> RGBColor:
        palette = self.theme.colors.palette
        return RGBColor.from_string(palette[index % len(palette)].lstrip("#").upper())

    def family(self, role: FontRole) -> str:
        """Return the typeface of ``role``: the theme's, or a template's theme font (``+mj-lt``, ``+mn-lt``)."""
        if self.theme.deck.template is not None:
            return "+mj-lt" if role is FontRole.HEADING else "+mn-lt"
        face = self.theme.heading_font if role is FontRole.HEADING else self.theme.body_font
        return face.deck_family


def _sub(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, qn(tag), attributes)


def _points(value: float) -> str:
    """Return a length in hundredths of a point, as DrawingML spacing and sizes want it."""
    return str(int(round(value * 100)))


# Text and shapes are written as XML text and parsed once per text body or shape: building
# them element by element from Python costs several times as much, and a long deck has
# thousands. Every value from the plan goes through ``_text`` or ``_attr``.
NAMESPACES = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
              "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
              "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
_PARSER = etree.XMLParser(resolve_entities=False)  # python-pptx's classes, and whitespace kept as written
_PARSER.set_element_class_lookup(element_class_lookup)
_FRAGMENT = "<fragment " + " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items()) + ">{}</fragment>"
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;",
                               "\t": "&#9;"})


def _text(value: str) -> str:
    return value.translate(_TEXT_ESCAPES)


def _attr(value: str) -> str:
    return value.translate(_ATTR_ESCAPES)


def parse_fragment(xml: str) -> list[etree._Element]:
    """Return the elements of XML text written with the ``a:``, ``p:`` and ``r:`` prefixes.

    Moved into a slide, they lose their own namespace declarations (lxml drops those the
    slide already makes), so they serialise as if built in place. They are parsed with
    python-pptx's element classes: lxml keeps a live element's Python object, so a plain one
    still held when python-pptx walks the shape tree would lack its methods (``has_ph_elm``).
    """
    return list(etree.fromstring(_FRAGMENT.format(xml), _PARSER))


def solid_fill(color: RGBColor) -> str:
    return f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill>'


def _paragraph_properties(para: Para, style: Style) -> str:
    """Write alignment, indents, exact spacing and the bullet (or an explicit "no bullet")."""
    # right to left: PowerPoint then lays the line out that way; it reorders the characters itself
    rtl = ' rtl="1"' if para.rtl else ""
    indent = "0" if para.marker is Marker.NONE else str(-emu(para.size_pt * 1.1))
    spacing = "".join(f'<a:{tag}><a:spcPts val="{_points(value)}"/></a:{tag}>'
                      for tag, value in (("lnSpc", para.line_pt), ("spcBef", para.space_before_pt), ("spcAft", 0.0)))
    if para.marker is Marker.NONE:
        bullet = "<a:buNone/>"
    else:
        bullet = (f'<a:buClr><a:srgbClr val="{style.color(ColorRole.ACCENT)}"/></a:buClr><a:buSzPct val="100000"/>'
                  f'<a:buFont typeface="{MARKER_FONT}"/><a:buChar char="{MARKER_CHAR[para.marker]}"/>')
    return (f'<a:pPr algn="{ALIGN_VALUE[para.align]}" marL="{emu(para.indent_pt)}"{rtl} indent="{indent}">'
            f'{spacing}{bullet}<a:defRPr sz="{_points(para.size_pt)}"/></a:pPr>')


# PowerPoint writes one field id per placeholder it copies; the value only has to be a GUID
SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"


def paragraph_xml(para: Para, style: Style, part: Part, inherit: Inherit = NOTHING, number: bool = False) -> str:
    """Return the ``a:p`` of a planned paragraph: every run with its size, face, colour and link.

    ``number``: the runs are slide-number fields, which PowerPoint renumbers when slides move.
    Remembered for a paragraph seen before, such as the footer's, unless it has links: their
    relationship ids belong to one slide.
    """
    key = (para, inherit, number)
    cached = style.memo.get(key)
    if cached is not None:
        return cached
    size = _points(para.size_pt)
    family = "" if para.font is inherit.font else f'<a:latin typeface="{_attr(style.family(para.font))}"/>'
    fill = "" if para.color is inherit.color else style.fill(para.color)
    lang = f' lang="{_attr(style.language)}"' if style.language else ""
    runs = []
    for planned in para.runs:
        link = ""
        if planned.link:
            link = f'<a:hlinkClick r:id="{part.relate_to(planned.link, RT.HYPERLINK, is_external=True)}"/>'
        properties = (f'<a:rPr sz="{size}" b="{"1" if planned.bold else "0"}" i="{"1" if planned.italic else "0"}"'
                      f'{lang}>{fill}{family}{link}</a:rPr><a:t>{_text(planned.text)}</a:t>')
        runs.append(f'<a:fld id="{SLIDE_NUMBER_FIELD}" type="slidenum">{properties}</a:fld>' if number
                    else f"<a:r>{properties}</a:r>")
    xml = f'<a:p>{_paragraph_properties(para, style)}{"".join(runs)}<a:endParaRPr sz="{size}"/></a:p>'
    if not any(planned.link for planned in para.runs):
        style.memo[key] = xml
    return xml


def paragraphs_xml(paras: tuple[Para, ...], style: Style, part: Part, inherit: Inherit = NOTHING,
                   number: bool = False) -> str:
    return "".join(paragraph_xml(para, style, part, inherit, number)
                   for para in paras or (Para((), 10.0, 12.0),))  # a text body needs at least one paragraph


def _replace_paragraphs(tx_body: etree._Element, paras: tuple[Para, ...], style: Style, part: Part,
                        inherit: Inherit = NOTHING, number: bool = False) -> None:
    for old in tx_body.findall(qn("a:p")):
        tx_body.remove(old)
    tx_body.extend(parse_fragment(paragraphs_xml(paras, style, part, inherit, number)))


BODY_AUTOFIT = ("a:noAutofit", "a:normAutofit", "a:spAutoFit")
ANCHOR_VALUE = {Anchor.TOP: "t", Anchor.MIDDLE: "ctr", Anchor.BOTTOM: "b"}


def _body_attributes(frame: TextFrame) -> tuple[tuple[str, str], ...]:
    """Return a frame's ``a:bodyPr`` settings: wrap on, its insets and anchor."""
    insets = frame.insets
    return (("wrap", "square"), ("lIns", str(emu(insets.left_pt))), ("tIns", str(emu(insets.top_pt))),
            ("rIns", str(emu(insets.right_pt))), ("bIns", str(emu(insets.bottom_pt))),
            ("anchor", ANCHOR_VALUE[frame.anchor]))


def fill_frame(tx_body: etree._Element, frame: TextFrame, style: Style, part: Part, inherit: Inherit = NOTHING,
               number: bool = False) -> None:
    """Write a planned frame into a placeholder's ``p:txBody``: wrap on, autofit off, insets, anchor, paragraphs."""
    body_pr = tx_body.find(qn("a:bodyPr"))
    for attribute, value in _body_attributes(frame):
        body_pr.set(attribute, value)
    for tag in BODY_AUTOFIT:
        for old in body_pr.findall(qn(tag)):
            body_pr.remove(old)
    body_pr.insert(0, etree.Element(qn("a:noAutofit")))  # bodyPr's first possible child: prstTxWarp is never used
    _replace_paragraphs(tx_body, frame.paras, style, part, inherit, number)


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


EXTLST = qn("p:extLst")
SPPR, XFRM, OFF, EXT = qn("p:spPr"), qn("a:xfrm"), qn("a:off"), qn("a:ext")


def place(sp: etree._Element, box: Box) -> None:
    """Move a ``p:sp`` to ``box``, writing what python-pptx's ``left``, ``top``, ... setters write.

    Each of those setters looks up the transform again; a deck sets thousands.
    """
    sp_pr = sp.find(SPPR)
    xfrm = sp_pr.find(XFRM)
    if xfrm is None:
        xfrm = etree.SubElement(sp_pr, XFRM)
        sp_pr.insert(0, xfrm)  # the transform comes first in shape properties
    off = xfrm.find(OFF)
    if off is None:
        off = etree.SubElement(xfrm, OFF)
        xfrm.insert(0, off)
    off.set("x", str(emu(box.x_pt)))
    off.set("y", str(emu(box.y_pt)))
    ext = xfrm.find(EXT)
    if ext is None:
        ext = etree.SubElement(xfrm, EXT)
        off.addnext(ext)
    ext.set("cx", str(emu(box.w_pt)))
    ext.set("cy", str(emu(box.h_pt)))


def _insert_shape(shapes: SlideShapes | LayoutShapes, xml: str) -> etree._Element:
    """Add a shape written as XML text to the slide, before the shape tree's extensions, and return it."""
    sp = parse_fragment(xml)[0]
    tree = shapes._spTree
    extensions = tree.find(EXTLST)  # the group's extensions stay its last child
    if extensions is None:
        tree.append(sp)
    else:
        extensions.addprevious(sp)
    return sp


def _shape_xml(shapes: SlideShapes | LayoutShapes, name: str, box: Box, text_box: bool, fill: str, rest: str) -> str:
    """Return a bare rectangular ``p:sp`` with its id (python-pptx's next), position, fill and ``rest``."""
    # python-pptx's own count (turbo mode, switched on for every slide), so its shapes and ours never share an id
    shape_id = shapes._next_shape_id
    box_flag = ' txBox="1"' if text_box else ""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{_attr(name)}"/><p:cNvSpPr{box_flag}/><p:nvPr/>'
            f'</p:nvSpPr><p:spPr><a:xfrm><a:off x="{emu(box.x_pt)}" y="{emu(box.y_pt)}"/>'
            f'<a:ext cx="{emu(box.w_pt)}" cy="{emu(box.h_pt)}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
            f'</a:prstGeom>{fill}</p:spPr>{rest}</p:sp>')


def _fill_xml(color: ColorRole | None, style: Style) -> str:
    return "<a:noFill/>" if color is None else solid_fill(style.color(color))


def draw_text(shapes: SlideShapes, frame: TextFrame, style: Style, name: str, number: bool = False) -> None:
    """Add a text box for ``frame``; a frame with a fill becomes a tinted panel; ``number``: a slide number field."""
    attributes = "".join(f' {attribute}="{value}"' for attribute, value in _body_attributes(frame))
    body = (f'<p:txBody><a:bodyPr{attributes}><a:noAutofit/></a:bodyPr><a:lstStyle/>'
            f'{paragraphs_xml(frame.paras, style, shapes.part, NOTHING, number)}</p:txBody>')
    _insert_shape(shapes, _shape_xml(shapes, name, frame.box, True, _fill_xml(frame.fill, style), body))


def draw_rect(shapes: SlideShapes | LayoutShapes, rect: Rect, style: Style, name: str) -> etree._Element:
    """Add a borderless solid rectangle without the theme's shape style (no shadow, no outline)."""
    fill = _fill_xml(rect.color, style) + "<a:ln><a:noFill/></a:ln>"
    return _insert_shape(shapes, _shape_xml(shapes, name, rect.box, False, fill, ""))


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


def set_alt_text(shape: BaseShape, alt: str) -> None:
    """Set a picture's alternative text (python-pptx writes the file name there by default)."""
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", alt)
