"""A small BibTeX reader: a ``.bib`` file's text in, its entries (key, type, fields, line) out.

Stage: called by the outline loader's reference-library reader. It understands what reference
managers write: ``@type{key, field = {braced {nested}} # "quoted" # macro, year = 2024}``,
``@string`` macros (and the month names), ``@comment`` and ``@preamble``, and free text between
entries (which BibTeX ignores too). Values come out as plain text: braces dropped, common LaTeX
accents and dashes turned into the characters they stand for. A malformed entry is reported at
its line and column in the ``.bib`` file, not as a traceback.
"""

from __future__ import annotations

import re
import unicodedata

from msgspec import Struct

NAME_FIELDS = ("author", "editor")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_NAME = re.compile(r"[^\s\"#%'(),={}]+")
_ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
            ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328"}
_ACCENT = re.compile(r"\\([`'^\"~=.]|[uvHck](?![A-Za-z]))\s*(?:\{\s*(\\?[A-Za-z])\s*\}|(\\?[A-Za-z]))")
_LETTERS = {"ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
            "l": "ł", "L": "Ł", "i": "ı", "&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "textendash": "–",
            "textemdash": "—", "textquoteright": "’", "textquoteleft": "‘"}
_BLANKS = re.compile(r"\s*")
_BRACES = re.compile(r"\\.|[{}]", re.S)  # an escaped character, or a brace that counts
_COMMAND = re.compile(r"\\(?:([A-Za-z]+)\s?|([&%$#_]))")


class BibEntry(Struct, frozen=True):
    kind: str  # lower case: article, book, misc...
    key: str
    fields: dict[str, str]  # lower-case names, plain-text values
    line: int
    people: dict[str, tuple[str, ...]]  # author and editor lists, each name as "First Last"


class BibError(Exception):
    """A malformed ``.bib`` file, at a 1-based line and column."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0
        self.macros = {month: month.capitalize() for month in MONTHS}
        self._counted_to, self._line = 0, 1  # where() counts lines incrementally: a library is read in one pass

    def where(self, index: int | None = None) -> tuple[int, int]:
        """Return the 1-based line and column of ``index``, counting on from the last place asked about."""
        index = self.at if index is None else index
        if index < self._counted_to:
            self._counted_to, self._line = 0, 1
        self._line += self.text.count("\n", self._counted_to, index)
        self._counted_to = index
        return self._line, index - (self.text.rfind("\n", 0, index) + 1) + 1

    def fail(self, message: str, index: int | None = None) -> BibError:
        return BibError(*self.where(index), message)

    def blanks(self) -> None:
        self.at = _BLANKS.match(self.text, self.at).end()  # type: ignore[union-attr]  # \s* always matches

    def expect(self, chars: str) -> str:
        self.blanks()
        if self.at >= len(self.text) or self.text[self.at] not in chars:
            found = repr(self.text[self.at]) if self.at < len(self.text) else "the end of the file"
            raise self.fail(f"expected {' or '.join(repr(c) for c in chars)}, found {found}")
        self.at += 1
        return self.text[self.at - 1]

    def name(self, what: str) -> str:
        self.blanks()
        match = _NAME.match(self.text, self.at)
        if match is None:
            raise self.fail(f"expected {what}")
        self.at = match.end()
        return match.group()

    def braced(self) -> str:
        """Return the text inside a ``{...}`` group that starts at ``self.at``, its inner braces kept."""
        start, depth = self.at, 0
        for match in _BRACES.finditer(self.text, start):
            char = match.group()
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth == 0:
                    self.at = match.end()
                    return self.text[start + 1 : self.at - 1]
        raise self.fail("this brace is never closed", start)

    def quoted(self) -> str:
        start, depth = self.at, 0
        self.at += 1
        while self.at < len(self.text):
            char = self.text[self.at]
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
            elif char == "\\":
                self.at += 1
            elif char == '"' and depth <= 0:
                self.at += 1
                return self.text[start + 1 : self.at - 1]
            self.at += 1
        raise self.fail("this quotation mark is never closed", start)

    def value(self) -> str:
        """Return a field's value: pieces joined by ``#``, macros expanded."""
        pieces = []
        while True:
            self.blanks()
            char = self.text[self.at] if self.at < len(self.text) else ""
            if char == "{":
                pieces.append(self.braced())
            elif char == '"':
                pieces.append(self.quoted())
            else:
                start = self.at
                word = self.name("a value: {text}, \"text\", a number or a @string name")
                if word.isdigit():
                    pieces.append(word)
                elif word.lower() in self.macros:
                    pieces.append(self.macros[word.lower()])
                else:
                    raise self.fail(f"`{word}` is not a number nor a @string defined above", start)
            self.blanks()
            if self.at < len(self.text) and self.text[self.at] == "#":
                self.at += 1
                continue
            return "".join(pieces)

    def entries(self) -> list[BibEntry]:
        found: list[BibEntry] = []
        while (start := self.text.find("@", self.at)) != -1:
            self.at = start + 1
            match = _NAME.match(self.text, self.at)
            after = match.end() if match else self.at
            while after < len(self.text) and self.text[after].isspace():
                after += 1
            if match is None or after >= len(self.text) or self.text[after] not in "{(":
                continue  # an @ in the free text between entries, which BibTeX ignores
            kind = match.group().lower()
            self.at = after
            opener = self.expect("{(")
            closer = "}" if opener == "{" else ")"
            if kind == "comment":
                self.at -= 1
                if opener == "{":
                    self.braced()
                continue
            if kind == "preamble":
                self.value()
                self.expect(closer)
                continue
            if kind == "string":
                name = self.name("a @string name")
                self.expect("=")
                self.macros[name.lower()] = self.value()
                self.expect(closer)
                continue
            line = self.where(start)[0]
            try:
                found.append(self.entry(kind, line, closer))
            except BibError as exc:
                raise BibError(exc.line, exc.column, f"{exc.message} (in the @{kind} that starts on line {line})"
                               ) from None
        return found

    def entry(self, kind: str, line: int, closer: str) -> BibEntry:
        """Return the entry whose type and opening bracket were just read."""
        key = self.name("a citation key")
        fields: dict[str, str] = {}
        people: dict[str, tuple[str, ...]] = {}
        while self.expect(",}" if closer == "}" else ",)") == ",":
            self.blanks()
            if self.at < len(self.text) and self.text[self.at] == closer:
                self.at += 1
                break
            field_at = self.at
            field = self.name("a field name").lower()
            self.expect("=")
            if field in fields:
                raise self.fail(f"entry `{key}` has the field `{field}` twice", field_at)
            raw = self.value()
            fields[field] = plain(raw)
            if field in NAME_FIELDS:
                people[field] = names(raw)
        return BibEntry(kind, key, fields, line, people)


def plain(value: str) -> str:
    """Return a BibTeX value as plain text: accents composed, commands and braces dropped, blanks single."""
    text = _ACCENT.sub(lambda m: _accented(m.group(1), m.group(2) or m.group(3)), value)
    text = _COMMAND.sub(lambda m: _LETTERS.get(m.group(1) or m.group(2), ""), text)
    text = text.replace("---", "\u2014").replace("--", "\u2013").replace("~", "\u00a0")
    text = text.replace("{", "").replace("}", "")
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _top_level(text: str, separator: re.Pattern[str]) -> list[str]:
    """Split ``text`` where ``separator`` matches outside braces."""
    if "{" not in text:
        return separator.split(text)
    parts, depth, start, index = [], 0, 0, 0
    while index < len(text):
        char = text[index]
        depth += (char == "{") - (char == "}")
        match = separator.match(text, index) if depth == 0 else None
        if match:
            parts.append(text[start:index])
            start = index = match.end()
            continue
        index += 1
    return [*parts, text[start:]]


def names(value: str) -> tuple[str, ...]:
    """Return a name list (``Kim, Ji-woo and {World Bank}``) as names in reading order (``Ji-woo Kim``)."""
    people = []
    for raw in _top_level(value, re.compile(r"\s+and\s+", re.I)):
        parts = [plain(part) for part in _top_level(raw, re.compile(r"\s*,\s*"))]
        if len(parts) == 3:  # von Last, Jr, First
            parts = [parts[2], parts[0] + ", " + parts[1]]
        elif len(parts) == 2:
            parts = [parts[1], parts[0]]
        name = " ".join(part for part in parts if part)
        if name and name.lower() != "others":
            people.append(name)
    return tuple(people)


def _accented(accent: str, letter: str) -> str:
    base = {"\\i": "i", "\\j": "j"}.get(letter, letter)
    return unicodedata.normalize("NFC", base + _ACCENTS[accent])


def read_bibtex(text: str) -> list[BibEntry]:
    """Return the entries of a ``.bib`` file's text, or raise BibError at the malformed place."""
    return _Reader(text).entries()
