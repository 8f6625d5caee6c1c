"""Fill a bar, a legend swatch or a pie slice with a series look: its colour, plain or hatched.

Stage: a SeriesLook and a shape's geometry in, reportlab.graphics shapes out. A hatched look
is drawn as the deck's pattern fill is: white lines over the colour, clipped to the shape by
hand (reportlab's Drawing has no clipping paths), so repeats past the palette stay distinct.
"""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Line, Rect, Shape, Wedge
from reportlab.lib.colors import Color, HexColor, white

from generator.charts import SeriesLook

Point = tuple[float, float]
HATCH_PT = 3.2  # the distance between hatch lines
# look.pattern 1 to 5: up diagonals, down diagonals, a square grid, a diagonal cross, horizontals (as the deck)
HATCHES: tuple[tuple[str, ...], ...] = (("up",), ("down",), ("across", "along"), ("up", "down"), ("across",))
DASHES: tuple[tuple[float, ...] | None, ...] = (None, (6, 3), (1.2, 2.4), (6, 2.5, 1.2, 2.5), (10, 4),
                                                (10, 3, 1.2, 3))


def color_of(look: SeriesLook) -> Color:
    return HexColor(look.color)


def dash_of(look: SeriesLook) -> tuple[float, ...] | None:
    """Return the dash array of a line series (None: solid), matching the deck's dash styles."""
    return DASHES[look.pattern % len(DASHES)]


def fill_rect(x: float, y: float, w: float, h: float, look: SeriesLook, edge: Color | None = None) -> list[Shape]:
    """Return a rectangle in the look: its colour, hatched with white past the palette's end."""
    shapes: list[Shape] = [Rect(x, y, w, h, fillColor=color_of(look), strokeColor=edge, strokeWidth=0.5)]
    if look.pattern:
        shapes += _hatch([(x, y), (x + w, y), (x + w, y + h), (x, y + h)], look)
    return shapes


def fill_wedge(cx: float, cy: float, radius: float, start_deg: float, end_deg: float,
               look: SeriesLook) -> list[Shape]:
    """Return a pie slice in the look, outlined in white like every slice."""
    shapes: list[Shape] = [Wedge(cx, cy, radius, start_deg, end_deg, fillColor=color_of(look), strokeColor=white,
                                 strokeWidth=1)]
    if not look.pattern:
        return shapes
    pieces = max(1, math.ceil((end_deg - start_deg) / 90))  # convex pieces, for the clipping
    step = (end_deg - start_deg) / pieces
    for piece in range(pieces):
        low = start_deg + piece * step
        arc = [(cx + radius * math.cos(math.radians(low + step * i / 12)),
                cy + radius * math.sin(math.radians(low + step * i / 12))) for i in range(13)]
        shapes += _hatch([(cx, cy), *arc], look)
    return shapes


def _hatch(polygon: list[Point], look: SeriesLook) -> list[Shape]:
    """Return the look's hatch lines clipped to a convex polygon."""
    xs, ys = [p[0] for p in polygon], [p[1] for p in polygon]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    shapes: list[Shape] = []
    for direction in HATCHES[(look.pattern - 1) % len(HATCHES)]:
        diagonal = direction in ("up", "down")
        step = HATCH_PT * (math.sqrt(2) if diagonal else 1)
        low, high = {"up": (x0 - y1, x1 - y0), "down": (x0 + y0, x1 + y1), "across": (y0, y1),
                     "along": (x0, x1)}[direction]
        for k in range(math.ceil(low / step), math.floor(high / step) + 1):
            c = k * step
            ends = {"up": ((y0 + c, y0), (y1 + c, y1)), "down": ((c - y0, y0), (c - y1, y1)),
                    "across": ((x0, c), (x1, c)), "along": ((c, y0), (c, y1))}[direction]
            clipped = _clip(ends[0], ends[1], polygon)
            if clipped:
                (ax, ay), (bx, by) = clipped
                shapes.append(Line(ax, ay, bx, by, strokeColor=white, strokeWidth=0.9))
    return shapes


def _clip(p0: Point, p1: Point, polygon: list[Point]) -> tuple[Point, Point] | None:
    """Return the part of segment p0-p1 inside a convex polygon (Cyrus-Beck), or None."""
    cx = sum(p[0] for p in polygon) / len(polygon)
    cy = sum(p[1] for p in polygon) / len(polygon)
    dx, dy = p1[0] - p0[0], p1[1] - p0[1]
    t0, t1 = 0.0, 1.0
    for (ax, ay), (bx, by) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        nx, ny = ay - by, bx - ax
        if nx * (cx - ax) + ny * (cy - ay) < 0:
            nx, ny = -nx, -ny
        num = nx * (p0[0] - ax) + ny * (p0[1] - ay)
        den = nx * dx + ny * dy
        if abs(den) < 1e-12:
            if num < 0:
                return None
            continue
        t = -num / den
        if den > 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t1 - t0 < 1e-6:
            return None
    return (p0[0] + t0 * dx, p0[1] + t0 * dy), (p0[0] + t1 * dx, p0[1] + t1 * dy)
