"""The brief's masthead and its "How to cite this brief" line, both built from the outline's metadata.

Stage: model.Document in, flowables out. The masthead is set as think tanks set theirs
(RAND, CSIS, Chatham House): the organization in capitals in the heading face and the
series in italics over a heavy rule in the primary colour, the date against them; the authors follow
the title as a byline grid, names in bold over their roles. Each part has its own face,
size or colour, so they read apart without labels; any part the outline lacks is left out.
"""

from __future__ import annotations

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, HRFlowable, Table

from generator.render.pdf.bidi import is_rtl_paragraph
from generator.render.pdf.blocks import BlockContext, box_padding
from generator.render.pdf.para import BriefParagraph
from generator.render.pdf.text import runs_width

MASTHEAD_RULE_PT = 1.6  # the heavy rule under organization and series
AUTHOR_COLUMNS = 3  # the byline sets up to three authors a row


def masthead_flowables(ctx: BlockContext, width_pt: float) -> list[Flowable]:
    """Return the band above the title: organization and series left, the date right, over a heavy rule."""
    doc, st = ctx.doc, ctx.styles
    organization_style = ParagraphStyle("masthead_organization", parent=st.kicker, textColor=st.colors.primary,
                                        fontName=ctx.theme.heading_font.bold, spaceAfter=0)
    series_style = ParagraphStyle("masthead_series", parent=st.meta, textColor=st.colors.accent, spaceAfter=0,
                                  fontName=ctx.theme.body_font.italic)
    left: list[Flowable] = []
    if doc.organization:
        with ctx.text.at("organization", 1):
            upper = doc.organization.upper()  # capitals, as a masthead sets its name; the footer keeps it as written
            left.append(BriefParagraph(ctx.plain(upper, organization_style), organization_style))
    if doc.series:
        with ctx.text.at("series", 1):
            left.append(BriefParagraph(ctx.plain(doc.series, series_style), series_style))
    date = ctx.labels.long_date(doc.date) if doc.date else ""
    if not left and not date:
        return []
    rtl = ctx.rtl or is_rtl_paragraph(doc.title.plain)  # a right-to-left brief mirrors the band: the date goes left
    date_style = ParagraphStyle("masthead_date", parent=st.meta_strong, alignment=TA_RIGHT, spaceAfter=0)
    right = [BriefParagraph(ctx.plain(date, date_style), date_style)] if date else []
    commands = [*box_padding(0, 0), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), st.lead_pt * 0.35),
                ("LINEBELOW", (0, 0), (-1, 0), MASTHEAD_RULE_PT, st.colors.primary)]
    cells, widths = [left, right], [width_pt * 0.68, width_pt * 0.32]
    if rtl:  # a right-to-left line sets flush right, so the date's cell is made just as wide as the date
        drawn_pt = runs_width(ctx.text.runs(date, date_style.fontName, bold=True), date_style.fontSize) + 1
        cells, widths = [right, left], [min(widths[1], drawn_pt), width_pt - min(widths[1], drawn_pt)]
    band = Table([cells], colWidths=widths, hAlign="LEFT", style=commands)
    band.spaceAfter = st.lead_pt * 0.6  # the title's own leading adds its air above the capitals
    return [band]


def byline_flowables(ctx: BlockContext, width_pt: float) -> list[Flowable]:
    """Return the authors under the title: a grid of names in bold, each over its role in the muted colour."""
    st = ctx.styles
    authors = ctx.doc.authors
    if not authors:
        return []
    role_style = ParagraphStyle("byline_role", parent=st.meta, spaceAfter=0)
    name_style = ParagraphStyle("byline_name", parent=st.meta_strong, spaceAfter=0)
    cells: list[list[Flowable]] = []
    with ctx.text.at("authors", 1):
        for number, author in enumerate(authors):
            with ctx.text.within(f"[{number}]"):
                cell: list[Flowable] = [BriefParagraph(ctx.plain(author.name, name_style),
                                                       name_style)]
                if author.role:
                    cell.append(BriefParagraph(ctx.plain(author.role, role_style), role_style))
            cells.append(cell)
    rows_needed = -(-len(cells) // AUTHOR_COLUMNS)
    columns = -(-len(cells) // rows_needed)  # balanced rows: four authors sit two by two, not three and one
    rows = [cells[start:start + columns] for start in range(0, len(cells), columns)]
    rows[-1] += [[] for _ in range(columns - len(rows[-1]))]
    rtl = ctx.rtl or is_rtl_paragraph(ctx.doc.title.plain)
    if rtl:  # the first author on the right, where a right-to-left line starts
        rows = [row[::-1] for row in rows]
    commands = [*box_padding(0, 0), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING" if rtl else "RIGHTPADDING", (0, 0), (-1, -1), st.lead_pt),
                ("BOTTOMPADDING", (0, 0), (-1, -2), st.lead_pt * 0.4)]  # between rows; the cover sets the space after
    grid = Table(rows, colWidths=[width_pt / columns] * columns, hAlign="LEFT", style=commands)
    grid.spaceAfter = st.lead_pt
    return [grid]


def how_to_cite_flowables(ctx: BlockContext) -> list[Flowable]:
    """Return the closing "How to cite this brief" line, when the outline asks for it."""
    doc, st, labels = ctx.doc, ctx.styles, ctx.labels
    if not doc.how_to_cite:
        return []
    heading_style = ParagraphStyle("cite_heading", parent=st.meta_strong, spaceBefore=st.lead_pt, spaceAfter=0,
                                   keepWithNext=1)
    line_style = ParagraphStyle("cite_line", parent=st.source, leftIndent=0, firstLineIndent=0)
    with ctx.text.at("how-to-cite", 1):
        markup = ctx.plain(doc.cite_text, line_style) if doc.cite_text else citation_markup(ctx, line_style)
        heading = ctx.plain(labels.how_to_cite, heading_style)
    return [CondPageBreak(st.lead_pt * 4),
            HRFlowable(width="100%", thickness=0.5, color=st.colors.rule, spaceBefore=st.lead_pt, spaceAfter=0),
            BriefParagraph(heading, heading_style), BriefParagraph(markup, line_style)]


def citation_markup(ctx: BlockContext, style: ParagraphStyle) -> str:
    """Return "Authors, *Title* (Organization, Series, Date), URL." with the parts the outline has."""
    doc, labels = ctx.doc, ctx.labels
    comma = ctx.plain(labels.comma, style)
    parts: list[str] = []
    if doc.authors:
        parts.append(comma.join(ctx.plain(author.name, style) for author in doc.authors))
    title = doc.title.plain.rstrip(".")
    italic = labels.cite_title == "{title}"  # a title in 『』 or 《》 is marked by them, not by italics
    cited = _filled(ctx, style, labels.cite_title, "{title}",
                    ctx.plain(title, style, font=ctx.theme.body_font.italic if italic else None))
    date = labels.long_date(doc.date) if doc.date else None
    imprint = [text for text in (doc.organization, doc.series, date) if text]
    if imprint:
        cited += _filled(ctx, style, labels.cite_imprint, "{imprint}",
                         comma.join(ctx.plain(text, style) for text in imprint))
    parts.append(cited)
    if doc.url:
        parts.append(ctx.text.anchor(doc.url, ctx.plain(doc.url, style), underline=False))
    # a full stop closes the sentence where commas are followed by a space (not after Chinese 、 or ，)
    return comma.join(parts) + (ctx.plain(".", style) if labels.comma.endswith(" ") else "")


def _filled(ctx: BlockContext, style: ParagraphStyle, template: str, field: str, markup: str) -> str:
    """Return ``template`` as markup with ``field`` replaced by ``markup`` (the rest set as plain text)."""
    before, _, after = template.partition(field)
    return "".join((ctx.plain(before, style) if before else "", markup, ctx.plain(after, style) if after else ""))
