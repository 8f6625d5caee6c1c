"""Page geometry and page furniture: frames, label banner, running head and "Page N of M" footer.

Stage: Theme + Document in; page templates and a canvas class out. The footer needs the
page count, so ``BriefCanvas`` holds each finished page until ``save`` and only then draws
the furniture: one layout pass, no second build.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from typing import Any

from msgspec import Struct
from reportlab.lib.colors import Color, white
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, PageTemplate

from generator.render.pdf.embolden import EmboldeningText
from generator.render.pdf.notes import draw_page_notes
from generator.render.pdf.text import Run, runs_width
from generator.theme.fonts import STANDARD_FONTS
from generator.theme.model import Theme

PAGE_TEMPLATE = "page"
MEASURE_CHARS = 72  # the default measure: this many characters of running text in the body font
# a line of running English text, whose average character width stands for the body font's
MEASURE_SAMPLE = ("The alliance has kept about 28,500 American troops in South Korea since the armistice, "
                  "and any cut would change how deterrence works on the peninsula.")


class PageGeometry(Struct, frozen=True):
    """Where the text block sits on the page; all lengths in points.

    The grid of a one-column brief: running text (paragraphs, lists, headings, quotes, callouts)
    sets on a column of ``measure_pt`` at the text block's left edge; the rest of the text block,
    at its right, is a wide margin that the cover, the takeaways box and the exhibits (charts,
    tables, figure rows, images) span into. Two columns fill the whole text block instead. A
    right-to-left brief (``rtl``) mirrors it: the column sits at the text block's right edge, the
    wide margin at its left.
    """

    width_pt: float
    height_pt: float
    margin_pt: float
    columns: int
    gutter_pt: float
    measure_pt: float = 0.0  # the running text's width in one column; 0: the whole text block
    rtl: bool = False  # the grid, running head and footer mirrored for a right-to-left language

    @classmethod
    def from_theme(cls, theme: Theme, gutter_pt: float, rtl: bool = False) -> PageGeometry:
        width, height = theme.brief.page.points
        columns = max(1, theme.brief.columns)
        measure = theme.brief.measure_pt
        if measure is None:
            per_char = stringWidth(MEASURE_SAMPLE, theme.body_font.regular, theme.brief.body_pt) / len(MEASURE_SAMPLE)
            measure = round(per_char * MEASURE_CHARS)
        block = width - 2 * theme.brief.margin_pt
        return cls(width, height, theme.brief.margin_pt, columns, gutter_pt, min(measure, block) if columns == 1 else 0,
                   rtl)

    @property
    def frame_width_pt(self) -> float:
        return self.width_pt - 2 * self.margin_pt

    @property
    def frame_height_pt(self) -> float:
        return self.height_pt - 2 * self.margin_pt

    @property
    def text_width_pt(self) -> float:
        """The width of the frame running text is set in: the measure, or the whole text block in columns."""
        return self.measure_pt or self.frame_width_pt

    @property
    def text_left_pt(self) -> float:
        """The left edge of the frame running text is set in: the text block's, or the measure's from its right."""
        return self.margin_pt + (self.frame_width_pt - self.text_width_pt if self.rtl else 0.0)

    @property
    def column_width_pt(self) -> float:
        # rounded down, by at least 0.005 pt: reportlab works the column out again (in its own order of
        # operations) and rejects content wider by a rounding error
        exact = (self.text_width_pt - (self.columns - 1) * self.gutter_pt) / self.columns
        return math.floor(exact * 100 - 0.5) / 100


def page_templates(page: PageGeometry, on_page: Any) -> list[PageTemplate]:
    """Return the one page template: one frame, the measure wide (what spans the margin is drawn out of it, see
    ``grid``) or the whole text block (columns are laid out inside it by ``flow``)."""
    frame = Frame(page.text_left_pt, page.margin_pt, page.text_width_pt, page.frame_height_pt, leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    return [PageTemplate(PAGE_TEMPLATE, [frame], onPage=on_page)]


class Furniture(Struct, frozen=True):
    """What is drawn around the text on every page."""

    page: PageGeometry
    font: str
    size_pt: float
    muted: Color
    rule: Color
    accent: Color
    background: Color | None  # None: leave the paper white
    label: list[Run]
    organization: list[Run]
    running_head: list[Run]
    logo: bytes | None  # the checked logo file's content
    page_of: Callable[[int, int], list[Run]]  # "Page 3 of 5", in the document's language and its fonts

    def paint_background(self, canvas: Canvas, _doc: object = None) -> None:
        """Fill the page with the theme's background colour before anything is drawn on it."""
        if self.background is not None:
            canvas.saveState()
            canvas.setFillColor(self.background)
            canvas.rect(0, 0, self.page.width_pt, self.page.height_pt, stroke=0, fill=1)
            canvas.restoreState()

    def draw(self, canvas: Canvas, number: int, count: int) -> None:
        """Draw the label banner, running head (after page one) and footer of page ``number``.

        Left to right, the organization and the running head start at the left margin, the page
        number and the label end at the right one; a right-to-left brief mirrors every one of them.
        """
        page, size = self.page, self.size_pt
        left, right = page.margin_pt, page.width_pt - page.margin_pt
        start, end = (right, left) if page.rtl else (left, right)
        canvas.saveState()
        footer_y = page.margin_pt * 0.5
        canvas.setStrokeColor(self.rule)
        canvas.setLineWidth(0.5)
        canvas.line(left, footer_y + size * 1.4, right, footer_y + size * 1.4)
        canvas.setFillColor(self.muted)
        _draw_runs(canvas, self.organization, start, footer_y, size, at_end=page.rtl)
        _draw_runs(canvas, self.page_of(number, count), end, footer_y, size, at_end=not page.rtl)
        header_y = page.height_pt - page.margin_pt * 0.5 - size * 0.35
        label_edge = end
        if self.label:
            label_edge = self._draw_label(canvas, end, header_y)
        if number == 1 and self.logo is not None:
            self._draw_logo(canvas, start, header_y)
        elif number > 1:
            canvas.setFillColor(self.muted)
            room = abs(label_edge - start) - size * 2
            head = _mirrored(_truncated(_mirrored(self.running_head), size, room)) if page.rtl \
                else _truncated(self.running_head, size, room)  # a right-to-left title keeps its start, at the right
            _draw_runs(canvas, head, start, header_y, size, at_end=page.rtl)
        canvas.restoreState()

    def _draw_label(self, canvas: Canvas, edge: float, baseline: float) -> float:
        """Draw the banner against ``edge`` (its right end; its left one right to left) and return its other end."""
        size, rtl = self.size_pt, self.page.rtl
        pad = size * 0.7
        width = runs_width(self.label, size) + 2 * pad
        x = edge if rtl else edge - width
        canvas.setFillColor(self.accent)
        canvas.roundRect(x, baseline - size * 0.55, width, size * 1.75, size * 0.25, stroke=0, fill=1)
        canvas.setFillColor(white)
        _draw_runs(canvas, self.label, edge + width - pad if rtl else edge - pad, baseline, size, at_end=True)
        return x + width if rtl else x

    def _draw_logo(self, canvas: Canvas, edge: float, baseline: float) -> None:
        assert self.logo is not None
        image = ImageReader(io.BytesIO(self.logo))
        width_px, height_px = image.getSize()
        height = self.page.margin_pt * 0.45
        width = width_px * height / height_px
        middle = baseline + self.size_pt * 0.325  # level with the middle of the label banner
        canvas.drawImage(image, edge - width if self.page.rtl else edge, middle - height / 2, width, height,
                         mask="auto")


def _draw_runs(canvas: Canvas, runs: list[Run], x: float, y: float, size: float, at_end: bool = False) -> None:
    """Draw ``runs`` from ``x``, or ending at ``x`` when ``at_end``."""
    if at_end:
        x -= runs_width(runs, size)
    for chunk, font in runs:
        canvas.setFont(font, size)
        canvas.drawString(x, y, chunk)
        x += stringWidth(chunk, font, size)


def _mirrored(runs: list[Run]) -> list[Run]:
    """Return ``runs`` with their characters in the opposite drawing order."""
    return [(chunk[::-1], font) for chunk, font in reversed(runs)]


def _truncated(runs: list[Run], size: float, width: float) -> list[Run]:
    """Return ``runs`` cut to ``width`` with an ellipsis (a long title in the running head)."""
    if runs_width(runs, size) <= width:
        return runs
    ellipsis: Run = ("…", runs[0][1])  # the base font: the standard fonts all have it
    kept: list[Run] = []
    used = stringWidth(*ellipsis, size)
    for chunk, font in runs:
        for char in chunk:
            advance = stringWidth(char, font, size)
            if used + advance > width:
                return [*kept, ellipsis]
            used += advance
            if kept and kept[-1][1] == font:
                kept[-1] = (kept[-1][0] + char, font)
            else:
                kept.append((char, font))
    return kept


class BriefCanvas(Canvas):
    """A canvas that holds finished pages until ``save`` so each can say "Page N of M"."""

    def __init__(self, *args: Any, furniture: Furniture, **kwargs: Any) -> None:
        # reportlab opens every page in Helvetica; start in the brief's own (embedded) font instead,
        # or the PDF names an unembedded Helvetica the reader must supply
        kwargs["initialFontName"] = kwargs.get("initialFontName") or furniture.font
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._held_pages: list[dict[str, Any]] = []
        self.footnote_frames: dict[int, Any] = {}  # the notes reserved on the page being drawn (notes.NoteMark)

    def setFont(self, psfontname: str, size: float, leading: float | None = None) -> None:  # noqa: N802
        # Every text of the brief is drawn in embedded fonts; a standard PDF font only arrives
        # here as a reportlab default that draws nothing (each table cell selects Helvetica 10pt
        # before its paragraphs set their own). Naming it would put an unembedded font in the PDF.
        if psfontname in STANDARD_FONTS and hasattr(self, "_furniture"):
            psfontname = self._furniture.font
        super().setFont(psfontname, size, leading)

    def beginText(self, x: float = 0, y: float = 0, direction: Any = None) -> EmboldeningText:  # noqa: N802
        # every text of the brief (paragraphs, labels, charts) is set through here, so bold CJK
        # text in a face without a bold is emboldened wherever it is drawn
        return EmboldeningText(self, x, y, direction=direction)

    def showPage(self) -> None:  # noqa: N802 (reportlab API)
        draw_page_notes(self, self._furniture.rule, self._furniture.page.rtl)
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def bookmarkPage(self, key: str, **kwargs: Any) -> Any:  # noqa: N802 (reportlab API)
        # Pages reach the document only in save(), so the document's page counter still
        # points at page one; aim the bookmark at the page being drawn instead.
        doc = self._doc
        counter, in_object = doc.pageCounter, doc.inObject
        doc.pageCounter = self._pageNumber
        try:
            return super().bookmarkPage(key, **kwargs)
        finally:
            doc.pageCounter, doc.inObject = counter, in_object

    def save(self) -> None:
        count = len(self._held_pages)
        for state in self._held_pages:
            self.__dict__.update(state)
            self._furniture.draw(self, self._pageNumber, count)
            super().showPage()
        super().save()
