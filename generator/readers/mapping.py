"""Outlines that are Python values: a mapping in, the positioned tree the outline loader reads out.

Stage: the first of the pipeline, beside the YAML and Markdown readers. Programs that make
outlines (a brief per CSV row) build a ``dict`` instead of pasting text into YAML, so no value
of theirs can ever be misread as YAML syntax. Values have no lines; every problem is reported at
1:1 of the outline's name and says which key (``sections[2].title``) it is about.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from generator.source.yamlsource import YList, YMap

Pos = tuple[int, int]


def ymap(pos: Pos, pairs: list[tuple[Any, Any, Pos]]) -> YMap:
    """Return a positioned mapping of (key, value, position) triples."""
    result = YMap()
    result.line, result.column = pos
    result.key_pos, result.value_pos = {}, {}
    for key, value, where in pairs:
        result[key] = value
        result.key_pos[key] = result.value_pos[key] = where
    return result


def ylist(pos: Pos, items: list[tuple[Any, Pos]]) -> YList:
    """Return a positioned list of (value, position) pairs."""
    result = YList(value for value, _ in items)
    result.line, result.column = pos
    result.item_pos = [where for _, where in items]
    return result


def positioned(value: Any) -> Any:
    """Return plain mappings and lists (at any depth) as YMap and YList placed at 1:1."""
    if isinstance(value, (YMap, YList)):
        return value
    if isinstance(value, Mapping):
        return ymap((1, 1), [(key, positioned(item), (1, 1)) for key, item in value.items()])
    if isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
        return ylist((1, 1), [(positioned(item), (1, 1)) for item in value])
    return value
