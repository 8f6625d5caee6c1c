"""A least-recently-used cache bounded by the characters of text it holds, not by its number of entries.

Stage: a service for the text measurers (``theme.measure``, ``deck.text``, ``deck.sentences``):
keys and values in, the same values out. A cache bounded by entries keeps a few thousand short
bullets or a few thousand pages of one long text alike: a family of rows of 450 KB texts kept
every row's texts and their tokens, 8 MB a row, until the process reached 920 MB. Bounded by
characters, it keeps the working set of any one outline (one row needs some 320 keys of long
text at once, so a small entry count would re-split every page) and lets earlier rows go.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

DEFAULT_BUDGET_CHARS = 3_000_000  # an outline is at most 2 MB; its pages' texts as keys, about twice that
ENTRY_CHARS = 64  # what an entry's own objects (key tuple, runs, value) are charged besides its text


class TextCache(Generic[K, V]):
    """Map keys to values, dropping the least recently used once the entries' characters pass a budget.

    Each entry is charged the characters the caller says it holds (values are never None: None
    means "not held"). The newest entry is always kept, even alone over the budget: a caller
    that asks for it again at once must not recompute it.
    """

    def __init__(self, budget_chars: int = DEFAULT_BUDGET_CHARS) -> None:
        self.budget_chars = budget_chars
        self.chars = 0  # what the entries held now are charged, together
        self._entries: OrderedDict[K, tuple[V, int]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: K) -> V | None:
        """Return the value of ``key`` (now the most recently used), or None when it is not held."""
        entry = self._entries.get(key)
        if entry is None:
            return None
        self._entries.move_to_end(key)
        return entry[0]

    def put(self, key: K, value: V, chars: int) -> None:
        """Hold ``value`` for ``key``, charged ``chars``, and drop the oldest entries past the budget."""
        old = self._entries.pop(key, None)
        if old is not None:
            self.chars -= old[1]
        self._entries[key] = (value, chars)
        self.chars += chars
        while self.chars > self.budget_chars and len(self._entries) > 1:
            self.chars -= self._entries.popitem(last=False)[1][1]

    def cache_clear(self) -> None:
        """Drop every entry (tests start from a cold cache, as ``functools.lru_cache`` lets them)."""
        self._entries.clear()
        self.chars = 0


class TextMemo(Generic[K, V]):
    """A function of one hashable key remembered in a ``TextCache``, charged ``chars(key, value) + ENTRY_CHARS``."""

    def __init__(self, compute: Callable[[K], V], chars: Callable[[K, V], int],
                 budget_chars: int = DEFAULT_BUDGET_CHARS) -> None:
        self._compute, self._chars = compute, chars
        self.cache = TextCache[K, V](budget_chars)

    def __call__(self, key: K) -> V:
        found = self.cache.get(key)
        if found is None:
            found = self._compute(key)
            self.cache.put(key, found, self._chars(key, found) + ENTRY_CHARS)
        return found

    def cache_clear(self) -> None:
        """Forget every value."""
        self.cache.cache_clear()
