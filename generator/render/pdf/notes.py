"""Footnotes in the brief: numbered marks in the text, the notes at the foot of the page or at the end.

Stage: model footnote spans in, flowables out. Notes are numbered once, in reading order, before
anything is drawn. At the foot of the page, a zero-height ``NoteMark`` follows the block that
cites the note and holds the notes' height, so a paragraph and its notes go on one page
together; the ``NoteReserve`` after it gives that room back to the text and raises the bottom of
the frame by as much instead, so the text flows on above the notes. The canvas draws the page's
notes, under a short rule, when the page is finished. Two-column briefs, whose columns are balanced by measuring rather
than placing, list their notes at the end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer

from generator import model
from generator.render.pdf.para import BriefParagraph as ParagraphFlowable

RULE_WIDTH_PT = 72.0


def numbered_notes(doc: model.Document) -> dict[int, int]:
    """Return the number of each footnote span the brief prints, keyed by the span's identity."""
    shown = [doc.subtitle, doc.summary, [(s.title, s.key, s.content) for s in doc.sections if not s.brief_skip]]
    return {id(span): number for number, span in enumerate(model.footnotes(shown), start=1)}


@dataclass
class Footnotes:
    """The brief's footnotes: their numbers, where they go, and how a note's text is set."""

    numbers: dict[int, int]
    at_page_foot: bool
    style: ParagraphStyle
    markup: Callable[[model.RichText], str]  # a note's text as paragraph markup
    gap_pt: float
    listed: list[tuple[int, str]] = field(default_factory=list)  # (number, markup) for the end list

    def _paragraph(self, number: int, text: model.RichText) -> ParagraphFlowable:
        return ParagraphFlowable(self.markup(text), self.style, bulletText=f"{number}.")

    def marks(self, value: object, after: Flowable | None) -> list[Flowable]:
        """Return what follows a block (or heading) that cites notes: a NoteMark at the page foot, else nothing."""
        spans = [span for span in model.footnotes(value) if id(span) in self.numbers]
        if not spans:
            return []
        if not self.at_page_foot:
            self.listed += [(self.numbers[id(span)], self.markup(span.note)) for span in spans if span.note]
            return []
        paragraphs = [self._paragraph(self.numbers[id(span)], span.note) for span in spans if span.note]
        mark = NoteMark(paragraphs, self.gap_pt)
        if isinstance(after, ParagraphFlowable):  # a paragraph moves on with its notes; a table may not
            mark.keepWithNext, after.keepWithNext = after.getKeepWithNext(), 1
        return [mark, NoteReserve(mark)]

    def end_flowables(self, heading: Flowable) -> list[Flowable]:
        """Return the "Notes" list for the end of the brief (empty when notes sit at page feet)."""
        if not self.listed:
            return []
        parts: list[Flowable] = [heading, Spacer(1, self.gap_pt * 0.5)]
        parts += [ParagraphFlowable(markup, self.style, bulletText=f"{number}.") for number, markup in self.listed]
        return parts


@dataclass
class _FrameNotes:
    frame: Any
    y1_pt: float  # the frame's own bottom edge and height, given back when the page is finished
    full_height_pt: float
    x_pt: float
    bottom_pt: float
    width_pt: float
    height_pt: float = 0.0
    paragraphs: list[tuple[ParagraphFlowable, float]] = field(default_factory=list)


class NoteMark(Flowable):
    """Holds room for its notes right after the block that cites them, so block and notes fit together."""

    _SPACETRANSFER = True  # the space after the block still separates it from what follows

    def __init__(self, paragraphs: list[ParagraphFlowable], gap_pt: float) -> None:
        super().__init__()
        self.paragraphs = paragraphs
        self.gap_pt = gap_pt
        self.width = self.height = 0
        self.heights: list[float] = []
        self.needed_pt = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        self.heights = [p.wrap(availWidth, 0x7FFFFFFF)[1] for p in self.paragraphs]
        frame = getattr(self, "_frame", None)
        first = id(frame) not in getattr(getattr(self, "canv", None), "footnote_frames", {})  # it draws the rule
        self.needed_pt = sum(self.heights) + (self.gap_pt * 1.5 if first else 0.0)
        return 0, self.needed_pt

    def draw(self) -> None:
        pass


class NoteReserve(Flowable):
    """Gives the room its mark held back to the text and takes it from the foot of the frame instead."""

    def __init__(self, mark: NoteMark) -> None:
        super().__init__()
        self.mark = mark

    def frameAction(self, frame: Any) -> None:  # noqa: N802 (reportlab API)
        pending = getattr(self.canv, "footnote_frames", None) if hasattr(self, "canv") else None
        mark = self.mark
        if pending is None or not mark.heights:
            return
        notes = pending.setdefault(id(frame), _FrameNotes(frame, frame._y1, frame._height,
                                                          frame._x1 + frame._leftPadding, frame._y1p,
                                                          frame._getAvailableWidth()))
        notes.paragraphs += list(zip(mark.paragraphs, mark.heights, strict=True))
        notes.height_pt += mark.needed_pt
        frame._y += mark.needed_pt
        frame.y1, frame.height = frame._y1 + mark.needed_pt, frame._height - mark.needed_pt


def draw_page_notes(canvas: Any, rule_color: Any, rtl: bool = False) -> None:
    """Draw the notes reserved on the page being finished, each frame's under a short rule (at its right, ``rtl``)."""
    for notes in getattr(canvas, "footnote_frames", {}).values():
        top = notes.bottom_pt + notes.height_pt
        canvas.saveState()
        canvas.setStrokeColor(rule_color)
        canvas.setLineWidth(0.5)
        gap = notes.height_pt - sum(height for _, height in notes.paragraphs)
        rule_pt = min(RULE_WIDTH_PT, notes.width_pt)
        left = notes.x_pt + notes.width_pt - rule_pt if rtl else notes.x_pt
        canvas.line(left, top - gap * 0.45, left + rule_pt, top - gap * 0.45)
        canvas.restoreState()
        y = top - gap
        for paragraph, height in notes.paragraphs:
            y -= height
            paragraph.drawOn(canvas, notes.x_pt, y)
        notes.frame.y1, notes.frame.height = notes.y1_pt, notes.full_height_pt
    canvas.footnote_frames = {}
