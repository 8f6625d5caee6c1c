"""Flow a list of paragraphs into slide bodies: shrink a little, else split evenly over slides.

Stage: part of the pure deck planner (items and a box in, pages of sized paragraphs out).
Order of resort: the theme's body size; smaller sizes down to its minimum (one slide);
then as few slides as the minimum size needs, at the largest size that still needs no
more, with items shared out evenly (40 bullets on 3 slides: 14/13/13, not 18/18/4). An
item taller than a whole slide is cut between lines (between characters for a word wider
than the box) and continues on the next slide.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from msgspec import Struct
from msgspec.structs import replace

from generator.deck.model import Align, ColorRole, FontRole, Marker, Para, Run
from generator.deck.text import Faces, direction, sizes_between, slice_runs
from generator.theme.measure import line_count, line_pitch_pt, wrap

EPSILON = 1e-6
NOTE_RATIO = 0.8  # a note's size, times its list's


class ItemKind(Enum):
    BULLET = "bullet"  # a top-level bullet
    SUB = "sub"  # a sub-point, one level in
    PLAIN = "plain"  # a paragraph without a marker (quotes, sources, agenda entries)
    LEAD = "lead"  # a heading line inside a body (a callout's title)
    NOTE = "note"  # a smaller, muted line under the item before it (an agenda entry's key message)


class Item(Struct, frozen=True):
    """One bullet or paragraph to flow, with its kind and the block it came from."""

    runs: tuple[Run, ...]
    kind: ItemKind
    origin: str
    continued: bool = False  # a later piece of an item cut between slides: no marker
    indent_em: float = 0.0  # a note's left margin, in ems of the list's size: under its item's text


class ListStyle(Struct, frozen=True):
    """How items become paragraphs at a given size; sizes shrink from ``size_pt`` to ``min_pt``."""

    size_pt: float
    min_pt: float
    font: FontRole = FontRole.BODY
    color: ColorRole = ColorRole.TEXT
    align: Align = Align.LEFT
    gap_ratio: float = 0.5  # space before a top-level item, times the size
    sub_step_pt: float = 2.0  # sub-points are this much smaller (never below ``min_pt``)

    def para(self, item: Item, size_pt: float, first: bool) -> Para:
        """Return the paragraph ``item`` becomes at ``size_pt``."""
        bullet_indent = round(size_pt * 1.1, 2)
        gap = 0.0 if first else round(size_pt * self.gap_ratio, 2)
        rtl, align = direction(item.runs, self.align)
        if item.kind is ItemKind.SUB:
            size = max(self.min_pt, size_pt - self.sub_step_pt)
            return Para(item.runs, size, line_pitch_pt(size), 0.0 if first else round(size_pt * 0.25, 2),
                        round(bullet_indent + size * 1.1, 2), Marker.NONE if item.continued else Marker.DASH,
                        self.font, self.color, align, rtl)
        if item.kind is ItemKind.BULLET:
            marker = Marker.NONE if item.continued else Marker.BULLET
            return Para(item.runs, size_pt, line_pitch_pt(size_pt), gap, bullet_indent, marker,
                        self.font, self.color, align, rtl)
        if item.kind is ItemKind.NOTE:
            size = max(self.min_pt, round(size_pt * NOTE_RATIO, 1))
            return Para(item.runs, size, line_pitch_pt(size), round(size_pt * 0.2, 2),
                        round(item.indent_em * size_pt, 2), Marker.NONE, self.font, ColorRole.MUTED, align, rtl)
        if item.kind is ItemKind.LEAD:
            return Para(item.runs, size_pt, line_pitch_pt(size_pt), gap, 0.0, Marker.NONE,
                        FontRole.HEADING, ColorRole.PRIMARY, align, rtl)
        return Para(item.runs, size_pt, line_pitch_pt(size_pt), gap, 0.0, Marker.NONE,
                    self.font, self.color, align, rtl)


class Flowed(Struct, frozen=True):
    """The paragraphs set on each slide, and on each the blocks they came from."""

    pages: tuple[tuple[Para, ...], ...]
    origins: tuple[tuple[str, ...], ...]  # per page, the origins of its items in order, deduplicated
    size_pt: float
    shrunk: bool
    cut: bool  # an item was cut between slides

    @property
    def counts(self) -> tuple[int, ...]:
        return tuple(len(page) for page in self.pages)


def _heights(items: Sequence[Item], style: ListStyle, size_pt: float, faces: Faces, width_pt: float
             ) -> list[tuple[float, float]]:
    """Return (height without space before, space before) of each item at ``size_pt``."""
    out = []
    for item in items:
        paragraph = style.para(item, size_pt, first=False)
        lines = line_count(item.runs, faces.face(paragraph.font), paragraph.size_pt, width_pt - paragraph.indent_pt)
        out.append((lines * paragraph.line_pt, paragraph.space_before_pt))
    return out


def _fit_one_slide(items: Sequence[Item], style: ListStyle, size_pt: float, faces: Faces, width_pt: float,
                   height_pt: float) -> bool:
    """Return whether ``items`` fit one slide at ``size_pt``, as ``_fits`` would say of their heights.

    Stops measuring once the heights alone pass the slide: a list of thousands of items is
    many slides at every size, and measuring all of it at each size was most of its planning.
    """
    heights: list[tuple[float, float]] = []
    total = 0.0
    for item in items:
        heights.extend(_heights([item], style, size_pt, faces, width_pt))
        total += heights[-1][0]
        if total > height_pt + EPSILON:  # the sum ``_fits`` makes only grows: it cannot fit
            return False
    return _fits(heights, [len(items)], height_pt)


def _greedy(heights: Sequence[tuple[float, float]], capacity: float) -> list[int]:
    """Return group sizes of the greedy fill (fewest groups for consecutive items)."""
    counts: list[int] = []
    used = 0.0
    for height, gap in heights:
        if counts and used + gap + height <= capacity + EPSILON:
            counts[-1] += 1
            used += gap + height
        else:
            counts.append(1)
            used = height
    return counts


def _fits(heights: Sequence[tuple[float, float]], counts: Sequence[int], capacity: float) -> bool:
    start = 0
    for count in counts:
        group = heights[start : start + count]
        if sum(h for h, _ in group) + sum(g for _, g in group[1:]) > capacity + EPSILON:
            return False
        start += count
    return True


def _balanced(heights: Sequence[tuple[float, float]], groups: int, capacity: float) -> list[int] | None:
    """Return counts for ``groups`` slides, as even as the items allow, or None if they cannot fit."""
    total = len(heights)
    if groups > total or any(h > capacity + EPSILON for h, _ in heights):
        return None
    quotient, remainder = divmod(total, groups)
    even = [quotient + 1] * remainder + [quotient] * (groups - remainder)
    if _fits(heights, even, capacity):
        return even
    if len(_greedy(heights, capacity)) > groups:
        return None
    low, high = max(h for h, _ in heights), capacity  # the smallest capacity that still needs no more
    for _ in range(40):
        middle = (low + high) / 2
        if len(_greedy(heights, middle)) <= groups:
            high = middle
        else:
            low = middle
    return _greedy(heights, high)


def _cut_tall(items: Sequence[Item], style: ListStyle, faces: Faces, width_pt: float, height_pt: float
              ) -> tuple[list[Item], bool]:
    """Cut every item taller than a slide (at the minimum size) into pieces that fill slides.

    Packs as the greedy split will at the minimum size, so an item's first piece fills what
    is left of the slide it starts on (a callout's text starts under its title, not on the
    next slide) and every later piece fills a slide.
    """
    out: list[Item] = []
    cut = False
    used = 0.0  # height taken on the slide being filled
    for item in items:
        paragraph = style.para(item, style.min_pt, first=not used)
        lines = wrap(item.runs, faces.face(paragraph.font), paragraph.size_pt, width_pt - paragraph.indent_pt)
        pitch = paragraph.line_pt
        height = len(lines) * pitch
        gap = paragraph.space_before_pt if used else 0.0
        if used and used + gap + height <= height_pt + EPSILON:
            out.append(item)
            used += gap + height
            continue
        if height <= height_pt + EPSILON:
            out.append(item)
            used = height
            continue
        cut = True
        per_page = max(1, int((height_pt + EPSILON) // pitch))
        first = int((height_pt - used - gap + EPSILON) // pitch) if used else per_page
        if first < 2:  # a line or less left: start on a fresh slide
            first = per_page
        bounds = [0, first, *range(first + per_page, len(lines), per_page), len(lines)]
        for index, (start, end) in enumerate(zip(bounds, bounds[1:], strict=False)):
            if start >= end:
                continue
            runs = slice_runs(item.runs, lines[start].start, lines[end - 1].end)
            out.append(replace(item, runs=runs, continued=item.continued or index > 0))
        used = (len(lines) - bounds[-2]) * pitch
    return out, cut


def _pages(items: Sequence[Item], counts: Sequence[int], style: ListStyle, size_pt: float
           ) -> tuple[tuple[tuple[Para, ...], ...], tuple[tuple[str, ...], ...]]:
    pages, origins, start = [], [], 0
    for count in counts:
        group = items[start : start + count]
        pages.append(tuple(style.para(item, size_pt, first=index == 0) for index, item in enumerate(group)))
        origins.append(tuple(dict.fromkeys(item.origin for item in group)))
        start += count
    return tuple(pages), tuple(origins)


def flow(items: Sequence[Item], style: ListStyle, faces: Faces, width_pt: float, height_pt: float) -> Flowed:
    """Return ``items`` as pages of paragraphs, each fitting ``width_pt`` x ``height_pt``."""
    sizes = sizes_between(style.size_pt, style.min_pt)
    for size in sizes:
        if _fit_one_slide(items, style, size, faces, width_pt, height_pt):
            pages, origins = _pages(items, [len(items)], style, size)
            return Flowed(pages, origins, size, size < style.size_pt, False)
    pieces, cut = _cut_tall(items, style, faces, width_pt, height_pt)
    groups = len(_greedy(_heights(pieces, style, style.min_pt, faces, width_pt), height_pt))
    for size in sizes:
        counts = _balanced(_heights(pieces, style, size, faces, width_pt), groups, height_pt)
        if counts is not None:
            pages, origins = _pages(pieces, counts, style, size)
            return Flowed(pages, origins, size, size < style.size_pt, cut)
    raise AssertionError("the minimum size always fits: every piece is at most a slide tall")
