"""Opening a PowerPoint file as a package, safely: one read, bounded sizes, no unsafe links.

Stage: beside the theme loader (a ``.pptx`` or ``.potx`` file in, its checked bytes and a
python-pptx presentation out), used by ``theme.template`` and the deck renderer. The file is
read once, after ``fstat`` says it is a regular file of bounded size (``/dev/zero`` and FIFOs
are refused at once), and its zip directory is checked before any part is inflated (a 3 MB
file holding a 3 GiB part is refused, not unpacked). The bytes checked here travel in
``TemplateInfo.data``, so the deck is made from exactly what was checked. A template whose
masters or layouts carry a ``javascript:`` or ``file:`` link is refused (``check_links``).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from generator.links import SAFE_SCHEMES, link_scheme
from generator.source.files import Unreadable, read_file

if TYPE_CHECKING:  # lxml is imported where a template is read: a brief's process never needs it
    from lxml import etree
    from pptx.presentation import Presentation as PptxPresentation

CONTENT_TYPES = "[Content_Types].xml"
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_PML = "application/vnd.openxmlformats-officedocument.presentationml."
PRESENTATION_MAIN = _PML + "presentation.main+xml"
TEMPLATE_MAIN = _PML + "template.main+xml"
SLIDESHOW_MAIN = _PML + "slideshow.main+xml"
MACRO_MAINS = ("application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
               "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
               "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml")

MAX_TEMPLATE_BYTES = 50_000_000
MAX_UNPACKED_BYTES = 300_000_000  # the sum of the parts' sizes in the zip directory
MAX_PARTS = 5_000
BOMB_RATIO, BOMB_MIN_BYTES = 200, 10_000_000  # a large part compressed more than this is refused


class TemplateError(ValueError):
    """A template file that cannot be used; the message completes "the template FILE ..."."""



def _main_content_type(archive: zipfile.ZipFile) -> tuple[etree._Element, etree._Element | None]:
    """Return the parsed ``[Content_Types].xml`` and its override for the main presentation part."""
    from lxml import etree

    try:
        types = etree.fromstring(archive.read(CONTENT_TYPES))
    except KeyError:
        raise TemplateError("is a zip archive but not a PowerPoint file (it has no [Content_Types].xml)") from None
    except etree.XMLSyntaxError as exc:
        raise TemplateError(f"is damaged: its [Content_Types].xml does not parse ({exc})") from None
    mains = (PRESENTATION_MAIN, TEMPLATE_MAIN, SLIDESHOW_MAIN, *MACRO_MAINS)
    main = next((o for o in types.iter(f"{_CT_NS}Override") if o.get("ContentType") in mains), None)
    return types, main


def _check_directory(archive: zipfile.ZipFile) -> None:
    """Refuse an archive whose directory promises more than a template needs, before a part is unpacked.

    The directory's sizes bound what ``zipfile`` inflates, so checking them bounds memory.
    """
    entries = archive.infolist()
    if len(entries) > MAX_PARTS:
        raise TemplateError(f"has {len(entries):,} parts; the limit is {MAX_PARTS:,}")
    total = sum(info.file_size for info in entries)
    if total > MAX_UNPACKED_BYTES:
        raise TemplateError(f"unpacks to {total:,} bytes; the limit is {MAX_UNPACKED_BYTES:,}")
    for info in entries:
        if info.file_size > BOMB_MIN_BYTES and info.file_size > BOMB_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise TemplateError(f"holds a part ({info.filename}) compressed {ratio:,} to 1, like a zip bomb; "
                                f"the limit is {BOMB_RATIO} to 1")


def package_bytes(path: Path) -> bytes:
    """Return the file as a package python-pptx opens: a template's main part retyped as a presentation.

    python-pptx refuses ``.potx`` files because of that one content type; the parts are the same.
    The file is read once, after ``fstat`` says it is a regular file of bounded size, and its zip
    directory is checked before anything is unpacked.
    """
    try:
        data = read_file(path, MAX_TEMPLATE_BYTES)
    except FileNotFoundError:
        raise TemplateError("not found") from None
    except Unreadable as exc:
        raise TemplateError(str(exc)) from None
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise TemplateError("is not a PowerPoint file (.pptx or .potx): it is not a zip archive")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_directory(archive)
            types, main = _main_content_type(archive)
            if main is None:
                raise TemplateError("is a zip archive but not a PowerPoint presentation or template "
                                    "(it has no presentation part)")
            if main.get("ContentType") in MACRO_MAINS:
                raise TemplateError("is macro-enabled; save it as a .pptx or .potx without macros")
            if main.get("ContentType") == PRESENTATION_MAIN:
                return data
            from lxml import etree

            main.set("ContentType", PRESENTATION_MAIN)
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as patched:
                for info in archive.infolist():
                    blob = etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True) \
                        if info.filename == CONTENT_TYPES else archive.read(info)
                    patched.writestr(info.filename, blob)
            return out.getvalue()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as exc:
        raise TemplateError(f"is a damaged zip archive ({exc})") from None


def open_presentation(path: Path) -> PptxPresentation:
    """Open a .pptx or .potx with python-pptx; raise TemplateError when it is not a usable one."""
    return open_package(package_bytes(path))


def open_package(data: bytes) -> PptxPresentation:
    """Open the package bytes a ``TemplateInfo`` carries (``_package_bytes``), as they were checked."""
    from pptx import Presentation

    try:
        prs = Presentation(io.BytesIO(data))
        layouts = [layout for master in prs.slide_masters for layout in master.slide_layouts]
    except Exception as exc:  # noqa: BLE001 - python-pptx fails on damaged files with any exception type
        raise TemplateError(f"is damaged and cannot be read as a presentation ({type(exc).__name__}: {exc})") \
            from None
    if not layouts:
        raise TemplateError("has no slide layouts to make slides from")
    return prs

def check_links(prs: PptxPresentation) -> None:
    """Refuse a template whose masters, layouts or other kept parts link outside by an unsafe scheme.

    The template's sample slides are left out of decks, so their links do not count; everything
    else (masters, layouts, notes and handout masters, themes) goes into every deck, and must obey
    the rule an outline's links obey (``generator.links``): an external relationship is an http,
    https or mailto link, never ``javascript:``, ``file:`` or a path to a local file.
    """
    package = prs.part.package
    for part in package.iter_parts():
        name = str(part.partname)
        if name.startswith(("/ppt/slides/", "/ppt/notesSlides/")):
            continue
        for rel in part.rels.values():
            if rel.is_external and link_scheme(rel.target_ref) not in SAFE_SCHEMES:
                scheme = link_scheme(rel.target_ref)
                what = f"a `{scheme}:` link" if scheme else "a link to a local file"
                raise TemplateError(f"carries {what} in {name.lstrip('/')}, which would go into every deck; only "
                                    "http, https and mailto links are allowed: remove it in PowerPoint")
