"""Inline markup: only bold, italic, links and citations mean anything."""

from hypothesis import given
from hypothesis import strategies as st

from generator.readers.markup import link_scheme, parse_inline


def test_bold_italic_link_and_citation_become_spans():
    parsed = parse_inline("A **bold** and *italic* [site](https://example.org) claim [@src].")
    styles = [(s.text, s.bold, s.italic, s.link, s.cite) for s in parsed.text.spans]
    assert ("bold", True, False, None, None) in styles
    assert ("italic", False, True, None, None) in styles
    assert ("site", False, False, "https://example.org", None) in styles
    assert ("", False, False, None, "src") in styles
    assert parsed.citations == ("src",)
    assert parsed.text.plain == "A bold and italic site claim."


def test_markup_characters_of_other_languages_are_plain_text():
    text = "The tag <b>not bold</b>, AT&T, a < b > c, &amp; and <para> 5 * 3"
    assert parse_inline(text).text.plain == text


def test_unsafe_link_schemes_are_refused_and_keep_their_label():
    parsed = parse_inline("Click [x](javascript:alert(1)) or [y](file:///etc/passwd) or [z]( data:text/html,hi)")
    assert parsed.bad_links == ("javascript:alert(1)", "file:///etc/passwd")
    assert all(span.link is None for span in parsed.text.spans)
    assert link_scheme(" java\tscript:x") == "javascript"


@given(st.text(alphabet=st.characters(blacklist_characters="*[]", blacklist_categories=("Cs",))))
def test_text_without_markup_survives_exactly(text):
    assert "".join(span.text for span in parse_inline(text).text.spans) == text
