"""The outline's imprint keys: `series:`, `url:` and `how-to-cite:`, checked with their positions.

Stage: part of the outline loader (the outline's YAML mapping in, ``Document`` fields out).
They say where a brief was published and how to cite it, so the brief's masthead and its
"How to cite this brief" line are built from the metadata rather than typed twice.
"""

from __future__ import annotations

from typing import Any

from generator.links import link_scheme
from generator.source.validate import MAX_HEADING_CHARS, Checker, describe
from generator.source.yamlsource import YMap, flag_value

MAX_CITE_CHARS = 1_000  # a citation is a sentence or two, never a page


def imprint_fields(check: Checker, data: YMap) -> dict[str, Any]:
    """Return the ``series``, ``url``, ``how_to_cite`` and ``cite_text`` fields of the document."""
    series = check.text(data, "series", "series", most=MAX_HEADING_CHARS)
    url = check.text(data, "url", "url", most=MAX_CITE_CHARS)
    if url is not None and (link_scheme(url) not in ("http", "https") or " " in url):
        check.fail(check.pos(data, "url"), f"url must be a web address starting http:// or https://, not `{url}`")
        url = None
    how_to_cite, cite_text = False, None
    value = data.get("how-to-cite")
    if value is not None:
        flag = flag_value(value)
        if flag is not None:
            how_to_cite = flag
        elif isinstance(value, str):
            cite_text = check.text(data, "how-to-cite", "how-to-cite", required=True, most=MAX_CITE_CHARS)
            how_to_cite = cite_text is not None
        else:
            check.fail(check.pos(data, "how-to-cite"), "how-to-cite must be true, false or the citation as text, "
                                                      f"not {describe(value)}")
    return {"series": series, "url": url, "how_to_cite": how_to_cite, "cite_text": cite_text}
