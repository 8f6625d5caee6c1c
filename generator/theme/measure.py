"""Measure text with real font metrics: the one source of truth for what fits on a slide.

Stage: a service for the deck planner (text in, points out); the renderers never measure.
A word is as wide as the wider of two estimates: the theme's font (with the per-character
fallbacks of ``theme.fonts.text_width``), and a reference that mirrors the acceptance text-fit
check (Helvetica metrics; East Asian wide characters 1 em; other non-Latin-1 characters
0.6 em). Taking the maximum keeps the planner at least as conservative as any reader that
estimates with Helvetica, whatever face the theme uses. Widths are cached per string, font
and style at 1 pt and scaled, so trying several font sizes re-measures nothing.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate
from typing import Protocol

from msgspec import Struct
from reportlab.pdfbase.pdfmetrics import stringWidth

from generator.theme.fonts import text_width
from generator.theme.model import FontFace
from generator.theme.textcache import ENTRY_CHARS, TextCache, TextMemo

LINE_RATIO = 1.2  # line pitch as a multiple of the font size, written into every paragraph
WRAP_SAFETY = 0.97  # wrap into 97% of a box: renderers kern and round differently from us
_TOKEN = re.compile(r"\s+|\S+")
_WIDE_WINDOW = 64  # characters of a wide word first tried on a line (then the last line's length and a few)


class Styled(Protocol):
    """A run of text in one style, hashable (wrapping caches per run); the deck plan's runs satisfy it."""

    @property
    def text(self) -> str: ...

    @property
    def bold(self) -> bool: ...

    @property
    def italic(self) -> bool: ...


class Piece(Struct, frozen=True):
    """A plain styled run, for callers that have no plan runs yet."""

    text: str
    bold: bool = False
    italic: bool = False


class Line(Struct, frozen=True):
    """One wrapped line: character offsets into the joined text of its runs, and its width."""

    start: int
    end: int
    width_pt: float


class _Tokens(Struct, frozen=True):
    """The tokens of some runs in compact arrays: a deck wraps thousands of texts at several sizes,
    and one object per token made the cache too large to hold them all (every wrap re-split its text)."""

    spaces: bytes
    ems: array[float]
    starts: array[int]
    ends: array[int]


@lru_cache(maxsize=8192)
def _reference_char_em(char: str, bold: bool) -> float:
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        if unicodedata.combining(char):
            return 0.0
        return 1.0 if unicodedata.east_asian_width(char) in "WF" else 0.6
    return stringWidth(char, "Helvetica-Bold" if bold else "Helvetica", 1000) / 1000


def _em(chunk: str, font_name: str, bold: bool) -> float:
    """Return the width of ``chunk`` at 1 pt: the wider of the theme font and the reference.

    Cached per chunk: words by count, as most are short; chunks longer than ``_SHORT_CHUNK`` (a
    run of Han text has no spaces to split it, a table cell is measured whole) by characters.
    """
    if len(chunk) <= _SHORT_CHUNK:
        return _short_em(chunk, font_name, bold)
    return _long_em((chunk, font_name, bold))


def _measure_em(chunk: str, font_name: str, bold: bool) -> float:
    theme = text_width(chunk, font_name, 1000.0, bold) / 1000
    reference = sum(_reference_char_em(char, bold) for char in chunk)
    return max(theme, reference)


_SHORT_CHUNK = 64
_short_em = lru_cache(maxsize=131072)(_measure_em)
_long_em = TextMemo[tuple[str, str, bool], float](lambda key: _measure_em(*key), lambda key, _: len(key[0]))


def width_pt(text: str, face: FontFace, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    """Return the advance width of ``text`` in points (conservative, see the module docstring)."""
    return _em(text, face.pick(bold, italic), bold) * size_pt


def runs_width_pt(runs: Sequence[Styled], face: FontFace, size_pt: float) -> float:
    """Return the unwrapped width of several runs set on one line."""
    return sum(width_pt(run.text, face, size_pt, run.bold, run.italic) for run in runs)


def _tokens(runs: Sequence[Styled], face: FontFace) -> _Tokens:
    """Return the space and word tokens of ``runs``, cached: a list is wrapped at several sizes."""
    return _cached_tokens((tuple(runs), face))


def _text_chars(runs: Sequence[Styled]) -> int:
    return sum(len(run.text) for run in runs)


def _split(key: tuple[tuple[Styled, ...], FontFace]) -> _Tokens:
    """Split runs into space and word tokens; a word continues across a style change (its widths add up)."""
    runs, face = key
    spaces, ems, starts, ends = bytearray(), array("d"), array("q"), array("q")
    offset = 0
    for run in runs:
        font, bold = face.pick(run.bold, run.italic), run.bold
        for chunk in _TOKEN.findall(run.text):  # the tokens cover the text: each starts where the last ended
            space, end = chunk[0].isspace(), offset + len(chunk)
            em = _em(chunk, font, bold)
            if not space and spaces and not spaces[-1] and ends[-1] == offset:
                ems[-1] += em
                ends[-1] = end
            else:
                spaces.append(space)
                ems.append(em)
                starts.append(offset)
                ends.append(end)
            offset = end
    return _Tokens(bytes(spaces), ems, starts, ends)


# Charged a character of text and one per token: the token arrays take about 25 bytes a token.
_cached_tokens = TextMemo(_split, lambda key, tokens: _text_chars(key[0]) + len(tokens.spaces))


def wrap(runs: Sequence[Styled], face: FontFace, size_pt: float, box_width_pt: float) -> list[Line]:
    """Return the lines a greedy word wrap makes of ``runs`` in a box ``box_width_pt`` wide.

    Words wider than the box break between characters, as PowerPoint breaks them, so a
    300-character token still has a height. Empty text is one (empty) line.
    """
    limit = box_width_pt * WRAP_SAFETY / size_pt
    tokens = _tokens(runs, face)
    lines: list[Line] = []
    line_em, space_em, start, end = 0.0, 0.0, -1, 0
    for space, em, token_start, token_end in zip(tokens.spaces, tokens.ems, tokens.starts, tokens.ends, strict=True):
        if space:
            space_em += em if line_em else 0.0
            continue
        if line_em and line_em + space_em + em > limit:
            lines.append(Line(max(start, 0), end, line_em * size_pt))
            line_em, space_em, start = 0.0, 0.0, -1
        if em <= limit:
            start = token_start if start < 0 else start
            line_em, space_em, end = line_em + space_em + em, 0.0, token_end
            continue
        # a word wider than the box: break it between characters
        line_em, start, end = _break_wide_word(_char_ems(runs, face, token_start, token_end), token_start,
                                               (line_em, space_em, start, end), limit, size_pt, lines)
        space_em = 0.0
    if line_em or not lines:
        lines.append(Line(max(start, 0), end, line_em * size_pt))
    return lines


def _char_ems(runs: Sequence[Styled], face: FontFace, start: int, end: int) -> array[float]:
    """Return the width at 1 pt of each character of the word at ``start:end`` (its runs' fonts)."""
    ems = array("d")
    for chunk, font, bold in _word_parts(runs, face, start, end):
        ems.extend(_chunk_char_ems(chunk, font, bold))
    return ems


@lru_cache(maxsize=256)
def _chunk_char_ems(chunk: str, font_name: str, bold: bool) -> array[float]:
    """Return each character's width at 1 pt, cached: a wide word is wrapped at several sizes and widths."""
    return array("d", (_em(char, font_name, bold) for char in chunk))


def _break_wide_word(char_ems: array[float], position: int, state: tuple[float, float, int, int], limit: float,
                     size_pt: float, lines: list[Line]) -> tuple[float, int, int]:
    """Set a word wider than the box character by character, appending the lines it fills to ``lines``.

    The same lines, with the same sums added in the same order, as trying each character in
    turn, but each line's running sums are added up by ``accumulate`` over a window a little
    longer than the last line and its end found by bisection: a 5,000-character word, wrapped
    at every size the planner tries, cost a Python loop step per character. Returns the
    line's width, start and end.
    """
    line_em, space_em, start, end = state
    index, count, window = 0, len(char_ems), _WIDE_WINDOW
    while index < count:
        sums = list(accumulate(char_ems[index:index + window], initial=line_em + space_em))
        fit = bisect_right(sums, limit, 1) - 1  # the sums only grow: this many characters fit the line
        if fit == 0 and line_em:
            lines.append(Line(max(start, 0), end, line_em * size_pt))
            line_em, space_em, start = 0.0, 0.0, -1
            continue
        take = max(fit, 1)  # a character wider than an empty line is set on it anyway
        if take + 1 < len(sums) and not sums[take]:
            take += 1  # only zero-width characters so far: the next is set on the line before it breaks
        start = position + index if start < 0 else start
        line_em, space_em, end = sums[take], 0.0, position + index + take
        index += take
        if take + 1 < len(sums) and line_em and sums[take + 1] > limit:  # the next character breaks the line
            lines.append(Line(max(start, 0), end, line_em * size_pt))
            line_em, start, window = 0.0, -1, take + _WIDE_WINDOW // 8
        else:
            window *= 2
    return line_em, start, end


def _word_parts(runs: Sequence[Styled], face: FontFace, start: int, end: int) -> list[tuple[str, str, bool]]:
    """Return the pieces of the word at ``start:end``, one per run it spans, with each run's font."""
    parts, offset = [], 0
    for run in runs:
        low, high = max(start - offset, 0), min(end - offset, len(run.text))
        if low < high:
            parts.append((run.text[low:high], face.pick(run.bold, run.italic), run.bold))
        offset += len(run.text)
    return parts


def range_line_count(runs: Sequence[Styled], face: FontFace, size_pt: float, box_width_pt: float, start: int,
                     end: int, most: int) -> int | None:
    """Return how many lines characters ``start:end`` of ``runs`` wrap to, counting no further than ``most + 1``.

    The same count as wrapping those characters cut out as runs of their own (spaces at either
    end do not count), from the tokens of the whole text: a long quote is measured page by
    page at every size, and splitting each candidate page again, to its end, made that
    quadratic. None when a cut falls inside a word or a word is wider than the box: the
    caller wraps the cut-out runs instead.
    """
    limit = box_width_pt * WRAP_SAFETY / size_pt
    tokens = _tokens(runs, face)
    first = max(bisect_right(tokens.starts, start) - 1, 0)
    last = bisect_left(tokens.ends, end) + 1
    for index in {first, last - 1} & set(range(len(tokens.spaces))):
        if not tokens.spaces[index] and (tokens.starts[index] < start < tokens.ends[index]
                                         or tokens.starts[index] < end < tokens.ends[index]):
            return None
    lines, line_em, space_em = 0, 0.0, 0.0
    for space, em, token_start, token_end in zip(tokens.spaces[first:last], tokens.ems[first:last],
                                                  tokens.starts[first:last], tokens.ends[first:last], strict=True):
        if token_end <= start or token_start >= end:
            continue
        if space:
            space_em += em if line_em else 0.0
            continue
        if em > limit:
            return None
        if line_em and line_em + space_em + em > limit:
            lines += 1
            if lines > most:
                return lines
            line_em, space_em = 0.0, 0.0
        line_em, space_em = line_em + space_em + em, 0.0
    return lines + 1 if line_em or not lines else lines


def line_count(runs: Sequence[Styled], face: FontFace, size_pt: float, box_width_pt: float) -> int:
    """Return how many lines ``runs`` wrap to, cached: a planner asks again for the same list at
    the same sizes (a list is flowed once per heading height, and each item at every size).

    The counts of one text are kept together, under the text: keyed by text, face, size and
    width, a long text was held once for every size and width it was tried at.
    """
    key = tuple(runs)
    counts = _cached_line_count.get(key)
    if counts is None:
        counts = {}
    shape = (face, size_pt, box_width_pt)
    count = counts.get(shape)
    if count is None:
        count = counts[shape] = len(wrap(runs, face, size_pt, box_width_pt))
        _cached_line_count.put(key, counts, _text_chars(key) + ENTRY_CHARS * (1 + len(counts)))
    return count


_cached_line_count: TextCache[tuple[Styled, ...], dict[tuple[FontFace, float, float], int]] = TextCache()


def line_pitch_pt(size_pt: float) -> float:
    """Return the line pitch the deck writes for a font size (exact, in hundredths of a point)."""
    return round(size_pt * LINE_RATIO, 2)


def text_height_pt(runs: Sequence[Styled], face: FontFace, size_pt: float, box_width_pt: float) -> float:
    """Return the height of one paragraph of ``runs``, without paragraph spacing."""
    return line_count(runs, face, size_pt, box_width_pt) * line_pitch_pt(size_pt)


class BulletSpec(Struct, frozen=True):
    """What the height of one bullet depends on besides its text."""

    runs: Sequence[Styled]
    size_pt: float
    indent_pt: float  # the text's left margin inside the box (the marker hangs in it)
    space_before_pt: float


def bullets_height_pt(bullets: Sequence[BulletSpec], face: FontFace, box_width_pt: float) -> float:
    """Return the height of a list of bullets in a box; the first bullet's space before is dropped.

    This is how PowerPoint and the acceptance check lay out a text frame: space before
    counts between paragraphs, not above the first one.
    """
    total = 0.0
    for index, bullet in enumerate(bullets):
        total += text_height_pt(bullet.runs, face, bullet.size_pt, box_width_pt - bullet.indent_pt)
        total += bullet.space_before_pt if index else 0.0
    return total
