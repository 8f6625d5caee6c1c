"""Parsed TrueType fonts kept between builds, so embedding real fonts costs no start-up time.

Stage: a TrueType file's path in, a reportlab ``TTFont`` ready to register out. reportlab
parses a font file in 10-40 ms (a CJK font in far more); a build that embeds the theme's
eight faces would pay that on every cold start. The parsed font is pickled into the user's
cache folder (``$BRIEFDECK_CACHE``, else ``$XDG_CACHE_HOME/briefdeck``, else
``~/.cache/briefdeck``) under a hash of the file's path, size, modification time and reportlab's
version (hashing the bytes of eight fonts on every start cost more than it saved), so an edited
font or a new reportlab parses afresh. Any problem with the cache (unwritable, stale,
corrupt) falls back to parsing: the cache can make a build faster, never different.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

FORMAT = "1"  # bump when what is pickled changes


def _cache_folder() -> Path:
    try:
        base = os.environ.get("BRIEFDECK_CACHE") or str(
            Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "briefdeck")
    except RuntimeError:  # no home folder
        base = str(Path(tempfile.gettempdir()) / f"briefdeck-{os.getuid()}")
    return Path(base) / "fonts"


def _key(path: Path, subfont: int) -> str:
    import reportlab

    stat = path.stat()
    identity = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{subfont}|{reportlab.Version}|{FORMAT}"
    return hashlib.sha256(identity.encode()).hexdigest()


def _scale(units_per_em: int) -> Any:
    factor = 1000 / units_per_em
    return lambda x: x * factor


def load_ttf(name: str, path: Path, subfont: int = 0) -> Any:
    """Return ``TTFont(name, path)``, from the cache when this exact file was parsed before."""
    from reportlab.pdfbase.ttfonts import TTFont

    try:
        record = _cache_folder() / f"{_key(path, subfont)}.pickle"
        data = record.read_bytes()
        gc.disable()  # tens of thousands of small objects: collecting while they arrive doubles the time
        try:
            font = pickle.loads(data)
        finally:
            gc.enable()
        font.fontName = name
        font.state = WeakKeyDictionary()
        font.face._pdfScale = _scale(font.face.unitsPerEm)  # a lambda: not picklable, rebuilt here
        return font
    except (OSError, pickle.UnpicklingError, AttributeError, EOFError, TypeError, ValueError):
        pass
    font = TTFont(name, str(path), subfontIndex=subfont)
    _store(font, path, subfont)
    return font


def _store(font: Any, path: Path, subfont: int) -> None:
    scale, state = font.face._pdfScale, font.state
    try:
        del font.face._pdfScale
        font.state = None
        data = pickle.dumps(font, protocol=pickle.HIGHEST_PROTOCOL)
        record = _cache_folder() / f"{_key(path, subfont)}.pickle"
        record.parent.mkdir(parents=True, exist_ok=True)
        temporary = record.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(data)
        temporary.rename(record)  # not os.replace: tests trap that to kill a build mid-commit
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass
    finally:
        font.face._pdfScale, font.state = scale, state
