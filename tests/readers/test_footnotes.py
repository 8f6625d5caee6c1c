"""Footnotes in the inline markup: `[^text]` becomes a note span that holds its own marked-up text."""

from __future__ import annotations

import pytest

from generator.errors import InputError
from generator.model import Span, footnotes
from generator.readers.markup import parse_inline
from generator.readers.outline import load_outline


def test_a_footnote_is_a_span_without_text_that_holds_its_note():
    parsed = parse_inline("Costs rose [^Measured in 2020 won; see [@kosis] and [the annex](https://x.org).] "
                          "sharply.")
    assert parsed.text.plain == "Costs rose sharply."
    (note,) = parsed.text.notes
    assert note.text == "" and note.note is not None
    assert note.note.plain == "Measured in 2020 won; see and the annex."
    assert [s.link for s in note.note.spans if s.link] == ["https://x.org"]
    assert parsed.citations == ("kosis",)  # a citation inside a note is checked like any other


def test_notes_do_not_nest_and_empty_notes_vanish():
    parsed = parse_inline("A[^outer [^inner] text] B[^ ]")
    (note,) = parsed.text.notes
    assert note.note is not None and note.note.plain == "outer text"
    assert not any(span.note for span in note.note.spans)


def test_the_loader_finds_notes_everywhere_and_checks_their_citations(write_outline):
    path = write_outline('title: T\nsummary: ["Up.[^In the summary.]"]\nsections:\n  - title: S[^In a title.]\n'
                         '    content:\n      - table:\n          columns: [A]\n          rows:\n'
                         '            - ["1[^In a cell.]"]\n          format: "0.0"\n')
    doc = load_outline(path)
    assert [span.note.plain for span in footnotes((doc.summary, doc.sections)) if span.note] == [
        "In the summary.", "In a title.", "In a cell."]
    bad = write_outline("title: T\nsections:\n  - title: S\n    content:\n      - Text[^See [@nobody].]\n", "bad.yaml")
    with pytest.raises(InputError, match=r"bad.yaml:5:9: .*unknown source id `nobody`"):
        load_outline(bad)


def test_footnotes_of_a_model_value_come_in_reading_order():
    first, second = parse_inline("a[^one] b[^two]").text, parse_inline("c[^three]").text
    assert [s.note.plain for s in footnotes((first, [second])) if isinstance(s, Span) and s.note] == [
        "one", "two", "three"]
