"""Names for the outputs of a data-driven batch: one safe, distinct file name per data row.

Stage: part of the command line (data rows in, output names out). A name comes from the
``--name`` column, made safe for every file system (letters, digits, ``-``, ``_`` and ``.``;
no leading dot), or from the outline's stem and the row's number. Two rows that would write
the same files are an error naming both rows, before anything is built.
"""

from __future__ import annotations

import re
import unicodedata

from generator.errors import InputError, Problem
from generator.readers.rows import DataRow

MAX_NAME_CHARS = 120
_UNSAFE = re.compile(r"[^\w.\-]+")


def safe_name(value: str) -> str:
    """Return ``value`` as a file name: unsafe runs become ``-``, no leading dots, at most 120 characters."""
    text = unicodedata.normalize("NFC", value)
    return _UNSAFE.sub("-", text).strip("-.")[:MAX_NAME_CHARS].rstrip("-.")


def row_names(rows: list[DataRow], column: str | None, stem: str) -> list[str]:
    """Return one distinct output name per row; raise InputError for a missing column or a collision."""
    problems: list[Problem] = []
    names: list[str] = []
    seen: dict[str, DataRow] = {}
    for index, row in enumerate(rows, start=1):
        if column is None:
            name = f"{stem}-{index:0{len(str(len(rows)))}d}"
        elif column not in row.values:
            known = ", ".join(f"`{key}`" for key in row.values)
            raise InputError([Problem(row.path, 1, 1, f"--name: no column `{column}` (columns: {known})")])
        else:
            name = safe_name(str(row.values[column]))
            if not name:
                problems.append(Problem(row.path, row.line, 1,
                                        f"column `{column}` is {row.values[column]!r}: no file name can be made of it"))
                continue
        key = name.casefold()
        if key in seen:
            problems.append(Problem(row.path, row.line, 1, f"this row would write {name}.pdf and {name}.pptx, "
                                                          f"as row {seen[key].line} does; make `{column}` unique"))
        seen.setdefault(key, row)
        names.append(name)
    if problems:
        raise InputError(problems)
    return names


