"""The brief's paragraph: reportlab's Paragraph with two typographic rules it lacks.

Stage: markup in (from ``text``), a flowable out. Every paragraph of the brief is one of
these, so the rules hold for headings, bullets, cells and notes alike:

- the last word of a paragraph is never hyphenated, so a paragraph never ends on a line holding
  only the tail of a word;
- no more than ``MAX_HYPHEN_RUN`` lines in a row end in a hyphen, and no word is split where
  the line would be nearly full without its head (``HYPHENATION_ZONE``): such words are kept
  whole and the paragraph broken again;
- lines holding right-to-left text are drawn in visual order (``bidi``). Only drawing sees
  that order: breaking lines, splitting over pages and text width all stay in logical order;
- a ``mirrored`` style (a right-to-left brief's, ``style``) is drawn with its indents swapped and
  its bullet at the right; breaking lines, which sees only their sum, is left as it was.

It also remembers its lines for the width it last wrapped at, as they depend on nothing else,
and splits words wider than the line as reportlab does, measuring each character once
(``wide_words``).
"""

from __future__ import annotations

import re
from typing import Any

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import ParaLines

from generator.render.pdf.bidi import has_rtl, is_rtl_paragraph, visual_order
from generator.render.pdf.style import Hyphenator
from generator.render.pdf.wide_words import install as install_wide_words

install_wide_words()  # every paragraph of the brief is one of these: words wider than the line measured once

# what reportlab strips from a word before it asks the hyphenator about it
WORD_EDGES = re.compile(r"^\W+|\W+$")
MAX_HYPHEN_RUN = 2  # hyphenated line ends in a row, at most
# Ragged right needs no break that only fills the last few percent of a line: a word is split
# only when the line would otherwise end more than this share of the measure short (on the
# grid's measure of about 70 characters, some 8 characters, as 9% was on the old 105).
HYPHENATION_ZONE = 0.12
MAX_REBREAKS = 6  # a paragraph is broken again at most this often to mend its hyphenation


class BriefParagraph(Paragraph):
    """A paragraph whose last word stays whole and whose right-to-left runs are drawn in visual order."""

    style: ParagraphStyle  # reportlab sets these without annotations; say what they hold
    blPara: Any  # noqa: N815 (reportlab's name)
    bulletText: str | None  # noqa: N815 (reportlab's name)

    def __init__(self, text: str | None, style: ParagraphStyle | None = None, bulletText: str | None = None,  # noqa: N803
                 frags: list[Any] | None = None, caseSensitive: int = 1, encoding: str = "utf8") -> None:  # noqa: N803
        super().__init__(text, style, bulletText=bulletText, frags=frags, caseSensitive=caseSensitive,
                         encoding=encoding)
        logical = _logical_text(self.frags)
        hyphens = getattr(self.style, "hyphenationLang", None)
        if isinstance(hyphens, Hyphenator):
            words = logical.split()
            last = WORD_EDGES.sub("", words[-1]) if words else ""
            if last:
                self.style = ParagraphStyle(self.style.name, parent=self.style,
                                            hyphenationLang=hyphens.keeping_whole(last))
        # None: nothing to reorder; else whether the paragraph's base direction is right-to-left
        self._rtl_base: bool | None = is_rtl_paragraph(logical) if has_rtl(logical) else None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        # Lines depend on the width only; balanced columns and keep-with-next chains measure the
        # same paragraph at the same width many times, and breaking lines is the costly part.
        if getattr(self, "_wrapped_width", None) == availWidth and hasattr(self, "blPara"):
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        hyphens = getattr(self.style, "hyphenationLang", None)
        for _ in range(MAX_REBREAKS):
            if not isinstance(hyphens, Hyphenator):
                break
            words = _needless_breaks(self.blPara, availWidth) or _third_hyphen_word(_line_texts(self.blPara))
            if not words:
                break
            hyphens = hyphens.keeping_whole(*words)
            self.style = ParagraphStyle(self.style.name, parent=self.style, hyphenationLang=hyphens)
            self.__dict__.pop("blPara", None)
            size = super().wrap(availWidth, availHeight)
        self._wrapped_width = availWidth
        return size

    def drawPara(self, debug: int = 0) -> None:  # noqa: N802 (reportlab API)
        style, bullet = self.style, self.bulletText
        if not getattr(style, "mirrored", False):
            self._draw_in_order(debug)
            return
        self.bulletText = None  # drawn here, at the right, instead of by reportlab at the left
        self.style = ParagraphStyle(f"{style.name}_mirrored", parent=style, leftIndent=style.rightIndent,
                                    rightIndent=style.leftIndent)
        try:
            self._draw_in_order(debug)
        finally:
            self.bulletText, self.style = bullet, style
        if bullet:
            self._draw_bullet_right(bullet)

    def _draw_bullet_right(self, bullet: str) -> None:
        """Draw ``bullet`` ending ``bulletIndent`` from the right edge, on the first line's baseline (as reportlab)."""
        style, para = self.style, self.blPara
        first = para.lines[0] if para.kind == 1 and para.lines else para
        baseline = self.height - getattr(first, "fontSize", style.fontSize) + getattr(style, "bulletOffsetY", 0)
        x = self.width - style.bulletIndent - stringWidth(bullet, style.bulletFontName, style.bulletFontSize)
        text = self.canv.beginText(x, baseline)
        text.setFont(style.bulletFontName, style.bulletFontSize)
        text.setFillColor(getattr(style, "bulletColor", style.textColor))
        text.textOut(bullet)
        self.canv.drawText(text)

    def _draw_in_order(self, debug: int) -> None:
        if self._rtl_base is None:
            super().drawPara(debug)
            return
        logical, style = self.blPara, self.style
        self.blPara = _visual_lines(logical, self._rtl_base)
        if self._rtl_base and style.alignment == TA_LEFT:
            self.style = ParagraphStyle(f"{style.name}_rtl", parent=style, alignment=TA_RIGHT)
        try:
            super().drawPara(debug)
        finally:
            self.blPara, self.style = logical, style


def _line_texts(para: ParaLines) -> list[str]:
    if para.kind == 0:
        return [" ".join(words) for _, words in para.lines]
    return ["".join(getattr(frag, "text", "") for frag in line.words) for line in para.lines]


def _broken_word(head_line: str, next_line: str) -> tuple[str, str]:
    """Return the two spellings (without and with the hyphen) of the word split across two lines."""
    head = WORD_EDGES.sub("", head_line.split()[-1] + "x")[:-1]  # keep the trailing hyphen
    tail = WORD_EDGES.sub("", next_line.split()[0]) if next_line.split() else ""
    return head[:-1] + tail, head + tail


def _needless_breaks(para: ParaLines, width_pt: float) -> tuple[str, ...]:
    """Return the words split at line ends where the line without the split's head is still nearly full."""
    lines = _line_texts(para)
    spares = [line[0] for line in para.lines] if para.kind == 0 else [line.extraSpace for line in para.lines]
    found: list[str] = []
    for n, (text, spare) in enumerate(zip(lines[:-1], spares, strict=False)):
        text = text.rstrip()
        if not (text.endswith("-") and text[-2:-1].isalpha()) or " " not in text:
            continue
        head = text.split()[-1]
        head_pt = (width_pt - spare) * len(head) / len(text)
        if spare + head_pt < width_pt * HYPHENATION_ZONE:
            found += _broken_word(text, lines[n + 1])
    return tuple(found)


def _third_hyphen_word(lines: list[str]) -> tuple[str, ...] | None:
    """Return the spellings of the word broken at the end of the first line past the run allowed, if any."""
    run = 0
    for n, line in enumerate(lines[:-1]):
        text = line.rstrip()
        run = run + 1 if text.endswith("-") and text[-2:-1].isalpha() else 0
        if run > MAX_HYPHEN_RUN:
            return _broken_word(text, lines[n + 1])
    return None


def _logical_text(frags: list[Any]) -> str:
    parts = []
    for frag in frags:
        text = getattr(frag, "text", None)
        parts.append(text if text is not None else " ".join(str(word) for word in getattr(frag, "words", ())))
    return "".join(parts)


def _visual_lines(para: ParaLines, rtl_base: bool) -> ParaLines:
    """Return a copy of broken lines with each line's characters in drawing order."""
    if para.kind == 0:  # one style: lines are (spare width, words)
        lines = []
        for spare, words in para.lines:
            line = " ".join(words)
            if has_rtl(line):
                words = "".join(glyph for _, glyph in visual_order(line, rtl_base)).split(" ")
            lines.append((spare, words))
        return para.clone(lines=lines)
    return para.clone(lines=[_visual_frag_line(line, rtl_base) for line in para.lines])


def _visual_frag_line(line: Any, rtl_base: bool) -> Any:
    """Reorder one styled line: characters move with their fragment's font, colour and link."""
    owners: list[int] = []
    chars: list[str] = []
    fixed = []  # fragments without text (anchors) keep their place at the start of the line
    for number, frag in enumerate(line.words):
        text = getattr(frag, "text", "")
        if not text:
            fixed.append(frag)
        owners += [number] * len(text)
        chars.append(text)
    text = "".join(chars)
    if not has_rtl(text):
        return line
    words: list[Any] = list(fixed)
    run: list[str] = []
    owner = -1
    for index, glyph in visual_order(text, rtl_base):
        if owners[index] != owner and run:
            words.append(line.words[owner].clone(text="".join(run)))
            run = []
        owner = owners[index]
        run.append(glyph)
    if run:
        words.append(line.words[owner].clone(text="".join(run)))
    return line.clone(words=words)


class BalancedParagraph(BriefParagraph):
    """A display paragraph (title, heading) whose lines are of even length: no lone word on the last.

    It is broken at the narrowest width that keeps its number of lines, found by bisection,
    and still reports the full width, so it sits where a ragged one would: flush right too, when
    it is drawn so (right-to-left text).
    """

    width: float
    height: float

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        if getattr(self, "_balanced_width", None) == availWidth and hasattr(self, "blPara"):
            return self.width, self.height
        _, height = super().wrap(availWidth, availHeight)
        lines = len(self.blPara.lines)
        if lines > 1:
            low, high = availWidth * 0.5, availWidth
            while high - low > 2:
                middle = (low + high) / 2
                super().wrap(middle, availHeight)
                if len(self.blPara.lines) > lines:
                    low = middle
                else:
                    high = middle
            _, height = super().wrap(high, availHeight)
        self._broken_width_pt = high if lines > 1 else availWidth
        self._balanced_width = availWidth
        self.width = availWidth
        return availWidth, height

    def drawPara(self, debug: int = 0) -> None:  # noqa: N802 (reportlab API)
        alignment = self.style.alignment
        if alignment == TA_RIGHT or alignment == TA_LEFT and self._rtl_base:
            # its lines were broken, and so aligned, on the narrower width: move them to the right edge
            self.canv.translate(self.width - getattr(self, "_broken_width_pt", self.width), 0)
        super().drawPara(debug)
