"""Fixture pieces both renderers' tests share: a theme built in code, inline text, fixed values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.model import RichText
from generator.readers.markup import parse_inline
from generator.theme.model import BriefStyle, Colors, DeckSize, DeckStyle, FontFace, PageSize, Theme

CREATED = dt.datetime(2026, 4, 2, tzinfo=dt.UTC)
HELVETICA = FontFace("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique", "Arial")
TIMES = FontFace("Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic", "Times New Roman")
MARKUP_TRAPS = ("<b>not bold</b>", "AT&T", "a < b > c", "&amp;", "<para>")


def rt(text: str) -> RichText:
    """Return outline inline markup (``**bold**``, ``[label](url)``, ``[@id]``) as RichText."""
    return parse_inline(text).text


def make_theme(band: bool = False, body: FontFace = HELVETICA, columns: int = 1,
               page: PageSize = PageSize.A4) -> Theme:
    """Return a classic-looking theme; ``band`` turns on the title band and larger type of bold themes."""
    return Theme(
        name="band" if band else "test", description="test theme",
        colors=Colors(primary="1F3A5F", accent="C8102E", text="1A1A1A", muted="5C6670", background="FFFFFF",
                      fill="EEF2F7", palette=("1F3A5F", "C8102E", "6E8CA8", "E3A72F", "3F7F5F", "8C6BB1")),
        heading_font=HELVETICA,
        body_font=body,
        brief=BriefStyle(page=page, margin_pt=56.7, columns=columns, body_pt=10.5, title_pt=26, heading_pt=15,
                         small_pt=8),
        deck=DeckStyle(size=DeckSize.WIDE, title_pt=32 if band else 28, body_pt=22 if band else 20,
                       min_body_pt=16 if band else 14, kicker_pt=13, template=None, title_band=band),
        logo=None,
        path=Path("themes/test.yaml"),
    )
