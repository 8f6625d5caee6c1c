"""Data rows for a family of briefs: a CSV, XLSX or JSON file in, one ``DataRow`` per row out.

Stage: a reader beside the outline reader. Each row keeps the place it came from
(``rows.csv:17``), so a failure in one brief of a thousand names its row. Cells are text as
typed (a CSV ``02134`` stays ``02134``); JSON values keep their JSON types. openpyxl is
imported only for ``.xlsx`` files.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any

from msgspec import Struct
from msgspec.structs import replace

from generator.errors import InputError, Problem

MAX_DATA_BYTES = 50 * 1024 * 1024
MAX_ROWS = 100_000


class Family(Struct, frozen=True):
    """The rows of one data file read together: a name unique to this reading, and how many rows it has.

    The name travels with each row to whichever process builds it, so a process can add up the
    template steps all rows of one family took there (``params.MAX_FAMILY_STEPS_PER_ROW``).
    """

    name: str
    rows: int


class DataRow(Struct, frozen=True):
    """One row of a data file: its values by column, and where it sits (file and line or row)."""

    values: dict[str, Any]
    path: Path
    line: int
    family: Family | None = None  # the rows read together share one template budget (``params``)

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


def _fail(path: Path, line: int, message: str) -> InputError:
    return InputError([Problem(path, line, 1, message)])


def read_rows(path: str | Path) -> list[DataRow]:
    """Return every row of ``path`` (by suffix: .csv, .tsv, .xlsx, .json); raise InputError when unreadable."""
    path = Path(path)
    try:
        if not path.is_file():
            raise _fail(path, 1, "file not found" if not path.exists() else "is not a regular file")
        if path.stat().st_size > MAX_DATA_BYTES:
            raise _fail(path, 1, f"data file is over the limit of {MAX_DATA_BYTES:,} bytes")
    except OSError as exc:
        raise _fail(path, 1, f"cannot read the file: {exc.strerror}") from None
    readers = {".csv": _csv_rows, ".tsv": _csv_rows, ".txt": _csv_rows, ".xlsx": _xlsx_rows, ".json": _json_rows}
    reader = readers.get(path.suffix.lower())
    if reader is None:
        raise _fail(path, 1, f"data files are .csv, .tsv, .xlsx or .json, not `{path.suffix or path.name}`")
    rows = reader(path)
    if not rows:
        raise _fail(path, 1, "the data file has no rows under its header")
    if len(rows) > MAX_ROWS:
        raise _fail(path, 1, f"the data file has {len(rows):,} rows; the limit is {MAX_ROWS:,}")
    family = Family(os.urandom(8).hex(), len(rows))
    return [replace(row, family=family) for row in rows]


def _csv_rows(path: Path) -> list[DataRow]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise _fail(path, 1, "the file is not UTF-8 text; save it as UTF-8 (CSV UTF-8 in Excel)") from None
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(text.splitlines(keepends=True), dialect)
    try:
        return _read_csv(path, reader)
    except csv.Error as exc:  # a quote left open, or a cell past the csv module's limit of 131,072 characters
        raise _fail(path, reader.line_num or 1, f"the data file is not valid CSV: {exc}") from None


def _read_csv(path: Path, reader: Any) -> list[DataRow]:
    try:
        header = next(reader)
    except StopIteration:
        raise _fail(path, 1, "the data file is empty") from None
    names = _header(path, 1, header)
    rows = []
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(names):
            raise _fail(path, line, f"row has {len(cells)} cells but the header names {len(names)} columns")
        rows.append(DataRow(dict(zip(names, cells + [""] * (len(names) - len(cells)), strict=True)), path, line))
    return rows


def _header(path: Path, line: int, header: list[Any]) -> list[str]:
    names = [str(cell).strip() if cell is not None else "" for cell in header]
    for index, name in enumerate(names):
        if not name:
            raise _fail(path, line, f"column {index + 1} of the header has no name")
        if name in names[:index]:
            raise _fail(path, line, f"column `{name}` appears twice in the header")
    return names


def _xlsx_rows(path: Path) -> list[DataRow]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise _fail(path, 1, f"cannot be read as an Excel workbook ({type(exc).__name__})") from None
    try:
        sheet = book.worksheets[0]
        lines = sheet.iter_rows(values_only=True)
        header = next(lines, None)
        if header is None:
            raise _fail(path, 1, "the first sheet is empty")
        names = _header(path, 1, list(header))
        rows = []
        for number, cells in enumerate(lines, start=2):
            if all(cell is None or str(cell).strip() == "" for cell in cells):
                continue
            values = {name: "" if cell is None else cell for name, cell in zip(names, cells, strict=False)}
            rows.append(DataRow(values, path, number))
        return rows
    finally:
        book.close()


def _json_rows(path: Path) -> list[DataRow]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise _fail(path, 1, "the file is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise _fail(path, exc.lineno, f"JSON syntax: {exc.msg} (column {exc.colno})") from None
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise _fail(path, 1, "a JSON data file is a list of objects, one per brief")
    return [DataRow({str(k): v for k, v in item.items()}, path, index) for index, item in enumerate(data, start=1)]
