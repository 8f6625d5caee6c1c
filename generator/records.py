"""How a record that holds a file's bytes shows itself: the bytes by their length, not their content.

Records are frozen ``msgspec.Struct``s; a repr of an image or a template in full would drown a
test failure or a debugging session in megabytes of escapes.
"""

from __future__ import annotations

from msgspec import Struct


def repr_without_data(record: Struct) -> str:
    """Return ``record``'s repr with its ``data`` field named by its size."""
    shown = (f"{name}={len(value)} bytes" if name == "data" and isinstance(value, bytes) else f"{name}={value!r}"
             for name in record.__struct_fields__ for value in (getattr(record, name),))
    return f"{type(record).__name__}({', '.join(shown)})"
