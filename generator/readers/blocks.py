"""Turning the YAML of one content block into a model block.

Stage: used by ``readers.outline.load_outline``; YAML values in, model blocks out, problems recorded
on the shared ``Checker``. One function per block type, chosen by a dispatch table, so the
format's table of blocks reads straight off ``BLOCK_PARSERS``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from generator.model import (
    Block,
    Callout,
    Chart,
    ChartType,
    Figure,
    Figures,
    Image,
    Paragraph,
    PointItem,
    Points,
    Quote,
    RichText,
    Series,
    Subheading,
    Table,
)
from generator.readers.data import (
    MAX_CHART_VALUE,
    MIN_CHART_VALUE,
    chart_data,
    exclusive,
    formats,
    table_data,
    written_row,
)
from generator.readers.markup import MarkedText, parse_inline, plain_text
from generator.readers.yamlhelp import colon_trap, unquote_lead
from generator.source.images import ImageInfo, check_image
from generator.source.validate import MAX_HEADING_CHARS, Checker, describe, shorten
from generator.source.yamlsource import Typed, YList, YMap

# Chart values are drawn and written to the deck's workbook as doubles; beyond these sizes axes,
# shares and labels lose their meaning (and 1e308 overflows the first sum).
# More categories than these do not fit a page or a slide legibly (a pie's legend, a bar chart's rows).
MAX_CATEGORIES = {ChartType.PIE: 20, ChartType.BAR: 30, ChartType.STACKED_BAR: 30, ChartType.COLUMN: 60,
                  ChartType.LINE: 120}
MAX_TABLE_COLUMNS = 12
MAX_FIGURE_VALUE, MAX_FIGURE_LABEL = 40, 300  # characters: a figure is a number and a line or two
_DECIMAL = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d{1,3})?")
_HEX = re.compile(r"[-+]?0(x[0-9a-fA-F]{1,12}|o[0-7]{1,16})")

# The keys of the mappings inside each block type (for `points`, of an item written
# {text, points}; for `figures`, of each figure). BLOCK_KEYS gathers them for the docs' test.
POINT_KEYS = ("text", "points")
QUOTE_KEYS = ("text", "by", "role", "source")
FIGURE_KEYS = ("value", "label", "source")
CHART_KEYS = ("type", "title", "categories", "series", "unit", "source", "data", "sheet", "x", "y")
SERIES_KEYS = ("name", "values")
TABLE_KEYS = ("columns", "rows", "caption", "source", "data", "sheet", "format", "total", "totals")
IMAGE_KEYS = ("path", "alt", "caption")
CALLOUT_KEYS = ("title", "text")
BLOCK_KEYS = {"points": POINT_KEYS, "quote": QUOTE_KEYS, "figures": FIGURE_KEYS, "chart": CHART_KEYS,
              "chart.series": SERIES_KEYS, "table": TABLE_KEYS, "image": IMAGE_KEYS, "callout": CALLOUT_KEYS}

MAX_WORD_CHARS = 5_000  # Han, kana and hangul text needs no spaces and is not counted as one word
_WORD_CHAR = r"[^\s\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]"


@cache
def _long_word() -> re.Pattern[str]:
    """Compiled on the first text long enough to hold such a word (the compile costs a build ~4 ms)."""
    # tried only where a word starts: tried at every character, a 2 MB text of 5,000-character words took minutes
    return re.compile(rf"(?<!{_WORD_CHAR}){_WORD_CHAR}{{{MAX_WORD_CHARS + 1}}}")


@dataclass
class Context:
    """What block parsers need besides the value: where they are and what they may refer to."""

    check: Checker
    base: Path
    root: Path
    source_ids: frozenset[str]
    cited: list[tuple[str, tuple[int, int], str]] = field(default_factory=list)
    images: dict[Path, ImageInfo | str] = field(default_factory=dict)  # checked once per file
    files: list[Path] = field(default_factory=list)  # data files read, so rebuilds notice their changes

    def rich(self, container: Any, key: Any, where: str, required: bool = False, most: int | None = None
             ) -> RichText | None:
        """Return ``container[key]`` as marked-up text (see ``rich_value``)."""
        value = container.get(key) if isinstance(container, YMap) else container[key]
        return self.rich_value(value, self.check.pos(container, key), where, required, most)

    def rich_value(self, value: Any, pos: tuple[int, int], where: str, required: bool = False,
                   most: int | None = None) -> RichText | None:
        """Return inline-marked-up text, recording citations to check and refusing unsafe links."""
        trap = colon_trap(value)
        if trap is not None:
            self.check.fail(pos, f"{where} {trap}")
            return None
        text = self.check.text_value(value, pos, where, required, most)
        if text is None:
            return None
        if len(text) > MAX_WORD_CHARS and _long_word().search(text):
            self.check.fail(pos, f"{where}: a word of more than {MAX_WORD_CHARS:,} characters without a space (pasted "
                                 "data?); that is the limit that keeps builds fast: break it up or leave it out")
            return None
        parsed = value.parsed if isinstance(value, MarkedText) else parse_inline(text)
        for url in parsed.bad_links:
            self.check.fail(pos, f"{where}: link target `{url}` is not allowed; "
                                 "only http, https and mailto links are")
        self.cited += [(cite, pos, where) for cite in parsed.citations]
        return parsed.text

    def source_ref(self, container: YMap, where: str) -> str | None:
        source = self.check.text(container, "source", f"{where}.source")
        if source is not None:
            self.cited.append((source, self.check.pos(container, "source"), f"{where}.source"))
        return source


def _point_item(ctx: Context, items: YList, index: int, where: str, depth: int) -> PointItem | None:
    value = items[index]
    here = f"{where}[{index}]"
    if isinstance(value, YMap) and "text" in value:
        ctx.check.keys(value, here, POINT_KEYS, ("text",))
        text = ctx.rich(value, "text", f"{here}.text", required=True)
        children: tuple[PointItem, ...] = ()
        if "points" in value:
            if depth > 0:
                ctx.check.fail(ctx.check.pos(value, "points"), f"{here}: only one level of sub-points is allowed")
            else:
                children = _point_items(ctx, value["points"], ctx.check.pos(value, "points"),
                                        f"{here}.points", depth + 1)
        return PointItem(text, None, children, ctx.check.pos(items, index)[0]) if text is not None else None
    if isinstance(value, YMap):
        if len(value) != 1:
            ctx.check.fail(ctx.check.pos(items, index),
                           f"{here}: a point is a text, `Lead: text`, or {{text, points}}")
            return None
        lead_key = next(iter(value))
        lead = ctx.rich_value(unquote_lead(lead_key), value.key_pos[lead_key], f"{here} lead-in", required=True)
        text = ctx.rich(value, lead_key, here, required=True)
        if text is None or lead is None:
            return None
        return PointItem(text, lead, line=ctx.check.pos(items, index)[0])
    text = ctx.rich(items, index, here, required=True)
    return PointItem(text, line=ctx.check.pos(items, index)[0]) if text is not None else None


def _point_items(ctx: Context, value: Any, pos: tuple[int, int], where: str, depth: int = 0) -> tuple[PointItem, ...]:
    items = ctx.check.items(value, pos, where)
    if items is None:
        return ()
    if not items:
        ctx.check.fail(pos, f"{where} is an empty list")
    parsed = (_point_item(ctx, items, i, where, depth) for i in range(len(items)))
    return tuple(item for item in parsed if item is not None)


def parse_points(ctx: Context, value: Any, pos: tuple[int, int], where: str) -> tuple[PointItem, ...]:
    """Return the items of a `points` list (also used for a section's `deck.points`)."""
    return _point_items(ctx, value, pos, where)


def _points(ctx: Context, value: Any, pos: tuple[int, int], where: str) -> Block | None:
    return Points(parse_points(ctx, value, pos, where), where, pos[0])


def _quote(ctx: Context, value: Any, pos: tuple[int, int], where: str) -> Block | None:
    if not isinstance(value, YMap):
        text = ctx.rich_value(value, pos, where, required=True)
        return Quote(text, None, None, None, where, pos[0]) if text is not None else None
    ctx.check.keys(value, where, QUOTE_KEYS, ("text",))
    text = ctx.rich(value, "text", f"{where}.text", required=True)
    by = ctx.check.text(value, "by", f"{where}.by", most=MAX_HEADING_CHARS)
    role = ctx.check.text(value, "role", f"{where}.role", most=MAX_HEADING_CHARS)
    source = ctx.source_ref(value, where)
    return Quote(text, by, role, source, where, pos[0]) if text is not None else None


def _figures(ctx: Context, value: Any, pos: tuple[int, int], where: str) -> Block | None:
    items = ctx.check.items(value, pos, where)
    if items is None:
        return None
    figures = []
    for index, item in enumerate(items):
        here = f"{where}[{index}]"
        mapping = ctx.check.mapping(item, ctx.check.pos(items, index), here)
        if mapping is None:
            continue
        ctx.check.keys(mapping, here, FIGURE_KEYS, ("value", "label"))
        figure_value = ctx.check.text(mapping, "value", f"{here}.value", required=True)
        label = ctx.rich(mapping, "label", f"{here}.label", required=True)
        source = ctx.source_ref(mapping, here)
        if figure_value is not None and len(figure_value) > MAX_FIGURE_VALUE:
            ctx.check.fail(ctx.check.pos(mapping, "value"),
                           f"{here}.value has {len(figure_value):,} characters; a figure is a headline number "
                           f"of at most {MAX_FIGURE_VALUE} (say the rest in the label)")
            figure_value = None
        if label is not None and len(label.plain) > MAX_FIGURE_LABEL:
            ctx.check.fail(ctx.check.pos(mapping, "label"), f"{here}.label has {len(label.plain):,} characters; "
                                                             f"a figure's label has at most {MAX_FIGURE_LABEL}")
            label = None
        if figure_value is not None and label is not None:
            figures.append(Figure(figure_value, label, source, mapping.line))
    if not items:
        ctx.check.fail(pos, f"{where} is an empty list")
    return Figures(tuple(figures), where, pos[0])


def chart_number(value: Any) -> float | str:
    """Return a chart value as a number, or what is wrong with it (completing "must be ...").

    The number is read from the text as written, in decimal (``1e17`` and ``02134`` included),
    so YAML 1.1's octal and base-60 readings never turn ``02134`` into 1116 or ``12:30`` into 750.
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):  # a data row's field (``--data``)
        value = Typed(repr(value), "float")
    if not isinstance(value, str) or isinstance(value, Typed) and value.tag not in ("int", "float"):
        return f"must be a number, not {describe(value)}"
    text = value.strip().replace("_", "")
    if _HEX.fullmatch(text):
        number = float(int(text, 0))
    elif _DECIMAL.fullmatch(text):
        number = float(text)
    else:
        return f"must be a number written in decimal, such as 12, -3.5 or 1.2e6, not {describe(value)}"
    if not -MAX_CHART_VALUE <= number <= MAX_CHART_VALUE:
        return f"is {shorten(value)}; chart values must lie between -1e15 and 1e15 (change the unit)"
    if number and abs(number) < MIN_CHART_VALUE:
        return f"is {shorten(value)}; chart values other than 0 must be at least 1e-9 in size (change the unit)"
    return number


def _numbers(ctx: Context, series: YMap, where: str, count: int) -> tuple[float, ...]:
    values = ctx.check.items(series.get("values"), ctx.check.pos(series, "values"), f"{where}.values")
    if values is None:
        return ()
    numbers = []
    for index, value in enumerate(values):
        number = chart_number(value)
        if isinstance(number, str):
            ctx.check.fail(ctx.check.pos(values, index), f"{where}.values[{index}] {number}")
        else:
            numbers.append(number)
    if len(values) != count:
        ctx.check.fail(ctx.check.pos(series, "values"),
                       f"{where}.values has {len(values)} values for {count} categories")
    return tuple(numbers)


def _chart(ctx: Context, value: Any, pos: tuple[int, int], where: str) -> Block | None:
    chart = ctx.check.mapping(value, pos, where)
    if chart is None:
        return None
    from_file = "data" in chart
    ctx.check.keys(chart, where, CHART_KEYS, ("type",) if from_file else ("type", "categories", "series"))
    exclusive(ctx, chart, where, ("data", "sheet", "x", "y"), ("categories", "series"))
    kinds = [kind.value for kind in ChartType]
    kind_text = ctx.check.text(chart, "type", f"{where}.type")
    kind = None
    if kind_text is not None:
        if kind_text in kinds:
            kind = ChartType(kind_text)
        else:
            ctx.check.fail(ctx.check.pos(chart, "type"),
                           f"{where}.type `{kind_text}` is not a chart type; use one of {', '.join(kinds)}")
    if from_file:
        found = chart_data(ctx, chart, where)
        return _chart_block(ctx, chart, where, pos, kind, *(found if found is not None else ((), ())))
    categories_list = ctx.check.items(chart.get("categories"), ctx.check.pos(chart, "categories"),
                                      f"{where}.categories")
    categories = tuple(
        name for i in range(len(categories_list or []))
        if (name := ctx.check.text(categories_list, i, f"{where}.categories[{i}]", True, MAX_HEADING_CHARS))
        is not None
    )
    series_list = ctx.check.items(chart.get("series"), ctx.check.pos(chart, "series"), f"{where}.series")
    series = []
    for index, item in enumerate(series_list or []):
        here = f"{where}.series[{index}]"
        mapping = ctx.check.mapping(item, ctx.check.pos(series_list, index), here)
        if mapping is None:
            continue
        ctx.check.keys(mapping, here, SERIES_KEYS, ("values",))
        name = ctx.check.text(mapping, "name", f"{here}.name", most=MAX_HEADING_CHARS) or f"Series {index + 1}"
        series.append(Series(name, _numbers(ctx, mapping, here, len(categories))))
    if series_list is not None and not series_list:
        ctx.check.fail(ctx.check.pos(chart, "series"), f"{where}.series needs at least one series")
    if categories_list is not None and not categories_list:
        ctx.check.fail(ctx.check.pos(chart, "categories"), f"{where}.categories needs at least one category")
    return _chart_block(ctx, chart, where, pos, kind, categories, series)


def _chart_block(ctx: Context, chart: YMap, where: str, pos: tuple[int, int], kind: ChartType | None,
                 categories: tuple[str, ...], series: Sequence[Series]) -> Block | None:
    most = MAX_CATEGORIES.get(kind) if kind is not None else None
    if kind is not None and most is not None and len(categories) > most:
        ctx.check.fail(ctx.check.pos(chart, "categories" if "categories" in chart else "data"),
                       f"{where}: a {kind.value} chart shows at most {most} categories, not {len(categories)}"
                       + ("; use a column or line chart" if most < 60 else "; split the data"))
    if kind is ChartType.PIE and len(series) > 1:
        ctx.check.fail(ctx.check.pos(chart, "series" if "series" in chart else "y"),
                       f"{where}: a pie chart takes exactly one series")
    title = ctx.check.text(chart, "title", f"{where}.title", most=MAX_HEADING_CHARS)
    unit = ctx.check.text(chart, "unit", f"{where}.unit", most=MAX_HEADING_CHARS)
    source = ctx.source_ref(chart, where)
    if kind is None:
        return None
    return Chart(kind, title, categories, tuple(series), unit, source, where, pos[0])


def _table(ctx: Context, value: Any, pos: tuple[int, int], where: str) -> Block | None:
    table = ctx.check.mapping(value, pos, where)
    if table is None:
        return None
    from_file = "data" in table
    ctx.check.keys(table, where, TABLE_KEYS, () if from_file else ("columns", "rows"))
    exclusive(ctx, table, where, ("data", "sheet"), ("rows",))
    columns: tuple[RichText, ...]
    rows: list[tuple[RichText, ...]] = []
    if from_file:
        found = table_data(ctx, table, where)
        names, texts = found if found is not None else ([], [])
        columns = tuple(plain_text(name) for name in names)
        shapes = formats(ctx, table, names, where)
        rows = [tuple(plain_text(f.apply(t) if f else t) for t, f in zip(row, shapes, strict=True)) for row in texts]
    else:
        columns_list = ctx.check.items(table.get("columns"), ctx.check.pos(table, "columns"), f"{where}.columns")
        columns = tuple(ctx.rich(columns_list, i, f"{where}.columns[{i}]", most=MAX_HEADING_CHARS) or RichText(())
                        for i in range(len(columns_list or [])))
        for index, heading in enumerate(columns_list or []):
            if heading is None:
                ctx.check.fail(ctx.check.pos(columns_list, index), f"{where}.columns[{index}] is empty; give the "
                                                                    "column a heading (or write \"\" for none)")
        if columns_list is not None and not columns_list:
            ctx.check.fail(ctx.check.pos(table, "columns"), f"{where}.columns needs at least one column")
        rows_list = ctx.check.items(table.get("rows"), ctx.check.pos(table, "rows"), f"{where}.rows")
        shapes = formats(ctx, table, [c.plain for c in columns], where)
        rows = [r for i in range(len(rows_list or [])) if (r := written_row(ctx, rows_list, i, f"{where}.rows[{i}]",
                                                                     shapes)) is not None]
    total = ctx.check.flag(table, "total", f"{where}.total")
    if "totals" in table:
        totals = written_row(ctx, table, "totals", f"{where}.totals", shapes)
        if totals is not None:
            rows.append(totals)
            total = True
    if total and not rows:
        ctx.check.fail(ctx.check.pos(table, "total"), f"{where}.total: the table has no row to total")
        total = False
    caption = ctx.rich(table, "caption", f"{where}.caption", most=MAX_HEADING_CHARS)
    if len(columns) > MAX_TABLE_COLUMNS:
        ctx.check.fail(ctx.check.pos(table, "columns" if "columns" in table else "data"),
                       f"{where} has {len(columns)} columns; a table has at most {MAX_TABLE_COLUMNS}, the most a "
                       "page or slide shows legibly")
    return Table(columns, tuple(rows), caption, where, pos[0], ctx.source_ref(table, where), total)


def _image(ctx: Context, value: Any, pos: tuple[int, int], where: str) -> Block | None:
    image = ctx.check.mapping(value, pos, where)
    if image is None:
        return None
    ctx.check.keys(image, where, IMAGE_KEYS, ("path", "alt"))
    relative = ctx.check.text(image, "path", f"{where}.path", required=True)
    alt = ctx.check.text(image, "alt", f"{where}.alt", required=True)
    caption = ctx.rich(image, "caption", f"{where}.caption", most=MAX_HEADING_CHARS)
    if relative is None:
        return None
    found = check_image(relative, ctx.base, ctx.root, ctx.images)
    if isinstance(found, str):
        ctx.check.fail(ctx.check.pos(image, "path"), f"{where}.path: {found}")
        return None
    if alt is None:
        return None
    return Image(found.path, alt, caption, found.width_px, found.height_px, where, pos[0], found.data)


def _callout(ctx: Context, value: Any, pos: tuple[int, int], where: str) -> Block | None:
    callout = ctx.check.mapping(value, pos, where)
    if callout is None:
        return None
    ctx.check.keys(callout, where, CALLOUT_KEYS, ("text",))
    title = ctx.rich(callout, "title", f"{where}.title", most=MAX_HEADING_CHARS)
    text = ctx.rich(callout, "text", f"{where}.text", required=True)
    return Callout(title, text, where, pos[0]) if text is not None else None


def _paragraph(ctx: Context, value: Any, pos: tuple[int, int], where: str) -> Block | None:
    text = ctx.rich_value(value, pos, where, required=True)
    return Paragraph(text, where, pos[0]) if text is not None else None


def _subheading(ctx: Context, value: Any, pos: tuple[int, int], where: str) -> Block | None:
    text = ctx.rich_value(value, pos, where, required=True, most=MAX_HEADING_CHARS)
    return Subheading(text, where, pos[0]) if text is not None else None


BlockParser = Callable[[Context, Any, tuple[int, int], str], Block | None]
BLOCK_PARSERS: dict[str, BlockParser] = {
    "text": _paragraph,
    "points": _points,
    "quote": _quote,
    "figures": _figures,
    "chart": _chart,
    "table": _table,
    "image": _image,
    "callout": _callout,
    "heading": _subheading,
}
