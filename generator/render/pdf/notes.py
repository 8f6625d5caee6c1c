"""Footnotes in the brief: numbered marks in the text, the notes at the foot of the page or at the end.

Stage: model footnote spans in, flowables out. Notes are numbered once, in reading order, before
anything is drawn. At the foot of the page, a zero-height ``NoteMark`` follows the block that
cites the note: when it is placed it raises the bottom of its frame by the note's height, so
the text that follows flows above the notes, and the canvas draws the page's notes, under a
short rule, when the page is finished. A note that no longer fits below its block moves with
the mark to the next page. Two-column briefs, whose columns are balanced by measuring rather
than placing, list their notes at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer

from generator import model
from generator.render.pdf.para import BriefParagraph as ParagraphFlowable

RULE_WIDTH_PT = 72.0


def numbered_notes(doc: model.Document) -> dict[int, int]:
    """Return the number of each footnote span the brief prints, keyed by the span's identity."""
    shown = [doc.subtitle, doc.summary, [s for s in doc.sections if not s.brief_skip]]
    return {id(span): number for number, span in enumerate(model.footnotes(shown), start=1)}


@dataclass
class Footnotes:
    """The brief's footnotes: their numbers, where they go, and how a note's text is set."""

    numbers: dict[int, int]
    at_page_foot: bool
    style: ParagraphStyle
    markup: Any  # Callable[[RichText], str]: a note's text as paragraph markup
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
        mark.keepWithNext = getattr(after, "keepWithNext", 0)  # a heading's chain goes on past the mark
        return [mark]

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
    """Takes no room in the text; reserves its notes' height at the foot of the frame it lands in."""

    def __init__(self, paragraphs: list[ParagraphFlowable], gap_pt: float) -> None:
        super().__init__()
        self.paragraphs = paragraphs
        self.gap_pt = gap_pt
        self.width = self.height = 0

    def _needed(self, width: float) -> tuple[float, list[float]]:
        heights = [p.wrap(width, 0x7FFFFFFF)[1] for p in self.paragraphs]
        frame = getattr(self, "_frame", None)
        first = id(frame) not in getattr(getattr(self, "canv", None), "footnote_frames", {})  # it draws the rule
        return sum(heights) + (self.gap_pt * 1.5 if first else 0.0), heights

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        needed, _ = self._needed(availWidth)
        frame = getattr(self, "_frame", None)
        at_top = frame is not None and getattr(frame, "_atTop", False)
        if needed > availHeight and not at_top:
            return availWidth, availHeight + 1.0  # too tall for what is left: on to the next page with its block
        return 0, 0

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803 (reportlab API)
        frame = getattr(self, "_frame", None)
        pending = getattr(canvas, "footnote_frames", None)
        if frame is None or pending is None:
            return
        width = frame._getAvailableWidth()
        self.canv = canvas
        needed, heights = self._needed(width)
        notes = pending.setdefault(id(frame), _FrameNotes(frame, frame._y1, frame._height,
                                                          frame._x1 + frame._leftPadding, frame._y1p, width))
        notes.paragraphs += list(zip(self.paragraphs, heights, strict=True))
        notes.height_pt += needed
        frame.y1, frame.height = frame._y1 + needed, frame._height - needed  # the text now ends above the notes


def draw_page_notes(canvas: Any, rule_color: Any) -> None:
    """Draw the notes reserved on the page being finished, each frame's under a short rule."""
    for notes in getattr(canvas, "footnote_frames", {}).values():
        top = notes.bottom_pt + notes.height_pt
        canvas.saveState()
        canvas.setStrokeColor(rule_color)
        canvas.setLineWidth(0.5)
        gap = notes.height_pt - sum(height for _, height in notes.paragraphs)
        canvas.line(notes.x_pt, top - gap * 0.45, notes.x_pt + min(RULE_WIDTH_PT, notes.width_pt), top - gap * 0.45)
        canvas.restoreState()
        y = top - gap
        for paragraph, height in notes.paragraphs:
            y -= height
            paragraph.drawOn(canvas, notes.x_pt, y)
        notes.frame.y1, notes.frame.height = notes.y1_pt, notes.full_height_pt
    canvas.footnote_frames = {}
