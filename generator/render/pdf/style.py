"""Derive every paragraph style and colour of the brief from the theme, once per render.

Stage: Theme in, BriefStyles out. Styles are built fresh for each document (never taken from
reportlab's shared sample sheet) so one render cannot change another. Vertical space is counted
in quarters of the body leading, and a heading with the space around it takes a whole number of
body lines, which keeps the text on a steady rhythm down the page.

Running text (body, bullets, sources, captions) is hyphenated with pyphen's dictionary for the
document's language (reportlab calls it when a word does not fit at the end of a line), three
letters at least on each side of a break; headings, titles, pull quotes, boxes (takeaways,
callouts), stat labels and table cells never are: short measures and display text read worse
broken than ragged. It is set ragged right: reportlab justifies by widening spaces only, which
leaves gaps in narrow columns, while hyphenation already keeps the right edge even. A language
written right to left (``labels.right_to_left``) sets every style flush right and ``mirrored``: its
indents and bullets on the right (``para.BriefParagraph``).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from functools import cache
from typing import Any

import pyphen
from msgspec import Struct
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from generator.labels import right_to_left
from generator.render.pdf.hyphen import Dictionary
from generator.theme.fonts import use_font
from generator.theme.model import BriefStyle, Theme

LEADING_RATIO = 1.42
CJK_LANGUAGES = frozenset({"ja", "zh"})
# A bare language tag means its most likely region (Unicode CLDR likely subtags), where pyphen's
# own alias picks another: "en" is en_GB and "de" is de_AT in pyphen.
LIKELY_DICTIONARY = {"en": "en_US", "de": "de_DE"}
HYPHEN_LEFT, HYPHEN_RIGHT = 3, 3  # fewest letters left on the line / carried to the next ("Ar-rivals" never)
HYPHEN_MIN_WORD = 6  # shorter words move to the next line whole


@cache
def _dictionary(name: str) -> Dictionary:
    return Dictionary(name, HYPHEN_LEFT, HYPHEN_RIGHT)


class Hyphenator(Struct, frozen=True):
    """A pyphen dictionary in the form reportlab's ``hyphenationLang`` accepts: word to (head, tail) splits.

    Given a language name, reportlab would load a new Pyphen (some 50 ms of pattern parsing) for
    every paragraph; this loads each dictionary once per process.
    """

    dictionary: str
    # words never to split: the paragraph's last, so its last line is more than a tail, and any whose
    # break would make a third hyphenated line in a row
    whole: frozenset[str] = frozenset()

    def __call__(self, word: str) -> Iterator[tuple[str, str]]:
        if word in self.whole:
            return iter(())
        if "-" in word:  # a compound breaks at its own hyphens ("two-/column"), never inside a part
            parts = word.split("-")
            return (("-".join(parts[:i]) + "-", "-".join(parts[i:])) for i in range(len(parts) - 1, 0, -1))
        return _dictionary(self.dictionary).iterate(word)

    def keeping_whole(self, *words: str) -> Hyphenator:
        """Return this hyphenator, refusing to split ``words`` too."""
        return Hyphenator(self.dictionary, self.whole | frozenset(words))


def hyphenator(language: str | None) -> Hyphenator | None:
    """Return the hyphenator for a BCP 47 ``language`` tag, or None where pyphen has no dictionary."""
    if not language:
        return None
    tag = language.replace("-", "_")
    name = pyphen.language_fallback(LIKELY_DICTIONARY.get(tag.lower(), tag))
    return Hyphenator(name) if name else None


def color(hex_rgb: str) -> Color:
    """Return a reportlab colour for a theme ``RRGGBB`` string."""
    return HexColor(f"#{hex_rgb}")


class Palette(Struct, frozen=True):
    primary: Color
    accent: Color
    text: Color
    muted: Color
    background: Color
    fill: Color
    rule: Color  # hairlines: the muted colour, lightened


class TypeScale(Struct, frozen=True):
    """The six sizes every text of the brief is set in (superscript citation numbers follow their text).

    A designer's brief uses few sizes, each with one job; four come from the theme, two follow:
    ``sub`` halfway between heading and body (sub-headings, box headings, pull quotes), and
    ``stat`` for the big numbers, halfway between title and heading, so a stat reads as a number
    to notice and never competes with the title.
    """

    title_pt: float  # the cover title
    stat_pt: float  # stat values (a row too narrow for them drops to the heading size, then ``sub``)
    heading_pt: float  # section headings and the subtitle
    sub_pt: float  # sub-headings, the takeaways' and callouts' headings, pull quotes
    body_pt: float  # running text, the takeaways, callout text, key messages (bold), chart titles (bold)
    small_pt: float  # table cells, captions, stat labels, sources, notes, authors, chart labels, page furniture

    @classmethod
    def of(cls, brief: BriefStyle) -> TypeScale:
        sub = max(brief.body_pt, round(brief.heading_pt + brief.body_pt) / 2)
        stat = min(round(brief.title_pt + brief.heading_pt) / 2, math.floor(brief.title_pt * 0.8 * 2) / 2)
        return cls(brief.title_pt, max(stat, brief.heading_pt), brief.heading_pt, sub, brief.body_pt, brief.small_pt)

    def steps_below_stat(self) -> tuple[float, ...]:
        """Return the sizes a stat value may drop to, largest first, when a row is too narrow for it."""
        return tuple(sorted({self.stat_pt, self.heading_pt, self.sub_pt}, reverse=True))


class BriefStyles(Struct, frozen=True):
    """The paragraph styles of one brief, plus the measures the block builders share."""

    lead_pt: float  # the base leading; vertical spaces are multiples of lead_pt / 2
    colors: Palette
    title: ParagraphStyle
    subtitle: ParagraphStyle
    kicker: ParagraphStyle
    meta: ParagraphStyle
    meta_strong: ParagraphStyle
    heading: ParagraphStyle
    key: ParagraphStyle
    body: ParagraphStyle
    item: ParagraphStyle  # a first-level bullet
    item_last: ParagraphStyle  # the last bullet of a list: body spacing after it
    sub_item: ParagraphStyle
    sub_item_last: ParagraphStyle  # the last sub-point under a bullet that is followed by more
    sub_item_end: ParagraphStyle  # the last sub-point of the whole list
    box_item: ParagraphStyle  # a bullet inside a box (the takeaways): never hyphenated
    box_item_last: ParagraphStyle
    box_heading: ParagraphStyle
    quote: ParagraphStyle
    attribution: ParagraphStyle
    figure_value: ParagraphStyle
    figure_label: ParagraphStyle
    caption: ParagraphStyle  # under an image
    table_caption: ParagraphStyle  # above a table, kept with it
    cell: ParagraphStyle
    cell_number: ParagraphStyle  # right-aligned, for columns of figures
    cell_head: ParagraphStyle
    cell_head_number: ParagraphStyle
    callout_title: ParagraphStyle
    callout_text: ParagraphStyle
    source: ParagraphStyle
    chart_title: ParagraphStyle
    chart_note: ParagraphStyle
    scale: TypeScale
    subheading: ParagraphStyle


def _tint(base: Color, amount: float) -> Color:
    """Mix ``base`` with white; ``amount`` 0 keeps it, 1 gives white."""
    return Color(*(c + (1 - c) * amount for c in (base.red, base.green, base.blue)))


def build_styles(theme: Theme, language: str | None) -> BriefStyles:
    """Return the brief's styles for ``theme``; ``language`` picks hyphenation and CJK line breaking."""
    brief, body_face, head_face = theme.brief, theme.body_font, theme.heading_font
    scale = TypeScale.of(brief)
    lead = round(brief.body_pt * LEADING_RATIO, 2)
    half = lead / 2
    muted = color(theme.colors.muted)
    palette = Palette(
        primary=color(theme.colors.primary), accent=color(theme.colors.accent),
        text=color(theme.colors.text), muted=muted, background=color(theme.colors.background),
        fill=color(theme.colors.fill), rule=_tint(muted, 0.55),
    )
    wrap = "CJK" if language in CJK_LANGUAGES else None
    # a right-to-left brief: flush right, indents and bullets on the right (``mirrored``, read when drawing)
    side: dict[str, object] = {"alignment": TA_RIGHT, "mirrored": True} if right_to_left(language) else {}
    small, small_lead, sub = scale.small_pt, scale.small_pt * 1.35, scale.sub_pt

    def style(name: str, font: str, size: float, leading: float, text_color: Color | None = None,
              **extra: object) -> ParagraphStyle:
        values: dict[str, object] = {
            "fontName": use_font(font), "fontSize": size, "leading": leading,
            "textColor": text_color or palette.text, "alignment": TA_LEFT,
            "allowWidows": 0, "allowOrphans": 0, "splitLongWords": 1,
        }
        if wrap:
            values["wordWrap"] = wrap
        values.update(side)
        values.update(extra)
        return ParagraphStyle(name, **values)

    hyphens = hyphenator(language)
    # running text: hyphenated where the language has a dictionary
    running: dict[str, Any] = {"hyphenationLang": hyphens, "hyphenationMinWordLength": HYPHEN_MIN_WORD} \
        if hyphens else {}
    body = style("body", body_face.regular, brief.body_pt, lead, spaceAfter=half * 1.5, **running)
    indent = brief.body_pt * 1.4
    item = style("item", body_face.regular, brief.body_pt, lead, spaceAfter=half * 0.5, leftIndent=indent,
                 bulletIndent=0, bulletFontName=body_face.regular, bulletFontSize=brief.body_pt,
                 bulletColor=palette.accent, **running)
    sub_item = ParagraphStyle("sub_item", parent=item, leftIndent=indent * 2, bulletIndent=indent,
                              bulletColor=muted, spaceAfter=half * 0.25)
    cell = style("cell", body_face.regular, small, small * 1.3)
    cell_head = style("cell_head", body_face.bold, cell.fontSize, cell.leading, palette.primary)
    caption = style("caption", body_face.italic, small, small_lead, muted, spaceAfter=lead, **running)
    heading_leading = brief.heading_pt * 1.25
    heading_before = lead * 1.5
    # the space after rounds the heading block (space before, heading, space after) to whole body lines
    heading_lines = max(2, round((heading_before + heading_leading) / lead + 0.25))
    heading_after = max(lead * 0.15, heading_lines * lead - heading_before - heading_leading)
    heading = style("heading", head_face.bold, brief.heading_pt, heading_leading, palette.primary,
                    spaceBefore=heading_before, spaceAfter=heading_after, keepWithNext=1)
    # the takeaways span the side margin: set a step larger, their lines stay near the body's measure
    box_item = ParagraphStyle("box_item", parent=item, hyphenationLang="", fontSize=sub, leading=round(sub * 1.36, 2),
                              bulletFontSize=sub, leftIndent=sub * 1.4)
    return BriefStyles(
        lead_pt=lead,
        colors=palette,
        title=style("title", head_face.bold, brief.title_pt, brief.title_pt * 1.12, palette.primary,
                    spaceAfter=half),
        subtitle=style("subtitle", head_face.regular, brief.heading_pt, brief.heading_pt * 1.3, palette.text,
                       spaceAfter=half),
        kicker=style("kicker", body_face.bold, small, small_lead, palette.accent, spaceAfter=half),
        meta=style("meta", body_face.regular, small, small_lead, muted),
        meta_strong=style("meta_strong", body_face.bold, small, small_lead, palette.text),
        heading=heading,
        key=style("key", body_face.bold, brief.body_pt, lead, palette.text, spaceAfter=half * 1.5, keepWithNext=1),
        body=body,
        item=item,
        item_last=ParagraphStyle("item_last", parent=item, spaceAfter=body.spaceAfter),
        sub_item=sub_item,
        sub_item_last=ParagraphStyle("sub_item_last", parent=sub_item, spaceAfter=half * 0.5),
        sub_item_end=ParagraphStyle("sub_item_end", parent=sub_item, spaceAfter=body.spaceAfter),
        box_item=box_item,
        box_item_last=ParagraphStyle("box_item_last", parent=box_item, spaceAfter=body.spaceAfter),
        box_heading=style("box_heading", head_face.bold, sub, lead, palette.primary, spaceAfter=half),
        quote=style("quote", body_face.italic, sub, sub * 1.35, palette.primary, spaceAfter=half),
        attribution=style("attribution", body_face.regular, small, small_lead, muted),
        figure_value=style("figure_value", head_face.bold, scale.stat_pt, scale.stat_pt * 1.1, palette.primary,
                           spaceAfter=half * 0.5),
        figure_label=style("figure_label", body_face.regular, small, small * 1.3, palette.text),
        caption=caption,
        table_caption=ParagraphStyle("table_caption", parent=caption, spaceAfter=half * 0.5, keepWithNext=1),
        cell=cell,
        cell_number=ParagraphStyle("cell_number", parent=cell, alignment=TA_RIGHT),
        cell_head=cell_head,
        cell_head_number=ParagraphStyle("cell_head_number", parent=cell_head, alignment=TA_RIGHT),
        callout_title=style("callout_title", head_face.bold, sub, lead, palette.primary, spaceAfter=half * 0.5),
        callout_text=style("callout_text", body_face.regular, brief.body_pt, lead),
        source=style("source", body_face.regular, small, small * 1.4, palette.text,
                     spaceAfter=half * 0.5, leftIndent=small * 2.2, bulletIndent=0,
                     bulletFontName=body_face.regular, bulletFontSize=small, **running),
        chart_title=style("chart_title", head_face.bold, brief.body_pt, lead, palette.text),
        chart_note=style("chart_note", body_face.regular, small, small_lead, muted),
        scale=scale,
        subheading=ParagraphStyle("subheading", parent=heading, fontSize=sub, leading=sub * 1.25,
                                  spaceBefore=lead, spaceAfter=lead * 0.3, keepWithNext=1),
    )
