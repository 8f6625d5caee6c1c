"""Which font draws each character: the theme's face where it has the glyph, a fallback where not.

Stage: a service for the PDF renderer and the deck planner's measurements. reportlab draws
a missing glyph as an empty box without a warning and cannot read CFF (OpenType/PostScript)
fonts such as Noto CJK, so CJK text goes to reportlab's built-in CID fonts (which need no
font file and keep the text searchable), and other scripts to a TrueType fallback found on
the system. Registering fonts touches reportlab's font registry; that is the one global
reportlab state we use, and only by adding names, never by changing them.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from generator.theme.model import FontFace

STANDARD_FONTS = frozenset(
    f"{family}{face}"
    for family, faces in (
        ("Helvetica", ("", "-Bold", "-Oblique", "-BoldOblique")),
        ("Times", ("-Roman", "-Bold", "-Italic", "-BoldItalic")),
        ("Courier", ("", "-Bold", "-Oblique", "-BoldOblique")),
    )
    for face in faces
)
KOREAN_CID, JAPANESE_CID, CHINESE_CID = "HYSMyeongJo-Medium", "HeiseiMin-W3", "STSong-Light"
FALLBACK_TTF = {"regular": "BriefdeckFallback", "bold": "BriefdeckFallback-Bold"}
FALLBACK_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)
FALLBACK_FILES = {"regular": ("DejaVuSans.ttf",), "bold": ("DejaVuSans-Bold.ttf", "DejaVuSans.ttf")}


def _find_fallback(weight: str) -> Path | None:
    for folder in FALLBACK_DIRS:
        for name in FALLBACK_FILES[weight]:
            if (folder / name).is_file():
                return folder / name
    return None


@cache
def fallback_font(bold: bool) -> str | None:
    """Register and return the TrueType fallback for non-Latin, non-CJK scripts, if one exists."""
    from reportlab.pdfbase.ttfonts import TTFont

    weight = "bold" if bold else "regular"
    path = _find_fallback(weight)
    if path is None:
        return None
    pdfmetrics.registerFont(TTFont(FALLBACK_TTF[weight], str(path)))
    return FALLBACK_TTF[weight]


@cache
def cid_font(name: str) -> str:
    """Register one of reportlab's built-in CJK fonts on first use."""
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont(name))
    return name


def register_face(face: FontFace) -> None:
    """Make a theme's TrueType family known to reportlab (idempotent; built-in families need nothing).

    Called when the theme loads, so a bad font file is reported against the theme, and again
    by each renderer, so a worker process that did not load the theme still has the fonts.
    """
    names = (face.regular, face.bold, face.italic, face.bold_italic)
    for name, path in zip(names, face.files, strict=False):
        _register_ttf(name, str(path))


@cache
def _register_ttf(name: str, path: str) -> None:
    from reportlab.pdfbase.ttfonts import TTFont

    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, path))


def _is_hangul(code: int) -> bool:
    return 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F


def _is_kana(code: int) -> bool:
    return 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9F


def _is_cjk(code: int) -> bool:
    return (
        _is_hangul(code)
        or _is_kana(code)
        or 0x3000 <= code <= 0x303F
        or 0x3400 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
    )


@lru_cache(maxsize=4096)
def _covers(font_name: str, char: str) -> bool:
    if font_name in STANDARD_FONTS:
        try:
            char.encode("cp1252")
        except UnicodeEncodeError:
            return False
        return True
    face = pdfmetrics.getFont(font_name).face
    return ord(char) in getattr(face, "charToGlyph", {})


@lru_cache(maxsize=256)
def _cjk_font(text: str, language: str | None) -> str:
    """Return the CID font for Han characters in ``text``: its kana or hangul decide, else its language.

    Cached per text: ``font_runs`` asks once per Han character with the same text, and scanning
    it each time made a paragraph of Han characters quadratic (8,000 characters took a minute).
    """
    if language == "ja" or any(_is_kana(ord(c)) for c in text):
        return cid_font(JAPANESE_CID)
    if language == "ko" or any(_is_hangul(ord(c)) for c in text):
        return cid_font(KOREAN_CID)
    return cid_font(CHINESE_CID)


def font_for(char: str, font_name: str, bold: bool, context: str, language: str | None) -> str:
    """Return the font that should draw ``char`` when the run asks for ``font_name``."""
    if char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Mn"):
        return font_name
    if _covers(font_name, char):
        return font_name
    code = ord(char)
    if _is_hangul(code):
        return cid_font(KOREAN_CID)
    if _is_kana(code):
        return cid_font(JAPANESE_CID)
    if _is_cjk(code):  # Han characters: the script of the surrounding text decides the font
        return _cjk_font(context, language)
    fallback = fallback_font(bold)
    return fallback if fallback is not None else font_name


def _all_covered(text: str, font_name: str) -> bool:
    """Tell cheaply whether ``font_name`` has every character of ``text`` (False means: look closer)."""
    if font_name in STANDARD_FONTS:
        if text.isascii():
            return True
        try:
            text.encode("cp1252")
        except UnicodeEncodeError:
            return False
        return not any(unicodedata.category(c) == "Cf" for c in text)
    glyphs = getattr(pdfmetrics.getFont(font_name).face, "charToGlyph", None)
    return glyphs is not None and all(ord(c) in glyphs for c in text)


def font_runs(text: str, font_name: str, bold: bool = False, language: str | None = None) -> list[tuple[str, str]]:
    """Split ``text`` into (chunk, font name) runs so every character has a font with its glyph.

    Spaces and combining marks stay with the run they sit in, so words are not split.
    """
    if _all_covered(text, font_name):  # the common case, checked at C speed
        return [(text, font_name)] if text else []
    runs: list[tuple[str, str]] = []
    current_font = font_name
    chunk: list[str] = []
    for char in text:
        if char.isspace() or unicodedata.combining(char):
            chosen = current_font
        else:
            chosen = font_for(char, font_name, bold, text, language)
        if chosen != current_font and chunk:
            runs.append(("".join(chunk), current_font))
            chunk = []
        current_font = chosen
        chunk.append(char)
    if chunk:
        runs.append(("".join(chunk), current_font))
    return runs


def missing_glyphs(text: str, font_name: str, bold: bool = False, language: str | None = None) -> set[str]:
    """Return the characters of ``text`` that no available font can draw."""
    missing = set()
    for chunk, name in font_runs(text, font_name, bold, language):
        if name in (KOREAN_CID, JAPANESE_CID, CHINESE_CID):
            continue
        missing |= {c for c in chunk if not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf", "Mn")
                    and not _covers(name, c)}
    return missing


@lru_cache(maxsize=65536)
def text_width(text: str, font_name: str, size_pt: float, bold: bool = False) -> float:
    """Return the advance width of ``text`` in points, across fallback fonts; cached per string."""
    return sum(
        pdfmetrics.stringWidth(chunk, name, size_pt) for chunk, name in font_runs(text, font_name, bold)
    )


# Metric-compatible stand-ins for the typefaces templates name most, and where Debian puts them
STAND_INS = {"calibri": "Carlito", "cambria": "Caladea", "arial": "Liberation Sans", "helvetica": "Liberation Sans",
             "times new roman": "Liberation Serif", "courier new": "Liberation Mono"}
SYSTEM_FONT_DIRS = (Path("/usr/share/fonts/truetype/crosextra"), Path("/usr/share/fonts/truetype/liberation"),
                    Path("/usr/share/fonts/truetype/liberation2"), Path("/usr/share/fonts/truetype/dejavu"))
STYLE_SUFFIXES = (("-Regular", ""), ("-Bold",), ("-Italic", "-Oblique"), ("-BoldItalic", "-BoldOblique"))
FC_STYLES = ("", ":bold", ":italic", ":bold:italic")


def _fc_match(family: str, style: str) -> Path | None:
    """Return the TrueType file fontconfig has for exactly ``family`` in one style, if any."""
    import shutil
    import subprocess

    if shutil.which("fc-match") is None:
        return None
    found = subprocess.run(["fc-match", "-f", "%{file}\n%{family}", family + style], capture_output=True, text=True,
                           check=False).stdout.split("\n")
    families = {name.strip().casefold() for name in found[-1].split(",")}
    return Path(found[0]) if found[0].endswith(".ttf") and family.casefold() in families else None


def _family_files(family: str) -> tuple[Path, ...] | None:
    """Return the regular, bold, italic and bold-italic TrueType files of an installed family, if it is installed."""
    stem = family.replace(" ", "")
    files: list[Path] = []
    for suffixes, style in zip(STYLE_SUFFIXES, FC_STYLES, strict=True):
        known = [folder / f"{stem}{suffix}.ttf" for folder in SYSTEM_FONT_DIRS for suffix in suffixes]
        path = next((p for p in known if p.is_file()), None) or _fc_match(family, style)
        if path is None and not files:
            return None
        files.append(path or files[0])
    return tuple(files)


@cache
def installed_face(typeface: str) -> tuple[str, FontFace] | None:
    """Return the family that measures ``typeface`` here (itself, or its metric stand-in) and its face.

    For a template's typefaces, when the theme names no files for them; None when neither is installed.
    """
    for family in (typeface, STAND_INS.get(typeface.casefold())):
        files = _family_files(family) if family else None
        if family and files:
            regular, bold, italic, bold_italic = (path.stem for path in files)
            face = FontFace(regular, bold, italic, bold_italic, deck_family=typeface, files=files)
            register_face(face)
            return family, face
    return None
