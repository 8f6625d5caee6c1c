"""``briefdeck lint``: editorial advice on an outline that is valid but could read better.

Stage: Document (and, for deck capacity, the deck plan) in, findings out. Nothing here is
an error: the build would succeed. Each finding names the outline line it is about, so an
editor can jump to it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from msgspec import Struct

from generator.model import Chart, Document, Figures, Image, PointItem, Points, Quote, RichText, Section
from generator.theme.model import Theme

MAX_BULLET_WORDS = 30
MAX_SUMMARY_POINTS = 5
MAX_DECK_SLIDES_PER_LIST = 2
GENERIC_ALT = {"image", "picture", "photo", "figure", "chart", "graph", "diagram", "screenshot", "logo", "img"}


class Finding(Struct, frozen=True):
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:1: {self.message}"


def _points(section: Section) -> Iterator[tuple[PointItem, str]]:
    lists = [(b.items, b.origin) for b in section.content if isinstance(b, Points)]
    if section.deck_points:
        lists.append((section.deck_points, f"{section.origin}.deck.points"))
    for items, origin in lists:
        for item in items:
            yield item, origin
            yield from ((child, origin) for child in item.children)


def _cited_ids(value: object) -> Iterator[str]:
    """Yield every source id a document refers to, by [@id] or a `source:` key."""
    if isinstance(value, RichText):
        yield from value.citations
    elif isinstance(value, (Quote, Chart)) or type(value).__name__ == "Figure":
        source = getattr(value, "source", None)
        if source:
            yield source
    if isinstance(value, Struct):
        for name in value.__struct_fields__:
            yield from _cited_ids(getattr(value, name))
    elif isinstance(value, tuple):
        for item in value:
            yield from _cited_ids(item)


def _deck_overflow(doc: Document, theme: Theme) -> Iterator[tuple[Section, int]]:
    from generator.deck.model import BulletSlide
    from generator.deck.plan import plan_deck

    plan, _ = plan_deck(doc, theme)
    for section in doc.sections:
        count = sum(1 for s in plan.slides if isinstance(s, BulletSlide) and s.line == section.line
                    and s.origin.startswith(section.origin))
        if count > MAX_DECK_SLIDES_PER_LIST:
            yield section, count


def lint(doc: Document, theme: Theme, max_words: int = MAX_BULLET_WORDS) -> list[Finding]:
    """Return editorial findings for ``doc``, in outline order."""
    found: list[Finding] = []

    def say(line: int, message: str) -> None:
        found.append(Finding(doc.path, max(line, 1), message))

    if len(doc.summary) > MAX_SUMMARY_POINTS:
        say(doc.summary_line, f"summary has {len(doc.summary)} points; a reader keeps {MAX_SUMMARY_POINTS} at most")
    for section in doc.sections:
        for item, _origin in _points(section):
            lead_words = len(item.lead.plain.split()) if item.lead else 0
            words = lead_words + len(item.text.plain.split())
            if words > max_words:
                say(item.line or section.line, f"bullet of {words} words (over {max_words}); "
                                               "cut it or move the detail into a paragraph")
        for block in section.content:
            if isinstance(block, Quote) and not block.source and not block.by:
                say(block.line, "quote without `by` or `source`: say who said it")
            elif isinstance(block, Figures):
                for figure in block.items:
                    if not figure.source:
                        say(figure.line or block.line, f"figure {figure.value!r} has no `source`")
            elif isinstance(block, Image):
                alt = block.alt.strip().lower()
                if len(alt.split()) < 3 or alt in GENERIC_ALT or alt in (block.path.name.lower(),
                                                                         block.path.stem.lower()):
                    say(block.line, f"alt text {block.alt!r} does not describe the picture; say what it shows")
    for section, count in _deck_overflow(doc, theme):
        say(section.line, f"section {section.title.plain!r} needs {count} slides of bullets in the deck; "
                          f"keep it to {MAX_DECK_SLIDES_PER_LIST} (split the section or use deck.points)")
    cited = set(_cited_ids(doc.sections)) | set(_cited_ids(doc.summary))
    for source in doc.sources:
        if source.id not in cited:
            say(source.line, f"source `{source.id}` is never cited; cite it with [@{source.id}] or drop it")
    return sorted(found, key=lambda f: f.line)
