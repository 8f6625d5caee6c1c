"""The measuring caches: bounded by the characters they hold, and never changing an answer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.deck import sentences, text
from generator.theme import measure
from generator.theme.measure import Piece, line_count, wrap
from generator.theme.textcache import ENTRY_CHARS, TextCache, TextMemo
from tests.deck_fixtures import HELVETICA, TIMES

MEASURING: tuple[TextCache[Any, Any], ...] = (measure._cached_tokens, measure._cached_line_count, measure._long_em,
                                              text._count_rtl, sentences._whole)


@pytest.fixture
def cold() -> Iterator[None]:
    for cache in MEASURING:
        cache.cache_clear()
    yield
    for cache in MEASURING:
        cache.cache_clear()


def test_a_cache_holds_no_more_than_its_budget_but_always_its_newest_entry() -> None:
    cache = TextCache[str, int](budget_chars=100)
    for n in range(50):
        cache.put(f"key{n}", n, 30)
        assert cache.chars <= 100 and cache.get(f"key{n}") == n
    assert len(cache) == 3
    cache.put("huge", -1, 1_000)  # alone over the budget: kept, the others dropped
    assert cache.get("huge") == -1 and len(cache) == 1 and cache.chars == 1_000
    cache.cache_clear()
    assert len(cache) == 0 and cache.chars == 0 and cache.get("huge") is None


def test_an_entry_asked_for_again_outlives_the_ones_that_were_not() -> None:
    cache = TextCache[str, int](budget_chars=90)
    for key in "abc":
        cache.put(key, ord(key), 30)
    cache.put("d", 0, 30)  # drops "a" (all three were new: each had its one chance)
    assert cache.get("a") is None and cache.get("b") == ord("b")
    cache.put("e", 0, 30)  # "b" was asked for again: "c" goes instead
    assert cache.get("b") == ord("b") and cache.get("c") is None


def test_a_memo_computes_each_key_once_while_it_is_held() -> None:
    calls: list[str] = []

    def compute(key: str) -> int:
        calls.append(key)
        return len(key)

    memo = TextMemo[str, int](compute, lambda key, _: len(key), budget_chars=1_000)
    assert [memo(word) for word in ("ab", "abc", "ab", "abc")] == [2, 3, 2, 3]
    assert calls == ["ab", "abc"] and memo.chars == 5 + 2 * ENTRY_CHARS


def _long_texts(count: int, length: int) -> list[str]:
    return [" ".join(f"w{n}x{i % 97}" for i in range(length // 7)) for n in range(count)]


def test_measuring_many_long_texts_keeps_the_caches_within_their_budget(cold: None) -> None:
    """A family of rows of 450 KB texts kept every row's pages and tokens: 585 MB after 60 rows."""
    for body in _long_texts(12, 400_000):
        for width in (300.0, 500.0):
            assert line_count([Piece(body)], HELVETICA, 14, width) > 100
        assert not text._mainly_rtl(body)
        assert not text._mainly_rtl(body + " \u05d0")  # not ASCII: measured, cached, bounded
    for cache in (measure._cached_tokens, measure._cached_line_count, text._count_rtl):
        assert 0 < cache.chars <= cache.budget_chars and len(cache) < 12, (cache, cache.chars, len(cache))


def test_ascii_text_never_enters_the_direction_cache(cold: None) -> None:
    assert not text._mainly_rtl("plain ASCII " * 1_000)
    assert len(text._count_rtl) == 0
    assert text._mainly_rtl("\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd") and len(text._count_rtl) == 1


def test_a_long_chunk_is_held_by_characters_not_by_count(cold: None) -> None:
    """Han text has no spaces: a page of it is one chunk, and the count-bounded cache kept every page."""
    han = "\u5728\u97d3\u7c73\u8ecd" * 2_000
    measure._short_em.cache_clear()
    first = measure.width_pt(han, HELVETICA, 10)
    assert measure.width_pt(han, HELVETICA, 10) == first and measure.width_pt("\u5728", HELVETICA, 10) > 0
    assert measure._long_em.chars == len(han) + ENTRY_CHARS and measure._short_em.cache_info().currsize == 1


_WORDS = st.lists(st.sampled_from(["a", "harbour", "capacity", "\u05e9\u05dc\u05d5\u05dd", "x" * 90, "\u5728\u97d3",
                                   "two  spaces", "end."]), min_size=0, max_size=60).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(_WORDS, min_size=1, max_size=6), sizes=st.lists(st.sampled_from([10.0, 14.0, 24.0]), min_size=1,
                                                                      max_size=3))
def test_warm_and_evicting_caches_give_the_answers_of_a_cold_one(texts: list[str], sizes: list[float]) -> None:
    def answers() -> list[object]:
        out: list[object] = []
        for body in texts:
            for face in (HELVETICA, TIMES):
                for size in sizes:
                    out += [line_count([Piece(body), Piece(" tail", bold=True)], face, size, 200.0),
                            wrap([Piece(body)], face, size, 150.0), text._mainly_rtl(body)]
        return out

    for cache in MEASURING:
        cache.cache_clear()
    cold_answers = answers()
    assert answers() == cold_answers  # warm
    budgets = [cache.budget_chars for cache in MEASURING]
    try:
        for cache in MEASURING:
            cache.cache_clear()
            cache.budget_chars = 200  # a few entries at most: nearly every lookup follows an eviction
        assert answers() == cold_answers
        assert answers() == cold_answers
    finally:
        for cache, budget_chars in zip(MEASURING, budgets, strict=True):
            cache.budget_chars = budget_chars
            cache.cache_clear()
