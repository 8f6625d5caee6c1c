"""The agenda's entries: each section the deck shows, numbered, with its key message under it.

Stage: part of the pure deck planner (the sections that reach the deck in, flow items out; the
plan sets them on the Agenda slide). A section's key message is its slides' action title, so
the agenda reads as the deck's storyline rather than a table of contents. The key messages are
left out when the entries with them would not fit one slide at the theme's body size: a
storyline split over slides, or set small, reads worse than a plain list of titles.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.deck.flow import Item, ItemKind, ListStyle, flow
from generator.deck.layout import TEXT_INSETS
from generator.deck.model import Run
from generator.deck.parts import Context, Heads, area
from generator.deck.text import inner, rich_runs
from generator.model import Section
from generator.theme.fonts import text_width

NUMBER_GAP = "   "  # between an entry's number and its title
GROWTH = 1.25  # a storyline agenda's largest size, times the body size


def agenda_list(ctx: Context, heads: Heads, sections: Sequence[Section]) -> tuple[list[Item], ListStyle]:
    """Return the agenda's items and how to set them.

    Numbered titles, each followed by its key message when all fit one slide at the body size.
    Either is set up to ``GROWTH`` times larger than the body, as large as still fits, so that a
    few sections fill the slide rather than its top third.
    """
    entries = [Item((Run(_number(index), bold=True), Run(NUMBER_GAP), *rich_runs(section.title, ctx.doc)),
                    ItemKind.PLAIN, section.origin) for index, section in enumerate(sections, 1)]
    indent_em = _title_start_em(ctx, len(sections))
    keyed: list[Item] = []
    for entry, section in zip(entries, sections, strict=True):
        key = rich_runs(section.key, ctx.doc)
        keyed += [entry, Item(key, ItemKind.NOTE, section.origin, indent_em=indent_em)] if key else [entry]
    layout = ctx.layout
    largest = round(layout.body_pt * GROWTH, 1)
    titles = ListStyle(largest, layout.min_body_pt)
    if len(keyed) == len(entries):
        return entries, titles
    fitted = flow(keyed, ListStyle(layout.body_pt, layout.body_pt), ctx.faces,
                  *inner(area(layout, heads.get()), TEXT_INSETS))
    if len(fitted.pages) > 1 or fitted.cut:
        return entries, titles
    return keyed, ListStyle(largest, layout.body_pt, gap_ratio=0.7)


def _number(index: int) -> str:
    return f"{index:02d}"


def _title_start_em(ctx: Context, count: int) -> float:
    """Return where the widest entry's title starts, in ems: its key message lines up under it.

    Measured with the body face itself (not the planner's cautious estimate), as the slide draws it.
    """
    face = ctx.faces.body
    widest = max(text_width(_number(index), face.pick(True, False), 1.0, True) for index in range(1, count + 1))
    return widest + text_width(NUMBER_GAP, face.pick(False, False), 1.0)
