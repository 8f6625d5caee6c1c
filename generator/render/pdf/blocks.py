"""Map each content block of the model to reportlab flowables.

Stage: model blocks in, flowables out, through one dispatch table (``BUILDERS``). Builders
draw what the model says and decide nothing about content; charts live in ``charts``,
the cover and the sources list in ``cover``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from msgspec import Struct, field
from msgspec.structs import replace
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Table

from generator import model
from generator.errors import BuildWarning
from generator.labels import CATALOGUE, Labels, right_to_left
from generator.render.pdf.chunk import piece_styles, split_rich
from generator.render.pdf.exhibits import FLOATING, BoxTable, ContinuedTable, exhibit_caption, exhibit_of, soft_image
from generator.render.pdf.flow import Wide
from generator.render.pdf.notes import Footnotes
from generator.render.pdf.para import BalancedParagraph
from generator.render.pdf.para import BriefParagraph as ParagraphFlowable
from generator.render.pdf.picture import Pictures, SharedImage
from generator.render.pdf.style import BriefStyles
from generator.render.pdf.table_widths import column_widths, natural_width_pt, tallest_row_pt
from generator.render.pdf.text import TextSetter, runs_width
from generator.theme.model import FontFace, Theme

FIGURES_PER_ROW = 4
MAX_HEADER_SHARE = 0.25  # a table header taller than this share of the page is printed once, not repeated
KEEP_SOURCE_ROWS = 12  # a table this short keeps its source line on its page
SPLIT_BOX_SHARE = 0.3  # of the text block: a box taller than this may split rather than leave a hole
MAX_IMAGE_SHARE = 0.42  # of the text block's height: a figure never crowds out its page
NUMERIC_CELL = re.compile(r"^[\s+\-−–~≈<>≤≥$€£¥₩%.,·()x×*]*\d[\d\s+\-−–$€£¥₩%.,·()x×*kKmMbBnN]*$")


class BlockContext(Struct, frozen=True):
    """What every builder needs: the document, theme, styles, text setter and column measures."""

    doc: model.Document
    theme: Theme
    styles: BriefStyles
    text: TextSetter
    width_pt: float  # width of one body column
    frame_height_pt: float  # height of the text block
    columns: int = 1
    span_width_pt: float = 0.0  # width of the text block, for what spans the columns
    labels: Labels = CATALOGUE["en"]  # the fixed words, in the document's language
    pictures: Pictures = field(default_factory=Pictures)  # shared by every block, whatever column
    footnotes: Footnotes | None = None  # how notes written [^text] are placed; None: they are not
    exhibits: Mapping[str, str] = field(default_factory=dict)  # block origin: "Figure 2" (``exhibits``)
    notices: list[BuildWarning] = field(default_factory=list)  # non-fatal problems the builders found

    @property
    def rtl(self) -> bool:
        """Whether the brief is written right to left: rules, figures and table columns then run from the right."""
        return right_to_left(self.doc.language)

    @property
    def h_align(self) -> str:
        """Where a block narrower than its column sits: at the side its lines start from."""
        return "RIGHT" if self.rtl else "LEFT"

    def spanning(self) -> BlockContext:
        """Return this context for a block set across every column."""
        return replace(self, width_pt=self.span_width_pt)

    def rich(self, text: model.RichText, base: ParagraphStyle, bold: bool = False) -> str:
        """Return markup for ``text`` inside a paragraph of style ``base``, in the style's family and face.

        The family, weight and slant come from the style's font, so a span's own ``**bold**``
        switches to the bold of the family the style is set in; ``bold`` emboldens the whole text.
        """
        face, style_bold, italic = self._face_of(base.fontName)
        return self.text.rich(text, face, base.fontName, bold=bold or style_bold, italic=italic)

    def _face_of(self, font_name: str) -> tuple[FontFace, bool, bool]:
        for face in (self.theme.body_font, self.theme.heading_font):
            for bold, italic in ((False, False), (True, False), (False, True), (True, True)):
                if face.pick(bold, italic) == font_name:
                    return face, bold, italic
        raise ValueError(f"style font {font_name!r} is not one of the theme's faces")

    def plain(self, text: str, base: ParagraphStyle, font: str | None = None) -> str:
        """Return markup for plain text in ``font`` (default: the style's) inside a paragraph of style ``base``."""
        _, bold, _ = self._face_of(font or base.fontName)
        return self.text.plain(text, base.fontName, font=font, bold=bold)


class OutlinedHeading(BalancedParagraph):
    """A paragraph that adds itself to the PDF outline (bookmarks) where it is drawn.

    Done at draw time rather than in the doc template so the bookmark points at the exact
    spot, wherever keep-with-next grouping moved the heading. ``outline`` is set after
    construction because reportlab rebuilds paragraphs through ``__init__`` when it splits them.
    """

    outline: tuple[str, str] | None = None  # (title shown in the outline, unique key)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 (reportlab API)
        parts = super().split(availWidth, availHeight)
        if parts:
            parts[0].outline = self.outline
        return parts

    def draw(self) -> None:
        if self.outline is not None:
            title, key = self.outline
            _, top = self.canv.absolutePosition(0, self.height + self.style.fontSize * 0.5)
            self.canv.bookmarkPage(key, fit="XYZ", left=0, top=top)
            self.canv.addOutlineEntry(title, key, level=0)
        super().draw()


def outlined_heading(markup: str, style: ParagraphStyle, title: str, key: str) -> OutlinedHeading:
    """Return a heading paragraph that bookmarks itself under ``title``."""
    heading = OutlinedHeading(markup, style)
    heading.outline = (title, key)
    return heading


def boxed(content: list[Flowable], width: float, commands: list[tuple[Any, ...]], space_before: float,
          space_after: float, frame_height: float, h_align: str = "LEFT") -> Table:
    """Return ``content`` in a one-cell table: moved whole to the next page, split only when long."""
    table = BoxTable([[content]], colWidths=[width], style=commands, hAlign=h_align)
    _, height = table.wrap(width, frame_height * 10)
    table.splitInRow = int(height > frame_height * SPLIT_BOX_SHARE)
    table.spaceBefore = space_before
    table.spaceAfter = space_after
    return table


def box_padding(horizontal: float, vertical: float) -> list[tuple[Any, ...]]:
    return [("LEFTPADDING", (0, 0), (-1, -1), horizontal), ("RIGHTPADDING", (0, 0), (-1, -1), horizontal),
            ("TOPPADDING", (0, 0), (-1, -1), vertical), ("BOTTOMPADDING", (0, 0), (-1, -1), vertical)]


def _paragraph(block: model.Paragraph, ctx: BlockContext) -> list[Flowable]:
    return long_paragraph([ctx.rich(piece, ctx.styles.body) for piece in split_rich(block.text)], ctx.styles.body)


def long_paragraph(markups: list[str], style: ParagraphStyle, bullet: str | None = None) -> list[Flowable]:
    """Return the pieces of one text (``chunk.split_rich``) as paragraphs that read as one."""
    return [ParagraphFlowable(markup, piece_style, bulletText=bullet if n == 0 else None)
            for n, (markup, piece_style) in enumerate(zip(markups, piece_styles(style, len(markups)), strict=True))]


def _cell(markups: list[str], style: ParagraphStyle) -> Flowable | list[Flowable]:
    pieces = long_paragraph(markups, style)
    return pieces[0] if len(pieces) == 1 else pieces


def _item_markup(item: model.PointItem, ctx: BlockContext) -> list[str]:
    style = ctx.styles.item
    markups = [ctx.rich(piece, style) for piece in split_rich(item.text)]
    if item.lead is None:
        return markups
    lead = ctx.rich(item.lead, style, bold=True)
    ends_in_stop = item.lead.plain[-1:] in ":.?!"
    colon = "" if ends_in_stop else ctx.plain(":", style, font=ctx.theme.body_font.bold)
    return [f"{lead}{colon} {markups[0]}", *markups[1:]]


def bullet_list(items: Sequence[model.PointItem], ctx: BlockContext, in_box: bool = False) -> list[Flowable]:
    """Return one paragraph per bullet, sub-points one level in with dash bullets.

    Plain paragraphs rather than a ListFlowable: reportlab keeps a heading with the next
    flowable only if that is not a container, and a heading must stay with its first bullet.
    """
    st = ctx.styles
    paragraphs: list[Flowable] = []
    for n, item in enumerate(items):
        ends_list = n == len(items) - 1
        style = st.item_last if ends_list and not item.children else st.item
        if in_box:
            style = st.box_item_last if style is st.item_last else st.box_item
        with ctx.text.within(f"[{n}]", item.line):
            paragraphs += long_paragraph(_item_markup(item, ctx), style, "•")
        for m, child in enumerate(item.children):
            if m < len(item.children) - 1:
                child_style = st.sub_item
            else:
                child_style = st.sub_item_end if ends_list else st.sub_item_last
            with ctx.text.within(f"[{n}].points[{m}]", child.line):
                paragraphs += long_paragraph(_item_markup(child, ctx), child_style, "–")
    return paragraphs


def _points(block: model.Points, ctx: BlockContext) -> list[Flowable]:
    return bullet_list(block.items, ctx)


def _quote(block: model.Quote, ctx: BlockContext) -> list[Flowable]:
    st = ctx.styles
    content = long_paragraph([ctx.rich(piece, st.quote) for piece in split_rich(block.text)], st.quote)
    who = ", ".join(part for part in (block.by, block.role) if part)
    cite = ctx.text.cites([block.source], st.attribution.fontName) if block.source else ""
    if who or cite:
        markup = ctx.plain(f"— {who}", st.attribution) if who else ""
        content.append(ParagraphFlowable(markup + cite, st.attribution))
    # the rule stands where the lines start: at the left, or at the right in a right-to-left brief
    side, rule = ("RIGHTPADDING", "LINEAFTER") if ctx.rtl else ("LEFTPADDING", "LINEBEFORE")
    commands = [*box_padding(0, 1), (side, (0, 0), (-1, -1), st.lead_pt),
                (rule, (0, 0), (0, -1), 2.5, st.colors.accent)]
    return [boxed(content, ctx.width_pt * 0.88, commands, st.lead_pt * 0.5, st.lead_pt, ctx.frame_height_pt,
                  ctx.h_align)]


def _figures(block: model.Figures, ctx: BlockContext) -> list[Flowable]:
    st = ctx.styles
    items = block.items
    rows = math.ceil(len(items) / FIGURES_PER_ROW)
    per_row = math.ceil(len(items) / rows)
    gap = st.lead_pt * 1.25
    column = (ctx.width_pt - gap * (per_row - 1)) / per_row
    value_pt = _fitted_value_size(items, ctx, column)
    value_style = _resized(st.figure_value, value_pt)
    grid: list[list[list[Flowable] | str]] = []
    commands: list[tuple[Any, ...]] = [
        *box_padding(0, 0), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), st.lead_pt * 0.4), ("BOTTOMPADDING", (0, 0), (-1, -1), st.lead_pt),
    ]
    for start in range(0, len(items), per_row):
        row: list[list[Flowable] | str] = []
        for k, figure in enumerate(items[start:start + per_row]):
            label = ctx.rich(figure.label, st.figure_label)
            if figure.source:
                label += ctx.text.cites([figure.source], st.figure_label.fontName)
            if k:
                row.append("")  # the gutter between two figures
            row.append([ParagraphFlowable(ctx.plain(figure.value, value_style), value_style),
                        ParagraphFlowable(label, st.figure_label)])
            at = 2 * (per_row - 1 - k) if ctx.rtl else 2 * k  # a right-to-left row starts at the right
            commands.append(("LINEABOVE", (at, len(grid)), (at, len(grid)), 2, st.colors.accent))
        row += [""] * (2 * per_row - 1 - len(row))
        grid.append(row[::-1] if ctx.rtl else row)
    widths = [column if i % 2 == 0 else gap for i in range(2 * per_row - 1)]
    table = Table(grid, colWidths=widths, style=commands, hAlign="LEFT")
    table.spaceBefore = st.lead_pt * 0.5
    table.spaceAfter = 0
    return [table]


def _fitted_value_size(items: Sequence[model.Figure], ctx: BlockContext, width: float) -> float:
    """Return the largest size of the type scale (down to ``sub``) at which every value fits one line, else wrap."""
    font = ctx.styles.figure_value.fontName
    steps = ctx.styles.scale.steps_below_stat()
    for size in steps:
        if max(runs_width(ctx.text.runs(f.value, font), size) for f in items) <= width:
            return size
    return steps[-1]


def _resized(style: ParagraphStyle, size: float) -> ParagraphStyle:
    if size == style.fontSize:
        return style
    return ParagraphStyle(f"{style.name}_{size}", parent=style, fontSize=size, leading=size * 1.1)


def _table(block: model.Table, ctx: BlockContext) -> list[Flowable]:
    st = ctx.styles
    count = len(block.columns)
    # a column of figures is right-aligned, header included, so the digits line up
    numeric = [
        all(NUMERIC_CELL.match(row[c].plain) or not row[c].plain for row in block.rows)
        and any(row[c].plain for row in block.rows)
        for c in range(count)
    ]
    header = [ParagraphFlowable(ctx.rich(cell, st.cell_head), st.cell_head_number if numeric[c] else st.cell_head)
              for c, cell in enumerate(block.columns)]
    last = len(block.rows) - 1
    # a cell too long for one page is set as pieces, as running text is, so that a row split over pages
    # never breaks the whole text into lines again at every page
    body = [
        [_cell([ctx.rich(piece, st.cell, bold=block.total and r == last) for piece in split_rich(cell)],
               st.cell_number if numeric[c] else st.cell)
         for c, cell in enumerate(row)]
        for r, row in enumerate(block.rows)
    ]
    colors = st.colors
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5),
        ("LEFTPADDING", (0, 0), (-1, -1), st.cell.fontSize * 0.6),
        ("RIGHTPADDING", (0, 0), (-1, -1), st.cell.fontSize * 0.6),
        ("LINEABOVE", (0, 0), (-1, 0), 1.2, colors.primary),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.primary),
        ("LINEBELOW", (0, -1), (-1, -1), 1.2, colors.primary),
        ("LINEBELOW", (0, "splitlast"), (-1, "splitlast"), 1.2, colors.primary),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.background, colors.fill]),
    ]
    if block.total and block.rows:
        commands.append(("LINEABOVE", (0, -1), (-1, -1), 0.6, colors.primary))  # a rule over the total row
    widths = column_widths(block, ctx.styles, ctx.text, ctx.width_pt)
    drawn = widths
    if ctx.rtl:  # a right-to-left table reads from its first column, at the right
        header, body, drawn = header[::-1], [row[::-1] for row in body], widths[::-1]
    # a header too tall to repeat on every page is not repeated, so that it too may split between pages
    repeat = int(tallest_row_pt([block.columns], widths, st.cell_head) <= ctx.frame_height_pt * MAX_HEADER_SHARE)
    table = ContinuedTable([header, *body], colWidths=drawn, style=commands, repeatRows=repeat, hAlign=ctx.h_align,
                           splitInRow=int(tallest_row_pt([block.columns, *block.rows], widths, st.cell)
                                          > ctx.frame_height_pt * 0.6))
    table.spaceBefore = st.lead_pt * 0.25
    table.spaceAfter = st.lead_pt
    caption = exhibit_caption(block.origin, block.caption, st.table_caption, ctx)
    flowables: list[Flowable] = []
    if caption:
        table.continued = ParagraphFlowable(f"{caption} {ctx.plain(ctx.labels.continued, st.table_caption)}",
                                            st.table_caption)
        flowables.append(ParagraphFlowable(caption, st.table_caption))
    if not block.source:
        return [*flowables, table]
    source = ctx.doc.source(block.source)
    said = ", ".join(part for part in (source.title, source.publisher) if part)
    note = st.chart_note
    markup = ctx.text.plain(f"{ctx.labels.source} {said}", note.fontName) + ctx.text.cites([source.id], note.fontName)
    line = ParagraphFlowable(markup, note)
    table.spaceAfter = st.lead_pt * 0.25
    table.keepWithNext = int(len(block.rows) <= KEEP_SOURCE_ROWS)
    line.spaceAfter = st.lead_pt
    return [*flowables, table, line]


def _image(block: model.Image, ctx: BlockContext) -> list[Flowable]:
    st = ctx.styles
    max_height = ctx.frame_height_pt * MAX_IMAGE_SHARE
    scale = min(ctx.width_pt / block.width_px, max_height / block.height_px)
    picture = SharedImage(ctx.pictures.reader(block.data), block.width_px * scale, block.height_px * scale)
    ctx.notices.extend(soft_image(block, ctx.doc.path, block.width_px * scale))
    picture.spaceBefore = st.lead_pt * 0.25
    picture.spaceAfter = st.lead_pt
    caption = exhibit_caption(block.origin, block.caption, st.caption, ctx)
    if not caption:
        return [picture]
    picture.spaceAfter = st.lead_pt * 0.4
    picture.keepWithNext = 1
    return [picture, ParagraphFlowable(caption, st.caption)]


def _callout(block: model.Callout, ctx: BlockContext) -> list[Flowable]:
    st = ctx.styles
    content: list[Flowable] = []
    if block.title:
        content.append(ParagraphFlowable(ctx.rich(block.title, st.callout_title), st.callout_title))
    content += long_paragraph([ctx.rich(piece, st.callout_text) for piece in split_rich(block.text)],
                              st.callout_text)
    commands = [*box_padding(st.lead_pt, st.lead_pt * 0.75), ("BACKGROUND", (0, 0), (-1, -1), st.colors.fill),
                ("LINEABOVE", (0, 0), (-1, 0), 1.5, st.colors.primary)]
    return [boxed(content, ctx.width_pt, commands, st.lead_pt * 0.5, st.lead_pt, ctx.frame_height_pt)]


def _chart(block: model.Chart, ctx: BlockContext) -> list[Flowable]:
    from generator.render.pdf.charts import chart_flowables  # reportlab's graphics only for briefs with charts

    drawn = chart_flowables(block, ctx.styles, ctx.text, ctx.theme, ctx.width_pt, ctx.doc, ctx.labels,
                            ctx.frame_height_pt)
    label = exhibit_caption(block.origin, None, ctx.styles.table_caption, ctx)
    return [ParagraphFlowable(label, ctx.styles.table_caption), *drawn] if label else drawn


def _subheading(block: model.Subheading, ctx: BlockContext) -> list[Flowable]:
    style = ctx.styles.subheading
    return [ParagraphFlowable(ctx.rich(block.text, style), style)]


BUILDERS: dict[type, Callable[[Any, BlockContext], list[Flowable]]] = {
    model.Paragraph: _paragraph,
    model.Points: _points,
    model.Quote: _quote,
    model.Figures: _figures,
    model.Chart: _chart,
    model.Table: _table,
    model.Image: _image,
    model.Callout: _callout,
    model.Subheading: _subheading,
}


# blocks that span both columns of a two-column brief: squeezed into one, they would be unreadable
SPANNING = (model.Chart, model.Table)
NARROW_FIGURES = 2  # a row of more figures than this spans the columns too


def block_flowables(block: model.Block, ctx: BlockContext) -> list[Flowable]:
    """Return the flowables that draw one content block."""
    with ctx.text.at(block.origin, block.line):
        return BUILDERS[type(block)](block, ctx)


# exhibits that span the side margin of a one-column brief (``grid``): running text keeps the measure
EXHIBITS = (model.Chart, model.Table, model.Figures, model.Image)


def _fits_measure(block: model.Block, ctx: BlockContext) -> bool:
    """Tell a table whose cells fit the measure on one line: it sets there, in line with the text, not stretched."""
    with ctx.text.at(block.origin, block.line):
        return isinstance(block, model.Table) and natural_width_pt(block, ctx.styles, ctx.text) <= ctx.width_pt


def placed_block(block: model.Block, ctx: BlockContext) -> list[Flowable | Wide]:
    """Return one block's flowables, as one ``Wide`` piece where it spans the columns or the side margin.

    An exhibit comes as one ``Exhibit``, which may float; inside balanced columns it does not.
    """
    if ctx.columns == 1:
        spans = isinstance(block, EXHIBITS) and ctx.span_width_pt > ctx.width_pt + 1 and not _fits_measure(block, ctx)
    else:
        spans = isinstance(block, SPANNING) or isinstance(block, model.Figures) and len(block.items) > NARROW_FIGURES
    flowables = block_flowables(block, ctx.spanning() if spans else ctx)
    if isinstance(block, FLOATING) and (spans or ctx.columns == 1):
        flowables = [exhibit_of(block, flowables)]
    return [Wide(flowables)] if spans else list(flowables)
