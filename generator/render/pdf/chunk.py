"""Cutting very long text into paragraph pieces reportlab can set in linear time.

Stage: used by the block builders (one RichText in, several RichText out, then one styled
paragraph each). reportlab breaks a paragraph into lines again from the split point at every
page it spans, so one text value that spans many pages costs the square of its length (a
40,000-word paragraph took 23 s, a 1.9 MB one did not finish in 15 minutes). Text longer
than MAX_CHUNK_CHARS (about two pages of body text) is set as consecutive paragraphs that
read as one: no space between them and no first-line indent after the first. Each cut falls
after a sentence where one ends in the second half of the piece, else at a space, else
(one enormous word) between two characters, where the line had to break anyway.
"""

from __future__ import annotations

import re
import unicodedata

from msgspec.structs import replace
from reportlab.lib.styles import ParagraphStyle

from generator.model import RichText, Span

MAX_CHUNK_CHARS = 6_000
_SENTENCE_END = re.compile(r"[.!?\u3002\uff01\uff1f][\"'\u201d\u2019)\]]*\s+")
_SPACE = re.compile(r"\s+")


def _cut(text: str, start: int, limit: int) -> int:
    """Return where the piece beginning at ``start`` should end (an index into ``text``)."""
    end = start + limit
    if end >= len(text):
        return len(text)
    window = text[start + limit // 2:end]
    for pattern in (_SENTENCE_END, _SPACE):
        ends = [match.end() for match in pattern.finditer(window)]
        if ends:
            return start + limit // 2 + ends[-1]
    while end > start + 1 and unicodedata.category(text[end]) in ("Mn", "Mc", "Me"):
        end -= 1  # never separate a combining mark from its letter
    return end


def split_rich(text: RichText, limit: int = MAX_CHUNK_CHARS) -> list[RichText]:
    """Return ``text`` as pieces of at most about ``limit`` characters (itself when it is shorter)."""
    plain = "".join(span.text for span in text.spans)
    if len(plain) <= limit:
        return [text]
    cuts, start = [], 0
    while start < len(plain):
        start = _cut(plain, start, limit)
        cuts.append(start)
    pieces: list[list[Span]] = [[] for _ in cuts]
    offset, piece = 0, 0
    for span in text.spans:
        if not span.text:  # a citation mark stays with the text before it
            pieces[piece].append(span)
            continue
        position = 0
        while position < len(span.text):
            while offset + position >= cuts[piece]:
                piece += 1
            take = min(len(span.text) - position, cuts[piece] - offset - position)
            pieces[piece].append(replace(span, text=span.text[position:position + take]))
            position += take
        offset += len(span.text)
    return [RichText(tuple(spans)) for spans in pieces if spans]


def piece_styles(style: ParagraphStyle, count: int) -> list[ParagraphStyle]:
    """Return the style of each of ``count`` pieces: together they space and indent like ``style`` alone."""
    if count == 1:
        return [style]
    first = ParagraphStyle(f"{style.name}-first", parent=style, spaceAfter=0)
    middle = ParagraphStyle(f"{style.name}-middle", parent=style, spaceBefore=0, spaceAfter=0, firstLineIndent=0)
    last = ParagraphStyle(f"{style.name}-last", parent=style, spaceBefore=0, firstLineIndent=0)
    return [first, *[middle] * (count - 2), last]
