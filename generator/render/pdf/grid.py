"""Let wide pieces of a one-column brief span the side margin while platypus sees one narrow frame.

Stage: flowables (in reading order, the wide ones wrapped as ``flow.Wide``) in; the same with
each wide flowable wrapped in a ``Spread`` out. The page's frame is the measure wide (``page``),
so running text, page breaks and keep-with-next work as on any page; a ``Spread`` lays its child
out at the text block's full width and draws it from the frame's left edge into the margin, or, in a
right-to-left brief (whose frame sits at the text block's right), from the frame's right edge leftwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable

from generator.render.pdf.flow import Exhibit, Wide
from generator.render.pdf.notes import NoteMark, NoteReserve

# the page-foot notes' place holders act on the frame itself: they stay as they are, set on the measure
FRAME_ACTORS = (NoteMark, NoteReserve)


class Spread(Flowable):
    """One flowable laid out ``width_pt`` wide, wider than the frame it is placed in (flush with its right edge
    when ``flush_right``)."""

    def __init__(self, child: Flowable, width_pt: float, flush_right: bool = False) -> None:
        super().__init__()
        self.child = child
        self.width_pt = width_pt
        self.flush_right = flush_right
        self.width = self.height = self.frame_width_pt = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        self.frame_width_pt = availWidth
        self.width, self.height = self.child.wrapOn(getattr(self, "canv", None), self.width_pt, availHeight)
        return min(self.width, availWidth), self.height  # the frame is told it fits its width

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 (reportlab API)
        parts = self.child.splitOn(getattr(self, "canv", None), self.width_pt, availHeight)
        return [Spread(part, self.width_pt, self.flush_right) for part in parts]

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803 (reportlab API)
        # the frame put a wider child at its left edge: flush right, the child ends where the frame does
        self.child.drawOn(canvas, x + self.frame_width_pt - self.width if self.flush_right else x, y)

    def getSpaceBefore(self) -> float:  # noqa: N802 (reportlab API)
        return float(self.child.getSpaceBefore())

    def getSpaceAfter(self) -> float:  # noqa: N802 (reportlab API)
        return float(self.child.getSpaceAfter())

    def getKeepWithNext(self) -> bool:  # noqa: N802 (reportlab API)
        return bool(getattr(self, "keepWithNext", 0) or self.child.getKeepWithNext())

    @property
    def min_height_pt(self) -> float:
        """The least height its child (a chart's plot) may be laid out to (``flow.Exhibit.fittable``)."""
        return float(self.child.min_height_pt)

    def fit_to(self, height_pt: float) -> Spread:
        """Return the spread with its child laid out again to take at most ``height_pt``."""
        return Spread(self.child.fit_to(height_pt), self.width_pt, self.flush_right)

    def identity(self, maxLen: int | None = None) -> str:  # noqa: N803 (reportlab API)
        return f"Spread({self.child.identity(maxLen)})"


def spread_wide(pieces: Sequence[Flowable | Wide], width_pt: float, flush_right: bool = False) -> list[Flowable | Wide]:
    """Return ``pieces`` with every flowable of a ``Wide`` piece spread ``width_pt`` wide (one column only)."""
    return [Wide([_spread(f, width_pt, flush_right) for f in piece.flowables]) if isinstance(piece, Wide) else piece
            for piece in pieces]


def _spread(f: Flowable, width_pt: float, flush_right: bool) -> Flowable:
    """Return ``f`` spread ``width_pt`` wide; an exhibit stays one (the template floats it), its content spread."""
    if isinstance(f, FRAME_ACTORS):
        return f
    if isinstance(f, Exhibit):
        spread = {id(child): _spread(child, width_pt, flush_right) for child in f.content}
        return Exhibit(list(spread.values()), spread[id(f.shrinkable)] if f.shrinkable is not None else None,
                       spread[id(f.fittable)] if f.fittable is not None else None)
    return Spread(f, width_pt, flush_right)
