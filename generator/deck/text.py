"""Slide text from the document model: runs, first sentences, notes, and text fitted to a box.

Stage: part of the pure deck planner (RichText in, plan runs and paragraphs out). Citations
become ``[n]``; whitespace collapses as it would on a slide; characters XML cannot carry are
dropped. ``fit_text`` shrinks one text to its box and truncates with an ellipsis only when
even the smallest allowed size cannot hold it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from msgspec import Struct

from generator.deck.model import Align, Box, ColorRole, FontRole, Insets, Para, Run
from generator.labels import cited_numbers
from generator.links import safe_link
from generator.model import Document, RichText
from generator.theme.measure import line_count, line_pitch_pt, wrap
from generator.theme.model import FontFace, Theme
from generator.theme.textcache import TextMemo

ELLIPSIS = "\u2026"
_SPACE = re.compile(r"\s+")
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# A sentence ends at . ! or ? (plus closing quotes or brackets) before a space, unless the
# word before is an initial or a common abbreviation: "A. Analyst", "e.g. this", "U.S. forces".
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u2019\u201d)\]]*(?=\s)")
_ABBREVIATIONS = frozenset({"e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "no", "st", "jr", "sr",
                            "prof", "gen", "col", "approx", "fig", "cf", "al", "inc", "ltd", "co"})
_TRAILING_CITES = re.compile(r"(?:\s*\[\d+(?:(?:, |\u2013)\d+)*\])+")  # "[2]", "[1, 3]", "[2–4]"


class Faces(Struct, frozen=True):
    """The theme's two families, by the role a paragraph names."""

    heading: FontFace
    body: FontFace

    @classmethod
    def of_theme(cls, theme: Theme) -> Faces:
        """Return the theme's faces, or those of its template's typefaces, which its deck's text is set in."""
        if theme.deck.template_faces is not None:
            return cls(*theme.deck.template_faces)
        return cls(theme.heading_font, theme.body_font)

    def face(self, role: FontRole) -> FontFace:
        return self.heading if role is FontRole.HEADING else self.body


def clean(text: str) -> str:
    """Return ``text`` as one slide line: whitespace collapsed, XML-invalid characters gone."""
    return _SPACE.sub(" ", _NOT_XML.sub("", text))


def clean_notes(text: str) -> str:
    """Return speaker notes without characters XML cannot carry; line breaks stay."""
    return _NOT_XML.sub("", text).strip()


def _merge(runs: list[Run]) -> tuple[Run, ...]:
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        last = merged[-1] if merged else None
        if last and (last.bold, last.italic, last.link) == (run.bold, run.italic, run.link):
            merged[-1] = Run(last.text + run.text, run.bold, run.italic, run.link)
        else:
            merged.append(run)
    return tuple(merged)


def _strip(runs: list[Run]) -> list[Run]:
    """Drop leading and trailing spaces and double spaces across run boundaries."""
    out: list[Run] = []
    for run in runs:
        text = run.text
        if not out or out[-1].text.endswith(" "):
            text = text.lstrip(" ")
        if text:
            out.append(Run(text, run.bold, run.italic, run.link))
    if out:
        last = out[-1]
        out[-1] = Run(last.text.rstrip(" "), last.bold, last.italic, last.link)
    return [run for run in out if run.text]


def rich_runs(text: RichText | None, doc: Document, bold: bool = False, italic: bool = False
              ) -> tuple[Run, ...]:
    """Return the slide runs of ``text``: spans styled, citations as ``[n]``, links kept."""
    if text is None:
        return ()
    runs: list[Run] = []
    spans = text.spans
    n = 0
    while n < len(spans):
        span = spans[n]
        if span.cite:
            group = [span.cite]  # citations side by side print as one "[1, 3]", as in the brief
            while n + 1 < len(spans) and spans[n + 1].cite:
                n += 1
                group.append(spans[n].cite or "")
            # the loader trims the space before a citation; on a slide "[n]" stands apart
            joined = bool(runs) and not runs[-1].text.endswith((" ", "("))
            numbers = cited_numbers((doc.source(sid).number for sid in group), ", ")
            runs.append(Run(f"{' ' if joined else ''}[{numbers}]", bold, italic))
        else:
            runs.append(Run(clean(span.text), bold or span.bold, italic or span.italic, safe_link(span.link)))
        n += 1
    return _merge(_strip(runs))


def plain_runs(text: str | None, bold: bool = False, italic: bool = False) -> tuple[Run, ...]:
    """Return one run of plain (unmarked) text, cleaned, or none when it is empty."""
    cleaned = clean(text or "").strip()
    return (Run(cleaned, bold, italic),) if cleaned else ()


def runs_text(runs: Sequence[Run]) -> str:
    return "".join(run.text for run in runs)


def notes_text(text: RichText, doc: Document) -> str:
    """Return ``text`` as plain speaker-notes prose, citations as ``[n]``."""
    return runs_text(rich_runs(text, doc))


def slice_runs(runs: Sequence[Run], start: int, end: int) -> tuple[Run, ...]:
    """Return the runs covering characters ``start:end`` of their joined text."""
    out: list[Run] = []
    offset = 0
    for run in runs:
        lo, hi = max(start - offset, 0), min(end - offset, len(run.text))
        if lo < hi:
            out.append(Run(run.text[lo:hi], run.bold, run.italic, run.link))
        offset += len(run.text)
    return _merge(_strip(out))


def first_sentence_end(text: str) -> int:
    """Return the offset where the first sentence of ``text`` ends (its length when it is one)."""
    for match in _SENTENCE_END.finditer(text):
        words = text[: match.start()].rsplit(None, 1)
        word = words[-1].casefold() if words else ""
        if (len(word) == 1 and word.isalpha()) or word in _ABBREVIATIONS or re.fullmatch(r"(\w\.)+\w", word):
            continue
        end = match.end()
        trailing = _TRAILING_CITES.match(text, end)
        return trailing.end() if trailing else end
    return len(text)


def first_sentence(runs: Sequence[Run]) -> tuple[Run, ...]:
    """Return the runs of the first sentence (a paragraph's bullet when a section has no points)."""
    return slice_runs(runs, 0, first_sentence_end(runs_text(runs)))


def _mainly_rtl(text: str) -> bool:
    """Return whether ``text`` has more strong right-to-left letters than left-to-right ones.

    ASCII text is answered at C speed and never cached; other text is cached, by characters:
    keyed by whole paragraphs, a count of 4,096 kept every page of long texts.
    """
    return False if text.isascii() else _count_rtl(text)


def _count_letters(text: str) -> bool:
    rtl = ltr = 0
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            rtl += 1
        elif kind == "L":
            ltr += 1
    return rtl > ltr


_count_rtl = TextMemo[str, bool](_count_letters, lambda text, _: len(text))


def direction(runs: Sequence[Run], align: Align) -> tuple[bool, Align]:
    """Return whether a paragraph reads right to left, and its alignment for that.

    A paragraph is right-to-left when it has more strong right-to-left letters (Hebrew,
    Arabic, ...) than left-to-right ones; it is then set flush right instead of flush left.
    Characters are never reordered: PowerPoint applies the bidi algorithm itself.
    """
    rtl = _mainly_rtl(runs_text(runs))
    return rtl, Align.RIGHT if rtl and align is Align.LEFT else align


def para(runs: Sequence[Run], size_pt: float, font: FontRole = FontRole.BODY,
         color: ColorRole = ColorRole.TEXT, align: Align = Align.LEFT) -> Para:
    """Return a plain paragraph at ``size_pt`` with the deck's line pitch."""
    rtl, align = direction(runs, align)
    return Para(tuple(runs), size_pt, line_pitch_pt(size_pt), font=font, color=color, align=align, rtl=rtl)


def paras_height_pt(paras: Sequence[Para], faces: Faces, width_pt: float) -> float:
    """Return the height of paragraphs in a frame ``width_pt`` wide inside its insets."""
    total = 0.0
    for index, paragraph in enumerate(paras):
        lines = line_count(paragraph.runs, faces.face(paragraph.font), paragraph.size_pt,
                           width_pt - paragraph.indent_pt)
        total += lines * paragraph.line_pt + (paragraph.space_before_pt if index else 0.0)
    return total


def inner(box: Box, insets: Insets) -> tuple[float, float]:
    """Return the width and height left for text in ``box``."""
    return (box.w_pt - insets.left_pt - insets.right_pt, box.h_pt - insets.top_pt - insets.bottom_pt)


def sizes_between(top_pt: float, bottom_pt: float, step_pt: float = 1.0) -> list[float]:
    """Return font sizes from ``top_pt`` down to ``bottom_pt`` in steps, both ends included."""
    sizes, size = [], top_pt
    while size > bottom_pt + 1e-9:
        sizes.append(round(size, 2))
        size -= step_pt
    return [*sizes, round(bottom_pt, 2)]


class Fitted(Struct, frozen=True):
    """A text fitted to its box, and whether it had to be made smaller or cut."""

    para: Para
    shrunk: bool
    truncated: bool


def _truncate(runs: Sequence[Run], face: FontFace, size_pt: float, width_pt: float, max_lines: int
              ) -> tuple[Run, ...]:
    lines = wrap(runs, face, size_pt, width_pt)
    cut = lines[max_lines - 1].end if len(lines) >= max_lines else len(runs_text(runs))
    while cut > 0:
        head = slice_runs(runs, 0, cut)
        last = head[-1] if head else Run("")
        candidate = (*head[:-1], Run(last.text.rstrip(" ,;:.") + ELLIPSIS, last.bold, last.italic, last.link))
        if len(wrap(candidate, face, size_pt, width_pt)) <= max_lines:
            return _merge(list(candidate))
        text = runs_text(head)
        space = text.rstrip().rfind(" ")
        cut = space if space > 0 else cut - 1
    return (Run(ELLIPSIS),)


def fit_text(runs: Sequence[Run], box: Box, insets: Insets, faces: Faces, font: FontRole, color: ColorRole,
             size_pt: float, min_pt: float, align: Align = Align.LEFT) -> Fitted:
    """Return ``runs`` as one paragraph that fits the box: as large as possible, cut as a last resort."""
    width, height = inner(box, insets)
    face = faces.face(font)
    for size in sizes_between(size_pt, min_pt):
        paragraph = para(runs, size, font, color, align)
        lines = line_count(runs, face, size, width)
        if lines * paragraph.line_pt <= height + 1e-6:
            return Fitted(paragraph, size < size_pt, False)
    paragraph = para(runs, min_pt, font, color, align)
    max_lines = max(1, int((height + 1e-6) // paragraph.line_pt))
    cut = _truncate(runs, face, min_pt, width, max_lines)
    return Fitted(para(cut, min_pt, font, color, align), True, True)

