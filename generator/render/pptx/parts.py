"""Draw the parts of a two-content slide: a chart, table, picture, figures, callout panel or quote.

Stage: part of the deck renderer (planned parts in, shapes on a python-pptx slide out). The
planner decided every box; this module only picks the drawer for each kind of part.
"""

from __future__ import annotations

import io

from pptx.shapes.shapetree import SlideShapes

from generator.deck.model import (
    CalloutPanel,
    FiguresRow,
    Part,
    PlannedChart,
    PlannedPicture,
    PlannedTable,
    QuotePanel,
    TextFrame,
)
from generator.render.pptx.chart import draw_chart
from generator.render.pptx.draw import Style, draw_rect, draw_table, draw_text, emu, set_alt_text


def draw_part(shapes: SlideShapes, part: Part, style: Style, index: int) -> None:
    """Draw one planned part; ``index`` numbers the shapes' names on the slide."""
    if isinstance(part, PlannedChart):
        draw_chart(shapes, part, style, f"Chart {index}")
    elif isinstance(part, PlannedTable):
        draw_table(shapes, part, style, f"Table {index}")
    elif isinstance(part, PlannedPicture):
        picture = shapes.add_picture(io.BytesIO(part.data), emu(part.box.x_pt), emu(part.box.y_pt),
                                     emu(part.box.w_pt), emu(part.box.h_pt))  # the checked bytes, as loaded
        picture.name = f"Picture {index}"
        set_alt_text(picture, part.alt)
    elif isinstance(part, FiguresRow):
        for number, cell in enumerate(part.figures, 1):
            draw_rect(shapes, cell.rule, style, f"Figure {number} rule")
            draw_text(shapes, cell.value, style, f"Figure {number} value")
            draw_text(shapes, cell.label, style, f"Figure {number} label")
    elif isinstance(part, CalloutPanel):
        draw_text(shapes, part.body, style, "Callout")
        draw_rect(shapes, part.bar, style, "Callout bar")
    elif isinstance(part, QuotePanel):
        draw_text(shapes, part.mark, style, "Quotation mark")
        draw_text(shapes, part.quote, style, "Quote")
        if part.attribution is not None:
            draw_text(shapes, part.attribution, style, "Attribution")
    elif isinstance(part, TextFrame):
        draw_text(shapes, part, style, f"Caption {index}")
