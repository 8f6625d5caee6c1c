"""The parts every chart shares: the scale, the ink, text shapes and the legend.

Stage: numbers and labels in, reportlab.graphics shapes out. Text goes through the font
fallback runs like all other text, so a Korean category label is drawn by a font that has it.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.graphics.shapes import Line, Shape, String
from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth

from generator.charts import SeriesLook, ValueAxis
from generator.render.pdf.chart_fill import color_of, dash_of, fill_rect
from generator.render.pdf.text import Run, TextSetter, runs_width, wrap_runs


@dataclass(frozen=True, slots=True)
class Scale:
    """A linear map from data values to drawing coordinates, over the shared value axis."""

    axis: ValueAxis
    start_pt: float
    end_pt: float

    @property
    def ticks(self) -> tuple[float, ...]:
        return self.axis.ticks

    def __call__(self, value: float) -> float:
        low, high = self.axis.low, self.axis.high
        return self.start_pt + (value - low) / (high - low) * (self.end_pt - self.start_pt)


@dataclass(frozen=True, slots=True)
class Ink:
    """The fonts, sizes and colours a chart draws with."""

    text: TextSetter
    font: str
    size_pt: float
    color: Color
    muted: Color
    rule: Color
    looks: tuple[SeriesLook, ...]  # one per series, or per slice of a pie

    @property
    def line_pt(self) -> float:
        return self.size_pt * 1.25

    def series_color(self, index: int) -> Color:
        return color_of(self.looks[index])

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


def legend(names: list[str], ink: Ink, width_pt: float, top: float, lines: bool = False) -> tuple[list[Shape], float]:
    """Return legend keys and names laid out in rows across ``width_pt``, and the height used.

    A key is a swatch of the series' fill, or for ``lines`` a stroke of its colour and dash.
    """
    swatch = ink.size_pt * 0.85
    gap = ink.size_pt * 1.6
    x, y = 0.0, top - ink.line_pt
    shapes: list[Shape] = []
    for index, name in enumerate(names):
        runs = ink.runs(name)
        entry = swatch + 4 + runs_width(runs, ink.size_pt)
        if x > 0 and x + entry > width_pt:
            x, y = 0.0, y - ink.line_pt * 1.3
        if lines:
            shapes.append(Line(x - swatch * 0.6, y + swatch * 0.5, x + swatch, y + swatch * 0.5,
                               strokeColor=ink.series_color(index), strokeWidth=1.8,
                               strokeDashArray=dash_of(ink.looks[index])))
        else:
            shapes += fill_rect(x, y + ink.size_pt * 0.05, swatch, swatch, ink.looks[index])
        shapes += text_shapes(runs, x + swatch + 4, y + ink.size_pt * 0.1, ink.size_pt, ink.color)
        x += entry + gap
    return shapes, top - y + ink.line_pt * 0.6


def lift(shape: Shape, by_pt: float) -> Shape:
    """Move a String, Rect, Line, Circle or Wedge up by ``by_pt`` (shapes are laid out before heights are known)."""
    for name in ("y", "cy", "centery", "y1", "y2"):
        if hasattr(shape, name):
            setattr(shape, name, getattr(shape, name) + by_pt)
    return shape
