"""Emboldened text: CJK faces without a bold file drawn bold by filling and stroking their outlines.

Stage: part of the PDF renderer's canvas (text drawn in a font named ``fonts.emboldened``
in, PDF text operators out). Debian ships no TrueType bold for the Japanese and Chinese
families the brief embeds (IPAex Gothic, WenQuanYi Zen Hei), and reportlab embeds nothing
else, so bold text in them is set as PDF tools set it: text render mode 2 (fill, then stroke)
with a stroke of a thirtieth of the type size in the text's own colour. The outlines, the
advance widths and the extracted text stay those of the regular face.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.textobject import PDFTextObject

from generator.theme.fonts import EMBOLDENED

STROKE_EM = 1 / 30  # the stroke's width, in ems of the type size: as heavy as a bold without blotting


class EmboldeningText(PDFTextObject):
    """A text object that strokes, as well as fills, the text it sets in an emboldened font."""

    def _formatText(self, text: Any) -> str:  # noqa: N802 (reportlab API)
        code: str = super()._formatText(text)
        if not self._fontname.endswith(EMBOLDENED):
            return code
        canvas = self._canvas
        fill = getattr(self, "_fillColorObj", None) or canvas._fillColorObj
        width = fp_str(self._fontsize * STROKE_EM)
        stroke, restore = self._stroke_code(fill), self._stroke_code(canvas._strokeColorObj)
        mode = getattr(self, "_textRenderMode", 0)
        return f"{stroke} {width} w 2 Tr {code} {mode} Tr {restore} {fp_str(canvas._lineWidth)} w"

    def _stroke_code(self, color: Any) -> str:
        """Return the operators that make ``color`` the stroke colour, without emitting them."""
        # reportlab's untyped attributes: the operators are swapped into a list of our own
        state: dict[str, Any] = self.__dict__
        kept: list[str] = state["_code"]
        fresh: list[str] = []
        state["_code"] = fresh
        try:
            self.setStrokeColor(color)
            return " ".join(fresh)
        finally:
            state["_code"] = kept
