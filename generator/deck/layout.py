"""Slide geometry: where the kicker, title, rule, body and footer sit, in points, per theme.

Stage: read by the deck planner (to measure into the right boxes) and by the deck renderer
(slide size). Kept in one place so every slide puts the same things in the same places,
which is most of what makes a deck look designed. Derived from ``theme.deck`` only: with a
template, from the template's slide size and its layouts' placeholders (already read by
the theme loader), so text lands where the template's designer put titles, bodies and
footers, and the template's own graphics stay clear.
"""

from __future__ import annotations

import math

from msgspec import Struct
from msgspec.structs import replace

from generator.deck.model import Align, Box, ColorRole, Insets
from generator.theme.measure import line_pitch_pt
from generator.theme.model import Theme
from generator.theme.template import EMU_PER_PT, DeckTemplate, LayoutRole, PlaceholderInfo

MARGIN_X_PT = 48.0
TOP_PT = 26.0
FOOTER_PT = 9.0
FOOTER_HEIGHT_PT = 16.0
FOOTER_BOTTOM_PT = 14.0  # gap between the footer and the slide's bottom edge
NOTE_PT = 10.0  # source notes under charts, figures, quotes
BODY_GAP_PT = 18.0  # between the title rule and the body
RULE_PT = 1.0
BAND_ACCENT_PT = 4.0
TITLE_LINES = 2
TITLE_MIN_RATIO = 0.6
KICKER_MIN_RATIO = 0.75
NO_INSETS = Insets()
TEXT_INSETS = Insets(0.0, 2.0, 0.0, 2.0)  # flush left with the rule; a hair above and below
LOGO_HEIGHT_PT = 39.6  # 0.55 in: a logo on the title slide
LOGO_MAX_WIDTH_PT = 180.0  # a very wide logo is set lower than LOGO_HEIGHT_PT rather than wider


class TemplateCover(Struct, frozen=True):
    """A template's title slide: its title placeholder, and the area under it for subtitle and meta."""

    title: Box
    below: Box
    title_align: Align
    below_align: Align


class CoverLayout(Struct, frozen=True):
    """The title slide: a column on the left, stacked top to bottom by the planner."""

    band: Box  # the primary band of a title-band theme
    rule: Box
    column: Box  # title, subtitle and meta are stacked inside it
    title_pt: float
    subtitle_pt: float
    meta_pt: float
    logo: Box  # where a theme's logo is fitted, right-aligned; clear of title, subtitle and meta
    template: TemplateCover | None = None  # with a template: its placeholders instead of the column


class DeckLayout(Struct, frozen=True):
    """The slide's size and the boxes every slide of the deck shares."""

    width_pt: float
    height_pt: float
    kicker: Box
    title: Box
    rule: Box | None  # the accent rule under titles; a template brings its own look instead
    band: Box
    body: Box
    note: Box  # a source note at the bottom of the body area; the body shrinks when one is used
    footer_label: Box
    footer_organization: Box | None  # a template may have no place for it
    footer_number: Box
    cover: CoverLayout
    title_pt: float
    min_title_pt: float
    kicker_pt: float
    min_kicker_pt: float
    body_pt: float
    min_body_pt: float
    footer_pt: float
    note_pt: float
    title_band: bool
    title_align: Align = Align.LEFT  # kicker and title: a template's titles may be centred
    title_color: ColorRole | None = None  # None: the theme's (primary, or white on a band)
    kicker_color: ColorRole | None = None  # None: the theme's (accent, or white on a band)
    footer_aligns: tuple[Align, Align, Align] = (Align.LEFT, Align.RIGHT, Align.RIGHT)  # label, organization, number

    @property
    def content_width_pt(self) -> float:
        return self.width_pt - 2 * MARGIN_X_PT

    def body_above_note(self) -> Box:
        """Return the body box shortened to leave room for a source note under it."""
        return Box(self.body.x_pt, self.body.y_pt, self.body.w_pt, self.note.y_pt - 8.0 - self.body.y_pt)


def _round(value: float) -> float:
    return round(value, 2)


def _floor(value: float) -> float:
    """Return a length rounded down to 0.01 pt, so a box placed inside another never pokes out of it."""
    return math.floor(value * 100 + 1e-6) / 100


def deck_layout(theme: Theme) -> DeckLayout:
    """Return the geometry of every slide for ``theme``'s slide size (or its template's) and type sizes."""
    template = theme.deck.template
    if template is None:
        return _standard(theme, *theme.deck.size.points)
    info = template.info
    return _from_template(_standard(theme, info.width_emu / EMU_PER_PT, info.height_emu / EMU_PER_PT), template)


def _standard(theme: Theme, width: float, height: float) -> DeckLayout:
    deck = theme.deck
    content_w = width - 2 * MARGIN_X_PT
    pad = TEXT_INSETS.top_pt + TEXT_INSETS.bottom_pt
    kicker = Box(MARGIN_X_PT, TOP_PT, content_w, _round(line_pitch_pt(deck.kicker_pt) + pad))
    title = Box(MARGIN_X_PT, kicker.bottom_pt + 2.0, content_w,
                _round(TITLE_LINES * line_pitch_pt(deck.title_pt) + pad))
    rule = Box(MARGIN_X_PT, _round(title.bottom_pt + 10.0), content_w, RULE_PT)
    band = Box(0.0, 0.0, width, _round(title.bottom_pt + 14.0))
    footer_y = height - FOOTER_BOTTOM_PT - FOOTER_HEIGHT_PT
    # a band weighs more than a hairline: the body keeps more distance from it
    below = band.bottom_pt + BAND_ACCENT_PT + BODY_GAP_PT + 6.0 if deck.title_band else rule.bottom_pt + BODY_GAP_PT
    body_top = _round(below)
    body = Box(MARGIN_X_PT, body_top, content_w, _round(footer_y - 12.0 - body_top))
    note_h = _round(2 * line_pitch_pt(NOTE_PT) + pad)
    note = Box(MARGIN_X_PT, _round(body.bottom_pt - note_h), content_w, note_h)
    number_w = 60.0
    label_w = _round(content_w * 0.55)
    cover_top = _round(height * 0.25)
    cover_band = Box(0.0, 0.0, width, _round(height * 0.62))
    column = Box(MARGIN_X_PT, cover_top, _round(content_w * 0.82), _round(footer_y - 20.0 - cover_top))
    cover = CoverLayout(
        band=cover_band,
        rule=Box(MARGIN_X_PT, cover_top - 18.0, 72.0, BAND_ACCENT_PT),
        column=column,
        title_pt=_round(deck.title_pt * 1.45),
        subtitle_pt=_round(max(deck.body_pt, deck.title_pt * 0.7)),
        meta_pt=_round(max(deck.min_body_pt, deck.kicker_pt)),
        logo=_cover_logo(width, cover_band, column, deck.title_band),
    )
    return DeckLayout(
        width_pt=width,
        height_pt=height,
        kicker=kicker,
        title=title,
        rule=rule,
        band=band,
        body=body,
        note=note,
        footer_label=Box(MARGIN_X_PT, footer_y, label_w, FOOTER_HEIGHT_PT),
        footer_organization=Box(_round(MARGIN_X_PT + label_w + 12.0), footer_y,
                                _round(content_w - label_w - 24.0 - number_w), FOOTER_HEIGHT_PT),
        footer_number=Box(_round(width - MARGIN_X_PT - number_w), footer_y, number_w, FOOTER_HEIGHT_PT),
        cover=cover,
        title_pt=deck.title_pt,
        min_title_pt=_round(deck.title_pt * TITLE_MIN_RATIO),
        kicker_pt=deck.kicker_pt,
        min_kicker_pt=_round(deck.kicker_pt * KICKER_MIN_RATIO),
        body_pt=deck.body_pt,
        min_body_pt=deck.min_body_pt,
        footer_pt=FOOTER_PT,
        note_pt=NOTE_PT,
        title_band=deck.title_band,
    )


def _cover_logo(width: float, band: Box, column: Box, title_band: bool) -> Box:
    """Return the corner a logo is fitted into: top right, or on a band theme under the band.

    Logos are drawn for white paper (the brief prints them on white), so a band theme sets
    its logo level with the date and authors, right of their column, rather than on the band.
    """
    right = width - MARGIN_X_PT
    if not title_band:
        return Box(_round(right - LOGO_MAX_WIDTH_PT), TOP_PT, LOGO_MAX_WIDTH_PT, LOGO_HEIGHT_PT)
    left = column.right_pt + 12.0
    return Box(_round(left), _round(band.bottom_pt + 26.0), _floor(right - left), LOGO_HEIGHT_PT)


MIN_BODY_SHARE = (0.4, 0.3)  # a template's body placeholder narrower or shorter than this is not used
ALIGNS = {"ctr": Align.CENTER, "r": Align.RIGHT}  # justified and distributed lines are set flush left


def _align(ph: PlaceholderInfo | None) -> Align:
    return Align.LEFT if ph is None else ALIGNS.get(ph.align, Align.LEFT)


def _placed(ph: PlaceholderInfo | None, layout: DeckLayout) -> Box | None:
    """Return a placeholder's box in points, clipped to the slide; None when absent or too small for text."""
    if ph is None or not ph.placed:
        return None
    x, y = max(0.0, ph.left_emu / EMU_PER_PT), max(0.0, ph.top_emu / EMU_PER_PT)  # type: ignore[operator]
    right = min(layout.width_pt, (ph.left_emu + ph.width_emu) / EMU_PER_PT)  # type: ignore[operator]
    bottom = min(layout.height_pt, (ph.top_emu + ph.height_emu) / EMU_PER_PT)  # type: ignore[operator]
    if right - x < 36.0 or bottom - y < 8.0:
        return None
    x, y = math.ceil(x * 100 - 1e-6) / 100, math.ceil(y * 100 - 1e-6) / 100
    return Box(x, y, _floor(right - x), _floor(bottom - y))


def _headings(base: DeckLayout, title: Box) -> tuple[Box, Box]:
    """Return the kicker and title boxes inside a template's title placeholder.

    The kicker takes the placeholder's top line, so all heading text stays in the area the
    template keeps for titles; only a placeholder too short for both puts the kicker above it.
    """
    kicker_h = base.kicker.h_pt
    least = kicker_h + 2.0 + line_pitch_pt(base.min_title_pt) + TEXT_INSETS.top_pt + TEXT_INSETS.bottom_pt
    if title.h_pt >= least or title.y_pt < kicker_h + 4.0:
        kicker = Box(title.x_pt, title.y_pt, title.w_pt, kicker_h)
        top = _round(title.y_pt + kicker_h + 2.0)
        rest = Box(title.x_pt, top, title.w_pt, _floor(title.y_pt + max(title.h_pt, least) - top))
        return kicker, rest
    return Box(title.x_pt, _round(title.y_pt - kicker_h - 2.0), title.w_pt, kicker_h), title


def _footers(base: DeckLayout, template: DeckTemplate
             ) -> tuple[tuple[Box, Box | None, Box], tuple[Align, Align, Align]]:
    """Return the label, organization and number boxes and alignments: the template's footer, date and number."""
    content = template.layout(LayoutRole.CONTENT)
    places = tuple(content.placeholder(kind) for kind in ("ftr", "dt", "sldNum"))
    label, organization, number = (_placed(ph, base) for ph in places)
    if label is None or number is None:
        return (base.footer_label, base.footer_organization, base.footer_number), base.footer_aligns
    return (label, organization, number), (_align(places[0]), _align(places[1]), _align(places[2]))


def _from_template(base: DeckLayout, template: DeckTemplate) -> DeckLayout:
    """Return ``base`` (already at the template's size) moved into the template's placeholders."""
    content = template.layout(LayoutRole.CONTENT)
    title_ph = (content.placeholder("title", "ctrTitle")
                or template.layout(LayoutRole.TITLE_ONLY).placeholder("title", "ctrTitle"))
    title_box = _placed(title_ph, base)
    kicker, title = _headings(base, title_box) if title_box else (base.kicker, base.title)
    (label, organization, number), footer_aligns = _footers(base, template)
    footer_top = min(box.y_pt for box in (label, organization, number) if box is not None)
    top, bottom = _round(title.bottom_pt + BODY_GAP_PT), _round(footer_top - 12.0)
    body = Box(title.x_pt, top, title.w_pt, _round(bottom - top))
    placeholder = _placed(content.body(), base)
    if placeholder is not None:
        y, end = max(placeholder.y_pt, _round(title.bottom_pt + 8.0)), min(placeholder.bottom_pt, bottom)
        if placeholder.w_pt >= base.width_pt * MIN_BODY_SHARE[0] and end - y >= base.height_pt * MIN_BODY_SHARE[1]:
            body = Box(placeholder.x_pt, y, placeholder.w_pt, _floor(end - y))
    note = Box(body.x_pt, _round(body.bottom_pt - base.note.h_pt), body.w_pt, base.note.h_pt)
    return replace(base, kicker=kicker, title=title, rule=None, body=body, note=note, footer_label=label,
                   footer_organization=organization, footer_number=number, title_band=False,
                   title_align=_align(title_ph) if title_box else Align.LEFT, footer_aligns=footer_aligns,
                   title_color=ColorRole.INHERITED,
                   kicker_color=ColorRole.TITLE_INK if template.title_fill else ColorRole.ACCENT,
                   cover=replace(base.cover, template=_cover(base, template, footer_top)))


def _cover(base: DeckLayout, template: DeckTemplate, footer_top: float) -> TemplateCover | None:
    """Return the title slide's places: the title placeholder, and the subtitle's (or the room under the title)."""
    layout = template.layout(LayoutRole.TITLE)
    title_ph, below_ph = layout.placeholder("ctrTitle", "title"), layout.placeholder("subTitle", "body", "obj")
    title = _placed(title_ph, base)
    if title is None:
        return None
    limit = footer_top - 12.0
    below = _placed(below_ph, base)
    if below is None or below.y_pt < title.bottom_pt - 1.0 or below.bottom_pt > limit:
        top = (below.y_pt if below is not None and below.y_pt >= title.bottom_pt - 1.0 else title.bottom_pt + 12.0)
        x, w = (below.x_pt, below.w_pt) if below is not None else (title.x_pt, title.w_pt)
        below = Box(x, _round(top), w, _round(limit - top))
    if below.h_pt < 2 * line_pitch_pt(base.cover.meta_pt):
        return None
    return TemplateCover(title, below, _align(title_ph), _align(below_ph) if below_ph else _align(title_ph))
