"""The outline's inline markup, parsed once into styled spans.

Stage: outline text in, ``RichText`` out. Only ``**bold**``, ``*italic*``,
``[label](url)``, ``[@id]`` and ``[^footnote]`` mean anything; every other character, ``<``, ``&`` and
``\\`` included, is literal text, so renderers escape everything they are given.
"""

from __future__ import annotations

import re

from msgspec import Struct

from generator.links import SAFE_SCHEMES, link_scheme
from generator.model import RichText, Span

_LINK_OR_CITE = re.compile(
    r"\[\^(?P<note>(?:[^\[\]]|\[[^\[\]]*\](?:\([^()\s]*\))?)+)\]"  # a footnote may hold links and citations
    r"|\[@(?P<cite>[^\]\s]+)\]"
    r"|\[(?P<label>[^\]]+)\]\((?P<url>[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)\)"
)
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")


class Parsed(Struct, frozen=True):
    """Parsed text plus what the loader must check: cited ids and refused link targets."""

    text: RichText
    citations: tuple[str, ...]
    bad_links: tuple[str, ...]


class MarkedText(str):
    """Text whose inline markup was already parsed (Markdown's own), so it is never parsed again.

    The string is what the author wrote, for the emptiness and control-character checks; the
    spans in ``parsed`` are what it means. Markdown's escapes and code spans thus stay literal.
    """

    parsed: Parsed

    def __new__(cls, written: str, parsed: Parsed) -> MarkedText:
        made = super().__new__(cls, written)
        made.parsed = parsed
        return made


def _styled(text: str, link: str | None, bold: bool = False) -> list[Span]:
    spans: list[Span] = []
    pattern = _ITALIC if bold else _BOLD
    position = 0
    for match in pattern.finditer(text):
        if match.start() > position:
            spans += _styled_plain(text[position : match.start()], link, bold)
        inner = match.group(1)
        spans += _styled(inner, link, bold=True) if not bold else [Span(inner, True, True, link)]
        position = match.end()
    if position < len(text):
        spans += _styled_plain(text[position:], link, bold)
    return spans


def _styled_plain(text: str, link: str | None, bold: bool) -> list[Span]:
    """Split a run that has no bold markup left at its italic markers."""
    if bold:
        return [Span(text, True, False, link)]
    spans: list[Span] = []
    position = 0
    for match in _ITALIC.finditer(text):
        if match.start() > position:
            spans.append(Span(text[position : match.start()], False, False, link))
        spans.append(Span(match.group(1), False, True, link))
        position = match.end()
    if position < len(text):
        spans.append(Span(text[position:], False, False, link))
    return spans


def parse_inline(text: str) -> Parsed:
    """Parse one text value of an outline into spans, citations and refused links."""
    spans: list[Span] = []
    citations: list[str] = []
    bad_links: list[str] = []
    position = 0
    for match in _LINK_OR_CITE.finditer(text):
        if match.start() > position:
            spans += _styled(text[position : match.start()], None)
        if match.group("note"):
            inner = parse_inline(match.group("note").strip())
            citations += inner.citations
            bad_links += inner.bad_links
            if spans and spans[-1].cite is None and spans[-1].note is None:  # the mark hugs its word, too
                last = spans[-1]
                spans[-1] = Span(last.text.rstrip(), last.bold, last.italic, last.link)
            note = RichText(tuple(span for span in inner.text.spans if span.note is None))  # notes do not nest
            if note:
                spans.append(Span("", note=note))
        elif match.group("cite"):
            citations.append(match.group("cite"))
            if spans and spans[-1].cite is None:  # the mark hugs the word it supports
                last = spans[-1]
                spans[-1] = Span(last.text.rstrip(), last.bold, last.italic, last.link)
            spans.append(Span("", cite=match.group("cite")))
        else:
            url = match.group("url")
            safe = link_scheme(url) in SAFE_SCHEMES
            if not safe:
                bad_links.append(url)
            spans += _styled(match.group("label"), url if safe else None)
        position = match.end()
    if position < len(text):
        spans += _styled(text[position:], None)
    return Parsed(RichText(tuple(_merge(spans))), tuple(citations), tuple(bad_links))


def _merge(spans: list[Span]) -> list[Span]:
    """Join neighbouring spans of the same style so renderers draw fewer runs."""
    merged: list[Span] = []
    for span in spans:
        if span.cite is None and span.note is None and not span.text:
            continue
        last = merged[-1] if merged else None
        if (last is not None and span.cite is None and last.cite is None and span.note is None and last.note is None
                and (last.bold, last.italic, last.link) == (span.bold, span.italic, span.link)):
            merged[-1] = Span(last.text + span.text, last.bold, last.italic, last.link)
        else:
            merged.append(span)
    return merged


def plain_text(text: str) -> RichText:
    """Wrap text that takes no markup (names, values) as one unstyled span."""
    return RichText((Span(text),)) if text else RichText(())
