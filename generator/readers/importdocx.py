"""Importing a Word document: a ``.docx`` file in, a ``Draft`` outline and its pictures out.

Stage: used by ``briefdeck import``; python-docx is imported only here. Word's own structure
is used: the Title style (else the first heading) is the title, the top heading level used is
the sections, list paragraphs are bullets (a bold first run is the lead-in), the Quote styles
are quotations (a last line starting with a dash is the attribution), tables are tables, and
pictures are saved beside the outline with the alt text Word keeps for them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from generator.errors import BriefdeckError
from generator.readers.draft import Draft

_HEADING = re.compile(r"^Heading (\d)$")
_QUOTE_STYLES = ("Quote", "Intense Quote")
_DASHES = ("\u2014", "\u2013", "--")
_PICTURE_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif"}
_NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}


def _style(paragraph: Any) -> str:
    return str(paragraph.style.name) if paragraph.style is not None else ""


def _level(paragraph: Any) -> int | None:
    """Return a heading's level (0 for the Title style), or None for other paragraphs."""
    name = _style(paragraph)
    if name == "Title":
        return 0
    found = _HEADING.match(name)
    return int(found.group(1)) if found else None


def _list_level(paragraph: Any) -> int | None:
    """Return a list paragraph's nesting (0, 1, ...), or None when it is not in a list."""
    name = _style(paragraph)
    props = paragraph._p.pPr
    numbered = props is not None and props.numPr is not None
    if not (name.startswith(("List Bullet", "List Number", "List Paragraph")) or numbered):
        return None
    if numbered and props.numPr.ilvl is not None:
        return int(props.numPr.ilvl.val)
    digits = name.rsplit(" ", 1)[-1]
    return int(digits) - 1 if digits.isdigit() else 0


def _marked(text: str, mark: str) -> str:
    """Wrap a run's words in markup, keeping the spaces around them outside it."""
    core = text.strip()
    return text[: len(text) - len(text.lstrip())] + f"{mark}{core}{mark}" + text[len(text.rstrip()):]


def _runs_text(paragraph: Any) -> tuple[str, str | None]:
    """Return (text in the outline's inline markup, the text of a bold run that opens the paragraph)."""
    from docx.text.hyperlink import Hyperlink

    parts: list[str] = []
    lead: str | None = None
    items = [item for item in paragraph.iter_inner_content() if item.text]
    for index, item in enumerate(items):
        text = item.text
        if isinstance(item, Hyperlink):
            parts.append(f"[{text.strip()}]({item.url})" if text.strip() and item.url else text)
        elif index == 0 and item.bold and text.strip():
            lead = " ".join(text.split())
        elif item.bold and text.strip():
            parts.append(_marked(text, "**"))
        elif item.italic and text.strip():
            parts.append(_marked(text, "*"))
        else:
            parts.append(text)
    return " ".join("".join(parts).split()), lead


def _pictures(paragraph: Any, document: Any, folder: Path, stem: str, count: int) -> list[tuple[str, str | None]]:
    """Save the paragraph's pictures beside the outline; return (file name, alt text) of each."""
    found: list[tuple[str, str | None]] = []
    for drawing in paragraph._p.iter(f"{{{_NS['wp']}}}inline", f"{{{_NS['wp']}}}anchor"):
        properties = drawing.find("wp:docPr", _NS)
        alt = (properties.get("descr") or "").strip() if properties is not None else ""
        blip = drawing.find(".//a:blip", _NS)
        if blip is None:
            continue
        part = document.part.related_parts.get(blip.get(f"{{{_NS['r']}}}embed"))
        if part is None:
            continue
        suffix = _PICTURE_TYPES.get(part.content_type)
        if suffix is None:
            continue
        name = f"{stem}-picture-{count + len(found) + 1}.{suffix}"
        (folder / name).write_bytes(part.blob)
        found.append((name, alt or None))
    return found


def import_docx(path: Path, pictures_folder: Path, pictures_stem: str) -> Draft:
    """Return the draft outline of a Word document, saving its pictures in ``pictures_folder``."""
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise BriefdeckError(f"{path}: not a Word document that can be opened ({exc}); save it as .docx "
                             "from Word or LibreOffice") from None
    draft = Draft(path.stem)
    headings = [level for p in document.paragraphs if (level := _level(p)) is not None and p.text.strip()]
    levels = sorted(set(headings) - {0})
    # A document with one top heading above the others uses it as its title.
    lone_top = 0 not in headings and len(levels) > 1 and headings.count(levels[0]) == 1
    section_level = levels[1] if lone_top else (levels[0] if levels else 1)
    quote: list[str] = []
    picture_count = 0

    def flush_quote() -> None:
        if not quote:
            return
        by = role = None
        if len(quote) > 1 and quote[-1].startswith(_DASHES):
            who = quote.pop().lstrip("".join(_DASHES)).strip()
            by, _, role = who.partition(", ")
        draft.quote(" ".join(quote), by, role or None)
        quote.clear()

    for item in document.iter_inner_content():
        if isinstance(item, Table):
            flush_quote()
            cells = [[" ".join(cell.text.split()) for cell in row.cells] for row in item.rows]
            if cells:
                draft.table(cells[0], cells[1:])
            continue
        paragraph = item
        level = _level(paragraph)
        for name, alt in _pictures(paragraph, document, pictures_folder, pictures_stem, picture_count):
            picture_count += 1
            draft.image(name, alt)
        text, lead = _runs_text(paragraph)
        if not text and not lead:
            continue
        if _style(paragraph) in _QUOTE_STYLES:
            quote.append(" ".join(f"{lead or ''} {text}".split()))
            continue
        flush_quote()
        whole = f"**{lead}** {text}".strip() if lead else text
        if level is not None:
            if level == 0 or (level < section_level and draft.title is None):
                draft.title, draft.title_from = " ".join(paragraph.text.split()), "the document's title"
            elif level <= section_level:
                draft.heading(paragraph.text)
            else:
                draft.unmapped.append(f"the level-{level} heading “{paragraph.text.strip()[:50]}” has no place in "
                                      "an outline; it was kept as a bold paragraph")
                draft.paragraph(f"**{' '.join(paragraph.text.split())}**")
            continue
        depth = _list_level(paragraph)
        if depth is None:
            draft.paragraph(whole)
        elif lead is not None and text and (lead.endswith(":") or text.startswith(":")):
            draft.bullet(text.removeprefix(":").strip(), lead.removesuffix(":").strip(), depth)
        else:
            draft.bullet(whole, None, depth)
    flush_quote()
    draft.unmapped += _left_out(document)
    return draft


def _left_out(document: Any) -> list[str]:
    """Name what the body holds that is not read: footnotes, text boxes, comments."""
    body = document.element.body
    notes = len(body.findall(".//w:footnoteReference", body.nsmap))
    boxes = len(body.findall(".//w:txbxContent", body.nsmap))
    found = []
    if notes:
        found.append(f"{notes} footnote{'s' * (notes != 1)} (add the works they cite to `sources:` and cite them "
                     "with [@id])")
    if boxes:
        found.append(f"{boxes} text box{'es' * (boxes != 1)} (copy their text into a `callout` if it matters)")
    if len(body.findall(".//w:commentReference", body.nsmap)):
        found.append("the document's comments")
    return [f"not imported: {what}" for what in found]
