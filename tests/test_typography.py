"""The typographic finish: pandoc-``smart`` quotes and dashes, minus signs, no-break spaces, URLs untouched."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.typography import MINUS, NBSP, typographic


def test_quotes_and_apostrophes_curl_as_pandoc_smart_does() -> None:
    assert typographic('He said "no" to the plan.') == "He said \u201cno\u201d to the plan."
    assert typographic("Seoul's 'strategic patience'") == "Seoul\u2019s \u2018strategic patience\u2019"
    assert typographic("the allies' view") == "the allies\u2019 view"
    assert typographic("in the '90s") == "in the \u201990s"
    assert typographic('("quoted")') == "(\u201cquoted\u201d)"


def test_a_quote_at_a_span_start_looks_at_the_text_before_it() -> None:
    assert typographic('" and more', before="d") == "\u201d and more"
    assert typographic('"Open', before=" ") == "\u201cOpen"


def test_quotes_follow_the_language() -> None:
    assert typographic('Er sagte "nein"', "de") == "Er sagte \u201enein\u201c"
    assert typographic('Il a dit "non"', "fr-FR") == "Il a dit \u00ab\u202fnon\u202f\u00bb"


def test_dashes_and_ellipsis() -> None:
    assert typographic("2019--2024 --- a gap...") == "2019\u20132024 \u2014 a gap\u2026"


def test_a_minus_sign_before_numbers_only() -> None:
    assert typographic("-16%") == f"{MINUS}16%"
    assert typographic("fell by -3.2 points (-0.5)") == f"fell by {MINUS}3.2 points ({MINUS}0.5)"
    assert typographic("COVID-19 in 2019-20, a well-known X-ray") == "COVID-19 in 2019-20, a well-known X-ray"


def test_no_break_spaces_between_numbers_and_units_and_after_page_marks() -> None:
    assert typographic("a 16 % cut, 40 km south, 2 bn dollars") == \
        f"a 16{NBSP}% cut, 40{NBSP}km south, 2{NBSP}bn dollars"
    assert typographic("see p. 12 and pp. 3-5, No. 7") == f"see p.{NBSP}12 and pp.{NBSP}3-5, No.{NBSP}7"
    assert typographic("4 men and 5 mission sets") == "4 men and 5 mission sets"


def test_urls_are_never_changed() -> None:
    url = "https://example.org/a--b/'x'/-5?q=\"1\"...&p. 2"
    text = f'See "{url.split()[0]}" now'
    assert url.split()[0] in typographic(text)
    assert typographic("www.example.org/--x and -5") == f"www.example.org/--x and {MINUS}5"


@given(st.text())
def test_the_finish_is_idempotent_and_keeps_every_letter(text: str) -> None:
    once = typographic(text)
    assert typographic(once) == once
    assert [c for c in once if c.isalnum()] == [c for c in text if c.isalnum()]
