"""Images in the brief: each distinct image decoded once and drawn from the bytes that were checked.

Stage: used by the block builders and the page decorations (an image's checked bytes in, a
flowable or a drawing out). reportlab's own ``Image`` flowable opens its file by name and
decodes it again for every block, so 200 blocks naming one 2000x2000 PNG held 200 decoded
copies (5.5 GB). Here one ``ImageReader`` per distinct content is shared by every block that
shows it, and reportlab stores the picture once in the PDF (it names images by content).
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable


class Pictures:
    """The decoded images of one brief, one reader per distinct file content."""

    def __init__(self) -> None:
        self._readers: dict[bytes, ImageReader] = {}

    def reader(self, data: bytes) -> ImageReader:
        # bytes cache their hash, and blocks naming one file share one bytes value: lookups are cheap
        found = self._readers.get(data)
        if found is None:
            found = self._readers[data] = ImageReader(io.BytesIO(data))
        return found


class SharedImage(Flowable):
    """A picture of a fixed size drawn from a shared reader."""

    def __init__(self, reader: ImageReader, width_pt: float, height_pt: float, h_align: str = "CENTER") -> None:
        super().__init__()
        self.reader = reader
        self.drawWidth, self.drawHeight = width_pt, height_pt
        self.hAlign = h_align

    def wrap(self, _avail_width: float, _avail_height: float) -> tuple[float, float]:
        return self.drawWidth, self.drawHeight

    def draw(self) -> None:
        self.canv.drawImage(self.reader, 0, 0, self.drawWidth, self.drawHeight, mask="auto")

    def identity(self, max_length: Any = None) -> str:
        return f"<SharedImage {self.drawWidth:.0f}x{self.drawHeight:.0f}pt>"
