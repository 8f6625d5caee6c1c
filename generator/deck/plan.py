"""Plan the deck: a Document and a Theme in, a DeckPlan and warnings out, without any I/O.

Stage: between the loader and ``render.pptx``. Slide order: title; key takeaways (from the
summary); an agenda when three or more sections reach the deck; per section its bullet
slides, then one or more slides per quote, figures, chart, table, image and callout, in
outline order; sources. Every decision about content (what becomes a bullet, where a list
splits, which size a title takes) is made here, so the renderer only draws.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from generator.deck.blocks import callout_slides, chart_slides, figures_slides, image_slides, quote_slides
from generator.deck.cover import title_slide
from generator.deck.flow import Item, ItemKind, ListStyle, flow
from generator.deck.layout import TEXT_INSETS, deck_layout
from generator.deck.model import (
    DEFAULT_LAYOUTS,
    AgendaSlide,
    BulletSlide,
    DeckMeta,
    DeckPlan,
    Run,
    Slide,
    SourcesSlide,
    TextFrame,
    layout_role,
)
from generator.deck.parts import Context, Footers, Heads
from generator.deck.table import table_slides
from generator.deck.text import (
    Faces,
    clean,
    clean_notes,
    first_sentence,
    inner,
    notes_text,
    rich_runs,
    safe_link,
)
from generator.errors import BuildWarning
from generator.labels import Labels
from generator.model import (
    Callout,
    Chart,
    Document,
    Figures,
    Image,
    Paragraph,
    PointItem,
    Points,
    Quote,
    Section,
    Source,
    Table,
)
from generator.theme.model import Theme
from generator.theme.template import LayoutRole

AGENDA_MIN_SECTIONS = 3
PROPERTY_LIMIT = 255
BLOCK_PLANNERS: dict[type, Callable[..., list[Slide]]] = {  # block type -> its slides
    Quote: quote_slides,
    Figures: figures_slides,
    Chart: chart_slides,
    Table: table_slides,
    Image: image_slides,
    Callout: callout_slides,
}


def plan_deck(doc: Document, theme: Theme) -> tuple[DeckPlan, list[BuildWarning]]:
    """Return the slides for ``doc`` in ``theme`` and the warnings planning them raised."""
    layout = deck_layout(theme)
    ctx = Context(doc, theme, layout, Faces.of_theme(theme))
    slides: list[Slide] = [title_slide(ctx)]
    if doc.summary:
        slides += _list_slides(ctx, Heads(ctx, None, (Run(ctx.labels.takeaways),), "summary", 1),
                               [Item(rich_runs(text, doc), ItemKind.BULLET, f"summary[{i}]")
                                for i, text in enumerate(doc.summary)], "summary", 1)
    sections = [section for section in doc.sections if not section.deck_skip]
    if len(sections) >= AGENDA_MIN_SECTIONS:
        slides += _agenda_slides(ctx, sections)
    for section in sections:
        slides += _section_slides(ctx, section)
    if doc.sources:
        slides += _sources_slides(ctx, doc.sources)
    footers = Footers(ctx)
    numbered = tuple(dataclasses.replace(slide, footer=footers.number(n)) for n, slide in enumerate(slides, 1))
    meta = DeckMeta(
        title=_property(doc.title.plain),
        author=_property(", ".join(author.name for author in doc.authors) or (doc.organization or "")),
        subject=_property(doc.subtitle.plain if doc.subtitle else ""),
        language=doc.language,
        keywords=_property(doc.label or ""),
    )
    return DeckPlan(layout.width_pt, layout.height_pt, meta, numbered, _layouts(ctx, numbered)), ctx.warnings


def _layouts(ctx: Context, slides: Sequence[Slide]) -> tuple[tuple[LayoutRole, str], ...]:
    """Return the template's layout per role, warning of each used role whose usual layout is missing."""
    template = ctx.theme.deck.template
    if template is None:
        return DEFAULT_LAYOUTS
    used = {layout_role(slide) for slide in slides}
    for fallback in template.fallbacks:
        if fallback.role in used:
            ctx.warnings.append(BuildWarning(
                template.theme_file, template.line,
                f"the template has no layout \"{fallback.wanted}\"; {fallback.role.value} slides use "
                f"\"{fallback.used}\" (choose one with `deck.layouts: {{{fallback.role.value}: NAME}}`)"))
    return tuple((role, layout.name) for role, layout in template.roles)


def _property(text: str) -> str:
    """Return ``text`` as a document property: one line, at most the 255 characters OOXML allows."""
    text = clean(text).strip()
    return text if len(text) <= PROPERTY_LIMIT else text[: PROPERTY_LIMIT - 1] + "\u2026"


def _list_slides(ctx: Context, heads: Heads, items: Sequence[Item], origin: str, line: int) -> list[Slide]:
    """Return bullet slides for ``items``: shrunk a little or split evenly, "(cont.)" after the first."""
    layout = ctx.layout
    body = layout.body
    flowed = flow(items, ListStyle(layout.body_pt, layout.min_body_pt), ctx.faces, *inner(body, TEXT_INSETS))
    if flowed.shrunk and len(flowed.pages) == 1:
        ctx.warn(line, origin, f"bullets set at {flowed.size_pt:g} pt (theme: {layout.body_pt:g} pt) to fit one slide")
    if len(flowed.pages) > 1:
        counts = "/".join(str(count) for count in flowed.counts)
        ctx.warn(line, origin, f"bullets split over {len(flowed.pages)} slides ({counts}) at {flowed.size_pt:g} pt")
    if flowed.cut:
        ctx.warn(line, origin, "a bullet too long for one slide continues on the next")
    return [BulletSlide(origins[0] if origins else origin, line, heads.get(index > 0),
                        TextFrame(body, page, TEXT_INSETS), origins)
            for index, (page, origins) in enumerate(zip(flowed.pages, flowed.origins, strict=True))]


def _agenda_slides(ctx: Context, sections: Sequence[Section]) -> list[Slide]:
    items = [Item((Run(f"{number:02d}", bold=True), Run("   "), *rich_runs(section.title, ctx.doc)),
                  ItemKind.PLAIN, section.origin) for number, section in enumerate(sections, 1)]
    slides = _list_slides(ctx, Heads(ctx, None, (Run(ctx.labels.agenda),), "sections", 1), items, "sections", 1)
    return [AgendaSlide("sections", 1, slide.heading, slide.body)  # type: ignore[union-attr]
            for slide in slides]


def _point_runs(point: PointItem, ctx: Context) -> tuple[Run, ...]:
    """Return a bullet's runs: its lead in bold with a colon, then its text."""
    text = rich_runs(point.text, ctx.doc)
    if not point.lead:
        return text
    lead = rich_runs(point.lead, ctx.doc, bold=True)
    if not text:
        return lead
    colon = "" if lead and lead[-1].text.endswith((":", ".", "?", "!")) else ":"
    return (*lead, Run(colon + " ", bold=True), *text)


def _point_items(points: Sequence[PointItem], ctx: Context, origin: str) -> list[Item]:
    items: list[Item] = []
    for point in points:
        items.append(Item(_point_runs(point, ctx), ItemKind.BULLET, origin))
        items += [Item(_point_runs(child, ctx), ItemKind.SUB, origin) for child in point.children]
    return items


def _section_items(ctx: Context, section: Section) -> list[Item]:
    """Return the section's bullets: deck points, else its points, else first sentences of its prose."""
    if section.deck_points is not None:
        return _point_items(section.deck_points, ctx, f"{section.origin}.deck.points")
    points = [block for block in section.content if isinstance(block, Points)]
    if points:
        return [item for block in points for item in _point_items(block.items, ctx, block.origin)]
    return [Item(first_sentence(rich_runs(block.text, ctx.doc)), ItemKind.BULLET, block.origin)
            for block in section.content if isinstance(block, Paragraph) and block.text.plain]


def section_notes(ctx: Context, section: Section) -> str:
    """Return the speaker notes of a section: its deck notes, else all its prose."""
    if section.deck_notes is not None:
        return clean_notes(section.deck_notes)
    prose = [notes_text(block.text, ctx.doc) for block in section.content if isinstance(block, Paragraph)]
    return "\n\n".join(text for text in prose if text)


def _section_slides(ctx: Context, section: Section) -> list[Slide]:
    kicker = rich_runs(section.title, ctx.doc) if section.key else None
    title = rich_runs(section.key or section.title, ctx.doc)
    heads = Heads(ctx, kicker, title, section.origin, section.line)
    heads.get()  # plans the title now, to learn whether it had to be cut
    slides: list[Slide] = []
    spilled = [Item(tuple(Run(r.text, True, r.italic, r.link) for r in runs), ItemKind.LEAD, section.origin)
               for runs in heads.cut]
    items = spilled + _section_items(ctx, section)
    if items:
        slides += _list_slides(ctx, heads, items, items[0].origin, section.line)
    for block in section.content:
        planner = BLOCK_PLANNERS.get(type(block))
        if planner is not None:
            slides += planner(ctx, heads, block)
    if not slides:
        empty = TextFrame(ctx.layout.body, (), TEXT_INSETS)
        slides.append(BulletSlide(section.origin, section.line, heads.get(), empty, ()))
    notes = section_notes(ctx, section)
    if notes:
        first = slides[0]
        joined = f"{notes}\n\n{first.notes}" if first.notes else notes
        slides[0] = dataclasses.replace(first, notes=joined)
    return slides


def _source_runs(source: Source, labels: Labels) -> tuple[Run, ...]:
    """Return one entry of the Sources slide: "[n]  Title. Author, Publisher, date (accessed ...)"."""
    date = labels.loose_date(source.date) if source.date else None
    details = ", ".join(clean(part).strip() for part in (source.author, source.publisher, date) if part)
    accessed = labels.accessed.format(date=labels.loose_date(clean(source.accessed).strip())) if source.accessed else ""
    rest = (f". {details}" if details else "") + (f" ({accessed})" if accessed else "")
    runs = (Run(f"[{source.number}]  ", bold=True), Run(clean(source.title).strip(), link=safe_link(source.url)),
            Run(rest))
    return tuple(run for run in runs if run.text)


def _sources_slides(ctx: Context, sources: Sequence[Source]) -> list[Slide]:
    layout = ctx.layout
    items = [Item(_source_runs(source, ctx.labels), ItemKind.PLAIN, f"sources[{source.number - 1}]")
             for source in sources]
    body = layout.body
    size = min(layout.min_body_pt, 16.0)
    flowed = flow(items, ListStyle(size, size, gap_ratio=0.6), ctx.faces, *inner(body, TEXT_INSETS))
    heads = Heads(ctx, None, (Run(ctx.labels.sources),), "sources", 1)
    return [SourcesSlide("sources", 1, heads.get(index > 0), TextFrame(body, page, TEXT_INSETS))
            for index, page in enumerate(flowed.pages)]


def slide_text(slide: Slide) -> str:
    """Return every text a slide shows (tests and debugging read plans through this)."""
    frames: list[TextFrame | None] = []
    for field in dataclasses.fields(slide):
        value = getattr(slide, field.name)
        frames += _frames_in(value)
    return "\n".join(frame.text for frame in frames if frame is not None)


def _frames_in(value: object) -> list[TextFrame | None]:
    if isinstance(value, TextFrame):
        return [value]
    if isinstance(value, tuple):
        return [frame for item in value for frame in _frames_in(item)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [frame for field in dataclasses.fields(value) for frame in _frames_in(getattr(value, field.name))]
    return []
