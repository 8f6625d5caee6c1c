"""Theme text values (names, the labels a theme rewords) and ``deck.table-slides``.

Stage: part of the theme loader (a theme file's value in, the checked value out, or a
BadValue saying why not, which the loader reports at the value's line). A reworded label
may fill in only the placeholders its English one has (``{page}``, ``{first}``...): any
other would fail only when the deck or brief is drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.labels import placeholder_problem
from generator.source.validate import describe, unholdable
from generator.source.yamlsource import Typed
from generator.theme.faces import BadValue
from generator.theme.model import DEFAULT_TABLE_SLIDES as DEFAULT_TABLE_SLIDES  # the loader's default, re-exported

TABLE_SLIDES_MAX = 50  # ``deck.table-slides``: beyond this a table is no slide's business


def table_slides(value: Any, _folder: Path | None = None) -> int:
    """Parse ``deck.table-slides``: the most slides one table takes, 0 for no limit."""
    if not isinstance(value, Typed) or value.tag != "int" or not 0 <= int(value) <= TABLE_SLIDES_MAX:
        raise BadValue(f"must be a whole number from 0 (no limit) to {TABLE_SLIDES_MAX}, not {describe(value)}")
    return int(value)


def theme_text(value: Any, _folder: Path | None = None) -> str:
    """Parse a theme's text: a label or name goes into both documents, which cannot hold control characters."""
    if not isinstance(value, str) or not value.strip():
        raise BadValue(f"must be text, not {describe(value)}")
    codes = unholdable(value)
    if codes:
        raise BadValue(f"contains control characters that documents cannot hold ({codes}); remove them")
    return value.strip()


def label_parser(name: str) -> Callable[[Any, Path | None], str]:
    """Return the parser of ``labels.NAME``: text that fills in only the label's own placeholders."""
    def parse(value: Any, _folder: Path | None = None) -> str:
        text = theme_text(value)
        problem = placeholder_problem(name, text)
        if problem:
            raise BadValue(problem)
        return text
    return parse
