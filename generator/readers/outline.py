"""Loading an outline: YAML file in, validated immutable ``Document`` out.

Stage: the first of the pipeline. Every problem in the file is collected with its line and
column (``InputError``), so an author sees them all at once. Only this module (and the
theme loader) ever reads YAML; renderers receive the model.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec.structs import replace

from generator.errors import InputError, Problem
from generator.links import SAFE_SCHEMES, link_scheme
from generator.model import Author, Block, Chart, Document, RichText, Section, Source, Table
from generator.readers.blocks import BLOCK_PARSERS, Context, parse_points
from generator.readers.imprint import imprint_fields
from generator.readers.mapping import positioned
from generator.readers.yamlhelp import colon_trap, load_yaml_explained
from generator.source.validate import MAX_HEADING_CHARS, Checker, describe
from generator.source.yamlsource import YList, YMap, parse_yaml, read_text, shape
from generator.theme.load import theme_problem

if TYPE_CHECKING:  # rows are read (csv, json) only for a family of briefs
    from generator.readers.rows import DataRow

TOP_KEYS = ("title", "subtitle", "date", "authors", "organization", "label", "theme", "language",
            "summary", "sections", "sources", "series", "url", "how-to-cite")
SECTION_KEYS = ("title", "key", "content", "deck", "brief")
SOURCE_KEYS = ("id", "title", "publisher", "author", "date", "url", "accessed")
AUTHOR_KEYS = ("name", "role")
DECK_KEYS = ("points", "notes", "skip")  # a section's `deck:` options
BRIEF_KEYS = ("skip",)  # a section's `brief:` options
MAX_AUTHORS = 30
_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ][0-9:.+\-Zz ]*)?\s*$")
MARKDOWN_SUFFIXES = (".md", ".markdown")
MAX_IDS_LISTED = 12  # an unknown citation lists the known ids, or names the closest of a large library
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
# Limits that keep every build roughly linear and well under a minute (README, "Reliability"):
# past them an outline is refused where it crosses the line, before its blocks are parsed.
MAX_SECTIONS = 1_000
MAX_PARTS = 5_000  # blocks, bullets, table cells, chart values and figures across all sections


def _parts(value: Any) -> int:
    """Count the scalar values (bullets, cells, values, texts) a block's YAML holds, itself at least 1."""
    if isinstance(value, dict):
        return max(1, sum(_parts(v) for v in value.values()))
    if isinstance(value, list):
        return max(1, sum(_parts(v) for v in value))
    return 1


class _Budget:
    """The parts an outline may still use; a block that overdraws it is refused at its position."""

    def __init__(self) -> None:
        self.left = MAX_PARTS
        self.spent = False

    def take(self, check: Checker, value: Any, pos: tuple[int, int], where: str) -> bool:
        if self.spent:
            return False
        self.left -= _parts(value)
        if self.left < 0:
            self.spent = True
            check.fail(pos, f"{where}: with this block the outline holds more than {MAX_PARTS:,} parts (blocks, "
                            "bullets, table cells, chart values), the limit that keeps builds fast; split it into "
                            "several outlines")
            return False
        return True


def load_outline(path: str | Path, allow_outside: Path | None = None, row: DataRow | None = None) -> Document:
    """Return the document an outline file (YAML or Markdown) describes, or raise InputError listing every problem.

    Files the outline names must lie inside its folder, or inside ``allow_outside`` when given.
    With a data ``row``, the outline is a template whose ``{{ fields }}`` come from the row.
    """
    path = Path(path)
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        from generator.readers.markdown import read_markdown  # markdown-it only for Markdown

        if row is None:
            data, unmapped = read_markdown(path)
        else:
            from generator.readers.params import fill, render_outline

            text, fields = render_outline(path, read_text(path), row.values, row.where, row.family)
            data, unmapped = read_markdown(path, text)
            data = fill(data, fields)
    else:
        data, unmapped = (load_yaml_explained(path) if row is None else _rendered(path, row)), []
    return outline_document(data, path, allow_outside, unmapped)


def load_mapping(data: Mapping[str, Any], name: str = "outline", base: Path | None = None,
                 allow_outside: Path | None = None) -> Document:
    """Return the document a mapping (the parsed YAML of an outline) describes; problems name ``<name>``.

    Files it names are looked for in ``base`` (default: the current folder).
    """
    path = (base or Path()) / f"<{name}>"
    return outline_document(positioned(data), path, allow_outside)


def outline_document(data: Any, path: Path, allow_outside: Path | None = None,
                     unmapped: list[Problem] | None = None) -> Document:
    """Validate an outline's tree (with positions in ``path``) into a document, or raise InputError."""
    check = Checker(path)
    check.problems += unmapped or []
    if not isinstance(data, YMap):
        raise InputError([Problem(path, 1, 1, f"this is not an outline: an outline is a mapping of keys such as "
                                              f"`title:` and `sections:`, and this file holds {shape(data)}")])
    if not set(map(str, data)) & set(TOP_KEYS):
        raise InputError([Problem(path, 1, 1, "this is not an outline: it sets none of the outline's keys "
                                              "(`title:`, `sections:`, ...)")])
    check.keys(data, "outline", TOP_KEYS, ("title", "sections"))
    root = allow_outside or path.parent
    libraries: list[Path] = []
    listed = _sources(check, data, path.parent, root, libraries)
    ctx = Context(check, path.parent, root, frozenset(s.id for s, _ in listed), files=libraries)
    title = ctx.rich(data, "title", "title", required=True, most=MAX_HEADING_CHARS) if "title" in data else None
    document = Document(
        title=title or RichText(()),
        subtitle=ctx.rich(data, "subtitle", "subtitle", most=MAX_HEADING_CHARS),
        date=_date(check, data, "date"),
        authors=_authors(check, data),
        organization=check.text(data, "organization", "organization", most=MAX_HEADING_CHARS),
        label=check.text(data, "label", "label", most=MAX_HEADING_CHARS),
        theme=_theme(check, data, path.parent, ctx.root),
        language=_language(check, data),
        summary=_summary(ctx, data),
        sections=_sections(ctx, data),
        sources=(),
        path=path,
        summary_line=check.pos(data, "summary")[0] if "summary" in data else 0,
        **imprint_fields(check, data),
    )
    document = replace(document, sources=_numbered(listed, {cite for cite, _, _ in ctx.cited}),
                       files=tuple(dict.fromkeys(ctx.files)))
    for cite, pos, where in ctx.cited:
        if cite not in ctx.source_ids:
            import difflib  # only to name the closest ids of a bad citation

            close = difflib.get_close_matches(cite, sorted(ctx.source_ids), n=3)
            known = ", ".join(sorted(ctx.source_ids)) if len(ctx.source_ids) <= MAX_IDS_LISTED else \
                f"{len(ctx.source_ids)} ids" + (f"; closest: {', '.join(close)}" if close else "")
            known = known or "none; add a `sources:` list"
            check.fail(pos, f"{where}: unknown source id `{cite}` (known ids: {known})")
    check.raise_if_any()
    return document


def _rendered(path: Path, row: DataRow) -> Any:
    """Return the outline's YAML rendered for one data row, its fields filled in after parsing."""
    from generator.readers.params import fill, render_outline

    text, fields = render_outline(path, read_text(path), row.values, row.where, row.family)
    return fill(parse_yaml(text, path), fields)


def _date(check: Checker, data: YMap, key: str) -> dt.date | None:
    value = data.get(key)
    if value is None:
        return None
    match = _DATE.match(value) if isinstance(value, str) else None
    if match is None:
        check.fail(check.pos(data, key), f"{key} must be a date written YYYY-MM-DD, not {describe(value)}")
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError as exc:
        check.fail(check.pos(data, key), f"{key} `{value.strip()}` is not a day of the calendar ({exc})")
        return None


def _theme(check: Checker, data: YMap, base: Path, root: Path) -> str | None:
    reference = check.text(data, "theme", "theme")
    if reference is not None:
        problem = theme_problem(reference, base, root)
        if problem is not None:
            check.fail(check.pos(data, "theme"), problem)
    return reference


def _language(check: Checker, data: YMap) -> str | None:
    language = check.text(data, "language", "language")
    if language is not None and not _LANGUAGE.match(language):
        check.fail(check.pos(data, "language"), f"language `{language}` is not a language tag such as en, ko "
                                                "or pt-BR")
        return None
    return language


def _authors(check: Checker, data: YMap) -> tuple[Author, ...]:
    if "authors" not in data:
        return ()
    items = check.items(data["authors"], check.pos(data, "authors"), "authors")
    if items is not None and len(items) > MAX_AUTHORS:
        check.fail(check.pos(data, "authors"), f"authors lists {len(items)} people; a cover shows at most "
                                               f"{MAX_AUTHORS} (name the lead authors, or use `organization:`)")
        return ()
    authors = []
    for index, item in enumerate(items or []):
        where = f"authors[{index}]"
        if isinstance(item, YMap):
            check.keys(item, where, AUTHOR_KEYS, ("name",))
            name = check.text(item, "name", f"{where}.name", "name" in item, most=MAX_HEADING_CHARS)
            role = check.text(item, "role", f"{where}.role", most=MAX_HEADING_CHARS)
        else:
            name, role = check.text(items, index, where, True, most=MAX_HEADING_CHARS), None
        if name:
            authors.append(Author(name, role))
    return tuple(authors)


def _summary(ctx: Context, data: YMap) -> tuple[RichText, ...]:
    if "summary" not in data:
        return ()
    items = ctx.check.items(data["summary"], ctx.check.pos(data, "summary"), "summary")
    return tuple(t for i in range(len(items or [])) if (t := ctx.rich(items, i, f"summary[{i}]", True)))


def _sources(check: Checker, data: YMap, base: Path, root: Path, files: list[Path]) -> list[tuple[Source, bool]]:
    """Return every source, each flagged True when it comes from a reference library file."""
    if "sources" not in data:
        return []
    value = data["sources"]
    items: YList | None
    if isinstance(value, str):  # `sources: refs.bib`, one library
        items = YList([value])
        items.item_pos, items.line, items.column = [check.pos(data, "sources")], *check.pos(data, "sources")
    else:
        items = check.items(value, check.pos(data, "sources"), "sources")
    sources: list[tuple[Source, bool]] = []
    for index, item in enumerate(items or []):
        where = f"sources[{index}]"
        if isinstance(item, str):
            _library(check, item, check.pos(items, index), where, base, root, sources)
            files.append((base / item).resolve())
            continue
        mapping = check.mapping(item, check.pos(items, index), where)
        if mapping is None:
            continue
        check.keys(mapping, where, SOURCE_KEYS, ("id", "title"))
        fields: dict[str, Any] = {}
        for key in SOURCE_KEYS:
            fields[key] = check.text(mapping, key, f"{where}.{key}", required=key in ("id", "title") and key in mapping)
        url = fields["url"]
        if url is not None and link_scheme(url) not in SAFE_SCHEMES:
            check.fail(check.pos(mapping, "url"), f"{where}.url `{url}` is not allowed; only http, https "
                                                  "and mailto links are")
            fields["url"] = None
        if fields["id"] in {s.id for s, _ in sources}:
            check.fail(check.pos(mapping, "id"), f"{where}.id `{fields['id']}` is used by an earlier source")
            continue
        if fields["id"] and fields["title"]:
            sources.append((Source(number=len(sources) + 1, line=mapping.line, **fields), False))
    return sources


def _library(check: Checker, relative: str, pos: tuple[int, int], where: str, base: Path, root: Path,
             sources: list[tuple[Source, bool]]) -> None:
    """Add the entries of the reference library ``relative`` names, reporting clashes with earlier ids."""
    from generator.readers.library import read_library  # and the BibTeX reader: only for outlines with one

    found = read_library(relative, base, root)
    if isinstance(found, str):
        check.fail(pos, f"{where}: {found}")
        return
    check.problems += found.problems
    earlier = {s.id for s, _ in sources}
    for entry in found.entries:
        if entry.key in earlier:
            check.fail(pos, f"{where}: citation key `{entry.key}` ({found.path}:{entry.line}) is used by an "
                            "earlier source")
            continue
        f = entry.fields
        sources.append((Source(entry.key, entry.title, f["publisher"], f["author"], f["date"], f["url"],
                               f["accessed"], len(sources) + 1, pos[0]), True))
        earlier.add(entry.key)


def _numbered(sources: list[tuple[Source, bool]], cited: set[str]) -> tuple[Source, ...]:
    """Keep written-out sources and the cited entries of libraries, numbered in the order listed."""
    kept = [source for source, from_library in sources if not from_library or source.id in cited]
    return tuple(replace(source, number=number) for number, source in enumerate(kept, start=1))


def _sections(ctx: Context, data: YMap) -> tuple[Section, ...]:
    if "sections" not in data:
        return ()
    check = ctx.check
    items = check.items(data["sections"], check.pos(data, "sections"), "sections")
    if items is not None and not items:
        check.fail(check.pos(data, "sections"), "sections needs at least one section")
    if items is not None and len(items) > MAX_SECTIONS:
        check.fail(check.pos(items, MAX_SECTIONS), f"sections[{MAX_SECTIONS}]: an outline has at most "
                                                   f"{MAX_SECTIONS} sections (this one has {len(items):,}); "
                                                   "split it into several outlines")
    budget = _Budget()
    sections = []
    for index, item in enumerate((items or [])[:MAX_SECTIONS]):
        where = f"sections[{index}]"
        mapping = check.mapping(item, check.pos(items, index), where)
        if mapping is None:
            continue
        check.keys(mapping, where, SECTION_KEYS, ("title",))
        title = ctx.rich(mapping, "title", f"{where}.title", "title" in mapping, most=MAX_HEADING_CHARS)
        key = ctx.rich(mapping, "key", f"{where}.key", most=MAX_HEADING_CHARS)
        content = _content(ctx, mapping, where, budget)
        deck = check.mapping(mapping["deck"], check.pos(mapping, "deck"), f"{where}.deck") \
            if "deck" in mapping else YMap()
        brief = check.mapping(mapping["brief"], check.pos(mapping, "brief"), f"{where}.brief") \
            if "brief" in mapping else YMap()
        deck_points, deck_notes, deck_skip, brief_skip = None, None, False, False
        if deck:
            check.keys(deck, f"{where}.deck", DECK_KEYS)
            if "points" in deck and budget.take(check, deck["points"], check.pos(deck, "points"),
                                                f"{where}.deck.points"):
                deck_points = parse_points(ctx, deck["points"], check.pos(deck, "points"), f"{where}.deck.points")
            deck_notes = check.text(deck, "notes", f"{where}.deck.notes")
            deck_skip = check.flag(deck, "skip", f"{where}.deck.skip")
        if brief:
            check.keys(brief, f"{where}.brief", BRIEF_KEYS)
            brief_skip = check.flag(brief, "skip", f"{where}.brief.skip")
        if title is not None:
            sections.append(Section(title, key, content, deck_points, deck_notes, deck_skip, brief_skip,
                                    where, getattr(mapping, "line", 1)))
    return tuple(sections)


def _data_parts(block: Chart | Table) -> int:
    if isinstance(block, Chart):
        return len(block.categories) + sum(len(series.values) for series in block.series)
    return len(block.columns) + sum(len(row) for row in block.rows)


def _content(ctx: Context, section: YMap, where: str, budget: _Budget) -> tuple[Block, ...]:
    if "content" not in section:
        return ()
    check = ctx.check
    items = check.items(_markdown_content(check, section), check.pos(section, "content"), f"{where}.content")
    blocks: list[Block] = []
    for index, item in enumerate(items or []):
        here, pos = f"{where}.content[{index}]", check.pos(items, index)
        if not budget.take(check, item, pos, here):
            break
        if isinstance(item, YMap):
            if len(item) != 1:
                names = ", ".join(f"`{k}`" for k in item)
                check.fail(pos, f"{here}: a block has exactly one key ({', '.join(BLOCK_PARSERS)}); "
                                f"this one has {names}")
                continue
            kind = next(iter(item))
            trap = colon_trap(item, block=True) if kind not in BLOCK_PARSERS else None
            if trap is not None:  # `- Note: text`, meant as a paragraph
                import difflib  # only for this message: a correct outline never imports it

                close = difflib.get_close_matches(str(kind), list(BLOCK_PARSERS), n=1, cutoff=0.8)
                check.fail(pos, f"{here} {trap}" + (f"; for a `{close[0]}` block, spell it `{close[0]}`"
                                                    if close else ""))
                continue
            check.keys(item, here, BLOCK_PARSERS)
            parser = BLOCK_PARSERS.get(kind)
            block = parser(ctx, item[kind], check.pos(item, kind), f"{here}.{kind}") if parser else None
            if isinstance(block, (Chart, Table)) and isinstance(item[kind], YMap) and "data" in item[kind] \
                    and not budget.take(check, [0] * _data_parts(block), pos, here):
                break  # the cells a data file brought count against the limit like written-out ones
        else:
            block = BLOCK_PARSERS["text"](ctx, item, pos, here)
        if block is not None:
            blocks.append(block)
    return tuple(blocks)


def _markdown_content(check: Checker, section: YMap) -> Any:
    """Return a section's content list; a text (``content: |``) is Markdown and becomes its blocks."""
    value = section["content"]
    if not isinstance(value, str):
        return value
    from generator.readers.markdown import markdown_content  # markdown-it only when Markdown is written

    line, column = check.pos(section, "content")
    first = line + 1 if "\n" in value.rstrip("\n") or value.endswith("\n") else line
    if first > line:  # a `|` block: its text starts at the next line's indentation
        try:
            below = read_text(check.path).split("\n")[first - 1]
            column = len(below) - len(below.lstrip(" ")) + 1
        except (InputError, IndexError):  # an outline given as a mapping has no file
            column = 1
    items, problems = markdown_content(value, check.path, first, column)
    check.problems += problems
    return items
