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

DEFAULT_BUDGET_CHARS = 4_000_000  # the worst outline within the limits needs 3.3M at once (worst_shapes.mixed_words)
ENTRY_CHARS = 64  # what an entry's own objects (key tuple, runs, value) are charged besides its text


class _Entry(Generic[V]):
    """A value held, what it is charged, and whether it was asked for since it last reached the front."""

    __slots__ = ("chars", "used", "value")

    def __init__(self, value: V, chars: int) -> None:
        self.value, self.chars, self.used = value, chars, True


class TextCache(Generic[K, V]):
    """Map keys to values, dropping the least recently used once the entries' characters pass a budget.

    Recency is kept by the second-chance rule (CLOCK): a hit only marks its entry; an entry met
    at the front, when room is needed, goes to the back if it was marked, and out if not. A hit
    is then one dict lookup: moving the entry to the back hashed the key again, and hashing a
    tuple of runs and a face is most of what a lookup costs.

    Each entry is charged the characters the caller says it holds (values are never None: None
    means "not held"). The newest entry is always kept, even alone over the budget: a caller
    that asks for it again at once must not recompute it.
    """

    def __init__(self, budget_chars: int = DEFAULT_BUDGET_CHARS) -> None:
        self.budget_chars = budget_chars
        self.chars = 0  # what the entries held now are charged, together
        self._entries: OrderedDict[K, _Entry[V]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: K) -> V | None:
        """Return the value of ``key`` (marking it used), or None when it is not held."""
        entry = self._entries.get(key)
        if entry is None:
            return None
        entry.used = True
        return entry.value

    def put(self, key: K, value: V, chars: int) -> None:
        """Hold ``value`` for ``key``, charged ``chars``, and drop the oldest unused entries past the budget."""
        entry = self._entries.get(key)
        if entry is None:
            self._entries[key] = _Entry(value, chars)
            self.chars += chars
        else:
            self.chars += chars - entry.chars
            entry.value, entry.chars, entry.used = value, chars, True
        while self.chars > self.budget_chars and len(self._entries) > 1:
            oldest, entry = self._entries.popitem(last=False)
            if entry.used:  # a second chance: the newest entry is marked, so it is never the one dropped
                entry.used = False
                self._entries[oldest] = entry
            else:
                self.chars -= entry.chars

    def cache_clear(self) -> None:
        """Drop every entry (tests start from a cold cache, as ``functools.lru_cache`` lets them)."""
        self._entries.clear()
        self.chars = 0


class TextMemo(TextCache[K, V]):
    """A function of one hashable key remembered in a ``TextCache``, charged ``chars(key, value) + ENTRY_CHARS``."""

    def __init__(self, compute: Callable[[K], V], chars: Callable[[K, V], int],
                 budget_chars: int = DEFAULT_BUDGET_CHARS) -> None:
        super().__init__(budget_chars)
        self._compute, self._chars = compute, chars

    def __call__(self, key: K) -> V:
        entry = self._entries.get(key)  # ``get``, inlined: this is called for every text measured
        if entry is not None:
            entry.used = True
            return entry.value
        value = self._compute(key)
        self.put(key, value, self._chars(key, value) + ENTRY_CHARS)
        return value
