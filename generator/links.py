"""Which link targets may become live links: the one rule every reader and renderer applies.

Stage: beside the model (URL text in, a verdict out). Readers refuse other schemes at their
position; renderers drop them as a last guard, so no output ever carries a ``javascript:`` or
``file:`` link whatever path the text took.
"""

from __future__ import annotations

import re

SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")


def link_scheme(url: str) -> str:
    """Return the lower-case scheme of ``url`` ('' when it has none), ignoring smuggled blanks."""
    match = _SCHEME.match(re.sub(r"[\x00-\x20]", "", url))
    return match.group(1).lower() if match else ""


def safe_link(url: str | None) -> str | None:
    """Return ``url`` when it is an http, https or mailto link, else None (never a live script)."""
    return url if url and link_scheme(url) in SAFE_SCHEMES else None
