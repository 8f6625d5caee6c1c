"""The parts every chart shares: the scale, the ink, text shapes, the legend and the unit line over the plot.

Stage: numbers and labels in, reportlab.graphics shapes out. Text goes through the font
fallback runs like all other text, so a Korean category label is drawn by a font that has it.
"""

from __future__ import annotations

from collections.abc import Callable

from msgspec import Struct
from reportlab.graphics.shapes import Line, Shape, String
from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth

from generator.charts import SeriesLook, ValueAxis
from generator.render.pdf.chart_fill import color_of, dash_of, fill_rect
from generator.render.pdf.text import Run, TextSetter, runs_width, wrap_runs

Plot = tuple[list[Shape], float]  # shapes drawn from y=0 upwards, and the height they take


class Scale(Struct, frozen=True):
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


class Ink(Struct, frozen=True):
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


def legend(names: list[str], ink: Ink, width_pt: float, top: float, lines: bool = False,
           left: float = 0.0) -> tuple[list[Shape], float]:
    """Return legend keys and names laid out in rows across ``width_pt`` from ``left``, and the height used.

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
            shapes.append(Line(left + x - swatch * 0.6, y + swatch * 0.5, left + x + swatch, y + swatch * 0.5,
                               strokeColor=ink.series_color(index), strokeWidth=1.8,
                               strokeDashArray=dash_of(ink.looks[index])))
        else:
            shapes += fill_rect(left + x, y + ink.size_pt * 0.05, swatch, swatch, ink.looks[index])
        shapes += text_shapes(runs, left + x + swatch + 4, y + ink.size_pt * 0.1, ink.size_pt, ink.color)
        x += entry + gap
    return shapes, top - y + ink.line_pt * 0.6


def legend_width(names: list[str], ink: Ink) -> float:
    """Return the width of the legend of ``names`` set on one row (as ``legend`` sets it)."""
    entries = [ink.size_pt * 0.85 + 4 + ink.width(name) for name in names]
    return sum(entries) + ink.size_pt * 1.6 * (len(entries) - 1)


def lift(shape: Shape, by_pt: float) -> Shape:
    """Move a String, Rect, Line, Circle or Wedge up by ``by_pt`` (shapes are laid out before heights are known)."""
    for name in ("y", "cy", "centery", "y1", "y2"):
        if hasattr(shape, name):
            setattr(shape, name, getattr(shape, name) + by_pt)
    return shape


class UnitLine(Struct, frozen=True):
    """The unit line ("Values in vessels") over a plot with a legend: drawn with the plot, so the legend may join it.

    ``lead_pt`` and ``gap_pt`` are the line's leading and the space under it, as its paragraph would take them.
    """

    lines: list[list[Run]]
    lead_pt: float
    gap_pt: float
    rtl: bool

    def shapes(self, ink: Ink, width_pt: float, top: float) -> list[Shape]:
        anchor, x = ("end", width_pt) if self.rtl else ("start", 0.0)
        return [shape for i, runs in enumerate(self.lines)
                for shape in text_shapes(runs, x, top - ink.size_pt - i * self.lead_pt, ink.size_pt, ink.muted, anchor)]


PlotOf = Callable[[float | None, bool], Plot]  # (height_pt, legend drawn above) -> plot


def headed(plot_of: PlotOf, unit: UnitLine, names: list[str], ink: Ink, width_pt: float, height_pt: float | None,
           lines: bool = False) -> Plot:
    """Return the plot under its unit line, as tall as it is, or laid out to take at most ``height_pt``.

    When the plot, legend above it, does not fit, the legend moves up onto the unit line's row (the
    far end of it, where the unit leaves room for the whole legend on one row) and the plot takes
    the legend's height, unless the plot has moved its legend into a row of its own already (a bar
    chart's axis row); labels keep their size either way.
    """
    head = len(unit.lines) * unit.lead_pt + unit.gap_pt
    shapes, height = plot_of(None if height_pt is None else height_pt - head, True)
    keys: list[Shape] = []
    beside = unit.lead_pt + unit.gap_pt / 4
    room = width_pt - runs_width(unit.lines[0], ink.size_pt) - ink.size_pt * 2
    if height_pt is not None and height + head > height_pt and len(unit.lines) == 1 \
            and legend_width(names, ink) <= room:
        moved, moved_height = plot_of(height_pt - beside, False)
        # it fits so, or is shorter for it (not where the plot has already found the legend room of its own)
        if moved_height + beside <= height_pt or moved_height < height:
            shapes, height, head = moved, moved_height, beside
            left = 0.0 if unit.rtl else width_pt - legend_width(names, ink)
            # the names on the unit's baseline: ``legend`` sets them 1.15 sizes under its top
            keys = legend(names, ink, width_pt, height + head + ink.size_pt * 0.15, lines, left)[0]
    return shapes + keys + unit.shapes(ink, width_pt, height + head), height + head


def squeezed(natural: float, least: float, fixed: float, height_pt: float | None) -> float:
    """Return a length: ``natural``, or less so that it and ``fixed`` take ``height_pt``, not under ``least``."""
    if height_pt is None:
        return natural
    return max(least, min(natural, height_pt - fixed))
