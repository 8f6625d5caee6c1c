"""Typographic finish for display text: curly quotes, apostrophes, dashes, minus signs, no-break spaces.

Stage: base level (like ``model`` and ``labels``): a string in, the string a typesetter would print
out. One pure function, ``typographic``, so that both renderers can apply it to what they draw
while the model keeps the author's text exactly as written. The rules follow pandoc's ``smart``
extension (quotes, apostrophes, ``--``, ``---``, ``...``) and add what a copy editor would: a real
minus sign (U+2212) before a number, and a no-break space between a number and its unit and after
"p." or "No." before a number. Text inside URLs (``https://...``, ``www....``) is never changed.
"""

from __future__ import annotations

import re

MINUS = "\u2212"
NBSP = "\u00a0"
# opening and closing quotes, double then single, by language (CLDR's delimiters); English otherwise
QUOTES = {
    "en": ("\u201c", "\u201d", "\u2018", "\u2019"),
    "de": ("\u201e", "\u201c", "\u201a", "\u2018"),
    "fr": ("\u00ab\u202f", "\u202f\u00bb", "\u2039\u202f", "\u202f\u203a"),
    "es": ("\u00ab", "\u00bb", "\u201c", "\u201d"),
    "it": ("\u00ab", "\u00bb", "\u201c", "\u201d"),
    "ru": ("\u00ab", "\u00bb", "\u201e", "\u201c"),
    "pl": ("\u201e", "\u201d", "\u00ab", "\u00bb"),
    "nl": ("\u201c", "\u201d", "\u2018", "\u2019"),
}
APOSTROPHE = "\u2019"
# A scheme is tried only where a run of scheme characters starts (after leading digits, dots, plus
# and minus signs, as before), never inside one: tried at every letter of a long word, it made
# that word quadratic (a 5,000-letter word took half a second). ``url`` is where the link starts.
URL = re.compile(r"(?<![a-z0-9+.-])[0-9+.-]*+(?P<url>[a-z][a-z0-9+.-]*+://\S+)|(?P<bare>(?:www\.|mailto:)\S+)",
                 re.IGNORECASE)
# a quote opens at the start, after a space, an opening bracket or dash, or another opening quote
OPENS_AFTER = frozenset(" \t\n\u00a0\u202f([{\u2014\u2013/\u201c\u2018\u201e\u201a\u00ab\u2039-")
CLOSERS = frozenset(".,;:!?)]}")  # a quote before one of these closes
MINUS_BEFORE_NUMBER = re.compile(r"(?<![\w.,\-\u2212])-(?=\.?\d)")
# units a number is never parted from (single letters that start common words are left out)
UNITS = ("%", "km", "m", "cm", "mm", "kg", "mi", "ft", "kt", "nm", "pt", "MW", "GW", "kW", "bn", "tn", "°C", "°F",
         "ha", "km²", "ms")
UNIT_SPACE = re.compile(r"(?<=\d) (?=(?:" + "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
                        + r")(?![\w²]))")
ABBREVIATION_SPACE = re.compile(r"\b(p|pp|No|no|Nos|Fig|fig|vol|Vol|ch|Ch|§)\. (?=\d)")
SECTION_SPACE = re.compile(r"§ (?=\d)")


def typographic(text: str, language: str | None = None, before: str = "", after: str = "") -> str:
    """Return ``text`` as it should be printed; ``before`` and ``after`` are the characters printed around it.

    They let text set in pieces (spans of one paragraph) decide a quote at a piece's edge as if
    the paragraph were one string.
    """
    if not text:
        return text
    pieces: list[str] = []
    position = 0
    previous = before[-1:]
    for match in URL.finditer(text):
        start = match.start("url") if match.group("url") else match.start()
        link = text[start:match.end()]
        pieces += [_finish(text[position:start], language, previous, link[0]), link]
        previous = link[-1]
        position = match.end()
    pieces.append(_finish(text[position:], language, previous, after[:1]))
    return "".join(pieces)


def _finish(text: str, language: str | None, before: str, after: str) -> str:
    if not text:
        return text
    text = text.replace("---", "\u2014").replace("--", "\u2013").replace("...", "\u2026")
    text = MINUS_BEFORE_NUMBER.sub(MINUS, text)
    text = UNIT_SPACE.sub(NBSP, text)
    text = ABBREVIATION_SPACE.sub(lambda m: f"{m.group(1)}.{NBSP}", text)
    text = SECTION_SPACE.sub(f"§{NBSP}", text)
    if "'" in text or '"' in text:
        text = _quotes(text, language, before, after)
    return text


def _quotes(text: str, language: str | None, before: str, after: str) -> str:
    primary = (language or "en").split("-")[0].split("_")[0].lower()
    open_double, close_double, open_single, close_single = QUOTES.get(primary, QUOTES["en"])
    out: list[str] = []
    for index, char in enumerate(text):
        if char not in "'\"":
            out.append(char)
            continue
        prev = out[-1][-1] if out else before  # as printed: an opening quote opens what follows
        nxt = text[index + 1] if index + 1 < len(text) else after
        opening = (not prev or prev in OPENS_AFTER) and bool(nxt) and not nxt.isspace() and nxt not in CLOSERS
        if char == '"':
            out.append(open_double if opening else close_double)
        elif prev.isalnum() and (nxt.isalpha() or not nxt or not nxt.isalnum()):
            # within or after a word: an apostrophe ("don't", "allies'"), or a closing single quote
            out.append(APOSTROPHE if nxt.isalpha() or primary == "en" else close_single)
        elif opening and nxt.isdigit():
            out.append(APOSTROPHE)  # an elision: '90s
        else:
            out.append(open_single if opening else close_single)
    return "".join(out)
