"""Embedding briefdeck's TrueType fonts cheaply in one build after another, with the bytes reportlab writes.

Stage: a service for the fonts ``fontcache.load_ttf`` hands out (the theme's faces, the CJK and
fallback fonts); reportlab's own ``TTFont`` objects elsewhere in the process are left as they are.
reportlab encodes each string drawn character by character in Python and, when the PDF is saved,
builds every font subset's file, character map and width table in Python and compresses them.
A warm build of the sample spent about a fifth of its brief's CPU there; a watch loop, the API
or a batch paid it again each time.

Two things make that cheaper without changing a byte:

* ``EmbeddedFont.splitString`` remembers, per document, the one-byte code each character of the
  first subset was given (a code never changes once given), and encodes a string whose characters
  all have one at C speed (``str.translate``). Any other string takes reportlab's own path.
* ``EmbeddedFont.addObjects`` keeps the finished pieces of recent subsets: the compressed font
  file and the formatted widths, keyed by the font file's content hash (``fontcache`` names it;
  never the font's name or stem) and the exact ordered list of characters of the subset; the
  compressed character map, keyed by the text it compresses. A rebuild of the same or a similar
  outline embeds what it made before. The cache is bounded (``MAX_CACHED_BYTES``, least recently
  used out).
"""

from __future__ import annotations

import zlib
from collections import OrderedDict
from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, SUBSETN, TTFont, TTFontFace, makeToUnicodeCMap

MAX_CACHED_BYTES = 8 * 1024 * 1024  # finished pieces kept per process: the sample's take 100 KB
_FINISHED: OrderedDict[tuple[Any, ...], tuple[int, bytes]] = OrderedDict()  # -> (length before compressing, bytes)
_cached_bytes = 0
_IDENTITIES: WeakKeyDictionary[TTFontFace, str] = WeakKeyDictionary()  # kept beside the face: its values
# are exactly the ones reportlab parsed (the font cache's records are compared with them)


class _AlreadyFlated:
    """A stream filter for content compressed beforehand: names FlateDecode, leaves the bytes alone."""

    pdfname = "FlateDecode"

    @staticmethod
    def encode(data: bytes) -> bytes:
        return data


_ALREADY_FLATED = _AlreadyFlated()


class _Formatted(pdfdoc.PDFObject):
    """A PDF value formatted beforehand (a subset's widths: formatting them number by number is slow)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document: Any) -> bytes:
        return self.data


class _FirstSubsetCodes:
    """The characters of one document's first subset with their codes, as ``splitString`` gave them."""

    __slots__ = ("known", "table")

    def __init__(self) -> None:
        self.known: set[str] = set()
        self.table: dict[int, int] = {}  # character's code point -> its one-byte code (for ``str.translate``)


class EmbeddedFace(TTFontFace):
    """A TrueType face whose finished subset files are shared between documents (see the module)."""

    def addSubsetObjects(self, doc: Any, fontname: str, subset: list[int]) -> Any:  # noqa: N802 (reportlab API)
        if not doc.compression:
            return super().addSubsetObjects(doc, fontname, subset)
        length, flated = _finished(("font file", _IDENTITIES[self], tuple(subset)),
                                   lambda: _flated(self.makeSubset(subset)))
        font_file = pdfdoc.PDFStream(content=flated, filters=[_ALREADY_FLATED])
        font_file.dictionary["Length1"] = length
        font_file_ref = doc.Reference(font_file, f"fontFile:{self.filename}({fontname})")
        return doc.Reference(pdfdoc.PDFDictionary({
            "Type": "/FontDescriptor",
            "Ascent": self.ascent,
            "CapHeight": self.capHeight,
            "Descent": self.descent,
            "Flags": (self.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
            "FontBBox": pdfdoc.PDFArray(self.bbox),
            "FontName": pdfdoc.PDFName(fontname),
            "ItalicAngle": self.italicAngle,
            "StemV": self.stemV,
            "FontFile2": font_file_ref,
            "MissingWidth": self.defaultWidth,
        }), "fontDescriptor:" + fontname)


class EmbeddedFont(TTFont):
    """A TrueType font that encodes strings of already-coded characters at C speed (see the module)."""

    face: EmbeddedFace

    def splitString(self, text: Any, doc: Any, encoding: str = "utf-8") -> list[tuple[int, bytes]]:  # noqa: N802
        state = self.state.get(doc)
        codes: _FirstSubsetCodes | None = getattr(state, "briefdeck_codes", None)
        if codes is not None and type(text) is str and codes.known.issuperset(text):
            return [(0, text.translate(codes.table).encode("latin-1"))] if text else []
        result: list[tuple[int, bytes]] = super().splitString(text, doc, encoding)
        if not self.shapable and type(text) is str:  # shaping may add glyphs, and so change a code of 0
            _learn(self, self.state[doc], text)
        return result

    def addObjects(self, doc: Any) -> None:  # noqa: N802 (reportlab API)
        """Add each subset's font objects to ``doc``: ``TTFont.addObjects``, from finished pieces where it can."""
        try:
            state = self.state[doc]
        except KeyError:
            state = self.state[doc] = TTFont.State(self._asciiReadable)
        state.frozen = 1
        face = self.face
        for number, subset in enumerate(state.subsets):
            internal_name = self.getSubsetInternalName(number, doc)[1:]
            base_name = b"".join((SUBSETN(number), b"+", face.name, face.subfontNameX)).decode("pdfdoc")
            pdf_font = pdfdoc.PDFTrueTypeFont()
            pdf_font.__Comment__ = f"Font {self.fontName} subset {number}"
            pdf_font.Name = internal_name
            pdf_font.BaseFont = base_name
            pdf_font.FirstChar = 0
            pdf_font.LastChar = len(subset) - 1
            pdf_font.Widths = _Formatted(_finished(
                ("widths", _IDENTITIES[face], tuple(subset), rl_config.pdfMultiLine),
                lambda: (0, pdfdoc.PDFArray(list(map(face.getCharWidth, subset))).format(doc)))[1])  # noqa: B023
            cmap = pdfdoc.PDFStream(content=makeToUnicodeCMap(base_name, subset))
            if doc.compression:
                cmap.content = _finished(("character map", cmap.content), lambda: _flated(cmap.content))[1]  # noqa: B023
                cmap.filters = [_ALREADY_FLATED]
            pdf_font.ToUnicode = doc.Reference(cmap, "toUnicodeCMap:" + base_name)
            pdf_font.FontDescriptor = face.addSubsetObjects(doc, base_name, subset)
            doc.Reference(pdf_font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = pdf_font
        del self.state[doc]


def _learn(font: TTFont, state: Any, text: str) -> None:
    """Note the codes ``splitString`` gave the characters of ``text`` that are in the first subset.

    reportlab sends a no-break space to the space's code, and a character the font lacks to
    code 0 without giving it a code; both are kept so, as ``TTFont.splitString`` has them.
    """
    assignments, glyphs = state.assignments, font.face.charToGlyph
    codes = state.__dict__.get("briefdeck_codes")
    if codes is None:  # the characters coded before any string (ASCII, with ``asciiReadable``) count too
        codes = state.briefdeck_codes = _FirstSubsetCodes()
        text = "".join(map(chr, assignments)) + "\xa0" + text
    for char in set(text).difference(codes.known):
        code = 32 if char == "\xa0" else ord(char)
        number = assignments.get(code, None if code in glyphs else 0)
        if number is not None and number < 256:
            codes.known.add(char)
            codes.table[ord(char)] = number


def _flated(content: str | bytes) -> tuple[int, bytes]:
    """Return what reportlab's FlateDecode filter makes of ``content``, with the length it had."""
    data = content.encode("utf8") if isinstance(content, str) else content
    return len(data), zlib.compress(data)


def _finished(key: tuple[Any, ...], make: Callable[[], tuple[int, bytes]]) -> tuple[int, bytes]:
    """Return the finished piece ``key`` names, made by ``make`` unless a recent document made it."""
    global _cached_bytes
    found = _FINISHED.get(key)
    if found is not None:
        _FINISHED.move_to_end(key)
        return found
    found = make()
    if len(found[1]) <= MAX_CACHED_BYTES:
        _FINISHED[key] = found
        _cached_bytes += len(found[1])
        while _cached_bytes > MAX_CACHED_BYTES:
            _cached_bytes -= len(_FINISHED.popitem(last=False)[1][1])
    return found


def cached_bytes() -> int:
    """Return how many bytes of finished pieces the cache holds (tests check its bound)."""
    return _cached_bytes


def embedded(font: TTFont, identity: str) -> EmbeddedFont:
    """Make a font just parsed or loaded from the font cache an ``EmbeddedFont`` of ``identity``.

    The classes only add the behaviours above, so changing the objects' class keeps every value
    reportlab set.
    """
    font.__class__ = EmbeddedFont
    font.face.__class__ = EmbeddedFace
    _IDENTITIES[font.face] = identity
    return font
