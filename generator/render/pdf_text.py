"""Turn model text into reportlab Paragraph markup and drawable font runs, fallback fonts included.

Stage: RichText / str from the model in; escaped Paragraph markup, (chunk, font) runs and
glyph warnings out. This is the one place user text meets reportlab's markup parser, so
every user character is escaped here and every tag in the output is one we wrote.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth

from generator import fonts
from generator.errors import BuildWarning
from generator.model import RichText, Source, Span
from generator.theme_model import FontFace

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")

Run = tuple[str, str]  # (text chunk, reportlab font name)


def format_date(day: dt.date) -> str:
    """Return a date as "2 April 2026", independent of the process locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_loose_date(text: str) -> str:
    """Return an ISO date string in the brief's style, and anything else (``"Spring 2025"``) as given."""
    try:
        return format_date(dt.date.fromisoformat(text))
    except ValueError:
        return text


def _attr(value: str) -> str:
    return escape(value, {'"': "&quot;"})


class TextSetter:
    """Build markup and runs for one document, remembering characters no font can draw.

    Warnings are collected here rather than raised so a brief with one odd glyph still builds.
    """

    def __init__(self, document_path: Path, language: str | None, sources: dict[str, Source],
                 link_color: str, cite_color: str) -> None:
        self.language = language
        self._path = document_path
        self._sources = sources
        self._link_color = link_color
        self._cite_color = cite_color
        self._missing: dict[str, int] = {}

    def runs(self, text: str, font: str, bold: bool = False, line: int = 0) -> list[Run]:
        """Split ``text`` into runs each drawn by a font that has its glyphs."""
        if not text.isascii():
            for char in fonts.missing_glyphs(text, font, bold, self.language):
                self._missing.setdefault(char, line)
        return fonts.font_runs(text, font, bold, self.language)

    def plain(self, text: str, base_font: str, font: str | None = None, bold: bool = False,
              line: int = 0) -> str:
        """Return escaped markup for plain text in ``font`` inside a paragraph set in ``base_font``."""
        return self._runs_markup(self.runs(text, font or base_font, bold, line), base_font)

    def rich(self, text: RichText, face: FontFace, base_font: str, bold: bool = False,
             italic: bool = False, line: int = 0) -> str:
        """Return escaped markup for inline-styled text; citations become superscript numbers."""
        parts: list[str] = []
        previous_cite = False
        for span in text.spans:
            if span.cite:
                parts.append(self._cite_markup(span.cite, base_font, previous_cite))
                previous_cite = True
                continue
            previous_cite = False
            parts.append(self._span_markup(span, face, base_font, bold, italic, line))
        return "".join(parts)

    def cites(self, source_ids: Iterable[str], base_font: str) -> str:
        """Return superscript citation numbers for sources named outside running text."""
        return "".join(self._cite_markup(sid, base_font, i > 0) for i, sid in enumerate(source_ids))

    def warnings(self) -> list[BuildWarning]:
        """Return one warning per character that will print as an empty box."""
        return [
            BuildWarning(self._path, line, f"no available font has a glyph for {char!r} "
                         f"(U+{ord(char):04X}); it prints as an empty box")
            for char, line in sorted(self._missing.items(), key=lambda item: (item[1], item[0]))
        ]

    def _span_markup(self, span: Span, face: FontFace, base_font: str, bold: bool, italic: bool,
                     line: int) -> str:
        is_bold, is_italic = bold or span.bold, italic or span.italic
        markup = self._runs_markup(self.runs(span.text, face.pick(is_bold, is_italic), is_bold, line), base_font)
        return self.anchor(span.link, markup) if span.link else markup

    def anchor(self, url: str, inner_markup: str, underline: bool = True) -> str:
        """Return ``inner_markup`` as a clickable link to ``url`` (already validated by the loader)."""
        line = ' underline="1"' if underline else ""
        return f'<a href="{_attr(url)}" color="#{self._link_color}"{line}>{inner_markup}</a>'

    def _cite_markup(self, source_id: str, base_font: str, after_cite: bool) -> str:
        number = self._sources[source_id].number
        separator = "," if after_cite else ""
        return f'<super><font name="{_attr(base_font)}" color="#{self._cite_color}">{separator}{number}</font></super>'

    @staticmethod
    def _runs_markup(runs: list[Run], base_font: str) -> str:
        return "".join(
            escape(chunk) if font == base_font else f'<font name="{_attr(font)}">{escape(chunk)}</font>'
            for chunk, font in runs
        )


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
    return [setter.runs(line, font) for line in lines] or [[]]


def _width(setter: TextSetter, text: str, font: str, size_pt: float) -> float:
    return runs_width(fonts.font_runs(text, font, False, setter.language), size_pt)
