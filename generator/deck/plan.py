"""Plan the deck: a Document and a Theme in, a DeckPlan and warnings out, without any I/O.

Stage: between the loader and ``render.pptx``. Slide order: title; key takeaways (from the
summary); an agenda when three or more sections reach the deck; per section its bullets,
sharing one slide with the section's first visual block when both fit (``pair``), then its
other quotes, figures, charts, tables, images and callouts in outline order, small ones two
to a slide; sources. A section with nothing for the slides gets none, nor an agenda entry.
Every decision about content (what becomes a bullet, where a list splits, which size a title
takes) is made here, so the renderer only draws.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import msgspec

from generator.deck.agenda import agenda_list
from generator.deck.blocks import callout_slides, chart_slides, figures_slides, image_slides
from generator.deck.cover import title_slide
from generator.deck.flow import Item, ItemKind, ListStyle, flow
from generator.deck.layout import TEXT_INSETS, deck_layout
from generator.deck.model import (
    DEFAULT_LAYOUTS,
    AgendaSlide,
    Box,
    BulletSlide,
    DeckMeta,
    DeckPlan,
    Run,
    Slide,
    TextFrame,
    layout_role,
)
from generator.deck.pair import PAIRABLE, joined_callout, paired_slide, paired_visuals
from generator.deck.parts import Context, Footers, Heads, Retitled, area
from generator.deck.quote import quote_slides
from generator.deck.sources import sources_slides
from generator.deck.table import table_slides
from generator.deck.text import (
    Faces,
    clean,
    clean_notes,
    first_sentence,
    inner,
    notes_text,
    paras_height_pt,
    plain_runs,
    rich_runs,
    runs_text,
)
from generator.errors import BuildWarning
from generator.model import (
    Block,
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
    Subheading,
    Table,
    footnotes,
)
from generator.theme.measure import line_pitch_pt
from generator.theme.model import Theme
from generator.theme.template import LayoutRole

AGENDA_MIN_SECTIONS = 3
SHORT_LINES = 2  # a list this short joins the table after it rather than take a slide of its own
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
        summary = _list_slides(ctx, Heads(ctx, None, (Run(ctx.labels.takeaways),), "summary", 1),
                               [Item(rich_runs(text, doc), ItemKind.BULLET, f"summary[{i}]")
                                for i, text in enumerate(doc.summary)], "summary", 1)
        said = "\n".join(f"{ctx.labels.footnotes}: {notes_text(s.note, doc)}" for s in footnotes(doc.summary)
                         if s.note)
        slides += [msgspec.structs.replace(summary[0], notes=said), *summary[1:]] if said else summary
    planned: list[tuple[Section, list[Slide]]] = []
    for section in (section for section in doc.sections if not section.deck_skip):
        section_slides = _section_slides(ctx, section)
        if section_slides:
            planned.append((section, section_slides))
        else:  # nothing for the slides: no slide, no agenda entry; its words stay in the notes
            _note_empty(ctx, section, planned[-1][1] if planned else slides)
    if len(planned) >= AGENDA_MIN_SECTIONS:
        slides += _agenda_slides(ctx, [section for section, _ in planned])
    for _, section_slides in planned:
        slides += section_slides
    if doc.sources:
        slides += sources_slides(ctx, doc.sources)
    footers = Footers(ctx)
    numbered = tuple(msgspec.structs.replace(slide, footer=footers.number(n)) for n, slide in enumerate(slides, 1))
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
    for note in ctx.theme.deck.fitting_notes:
        ctx.warnings.append(BuildWarning(template.theme_file, template.line, note))
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


def _list_slides(ctx: Context, heads: Heads, items: Sequence[Item], origin: str, line: int,
                 style: ListStyle | None = None) -> list[BulletSlide]:
    """Return bullet slides for ``items``: shrunk a little or split evenly, "(cont.)" after the first.

    ``style`` sets them (default: the theme's body size, down to its minimum).
    """
    layout = ctx.layout
    style = style or ListStyle(layout.body_pt, layout.min_body_pt)
    body = area(layout, heads.get())
    flowed = flow(items, style, ctx.faces, *inner(body, TEXT_INSETS))
    if len(flowed.pages) > 1:  # every page must fit under the taller of the two headings
        later = area(layout, heads.get(True))
        body = body if body.h_pt <= later.h_pt else Box(body.x_pt, later.y_pt, body.w_pt, later.h_pt)
        flowed = flow(items, style, ctx.faces, *inner(body, TEXT_INSETS))
    if flowed.size_pt < layout.body_pt and len(flowed.pages) == 1:
        ctx.warn(line, origin, f"bullets set at {flowed.size_pt:g} pt (theme: {layout.body_pt:g} pt) to fit one slide")
    if len(flowed.pages) > 1:
        counts = "/".join(str(count) for count in flowed.counts)
        ctx.warn(line, origin, f"bullets split over {len(flowed.pages)} slides ({counts}) at {flowed.size_pt:g} pt")
    if flowed.cut:
        ctx.warn(line, origin, "a bullet too long for one slide continues on the next")
    slides = []
    for index, (page, origins) in enumerate(zip(flowed.pages, flowed.origins, strict=True)):
        heading = heads.get(index > 0)
        box = area(layout, heading)
        frame = TextFrame(Box(box.x_pt, box.y_pt, box.w_pt, min(box.h_pt, body.h_pt)), page, TEXT_INSETS)
        slides.append(BulletSlide(origins[0] if origins else origin, line, heading, frame, origins))
    return slides


def _agenda_slides(ctx: Context, sections: Sequence[Section]) -> list[Slide]:
    heads = Heads(ctx, None, (Run(ctx.labels.agenda),), "sections", 1)
    items, style = agenda_list(ctx, heads, sections)
    slides = _list_slides(ctx, heads, items, "sections", 1, style)
    return [AgendaSlide("sections", 1, slide.heading, slide.body) for slide in slides]


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
    has_points = any(isinstance(block, Points) for block in section.content)
    items: list[Item] = []
    heading: Item | None = None
    for block in section.content:
        if isinstance(block, Subheading):
            heading = Item(rich_runs(block.text, ctx.doc, bold=True), ItemKind.LEAD, block.origin)
            continue
        if isinstance(block, Points):
            found = _point_items(block.items, ctx, block.origin)
        elif isinstance(block, Paragraph) and block.text.plain and not has_points:
            found = [Item(first_sentence(rich_runs(block.text, ctx.doc)), ItemKind.BULLET, block.origin)]
        else:
            continue
        items += ([heading] if heading else []) + found  # a subheading shows only above bullets of its own
        heading = None
    return items


def _parts(ctx: Context, section: Section, heads: Heads, items: list[Item]) -> list[BulletSlide]:
    """Return the bullet slides: one run of slides, or, when they need more than one slide at the theme's
    size and subheadings divide them, a run per part, each titled as the section with its subheading above."""
    starts = [i for i, item in enumerate(items) if item.kind is ItemKind.LEAD and item.origin.endswith(".heading")]
    body, size = ctx.layout.body, ctx.layout.body_pt
    if not starts or len(flow(items, ListStyle(size, size), ctx.faces, *inner(body, TEXT_INSETS)).pages) < 2:
        return _list_slides(ctx, heads, items, items[0].origin, section.line)  # one slide at the theme's size
    slides = _list_slides(ctx, heads, items[: starts[0]], items[0].origin, section.line) if starts[0] else []
    for start, end in zip(starts, [*starts[1:], len(items)], strict=True):
        part = Heads(ctx, items[start].runs, heads.title, items[start].origin, section.line)
        slides += _list_slides(ctx, part, items[start + 1 : end], items[start + 1].origin, section.line)
    return slides


def section_notes(ctx: Context, section: Section) -> str:
    """Return the speaker notes of a section: its deck notes, else all its prose."""
    if section.deck_notes is not None:
        return clean_notes(section.deck_notes)
    prose = [notes_text(block.text, ctx.doc) for block in section.content if isinstance(block, Paragraph)]
    return "\n\n".join(text for text in prose if text)


def _short(ctx: Context, slides: Sequence[Slide]) -> bool:
    """Return whether ``slides`` are one bullet slide of at most ``SHORT_LINES`` lines."""
    if len(slides) != 1 or not isinstance(slides[0], BulletSlide):
        return False
    body = slides[0].body
    return paras_height_pt(body.paras, ctx.faces, inner(body.box, TEXT_INSETS)[0]) <= \
        SHORT_LINES * line_pitch_pt(ctx.layout.body_pt) + 1e-6


def _note_empty(ctx: Context, section: Section, slides: list[Slide]) -> None:
    """Add an empty section's title, key and deck notes to the notes of the slide before it."""
    text = "\n\n".join(part for part in (runs_text(rich_runs(section.title, ctx.doc)),
                                          runs_text(rich_runs(section.key, ctx.doc)),
                                          section_notes(ctx, section)) if part)
    if slides and text:
        last = slides[-1]
        slides[-1] = msgspec.structs.replace(last, notes=f"{last.notes}\n\n{text}" if last.notes else text)


def _block_title(ctx: Context, section: Section, block: Block) -> tuple[Run, ...]:
    """Return the title of a later slide of a section that shows ``block`` alone: the block's own title.

    A chart's title, a table's caption, a callout's title, an image's caption (else its alt
    text), a quote's speaker; else the section's title. No fixed words are added, so the
    title reads in the outline's own language.
    """
    own: tuple[Run, ...] = ()
    if isinstance(block, Chart):
        own = plain_runs(block.title)
    elif isinstance(block, Table) and block.caption:
        own = rich_runs(block.caption, ctx.doc)
    elif isinstance(block, Callout) and block.title:
        own = rich_runs(block.title, ctx.doc)
    elif isinstance(block, Image):
        own = rich_runs(block.caption, ctx.doc) if block.caption else plain_runs(block.alt)
    elif isinstance(block, Quote) and block.by:
        own = plain_runs(block.by)
    return own or rich_runs(section.title, ctx.doc)


def _pair_title(ctx: Context, section: Section, first: Block, second: Block) -> tuple[Run, ...]:
    """Return the title of a later slide of a section that shows two of its visuals side by side: both titles."""
    one, two = (_block_title(ctx, section, block) for block in (first, second))
    return (*one, Run(" \u00b7 "), *two)


def _distinct(runs: tuple[Run, ...], used: set[str]) -> tuple[Run, ...]:
    """Return ``runs`` made distinct from the titles already used in the section ("... (2)")."""
    text, number = runs_text(runs), 2
    while text in used:
        text = f"{runs_text(runs)} ({number})"
        number += 1
    used.add(text)
    return runs if text == runs_text(runs) else (*runs, Run(text[len(runs_text(runs)):]))


def _section_slides(ctx: Context, section: Section) -> list[Slide]:
    """Return the section's slides: bullets beside (or over) its first visual when both fit, then the rest."""
    kicker = rich_runs(section.title, ctx.doc) if section.key else None
    title = rich_runs(section.key or section.title, ctx.doc)
    heads = Heads(ctx, kicker, title, section.origin, section.line)
    heads.get()  # plans the title now, to learn whether it had to be cut
    slides: list[Slide] = []
    spilled = [Item(tuple(Run(r.text, True, r.italic, r.link) for r in runs), ItemKind.LEAD, section.origin)
               for runs in heads.cut]
    items = spilled + _section_items(ctx, section)
    blocks = [block for block in section.content if type(block) in BLOCK_PLANNERS]
    if items:
        paired = paired_slide(ctx, heads, items, blocks[0], section.line, blocks[1] if len(blocks) > 1 else None) \
            if blocks else None
        if paired is not None:
            slides.append(paired)
            blocks = [block for block in blocks[1:] if block.origin not in paired.origins]
        else:
            slides += _parts(ctx, section, heads, items)
            if blocks and isinstance(blocks[0], Table) and _short(ctx, slides):  # a lone short list joins the table
                lead, table = slides.pop(), blocks.pop(0)
                assert isinstance(lead, BulletSlide) and isinstance(table, Table)
                slides += table_slides(ctx, heads, table, lead)
    used = {runs_text(title)}
    index = 0
    while index < len(blocks):
        block = blocks[index]
        index += 1
        last = slides[-1] if slides else None
        if isinstance(block, Callout) and isinstance(last, BulletSlide):
            joined = joined_callout(ctx, last, block)
            if joined is not None:
                slides[-1] = joined
                continue
        later = index < len(blocks) and isinstance(block, PAIRABLE) and isinstance(blocks[index], PAIRABLE)
        title = _pair_title(ctx, section, block, blocks[index]) if later else _block_title(ctx, section, block)
        source = heads if not slides else Retitled(heads, _distinct(title, used))
        pair = paired_visuals(ctx, source, block, blocks[index]) if later else None
        if pair is not None:
            slides.append(pair)
            index += 1
            continue
        if later and slides:
            source = Retitled(heads, _distinct(_block_title(ctx, section, block), used))
        slides += BLOCK_PLANNERS[type(block)](ctx, source, block)
    if not slides:
        return []
    notes = section_notes(ctx, section)
    if notes:
        first = slides[0]
        joined_notes = f"{notes}\n\n{first.notes}" if first.notes else notes
        slides[0] = msgspec.structs.replace(first, notes=joined_notes)
    return _with_footnotes(ctx, section, slides)


def _with_footnotes(ctx: Context, section: Section, slides: list[Slide]) -> list[Slide]:
    """Append each note written [^text] to the notes of the slide that shows its block (else the first)."""
    if not slides:
        return slides
    shown_on: dict[str, int] = {}
    for index, slide in enumerate(slides):
        for origin in (slide.origin, *getattr(slide, "origins", ())):
            shown_on.setdefault(origin, index)
    found: list[list[str]] = [[] for _ in slides]
    heads = (section.title, section.key, section.deck_points)
    found[0] += [notes_text(span.note, ctx.doc) for span in footnotes(heads) if span.note]
    for block in section.content:
        texts = [notes_text(span.note, ctx.doc) for span in footnotes(block) if span.note]
        found[shown_on.get(block.origin, 0)] += texts
    for index, texts in enumerate(found):
        if texts:
            said = "\n".join(f"{ctx.labels.footnotes}: {text}" for text in texts)
            slide = slides[index]
            slides[index] = msgspec.structs.replace(slide, notes=f"{slide.notes}\n\n{said}" if slide.notes else said)
    return slides


def slide_text(slide: Slide) -> str:
    """Return every text a slide shows (tests and debugging read plans through this)."""
    frames: list[TextFrame | None] = []
    for name in slide.__struct_fields__:
        frames += _frames_in(getattr(slide, name))
    return "\n".join(frame.text for frame in frames if frame is not None)


def _frames_in(value: object) -> list[TextFrame | None]:
    if isinstance(value, TextFrame):
        return [value]
    if isinstance(value, tuple):
        return [frame for item in value for frame in _frames_in(item)]
    if isinstance(value, msgspec.Struct):
        return [frame for name in value.__struct_fields__ for frame in _frames_in(getattr(value, name))]
    return []
