"""Arrange the brief's flowables into the story reportlab lays out: columns, full-width spans, keep-with-next.

Stage: flowables in reading order, some wrapped as ``Wide``, in; the story out. With one column
the story is the flowables themselves. With several, every stretch of text between two wide
pieces becomes one ``BalancedColumns``: reportlab fills the columns of each page in turn and,
where a wide piece follows, evens out the columns above it, so a table or chart spans the page
below text that reads down one column and then the next. The page itself is one full-width frame.

``BalancedColumns`` measures its content as a plain list and would leave a heading at the
foot of one column with its text at the head of the next, so keep-with-next chains are grouped
here first (``ColumnKeep``); the document template does the same for the one-column flow.

An ``Exhibit`` holds one exhibit's flowables so that the document template can move it as one
(``floats``); ``Scaled`` draws a picture smaller when that keeps it on its page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from msgspec import Struct
from reportlab.platypus import BalancedColumns, Flowable, Frame, FrameBreak, KeepInFrame, KeepTogether


class KeepWithNext(KeepTogether):
    """Keep a chain of keep-with-next flowables with the *start* of the flowable after it.

    reportlab's KeepTogether moves the whole group to the next page whenever it does not fit,
    so a heading followed by a 60-row table leaves most of a page empty. This keeps the
    heading (and key message, caption, ...) with as much of the next flowable as fits.
    """

    def split(self, aW: float, aH: float) -> list[Flowable]:  # noqa: N803 (reportlab API)
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        content = list(self._content)
        if self._H <= aH:
            return content
        parts = split_chain(content, self.canv, aW, aH)
        if parts is not None:
            return parts
        frame = getattr(self, "_frame", None)
        at_top = bool(frame is not None and getattr(frame, "_atTop", False))
        return content if at_top else [FrameBreak(), *content]


class ColumnKeep(KeepInFrame):
    """A keep-with-next chain inside balanced columns, measured and drawn as one block.

    ``BalancedColumns`` places what fits a column whole and splits the rest into what fits and
    what follows; so the chain reports its true height, splits into the chain with the part of
    its last flowable that fits, and refuses to split when that part is nothing.
    """

    def __init__(self, flowables: list[Flowable]) -> None:
        super().__init__(0, 0, flowables, mode="overflow")

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        return super().wrap(availWidth, 0x7FFFFFFF)  # the whole height, never clipped to what is left

    def split(self, aW: float, aH: float) -> list[Flowable]:  # noqa: N803 (reportlab API)
        content = list(self._content)
        parts = split_chain(content, self.canv, aW, aH)
        if not parts:
            return []
        fits = len(content)  # the chain's head and the first part of its last flowable
        return [ColumnKeep(parts[:fits]), *parts[fits:]]


def split_chain(chain: list[Flowable], canv: Any, aW: float, aH: float) -> list[Flowable] | None:  # noqa: N803
    """Return the chain with its last flowable split where ``aH`` runs out, or None if no part of it fits."""
    *head, last = chain
    used = 0.0  # the frame has already taken the first flowable's space before out of aH
    for index, flowable in enumerate(head):
        _, height = flowable.wrapOn(canv, aW, aH)
        used += height + flowable.getSpaceAfter() + (flowable.getSpaceBefore() if index else 0.0)
    room = aH - used - last.getSpaceBefore()
    if room > 0:
        parts = last.splitOn(canv, aW, room)
        if parts:
            return [*head, *parts]
    return None


class Columns(BalancedColumns):
    """Balanced columns that start on the next page when their first lines do not fit on this one.

    reportlab's own columns then pour everything into the first column and shrink it to fit.
    In a right-to-left brief (``rtl``) the first column is the rightmost, as the text reads.
    """

    rtl = False

    def _generated_content(self, aW: float, aH: float) -> tuple[float, list[Flowable]]:  # noqa: N803 (reportlab API)
        height, content = super()._generated_content(aW, aH)
        if not self.rtl:
            return height, content
        for item in content:
            frames: list[Frame] = getattr(item, "F", None) or []
            ours = bool(frames) and str(getattr(frames[0], "id", "")).startswith(f"{self.name}-")
            if ours and getattr(item, "f", None) is frames[0]:
                item.F = _mirrored_frames(frames)  # the columns' frames: filled first to last, right to left
                item.f = item.F[0]
            elif type(item) is BalancedColumns:  # the rest, for the next page: reportlab makes it plain
                item.__class__ = Columns
                item.rtl = True
        return height, content

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        frame = getattr(self, "_frame", None)
        at_top = frame is not None and getattr(frame, "_atTop", False)
        if not at_top and not self._start_fits(aW, aH - self.spaceBefore):
            aH = 0  # below what the columns need: reportlab moves them to the next page as they are
        return super().wrap(aW, aH)

    def _start_fits(self, aW: float, aH: float) -> bool:  # noqa: N803
        width = (aW - self._innerPadding * (self._nCols - 1)) / self._nCols
        _, _, fitting, _ = self._findSplit(self.canv, width, aH, paraFix=False)
        return bool(fitting)


class Exhibit(Flowable):
    """A chart, table, picture, stat row, quote or callout: what may float to the next page (``floats``).

    Never drawn itself: the document template looks at it at the head of the story and puts
    its flowables in its place, here (whole, shrunk, laid out shorter or split) or at the top of
    the next page. ``shrinkable`` is the one flowable (a picture) that may be drawn smaller to stay;
    ``fittable`` the one (a chart's plot) that may be laid out shorter, down to its ``min_height_pt``,
    by its ``fit_to(height_pt)``: its labels keep their size.
    """

    def __init__(self, content: list[Flowable], shrinkable: Flowable | None = None,
                 fittable: Flowable | None = None) -> None:
        super().__init__()
        self.content = content
        self.shrinkable = shrinkable
        self.fittable = fittable
        self.placing = False  # flushed before a heading: set here or on the next page, never deferred again

    def shrunk(self, scale: float) -> list[Flowable]:
        """Return the content with its shrinkable flowable drawn at ``scale`` of its size."""
        return [Scaled(f, scale) if f is self.shrinkable else f for f in self.content]

    def fitted(self, height_pt: float) -> list[Flowable]:
        """Return the content with its fittable flowable laid out to take at most ``height_pt``."""
        fittable: Any = self.fittable  # a chart's plot, or its Spread: both have fit_to
        return [fittable.fit_to(height_pt) if f is fittable else f for f in self.content]

    # laid out where the template does not look (it should not be): too tall, so split into its content
    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        return availWidth, 0xFFFFFF

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 (reportlab API)
        return list(self.content)


class Scaled(Flowable):
    """A flowable drawn at ``scale`` of its size (both ways), with its spacing and keep-with-next."""

    def __init__(self, inner: Flowable, scale: float) -> None:
        super().__init__()
        self.inner, self.scale = inner, scale
        self.hAlign = getattr(inner, "hAlign", "LEFT")
        self.spaceBefore, self.spaceAfter = inner.getSpaceBefore(), inner.getSpaceAfter()
        self.keepWithNext = inner.getKeepWithNext()

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        width, height = self.inner.wrapOn(self.canv, availWidth / self.scale, availHeight / self.scale)
        self.width, self.height = width * self.scale, height * self.scale
        return self.width, self.height

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.scale(self.scale, self.scale)
        self.inner.drawOn(self.canv, 0, 0)
        self.canv.restoreState()


class Wide(Struct, frozen=True):
    """Flowables that span every column of the page: the cover, a chart, a table with its caption."""

    flowables: list[Flowable]


def _mirrored_frames(frames: list[Frame]) -> list[Frame]:
    """Return ``frames`` (left to right) with each one's place across the page taken from its mirror image."""
    last = len(frames) - 1
    return [Frame(frames[last - n]._x1, frame._y1, frames[last - n]._width, frame._height,
                  leftPadding=frames[last - n]._leftPadding, bottomPadding=frame._bottomPadding,
                  rightPadding=frames[last - n]._rightPadding, topPadding=frame._topPadding, id=frame.id,
                  showBoundary=frame.showBoundary, overlapAttachedSpace=frame._oASpace, _debug=frame._debug)
            for n, frame in enumerate(frames)]


def story(pieces: Sequence[Flowable | Wide], columns: int, gutter_pt: float, rtl: bool = False) -> list[Flowable]:
    """Return the flowables of ``pieces`` laid out in ``columns`` columns, wide pieces across all of them.

    ``rtl``: the columns read from right to left.
    """
    if columns == 1:
        return [f for piece in pieces for f in (piece.flowables if isinstance(piece, Wide) else [piece])]
    result: list[Flowable] = []
    column: list[Flowable] = []
    for piece in pieces:
        if not isinstance(piece, Wide):
            column.append(piece)
            continue
        # a heading or caption that leads into the wide piece spans with it, so they stay together
        start = len(column)
        while start and column[start - 1].getKeepWithNext():
            start -= 1
        result += _balanced(column[:start], columns, gutter_pt, rtl)
        result += column[start:] + piece.flowables
        column = []
    return result + _balanced(column, columns, gutter_pt, rtl)


def _balanced(flowables: list[Flowable], columns: int, gutter_pt: float, rtl: bool) -> list[Flowable]:
    if not flowables:
        return []
    grouped: list[Flowable] = []
    chain: list[Flowable] = []
    for flowable in flowables:
        chain.append(flowable)
        if not flowable.getKeepWithNext():
            grouped.append(ColumnKeep(chain) if len(chain) > 1 else flowable)
            chain = []
    grouped += chain  # a chain with nothing after it has nothing to keep with
    # The columns' frames start at their top edge, where a first heading's space before would be
    # dropped; the block carries it (and the last flowable's space after) instead.
    block = Columns(grouped, nCols=columns, innerPadding=gutter_pt, leftPadding=0, rightPadding=0, topPadding=0,
                    bottomPadding=0, endSlack=0, spaceBefore=flowables[0].getSpaceBefore(),
                    spaceAfter=flowables[-1].getSpaceAfter())
    block.rtl = rtl
    return [block]
