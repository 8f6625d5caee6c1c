"""Reference libraries named in ``sources:``: a BibTeX or CSL-JSON file in, source fields per entry out.

Stage: used by ``readers.outline``. Analysts keep their references in Zotero, JabRef or a ``.bib``
file; naming that file in ``sources:`` saves copying each work by hand. Citation keys become
source ids; authors, titles, containers (journal, book, publisher), dates and links map to the
fields of a ``Source``. Problems are reported at the library file's own line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from msgspec import Struct

from generator.errors import Problem
from generator.links import SAFE_SCHEMES, link_scheme
from generator.source.bibtex import MONTHS, BibEntry, BibError, read_bibtex
from generator.source.files import Outside, Unreadable, read_file
from generator.source.validate import Checker

MAX_LIBRARY_BYTES = 20_000_000
LIBRARY_SUFFIXES = (".bib", ".json")
FIELDS = ("title", "publisher", "author", "date", "url", "accessed")
_CONTAINERS = ("journal", "journaltitle", "booktitle", "publisher", "institution", "organization", "school",
               "howpublished")


class LibraryEntry(Struct, frozen=True):
    key: str
    title: str
    fields: dict[str, str | None]  # the other Source fields
    line: int  # in the library file


class Library(Struct, frozen=True):
    path: Path  # as the outline named it, joined to its folder
    entries: tuple[LibraryEntry, ...]
    problems: tuple[Problem, ...]


def read_library(relative: str, base: Path, root: Path) -> Library | str:
    """Return a library's entries and the problems inside it, or why the file cannot be used at all."""
    shown = base / relative
    path = shown.resolve()
    if path.suffix.lower() not in LIBRARY_SUFFIXES:
        return f"`{relative}` is not a reference library: name a BibTeX (.bib) or CSL-JSON (.json) file, " \
               "or write the source as a mapping with `id` and `title`"
    try:
        text = read_file(shown, MAX_LIBRARY_BYTES, root).decode("utf-8-sig")
    except Outside:
        return f"library `{relative}` is outside the outline's folder {root}; move it inside " \
               "(or build with --allow-outside)"
    except FileNotFoundError:
        return f"library `{relative}` not found (looked for {path})"
    except Unreadable as exc:
        return f"library `{relative}` {exc}"
    except UnicodeDecodeError:
        return f"library `{relative}` is not UTF-8 text; export it as UTF-8"
    check = Checker(shown)
    entries = _bibtex(text, check) if path.suffix.lower() == ".bib" else _csl(text, check)
    unique: dict[str, LibraryEntry] = {}
    for entry in entries:
        earlier = unique.get(entry.key)
        if earlier is not None:
            check.fail((entry.line, 1), f"citation key `{entry.key}` is used by an earlier entry (line "
                                        f"{earlier.line})")
        else:
            unique[entry.key] = entry
    return Library(shown, tuple(unique.values()), tuple(check.problems))


def _entry(check: Checker, key: str, line: int, values: dict[str, str | None]) -> LibraryEntry | None:
    """Check one entry's values as outline text is checked, at the entry's line."""
    fields: dict[str, str | None] = {}
    for name in FIELDS:
        fields[name] = check.text_value(values.get(name), (line, 1), f"entry `{key}`, {name}")
    url = fields["url"]
    if url is not None and link_scheme(url) not in SAFE_SCHEMES:
        check.fail((line, 1), f"entry `{key}`: link `{url}` is not allowed; only http, https and mailto links are")
        fields["url"] = None
    title = fields["title"]
    if not title:
        check.fail((line, 1), f"entry `{key}` has no title")
        return None
    return LibraryEntry(key, title, fields, line)


def people(names: tuple[str, ...] | list[str]) -> str | None:
    """Return authors as a brief names them: "A", "A and B", "A, B and C", "A et al."."""
    if not names:
        return None
    if len(names) > 3:
        return f"{names[0]} et al."
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _date(year: Any, month: Any = None, day: Any = None) -> str | None:
    """Return a date as ISO when it is whole (the brief writes it out), else "March 2024" or "2024"."""
    if year in (None, ""):
        return None
    text_month = str(month or "").strip().lower()[:3]
    number = MONTHS.index(text_month) + 1 if text_month in MONTHS else \
        int(text_month) if text_month.isdigit() and 1 <= int(text_month) <= 12 else None
    if number and day not in (None, "") and str(day).isdigit():
        return f"{int(str(year)):04d}-{number:02d}-{int(str(day)):02d}" if str(year).isdigit() else str(year)
    if number:
        names = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                 "October", "November", "December")
        return f"{names[number - 1]} {year}"
    return str(year)


def _doi_url(doi: str | None) -> str | None:
    if not doi:
        return None
    return doi if re.match(r"https?://", doi) else f"https://doi.org/{doi.strip()}"


def _bibtex(text: str, check: Checker) -> list[LibraryEntry]:
    try:
        entries = read_bibtex(text)
    except BibError as exc:
        check.fail((exc.line, exc.column), exc.message)
        return []
    return [e for entry in entries if (e := _bib_entry(check, entry)) is not None]


def _bib_entry(check: Checker, entry: BibEntry) -> LibraryEntry | None:
    f = entry.fields
    authors = people(entry.people.get("author", ()))
    if authors is None and entry.people.get("editor"):
        authors = f"{people(entry.people['editor'])} (ed.)"
    container = next((f[name] for name in _CONTAINERS if f.get(name)), None)
    date = f.get("date") or _date(f.get("year"), f.get("month"), f.get("day"))
    values = {"title": f.get("title"), "publisher": container, "author": authors, "date": date,
              "url": f.get("url") or _doi_url(f.get("doi")), "accessed": f.get("urldate")}
    return _entry(check, entry.key, entry.line, values)


def _csl(text: str, check: Checker) -> list[LibraryEntry]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        check.fail((exc.lineno, exc.colno), f"not valid JSON: {exc.msg}")
        return []
    items = data.get("items") if isinstance(data, dict) else data
    if not isinstance(items, list):
        check.fail((1, 1), "a CSL-JSON library is a list of entries (export \"CSL JSON\" from Zotero)")
        return []
    found = []
    for index, item in enumerate(items):
        key = str(item.get("id", "")).strip() if isinstance(item, dict) else ""
        line = _line_of(text, key) if key else 1
        if not key or not isinstance(item, dict):
            check.fail((line, 1), f"entry {index + 1} has no `id`; the id is what citations name")
            continue
        if (entry := _csl_entry(check, key, line, item)) is not None:
            found.append(entry)
    return found


def _line_of(text: str, key: str) -> int:
    match = re.search(r'"id"\s*:\s*"?' + re.escape(key) + r'"?\s*[,}\n]', text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _csl_names(value: Any) -> list[str]:
    names = []
    for person in value if isinstance(value, list) else []:
        if isinstance(person, dict):
            name = person.get("literal") or " ".join(str(person[part]) for part in
                                                     ("given", "non-dropping-particle", "family") if person.get(part))
            if name:
                names.append(str(name))
    return names


def _csl_date(value: Any) -> str | None:
    if not isinstance(value, dict):
        return str(value) if isinstance(value, (str, int)) else None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        return _date(*parts[0][:3])
    raw = value.get("raw") or value.get("literal")
    return str(raw) if raw else None


def _csl_entry(check: Checker, key: str, line: int, item: dict[str, Any]) -> LibraryEntry | None:
    def text(name: str) -> str | None:
        value = item.get(name)
        return str(value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None

    authors = people(_csl_names(item.get("author")))
    if authors is None and _csl_names(item.get("editor")):
        authors = f"{people(_csl_names(item.get('editor')))} (ed.)"
    values = {"title": text("title"), "publisher": text("container-title") or text("publisher"),
              "author": authors, "date": _csl_date(item.get("issued")),
              "url": text("URL") or _doi_url(text("DOI")), "accessed": _csl_date(item.get("accessed"))}
    return _entry(check, key, line, values)
