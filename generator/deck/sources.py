"""The deck's closing Sources slides: every source of the document, numbered as cited.

Stage: part of the pure deck planner (the document's sources in, SourcesSlides out). Dates
and the "accessed" words come from the document language's labels.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.deck.flow import Item, ItemKind, ListStyle, flow
from generator.deck.layout import TEXT_INSETS
from generator.deck.model import Box, Run, Slide, SourcesSlide, TextFrame
from generator.deck.parts import Context, Heads, area
from generator.deck.text import clean, inner, safe_link
from generator.labels import Labels
from generator.model import Source


def source_runs(source: Source, labels: Labels) -> tuple[Run, ...]:
    """Return one entry of the Sources slide: "[n]  Title. Author, Publisher, date (accessed ...)"."""
    date = labels.loose_date(source.date) if source.date else None
    details = ", ".join(clean(part).strip() for part in (source.author, source.publisher, date) if part)
    accessed = labels.accessed.format(date=labels.loose_date(clean(source.accessed).strip())) if source.accessed else ""
    rest = (f". {details}" if details else "") + (f" ({accessed})" if accessed else "")
    runs = (Run(f"[{source.number}]  ", bold=True), Run(clean(source.title).strip(), link=safe_link(source.url)),
            Run(rest))
    return tuple(run for run in runs if run.text)


def sources_slides(ctx: Context, sources: Sequence[Source]) -> list[Slide]:
    """Return the Sources slides: every source in full, in its number's order, split over slides as needed."""
    layout = ctx.layout
    items = [Item(source_runs(source, ctx.labels), ItemKind.PLAIN, f"sources[{source.number - 1}]")
             for source in sources]
    heads = Heads(ctx, None, (Run(ctx.labels.sources),), "sources", 1)
    first, later = area(layout, heads.get()), area(layout, heads.get(True))
    body = first if first.h_pt <= later.h_pt else Box(first.x_pt, later.y_pt, first.w_pt, later.h_pt)
    size = min(layout.min_body_pt, 16.0)
    flowed = flow(items, ListStyle(size, size, gap_ratio=0.6), ctx.faces, *inner(body, TEXT_INSETS))
    slides: list[Slide] = []
    for index, page in enumerate(flowed.pages):
        heading = heads.get(index > 0)
        box = area(layout, heading)
        slides.append(SourcesSlide("sources", 1, heading, TextFrame(Box(box.x_pt, box.y_pt, box.w_pt, body.h_pt),
                                                                   page, TEXT_INSETS)))
    return slides
