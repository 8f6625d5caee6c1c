"""The document model: what an outline says, validated and frozen.

Stage: produced by ``readers.outline.load_outline`` (YAML in), consumed by the deck planner and
the PDF renderer. Nothing here knows about YAML, reportlab or python-pptx. Every block
carries ``origin`` (``sections[2].content[1]``) and ``line`` so that later stages can
point a warning back at the outline.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path

from msgspec import Struct

from generator.records import repr_without_data


class Span(Struct, frozen=True):
    """A run of inline text with one style; a citation is a span with ``cite`` and no text.

    A footnote (``[^text]``) is a span with ``note`` and no text: a numbered note in the brief,
    the note's text in the speaker notes of the deck.
    """

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None
    cite: str | None = None
    note: RichText | None = None


class RichText(Struct, frozen=True):
    """Inline-marked-up text, parsed once so renderers never see markup characters."""

    spans: tuple[Span, ...]

    @property
    def plain(self) -> str:
        """Return the visible characters without citations (for titles, metadata, notes)."""
        return "".join(span.text for span in self.spans).strip()

    @property
    def citations(self) -> tuple[str, ...]:
        return tuple(span.cite for span in self.spans if span.cite)

    @property
    def notes(self) -> tuple[Span, ...]:
        """Return the footnote spans, in reading order."""
        return tuple(span for span in self.spans if span.note is not None)

    def __bool__(self) -> bool:
        return bool(self.spans)


class Author(Struct, frozen=True):
    name: str
    role: str | None = None


class Source(Struct, frozen=True):
    id: str
    title: str
    publisher: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    accessed: str | None = None
    number: int = 0  # 1-based position in ``sources``: the endnote and slide number
    line: int = 0


class Paragraph(Struct, frozen=True):
    text: RichText
    origin: str
    line: int


class PointItem(Struct, frozen=True):
    """One bullet: an optional bold lead-in, its text, and one level of sub-points."""

    text: RichText
    lead: RichText | None = None
    children: tuple[PointItem, ...] = ()
    line: int = 0


class Points(Struct, frozen=True):
    items: tuple[PointItem, ...]
    origin: str
    line: int


class Quote(Struct, frozen=True):
    text: RichText
    by: str | None
    role: str | None
    source: str | None
    origin: str
    line: int


class Figure(Struct, frozen=True):
    value: str
    label: RichText
    source: str | None = None
    line: int = 0


class Figures(Struct, frozen=True):
    items: tuple[Figure, ...]
    origin: str
    line: int


class ChartType(Enum):
    BAR = "bar"
    COLUMN = "column"
    LINE = "line"
    PIE = "pie"
    STACKED_BAR = "stacked-bar"


class Series(Struct, frozen=True):
    name: str
    values: tuple[float, ...]


class Chart(Struct, frozen=True):
    type: ChartType
    title: str | None
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str | None
    source: str | None
    origin: str
    line: int


class Table(Struct, frozen=True):
    columns: tuple[RichText, ...]
    rows: tuple[tuple[RichText, ...], ...]
    caption: RichText | None
    origin: str
    line: int
    source: str | None = None
    total: bool = False  # the last row is a total row, set bold in the brief and the deck


class Image(Struct, frozen=True):
    """A raster image, already checked to open; ``path`` is absolute and inside the allowed root.

    ``data`` is the file's content as it was checked: renderers draw these bytes and never read
    ``path`` again (it names the image in messages). Blocks naming one file share one value.
    """

    path: Path
    alt: str
    caption: RichText | None
    width_px: int
    height_px: int
    origin: str
    line: int
    data: bytes

    __repr__ = repr_without_data


class Callout(Struct, frozen=True):
    title: RichText | None
    text: RichText
    origin: str
    line: int


class Subheading(Struct, frozen=True):
    """A heading inside a section (``- heading: Costs``): the start of a part of the section."""

    text: RichText
    origin: str
    line: int


Block = Paragraph | Points | Quote | Figures | Chart | Table | Image | Callout | Subheading


def rich_texts(value: object) -> list[RichText]:
    """Return every RichText inside a model value (a block, a section, a tuple of them), in reading order."""
    if isinstance(value, RichText):
        return [value]
    if isinstance(value, (tuple, list)):
        return [text for item in value for text in rich_texts(item)]
    if not isinstance(value, Struct) or isinstance(value, Span):
        return []
    return [text for name in value.__struct_fields__ for text in rich_texts(getattr(value, name))]


def footnotes(value: object) -> list[Span]:
    """Return the footnote spans inside a model value, in reading order."""
    return [span for text in rich_texts(value) for span in text.notes]


class Section(Struct, frozen=True):
    title: RichText
    key: RichText | None
    content: tuple[Block, ...]
    deck_points: tuple[PointItem, ...] | None
    deck_notes: str | None
    deck_skip: bool
    brief_skip: bool
    origin: str
    line: int


class Document(Struct, frozen=True):
    """One analysis. ``date`` is the outline's, else SOURCE_DATE_EPOCH's, else None."""

    title: RichText
    subtitle: RichText | None
    date: dt.date | None
    authors: tuple[Author, ...]
    organization: str | None
    label: str | None
    theme: str | None
    language: str | None
    summary: tuple[RichText, ...]
    sections: tuple[Section, ...]
    sources: tuple[Source, ...]
    path: Path
    summary_line: int = 0
    files: tuple[Path, ...] = ()  # the data files and reference libraries the outline read (absolute)
    series: str | None = None  # the series or collection the brief belongs to ("Policy Brief No. 12")
    url: str | None = None  # where the brief is published (http or https), for the "how to cite" line
    how_to_cite: bool = False  # print a "How to cite this brief" line at the end of the brief
    cite_text: str | None = None  # the author's own wording of that line; None: built from the metadata

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)
