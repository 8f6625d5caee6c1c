"""Theme font values: a ``fonts.heading`` or ``fonts.body`` mapping in, a registered ``FontFace`` out.

Stage: part of the theme loader (``theme.load``). A face is either one of the PDF core families
or a set of TrueType files inside the theme's folder; files are named by their stem and a hash
of their content, so two themes that each ship a different ``Body.ttf`` get two fonts, and a
damaged or cut-short file is reported against the theme rather than inside a renderer.
"""

from __future__ import annotations

import hashlib
import re
import struct
from functools import cache
from pathlib import Path
from typing import Any

from generator.source.validate import describe
from generator.source.yamlsource import YMap
from generator.theme.model import FontFace

# A theme's `pdf:` name -> the shipped Liberation family (themes/fonts/, SIL OFL 1.1) drawn and
# embedded in its place: metric-compatible with Helvetica/Arial, Times/Times New Roman and
# Courier/Courier New, so the brief needs no font on the reader's machine.
BUILTIN_FONTS = {"Helvetica": "LiberationSans", "Times": "LiberationSerif", "Courier": "LiberationMono"}
BUILTIN_STYLES = ("Regular", "Bold", "Italic", "BoldItalic")
_TYPEFACE = re.compile(r"^[\w][\w .&'+-]{0,62}$")


class BadValue(ValueError):
    """A theme value that does not parse; its message completes "theme.group.key ..."."""


FONT_KEYS = ("pdf", "deck", "files")  # of a `fonts.heading` or `fonts.body` value
FONT_FILE_KEYS = ("regular", "bold", "italic", "bold-italic")


def parse_font(value: Any, folder: Path | None = None) -> FontFace:
    """Parse {pdf: BUILT-IN, deck: NAME} or {files: {regular: x.ttf, ...}, deck: NAME}."""
    if not isinstance(value, YMap) or set(value) - set(FONT_KEYS) or len({"pdf", "files"} & set(value)) != 1:
        raise BadValue("must be {pdf: Helvetica | Times | Courier, deck: NAME} or "
                       "{files: {regular: FILE.ttf, bold: ..., italic: ..., bold-italic: ...}, deck: NAME}")
    if "deck" in value and (not isinstance(value["deck"], str) or not _TYPEFACE.match(value["deck"])):
        raise BadValue(f"deck must be a typeface name (letters, digits, spaces, - and _; at most 63), not "
                       f"{describe(value['deck'])}")
    if "pdf" in value:
        if not isinstance(value["pdf"], str) or value["pdf"] not in BUILTIN_FONTS:
            raise BadValue(f"names pdf font {describe(value['pdf'])}, which is not one of {', '.join(BUILTIN_FONTS)}")
        deck = value.get("deck") or {"Helvetica": "Arial", "Times": "Times New Roman"}.get(value["pdf"],
                                                                                           "Courier New")
        return _registered(builtin_face(value["pdf"], str(deck)), check=False)  # shipped: parsed when used
    files = value["files"]
    if not isinstance(files, YMap) or "regular" not in files or set(files) - set(FONT_FILE_KEYS):
        raise BadValue(f"files must map {', '.join(FONT_FILE_KEYS)} to TrueType files (regular is required)")
    if not isinstance(value.get("deck"), str):
        raise BadValue("needs `deck:`, the typeface name PowerPoint should use for these files")
    base = folder or Path.cwd()
    paths = tuple(font_file(files.get(key) or files["regular"], base) for key in FONT_FILE_KEYS)
    regular, bold, italic, bold_italic = (font_name(p) for p in paths)
    return _registered(FontFace(regular, bold, italic, bold_italic, deck_family=str(value["deck"]), files=paths))


@cache
def shipped_fonts_dir() -> Path:
    """Return the folder of the Liberation files briefdeck ships, installed or in a source checkout
    (asked once per process, as the themes' folder is)."""
    try:
        from importlib.resources import files

        return Path(str(files("generator.builtin_themes"))) / "fonts"
    except ModuleNotFoundError:  # a source checkout that was not installed
        return Path(__file__).resolve().parent.parent.parent / "themes" / "fonts"


def builtin_face(pdf_name: str, deck_family: str) -> FontFace:
    """Return the shipped family that stands for a built-in pdf font name (Helvetica, Times, Courier)."""
    folder = shipped_fonts_dir()
    paths = tuple(folder / f"{BUILTIN_FONTS[pdf_name]}-{style}.ttf" for style in BUILTIN_STYLES)
    regular, bold, italic, bold_italic = (p.stem for p in paths)  # shipped files: their names are unique
    return FontFace(regular, bold, italic, bold_italic, deck_family=deck_family, files=paths)


def _registered(face: FontFace, check: bool = True) -> FontFace:
    from reportlab.pdfbase.ttfonts import TTFError

    from generator.theme.fonts import register_face

    try:
        register_face(face, now=check)
    except (IndexError, KeyError, struct.error, AssertionError):
        raise BadValue("cannot use the font files: one is damaged or cut short (the TrueType tables end "
                       "early); copy the font again") from None
    except (TTFError, OSError, ValueError) as exc:
        raise BadValue(f"cannot use the font files: {exc} (reportlab reads TrueType outlines only, "
                       "not OpenType/CFF fonts such as Noto CJK)") from None
    return face


def font_name(path: Path) -> str:
    """Name a font file by its stem and content: two themes' different `Body.ttf` are two fonts."""
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    except OSError as exc:
        raise BadValue(f"font file `{path.name}` cannot be read: {exc.strerror or exc}") from None
    stem = re.sub(r"[^A-Za-z0-9-]", "", path.stem)[:40] or "Font"
    return f"{stem}-{digest}"


def font_file(value: Any, folder: Path) -> Path:
    if not isinstance(value, str):
        raise BadValue(f"font file must be a path, not {describe(value)}")
    path = folder / value
    try:
        if not path.resolve().is_relative_to(folder.resolve()):
            raise BadValue(f"font file `{value}` is outside the theme's folder")
        if not path.is_file():
            raise BadValue(f"font file `{value}` not found")
        return path.resolve()
    except OSError as exc:
        raise BadValue(f"font file `{value[:60]}` cannot be used: {exc.strerror or exc}") from None
