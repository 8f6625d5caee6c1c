"""The parts every content slide shares: planning context, heading, footer, source note.

Stage: part of the pure deck planner. The context collects warnings as values (with the
outline line they point at) instead of logging them, so the CLI decides how to show them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from generator.deck.layout import BAND_ACCENT_PT, BODY_GAP_PT, TEXT_INSETS, DeckLayout
from generator.deck.model import Align, Anchor, Box, ColorRole, FontRole, Footer, Heading, Para, Rect, Run, TextFrame
from generator.deck.text import Faces, fit_text, inner, plain_runs, runs_text
from generator.errors import BuildWarning
from generator.labels import Labels, labels_for
from generator.model import Document
from generator.theme.measure import line_count, wrap
from generator.theme.model import Theme

FOOTER_MIN_PT = 7.0
NOTE_MIN_PT = 8.0
RULE_GAP_PT = 10.0  # between a title's last line and the rule under it
NARROWEST_SHARE = 0.4  # a balanced title is never set narrower than this share of its box


def short(text: str, limit: int = 60) -> str:
    """Return ``text`` cut to ``limit`` characters for a warning message."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


@dataclass(slots=True)
class Context:
    """What every planning step reads, and the warnings they return."""

    doc: Document
    theme: Theme
    layout: DeckLayout
    faces: Faces
    warnings: list[BuildWarning] = field(default_factory=list)

    @property
    def labels(self) -> Labels:
        return labels_for(self.doc.language, self.theme.labels)

    def warn(self, line: int, origin: str, message: str) -> None:
        self.warnings.append(BuildWarning(self.doc.path, line, f"{origin}: {message}"))


def _balanced(para: Para, box: Box, faces: Faces, align: Align) -> Box:
    """Return ``box`` narrowed to the least width that keeps the title's line count.

    A greedy wrap fills the first line and leaves the rest to the last, which can be one
    word; the narrowest width with the same number of lines evens them out, so no word
    stands alone on a second line when a better break exists. The box keeps its alignment.
    """
    width, _ = inner(box, TEXT_INSETS)
    face = faces.face(para.font)
    lines = line_count(para.runs, face, para.size_pt, width)
    if lines < 2:
        return box
    low, high = width * NARROWEST_SHARE, width
    for _ in range(20):
        middle = (low + high) / 2
        if len(wrap(para.runs, face, para.size_pt, middle)) <= lines:
            high = middle
        else:
            low = middle
    new_w = math.ceil((high + TEXT_INSETS.left_pt + TEXT_INSETS.right_pt) * 100) / 100
    shift = {Align.LEFT: 0.0, Align.CENTER: (box.w_pt - new_w) / 2, Align.RIGHT: box.w_pt - new_w}[align]
    return Box(round(box.x_pt + shift, 2), box.y_pt, new_w, box.h_pt)


def _hugged(para: Para, box: Box, faces: Faces) -> Box:
    """Return ``box`` only as tall as the title's lines, so the rule under it can follow the last line."""
    width, _ = inner(box, TEXT_INSETS)
    lines = line_count(para.runs, faces.face(para.font), para.size_pt, width)
    height = lines * para.line_pt + TEXT_INSETS.top_pt + TEXT_INSETS.bottom_pt
    return Box(box.x_pt, box.y_pt, box.w_pt, min(box.h_pt, math.ceil(height * 100) / 100))


def _title_frame(ctx: Context, runs: Sequence[Run], origin: str, line: int) -> tuple[TextFrame, bool]:
    """Return the slide title's frame and whether its text had to be cut."""
    layout = ctx.layout
    color = layout.title_color or (ColorRole.ON_PRIMARY if layout.title_band else ColorRole.PRIMARY)
    fitted = fit_text(runs, layout.title, TEXT_INSETS, ctx.faces, FontRole.HEADING, color,
                      layout.title_pt, layout.min_title_pt, layout.title_align)
    if fitted.truncated:
        ctx.warn(line, origin, f"slide title cut to fit; shown in full on the slide: {short(runs_text(runs))!r}")
    elif fitted.shrunk:
        ctx.warn(line, origin, f"slide title shrunk to {fitted.para.size_pt:g} pt to fit two lines")
    # on a band, a one-line title sits in the band's middle rather than at its top
    anchor = Anchor.MIDDLE if layout.title_band else Anchor.TOP
    box = _balanced(fitted.para, layout.title, ctx.faces, fitted.para.align)
    if _rule_follows(layout):
        box = _hugged(fitted.para, box, ctx.faces)
    return TextFrame(box, (fitted.para,), TEXT_INSETS, anchor), fitted.truncated


def _rule_follows(layout: DeckLayout) -> bool:
    """Return whether the accent rule (and the body) move up under a title shorter than its box."""
    return layout.rule is not None and not layout.title_band


def _kicker_frame(ctx: Context, runs: Sequence[Run], origin: str, line: int) -> tuple[TextFrame, bool]:
    """Return the kicker's frame (the section title, small, above the title) and whether it was cut."""
    layout = ctx.layout
    color = layout.kicker_color or (ColorRole.ON_PRIMARY if layout.title_band else ColorRole.ACCENT)
    bold = tuple(Run(run.text, True, run.italic, run.link) for run in runs)
    fitted = fit_text(bold, layout.kicker, TEXT_INSETS, ctx.faces, FontRole.HEADING, color,
                      layout.kicker_pt, layout.min_kicker_pt, layout.title_align)
    if fitted.truncated:
        ctx.warn(line, origin, f"section title cut to fit the kicker line; shown in full on the slide: "
                               f"{short(runs_text(runs))!r}")
    return TextFrame(layout.kicker, (fitted.para,), TEXT_INSETS), fitted.truncated


def decorations(layout: DeckLayout, title: Box | None = None) -> tuple[Rect, ...]:
    """Return the title band (bold themes), the thin accent rule under the title, or nothing (templates).

    Given the title's box, the rule sits just under its last line, however many lines it has.
    """
    if layout.title_band:
        band = layout.band
        strip = Box(band.x_pt, band.bottom_pt, band.w_pt, BAND_ACCENT_PT)
        return (Rect(band, ColorRole.PRIMARY), Rect(strip, ColorRole.ACCENT))
    if layout.rule is None:
        return ()
    rule = layout.rule
    if title is not None:
        rule = Box(rule.x_pt, round(title.bottom_pt + RULE_GAP_PT, 2), rule.w_pt, rule.h_pt)
    return (Rect(rule, ColorRole.ACCENT),)


def body_top(layout: DeckLayout, title: Box) -> float:
    """Return where the body starts under a title in ``title``: below its rule when the rule follows it."""
    if not _rule_follows(layout):
        return layout.body.y_pt
    return min(layout.body.y_pt, round(title.bottom_pt + RULE_GAP_PT + layout.rule.h_pt + BODY_GAP_PT, 2))  # type: ignore[union-attr]


def area(layout: DeckLayout, heading: Heading, note: bool = False) -> Box:
    """Return the body area under ``heading``, shortened to leave room for a source note when ``note``."""
    body = layout.body
    bottom = layout.note.y_pt - 8.0 if note else body.bottom_pt
    return Box(body.x_pt, heading.body_top_pt, body.w_pt, round(bottom - heading.body_top_pt, 2))


@dataclass(slots=True)
class Heads:
    """A section's heading and its "(cont.)" twin, planned once and shared by its slides.

    ``cut`` lists the texts (kicker, title) that only fit with an ellipsis: the section
    shows them in full at the top of its first body, so no word of the outline is lost.
    """

    ctx: Context
    kicker: tuple[Run, ...] | None
    title: tuple[Run, ...]
    origin: str
    line: int
    cut: list[tuple[Run, ...]] = field(default_factory=list)
    _kicker: TextFrame | None = None
    _made: dict[bool, Heading] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kicker:
            self._kicker, cut = _kicker_frame(self.ctx, self.kicker, self.origin, self.line)
            self.cut += [self.kicker] if cut else []

    def get(self, continued: bool = False) -> Heading:
        if continued not in self._made:
            title = (*self.title, Run(f" {self.ctx.labels.cont}")) if continued else self.title
            frame, cut = _title_frame(self.ctx, title, self.origin, self.line)
            if cut and not continued:
                self.cut.append(self.title)
            self._made[continued] = self._heading(frame, self._kicker)
        return self._made[continued]

    def titled(self, title: Sequence[Run], continued: bool = False) -> Heading:
        """Return the heading of a later slide of the section that shows a block of its own: its own title.

        A title that is the section's own title (the kicker) drops the kicker, so it is not said twice.
        """
        runs = (*title, Run(f" {self.ctx.labels.cont}")) if continued else tuple(title)
        frame, _ = _title_frame(self.ctx, runs, self.origin, self.line)
        same = self.kicker is not None and runs_text(title) == runs_text(self.kicker)
        return self._heading(frame, None if same else self._kicker)

    def _heading(self, frame: TextFrame, kicker: TextFrame | None) -> Heading:
        layout = self.ctx.layout
        return Heading(kicker, frame, decorations(layout, frame.box), body_top(layout, frame.box))


class HeadingSource(Protocol):
    """What a block's planner asks for its slides' headings: the first, or a "(cont.)" one."""

    def get(self, continued: bool = False) -> Heading: ...


@dataclass(slots=True)
class Retitled:
    """The headings of a later slide of a section that shows a block of its own, under that block's title."""

    heads: Heads
    title: tuple[Run, ...]
    _made: dict[bool, Heading] = field(default_factory=dict)

    def get(self, continued: bool = False) -> Heading:
        if continued not in self._made:
            self._made[continued] = self.heads.titled(self.title, continued)
        return self._made[continued]


def _footer_text(ctx: Context, text: str | None, box: Box, align: Align, required: bool) -> TextFrame | None:
    runs = plain_runs(text)
    if not runs:
        return None
    fitted = fit_text(runs, box, TEXT_INSETS, ctx.faces, FontRole.BODY, ColorRole.MUTED,
                      ctx.layout.footer_pt, FOOTER_MIN_PT, align)
    if fitted.truncated and not required:
        return None
    if fitted.truncated:
        ctx.warn(1, "label", "label cut to fit the footer")
    return TextFrame(box, (fitted.para,), TEXT_INSETS)


@dataclass(slots=True)
class Footers:
    """Footers by slide number; the label and organization are planned once."""

    ctx: Context
    label: TextFrame | None = None
    organization: TextFrame | None = None

    def __post_init__(self) -> None:
        layout = self.ctx.layout
        label_align, organization_align, _ = layout.footer_aligns
        self.label = _footer_text(self.ctx, self.ctx.doc.label, layout.footer_label, label_align, False)
        if self.label is None and self.ctx.doc.label:
            # a label must be on every slide: it takes the organization's place and two lines
            wide = Box(layout.footer_label.x_pt, layout.footer_label.y_pt - 6.0,
                       max(layout.footer_label.w_pt, layout.footer_number.x_pt - 12.0 - layout.footer_label.x_pt),
                       layout.footer_label.h_pt + 6.0)
            self.label = _footer_text(self.ctx, self.ctx.doc.label, wide, label_align, True)
            return
        if layout.footer_organization is not None:
            self.organization = _footer_text(self.ctx, self.ctx.doc.organization, layout.footer_organization,
                                             organization_align, False)

    def number(self, number: int) -> Footer:
        layout = self.ctx.layout
        frame = _footer_text(self.ctx, str(number), layout.footer_number, layout.footer_aligns[2], True)
        assert frame is not None
        return Footer(self.label, self.organization, frame)


def source_note(ctx: Context, source_ids: Iterable[str | None], origin: str, line: int) -> TextFrame | None:
    """Return a "Source:" line naming the cited sources, or None when nothing is cited."""
    ids = [sid for sid in dict.fromkeys(source_ids) if sid]
    if not ids:
        return None
    parts = []
    for sid in ids:
        source = ctx.doc.source(sid)
        by = source.publisher or source.author
        parts.append(f"[{source.number}] {source.title}" + (f", {by}" if by else ""))
    lead = f"{ctx.labels.source if len(ids) == 1 else ctx.labels.sources_lead} "
    runs = (Run(lead, bold=True), *plain_runs("; ".join(parts)))
    fitted = fit_text(runs, ctx.layout.note, TEXT_INSETS, ctx.faces, FontRole.BODY, ColorRole.MUTED,
                      ctx.layout.note_pt, NOTE_MIN_PT)
    if fitted.truncated:
        ctx.warn(line, origin, "source note cut to fit; the Sources slide lists every source in full")
    return TextFrame(ctx.layout.note, (fitted.para,), TEXT_INSETS, Anchor.BOTTOM)
