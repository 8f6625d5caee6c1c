"""Parsed TrueType fonts kept between builds as data, so embedding real fonts costs little start-up time.

Stage: a TrueType file's path in, a reportlab ``TTFont`` ready to register out. reportlab
parses a font file in 5-10 ms (a CJK font in far more), and a brief uses five faces. What the
parse finds (the face's metrics, character map and glyph table) is written into the user's
cache folder (``$BRIEFDECK_CACHE``, else ``$XDG_CACHE_HOME/briefdeck``, else
``~/.cache/briefdeck``) as JSON and columns of numbers, named by a hash of the font's bytes,
reportlab's version and this format: an edited font or a new reportlab parses afresh, and a
record only ever describes the file it is named by. The font's bytes themselves come from the
font file, never from the cache. A record is data, never code (no pickle): whoever can write
into the cache folder can at worst make a record that does not load (the font is then parsed),
never make briefdeck run anything. Any problem with the cache (unwritable, stale, corrupt)
falls back to parsing: the cache can make a build faster, never different.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import tempfile
from array import array
from itertools import chain
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

FORMAT = "3"  # bump when what is recorded changes (1 was a pickle, which a cache folder must never hold)
_NOT_RECORDED = frozenset(("_ttf_data", "_pdfScale"))  # the file's bytes (read from the file) and a lambda
_MAX_RECORD_BYTES = 32 * 1024 * 1024
_MAGIC = b"briefdeck font metrics\n"  # then the JSON's length (8 bytes, little-endian), the JSON, the numbers


def _cache_folder() -> Path:
    try:
        base = os.environ.get("BRIEFDECK_CACHE") or str(
            Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "briefdeck")
    except RuntimeError:  # no home folder
        base = str(Path(tempfile.gettempdir()) / f"briefdeck-{os.getuid()}")
    return Path(base) / "fonts"


def _key(data: bytes, subfont: int) -> str:
    import reportlab

    digest = hashlib.sha256(data)
    digest.update(f"|{subfont}|{reportlab.Version}|{FORMAT}".encode())
    return digest.hexdigest()


def _scale(units_per_em: int) -> Any:
    factor = 1000 / units_per_em
    return lambda x: x * factor


_keep_files = True  # off in a process that measures text but never embeds a font (``measure_only``)


def measure_only() -> None:
    """Load faces without their font files from now on: this process measures text, never embeds a font.

    For the forked deck process, which draws one deck and exits: a face keeps its file's bytes
    (some 400 KB each) only for the PDF's font subsets, and the deck's five faces were 2 MB of its
    peak memory. A face without them fails loudly if anything tries to embed it.
    """
    global _keep_files
    _keep_files = False


def load_ttf(name: str, path: Path, subfont: int = 0) -> Any:
    """Return ``TTFont(name, path)``, from the cache when a file with these bytes was parsed before.

    The font is an ``embedding.EmbeddedFont`` named by its bytes' hash, so its finished subsets are
    shared with any later document that uses the same characters in the same font file.
    """
    from reportlab.pdfbase.ttfonts import TTFont

    from generator.theme.embedding import embedded

    try:
        data = path.read_bytes()
    except OSError:
        return TTFont(name, str(path), subfontIndex=subfont)  # reportlab reports the unreadable file
    identity = _key(data, subfont)
    record = _cache_folder() / f"{identity}.metrics"
    font = _load(record, name, path, data)
    if font is None:
        font = TTFont(name, str(path), subfontIndex=subfont)
        _store(font, record)
    if not _keep_files:
        font.face._ttf_data = None
    return embedded(font, identity)


def _load(record: Path, name: str, path: Path, data: bytes) -> Any:
    """Return the font a record describes, or None if there is no sound record."""
    from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace

    try:
        with record.open("rb") as file:
            text = file.read(_MAX_RECORD_BYTES + 1)
        if len(text) > _MAX_RECORD_BYTES:
            return None
        gc.disable()  # tens of thousands of small objects: collecting while they arrive doubles the time
        try:
            if not text.startswith(_MAGIC):
                return None
            size = int.from_bytes(text[len(_MAGIC):len(_MAGIC) + 8], "little")
            start = len(_MAGIC) + 8
            saved = json.loads(text[start:start + size])
            blob = memoryview(text)[start + size:]
            font_values = _decode_attributes(saved["font"], blob)
            face_values = _decode_attributes(saved["face"], blob)
        finally:
            gc.enable()
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
        return None
    face = TTFontFace.__new__(TTFontFace)
    face.__dict__.update(face_values)
    face._ttf_data = data
    face.filename = str(path)
    try:
        face._pdfScale = _scale(face.unitsPerEm)
    except (AttributeError, TypeError, ZeroDivisionError):
        return None
    font = TTFont.__new__(TTFont)
    font.__dict__.update(font_values)
    font.fontName, font.face, font.encoding, font.state = name, face, TTEncoding(), WeakKeyDictionary()
    return font


def _store(font: Any, record: Path) -> None:
    try:
        face_values = {k: v for k, v in vars(font.face).items() if k not in _NOT_RECORDED}
        font_values = {k: v for k, v in vars(font).items() if k not in ("face", "state", "encoding", "fontName")}
        blob = bytearray()
        header = json.dumps({"font": _encode_attributes(font_values, blob),
                             "face": _encode_attributes(face_values, blob)}, separators=(",", ":")).encode()
        text = _MAGIC + len(header).to_bytes(8, "little") + header + blob
        record.parent.mkdir(parents=True, exist_ok=True)
        temporary = record.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(text)
        temporary.rename(record)  # not os.replace: tests trap that to kill a build mid-commit
    except (OSError, TypeError, ValueError):
        pass  # a value this format cannot hold (another reportlab), or an unwritable folder: parse next time


# A value is recorded as itself when JSON holds it as it is (numbers, text, None); anything else as a
# one-key object naming its kind. Columns of numbers (a dict's keys, its values, the glyph table) are
# machine numbers after the JSON, which decode at C speed: no Python code runs per entry of the
# character map's thousands, and a float comes back bit for bit.

_SCALARS = (int, float, str, bool, type(None))
_SCALAR_SET = frozenset(_SCALARS)


def _plain(value: Any) -> bool:
    """Tell whether JSON gives ``value`` back exactly: a scalar, or a list of plain values."""
    kind = type(value)
    if kind in _SCALARS:
        return True
    if kind is not list:
        return False
    kinds = set(map(type, value))  # types looked at in C: the glyph table holds thousands of lists
    if kinds <= _SCALAR_SET:
        return True
    if kinds == {list} and set(map(type, chain.from_iterable(value))) <= _SCALAR_SET:
        return True
    return kinds <= _SCALAR_SET | {list} and all(map(_plain, value))


def _column(values: list[Any], blob: bytearray) -> dict[str, list[int]] | None:
    """Pack a list of only ints, or of only floats, into ``blob``; return where it is, or None for other lists."""
    kinds = set(map(type, values))  # at C speed: the glyph table has thousands of entries
    if kinds == {int}:
        try:
            packed = array("q", values)
        except OverflowError:
            return None
    elif kinds == {float}:
        packed = array("d", values)
    else:
        return None
    start = len(blob)
    blob += packed.tobytes()
    return {"ints" if packed.typecode == "q" else "floats": [start, len(blob)]}


def _encode(value: Any, blob: bytearray) -> Any:
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is list:
        column = _column(value, blob)
        if column is not None:
            return column
        width = len(value[0]) if value and type(value[0]) is tuple else 0
        if width and set(map(type, value)) == {tuple} and set(map(len, value)) == {width}:
            flat = _column(list(chain.from_iterable(value)), blob)
            if flat is not None:
                return {"tuples": [width, flat]}
        if _plain(value):
            return {"list": value}
        return {"items": [_encode(item, blob) for item in value]}
    if kind is tuple:
        return {"tuple": [_encode(item, blob) for item in value]}
    if kind is dict:
        keys, values = list(value), list(value.values())
        key_kinds = set(map(type, keys))
        if key_kinds == {int}:
            return {"by-number": [_encode(keys, blob), _encode(values, blob)]}
        if key_kinds <= {str}:
            if set(map(type, values)) <= _SCALAR_SET:
                return {"record": value}
            return {"by-name": {key: _encode(item, blob) for key, item in value.items()}}
    if kind is bytes:
        return {"bytes": value.decode("latin-1")}
    if kind is TTFNameBytes and bytes(value) == value.ustr.encode("utf8"):
        return {"name": value.ustr}
    raise TypeError(f"cannot record a {kind.__name__}")


def _decode(value: Any, blob: memoryview) -> Any:
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    if type(value) is not dict:
        if type(value) is list:
            raise ValueError("a bare list")  # lists are always wrapped: every value has one reading
        return value
    ((kind, payload),) = value.items()
    if kind == "list":
        if type(payload) is not list:
            raise ValueError(kind)
        return payload
    if kind in ("ints", "floats"):
        start, end = payload
        numbers = array("q" if kind == "ints" else "d")
        numbers.frombytes(blob[start:end])
        return numbers.tolist()
    if kind == "tuples":
        width, flat = payload
        numbers = _decode(flat, blob)
        if type(width) is not int or width < 1 or len(numbers) % width:
            raise ValueError(kind)
        return list(zip(*(iter(numbers),) * width, strict=True))
    if kind == "items":
        return [_decode(item, blob) for item in payload]
    if kind == "tuple":
        return tuple(_decode(item, blob) for item in payload)
    if kind == "by-number":
        packed_keys, packed_values = payload
        keys, values = _decode(packed_keys, blob), _decode(packed_values, blob)
        checked = type(packed_keys) is dict and "ints" in packed_keys  # a column of ints needs no look
        if type(values) is not list or not (checked or all(type(key) is int for key in keys)):
            raise ValueError(kind)
        return dict(zip(keys, values, strict=True))
    if kind == "record":
        if type(payload) is not dict or any(type(item) in (dict, list) for item in payload.values()):
            raise ValueError(kind)
        return payload
    if kind == "by-name":
        return {str(key): _decode(item, blob) for key, item in payload.items()}
    if kind == "bytes":
        return payload.encode("latin-1")
    if kind == "name":
        return TTFNameBytes(payload.encode("utf8"))
    raise ValueError(f"unknown kind {kind!r}")


def _encode_attributes(values: dict[str, Any], blob: bytearray) -> dict[str, Any]:
    return {name: _encode(value, blob) for name, value in values.items()}


def _decode_attributes(saved: Any, blob: memoryview) -> dict[str, Any]:
    """Decode an object's recorded attributes; only ordinary names (no ``__dict__``, no ``__class__``)."""
    if type(saved) is not dict:
        raise ValueError("not an object")
    values = {}
    for name, value in saved.items():
        if not name.isidentifier() or name.startswith("__"):
            raise ValueError(f"attribute {name!r}")
        values[name] = _decode(value, blob)
    return values
