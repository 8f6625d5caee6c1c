"""Reading the CSV and XLSX files that charts and tables name: a checked file in, a grid of text cells out.

Stage: called by the outline loader's block parsers. A file is read once, as images are (see
``source.files``): a regular file, inside the allowed folder (symlinks resolved), under a size
limit. Every cell is kept as the text it was typed as (a CSV ``02134`` stays ``02134``) and
remembers its row and column in the file, so bad data is reported as ``DATAFILE:ROW:COLUMN``.
openpyxl is imported only for ``.xlsx`` files, and reads in read-only mode.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

from msgspec import Struct

from generator.source.files import Outside, Unreadable, read_file

# Characters an XML 1.0 document (and so PPTX, and PDF text via reportlab) cannot hold, as in outline text.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
MAX_DATA_BYTES = 20_000_000
MAX_DATA_ROWS = 10_000
SUFFIXES = (".csv", ".tsv", ".xlsx")


class DataCell(Struct, frozen=True):
    text: str
    row: int  # 1-based line of a CSV, row of a sheet
    column: int  # 1-based


class DataGrid(Struct, frozen=True):
    """A data file's header and rows; ``path`` is as the outline named it, joined to its folder."""

    path: Path
    header: tuple[DataCell, ...]
    rows: tuple[tuple[DataCell, ...], ...]

    def column(self, name: str) -> int | None:
        """Return the index of the header cell named ``name`` (blanks and case ignored), or None."""
        wanted = name.strip().casefold()
        return next((i for i, cell in enumerate(self.header) if cell.text.strip().casefold() == wanted), None)

    def names(self) -> str:
        return ", ".join(f"`{cell.text}`" for cell in self.header)


class DataProblem(Struct, frozen=True):
    """Why a data file cannot be used; ``row``/``column`` are 0 when the file as a whole is at fault."""

    path: Path
    row: int
    column: int
    message: str


def read_data(relative: str, base: Path, root: Path, sheet: str | None) -> DataGrid | DataProblem:
    """Return the grid of ``relative`` (CSV, TSV or XLSX by its suffix), or the problem that stops it."""
    shown = base / relative
    path = shown.resolve()
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        return DataProblem(shown, 0, 0, f"data file `{relative}` is not a .csv, .tsv or .xlsx file")
    if sheet is not None and suffix != ".xlsx":
        return DataProblem(shown, 0, 0, f"`sheet:` names a sheet of an .xlsx workbook; `{relative}` is a text file")
    try:
        data = read_file(shown, MAX_DATA_BYTES, root)  # read once: what is checked is what is drawn
    except Outside:
        return DataProblem(shown, 0, 0, f"data file `{relative}` is outside the outline's folder {root}; move it "
                                        "inside (or build with --allow-outside)")
    except FileNotFoundError:
        return DataProblem(shown, 0, 0, f"data file `{relative}` not found (looked for {path})")
    except Unreadable as exc:
        return DataProblem(shown, 0, 0, f"data file `{relative}` {exc}")
    found = _xlsx(data, shown, relative, sheet) if suffix == ".xlsx" else _csv(data, suffix, shown, relative)
    if isinstance(found, DataProblem):
        return found
    header, *rows = found
    if not rows:
        return DataProblem(shown, header[0].row if header else 1, 0, f"data file `{relative}` has no rows under "
                                                                     "its header")
    if len(rows) > MAX_DATA_ROWS:
        return DataProblem(shown, 0, 0, f"data file `{relative}` has {len(rows):,} rows; the limit is "
                                        f"{MAX_DATA_ROWS:,}")
    return _grid(shown, header, rows)


def _grid(shown: Path, header: list[DataCell], rows: list[list[DataCell]]) -> DataGrid | DataProblem:
    for cell in (cell for row in (header, *rows) for cell in row):
        bad = sorted(set(_XML_FORBIDDEN.findall(cell.text)))
        if bad:
            codes = ", ".join(f"U+{ord(c):04X}" for c in bad)
            return DataProblem(shown, cell.row, cell.column, f"this cell contains control characters that documents "
                                                             f"cannot hold ({codes}); remove them")
    for index, cell in enumerate(header):
        if not cell.text.strip():
            return DataProblem(shown, cell.row, cell.column, f"column {index + 1} of the header has no name")
        if any(other.text.strip().casefold() == cell.text.strip().casefold() for other in header[:index]):
            return DataProblem(shown, cell.row, cell.column, f"column `{cell.text}` appears twice in the header")
    width = len(header)
    grid = []
    for row in rows:
        extra = [cell for cell in row[width:] if cell.text.strip()]
        if extra:
            return DataProblem(shown, extra[0].row, extra[0].column,
                               f"this row has {len(row)} cells but the header names {width} columns")
        line = row[0].row
        grid.append(tuple(row[:width]) + tuple(DataCell("", line, c + 1) for c in range(len(row), width)))
    return DataGrid(shown, tuple(header), tuple(grid))


def _csv(data: bytes, suffix: str, shown: Path, relative: str) -> list[list[DataCell]] | DataProblem:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return DataProblem(shown, line, 0, f"data file `{relative}` is not UTF-8 text; save it as UTF-8 "
                                           "(\"CSV UTF-8\" in Excel)")
    dialect: Any = csv.excel_tab if suffix == ".tsv" else csv.excel
    if dialect is csv.excel:
        try:
            dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel
    reader = csv.reader(text.splitlines(keepends=True), dialect)
    rows: list[list[DataCell]] = []
    try:
        start = 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.append([DataCell(cell, start, column) for column, cell in enumerate(cells, start=1)])
            start = reader.line_num + 1
    except csv.Error as exc:
        return DataProblem(shown, reader.line_num, 0, f"data file `{relative}` is not valid CSV: {exc}")
    if not rows:
        return DataProblem(shown, 1, 0, f"data file `{relative}` is empty")
    return rows


def _xlsx(data: bytes, shown: Path, relative: str, sheet: str | None) -> list[list[DataCell]] | DataProblem:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of error for a damaged file
        return DataProblem(shown, 0, 0, f"data file `{relative}` cannot be read as an Excel workbook "
                                        f"({type(exc).__name__})")
    try:
        if sheet is not None and sheet not in book.sheetnames:
            names = ", ".join(f"`{name}`" for name in book.sheetnames)
            return DataProblem(shown, 0, 0, f"workbook `{relative}` has no sheet `{sheet}` (its sheets: {names})")
        worksheet = book[sheet] if sheet is not None else book.worksheets[0]
        rows = []
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            cells = [DataCell(_cell_text(value), number, column) for column, value in enumerate(values, start=1)]
            if any(cell.text.strip() for cell in cells):
                rows.append(cells)
            if len(rows) > MAX_DATA_ROWS + 1:
                break
        if not rows:
            return DataProblem(shown, 1, 0, f"sheet `{worksheet.title}` of `{relative}` is empty")
        return rows
    finally:
        book.close()


def _cell_text(value: Any) -> str:
    """Return a spreadsheet value as the text a reader of the sheet sees (12.0 as ``12``, a date as ISO)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, float):
        return format(value, ".15g")  # the digits a spreadsheet shows, not binary noise (0.1 + 0.2)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
