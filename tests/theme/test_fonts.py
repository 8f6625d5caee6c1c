"""Per-character font choice: which font draws each run of text, and which characters none can draw."""

from __future__ import annotations

import pytest

from generator.theme import fonts

BODY, BOLD = "Times-Roman", "Times-Bold"
needs_fallback = pytest.mark.skipif(fonts.fallback_font(False) is None,
                                    reason="no TrueType fallback font (DejaVu Sans) on this system")


def joined(runs: list[tuple[str, str]]) -> str:
    return "".join(chunk for chunk, _ in runs)


def test_latin_text_stays_in_the_theme_font() -> None:
    assert fonts.font_runs("Plain café text", BODY) == [("Plain café text", BODY)]
    assert fonts.missing_glyphs("Plain café text", BODY) == set()


# The TrueType CJK fonts installed here (fonts-nanum, fonts-ipaexfont-gothic, fonts-wqy-zenhei in
# CI), else reportlab's built-in CID fonts: the expectations follow what the system has.
KO = fonts.cjk_ttf("ko", False) or fonts.KOREAN_CID
JA = fonts.cjk_ttf("ja", False) or fonts.JAPANESE_CID
ZH = fonts.cjk_ttf("zh", False) or fonts.CHINESE_CID


def test_korean_always_takes_the_korean_font() -> None:
    assert fonts.font_runs("주한미군 감축", BODY) == [("주한미군 감축", KO)]
    # Han characters in Korean text, and under language "ko", are drawn in the Korean font too
    assert fonts.font_runs("中國 한국", BODY) == [("中國 한국", KO)]
    assert fonts.font_runs("中國", BODY, language="ko") == [("中國", KO)]
    # hangul wins even where the document says Japanese: no Japanese font has it
    assert fonts.font_runs("한국", BODY, language="ja") == [("한국", KO)]


def test_japanese_kana_takes_the_japanese_font_and_han_follows_the_context() -> None:
    assert fonts.font_runs("在日米軍の再編", BODY) == [("在日米軍の再編", JA)]
    assert fonts.font_runs("日本", BODY, language="ja") == [("日本", JA)]
    assert fonts.font_runs("日本", BODY) == [("日本", ZH)]  # no kana, no language: Chinese
    # kana make it Japanese even in a Korean outline: the whole phrase in one font
    assert fonts.font_runs("在日米軍の再編", BODY, language="ko") == [("在日米軍の再編", JA)]
    # Simplified Chinese in a Korean outline: the Korean font lacks most of it, so the whole word
    # goes to the first font that has all of it, never to one that would draw a box
    runs = fonts.font_runs("驻韩美军说明", BODY, language="ko")
    assert len(runs) == 1 and not fonts.missing_glyphs(*runs[0]), runs


def test_mixed_text_splits_into_runs_at_script_changes_keeping_spaces_with_words() -> None:
    runs = fonts.font_runs("Mix 한국 and 中國", BODY)
    assert runs == [("Mix ", BODY), ("한국 ", KO), ("and ", BODY), ("中國", KO)]
    assert joined(runs) == "Mix 한국 and 中國"


@needs_fallback
def test_greek_and_arabic_take_the_truetype_fallback() -> None:
    regular = fonts.fallback_font(False)
    serif, serif_bold = fonts.fallback_font(False, serif=True), fonts.fallback_font(True, serif=True)
    # Greek inside a serif body takes the serif fallback (DejaVu Serif); Arabic, which it lacks, the sans
    assert fonts.font_runs("Ελληνική δημοκρατία", BODY) == [("Ελληνική δημοκρατία", serif)]
    assert fonts.font_runs("Ελληνική", BOLD, bold=True) == [("Ελληνική", serif_bold)]
    assert fonts.font_runs("مرحبا بالعالم", BODY) == [("مرحبا بالعالم", regular)]
    shaped = "\ufee3\ufeae\ufea3\ufe92\ufe8e"  # the same letters in their joined presentation forms
    assert fonts.font_runs(shaped, BODY) == [(shaped, regular)]
    for text in ("Ελληνική δημοκρατία", "مرحبا بالعالم", shaped, "שלום עולם"):
        assert fonts.missing_glyphs(text, BODY) == set(), text


@needs_fallback
def test_emoji_have_no_font_and_are_reported() -> None:
    text = "Launch \U0001F680 at dawn \U0001F6F0"
    assert fonts.missing_glyphs(text, BODY) == {"\U0001F680", "\U0001F6F0"}
    assert joined(fonts.font_runs(text, BODY)) == text  # still drawn (as boxes), nothing dropped


def test_cjk_text_is_never_reported_missing() -> None:
    assert fonts.missing_glyphs("주한미군 在日米軍の再編 中国", BODY, language="ko") == set()


def test_text_width_counts_every_run() -> None:
    assert fonts.text_width("ab", BODY, 10) == pytest.approx(fonts.text_width("a", BODY, 10) * 2, rel=0.2)
    assert fonts.text_width("한국", BODY, 10) == pytest.approx(20, rel=0.1)  # CJK characters: about one em
