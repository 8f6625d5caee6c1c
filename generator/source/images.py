"""Checking the image files an outline names before any renderer touches them.

Stage: called by the outline loader. A file must sit inside the allowed folder (symlinks are
resolved first, so a link pointing outside counts as outside), be a PNG, JPEG or GIF by its
content rather than its name, and have a sane pixel count, so a decompression bomb is refused
before it is decoded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MAX_PIXELS = 40_000_000
FORMATS = ("PNG", "JPEG", "GIF")


@dataclass(frozen=True, slots=True)
class ImageInfo:
    path: Path
    width_px: int
    height_px: int


def inside(path: Path, root: Path) -> bool:
    """Tell whether ``path`` (after resolving symlinks) lies inside ``root``."""
    return path.resolve().is_relative_to(root.resolve())


def check_image(relative: str, base: Path, root: Path) -> ImageInfo | str:
    """Return the image's facts, or a message saying why it cannot be used."""
    from PIL import Image, UnidentifiedImageError

    candidate = base / relative
    if not inside(candidate, root):
        return f"image `{relative}` is outside the outline's folder {root}; move it inside " \
               "(or build with --allow-outside)"
    path = candidate.resolve()
    if not path.is_file():
        return f"image file `{relative}` not found (looked for {path})"
    try:
        with Image.open(path) as image:
            kind, (width, height) = image.format, image.size
            if kind not in FORMATS:
                return f"image `{relative}` is {kind or 'an unknown format'}; use PNG, JPEG or GIF"
            if width * height > MAX_PIXELS or width < 1 or height < 1:
                return f"image `{relative}` is {width}x{height} pixels; the limit is {MAX_PIXELS:,} pixels"
            image.verify()
    except Image.DecompressionBombError:
        return f"image `{relative}` has too many pixels to open safely"
    except UnidentifiedImageError:
        return f"image `{relative}` is not a readable image (is it really a PNG, JPEG or GIF?)"
    except (OSError, SyntaxError, ValueError) as exc:
        return f"image `{relative}` is damaged: {exc}"
    return ImageInfo(path, width, height)
