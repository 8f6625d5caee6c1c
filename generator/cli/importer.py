"""``briefdeck import``: a Word, Markdown or text document in, a draft outline (YAML or Markdown) out.

Stage: a command beside ``new``; it writes files for the author and then checks them with the
outline loader, so the draft it leaves is one ``briefdeck check`` accepts. The draft holds only
the document's words; what could not be mapped is listed for the author, never guessed at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from msgspec import Struct

from generator.errors import BriefdeckError, InputError
from generator.readers.draft import Draft

IMPORTABLE = (".docx", ".md", ".markdown", ".txt")
_MD_ESCAPE = str.maketrans({"\\": "\\\\", "`": "\\`", "_": "\\_", "&": "\\&", "|": "\\|", "<": "\\<"})
_BLOCK_STARTS = ("#", ">", "- ", "+ ", "* ", "=", "~")


class Imported(Struct, frozen=True):
    """What an import wrote and what the author should look at."""

    outline: Path
    pictures: tuple[Path, ...]
    title: str
    title_from: str
    sections: int
    unmapped: tuple[str, ...]


def _draft(source: Path, target: Path) -> Draft:
    suffix = source.suffix.lower()
    if suffix == ".docx":
        from generator.readers.importdocx import import_docx

        return import_docx(source, target.parent, target.stem)
    if suffix in (".md", ".markdown"):
        from generator.readers.importmd import import_md

        return import_md(source)
    from generator.readers.importtxt import import_txt

    return import_txt(source)


def _without_unlabelled_pictures(draft: Draft, outline: dict[str, Any]) -> None:
    """Leave out pictures without alt text (an outline requires it) and say so."""
    for section in outline["sections"]:
        kept = []
        for block in section.get("content", []):
            if isinstance(block, dict) and "image" in block and "alt" not in block["image"]:
                draft.unmapped.append(f"the picture saved as {block['image']['path']} is left out: Word gives it no "
                                      "alt text; add it as `- image: {path: ..., alt: ...}`")
                continue
            kept.append(block)
        if "content" in section:
            section["content"] = kept


def import_document(source: Path, target: Path | None = None, to: str | None = None) -> Imported:
    """Write the draft outline of ``source`` to ``target`` (default: beside it) and check it."""
    from generator.readers.outline import load_outline

    if source.suffix.lower() not in IMPORTABLE:
        raise BriefdeckError(f"{source}: can import {', '.join(IMPORTABLE)} files, not `{source.suffix}`")
    if not source.is_file():
        raise BriefdeckError(f"{source}:1:1: file not found")
    kind = to or ("md" if target is not None and target.suffix.lower() in (".md", ".markdown") else "yaml")
    target = target or source.with_suffix(f".{kind}")
    if target.exists():
        raise BriefdeckError(f"{target}: already exists; choose another name with -o")
    target.parent.mkdir(parents=True, exist_ok=True)
    before = set(target.parent.iterdir())
    try:
        draft = _draft(source, target)
    except UnicodeDecodeError:
        raise BriefdeckError(f"{source}: the file is not UTF-8 text; save it as UTF-8") from None
    except OSError as exc:
        raise BriefdeckError(f"{source}: cannot read the file: {exc.strerror}") from None
    outline = draft.outline()
    _without_unlabelled_pictures(draft, outline)
    header = f"Drafted by `briefdeck import` from {source.name}: every word is the document's;\n" \
             f"# the title is {draft.title_from}. Add `key:` messages, a summary and sources before you build."
    target.write_text(to_markdown(outline, header) if kind == "md" else to_yaml(outline, header), encoding="utf-8")
    try:
        load_outline(target)  # the draft is one `check` accepts, or the author hears why not
    except InputError as exc:
        draft.unmapped += [f"the draft does not pass `briefdeck check` yet: {p}" for p in exc.problems]
    pictures = tuple(sorted(p for p in set(target.parent.iterdir()) - before if p != target))
    return Imported(target, pictures, outline["title"], draft.title_from, len(outline["sections"]),
                    tuple(draft.unmapped))


def to_yaml(outline: dict[str, Any], header: str) -> str:
    """Return the outline as YAML; PyYAML quotes whatever YAML would misread (colons, `#`, `yes`)."""
    import yaml

    body = yaml.safe_dump(outline, sort_keys=False, allow_unicode=True, width=110, default_flow_style=False)
    return f"# {header}\n{body}"


def _md(text: str) -> str:
    """Return outline text as Markdown inline text: Markdown's other special characters escaped."""
    escaped = str(text).translate(_MD_ESCAPE).replace("![", "\\![").replace("[]", "\\[]")
    if escaped.startswith(_BLOCK_STARTS) or not escaped.strip("-*_= "):  # a heading, a list, a rule
        return "\\" + escaped
    digits = len(escaped) - len(escaped.lstrip("0123456789"))
    if 0 < digits < 10 and escaped[digits : digits + 2] in (". ", ") ", ".", ")"):  # would start a numbered list
        return f"{escaped[:digits]}\\{escaped[digits:]}"
    return escaped


def _md_points(points: list[Any], indent: str = "") -> list[str]:
    lines = []
    for point in points:
        if isinstance(point, dict) and "text" in point:
            lines.append(f"{indent}- {_md(point['text'])}")
            lines += _md_points(point.get("points", []), indent + "  ")
        elif isinstance(point, dict):
            (lead, text), = point.items()
            lines.append(f"{indent}- **{_md(lead)}:** {_md(text)}")
        else:
            lines.append(f"{indent}- {_md(point)}")
    return lines


def _md_block(block: Any) -> list[str]:
    if not isinstance(block, dict):
        return [_md(block)]
    if "points" in block:
        return _md_points(block["points"])
    if "quote" in block:
        quote = block["quote"]
        who = ", ".join(_md(quote[k]) for k in ("by", "role") if k in quote)
        return [f"> {_md(quote['text'])}"] + ([">", f"> \u2014 {who}"] if who else [])
    if "table" in block:
        table = block["table"]
        rows = [table["columns"], *table["rows"]]
        lines = ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in rows]
        return [lines[0], "|" + "---|" * len(table["columns"]), *lines[1:]]
    image = block["image"]
    return [f"![{_md(image.get('alt', ''))}]({image['path']})"]


def to_markdown(outline: dict[str, Any], header: str) -> str:
    """Return the outline as a Markdown outline: front matter, `## ` sections, Markdown blocks."""
    import yaml

    front = yaml.safe_dump({"title": outline["title"]}, allow_unicode=True, width=110)
    lines = ["---", f"# {header}", front.rstrip("\n"), "---"]
    for section in outline["sections"]:
        lines += ["", f"## {_md(section['title'])}"]
        for block in section.get("content", []):
            lines += ["", *_md_block(block)]
    return "\n".join(lines) + "\n"


def print_report(done: Imported) -> None:
    """Tell the author what was written and what to look at."""
    pictures = f" and {len(done.pictures)} pictures" if done.pictures else ""
    print(f"wrote {done.outline}{pictures}: {done.sections} sections; the title “{done.title}” is "
          f"{done.title_from}")
    for line in done.unmapped:
        print(f"could not map: {line}")
