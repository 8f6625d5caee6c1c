"""Which font draws each character: the theme's face where it has the glyph, a fallback where not.

Stage: a service for the PDF renderer and the deck planner's measurements. reportlab draws
a missing glyph as an empty box without a warning and cannot read CFF (OpenType/PostScript)
fonts such as Noto CJK, so CJK text goes to a TrueType CJK font found on the system (embedded
like every other font; chosen by script and the outline's language, and only among fonts that
have the character), else to reportlab's built-in CID fonts (not embedded: the renderer warns),
and other scripts to a TrueType fallback (serif inside a serif body).
Registering fonts touches reportlab's font registry; that is the one global
reportlab state we use, and only by adding names, never by changing them.
"""

from __future__ import annotations

import re
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
CID_FONTS = frozenset((KOREAN_CID, JAPANESE_CID, CHINESE_CID))
CJK_PACKAGES = "fonts-nanum (Korean), fonts-ipaexfont-gothic (Japanese), fonts-wqy-zenhei (Chinese)"
# Per language: (regular, bold) TrueType files, best first; a bold of None draws bold in the regular.
CJK_FILES: dict[str, tuple[tuple[str, str | None, int], ...]] = {
    "ko": (("/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
            "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf", 0),),
    "ja": (("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf", None, 0),
           ("/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf", None, 0),
           ("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf", None, 0),
           ("/usr/share/fonts/truetype/vlgothic/VL-Gothic-Regular.ttf", None, 0)),
    "zh": (("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", None, 0),
           ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", None, 0)),
}
EMBOLDENED = "-Emboldened"  # ends the name of a font drawn bold by stroking its outlines (``emboldened``)
CJK_ORDER = CJK_ORDER = {"zh": ("zh", "ja", "ko"), "ja": ("ja", "zh", "ko"), "ko": ("ko", "zh", "ja")}
CJK_CID = {"ko": KOREAN_CID, "ja": JAPANESE_CID, "zh": CHINESE_CID}
_WORDS = re.compile(r"\s+|\S+")
FALLBACK_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)
FALLBACK_FILES = {
    (False, False): ("DejaVuSans.ttf",), (True, False): ("DejaVuSans-Bold.ttf", "DejaVuSans.ttf"),
    (False, True): ("DejaVuSerif.ttf", "DejaVuSans.ttf"),
    (True, True): ("DejaVuSerif-Bold.ttf", "DejaVuSerif.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans.ttf"),
}


def is_serif(font_name: str) -> bool:
    """Tell whether a face is a serif one, by its name (Times, Liberation Serif, DejaVu Serif...)."""
    return "Serif" in font_name or font_name.startswith("Times")


@cache
def fallback_font(bold: bool, serif: bool = False) -> str | None:
    """Register and return the TrueType fallback for non-Latin, non-CJK scripts, if one exists."""
    for folder in FALLBACK_DIRS:
        for name in FALLBACK_FILES[(bold, serif)]:
            if (folder / name).is_file():
                return _register_ttf(f"BriefdeckFallback-{Path(name).stem}", str(folder / name))
    return None


@cache
def cjk_ttf(language: str, bold: bool) -> str | None:
    """Register and return the installed TrueType font for one CJK language, its bold if it has one.

    A family with no bold file (IPAex Gothic, WenQuanYi Zen Hei) is emboldened instead (``emboldened``).
    """
    for regular, bold_file, subfont in CJK_FILES[language]:
        path = bold_file if bold and bold_file and Path(bold_file).is_file() else regular
        if Path(path).is_file():
            name = _register_ttf(f"BriefdeckCJK-{Path(path).stem}", path, subfont)
            return emboldened(name) if bold and path == regular else name
    return None


def emboldened(name: str) -> str:
    """Register and return a name for TrueType font ``name`` that the brief draws emboldened.

    The PDF renderer strokes text in such a font as well as filling it (``render.pdf.embolden``),
    as PDF tools do for a family without a bold. The copy shares the font's glyphs and its
    per-document subsets, so the PDF embeds one font for both weights.
    """
    bold_name = name + EMBOLDENED
    if bold_name not in pdfmetrics.getRegisteredFontNames():
        import copy

        font = copy.copy(pdfmetrics.getFont(name))
        font.fontName = bold_name
        pdfmetrics.registerFont(font)
    return bold_name


def cjk_font(char: str, preferred: str, bold: bool) -> str:
    """Return the font for one CJK character: the preferred language's font if it has the glyph,
    else the first other installed CJK font that has it, else the built-in CID font."""
    first = None
    for language in CJK_ORDER[preferred]:
        name = cjk_ttf(language, bold)
        if name is not None:
            if _covers(name, char):
                return name
            first = first or name
    return first or cid_font(CJK_CID[preferred])


@cache
def cid_font(name: str) -> str:
    """Register one of reportlab's built-in CJK fonts on first use."""
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont(name))
    return name


_FACE_FILES: dict[str, str] = {}  # a known face's font name -> its TrueType file, parsed on first use


def register_face(face: FontFace, now: bool = False) -> None:
    """Make a theme's TrueType family known to reportlab (idempotent; built-in families need nothing).

    A file is parsed when text first uses its name (``use_font``: a brief draws five of its
    theme's eight faces, a deck fewer; each costs a few ms, even from the font cache), or at once
    with ``now``, which the theme loader asks for so that a bad font file is reported against the
    theme. Each renderer calls this too, so a worker process that did not load the theme still
    knows the fonts.
    """
    names = (face.regular, face.bold, face.italic, face.bold_italic)
    for name, path in zip(names, face.files, strict=False):
        _FACE_FILES.setdefault(name, str(path))
        if now:
            _register_ttf(name, str(path))


def use_font(name: str) -> str:
    """Return ``name``, registered with reportlab first if it is a known face's not yet parsed."""
    path = _FACE_FILES.get(name)
    if path is not None:
        _register_ttf(name, path)
    return name


@cache
def _register_ttf(name: str, path: str, subfont: int = 0) -> str:
    from generator.theme.fontcache import load_ttf

    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(load_ttf(name, Path(path), subfont))
    return name


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
    face = pdfmetrics.getFont(use_font(font_name)).face
    return ord(char) in getattr(face, "charToGlyph", {})


@lru_cache(maxsize=256)
def _han_language(text: str, language: str | None) -> str:
    """Return the language whose font sets Han characters in ``text``: kana, the outline's, else hangul.

    Cached per text: ``font_runs`` asks once per Han character with the same text, and scanning
    it each time made a paragraph of Han characters quadratic (8,000 characters took a minute).
    """
    base = (language or "").split("-")[0].lower()
    if base == "ja" or any(_is_kana(ord(c)) for c in text):  # kana: Japanese text, whatever the outline says
        return "ja"
    if base == "ko" or any(_is_hangul(ord(c)) for c in text):
        return "ko"
    return "zh"


def font_for(char: str, font_name: str, bold: bool, context: str, language: str | None) -> str:
    """Return the font that should draw ``char`` when the run asks for ``font_name``."""
    if char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Mn"):
        return font_name
    if _covers(font_name, char):
        return font_name
    code = ord(char)
    if _is_hangul(code):
        return cjk_font(char, "ko", bold)
    if _is_kana(code):
        return cjk_font(char, "ja", bold)
    if _is_cjk(code):  # Han characters: the outline's language, else the surrounding script decides
        return cjk_font(char, _han_language(context, language), bold)
    for serif in (True, False) if is_serif(font_name) else (False,):  # a serif one in a serif body
        fallback = fallback_font(bold, serif)
        if fallback is not None and _covers(fallback, char):
            return fallback
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
    glyphs = getattr(pdfmetrics.getFont(use_font(font_name)).face, "charToGlyph", None)
    return glyphs is not None and all(map(glyphs.__contains__, map(ord, text)))


def font_runs(text: str, font_name: str, bold: bool = False, language: str | None = None) -> list[tuple[str, str]]:
    """Split ``text`` into (chunk, font name) runs so every character has a font with its glyph.

    Spaces and combining marks stay with the run they sit in, so words are not split.
    """
    if _all_covered(text, font_name):  # the common case, checked at C speed
        return [(text, font_name)] if text else []
    runs: list[tuple[str, str]] = []
    current_font = font_name
    chunk: list[str] = []
    for word in _WORDS.findall(text):
        whole = None if word.isspace() else _word_font(word, font_name, bold, text, language)
        for char in word:
            if whole is not None:
                chosen = whole
            elif char.isspace() or unicodedata.combining(char):
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


def _drawn(char: str) -> bool:
    return unicodedata.category(char) not in ("Cc", "Cf", "Mn")


def _word_font(word: str, font_name: str, bold: bool, context: str, language: str | None) -> str | None:
    """Return the one font that draws all of ``word`` (the asked font, else the fallback), or None.

    So "Łódź", a Greek word or a run of Chinese is never split between two faces when one has
    every character; a word that no one font has (None) is set character by character.
    """
    drawn = [c for c in word if _drawn(c)]
    missing = next((c for c in drawn if not _covers(font_name, c)), None)
    if missing is None:
        return font_name
    if _is_cjk(ord(missing)):  # the first CJK font, in the script's order, that has the whole word
        code = ord(missing)
        preferred = "ko" if _is_hangul(code) else "ja" if _is_kana(code) else _han_language(context, language)
        candidates = (cjk_ttf(other_language, bold) for other_language in CJK_ORDER[preferred])
        return next((name for name in candidates if name is not None and all(_covers(name, c) for c in drawn)),
                    None)
    other = font_for(missing, font_name, bold, context, language)
    return other if all(_covers(other, c) for c in drawn) else None


def missing_glyphs(text: str, font_name: str, bold: bool = False, language: str | None = None) -> set[str]:
    """Return the characters of ``text`` that no available font can draw."""
    missing = set()
    for chunk, name in font_runs(text, font_name, bold, language):
        if name in CID_FONTS or _all_covered(chunk, name):  # the second, at C speed: most chunks
            continue
        missing |= {c for c in chunk if not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf", "Mn")
                    and not _covers(name, c)}
    return missing


def text_width(text: str, font_name: str, size_pt: float, bold: bool = False) -> float:
    """Return the advance width of ``text`` in points, across fallback fonts.

    Not cached here: its caller, ``measure._em``, caches each chunk, long ones bounded by their
    characters; a second cache by count kept long texts again.
    """
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
            register_face(face, now=True)
            return family, face
    return None
