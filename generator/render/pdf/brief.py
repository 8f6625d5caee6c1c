"""Render a Document as a PDF brief with reportlab.

Stage: Document + Theme in, PDF bytes and warnings out. This module wires the pieces:
styles (``style``), text and fonts (``text``), the block dispatch table
(``blocks``), charts (``charts``), cover and sources (``cover``), columns and
keep-with-next (``flow``), exhibits that float to the next page (``floats``) and the page
furniture (``page``). It draws the model
only; it never reads YAML and knows nothing of the deck.

Output is reproducible: reportlab's invariant mode fixes the document ID and the timestamps,
and the info dictionary's dates are then set to ``created``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import partial
from typing import Any, BinaryIO

from msgspec.structs import replace
from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

from generator.errors import BuildWarning
from generator.labels import Labels, labels_for, right_to_left
from generator.model import Document
from generator.render.pdf.blocks import BlockContext, outlined_heading
from generator.render.pdf.cover import (
    cover_flowables,
    section_flowables,
    sources_flowables,
    takeaways_flowables,
)
from generator.render.pdf.exhibits import exhibit_labels
from generator.render.pdf.floats import FloatingTemplate
from generator.render.pdf.flow import KeepWithNext, Wide, story
from generator.render.pdf.grid import spread_wide
from generator.render.pdf.masthead import how_to_cite_flowables
from generator.render.pdf.notes import Footnotes, numbered_notes
from generator.render.pdf.page import (
    BriefCanvas,
    Furniture,
    PageGeometry,
    page_templates,
)
from generator.render.pdf.style import build_styles, color
from generator.render.pdf.text import Run, TextSetter
from generator.theme.model import Theme

CREATOR = "briefdeck"
__all__ = ["render_pdf"]


def pdf_date(moment: dt.datetime) -> str:
    """Return ``moment`` in PDF date syntax (``D:YYYYMMDDHHmmSS+HH'mm'``); naive times count as UTC."""
    offset = moment.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"D:{moment:%Y%m%d%H%M%S}{sign}{hours:02d}'{mins:02d}'"


class BriefTemplate(FloatingTemplate):
    """The document template: exhibits that float (``floats``), a fixed creation date, the outline panel open."""

    def __init__(self, out: BinaryIO, created: dt.datetime, **kwargs: Any) -> None:
        super().__init__(out, invariant=1, creator=CREATOR, displayDocTitle=1, keepTogetherClass=KeepWithNext,
                         **kwargs)
        self._created = pdf_date(created)

    def beforeDocument(self) -> None:  # noqa: N802 (reportlab API)
        # reportlab seeds the file's /ID with SOURCE_DATE_EPOCH even in invariant mode; seed it with
        # the stamped date alone (the title, author and subject are added by reportlab), so the ID
        # follows the content and an outline's `date:` and never the environment.
        signature = hashlib.md5(b"briefdeck " + self._created.encode(), usedforsecurity=False)
        self.canv._doc.signature = signature
        self.canv.setDateFormatter(lambda *_ymdhms: self._created)
        self.canv.showOutline()


def render_pdf(doc: Document, theme: Theme, out: BinaryIO, created: dt.datetime) -> list[BuildWarning]:
    """Write the brief for ``doc`` to ``out`` and return the non-fatal problems found on the way."""
    styles = build_styles(theme, doc.language)
    text = TextSetter(doc.path, doc.language, {s.id: s for s in doc.sources},
                      link_color=theme.colors.primary, cite_color=theme.colors.accent,
                      cite_brackets=theme.brief.citations == "brackets")
    page = PageGeometry.from_theme(theme, gutter_pt=styles.lead_pt * 1.5, rtl=right_to_left(doc.language))
    ctx = BlockContext(doc=doc, theme=theme, styles=styles, text=text, width_pt=page.column_width_pt,
                       frame_height_pt=page.frame_height_pt, columns=page.columns, span_width_pt=page.frame_width_pt,
                       labels=labels_for(doc.language, theme.labels))
    ctx = replace(ctx, exhibits=exhibit_labels(doc, ctx.labels))

    ctx = replace(ctx, footnotes=_footnotes(doc, ctx, page.columns == 1 and theme.brief.footnotes == "page"))
    text.note_numbers = ctx.footnotes.numbers if ctx.footnotes else {}
    cover = cover_flowables(ctx, page.frame_width_pt)
    if doc.summary:
        cover += takeaways_flowables(ctx, page.frame_width_pt)
    if ctx.footnotes is not None:
        cover += ctx.footnotes.marks((doc.subtitle, doc.summary), cover[-1])
    pieces: list[Flowable | Wide] = [Wide(cover)]
    for index, section in enumerate(doc.sections):
        if not section.brief_skip:
            pieces += section_flowables(section, index, ctx)
    if ctx.footnotes is not None:
        words = ctx.labels.footnotes
        pieces += ctx.footnotes.end_flowables(outlined_heading(ctx.plain(words, styles.heading), styles.heading,
                                                               words, "notes"))
    if doc.sources:
        pieces += sources_flowables(ctx)
    pieces += how_to_cite_flowables(ctx)

    furniture = _furniture(doc, theme, page, text, styles.colors.rule, ctx.labels)
    authors = ", ".join(author.name for author in doc.authors)
    template = BriefTemplate(
        out, created, pagesize=(page.width_pt, page.height_pt),
        pageTemplates=page_templates(page, furniture.paint_background),
        leftMargin=page.margin_pt, rightMargin=page.margin_pt, topMargin=page.margin_pt,
        bottomMargin=page.margin_pt, title=doc.title.plain, author=authors,
        subject=doc.subtitle.plain if doc.subtitle else "", lang=doc.language,
    )
    if page.columns == 1:
        pieces = spread_wide(pieces, page.frame_width_pt, flush_right=page.rtl)
    flowables = story(pieces, page.columns, page.gutter_pt, page.rtl)
    del pieces  # reportlab drops each flowable from the story once drawn: let it be freed (239 -> 107 MB)
    template.build(flowables, canvasmaker=partial(BriefCanvas, furniture=furniture))
    return [*ctx.notices, *text.warnings()]


def _footnotes(doc: Document, ctx: BlockContext, at_page_foot: bool) -> Footnotes | None:
    numbers = numbered_notes(doc)
    if not numbers:
        return None
    style = ctx.styles.source
    return Footnotes(numbers, at_page_foot, style, lambda note: ctx.rich(note, style), ctx.styles.lead_pt * 0.5)


def _furniture(doc: Document, theme: Theme, page: PageGeometry, text: TextSetter, rule: Color,
               labels: Labels) -> Furniture:
    face = theme.body_font

    def page_of(number: int, count: int) -> list[Run]:
        with text.at("page footer", 1):
            return text.line_runs(labels.page_of(number, count), face.regular)

    background = None if theme.colors.background.upper() == "FFFFFF" else color(theme.colors.background)
    with text.at("label", 1):
        label = text.line_runs(doc.label, face.bold, bold=True) if doc.label else []
    with text.at("organization", 1):
        organization = text.line_runs(doc.organization, face.regular) if doc.organization else []
    with text.at("title", 1):
        running_head = text.line_runs(doc.title.plain, face.regular)
    return Furniture(
        page=page, font=face.regular, size_pt=theme.brief.small_pt, muted=color(theme.colors.muted), rule=rule,
        accent=color(theme.colors.accent), background=background, label=label, organization=organization,
        running_head=running_head, logo=theme.logo.data if theme.logo else None, page_of=page_of,
    )
