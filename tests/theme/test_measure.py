"""Text measurement: widths by font metrics, word wrap, line counts, heights of bullet lists."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.pdfmetrics import stringWidth

from generator.theme.measure import (
    WRAP_SAFETY,
    BulletSpec,
    Piece,
    bullets_height_pt,
    line_count,
    line_pitch_pt,
    text_height_pt,
    width_pt,
    wrap,
)
from tests.deck_fixtures import HELVETICA, TIMES


def test_width_scales_with_size_and_matches_helvetica_metrics() -> None:
    assert width_pt("Harbour capacity", HELVETICA, 20) == 2 * width_pt("Harbour capacity", HELVETICA, 10)
    assert abs(width_pt("Harbour", HELVETICA, 10) - stringWidth("Harbour", "Helvetica", 10)) < 1e-9
    assert width_pt("Harbour", HELVETICA, 10, bold=True) > width_pt("Harbour", HELVETICA, 10)


def test_width_is_never_less_than_helvetica_even_for_a_narrower_face() -> None:
    text = "Regional retailers hold two weeks of stock"
    assert stringWidth(text, "Times-Roman", 12) < stringWidth(text, "Helvetica", 12)
    assert width_pt(text, TIMES, 12) >= stringWidth(text, "Helvetica", 12) - 1e-9


def test_wide_east_asian_characters_count_a_full_em() -> None:
    assert width_pt("주한미군", HELVETICA, 10) >= 40 - 1e-9
    assert width_pt("在韓米軍", HELVETICA, 10) >= 40 - 1e-9


def test_wrap_breaks_between_words_and_keeps_every_word() -> None:
    text = "one two three four five six seven eight nine ten eleven twelve"
    lines = wrap([Piece(text)], HELVETICA, 20, 150)
    assert len(lines) > 1
    assert " ".join(text[line.start : line.end] for line in lines) == text
    assert all(line.width_pt <= 150 * WRAP_SAFETY + 1e-6 for line in lines)


def test_a_word_wider_than_the_box_breaks_between_characters() -> None:
    token = "x" * 300
    lines = wrap([Piece(token)], HELVETICA, 20, 200)
    assert len(lines) > 5
    assert "".join(token[line.start : line.end] for line in lines) == token
    assert all(line.width_pt <= 200 * WRAP_SAFETY + 1e-6 for line in lines)


def test_empty_text_is_one_line_and_styles_share_a_word() -> None:
    assert line_count([Piece("")], HELVETICA, 14, 100) == 1
    lines = wrap([Piece("ab", bold=True), Piece("cd ef")], HELVETICA, 20, 1000)
    assert [(line.start, line.end) for line in lines] == [(0, 7)]


def test_heights_use_the_deck_line_pitch_and_drop_the_first_space_before() -> None:
    assert line_pitch_pt(20) == 24.0
    assert text_height_pt([Piece("short")], HELVETICA, 20, 500) == 24.0
    bullets = [BulletSpec([Piece("first")], 20, 22, 10), BulletSpec([Piece("second")], 20, 22, 10)]
    assert bullets_height_pt(bullets, HELVETICA, 500) == 24 + 10 + 24


def test_indent_narrows_the_wrapping_width() -> None:
    text = [Piece("a sentence that is just about one line long at this size")]
    full = width_pt(text[0].text, HELVETICA, 14)
    wide = BulletSpec(text, 14, 0, 0)
    indented = BulletSpec(text, 14, 40, 0)
    box = full / WRAP_SAFETY + 10
    assert bullets_height_pt([wide], HELVETICA, box) < bullets_height_pt([indented], HELVETICA, box)


words = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFG가나다αβγ.,", min_size=1, max_size=25),
                 min_size=0, max_size=40)


@settings(max_examples=60, deadline=None)
@given(words=words, size=st.sampled_from([10.0, 14.0, 20.0, 28.0]), box=st.floats(60, 900))
def test_lines_fit_the_box_and_narrower_boxes_never_need_fewer_lines(words: list[str], size: float, box: float
                                                                     ) -> None:
    text = " ".join(words)
    lines = wrap([Piece(text)], HELVETICA, size, box)
    single_chars = all(line.end - line.start == 1 for line in lines)
    assert single_chars or all(line.width_pt <= box * WRAP_SAFETY + 1e-6 for line in lines)
    assert "".join(text[line.start : line.end] for line in lines).replace(" ", "") == text.replace(" ", "")
    assert line_count([Piece(text)], HELVETICA, size, box * 0.7) >= len(lines)
