"""Floats: an exhibit that does not fit the room left on a page waits, running text fills the page.

Stage: the story (flowables, exhibits wrapped as ``flow.Exhibit``) in, the same flowables placed
by reportlab out. ``FloatingTemplate`` is the document template's layer that decides, each time an
exhibit reaches the head of the story, where it goes:

1. whole, here, when it fits (or the page is still empty);
2. here, its picture shrunk to no less than ``MIN_SHRINK`` of its size, when that fits (a chart
   does not shrink: its labels would print below the type scale); or a chart laid out shorter,
   labels at their size, down to its plot's ``min_height_pt``, when that fits;
3. here, split, when it splits usefully (a long table: its header and first rows fit);
4. deferred: taken out of the story into a queue, while the running text after it (paragraphs,
   bullets, subheadings with their first lines) fills the page; the queue goes back into the story
   at the top of the next page, in its order, so exhibits never change order among themselves;
5. else whole on the next page, as reportlab does.

A heading never waits behind its exhibit alone: a heading (and key message) leading into the
exhibit stays in the text only when text of its own section follows to keep it company, else it
moves on with the exhibit. An exhibit stays in its section: the next section's heading empties
the queue in front of itself, unless that would leave more than ``HOLE_SHARE`` of the page
empty: then, as the only way to fill the page, the next section begins below the text and the
exhibit opens the next page. The end matter (notes, sources) and the end of the story always
empty the queue, so nothing is lost. Inside balanced columns nothing floats.

Headings: a heading, subheading or key message is grouped with at least two lines of the text
after it (a one-line paragraph brings the next one along; a spacer counts as part of the heading).
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import ActionFlowable, BaseDocTemplate, Flowable, Paragraph, Spacer

from generator.render.pdf.flow import Columns, Exhibit, split_chain
from generator.render.pdf.notes import NoteMark, NoteReserve

MIN_SHRINK = 0.7  # a picture may be drawn down to this share of its size to stay on its page
HOLE_SHARE = 0.2  # of the text block: emptier than this, a page is filled from the next section
SLACK_PT = 1.0  # a shrunk exhibit is made to fit with this much to spare: rounding must not move it on
SECTION_KEY = "section-"  # the bookmark key of a section heading (``cover.section_flowables``)
HEADING_STYLES = ("heading", "subheading", "key")  # paragraphs kept with two lines of the text after them


class StoryEnd(ActionFlowable):
    """Marks the end of the story, where exhibits still waiting are placed."""

    def apply(self, doc: Any) -> None:
        pass


class FloatingTemplate(BaseDocTemplate):
    """A document template whose exhibits float to the next page instead of leaving a hole."""

    def build(self, flowables: list[Flowable], *args: Any, **kwargs: Any) -> None:
        self._story = flowables
        self._waiting: list[list[Flowable]] = []  # each deferred exhibit, with the note marks that follow it
        flowables.append(StoryEnd())
        super().build(flowables, *args, **kwargs)

    def handle_pageBegin(self) -> None:  # noqa: N802 (reportlab API)
        super().handle_pageBegin()
        if self._waiting:
            story = self._story
            if story and hasattr(story[0], "_postponed"):
                del story[0]._postponed  # it was moved on; the exhibits before it count as this page's progress
            story[0:0] = [f for waiting in self._waiting for f in waiting]
            self._waiting = []

    def handle_keepWithNext(self, flowables: list[Flowable]) -> None:  # noqa: N802 (reportlab API)
        """Keep a heading with at least two lines of text, then group the chain as reportlab does.

        A spacer after a heading ("Notes and sources", then a little air) is part of the heading,
        and so is a one-line paragraph or bullet after it when text follows: reportlab would keep
        the heading with the spacer or the one line alone, at the foot of the page.
        """
        at, heading = 0, False
        while at + 1 < len(flowables) and flowables[at].getKeepWithNext():
            heading = heading or _is_heading(flowables[at])
            at += 1
            after = flowables[at]
            if after.getKeepWithNext() or at + 1 == len(flowables):
                continue
            if isinstance(after, Spacer) or (heading and self._one_line(after) and _is_text(flowables[at + 1])):
                after.keepWithNext = 1
        super().handle_keepWithNext(flowables)

    def _one_line(self, f: Flowable) -> bool:
        if not isinstance(f, Paragraph) or getattr(self, "frame", None) is None:
            return False
        f.wrapOn(self.canv, self.frame._getAvailableWidth(), 0x7FFFFFFF)
        return len(f.blPara.lines) < 2

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        if flowables is getattr(self, "_story", None):
            while self._float_step(flowables):
                pass
        super().handle_flowable(flowables)

    # one decision at the head of the story; True when the story changed and is looked at again

    def _float_step(self, story: list[Flowable]) -> bool:
        if self._waiting and _barrier(story[0]):
            if not self._may_pass(story, 0):
                self._flush(story, 0)
                return True
        heads = 0
        while heads < len(story) and story[heads].getKeepWithNext() and not isinstance(story[heads], Exhibit):
            heads += 1
        if heads < len(story) and isinstance(story[heads], Exhibit):
            self._place(story, heads)
            return True
        return False

    def _place(self, story: list[Flowable], at: int) -> None:
        exhibit = story[at]
        assert isinstance(exhibit, Exhibit)
        heads = story[:at]
        if self._waiting and not exhibit.placing:
            if heads and not self._fill_follows(story, at, heads):
                self._flush(story, 0)  # the waiting ones go first, the heading stays with its exhibit
            else:
                self._defer(story, at)
            return
        frame, room = self.frame, self._room()
        width = frame._getAvailableWidth()
        chain = [*heads, *exhibit.content]
        if frame._atTop or self._height(chain, width) <= room:
            story[at:at + 1] = exhibit.content
            return
        scale = self._shrink_to(heads, exhibit, width, room)
        if scale is not None:
            story[at:at + 1] = exhibit.shrunk(scale)
            return
        fit = self._fit_to(heads, exhibit, width, room)
        if fit is not None:
            story[at:at + 1] = exhibit.fitted(fit)
            return
        if self._part_fits(chain, width, room) or exhibit.placing or not self._fill_follows(story, at, heads):
            story[at:at + 1] = exhibit.content
            return
        self._defer(story, at)

    def _defer(self, story: list[Flowable], at: int) -> None:
        end = at + 1
        while end < len(story) and isinstance(story[end], NoteMark | NoteReserve):
            end += 1
        self._waiting.append(story[at:end])
        del story[at:end]

    def _flush(self, story: list[Flowable], at: int) -> None:
        for waiting in self._waiting:
            for f in waiting:
                if isinstance(f, Exhibit):
                    f.placing = True
        story[at:at] = [f for waiting in self._waiting for f in waiting]
        self._waiting = []

    def _fill_follows(self, story: list[Flowable], at: int, heads: list[Flowable]) -> bool:
        """Whether running text after the exhibit at ``at`` can fill the page while it waits.

        With a heading before the exhibit, only its own section's text will do, and the heading
        must fit here with its first lines; else the next section may fill a large hole.
        """
        later = at + 1
        while later < len(story) and isinstance(story[later], Exhibit | NoteMark | NoteReserve):
            later += 1
        if later == len(story):
            return False
        following = story[later]
        if _barrier(following):
            return not heads and self._may_pass(story, later)
        if not heads:
            return True
        width, room = self.frame._getAvailableWidth(), self._room()
        chain = [*heads, following]
        return self._height(chain, width) <= room or self._part_fits(chain, width, room)

    def _may_pass(self, story: list[Flowable], at: int) -> bool:
        """Whether exhibits may wait past the heading at ``at``: a section's, with text to fill a large hole."""
        if not _soft_barrier(story[at]) or self._room() <= self._hole():
            return False
        after = at
        while after < len(story) and story[after].getKeepWithNext():
            after += 1
        return after < len(story) and _is_text(story[after])

    def _shrink_to(self, heads: list[Flowable], exhibit: Exhibit, width: float, room: float) -> float | None:
        """Return the scale (at least ``MIN_SHRINK``) at which the exhibit fits the room, or None."""
        if exhibit.shrinkable is None:
            return None
        whole = self._height([*heads, *exhibit.content], width)
        _, own = exhibit.shrinkable.wrapOn(self.canv, width, 0x7FFFFFFF)
        if own <= 0:
            return None
        scale = (room - SLACK_PT - (whole - own)) / own
        return scale if MIN_SHRINK <= scale < 1 else None

    def _fit_to(self, heads: list[Flowable], exhibit: Exhibit, width: float, room: float) -> float | None:
        """Return the height (at least its minimum) its plot is laid out to so that the exhibit fits, or None."""
        plot = exhibit.fittable
        if plot is None:
            return None
        whole = self._height([*heads, *exhibit.content], width)
        _, own = plot.wrapOn(self.canv, width, 0x7FFFFFFF)
        height = room - SLACK_PT - (whole - own)
        return height if plot.min_height_pt <= height < own else None

    def _part_fits(self, chain: list[Flowable], width: float, room: float) -> bool:
        """Whether reportlab would set part of ``chain`` here: its keep-with-next head and a split."""
        group = 0
        while group < len(chain) - 1 and chain[group].getKeepWithNext():
            group += 1
        first = chain[0]
        before = 0.0 if self.frame._atTop else first.getSpaceBefore()
        if group == 0:
            return bool(first.splitOn(self.canv, width, room - before))
        return split_chain(chain[:group + 1], self.canv, width, room - before) is not None

    def _height(self, chain: list[Flowable], width: float) -> float:
        """Return the height ``chain`` takes from the frame's current position, spaces collapsed as reportlab does."""
        frame = self.frame
        total, after = 0.0, (frame._prevASpace if frame._oASpace else 0.0)
        for n, f in enumerate(chain):
            _, height = f.wrapOn(self.canv, width, 0x7FFFFFFF)
            if n or not frame._atTop:
                total += max(f.getSpaceBefore() - after, 0.0) + (after if n else 0.0)
            total += height
            after = f.getSpaceAfter()
        return total

    def _room(self) -> float:
        return float(self.frame._y - self.frame._y1p)

    def _hole(self) -> float:
        return float(self.frame._height) * HOLE_SHARE


def _barrier(f: Flowable) -> bool:
    """Whether exhibits may not wait past ``f``: a section or end-matter heading, balanced columns, the end."""
    return getattr(f, "outline", None) is not None or isinstance(f, Columns | StoryEnd)


def _is_heading(f: Flowable) -> bool:
    return isinstance(f, Paragraph) and f.style.name in HEADING_STYLES


def _is_text(f: Flowable) -> bool:
    return isinstance(f, Paragraph) and not _barrier(f)


def _soft_barrier(f: Flowable) -> bool:
    outline = getattr(f, "outline", None)
    return outline is not None and str(outline[1]).startswith(SECTION_KEY)
