"""Markdown's inline formatting turned into the outline's own styled spans.

Stage: used by ``readers.markdown``; markdown-it inline tokens in, ``MarkedText`` (text plus
already-parsed spans) out. Only bold, italic, links and ``[@id]`` citations carry meaning, as
in a YAML outline; everything else (code spans, escapes, stray asterisks) is literal text, and
the spans are normalised exactly as ``readers.markup`` does, so the same words written in
Markdown or in YAML give equal models.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from generator.links import SAFE_SCHEMES, link_scheme
from generator.model import RichText, Span
from generator.readers.markup import MarkedText, Parsed

LEAD_MAX_WORDS = 6  # a plain `Lead: text` prefix longer than this is a sentence, not a lead-in
_BLANK_RUNS = re.compile("[ \t\r\n]+")
_CURLY_QUOTES = ("\u201c\u201d", "\u2018\u2019", '""', "''")


def _citation(state: StateInline, silent: bool) -> bool:
    """Read ``[@id]`` as one citation token (before markdown-it tries it as a link)."""
    src, start = state.src, state.pos
    if not src.startswith("[@", start):
        return False
    end = src.find("]", start + 2)
    ident = src[start + 2 : end] if end > 0 else ""
    if not ident or any(c in ident for c in " \t\n[") or end >= state.posMax:
        return False
    if not silent:
        token = state.push("citation", "", 0)
        token.meta = {"id": ident}
    state.pos = end + 1
    return True


def make_parser() -> MarkdownIt:
    """Return CommonMark with pipe tables and citations; raw HTML stays text, links stay as written."""
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    parser.inline.ruler.before("link", "citation", _citation)
    parser.validateLink = lambda url: True  # type: ignore[method-assign]  # refused below, with a message
    parser.normalizeLink = lambda url: url  # type: ignore[method-assign]  # keep the author's URL
    return parser


def _collapse(raw: str) -> str:
    """Make every run of blanks one space, as a YAML outline's text is made (no-break spaces stay)."""
    return _BLANK_RUNS.sub(" ", raw)


def spans_of(children: list[Any]) -> tuple[list[Span], list[str], list[str]]:
    """Return the spans, cited ids and refused link targets of one inline token's children."""
    spans: list[Span] = []
    cites: list[str] = []
    bad: list[str] = []
    bold = italic = 0
    link: list[str | None] = []
    for token in children:
        kind = token.type
        if kind in ("text", "code_inline", "softbreak", "hardbreak", "html_inline"):
            text = _collapse(" " if kind.endswith("break") else token.content)
            spans.append(Span(text, bold > 0, italic > 0, link[-1] if link else None))
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            url = str(token.attrs.get("href", ""))
            safe = link_scheme(url) in SAFE_SCHEMES
            if not safe:
                bad.append(url)
            link.append(url if safe else None)
        elif kind == "link_close":
            link.pop()
        elif kind == "citation":
            cites.append(token.meta["id"])
            spans.append(Span("", cite=token.meta["id"]))
        elif kind == "image":
            spans.append(Span(token.content, bold > 0, italic > 0, link[-1] if link else None))
    return _tidy(spans), cites, bad


def _tidy(spans: list[Span]) -> list[Span]:
    """Single spaces, no space before a citation or at either end, neighbours of one style joined."""
    merged: list[Span] = []
    for span in spans:
        if span.cite is not None:
            if merged and merged[-1].cite is None:
                before = merged[-1]
                merged[-1] = Span(before.text.rstrip(), before.bold, before.italic, before.link)
            merged.append(span)
            continue
        text = span.text
        if not merged or merged[-1].text.endswith(" "):
            text = text.lstrip()
        if not text:
            continue
        last = merged[-1] if merged else None
        if last is not None and last.cite is None and (last.bold, last.italic, last.link) == \
                (span.bold, span.italic, span.link):
            merged[-1] = Span(last.text + text, span.bold, span.italic, span.link)
        else:
            merged.append(Span(text, span.bold, span.italic, span.link))
    while merged and merged[-1].cite is None and merged[-1].text.endswith(" "):
        end = merged.pop()
        if end.text.rstrip():
            merged.append(Span(end.text.rstrip(), end.bold, end.italic, end.link))
            break
    return [span for span in merged if span.text or span.cite]


def marked(spans: list[Span], cites: list[str], bad: list[str]) -> MarkedText:
    """Wrap spans as text the block parsers accept without parsing it again."""
    written = "".join(span.text or f"[@{span.cite}]" for span in spans)
    return MarkedText(written, Parsed(RichText(tuple(spans)), tuple(cites), tuple(bad)))


def inline_text(children: list[Any]) -> MarkedText:
    """Return one inline token's children as marked text."""
    return marked(*spans_of(children))


def unquote(lead: str) -> str:
    """Drop the quotation marks an author put around a lead-in (``“Child allowance”:``)."""
    for pair in _CURLY_QUOTES:
        if len(lead) > 2 and lead[0] == pair[0] and lead[-1] == pair[1]:
            return lead[1:-1].strip()
    return lead


def split_lead(spans: list[Span]) -> tuple[list[Span], list[Span]] | None:
    """Split a bullet's spans into (lead-in, text) for ``**Lead:** text`` and ``Lead: text``.

    The lead-in is drawn bold by every renderer, so its spans lose their own bold here, as a
    YAML ``Lead: text`` point's lead has none.
    """
    if not spans or spans[0].cite is not None or spans[0].link or spans[0].italic:
        return None
    first = spans[0]
    if first.bold:
        rest = list(spans[1:])
        if first.text.rstrip().endswith(":"):
            lead = first.text.rstrip()[:-1]
        elif rest and rest[0].cite is None and rest[0].text.startswith(":") and not rest[0].bold:
            lead = first.text
            rest[0] = Span(rest[0].text[1:], False, rest[0].italic, rest[0].link)
        else:
            return None
    else:
        lead, colon, after = first.text.partition(": ")
        if not colon or len(lead.split()) > LEAD_MAX_WORDS or lead.rstrip().endswith((".", "!", "?")):
            return None
        rest = [Span(after, False, False, None), *spans[1:]]
    lead = unquote(lead.strip())
    rest = _tidy(rest)
    if not lead or not rest:
        return None
    return [Span(lead)], rest
