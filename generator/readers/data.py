"""Charts and tables filled from data files, and number formats for table cells.

Stage: used by ``readers.blocks``; a block's ``data:``/``x:``/``y:``/``columns:``/``format:`` keys in,
categories, series and table rows out. A problem inside a data file is reported at the file's
row and column (``exports.csv:7:3``) and names the outline line that asked for the file, so
the author knows both what to fix and which block it feeds.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from generator.errors import Problem
from generator.model import RichText, Series, Span
from generator.source.yamlsource import YList, YMap

if TYPE_CHECKING:
    from generator.readers.blocks import Context
    from generator.source.datafile import DataCell, DataGrid

# A number as typed in a cell: no leading zero (``02134`` is a code, not a number), optional decimals.
PLAIN_NUMBER = re.compile(r"^-?(0|[1-9]\d*)(\.\d+)?$")
_FORMAT = re.compile(r"^(?P<int>[#0,]*0)(?:\.(?P<dec>0+))?(?P<pct>%)?$")
_GROUPING = str.maketrans("", "", ", _\u00a0\u202f")


class NumberFormat(Struct, frozen=True):
    """A spreadsheet-style number format: ``#,##0`` (thousands), ``0.0`` (decimals), ``0.0%`` (percent)."""

    thousands: bool
    decimals: int
    percent: bool

    def apply(self, text: str) -> str:
        """Return ``text`` formatted when it is a plain number, else unchanged (codes keep their zeros)."""
        if not PLAIN_NUMBER.match(text.strip()):
            return text
        from decimal import ROUND_HALF_UP, Decimal

        value = Decimal(text.strip()).scaleb(2 if self.percent else 0)
        value = value.quantize(Decimal(1).scaleb(-self.decimals), rounding=ROUND_HALF_UP)  # as spreadsheets round
        shown = f"{abs(value) if value.is_zero() else value:{',' if self.thousands else ''}f}"
        return shown.replace("-", "\u2212") + ("%" if self.percent else "")


def parse_format(pattern: str) -> NumberFormat | None:
    """Return the format a pattern such as ``#,##0.00`` or ``0%`` describes, or None if it is not one."""
    match = _FORMAT.match(pattern.strip())
    if match is None:
        return None
    return NumberFormat("," in match.group("int"), len(match.group("dec") or ""), bool(match.group("pct")))


def formats(ctx: Context, table: YMap, columns: list[str], where: str) -> list[NumberFormat | None]:
    """Return one format (or None) per column from ``format:``: one pattern for all, or {column: pattern}."""
    if "format" not in table:
        return [None] * len(columns)
    value, pos = table["format"], ctx.check.pos(table, "format")
    hint = "a number format such as `#,##0`, `0.0` or `0.0%`"
    if isinstance(value, YMap):
        chosen: list[NumberFormat | None] = [None] * len(columns)
        folded = [c.strip().casefold() for c in columns]
        for key in value:
            name = str(key).strip().casefold()
            pattern = ctx.check.text(value, key, f"{where}.format.{key}", required=True)
            if name not in folded:
                ctx.check.fail(value.key_pos[key], f"{where}.format: no column `{key}` (columns: "
                                                   f"{', '.join(columns)})")
            elif pattern is not None:
                if (found := parse_format(pattern)) is None:
                    ctx.check.fail(ctx.check.pos(value, key), f"{where}.format.{key} `{pattern}` is not {hint}")
                chosen[folded.index(name)] = found
        return chosen
    pattern = ctx.check.text_value(value, pos, f"{where}.format", required=True)
    found = parse_format(pattern) if pattern is not None else None
    if pattern is not None and found is None:
        ctx.check.fail(pos, f"{where}.format `{pattern}` is not {hint}, nor a mapping of column: format")
    return [found] * len(columns)


def load_grid(ctx: Context, block: YMap, where: str) -> DataGrid | None:
    """Return the grid of the block's ``data:`` file, or None after recording why it cannot be read."""
    from generator.source.datafile import DataProblem, read_data  # and csv: only for outlines with data files

    relative = ctx.check.text(block, "data", f"{where}.data", required=True)
    sheet = ctx.check.text(block, "sheet", f"{where}.sheet")
    if relative is None:
        return None
    found = read_data(relative, ctx.base, ctx.root, sheet)
    ctx.files.append((ctx.base / relative).resolve())
    if isinstance(found, DataProblem):
        if found.row == 0:
            ctx.check.fail(ctx.check.pos(block, "data"), f"{where}.data: {found.message}")
        else:
            data_fail(ctx, block, where, found.row, found.column, found.message, found.path)
        return None
    return found


def data_fail(ctx: Context, block: YMap, where: str, row: int, column: int, message: str,
              path: Any = None) -> None:
    """Record a problem at a data file's row and column, naming the outline line that read the file."""
    line, col = ctx.check.pos(block, "data")
    outline = ctx.check.path
    ctx.check.problems.append(Problem(path if path is not None else outline, row, max(column, 1),
                                      f"{message} (data for {where}, named at {outline}:{line}:{col})"))


def _pick(ctx: Context, grid: DataGrid, block: YMap, key: str, where: str) -> list[int] | None:
    """Return the header indexes a ``x:``/``y:``/``columns:`` value names (one name or a list)."""
    value = block[key]
    names: list[tuple[Any, tuple[int, int]]]
    if isinstance(value, YList):
        names = [(item, ctx.check.pos(value, i)) for i, item in enumerate(value)]
    else:
        names = [(value, ctx.check.pos(block, key))]
    picked = []
    for item, pos in names:
        name = ctx.check.text_value(item, pos, f"{where}.{key}", required=True)
        if name is None:
            return None
        index = grid.column(name)
        if index is None:
            ctx.check.fail(pos, f"{where}.{key}: `{name}` is not a column of `{grid.path.name}` "
                                f"(its columns: {grid.names()})")
            return None
        picked.append(index)
    if not picked:
        ctx.check.fail(ctx.check.pos(block, key), f"{where}.{key} names no column")
        return None
    return picked


MAX_CHART_VALUE, MIN_CHART_VALUE = 1e15, 1e-9  # a chart's axis and labels stay finite and readable


def _range_problem(number: float) -> str | None:
    """Say why a value no chart can draw is refused, as for values written in the outline."""
    if not -MAX_CHART_VALUE <= number <= MAX_CHART_VALUE:
        return "chart values must lie between -1e15 and 1e15 (change the unit)"
    if number and abs(number) < MIN_CHART_VALUE:
        return "chart values other than 0 must be at least 1e-9 in size (change the unit)"
    return None


def _number(cell: DataCell) -> float | None:
    text = cell.text.strip().translate(_GROUPING).replace("\u2212", "-")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def chart_data(ctx: Context, block: YMap, where: str) -> tuple[tuple[str, ...], tuple[Series, ...]] | None:
    """Return a chart's categories (column ``x``, else the first) and series (columns ``y``, else the rest)."""
    grid = load_grid(ctx, block, where)
    if grid is None:
        return None
    x = _pick(ctx, grid, block, "x", where) if "x" in block else [0]
    if x is None:
        return None
    if len(x) != 1:
        ctx.check.fail(ctx.check.pos(block, "x"), f"{where}.x names one column, the categories")
        return None
    y = _pick(ctx, grid, block, "y", where) if "y" in block else \
        [i for i in range(len(grid.header)) if i != x[0]]
    if y is None:
        return None
    if not y:
        ctx.check.fail(ctx.check.pos(block, "data"), f"{where}: `{grid.path.name}` has no column of values "
                                                     "besides the categories")
        return None
    categories = []
    for row in grid.rows:
        cell = row[x[0]]
        if not cell.text.strip():
            data_fail(ctx, block, where, cell.row, cell.column, f"the category in column "
                                                                f"`{grid.header[x[0]].text}` is empty", grid.path)
        categories.append(cell.text.strip())
    series = []
    for index in y:
        values = []
        for row in grid.rows:
            cell = row[index]
            number = _number(cell)
            if number is None:
                said = f"`{cell.text.strip()}`" if cell.text.strip() else "an empty cell"
                data_fail(ctx, block, where, cell.row, cell.column,
                          f"{said} in column `{grid.header[index].text}` is not a number", grid.path)
            elif problem := _range_problem(number):
                data_fail(ctx, block, where, cell.row, cell.column,
                          f"`{cell.text.strip()}` in column `{grid.header[index].text}`: {problem}", grid.path)
            else:
                values.append(number)
        series.append(Series(grid.header[index].text.strip(), tuple(values)))
    return tuple(categories), tuple(series)


def table_data(ctx: Context, block: YMap, where: str) -> tuple[list[str], list[list[str]]] | None:
    """Return a table's column names (``columns:`` picks and orders them) and its rows of cell text."""
    grid = load_grid(ctx, block, where)
    if grid is None:
        return None
    picked = _pick(ctx, grid, block, "columns", where) if "columns" in block else list(range(len(grid.header)))
    if picked is None:
        return None
    columns = [grid.header[i].text.strip() for i in picked]
    return columns, [[row[i].text.strip() for i in picked] for row in grid.rows]


def exclusive(ctx: Context, block: YMap, where: str, with_data: tuple[str, ...], inline: tuple[str, ...]) -> None:
    """Refuse keys of a block read from a data file next to the keys that would write it out inline."""
    if "data" in block:
        for key in inline:
            if key in block:
                ctx.check.fail(block.key_pos[key], f"{where}: `{key}` comes from the data file; remove it "
                                                   "or remove `data`")
    else:
        for key in with_data[1:]:
            if key in block:
                ctx.check.fail(block.key_pos[key], f"{where}: `{key}` needs a `data:` file")


def written_row(ctx: Context, container: Any, key: Any, where: str, shapes: list[Any]) -> tuple[RichText, ...] | None:
    """Return one written-out row of cells, each number formatted by its column's ``format``."""
    cells = ctx.check.items(container[key], ctx.check.pos(container, key), where)
    if cells is None:
        return None
    if len(cells) != len(shapes):
        ctx.check.fail(ctx.check.pos(container, key), f"{where} has {len(cells)} cells for {len(shapes)} columns")
    row = []
    for i in range(len(cells)):
        cell = ctx.rich(cells, i, f"{where}[{i}]") or RichText(())
        shape = shapes[i] if i < len(shapes) else None
        if shape is not None and len(cell.spans) == 1 and cell.spans[0].text:
            span = cell.spans[0]
            cell = RichText((Span(shape.apply(span.text), span.bold, span.italic, span.link),))
        row.append(cell)
    return tuple(row)
