"""Draw a pie: the (one) series' shares as wedges clockwise from twelve o'clock, a legend on the right.

Stage: model.Chart and its form in, reportlab.graphics shapes out (a ``charts`` layout). Laid out
shorter to stay on its page, the pie gets smaller, down to a diameter as tall as its legend.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Shape

from generator import model
from generator.charts import ChartForm, format_number, pie_shares
from generator.render.pdf.chart_fill import fill_rect, fill_wedge
from generator.render.pdf.chart_kit import Ink, Plot, lift, lines_shapes, squeezed, text_shapes
from generator.render.pdf.text import runs_width

MIN_SWEEP_DEGREES = 0.01


def pie_plot(chart: model.Chart, form: ChartForm, ink: Ink, width_pt: float, height_pt: float | None,
         keyed: bool) -> Plot:
    """Lay out a pie of the (one) series, clockwise from twelve o'clock, with a legend on its right.

    Laid out shorter, the pie is smaller, down to a diameter as tall as its legend.
    """
    shares = pie_shares(chart.series[0].values)
    natural = min(width_pt * 0.16, 68.0)
    least = min(natural, -pie_key(chart, form, ink, width_pt, natural, 0.0)[1] / 2) if height_pt is not None \
        else natural
    radius = squeezed(natural, least, 2.0, height_pt / 2 if height_pt is not None else None)
    centre = (radius + 2, radius + 2)
    shapes: list[Shape] = []
    angle = 90.0
    for index, share in enumerate(shares):
        sweep = 360.0 * share
        if sweep < MIN_SWEEP_DEGREES:  # too thin to see, and reportlab's arc maths divides by its sine
            angle -= sweep
            continue
        shapes += fill_wedge(centre[0], centre[1], radius, angle - sweep, angle, ink.looks[index])
        angle -= sweep
    keys, y = pie_key(chart, form, ink, width_pt, radius, radius * 2 + 2)
    shapes += keys
    if y < 0:
        shapes = [lift(shape, -y) for shape in shapes]
    return shapes, radius * 2 + 4 + max(0.0, -y)


def pie_key(chart: model.Chart, form: ChartForm, ink: Ink, width_pt: float, radius: float,
             y: float) -> tuple[list[Shape], float]:
    """Return the pie's legend, its first name's cap height at ``y``, and where it ends below."""
    values = [max(v, 0.0) for v in chart.series[0].values]
    shares = pie_shares(chart.series[0].values)
    key_left = radius * 2 + 28
    key_right = min(width_pt, key_left + ink.size_pt * 30)
    swatch = ink.size_pt * 0.85
    shapes: list[Shape] = []
    for index, (name, value) in enumerate(zip(chart.categories, values, strict=True)):
        percent = f"{format_number(shares[index] * 100, 0)}%"
        share_runs = ink.runs(percent if form.suffix == "%" else f"{form.value_text(value)} ({percent})")
        name_width = key_right - key_left - swatch - 6 - runs_width(share_runs, ink.size_pt) - 10
        lines = ink.wrap(name, max(name_width, 40.0), 3)
        shapes += fill_rect(key_left, y - ink.size_pt * 0.95, swatch, swatch, ink.looks[index])
        shapes += lines_shapes(lines, key_left + swatch + 6, y, ink)
        shapes += text_shapes(share_runs, key_right, y - ink.size_pt * 0.8, ink.size_pt, ink.muted, "end")
        y -= len(lines) * ink.line_pt + ink.size_pt * 0.6
    return shapes, y
