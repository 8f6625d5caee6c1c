"""The resolved theme: every colour, font and size both renderers read, in final units.

Stage: produced by ``theme.load.resolve_theme`` (theme YAML in), read by the PDF renderer, the
deck planner and the deck renderer. Colours are ``RRGGBB`` hex strings, lengths are points.
A deck template has already been opened and checked, so the planner can lay slides out for
its size and layouts without reading a file.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from msgspec import Struct

from generator.source.images import ImageInfo
from generator.theme.template import DeckTemplate


class PageSize(Enum):
    A4 = "A4"
    LETTER = "Letter"

    @property
    def points(self) -> tuple[float, float]:
        return (595.2756, 841.8898) if self is PageSize.A4 else (612.0, 792.0)


class DeckSize(Enum):
    WIDE = "16:9"
    STANDARD = "4:3"

    @property
    def points(self) -> tuple[float, float]:
        return (960.0, 540.0) if self is DeckSize.WIDE else (720.0, 540.0)


class FontFace(Struct, frozen=True):
    """A family as reportlab names its four faces, and the typeface name the deck asks for."""

    regular: str
    bold: str
    italic: str
    bold_italic: str
    deck_family: str
    files: tuple[Path, ...] = ()  # TrueType files of regular, bold, italic, bold italic; empty: built-in

    def pick(self, bold: bool = False, italic: bool = False) -> str:
        """Return the reportlab font name of one face of this family."""
        if bold and italic:
            return self.bold_italic
        if bold:
            return self.bold
        return self.italic if italic else self.regular


class Colors(Struct, frozen=True):
    primary: str
    accent: str
    text: str
    muted: str
    background: str
    fill: str  # light tint behind takeaways, callouts and table headers
    palette: tuple[str, ...]  # chart series, in order


class BriefStyle(Struct, frozen=True):
    page: PageSize
    margin_pt: float
    columns: int
    body_pt: float
    title_pt: float
    heading_pt: float
    small_pt: float
    footnotes: str = "page"  # "page": at the foot of the page; "end": listed with the endnotes
    # width of the one-column text block's running text; None: about 66 characters of the body font
    measure_pt: float | None = None
    citations: str = "superscript"  # how a citation prints: "superscript" (¹,³) or "brackets" ([1, 3])


DEFAULT_TABLE_SLIDES = 3  # a table longer than this many slides shows what fits and points to the brief


class DeckStyle(Struct, frozen=True):
    size: DeckSize
    title_pt: float
    body_pt: float
    min_body_pt: float
    kicker_pt: float
    template: DeckTemplate | None  # a user's .pptx or .potx, read and checked; None: the built-in one
    title_band: bool  # a solid primary-colour band behind slide titles
    # a template's heading and body typefaces as the planner measures them (its files, else a stand-in)
    template_faces: tuple[FontFace, FontFace] | None = None
    fitting_notes: tuple[str, ...] = ()  # how fitting stands in for a template typeface it has no file of
    table_slides: int = DEFAULT_TABLE_SLIDES  # the most slides one table takes; 0: no limit


class Theme(Struct, frozen=True):
    name: str
    description: str
    colors: Colors
    heading_font: FontFace
    body_font: FontFace
    brief: BriefStyle
    deck: DeckStyle
    logo: ImageInfo | None  # checked at load, its pixel size read for the deck planner
    path: Path
    sources: tuple[Path, ...] = ()  # every theme file of the ``extends`` chain, this one first
    labels: tuple[tuple[str, str], ...] = ()  # fixed words the theme rewords (``labels:``), over the language's
