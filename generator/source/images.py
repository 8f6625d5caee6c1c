"""Checking the image files an outline names before any renderer touches them.

Stage: called by the outline loader (a file name in, an ``ImageInfo`` carrying the file's bytes
out). A file must sit inside the allowed folder (symlinks are resolved first, so a link pointing
outside counts as outside), be a regular file of bounded size, be a PNG, JPEG or GIF by its
content rather than its name, and have a sane pixel count, so a decompression bomb is refused
before it is decoded, and it is then decoded in full, so half a JPEG or a cut-off GIF is reported
against the outline rather than embedded broken. A photo whose EXIF orientation says "turn" is
turned upright here (PDF viewers and PowerPoint ignore the tag), so both outputs draw it upright.
The file is read once (see ``source.files``) and the bytes that were
checked are the bytes the renderers draw: nothing is read by name again, so a file or folder
swapped after the check cannot change what goes into the outputs.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from msgspec import Struct

from generator.records import repr_without_data
from generator.source.files import Outside, Unreadable, read_file

MAX_PIXELS = 40_000_000
MAX_IMAGE_BYTES = 50_000_000
FORMATS = ("PNG", "JPEG", "GIF")


class ImageInfo(Struct, frozen=True):
    path: Path
    width_px: int
    height_px: int
    data: bytes  # the checked file's bytes, what renderers draw

    __repr__ = repr_without_data


def check_image(relative: str, base: Path, root: Path,
                seen: dict[Path, ImageInfo | str] | None = None) -> ImageInfo | str:
    """Return the image's facts and bytes, or a message saying why it cannot be used.

    ``seen`` remembers files already checked by this load, so an image named by many blocks is
    read and checked once and its one ``bytes`` value is shared by every block.
    """
    candidate = base / relative
    path = candidate.resolve()
    if seen is not None and path in seen:
        return seen[path]
    found = _check(relative, candidate, root)
    if seen is not None:
        seen[path] = found
    return found


def _check(relative: str, candidate: Path, root: Path) -> ImageInfo | str:
    from PIL import Image, UnidentifiedImageError

    path = candidate.resolve()
    try:
        data = read_file(candidate, MAX_IMAGE_BYTES, root)
    except Outside:
        return f"image `{relative}` is outside the outline's folder {root}; move it inside " \
               "(or build with --allow-outside)"
    except FileNotFoundError:
        return f"image file `{relative}` not found (looked for {path})"
    except Unreadable as exc:
        return f"image `{relative}` {exc}"
    except OSError as exc:  # a name too long for the file system, say
        return f"image path `{relative[:60]}{'...' if len(relative) > 60 else ''}` cannot be used: " \
               f"{exc.strerror or exc}"
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind, (width, height) = image.format, image.size
            if kind not in FORMATS:
                return f"image `{relative}` is {kind or 'an unknown format'}; use PNG, JPEG or GIF"
            if width * height > MAX_PIXELS or width < 1 or height < 1:
                return f"image `{relative}` is {width}x{height} pixels; the limit is {MAX_PIXELS:,} pixels"
            image.verify()
        with Image.open(io.BytesIO(data)) as image:  # verify() leaves the image unusable; decode a fresh one
            image.load()
            if orientation(image) not in (0, 1):
                data, (width, height) = _upright(image)
    except Image.DecompressionBombError:
        return f"image `{relative}` has too many pixels to open safely"
    except UnidentifiedImageError:
        return f"image `{relative}` is not a readable image (is it really a PNG, JPEG or GIF?)"
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        return f"image `{relative}` is damaged: {exc or type(exc).__name__}"
    return ImageInfo(path, width, height, data)


def orientation(image: object) -> int:
    """Return an open image's EXIF orientation (1, upright, when it has none or a broken one)."""
    try:
        return int(image.getexif().get(0x0112, 1))  # type: ignore[attr-defined]
    except (TypeError, ValueError, OSError, SyntaxError):
        return 1


def _upright(image: Any) -> tuple[bytes, tuple[int, int]]:
    """Return the picture turned as its EXIF orientation says, re-encoded (the same bytes each build)."""
    from PIL import ImageOps

    turned = ImageOps.exif_transpose(image)
    out = io.BytesIO()
    if image.format == "JPEG":
        turned.save(out, "JPEG", quality=95, subsampling=0)
    else:
        turned.save(out, "PNG")
    return out.getvalue(), turned.size
