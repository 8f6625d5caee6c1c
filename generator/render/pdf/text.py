"""Turn model text into reportlab Paragraph markup and drawable font runs, fallback fonts included.

Stage: RichText / str from the model in; escaped Paragraph markup, (chunk, font) runs and
glyph warnings out. Arabic is shaped here (``bidi``); right-to-left text stays in logical
order in markup (paragraphs reorder it per line) and is put in drawing order in ``line_runs``.

This is the one place user text meets reportlab's markup parser, so every user character is
escaped here and every tag in the output is one we wrote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from html import escape as _html_escape
from pathlib import Path

from msgspec import Struct
from reportlab.pdfbase.pdfmetrics import stringWidth

from generator.errors import BuildWarning
from generator.labels import cited_numbers
from generator.model import RichText, Source, Span
from generator.render.pdf.bidi import has_rtl, shape, visual_line
from generator.theme import fonts
from generator.theme.model import FontFace
from generator.typography import typographic

Run = tuple[str, str]  # (text chunk, reportlab font name)
# default-ignorable format characters (Unicode's Default_Ignorable_Code_Point, less the soft hyphen)
INVISIBLE = re.compile("[\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
                       "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\U0001bca0-\U0001bca3"
                       "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]")


class Where(Struct, frozen=True):
    """A place in the outline: its path (``sections[1].content[2]``) and line."""

    origin: str
    line: int


def escape(text: str) -> str:
    """Return ``text`` with ``&``, ``<`` and ``>`` escaped for reportlab's markup (quotes left alone)."""
    return _html_escape(text, quote=False)


def _attr(value: str) -> str:
    return escape(value).replace('"', "&quot;")


class TextSetter:
    """Build markup and runs for one document, remembering characters no font can draw, and where.

    Warnings are collected here rather than raised so a brief with one odd glyph still builds.
    The builders say which part of the outline they are setting with ``at``; every character
    without a glyph is reported against that place.
    """

    def __init__(self, document_path: Path, language: str | None, sources: dict[str, Source],
                 link_color: str, cite_color: str, cite_brackets: bool = False) -> None:
        self.language = language
        self._cite_brackets = cite_brackets
        self._path = document_path
        self._sources = sources
        self._link_color = link_color
        self._cite_color = cite_color
        self._where = Where("document", 1)
        self._missing: dict[Where, dict[str, None]] = {}  # dicts as ordered sets: first seen, first told
        self.note_numbers: dict[int, int] = {}  # footnote span identity -> its number (notes.numbered_notes)
        self._cid_at: Where | None = None  # first place set in a built-in (unembedded) CJK font

    @contextmanager
    def at(self, origin: str, line: int) -> Iterator[None]:
        """Report missing glyphs of the text set inside the ``with`` block against ``origin`` at ``line``."""
        outer = self._where
        self._where = Where(origin, line or outer.line)
        try:
            yield
        finally:
            self._where = outer

    def within(self, path: str, line: int = 0) -> AbstractContextManager[None]:
        """Report against a part of the current place: ``within("[2]", item.line)`` for its third item."""
        return self.at(self._where.origin + path, line)

    def runs(self, text: str, font: str, bold: bool = False) -> list[Run]:
        """Split ``text`` into runs each drawn by a font that has its glyphs, ready to draw (``drawable``).

        The runs are in logical order, for paragraphs (which reorder right-to-left text line by
        line when they draw) and for measuring.
        """
        return self._font_runs(drawable(text), font, bold)

    def line_runs(self, text: str, font: str, bold: bool = False) -> list[Run]:
        """Return runs for one line drawn directly on the canvas (labels, chart text), in drawing order."""
        text = drawable(text)
        return self._font_runs(visual_line(text) if has_rtl(text) else text, font, bold)

    def _font_runs(self, text: str, font: str, bold: bool) -> list[Run]:
        if not text.isascii():
            missing = fonts.missing_glyphs(text, font, bold, self.language)
            if missing:
                self._missing.setdefault(self._where, {}).update(dict.fromkeys(sorted(missing)))
        runs = fonts.font_runs(text, font, bold, self.language)
        if self._cid_at is None and not text.isascii() and any(name in fonts.CID_FONTS for _, name in runs):
            self._cid_at = self._where
        return runs

    def plain(self, text: str, base_font: str, font: str | None = None, bold: bool = False) -> str:
        """Return escaped markup for plain text in ``font`` inside a paragraph set in ``base_font``.

        The text gets its typographic finish (``typography``): curly quotes, minus signs, no-break spaces.
        """
        return self._runs_markup(self.runs(typographic(text, self.language), font or base_font, bold), base_font)

    def rich(self, text: RichText, face: FontFace, base_font: str, bold: bool = False,
             italic: bool = False) -> str:
        """Return escaped markup for inline-styled text; citations become superscript numbers."""
        parts: list[str] = []
        group: list[str] = []  # adjacent citations, printed as one mark ("1,3", "2–4")
        before = ""  # the character printed last, so quotes at a span's start open or close as they should
        for n, span in enumerate(text.spans):
            if span.cite:
                group.append(span.cite)
                before = "0"
                continue
            if group:
                parts.append(self.cites(group, base_font))
                group = []
            if span.note is not None:
                number = self.note_numbers.get(id(span))
                if number is not None:
                    parts.append(f'<super><font name="{_attr(base_font)}">{number}</font></super>')
                continue
            after = next((s.text[:1] if s.text else "0" for s in text.spans[n + 1:] if s.text or s.cite), "")
            finished = typographic(span.text, self.language, before, after)
            before = finished[-1:] or before
            parts.append(self._span_markup(Span(finished, span.bold, span.italic, span.link), face, base_font,
                                           bold, italic))
        if group:
            parts.append(self.cites(group, base_font))
        return "".join(parts)

    def cites(self, source_ids: Iterable[str], base_font: str) -> str:
        """Return one citation mark for sources cited together: superscript "1,3", or "[1, 3]" if the theme asks.

        The numbers are sorted and joined without a breakable space, so the mark never splits.
        """
        numbers = [self._sources[sid].number for sid in source_ids]
        if not numbers:
            return ""
        font = _attr(base_font)
        if self._cite_brackets:
            mark = "\u00a0[" + cited_numbers(numbers, ",\u00a0") + "]"  # no-break spaces: glued to the word
            return f'<font name="{font}" color="#{self._cite_color}">{mark}</font>'
        return f'<super><font name="{font}" color="#{self._cite_color}">{cited_numbers(numbers)}</font></super>'

    def warnings(self) -> list[BuildWarning]:
        """Return one warning per place in the outline with characters that will print as empty boxes."""
        found = []
        for where, chars in sorted(self._missing.items(), key=lambda item: item[0].line):
            named = ", ".join(f"{char!r} (U+{ord(char):04X})" for char in chars)
            verb = "it prints as an empty box" if len(chars) == 1 else "they print as empty boxes"
            found.append(BuildWarning(self._path, where.line,
                                      f"{where.origin}: no available font has a glyph for {named}; {verb}"))
        if self._cid_at is not None:
            found.append(BuildWarning(self._path, self._cid_at.line, (
                f"{self._cid_at.origin}: no TrueType CJK font is installed, so CJK text uses reportlab's "
                f"built-in fonts, which are not embedded and print as boxes on readers without them; "
                f"install {fonts.CJK_PACKAGES}")))
        return found

    def _span_markup(self, span: Span, face: FontFace, base_font: str, bold: bool, italic: bool) -> str:
        is_bold, is_italic = bold or span.bold, italic or span.italic
        markup = self._runs_markup(self.runs(span.text, face.pick(is_bold, is_italic), is_bold), base_font)
        return self.anchor(span.link, markup) if span.link else markup

    def anchor(self, url: str, inner_markup: str, underline: bool = True) -> str:
        """Return ``inner_markup`` as a clickable link to ``url`` (already validated by the loader)."""
        line = ' underline="1"' if underline else ""
        return f'<a href="{_attr(url)}" color="#{self._link_color}"{line}>{inner_markup}</a>'

    @staticmethod
    def _runs_markup(runs: list[Run], base_font: str) -> str:
        return "".join(
            escape(chunk) if font == base_font else f'<font name="{_attr(font)}">{escape(chunk)}</font>'
            for chunk, font in runs
        )


def drawable(text: str) -> str:
    """Return ``text`` as it is drawn: Arabic shaped, invisible format characters left out.

    Zero-width spaces and joiners, direction marks and controls and variation selectors have no
    glyph in most fonts, and reportlab would draw each as a box. Shaping comes first because
    Arabic joining looks at the joiners. The soft hyphen stays: reportlab breaks lines there.
    """
    if text.isascii():
        return text
    return INVISIBLE.sub("", shape(text))


def runs_width(runs: list[Run], size_pt: float) -> float:
    """Return the advance width of drawn runs in points."""
    return sum(stringWidth(chunk, font, size_pt) for chunk, font in runs)


def wrap_runs(setter: TextSetter, text: str, font: str, size_pt: float, width_pt: float,
              max_lines: int = 3) -> list[list[Run]]:
    """Break short text (chart labels) into at most ``max_lines`` lines of runs no wider than ``width_pt``.

    Words longer than a line are broken between characters, so CJK labels without spaces wrap too;
    the last line ends in an ellipsis when text is left over.
    """
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if _width(setter, candidate, font, size_pt) <= width_pt:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        for char in word:
            if current and _width(setter, current + char, font, size_pt) > width_pt:
                lines.append(current)
                current = ""
            current += char
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and _width(setter, last + "…", font, size_pt) > width_pt:
            last = last[:-1]
        lines = lines[: max_lines - 1] + [last.rstrip() + "…"]
    return [setter.line_runs(line, font) for line in lines] or [[]]


def _width(setter: TextSetter, text: str, font: str, size_pt: float) -> float:
    return runs_width(fonts.font_runs(drawable(text), font, False, setter.language), size_pt)
