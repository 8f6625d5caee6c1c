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
from generator.theme.measure import line_pitch_pt, wrap
from generator.theme.model import FontFace

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


def _lines(runs: Sequence[Run], face: FontFace, size_pt: float, width_pt: float, start: int, end: int) -> int:
    return len(wrap(slice_runs(runs, start, end), face, size_pt, width_pt))


def _greedy(runs: Sequence[Run], ends: Sequence[int], face: FontFace, size_pt: float, width_pt: float,
            room: Callable[[int], float]) -> list[int] | None:
    """Return the sentence-end offsets where pages end (greedy fill), or None if a sentence is too tall."""
    pitch = line_pitch_pt(size_pt)
    cuts: list[int] = []
    start, index = 0, 0
    while index < len(ends):
        capacity = int((room(len(cuts)) + EPSILON) // pitch)
        if _lines(runs, face, size_pt, width_pt, start, ends[index]) > capacity:
            return None
        while index + 1 < len(ends) and _lines(runs, face, size_pt, width_pt, start, ends[index + 1]) <= capacity:
            index += 1
        cuts.append(ends[index])
        start, index = ends[index], index + 1
    return cuts


def split_sentences(runs: Sequence[Run], face: FontFace, size_pt: float, width_pt: float,
                    room: Callable[[int], float]) -> list[tuple[Run, ...]] | None:
    """Return ``runs`` as pages ending between sentences, each fitting ``room(page index)``.

    Pages are balanced: the room is lowered as far as it can be without needing another
    page, so the last page is not a stub. None when a single sentence is taller than a page.
    """
    text = runs_text(runs)
    ends = sentence_ends(text)
    cuts = _greedy(runs, ends, face, size_pt, width_pt, room)
    if cuts is None:
        return None
    if len(cuts) > 1:
        pitch = line_pitch_pt(size_pt)
        low, high = 0.0, max(room(i) for i in range(len(cuts)))
        for _ in range(24):
            middle = (low + high) / 2

            def lowered(index: int, limit: float = middle) -> float:
                return min(room(index), limit)

            trial = _greedy(runs, ends, face, size_pt, width_pt, lowered)
            if trial is not None and len(trial) <= len(cuts):
                high, cuts = middle, trial
            else:
                low = middle
            if high - low < pitch / 4:
                break
    bounds = [0, *cuts]
    return [slice_runs(runs, a, b) for a, b in zip(bounds, bounds[1:], strict=False)]



def continuations_hold(pages: Sequence[tuple[Run, ...]], face: FontFace, size_pt: float, width_pt: float) -> bool:
    """Return whether every page after the first carries at least ``MIN_CONTINUATION_LINES`` lines."""
    return all(len(wrap(page, face, size_pt, width_pt)) >= MIN_CONTINUATION_LINES for page in pages[1:])
