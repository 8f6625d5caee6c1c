"""Slide geometry: where the kicker, title, rule, body and footer sit, in points, per theme.

Stage: read by the deck planner (to measure into the right boxes) and by the deck renderer
(slide size). Kept in one place so every slide puts the same things in the same places,
which is most of what makes a deck look designed. Derived from ``theme.deck`` only.
"""

from __future__ import annotations

from dataclasses import dataclass

from .deck_plan_model import Box, Insets
from .measure import line_pitch_pt
from .theme_model import Theme

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


@dataclass(frozen=True, slots=True)
class CoverLayout:
    """The title slide: a column on the left, stacked top to bottom by the planner."""

    band: Box  # the primary band of a title-band theme
    rule: Box
    column: Box  # title, subtitle and meta are stacked inside it
    title_pt: float
    subtitle_pt: float
    meta_pt: float


@dataclass(frozen=True, slots=True)
class DeckLayout:
    width_pt: float
    height_pt: float
    kicker: Box
    title: Box
    rule: Box
    band: Box
    body: Box
    note: Box  # a source note at the bottom of the body area; the body shrinks when one is used
    footer_label: Box
    footer_organization: Box
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

    @property
    def content_width_pt(self) -> float:
        return self.width_pt - 2 * MARGIN_X_PT

    def body_above_note(self) -> Box:
        """Return the body box shortened to leave room for a source note under it."""
        return Box(self.body.x_pt, self.body.y_pt, self.body.w_pt, self.note.y_pt - 8.0 - self.body.y_pt)


def _round(value: float) -> float:
    return round(value, 2)


def deck_layout(theme: Theme) -> DeckLayout:
    """Return the geometry of every slide for ``theme``'s slide size and type sizes."""
    width, height = theme.deck.size.points
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
    cover = CoverLayout(
        band=Box(0.0, 0.0, width, _round(height * 0.62)),
        rule=Box(MARGIN_X_PT, cover_top - 18.0, 72.0, BAND_ACCENT_PT),
        column=Box(MARGIN_X_PT, cover_top, _round(content_w * 0.82), _round(footer_y - 20.0 - cover_top)),
        title_pt=_round(deck.title_pt * 1.45),
        subtitle_pt=_round(max(deck.body_pt, deck.title_pt * 0.7)),
        meta_pt=_round(max(deck.min_body_pt, deck.kicker_pt)),
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
