"""Quote slides, and a quote set beside a section's bullets: split between sentences, attribution smaller.

Stage: part of the pure deck planner (one Quote block in, its slides or its panel out). The
quote is large (the title size on a slide of its own) and its attribution is
``ATTRIBUTION_RATIO`` of the quote's size, so the voice carries and the name stays a caption.
"""

from __future__ import annotations

from generator.deck.flow import Item, ItemKind, ListStyle, flow
from generator.deck.layout import TEXT_INSETS
from generator.deck.model import Box, ColorRole, FontRole, Para, QuotePanel, QuoteSlide, Run, Slide, TextFrame
from generator.deck.parts import Context, HeadingSource, area, source_note
from generator.deck.sentences import continuations_hold, split_sentences
from generator.deck.text import fit_text, para, paras_height_pt, plain_runs, rich_runs, sizes_between
from generator.model import Quote
from generator.theme.measure import line_pitch_pt

QUOTE_MARK = "\u201c"
QUOTE_MARK_PT = 72.0
QUOTE_INDENT_PT = 64.0
ATTRIBUTION_LINES = 4
ATTRIBUTION_RATIO = 0.68  # an attribution is set at this share of its quote's size (0.6-0.75)
OPTICAL_CENTRE = 0.4  # share of the free height above a centred block: a little above the middle


def _attribution(block: Quote) -> str | None:
    who = ", ".join(part for part in (block.by, block.role) if part)
    return f"\u2014 {who}" if who else None


QuotePages = tuple[list[tuple[Run, ...]], float, Para | None, float]


def _quote_at(ctx: Context, block: Quote, text_w: float, room_pt: float, size: float, limit: int | None = None
              ) -> QuotePages | None:
    """Return the quote's pages at ``size``, its attribution and that one's height; None: a sentence too tall."""
    attribution, attribution_h = None, 0.0
    by = plain_runs(_attribution(block))
    if by:
        small = round(size * ATTRIBUTION_RATIO, 1)
        box = Box(0.0, 0.0, text_w, ATTRIBUTION_LINES * line_pitch_pt(small) + 4.0)
        attribution = fit_text(by, box, TEXT_INSETS, ctx.faces, FontRole.BODY, ColorRole.MUTED, small,
                               round(size * 0.61, 1)).para
        attribution_h = paras_height_pt([attribution], ctx.faces, text_w) + 4.0
    room = room_pt - (attribution_h + 14.0 if attribution else 0.0) - 4.0
    runs = rich_runs(block.text, ctx.doc, italic=True)
    pages = split_sentences(runs, ctx.faces.face(FontRole.HEADING), size, text_w, lambda _: room, limit)
    return None if pages is None else (pages, size, attribution, attribution_h)


def quote_pages(ctx: Context, block: Quote, text_w: float, room_pt: float, top_pt: float) -> QuotePages | None:
    """Return the quote's pages (split between sentences), their size, the attribution and its height.

    The quote takes the largest size from ``top_pt`` down to the theme's minimum at which it
    needs no more slides than at the minimum; its attribution is ``ATTRIBUTION_RATIO`` of that
    size and sits under the last page. None when one sentence is taller than ``room_pt``.
    """
    sizes = sizes_between(top_pt, ctx.layout.min_body_pt)
    least = _quote_at(ctx, block, text_w, room_pt, sizes[-1])
    if least is None:
        return None
    face = ctx.faces.face(FontRole.HEADING)
    for size in sizes[:-1]:  # the largest size needing no more slides; larger sizes stop at that count
        trial = _quote_at(ctx, block, text_w, room_pt, size, len(least[0]))
        if trial is not None and continuations_hold(trial[0], face, size, text_w):
            return trial
    return least


def _quote_frames(page: tuple[Run, ...], size: float, attribution: Para | None, attribution_h: float,
                  ctx: Context, box: Box, text_x: float, text_w: float, centre: bool) -> QuotePanel:
    """Return the mark, quote and attribution frames of one page, set in ``box`` (centred a little high)."""
    quote_para = para(page, size, FontRole.HEADING, ColorRole.PRIMARY)
    height = paras_height_pt([quote_para], ctx.faces, text_w) + 4.0
    block_h = height + (attribution_h + 14.0 if attribution is not None else 0.0)
    top = box.y_pt + (max(0.0, (box.h_pt - block_h) * OPTICAL_CENTRE) if centre else 8.0)
    quote = TextFrame(Box(text_x, top, text_w, height), (quote_para,), TEXT_INSETS)
    by_frame = None
    if attribution is not None:
        by_frame = TextFrame(Box(text_x, top + height + 14.0, text_w, attribution_h), (attribution,), TEXT_INSETS)
    mark_pt = min(QUOTE_MARK_PT, round(size * 2.6))
    mark_para = para((Run(QUOTE_MARK),), mark_pt, FontRole.HEADING, ColorRole.ACCENT)
    mark = TextFrame(Box(box.x_pt, top - 8.0, max(24.0, text_x - box.x_pt), line_pitch_pt(mark_pt) + 4.0),
                     (mark_para,), TEXT_INSETS)
    return QuotePanel(mark, quote, by_frame)


def quote_panel(ctx: Context, block: Quote, box: Box) -> QuotePanel | None:
    """Return the quote set in ``box`` on one page (beside bullets), or None when it needs more."""
    indent = 40.0
    text_w = box.w_pt - indent
    planned = quote_pages(ctx, block, text_w, box.h_pt - 8.0, ctx.layout.body_pt + 4)
    if planned is None or len(planned[0]) > 1:
        return None
    pages, size, attribution, attribution_h = planned
    return _quote_frames(pages[0], size, attribution, attribution_h, ctx, box, box.x_pt + indent, text_w, False)


def quote_slides(ctx: Context, heads: HeadingSource, block: Quote) -> list[Slide]:
    """Return a quote slide (more when a quote is too long for one, split between sentences)."""
    layout = ctx.layout
    note = source_note(ctx, [block.source], block.origin, block.line)
    first = area(layout, heads.get(), note is not None)
    text_x, text_w = first.x_pt + QUOTE_INDENT_PT, first.w_pt - QUOTE_INDENT_PT - 48.0
    planned = quote_pages(ctx, block, text_w, first.h_pt, layout.title_pt)
    if planned is not None and len(planned[0]) > 1:
        later = area(layout, heads.get(True), note is not None)
        planned = quote_pages(ctx, block, text_w, min(first.h_pt, later.h_pt), layout.title_pt)
    if planned is None:
        return _cut_quote_slides(ctx, heads, block, note)
    pages, size, attribution, attribution_h = planned
    if len(pages) > 1:
        ctx.warn(block.line, block.origin, f"quote too long for one slide: continued over {len(pages)}")
    slides: list[Slide] = []
    for index, page in enumerate(pages):
        last = index == len(pages) - 1
        heading = heads.get(index > 0)
        box = area(layout, heading, note is not None)
        panel = _quote_frames(page, size, attribution if last else None, attribution_h, ctx, box, text_x, text_w,
                              True)
        slides.append(QuoteSlide(block.origin, block.line, heading, panel.mark, panel.quote, panel.attribution,
                                 note if last else None, ()))
    return slides


def _cut_quote_slides(ctx: Context, heads: HeadingSource, block: Quote, note: TextFrame | None) -> list[Slide]:
    """Return a quote with a sentence taller than a slide, cut between lines (a last resort)."""
    layout = ctx.layout
    box = area(layout, heads.get(True), note is not None)
    text_x, text_w = box.x_pt + QUOTE_INDENT_PT, box.w_pt - QUOTE_INDENT_PT - 48.0
    by = plain_runs(_attribution(block))
    by_para = para(by, round(layout.min_body_pt * ATTRIBUTION_RATIO, 1), FontRole.BODY, ColorRole.MUTED) if by else None
    by_h = paras_height_pt([by_para], ctx.faces, text_w) + 4.0 if by_para else 0.0
    style = ListStyle(layout.min_body_pt, layout.min_body_pt, FontRole.HEADING, ColorRole.PRIMARY)
    flowed = flow([Item(rich_runs(block.text, ctx.doc, italic=True), ItemKind.PLAIN, block.origin)], style,
                  ctx.faces, text_w, box.h_pt - 8.0 - (by_h + 14.0 if by_para else 0.0))
    ctx.warn(block.line, block.origin, f"a sentence of the quote is too long for a slide: cut over "
                                       f"{len(flowed.pages)} slides")
    slides: list[Slide] = []
    for index, page in enumerate(flowed.pages):
        last = index == len(flowed.pages) - 1
        heading = heads.get(index > 0)
        top = area(layout, heading, note is not None).y_pt
        height = paras_height_pt(page, ctx.faces, text_w) + 4.0
        quote = TextFrame(Box(text_x, top, text_w, height), page, TEXT_INSETS)
        mark = TextFrame(Box(box.x_pt, top - 8.0, 48.0, line_pitch_pt(QUOTE_MARK_PT) + 4.0),
                         (para((Run(QUOTE_MARK),), QUOTE_MARK_PT, FontRole.HEADING, ColorRole.ACCENT),), TEXT_INSETS)
        by_frame = None
        if last and by_para is not None:
            by_frame = TextFrame(Box(text_x, top + height + 14.0, text_w, by_h), (by_para,), TEXT_INSETS)
        slides.append(QuoteSlide(block.origin, block.line, heading, mark, quote, by_frame, note if last else None, ()))
    return slides
