"""Split one long text over slides between sentences, never inside one.

Stage: part of the pure deck planner (runs, a face, a size and the room on each slide in;
character ranges per slide out). Quotes and callouts use it: a reader loses the thread when
a sentence breaks across slides, and a continuation slide with a line or two on it looks
like a mistake. So pages end at sentence ends (. ! or ?), their heights are balanced, and a
continuation carries at least ``MIN_CONTINUATION_LINES`` lines whenever the text allows it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from generator.deck.model import Run
from generator.deck.text import first_sentence_end, runs_text, slice_runs
from generator.theme.measure import line_count, line_pitch_pt, range_line_count, wrap
from generator.theme.model import FontFace
from generator.theme.textcache import TextMemo

MIN_CONTINUATION_LINES = 3
EPSILON = 1e-6


def sentence_ends(text: str) -> list[int]:
    """Return the offset where each sentence of ``text`` ends; the last is ``len(text)``."""
    ends: list[int] = []
    start = 0
    while start < len(text):
        end = start + first_sentence_end(text[start:])
        if not text[end:].strip():
            end = len(text)
        ends.append(end)
        start = end
    return ends or [len(text)]


def _fits(runs: Sequence[Run], face: FontFace, size_pt: float, width_pt: float, start: int, end: int,
          capacity: int) -> bool:
    """Return whether characters ``start:end`` take at most ``capacity`` lines.

    Counted on the whole text's tokens, and only until the count passes ``capacity``, where
    that gives the same answer as wrapping the cut-out runs.
    """
    counted = range_line_count(runs, face, size_pt, width_pt, start, end, capacity) if _whole(tuple(runs)) else None
    if counted is None:
        counted = len(wrap(slice_runs(runs, start, end), face, size_pt, width_pt))
    return counted <= capacity


def _cuts_cleanly(runs: tuple[Run, ...]) -> bool:
    """Return whether cutting ``runs`` changes nothing but their ends (no runs to merge, no double spaces)."""
    return slice_runs(runs, 0, len(runs_text(runs))) == runs


_whole = TextMemo[tuple[Run, ...], bool](_cuts_cleanly, lambda runs, _: sum(len(run.text) for run in runs))


def _greedy(runs: Sequence[Run], ends: Sequence[int], face: FontFace, size_pt: float, width_pt: float,
            room: Callable[[int], float], first: int = 0, limit: int | None = None) -> list[int] | None:
    """Return the sentence-end offsets where pages end (greedy fill from sentence ``first``).

    None when a sentence is taller than a page, or when more than ``limit`` pages are needed.
    """
    pitch = line_pitch_pt(size_pt)
    cuts: list[int] = []
    start, index = (ends[first - 1] if first else 0), first
    while index < len(ends):
        if limit is not None and len(cuts) >= limit:
            return None
        capacity = int((room(len(cuts)) + EPSILON) // pitch)
        if not _fits(runs, face, size_pt, width_pt, start, ends[index], capacity):
            return None
        low, step = index, 1  # the farthest sentence end that still fits: gallop, then halve (lines grow with it)
        while low + step < len(ends) and _fits(runs, face, size_pt, width_pt, start, ends[low + step], capacity):
            low, step = low + step, step * 2
        high = min(low + step, len(ends)) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if _fits(runs, face, size_pt, width_pt, start, ends[middle], capacity):
                low = middle
            else:
                high = middle - 1
        index = low
        cuts.append(ends[index])
        start, index = ends[index], index + 1
    return cuts


def split_sentences(runs: Sequence[Run], face: FontFace, size_pt: float, width_pt: float,
                    room: Callable[[int], float], limit: int | None = None) -> list[tuple[Run, ...]] | None:
    """Return ``runs`` as pages ending between sentences, each fitting ``room(page index)``.

    The last two pages are balanced: their room is lowered as far as it can be without
    needing a third, so the last page is not a stub. None when a single sentence is taller
    than a page, or when more than ``limit`` pages would be needed.
    """
    text = runs_text(runs)
    ends = sentence_ends(text)
    cuts = _greedy(runs, ends, face, size_pt, width_pt, room, limit=limit)
    if cuts is None:
        return None
    if len(cuts) > 1:
        pitch = line_pitch_pt(size_pt)
        head = cuts[:-2]
        first = ends.index(head[-1]) + 1 if head else 0
        offset = len(head)
        low, high = 0.0, max(room(offset), room(offset + 1))
        tail = cuts[-2:]
        for _ in range(24):
            middle = (low + high) / 2

            def lowered(index: int, top: float = middle) -> float:
                return min(room(offset + index), top)

            trial = _greedy(runs, ends, face, size_pt, width_pt, lowered, first, 2)
            if trial is not None:
                high, tail = middle, trial
            else:
                low = middle
            if high - low < pitch / 4:
                break
        cuts = [*head, *tail]
    bounds = [0, *cuts]
    return [slice_runs(runs, a, b) for a, b in zip(bounds, bounds[1:], strict=False)]


def continuations_hold(pages: Sequence[tuple[Run, ...]], face: FontFace, size_pt: float, width_pt: float) -> bool:
    """Return whether every page after the first carries at least ``MIN_CONTINUATION_LINES`` lines."""
    return all(line_count(page, face, size_pt, width_pt) >= MIN_CONTINUATION_LINES for page in pages[1:])
