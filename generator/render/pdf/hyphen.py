"""Hyphenate words with pyphen's dictionaries, reading each pattern only when a word needs it.

Stage: a service for ``style.Hyphenator`` (a word in, its break points out). pyphen parses
every pattern of a dictionary when it opens one: some 50 ms for English, longer than the
rest of a short brief takes to lay out. Here a dictionary is only split into lines keyed by
their letters, and a pattern's numbers are read the first time a word contains its letters.
The algorithm (Liang's, as pyphen runs it) and so every break point are pyphen's own; the
few dictionaries with non-standard breaks (``ff=f``, in Hungarian and Catalan) are left to
pyphen itself.

A standard dictionary's patterns keyed by their letters (what takes the reading: 10 ms for
English, under 3 from a record) are kept in the user's cache folder beside the fonts' records
(``theme.fontcache``), as plain text named by a hash of the dictionary's bytes, pyphen's version
and this format; any problem with a record (missing, unreadable, unwritable) reads the
dictionary itself: the cache makes a build faster, never different.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from itertools import filterfalse
from pathlib import Path

import pyphen

FORMAT = "1"  # bump when what a record holds changes
# the lines pyphen skips among the stripped, non-empty ones: a comment or setting, or no break (no digit 1-9)
_SKIPPED = "^(?:(?:" + "|".join(map(re.escape, pyphen.ignored)) + ")[^\n]*|[^1-9\n]*)$"


def _read(path: Path) -> tuple[bool, list[str]]:
    """Return whether a dictionary's breaks are all standard, and its pattern lines as pyphen keeps them."""
    with path.open("rb") as file:
        encoding = file.readline().decode().strip()
    if encoding.lower() == "microsoft-cp1251":
        encoding = "cp1251"
    text = path.read_text(encoding)
    # non-standard breaks look like "c1/c=,1,1"
    standard = "/" not in text or not any("/" in line and "=" in line for line in text.split("\n") if "/" in line)
    if "^^" in text:  # a character written in hex
        text = pyphen.parse_hex(lambda match: chr(int(match.group(1), 16)), text)
    lines = list(filter(None, map(str.strip, text.split("\n")[1:])))
    # found at C speed (compiled here: a build that reads a record never needs it); pyphen drops all-zero patterns only
    skipped = set(re.findall(_SKIPPED, "\n".join(lines), re.M))
    return standard, list(filterfalse(skipped.__contains__, lines)) if skipped else lines


def _record(path: Path) -> Path | None:
    from generator.theme.fontcache import _cache_folder

    try:
        digest = hashlib.sha256(path.read_bytes())
    except OSError:
        return None
    digest.update(f"|{pyphen.__version__}|{FORMAT}".encode())
    return _cache_folder().parent / "hyphenation" / f"{digest.hexdigest()}.txt"


def _index(lines: list[str]) -> dict[str, str]:
    """Map each pattern's letters (its line without digits) to its line, the last of equal ones kept (as pyphen)."""
    # the digits are deleted as bytes: at C speed, and UTF-8 stays valid
    letters = "\n".join(lines).encode().translate(None, b"0123456789").decode().split("\n")
    return dict(zip(letters, lines, strict=True))


def patterns(path: Path) -> tuple[bool, dict[str, str]]:
    """Return whether a dictionary's breaks are all standard, and its patterns by their letters.

    From the cache when a dictionary with these bytes was read before. Only a standard
    dictionary is recorded (the others are left to pyphen), so a record that is there is a
    standard dictionary's: its patterns' letters, one a line, then their lines in the same order.
    """
    record = _record(path)
    if record is not None:
        try:
            parts = record.read_bytes().decode("utf-8").split("\n")  # no newline translation: as written
        except (OSError, ValueError):
            pass
        else:
            if len(parts) % 2 == 0:
                return True, dict(zip(parts[:len(parts) // 2], parts[len(parts) // 2:], strict=True))
    standard, lines = _read(path)
    raw = _index(lines)
    if record is not None and standard and raw:
        try:
            record.parent.mkdir(parents=True, exist_ok=True)
            temporary = record.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_bytes("\n".join([*raw, *raw.values()]).encode("utf-8"))
            temporary.rename(record)  # whole or not at all
        except (OSError, ValueError):
            pass
    return standard, raw


class Patterns:
    """One dictionary's patterns: the letters of each mapped to its line, parsed on first use."""

    def __init__(self, path: Path) -> None:
        self.standard, self._raw = patterns(path)
        self._parsed: dict[str, tuple[int, tuple[int, ...]]] = {}
        self._longest = max(map(len, self._raw), default=0)
        self._points: dict[str, list[int]] = {}

    def _pattern(self, letters: str) -> tuple[int, tuple[int, ...]] | None:
        parsed = self._parsed.get(letters)
        if parsed is None:
            line = self._raw.get(letters)
            if line is None:
                return None
            values = tuple(int(digit or "0") for digit, _ in pyphen.parse(line))
            start, end = 0, len(values)
            while not values[start]:
                start += 1
            while not values[end - 1]:
                end -= 1
            parsed = self._parsed[letters] = (start, values[start:end])
        return parsed

    def points(self, word: str) -> list[int]:
        """Return where ``word`` may break, as pyphen's ``HyphDict.positions`` does."""
        word = word.lower()
        found = self._points.get(word)
        if found is None:
            dotted = f".{word}."
            weights = [0] * (len(dotted) + 1)
            raw = self._raw
            for i in range(len(dotted) - 1):
                for j in range(i + 1, min(i + self._longest, len(dotted)) + 1):
                    if dotted[i:j] not in raw:
                        continue
                    pattern = self._pattern(dotted[i:j])
                    assert pattern is not None
                    offset, values = pattern
                    window = slice(i + offset, i + offset + len(values))
                    weights[window] = map(max, values, weights[window])
            found = self._points[word] = [i - 1 for i, weight in enumerate(weights) if weight % 2]
        return found


class Dictionary:
    """A hyphenation dictionary answering as ``pyphen.Pyphen.iterate`` does, opened lazily."""

    def __init__(self, name: str, left: int, right: int) -> None:
        self._left, self._right = left, right
        patterns = Patterns(Path(pyphen.LANGUAGES[name]))
        self._patterns = patterns if patterns.standard else None
        self._pyphen = None if patterns.standard else pyphen.Pyphen(lang=name, left=left, right=right)

    def iterate(self, word: str) -> Iterator[tuple[str, str]]:
        """Yield every (head, tail) split of ``word``, the longest head first."""
        if self._pyphen is not None:
            yield from self._pyphen.iterate(word)
            return
        assert self._patterns is not None
        right = len(word) - self._right
        for point in reversed(self._patterns.points(word)):
            if self._left <= point <= right:
                yield word[:point], word[point:]
