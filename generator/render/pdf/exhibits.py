"""Number the brief's exhibits: charts and images are "Figure N", tables "Table N", in reading order.

Stage: Document + Labels in, a map from each exhibit block's origin to its label out (and the
table flowable that repeats its caption, "(continued)", on every page it runs on to, and the
``Exhibit`` that holds one exhibit's flowables so that it may float). Numbers
are worked out from the model before anything is laid out, so they never depend on where a
block lands, and sections left out of the brief take no number.
"""

from __future__ import annotations

import copy
import math
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Table

from generator import model
from generator.errors import BuildWarning
from generator.labels import Labels
from generator.render.pdf.flow import Exhibit
from generator.render.pdf.picture import SharedImage

if TYPE_CHECKING:
    from generator.render.pdf.blocks import BlockContext

MIN_PPI = 150  # below this a printed raster image looks soft
MIN_BOX_LINES = 2  # a box split over two pages shows at least this many lines on the first
# the blocks that float to the next page when they do not fit (``floats``); text fills in behind them
FLOATING = (model.Chart, model.Table, model.Image, model.Figures, model.Quote, model.Callout)


def exhibit_labels(doc: model.Document, labels: Labels) -> dict[str, str]:
    """Return ``{block origin: "Figure 2"}`` for every chart, image and table the brief shows."""
    found: dict[str, str] = {}
    figures = tables = 0
    for section in doc.sections:
        if section.brief_skip:
            continue
        for block in section.content:
            if isinstance(block, model.Chart | model.Image):
                figures += 1
                found[block.origin] = labels.figure.format(n=figures)
            elif isinstance(block, model.Table):
                tables += 1
                found[block.origin] = labels.table.format(n=tables)
    return found


def print_ppi(width_px: int, drawn_width_pt: float) -> float:
    """Return the resolution an image of ``width_px`` pixels prints at when drawn ``drawn_width_pt`` wide."""
    return width_px / (drawn_width_pt / 72) if drawn_width_pt else float("inf")


def soft_image(block: model.Image, path: Path, drawn_width_pt: float) -> list[BuildWarning]:
    """Return a warning, at the image's outline line, when it will print under ``MIN_PPI``."""
    ppi = print_ppi(block.width_px, drawn_width_pt)
    if ppi >= MIN_PPI:
        return []
    return [BuildWarning(path, block.line, f"{block.origin}: image {block.path.name} prints at {ppi:.0f} ppi "
                         f"(under {MIN_PPI}) and will look soft; use one of at least "
                         f"{math.ceil(block.width_px * MIN_PPI / ppi)} pixels across")]


def exhibit_caption(origin: str, caption: model.RichText | None, style: ParagraphStyle, ctx: BlockContext) -> str:
    """Return the caption markup of an exhibit: its number in bold ("Figure 2."), then its caption."""
    label = ctx.exhibits.get(origin)
    text = ctx.rich(caption, style) if caption else ""
    if label is None:
        return text
    number = ctx.plain(f"{label}." if text else label, style, font=ctx.theme.body_font.bold)
    return f"{number} {text}" if text else number


class ContinuedTable(Table):
    """A table that, split over pages, repeats its caption marked "(continued)" above each later part.

    reportlab repeats the header rows itself; the caption is a paragraph of its own (kept with the
    table), so the split puts a copy of it, with the label, in front of every part but the first.
    """

    continued: Flowable | None = None  # the caption to repeat, already marked

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 (reportlab API)
        parts: list[Flowable] = super().split(availWidth, availHeight)
        if len(parts) < 2 or self.continued is None:
            return parts
        for part in parts[1:]:
            if isinstance(part, ContinuedTable):
                part.continued = self.continued
        caption = copy.copy(self.continued)
        return [parts[0], caption, *parts[1:]]


def exhibit_of(block: model.Block, flowables: list[Flowable]) -> Exhibit:
    """Return an exhibit block's flowables as one ``Exhibit``; a picture may shrink.

    A chart may not: drawn smaller, its labels would print below the type scale's smallest size.
    Its plot may be laid out shorter instead, where it can be (``charts.PlotFlowable.relayout``).
    """
    shrinkable: Flowable | None = None
    if isinstance(block, model.Image):
        shrinkable = next((f for f in flowables if isinstance(f, SharedImage)), None)
    fittable = next((f for f in flowables if getattr(f, "relayout", None) is not None), None)
    return Exhibit(flowables, shrinkable, fittable)


class BoxTable(Table):
    """A one-cell box (quote, callout, takeaways) that splits only with two lines or more on each page.

    reportlab splits a cell's content wherever the room ends, and leaves an empty box (just its rule
    or shading) at a page foot when the first paragraph does not fit there; then the box moves on whole.
    """

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 (reportlab API)
        parts: list[Flowable] = super().split(availWidth, availHeight)
        if len(parts) < 2:
            return parts
        first = [f for f in parts[0]._cellvalues[0][0] if f.wrap(availWidth, availHeight)[1] > 0]
        leading = getattr(getattr(first[0], "style", None), "leading", 0.0) if first else 0.0
        lines = sum(f.height / leading for f in first) if leading else 0.0
        return parts if lines >= MIN_BOX_LINES - 0.01 else []
