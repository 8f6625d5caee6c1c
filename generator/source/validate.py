"""Collecting problems with their positions while turning YAML values into typed values.

Stage: shared by the outline loader and the theme loader. A ``Checker`` never raises on the
first problem: it records each one with file, line and column so the user can fix them all
in one pass, and the loader raises ``InputError`` with the full list at the end.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from generator.errors import InputError, Problem
from generator.source.yamlsource import Typed, YList, YMap, flag_value

# Characters an XML 1.0 document (and so PPTX, and PDF text via reportlab) cannot hold.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
MAX_HEADING_CHARS = 400  # titles, keys, headings, captions, names: what one page or slide can show
_BLANKS = re.compile(r"[ \t\r\n]+")
# Noncharacters are reserved for a program's internal use and are never drawn.
_NONCHARACTERS = re.compile("[\ufdd0-\ufdef" + "".join(f"{chr(p << 16 | 0xFFFE)}{chr(p << 16 | 0xFFFF)}"
                                                         for p in range(1, 17)) + "]")


def unholdable(text: str) -> str | None:
    """Return the code points of ``text`` no document can hold (``U+000B, U+FDD0``), or None when there are none."""
    bad = sorted(set(_XML_FORBIDDEN.findall(text)) | set(_NONCHARACTERS.findall(text)))
    return ", ".join(f"U+{ord(c):04X}" for c in bad) or None


# What prints nothing: spaces, format controls (zero-width space, soft hyphen, joiners, bidi
# controls), combining marks with no base and unassigned code points.
_INVISIBLE = frozenset(("Cc", "Cf", "Cn", "Mn", "Me", "Zs", "Zl", "Zp"))


def visible(text: str) -> bool:
    """Tell whether ``text`` has at least one character that prints something."""
    return any(unicodedata.category(char) not in _INVISIBLE for char in text)


def shorten(text: str, limit: int = 60) -> str:
    """Return ``text`` cut for quoting in a message, saying how long it really is."""
    return text if len(text) <= limit else f"{text[:limit - 20]}... ({len(text):,} characters)"


def describe(value: Any) -> str:
    """Name a YAML value's type the way an outline author thinks of it (quoting what was typed)."""
    if isinstance(value, Typed):
        kinds = {"bool": "a yes/no value", "timestamp": "a date"}
        return f"`{shorten(value)}` ({kinds[value.tag]})" if value.tag in kinds else f"the number {shorten(value)}"
    if isinstance(value, YMap):
        return "a mapping"
    if isinstance(value, YList):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"`{str(value).lower()}` (a yes/no value)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {shorten(value)!r}"
    return f"a {type(value).__name__} value"


class Checker:
    """Typed access to YAML values that records problems instead of raising."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def fail(self, pos: tuple[int, int], message: str) -> None:
        self.problems.append(Problem(self.path, pos[0], pos[1], message))

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputError(self.problems)

    @staticmethod
    def pos(container: Any, key: Any) -> tuple[int, int]:
        """Return where ``container[key]`` was written (the container itself if unknown)."""
        if isinstance(container, YMap) and key in container.value_pos:
            return container.value_pos[key]
        if isinstance(container, YList) and isinstance(key, int) and key < len(container.item_pos):
            return container.item_pos[key]
        return (getattr(container, "line", 1), getattr(container, "column", 1))

    def mapping(self, value: Any, pos: tuple[int, int], where: str) -> YMap | None:
        if isinstance(value, YMap):
            return value
        self.fail(pos, f"{where} must be a mapping (key: value lines), not {describe(value)}")
        return None

    def items(self, value: Any, pos: tuple[int, int], where: str) -> YList | None:
        if isinstance(value, YList):
            return value
        self.fail(pos, f"{where} must be a list (lines starting with `- `), not {describe(value)}")
        return None

    def keys(self, mapping: YMap, where: str, allowed: Iterable[str], required: Iterable[str] = ()) -> None:
        """Report unknown keys (with the closest known one) and missing required keys."""
        known = list(allowed)
        for key in mapping:
            if key not in known:
                import difflib  # only for this message: a correct outline never imports it

                close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
                hint = f"; did you mean `{close[0]}`?" if close else f"; known keys: {', '.join(known)}"
                self.fail(mapping.key_pos[key], f"{where}: unknown key `{key}`{hint}")
        for key in required:
            if key not in mapping:
                self.fail((mapping.line, mapping.column), f"{where}: the required key `{key}` is missing")

    def text(self, container: Any, key: Any, where: str, required: bool = False, most: int | None = None
             ) -> str | None:
        """Return ``container[key]`` as text (see ``text_value``); absent keys give None."""
        value = container.get(key) if isinstance(container, YMap) else container[key]
        return self.text_value(value, self.pos(container, key), where, required, most)

    def text_value(self, value: Any, pos: tuple[int, int], where: str, required: bool = False,
                   most: int | None = None) -> str | None:
        """Return a text value (numbers are accepted as text), whitespace runs made single spaces.

        ``most`` caps the length of a heading-like field, which must fit on one page or slide.
        """
        if value is None:
            if required:
                self.fail(pos, f"{where} is required and must be text")
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.fail(pos, f"{where} must be text, not {describe(value)}")
            return None
        text = _BLANKS.sub(" ", str(value)).strip()
        codes = unholdable(text)
        if codes:
            self.fail(pos, f"{where} contains control characters that documents cannot hold ({codes}); "
                           "remove them")
            return None
        if required and not text:
            self.fail(pos, f"{where} must not be empty")
            return None
        if most is not None and len(text) > most:
            self.fail(pos, f"{where} has {len(text):,} characters; it may have at most {most:,} "
                           "(a heading must fit on a page; put the rest in the text)")
            return None
        if required and not visible(text):
            self.fail(pos, f"{where} has only invisible characters (such as zero-width spaces or soft "
                           "hyphens), so nothing would print; write the text")
            return None
        return text

    def flag(self, container: YMap, key: str, where: str) -> bool:
        value = container.get(key)
        if value is None:
            return False
        flag = flag_value(value)
        if flag is None:
            self.fail(self.pos(container, key), f"{where} must be true or false, not {describe(value)}")
            return False
        return flag
