"""The deck plan: every slide as a typed variant with its text, sizes and boxes decided.

Stage: produced by ``deck.plan.plan_deck`` (Document + Theme in), drawn by
``render.pptx.deck.render_pptx``. Lengths are points, measured from the slide's top-left corner.
Every text frame already fits its box by ``measure``; the renderer draws what is here and
decides nothing about content. Colours and fonts are named by role, resolved from the theme
by the renderer, so a plan reads the same whatever the palette.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from msgspec import Struct

from generator.charts import ChartForm
from generator.model import ChartType
from generator.records import repr_without_data
from generator.theme.template import DEFAULT_LAYOUT_NAMES, USED_ROLES, LayoutRole


class FontRole(Enum):
    HEADING = "heading"
    BODY = "body"


class ColorRole(Enum):
    PRIMARY = "primary"
    ACCENT = "accent"
    TEXT = "text"
    MUTED = "muted"
    FILL = "fill"
    BACKGROUND = "background"
    ON_PRIMARY = "on-primary"  # text on a primary-colour band: white
    INHERITED = "inherited"  # text only: the colour a template gives its placeholder (titles on a template)
    TITLE_INK = "title-ink"  # text only: the colour a template gives its slide titles, for text beside them


class Align(Enum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


class Anchor(Enum):
    TOP = "top"
    MIDDLE = "middle"
    BOTTOM = "bottom"


class Marker(Enum):
    """What hangs in a paragraph's left margin."""

    NONE = "none"
    BULLET = "bullet"
    DASH = "dash"


class Box(Struct, frozen=True):
    x_pt: float
    y_pt: float
    w_pt: float
    h_pt: float

    @property
    def bottom_pt(self) -> float:
        return self.y_pt + self.h_pt

    @property
    def right_pt(self) -> float:
        return self.x_pt + self.w_pt


class Insets(Struct, frozen=True):
    left_pt: float = 0.0
    top_pt: float = 0.0
    right_pt: float = 0.0
    bottom_pt: float = 0.0


class Run(Struct, frozen=True):
    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None


class Para(Struct, frozen=True):
    runs: tuple[Run, ...]
    size_pt: float
    line_pt: float
    space_before_pt: float = 0.0
    indent_pt: float = 0.0  # left margin of the text; a marker hangs inside it
    marker: Marker = Marker.NONE
    font: FontRole = FontRole.BODY
    color: ColorRole = ColorRole.TEXT
    align: Align = Align.LEFT
    rtl: bool = False  # mainly Hebrew, Arabic, ...: PowerPoint orders it right to left (and does the bidi)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


class TextFrame(Struct, frozen=True):
    """A text box whose paragraphs fit ``box`` less ``insets``, word-wrapped, never autofit."""

    box: Box
    paras: tuple[Para, ...]
    insets: Insets = Insets()
    anchor: Anchor = Anchor.TOP
    fill: ColorRole | None = None

    @property
    def text(self) -> str:
        return "\n".join(para.text for para in self.paras)


class Rect(Struct, frozen=True):
    """A solid shape without text: a rule, a band, a panel."""

    box: Box
    color: ColorRole


class PlannedPicture(Struct, frozen=True):
    """An image drawn at ``box``, whose proportions it already has; ``data`` is the checked file's bytes."""

    box: Box
    path: Path
    alt: str
    data: bytes

    __repr__ = repr_without_data


class Heading(Struct, frozen=True):
    """The top of a content slide: a small kicker, the (action) title, an accent rule."""

    kicker: TextFrame | None
    title: TextFrame
    decorations: tuple[Rect, ...]
    body_top_pt: float  # where the body may start: just under the rule, which hugs the title's last line


class Footer(Struct, frozen=True):
    label: TextFrame | None
    organization: TextFrame | None
    number: TextFrame


class TitleSlide(Struct, frozen=True):
    origin: str
    line: int
    title: TextFrame
    subtitle: TextFrame | None
    meta: TextFrame | None  # date, authors, organization
    decorations: tuple[Rect, ...]
    logo: PlannedPicture | None = None  # the theme's logo; none on a template's cover
    footer: Footer | None = None
    notes: str = ""


class BulletSlide(Struct, frozen=True):
    """Bullets of a section (or the key takeaways); ``origins`` names the blocks they came from."""

    origin: str
    line: int
    heading: Heading
    body: TextFrame
    origins: tuple[str, ...]
    footer: Footer | None = None
    notes: str = ""


class AgendaSlide(Struct, frozen=True):
    origin: str
    line: int
    heading: Heading
    body: TextFrame
    footer: Footer | None = None
    notes: str = ""


class QuoteSlide(Struct, frozen=True):
    origin: str
    line: int
    heading: Heading
    mark: TextFrame  # the large opening quotation mark
    quote: TextFrame
    attribution: TextFrame | None
    source_note: TextFrame | None
    decorations: tuple[Rect, ...]
    footer: Footer | None = None
    notes: str = ""


class FigureCell(Struct, frozen=True):
    value: TextFrame
    label: TextFrame
    rule: Rect


class FiguresSlide(Struct, frozen=True):
    origin: str
    line: int
    heading: Heading
    figures: tuple[FigureCell, ...]
    source_note: TextFrame | None
    footer: Footer | None = None
    notes: str = ""


class ChartSeries(Struct, frozen=True):
    name: str
    values: tuple[float, ...]


class PlannedChart(Struct, frozen=True):
    """A native chart, untitled: the slide's caption shows ``title``, the chart's alt text repeats it."""

    kind: ChartType
    box: Box
    title: str | None
    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    legend: bool
    form: ChartForm  # the drawn type, value axis, number formats and unit (generator.charts)
    text_pt: float
    value_pt: float  # the data labels': side-by-side bars can be thinner than text_pt


class ChartSlide(Struct, frozen=True):
    origin: str
    line: int
    heading: Heading
    chart: PlannedChart
    source_note: TextFrame | None
    footer: Footer | None = None
    notes: str = ""
    caption: TextFrame | None = None  # the chart's title, above it


class Cell(Struct, frozen=True):
    paras: tuple[Para, ...]


class PlannedTable(Struct, frozen=True):
    """A table whose row heights were measured: rows grown to fit still end inside ``box``."""

    box: Box
    column_widths_pt: tuple[float, ...]
    header: tuple[Cell, ...]
    header_height_pt: float
    rows: tuple[tuple[Cell, ...], ...]
    row_heights_pt: tuple[float, ...]
    margins: Insets


class TableSlide(Struct, frozen=True):
    origin: str
    line: int
    heading: Heading
    table: PlannedTable
    caption: TextFrame | None
    footer: Footer | None = None
    notes: str = ""
    source_note: TextFrame | None = None


class ImageSlide(Struct, frozen=True):
    origin: str
    line: int
    heading: Heading
    path: Path
    alt: str
    picture: Box
    caption: TextFrame | None
    data: bytes  # the checked image file's bytes, drawn as they are

    __repr__ = repr_without_data
    footer: Footer | None = None
    notes: str = ""


class CalloutSlide(Struct, frozen=True):
    origin: str
    line: int
    heading: Heading
    bar: Rect  # an accent bar down the panel's left edge
    body: TextFrame  # its fill is the panel
    footer: Footer | None = None
    notes: str = ""


class FiguresRow(Struct, frozen=True):
    """Big numbers set beside or under a section's bullets."""

    figures: tuple[FigureCell, ...]


class CalloutPanel(Struct, frozen=True):
    """A tinted panel (the frame's fill) with an accent bar down its left edge."""

    bar: Rect
    body: TextFrame


class QuotePanel(Struct, frozen=True):
    """A pull quote beside a section's bullets: mark, quote, and the smaller attribution."""

    mark: TextFrame
    quote: TextFrame
    attribution: TextFrame | None


Part = PlannedChart | PlannedTable | PlannedPicture | FiguresRow | CalloutPanel | QuotePanel | TextFrame


class TwoContentSlide(Struct, frozen=True):
    """A section's bullets and one visual block on one slide: side by side, or the visual under a short list.

    ``parts`` are drawn in order at their planned boxes (a text frame among them is a caption);
    ``body`` holds the bullets, ``origins`` the blocks shown, bullets' first.
    """

    origin: str
    line: int
    heading: Heading
    body: TextFrame | None
    parts: tuple[Part, ...]
    source_note: TextFrame | None
    origins: tuple[str, ...]
    footer: Footer | None = None
    notes: str = ""


class SourcesSlide(Struct, frozen=True):
    origin: str
    line: int
    heading: Heading
    body: TextFrame
    footer: Footer | None = None
    notes: str = ""


Slide = (TitleSlide | BulletSlide | AgendaSlide | QuoteSlide | FiguresSlide | ChartSlide | TableSlide
         | ImageSlide | CalloutSlide | SourcesSlide | TwoContentSlide)


class DeckMeta(Struct, frozen=True):
    """Document properties written into the file."""

    title: str
    author: str
    subject: str
    language: str | None
    keywords: str


# The layout role each kind of slide is made from; every other kind is a title-only slide.
LAYOUT_ROLES: dict[type, LayoutRole] = {
    TitleSlide: LayoutRole.TITLE,
    BulletSlide: LayoutRole.CONTENT,
    AgendaSlide: LayoutRole.CONTENT,
    SourcesSlide: LayoutRole.CONTENT,
    TwoContentSlide: LayoutRole.CONTENT,
}
DEFAULT_LAYOUTS = tuple((role, DEFAULT_LAYOUT_NAMES[role]) for role in USED_ROLES)


def layout_role(slide: Slide) -> LayoutRole:
    return LAYOUT_ROLES.get(type(slide), LayoutRole.TITLE_ONLY)


class DeckPlan(Struct, frozen=True):
    width_pt: float
    height_pt: float
    meta: DeckMeta
    slides: tuple[Slide, ...]
    layouts: tuple[tuple[LayoutRole, str], ...] = DEFAULT_LAYOUTS  # the template's layout name per role

    def layout_name(self, slide: Slide) -> str:
        """Return the name of the template layout ``slide`` is made from."""
        return dict(self.layouts)[layout_role(slide)]
