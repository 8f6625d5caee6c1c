"""The title slide: title, subtitle, and the date, authors and organization under them.

Stage: part of the pure deck planner (Document in, a TitleSlide out). Boxes are stacked
from measured heights, so a one-line title is followed by its subtitle, not by a gap. With a
template, the title fills the template's title placeholder (set at its foot) and the
subtitle and meta stack in its subtitle placeholder, without decorations of our own.

A theme's logo goes in a corner of the built-in cover clear of the text (``deck.layout``
decides which). With a template it is left out: a corporate template carries its own logo on its masters,
and the planner knows only the template's placeholders, not where its graphics are.
"""

from __future__ import annotations

from generator.deck.flow import Item, ItemKind, ListStyle, flow
from generator.deck.layout import TEXT_INSETS, TemplateCover
from generator.deck.model import Align, Anchor, Box, ColorRole, FontRole, PlannedPicture, Rect, TextFrame, TitleSlide
from generator.deck.parts import Context
from generator.deck.text import fit_text, paras_height_pt, plain_runs, rich_runs
from generator.model import Document
from generator.theme.measure import line_pitch_pt

META_MIN_PT = 9.0


def long_date(ctx: Context) -> str | None:
    """Return the document date as it reads on a title slide ("2 April 2026"), in the document's language."""
    return ctx.labels.long_date(ctx.doc.date) if ctx.doc.date is not None else None


def _authors(doc: Document) -> str | None:
    names = [f"{a.name} ({a.role})" if a.role else a.name for a in doc.authors]
    return " \u00b7 ".join(names) or None


def _imprint(doc: Document) -> str | None:
    """Return the organization and the series on one line ("Baltic Ports Institute · Policy Brief No. 12")."""
    return " \u00b7 ".join(part for part in (doc.organization, doc.series) if part) or None


def _meta(ctx: Context, lines: list[str], box: Box, align: Align = Align.LEFT) -> TextFrame | None:
    """Return the date, authors and organization block (its first line bold), cut when it cannot fit."""
    if not lines:
        return None
    items = [Item(plain_runs(line, bold=line == lines[0]), ItemKind.PLAIN, "title") for line in lines]
    style = ListStyle(ctx.layout.cover.meta_pt, META_MIN_PT, color=ColorRole.MUTED, align=align, gap_ratio=0.3)
    if box.h_pt - 4.0 < line_pitch_pt(META_MIN_PT):  # a template whose footer sits above the band's foot
        ctx.warn(1, "authors", "the title slide has no room for the date and authors; they are left out")
        return None
    flowed = flow(items, style, ctx.faces, box.w_pt, box.h_pt - 4.0)
    if len(flowed.pages) > 1:
        ctx.warn(1, "authors", "the author block is too long for the title slide; the rest is cut")
    return TextFrame(box, flowed.pages[0], TEXT_INSETS)


def _logo(ctx: Context) -> PlannedPicture | None:
    """Return the theme's logo fitted into the cover's logo corner, right-aligned, proportions kept."""
    logo = ctx.theme.logo
    if logo is None or ctx.theme.deck.template is not None:
        return None
    corner = ctx.layout.cover.logo
    height = min(corner.h_pt, corner.w_pt * logo.height_px / logo.width_px)
    width = height * logo.width_px / logo.height_px
    # a screen reader says whose logo it is: the outline's organization, else the theme's name
    alt = f"{ctx.doc.organization or ctx.theme.name} logo"
    return PlannedPicture(Box(corner.right_pt - width, corner.y_pt, width, height), logo.path, alt, logo.data)


def _template_title_slide(ctx: Context, places: TemplateCover) -> TitleSlide:
    """Return the cover of a template: the title in its title placeholder, the rest in the area below."""
    doc, cover = ctx.doc, ctx.layout.cover
    fitted = fit_text(rich_runs(doc.title, doc), places.title, TEXT_INSETS, ctx.faces, FontRole.HEADING,
                      ColorRole.INHERITED, cover.title_pt, ctx.layout.min_title_pt, places.title_align)
    if fitted.truncated:
        ctx.warn(1, "title", "title cut to fit the title slide; shown in full under it")
    elif fitted.shrunk:
        ctx.warn(1, "title", f"title shrunk to {fitted.para.size_pt:g} pt to fit the title slide")
    title = TextFrame(places.title, (fitted.para,), TEXT_INSETS, Anchor.BOTTOM)
    below = places.below
    top, subtitle = below.y_pt, None
    if doc.subtitle:
        room = Box(below.x_pt, below.y_pt, below.w_pt, min(below.h_pt, 2 * line_pitch_pt(cover.subtitle_pt) + 4.0))
        sub = fit_text(rich_runs(doc.subtitle, doc), room, TEXT_INSETS, ctx.faces, FontRole.BODY, ColorRole.INHERITED,
                       cover.subtitle_pt, ctx.layout.min_body_pt, places.below_align)
        if sub.truncated:
            ctx.warn(1, "subtitle", "subtitle cut to fit the title slide")
        height = min(room.h_pt, paras_height_pt([sub.para], ctx.faces, below.w_pt) + 4.0)
        subtitle = TextFrame(Box(below.x_pt, below.y_pt, below.w_pt, height), (sub.para,), TEXT_INSETS)
        top = subtitle.box.bottom_pt + 8.0
    lines = [line for line in (long_date(ctx), _authors(doc), _imprint(doc)) if line]
    if fitted.truncated:
        lines.insert(0, doc.title.plain)
    meta = None
    if below.bottom_pt - top >= line_pitch_pt(META_MIN_PT) + 8.0:
        meta = _meta(ctx, lines, Box(below.x_pt, top, below.w_pt, below.bottom_pt - top), places.below_align)
    elif lines:
        ctx.warn(1, "authors", "no room for the date and authors under the template's subtitle")
    return TitleSlide("title", 1, title, subtitle, meta, ())


def title_slide(ctx: Context) -> TitleSlide:
    """Return the cover: title, subtitle and the date/authors/organization block."""
    doc, cover = ctx.doc, ctx.layout.cover
    if cover.template is not None:
        return _template_title_slide(ctx, cover.template)
    band = ctx.layout.title_band
    column = cover.column
    headline_color = ColorRole.ON_PRIMARY if band else ColorRole.PRIMARY
    sub_color = ColorRole.ON_PRIMARY if band else ColorRole.TEXT
    headline_bottom = cover.band.bottom_pt - 22.0
    subtitle = None
    sub_h = 0.0
    if doc.subtitle:
        box = Box(column.x_pt, 0.0, column.w_pt, 2 * line_pitch_pt(cover.subtitle_pt) + 4.0)
        fitted = fit_text(rich_runs(doc.subtitle, doc), box, TEXT_INSETS, ctx.faces, FontRole.BODY, sub_color,
                          cover.subtitle_pt, ctx.layout.min_body_pt)
        if fitted.truncated:
            ctx.warn(1, "subtitle", "subtitle cut to fit the title slide")
        sub_h = paras_height_pt([fitted.para], ctx.faces, column.w_pt) + 4.0
        subtitle = fitted.para
    title_room = Box(column.x_pt, column.y_pt, column.w_pt, headline_bottom - column.y_pt - sub_h - 12.0)
    fitted = fit_text(rich_runs(doc.title, doc), title_room, TEXT_INSETS, ctx.faces, FontRole.HEADING,
                      headline_color, cover.title_pt, ctx.layout.min_title_pt)
    if fitted.truncated:
        ctx.warn(1, "title", "title cut to fit the title slide; shown in full under it")
    elif fitted.shrunk:
        ctx.warn(1, "title", f"title shrunk to {fitted.para.size_pt:g} pt to fit the title slide")
    title_h = paras_height_pt([fitted.para], ctx.faces, column.w_pt) + 4.0
    title = TextFrame(Box(column.x_pt, column.y_pt, column.w_pt, title_h), (fitted.para,), TEXT_INSETS)
    subtitle_frame = None
    if subtitle is not None:
        subtitle_frame = TextFrame(Box(column.x_pt, title.box.bottom_pt + 12.0, column.w_pt, sub_h), (subtitle,),
                                   TEXT_INSETS)
    meta_lines = [line for line in (long_date(ctx), _authors(doc), _imprint(doc)) if line]
    if fitted.truncated:
        meta_lines.insert(0, doc.title.plain)
    top = cover.band.bottom_pt + 26.0
    meta = _meta(ctx, meta_lines, Box(column.x_pt, top, column.w_pt, ctx.layout.footer_label.y_pt - 12.0 - top))
    rule_y = column.y_pt - 18.0
    decorations: tuple[Rect, ...] = (Rect(Box(column.x_pt, rule_y, cover.rule.w_pt, cover.rule.h_pt),
                                          ColorRole.ACCENT),)
    if band:
        decorations = (Rect(cover.band, ColorRole.PRIMARY), *decorations)
    if ctx.layout.rule is None:  # a template without a title placeholder on its cover: its look, not ours
        decorations = ()
    return TitleSlide("title", 1, title, subtitle_frame, meta, decorations, _logo(ctx))
