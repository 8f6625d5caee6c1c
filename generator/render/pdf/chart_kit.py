"""The parts every chart shares: scales, tick values, number formats, text shapes and the legend.

Stage: numbers and labels in, reportlab.graphics shapes out. Text goes through the font
fallback runs like all other text, so a Korean category label is drawn by a font that has it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.graphics.shapes import Rect, Shape, String
from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth

from generator.render.pdf.text import Run, TextSetter, runs_width, wrap_runs

NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)


@dataclass(frozen=True, slots=True)
class Scale:
    """A linear map from data values to drawing coordinates, with its tick values."""

    low: float
    high: float
    start_pt: float
    end_pt: float
    ticks: tuple[float, ...]
    decimals: int

    def __call__(self, value: float) -> float:
        return self.start_pt + (value - self.low) / (self.high - self.low) * (self.end_pt - self.start_pt)


def nice_ticks(low: float, high: float, target: int = 5) -> tuple[tuple[float, ...], int]:
    """Return round tick values covering [low, high] and the decimals needed to print them."""
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
    return ticks, decimals


def value_scale(low: float, high: float, start_pt: float, end_pt: float, zero: bool = True) -> Scale:
    """Return a scale over the data range (widened to include zero for bars and columns)."""
    if zero:
        low, high = min(low, 0.0), max(high, 0.0)
    ticks, decimals = nice_ticks(low, high)
    return Scale(ticks[0], ticks[-1], start_pt, end_pt, ticks, decimals)


def format_number(value: float, decimals: int | None = None) -> str:
    """Return ``value`` with thousands separators; without ``decimals``, as few as it needs (up to 2)."""
    if decimals is not None:
        return f"{value:,.{decimals}f}"
    text = f"{value:,.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True, slots=True)
class Ink:
    """The fonts, sizes and colours a chart draws with."""

    text: TextSetter
    font: str
    size_pt: float
    color: Color
    muted: Color
    rule: Color
    series: tuple[Color, ...]

    @property
    def line_pt(self) -> float:
        return self.size_pt * 1.25

    def series_color(self, index: int) -> Color:
        """Return the palette colour for ``index``; past the palette's end, lighter tints of it."""
        base = self.series[index % len(self.series)]
        lighten = min(0.75, 0.45 * (index // len(self.series)))
        return Color(*(c + (1 - c) * lighten for c in (base.red, base.green, base.blue)))

    def runs(self, text: str) -> list[Run]:
        """Return one line of chart text as runs in drawing order."""
        return self.text.line_runs(text, self.font)

    def width(self, text: str) -> float:
        return runs_width(self.runs(text), self.size_pt)

    def wrap(self, text: str, width_pt: float, max_lines: int = 3) -> list[list[Run]]:
        return wrap_runs(self.text, text, self.font, self.size_pt, width_pt, max_lines)


def text_shapes(runs: list[Run], x: float, y: float, size_pt: float, fill: Color,
                anchor: str = "start") -> list[Shape]:
    """Return String shapes drawing ``runs`` on one baseline, aligned at ``x`` by ``anchor``."""
    width = runs_width(runs, size_pt)
    x -= {"start": 0.0, "middle": width / 2, "end": width}[anchor]
    shapes: list[Shape] = []
    for chunk, font in runs:
        shapes.append(String(x, y, chunk, fontName=font, fontSize=size_pt, fillColor=fill))
        x += stringWidth(chunk, font, size_pt)
    return shapes


def lines_shapes(lines: list[list[Run]], x: float, top: float, ink: Ink, anchor: str = "start",
                 fill: Color | None = None) -> list[Shape]:
    """Return wrapped lines whose first line's cap height sits at ``top``."""
    shapes: list[Shape] = []
    for i, runs in enumerate(lines):
        baseline = top - ink.size_pt * 0.8 - i * ink.line_pt
        shapes += text_shapes(runs, x, baseline, ink.size_pt, fill or ink.color, anchor)
    return shapes


def legend(names: list[str], ink: Ink, width_pt: float, top: float) -> tuple[list[Shape], float]:
    """Return legend swatches and names laid out in rows across ``width_pt``, and the height used."""
    swatch = ink.size_pt * 0.85
    gap = ink.size_pt * 1.6
    x, y = 0.0, top - ink.line_pt
    shapes: list[Shape] = []
    for index, name in enumerate(names):
        runs = ink.runs(name)
        entry = swatch + 4 + runs_width(runs, ink.size_pt)
        if x > 0 and x + entry > width_pt:
            x, y = 0.0, y - ink.line_pt * 1.3
        shapes.append(Rect(x, y + ink.size_pt * 0.05, swatch, swatch, fillColor=ink.series_color(index),
                           strokeColor=None))
        shapes += text_shapes(runs, x + swatch + 4, y + ink.size_pt * 0.1, ink.size_pt, ink.color)
        x += entry + gap
    return shapes, top - y + ink.line_pt * 0.6


def lift(shape: Shape, by_pt: float) -> Shape:
    """Move a String, Rect, Circle or Wedge up by ``by_pt`` (shapes are laid out before heights are known)."""
    for name in ("y", "cy", "centery"):
        if hasattr(shape, name):
            setattr(shape, name, getattr(shape, name) + by_pt)
    return shape
