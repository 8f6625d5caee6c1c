"""Build the parts of the brief around the blocks: cover, key takeaways, sections and sources.

Stage: model.Document in, flowables out, in reading order. Section and box headings are
``OutlinedHeading``s, so the PDF outline mirrors the brief.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, HRFlowable, Spacer

from generator import model
from generator.render.pdf.blocks import (
    BlockContext,
    box_padding,
    boxed,
    bullet_list,
    outlined_heading,
    placed_block,
)
from generator.render.pdf.flow import Wide
from generator.render.pdf.masthead import byline_flowables, masthead_flowables
from generator.render.pdf.para import BalancedParagraph
from generator.render.pdf.para import BriefParagraph as ParagraphFlowable


def cover_flowables(ctx: BlockContext, width_pt: float) -> list[Flowable]:
    """Return the cover block: the masthead, title, subtitle, a thin accent rule, then the authors."""
    doc, st = ctx.doc, ctx.styles
    parts: list[Flowable] = masthead_flowables(ctx, width_pt)
    with ctx.text.at("title", 1):
        parts.append(BalancedParagraph(ctx.rich(doc.title, st.title), st.title))
    if doc.subtitle:
        with ctx.text.at("subtitle", 1):
            parts.append(BalancedParagraph(ctx.rich(doc.subtitle, st.subtitle), st.subtitle))
    parts.append(HRFlowable(width="100%", thickness=0.8, color=st.colors.accent, spaceBefore=st.lead_pt * 0.25,
                            spaceAfter=st.lead_pt * 0.6))
    parts += byline_flowables(ctx, width_pt)
    parts[-1].spaceAfter = st.lead_pt
    return parts


def takeaways_flowables(ctx: BlockContext, width_pt: float) -> list[Flowable]:
    """Return the summary as a shaded "Key takeaways" box."""
    st = ctx.styles
    heading = outlined_heading(ctx.plain(ctx.labels.takeaways, st.box_heading), st.box_heading, ctx.labels.takeaways,
                               "takeaways")
    with ctx.text.at("summary", ctx.doc.summary_line):
        points = bullet_list([model.PointItem(text=text) for text in ctx.doc.summary], ctx, in_box=True)
    commands = [*box_padding(st.lead_pt, st.lead_pt * 0.8), ("BACKGROUND", (0, 0), (-1, -1), st.colors.fill),
                ("LINEABOVE", (0, 0), (-1, 0), 3, st.colors.primary),
                ("BOTTOMPADDING", (0, 0), (-1, -1), st.lead_pt * 0.6)]
    return [boxed([heading, *points], width_pt, commands, 0, st.lead_pt * 0.5, ctx.frame_height_pt)]


def section_flowables(section: model.Section, index: int, ctx: BlockContext) -> list[Flowable | Wide]:
    """Return a section: its heading (bookmarked), its key message in bold, then its blocks in order."""
    st = ctx.styles
    with ctx.text.at(section.origin, section.line):
        markup = ctx.rich(section.title, st.heading)
        parts: list[Flowable | Wide] = [outlined_heading(markup, st.heading, section.title.plain,
                                                         f"section-{index}")]
        if section.key:
            parts.append(ParagraphFlowable(ctx.rich(section.key, st.key), st.key))
        if ctx.footnotes is not None:
            parts += ctx.footnotes.marks((section.title, section.key), parts[-1])
    content = section.content
    for number, block in enumerate(content):
        pieces = placed_block(block, ctx)
        if ctx.footnotes is not None:
            last_piece = pieces[-1] if pieces and isinstance(pieces[-1], Flowable) else None
            pieces += ctx.footnotes.marks(block, last_piece)
        following = content[number + 1] if number + 1 < len(content) else None
        last = pieces[-1]
        if isinstance(following, model.Points) and _introduces(block) and isinstance(last, Flowable):
            last.keepWithNext = 1  # "... several key factors:" stays with its first bullet
        parts += pieces
    return parts


def _introduces(block: model.Block) -> bool:
    return isinstance(block, model.Paragraph) and block.text.plain.endswith(":")


def sources_flowables(ctx: BlockContext) -> list[Flowable]:
    """Return the numbered list of sources, each with its link and access date."""
    st = ctx.styles
    heading = outlined_heading(ctx.plain(ctx.labels.notes, st.heading), st.heading, ctx.labels.notes, "sources")
    parts: list[Flowable] = [heading, Spacer(1, st.lead_pt * 0.25)]
    for number, source in enumerate(ctx.doc.sources):
        with ctx.text.at(f"sources[{number}]", source.line):
            parts.append(ParagraphFlowable(_source_markup(source, ctx), st.source, bulletText=f"{source.number}."))
    return parts


def _source_markup(source: model.Source, ctx: BlockContext) -> str:
    """Return "Author. *Title*. Publisher, date. URL, accessed date." with the pieces that exist."""
    st, face = ctx.styles, ctx.theme.body_font
    pieces: list[tuple[str, str]] = []  # (plain text, markup): the plain text decides the full stop

    def add(text: str, font: str | None = None) -> None:
        pieces.append((text, ctx.plain(text, st.source, font=font)))

    if source.author:
        add(source.author)
    add(source.title, face.italic)
    issued = ", ".join(p for p in (source.publisher, source.date and ctx.labels.loose_date(source.date)) if p)
    if issued:
        add(issued)
    accessed = ctx.labels.accessed.format(date=ctx.labels.loose_date(source.accessed)) if source.accessed else ""
    if source.url:
        link = ctx.text.anchor(source.url, ctx.plain(source.url, st.source), underline=False)
        tail = f", {accessed}" if accessed else ""
        pieces.append((source.url + tail, link + ctx.plain(tail, st.source)))
    elif accessed:
        add(accessed[0].upper() + accessed[1:])
    period = ctx.plain(".", st.source)
    return " ".join(markup if text.rstrip()[-1:] in ".?!" else markup + period for text, markup in pieces)
