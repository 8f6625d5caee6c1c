"""Put right-to-left text (Hebrew, Arabic, ...) in the order PDF draws it: left to right, one glyph a character.

Stage: logical-order text in (as the outline stores it), visual-order text out, for the PDF
renderer. reportlab neither reorders nor shapes (its own right-to-left mode needs a library
not on PyPI), so:

- Arabic letters are shaped into their joined presentation forms (arabic-reshaper) in logical
  order, before lines are broken, since shaping changes widths;
- lines are broken in logical order, and only then is each *line* reordered with the Unicode
  bidirectional algorithm (python-bidi), so a right-to-left paragraph over several lines reads
  top line first.

The levels come from python-bidi's pure-Python implementation (``bidi.algorithm``), run step by
step so each character keeps its index: reordering then carries every character's font, link
and style along with it. Known limits: text is shaped span by span (a word half in bold does not
join across the change); explicit direction controls (RLE, LRI, ...) are left out before
drawing, as no font has glyphs for them, so the implicit rules alone order the text; a
right-to-left paragraph in a left-to-right brief is aligned right while its bullet stays on the left (a
right-to-left brief mirrors its whole grid, ``page``); text extractors
guess the logical order back from the drawn one, which they get right for a right-to-left
phrase in a left-to-right line, not always for numbers and brackets in a right-to-left one.
"""

from __future__ import annotations

import re

# arabic_reshaper and bidi are imported where used: most briefs have no right-to-left text, and
# their start-up cost would fall on every build.
# strong right-to-left scripts: Hebrew, Arabic, Syriac, Thaana, NKo, ..., their presentation forms
RTL_CHARS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]")
ARABIC_LETTERS = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")


def has_rtl(text: str) -> bool:
    """Return whether ``text`` has right-to-left characters (and so needs reordering)."""
    return RTL_CHARS.search(text) is not None


def shape(text: str) -> str:
    """Return ``text`` with Arabic letters in their joined (initial, medial, final) forms."""
    if ARABIC_LETTERS.search(text) is None:
        return text
    import arabic_reshaper

    return arabic_reshaper.reshape(text)


def is_rtl_paragraph(text: str) -> bool:
    """Return whether the first strong character of ``text`` is right-to-left (UAX #9, rules P2-P3)."""
    from bidi import get_base_level

    return get_base_level(text) == 1


def visual_order(text: str, rtl_base: bool) -> list[tuple[int, str]]:
    """Return one line's characters in drawing order, each as (logical index, glyph character).

    The glyph differs from the character where a bracket is mirrored in right-to-left text.
    Explicit direction controls are consumed (rule X9) and so absent from the result.
    """
    from bidi import algorithm as uba

    storage = uba.get_empty_storage()
    storage["base_level"] = int(rtl_base)
    storage["base_dir"] = "R" if rtl_base else "L"
    uba.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
        if not char["type"]:  # an unassigned code point: UAX #9 gives it the default class L
            char["type"] = "L"
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    uba.reorder_resolved_levels(storage, False)
    uba.apply_mirroring(storage, False)
    return [(char["index"], char["ch"]) for char in storage["chars"]]


def visual_line(text: str, rtl_base: bool | None = None) -> str:
    """Return a single line of text in drawing order; the base direction is the text's own unless given."""
    if not has_rtl(text):
        return text
    base = is_rtl_paragraph(text) if rtl_base is None else rtl_base
    return "".join(glyph for _, glyph in visual_order(text, base))
