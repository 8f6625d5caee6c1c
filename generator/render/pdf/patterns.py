"""Import reportlab's paragraph module without compiling two regular expressions a brief seldom uses.

Stage: a service run once, before the renderer's first reportlab import (``render.pdf``'s package
start); reportlab's modules in, the same modules out. Importing ``reportlab.platypus.paragraph``
compiles a URL pattern (case-insensitive, over most of Unicode: 30-45 ms of CPU, a third of the
renderer's import) and ``reportlab.lib.textsplit`` a CJK pattern (5 ms) used only by a function
the paragraphs never call. Here each is compiled the first time it is used instead. The URL
pattern starts with a scheme and "://" that every match needs, so a word without "://" (every
word reportlab asks about when it hyphenates, in most briefs) is answered without compiling it:
the answers are the pattern's own, so the output is the same to the byte.
"""

from __future__ import annotations

import re
import sys
from typing import Any

# reportlab 4's patterns, exactly: any other text (another reportlab) is compiled as usual
URL_PATTERN = (
    "(^(?:[a-z0-9\\.\\-\\+]*)://)(?:\\S+(?::\\S*)?@)?(?:(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|"
    "[0-1]?\\d?\\d)){3}|\\[[0-9a-f:\\.]+\\]|([a-z\xa1-\uffff0-9](?:[a-z\xa1-\uffff0-9-]{0,61}[a-z\xa1-\uffff0-9])?"
    "(?:\\.(?!-)[a-z\xa1-\uffff0-9-]{1,63}(?<!-))*\\.(?!-)(?:[a-z\xa1-\uffff-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)\\.?|"
    "localhost))(?::\\d{2,5})?(?:[/?#][^\\s]*)?\\Z"
)
CJK_PATTERN = "([\u2e80-\uffff])"
_DEFERRED = {(URL_PATTERN, re.I.value): "://", (CJK_PATTERN, re.UNICODE.value): None}
_COMPILE = re.compile


class Deferred:
    """A compiled pattern, compiled the first time it is used; ``match`` first looks for what every match holds."""

    def __init__(self, pattern: str, flags: int, needed: str | None) -> None:
        self.source, self.source_flags, self.needed = pattern, flags, needed
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = _COMPILE(self.source, self.source_flags)
        return self._compiled

    def match(self, string: Any, *args: Any, **kwargs: Any) -> re.Match[str] | None:
        if self.needed is not None and not args and not kwargs and isinstance(string, str) \
                and self.needed not in string:
            return None
        return self.compiled().match(string, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:  # search, sub, pattern, flags...: the compiled pattern's
        if name.startswith("_"):  # not set yet (a copy being made): never compile for it
            raise AttributeError(name)
        return getattr(self.compiled(), name)


def _compile(pattern: Any, flags: Any = 0) -> Any:
    key = (pattern, int(flags)) if isinstance(pattern, str) else None
    if key in _DEFERRED:
        return Deferred(pattern, int(flags), _DEFERRED[key])
    return _COMPILE(pattern, flags)


def import_platypus() -> None:
    """Import reportlab's platypus (its paragraph module, its line splitter) with the rarely used patterns deferred."""
    if "reportlab.platypus.paragraph" in sys.modules:
        return
    re.compile = _compile
    try:
        import reportlab.platypus  # noqa: F401 (imports every platypus module, the paragraph's among them)
    finally:
        re.compile = _COMPILE
