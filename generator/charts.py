"""How a chart reads: its form, value axis, number formats and series looks, decided once.

Stage: a model.Chart in, a ChartForm out; both renderers call ``chart_form`` so the deck
and the brief switch columns to bars, start axes, print numbers and tell series apart alike.
Pure arithmetic: no reportlab, no python-pptx.
"""

from __future__ import annotations

import math

from msgspec import Struct

from generator.model import Chart, ChartType

MAX_COLUMNS = 6  # more categories than this do not fit under columns with readable labels
LONG_LABEL_CHARS = 14  # a longer label cannot sit unwrapped under a column
LABEL_LINES = 2  # a category label wraps onto at most this many lines
MAX_LABELLED_POINTS = 12  # with more points per series, value labels crowd the plot
MAX_LABELS = 24  # ... and with more bars in all
PERCENT_UNITS = ("%",)  # units printed after each number rather than as an axis title
NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)
DARK_LUMA = 150  # below this luma (0-255) a fill takes white text
PATTERNS = 6  # distinct hatches (bars, slices) and dashes (lines) each renderer draws, 0 being plain
LINE_MAX_LUMA = 160  # the palest a grey line may be
GREY_CHROMA = 24  # a palette whose colours all differ less than this between channels is grey


class ValueAxis(Struct, frozen=True):
    """The value axis both outputs draw: its ends, step, tick values and their decimals."""

    low: float
    high: float
    step: float
    ticks: tuple[float, ...]
    decimals: int


class SeriesLook(Struct, frozen=True):
    """How one series (or pie slice) is told apart: a colour and a pattern, 0 meaning plain."""

    color: str  # "#RRGGBB"
    pattern: int

    @property
    def dark(self) -> bool:
        """Whether a label drawn on this fill should be white."""
        return _luma(self.color) < DARK_LUMA


class ChartForm(Struct, frozen=True):
    """What a chart becomes in both outputs."""

    kind: ChartType  # the drawn type: a column chart with many or long labels becomes a bar chart
    horizontal: bool
    axis: ValueAxis | None  # None for a pie
    value_decimals: int  # for data labels: as many as the data need, at most 2
    suffix: str  # printed after every number ("%"), else ""
    axis_title: str | None  # the unit, when it is not a suffix
    data_labels: bool

    def axis_format(self) -> str:
        """Return the value axis's number format, as a spreadsheet writes it."""
        return excel_format(self.axis.decimals if self.axis else 0, self.suffix)

    def value_format(self) -> str:
        """Return the data labels' number format, as a spreadsheet writes it."""
        return excel_format(self.value_decimals, self.suffix)

    def axis_text(self, value: float) -> str:
        """Return a tick value as the value axis prints it (the same text in the PDF and the deck)."""
        return format_number(value, self.axis.decimals if self.axis else 0) + self.suffix

    def value_text(self, value: float) -> str:
        """Return a data value as its label prints it."""
        return format_number(value, self.value_decimals) + self.suffix


def chart_form(chart: Chart) -> ChartForm:
    """Return how ``chart`` is drawn; a crowded column chart turns into a bar chart."""
    kind = chart.type
    crowded = len(chart.categories) > MAX_COLUMNS or any(len(c) > LONG_LABEL_CHARS for c in chart.categories)
    if kind is ChartType.COLUMN and crowded:
        kind = ChartType.BAR
    suffix = chart.unit if chart.unit in PERCENT_UNITS else ""
    values = [v for s in chart.series for v in s.values]
    axis = None if kind is ChartType.PIE else value_axis(*_extent(chart, kind), zero=kind is not ChartType.LINE)
    return ChartForm(
        kind=kind,
        horizontal=kind in (ChartType.BAR, ChartType.STACKED_BAR),
        axis=axis,
        value_decimals=max((_decimals(v) for v in values), default=0),
        suffix=suffix,
        axis_title=None if suffix or not chart.unit else chart.unit,
        data_labels=_labelled(kind, len(chart.categories), len(chart.series)),
    )


def _labelled(kind: ChartType, points: int, series: int) -> bool:
    """Whether values are printed on the chart: when they do not crowd it, else the axis must do.

    A pie's slices always say their share. Lines cross, so only a single line is labelled.
    """
    if kind is ChartType.PIE:
        return True
    if points > MAX_LABELLED_POINTS:
        return False
    return series == 1 if kind is ChartType.LINE else points * series <= MAX_LABELS


def _extent(chart: Chart, kind: ChartType) -> tuple[float, float]:
    if kind is ChartType.STACKED_BAR:
        stacks = [[s.values[i] for s in chart.series] for i in range(len(chart.categories))]
        return (min(sum(v for v in stack if v < 0) for stack in stacks),
                max(sum(v for v in stack if v > 0) for stack in stacks))
    values = [v for s in chart.series for v in s.values]
    return min(values), max(values)


def _decimals(value: float) -> int:
    return next((d for d in range(3) if math.isclose(value, round(value, d), abs_tol=1e-9)), 2)


def value_axis(low: float, high: float, zero: bool = True, target: int = 5) -> ValueAxis:
    """Return round ticks covering [low, high], widened to zero for bars, columns and pies."""
    if zero:
        low, high = min(low, 0.0), max(high, 0.0)
    if math.isclose(low, high):
        low, high = (low - 1, high + 1) if low else (0.0, 1.0)
    raw = (high - low) / target
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in NICE_STEPS if m * magnitude >= raw * 0.999)
    first = math.floor(low / step + 1e-9) * step
    count = round((math.ceil(high / step - 1e-9) * step - first) / step)
    ticks = tuple(round(first + i * step, 10) for i in range(count + 1))
    decimals = 0
    while decimals < 6 and not math.isclose(step * 10**decimals, round(step * 10**decimals), abs_tol=1e-6):
        decimals += 1
    return ValueAxis(ticks[0], ticks[-1], round(step, 10), ticks, decimals)


def format_number(value: float, decimals: int) -> str:
    """Return ``value`` with thousands separators and ``decimals`` places, as ``#,##0.0`` shows it."""
    if round(value, decimals) == 0:
        value = 0.0  # never "-0"
    return f"{value:,.{decimals}f}"


def excel_format(decimals: int, suffix: str) -> str:
    """Return the spreadsheet number format matching ``format_number(value, decimals) + suffix``."""
    code = "#,##0" + ("." + "0" * decimals if decimals else "")
    return code + (f'"{suffix}"' if suffix else "")


def series_looks(palette: tuple[str, ...], count: int, kind: ChartType) -> tuple[SeriesLook, ...]:
    """Return one look per series (or slice) so that no two neighbours look alike.

    Past the palette's end the colours repeat hatched (dashed, for lines). Lines in a grey palette
    get a dash pattern each from the second on, since greys alone do not separate crossing lines.
    """
    colors = tuple("#" + color.lstrip("#").upper() for color in palette)
    if kind is ChartType.LINE and all(_chroma(color) < GREY_CHROMA for color in colors):
        # each pass through the dashes shifts the greys by one, so no two lines share both;
        # all are darkened alike until the palest is no paler than LINE_MAX_LUMA, since a thin
        # dashed line of pale grey vanishes on white paper
        scale = min(1.0, LINE_MAX_LUMA / max(max(_luma(color) for color in colors), 1.0))
        greys = tuple("#" + "".join(f"{round(c * scale):02X}" for c in _rgb(color)) for color in colors)
        return tuple(SeriesLook(greys[(index + index // PATTERNS) % len(greys)], index % PATTERNS)
                     for index in range(count))
    return tuple(SeriesLook(colors[index % len(colors)], index // len(colors) % PATTERNS) for index in range(count))


def _rgb(color: str) -> tuple[int, int, int]:
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _luma(color: str) -> float:
    red, green, blue = _rgb(color)
    return 0.299 * red + 0.587 * green + 0.114 * blue


def _chroma(color: str) -> int:
    channels = _rgb(color)
    return max(channels) - min(channels)


def pie_shares(values: tuple[float, ...]) -> tuple[float, ...]:
    """Return each slice's share of the whole (negative values count as nothing)."""
    kept = [max(v, 0.0) for v in values]
    total = sum(kept) or 1.0
    return tuple(v / total for v in kept)
