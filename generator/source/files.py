"""Reading an input file once, safely: a regular file, of bounded size, inside its folder.

Stage: the first read of every file an outline or theme names (a path in, its bytes out, or
an ``Unreadable`` saying why not). The checks are made on the open descriptor, not on the
name, so what is checked is what is read: ``fstat`` says whether it is a regular file and how
large it is before a byte is read (``/dev/zero`` or a 3 GB file is refused at once, and a FIFO
is opened without blocking and refused). A file that must stay inside a folder is opened
component by component from a descriptor held on that folder, each with ``O_NOFOLLOW``, so a
folder swapped for a symlink after the check cannot let an outside file in.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_HELD = os.open in os.supports_dir_fd and bool(_NOFOLLOW and _DIRECTORY)


class Unreadable(Exception):
    """A file that cannot be used; the message completes "the file ..." (no content of it)."""


class Outside(Unreadable):
    """A file that lies outside the folder it must stay in."""


def inside(path: Path, root: Path) -> bool:
    """Tell whether ``path`` (after resolving symlinks) lies inside ``root``."""
    return path.resolve().is_relative_to(root.resolve())


def _open_held(real: Path, real_root: Path) -> int:
    """Open ``real`` by walking from ``real_root`` one component at a time, never following a link."""
    fd = os.open(real_root, os.O_RDONLY | _DIRECTORY)
    try:
        parts = real.relative_to(real_root).parts
        for part in parts[:-1]:
            child = os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=fd)
            os.close(fd)
            fd = child
        return os.open(parts[-1], os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _BINARY, dir_fd=fd)
    finally:
        os.close(fd)


def _open(path: Path, root: Path | None) -> int:
    if root is None:
        return os.open(path, os.O_RDONLY | _NONBLOCK | _BINARY)
    real, real_root = path.resolve(), root.resolve()
    if not real.is_relative_to(real_root):
        raise Outside(f"is outside the folder {root}")
    if not _HELD or real == real_root:
        return os.open(real, os.O_RDONLY | _BINARY)
    try:
        return _open_held(real, real_root)
    except OSError as exc:
        if exc.errno in (getattr(os, "ELOOP", -1), getattr(os, "ENOTDIR", -1)):
            raise Outside(f"changed while it was read (a folder became a link) and may lie outside {root}") \
                from None
        raise


def read_file(path: Path, max_bytes: int, root: Path | None = None) -> bytes:
    """Return the bytes of ``path``: a regular file of at most ``max_bytes``, inside ``root`` if given.

    Raise ``FileNotFoundError`` when there is no such file, ``Unreadable`` when it cannot be used.
    """
    try:
        fd = _open(path, root)
    except FileNotFoundError:
        raise
    except Unreadable:
        raise
    except OSError as exc:
        raise Unreadable(f"cannot be read: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a pipe" if stat.S_ISFIFO(info.st_mode) \
                else "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) else "not a file"
            raise Unreadable(f"is {kind}, not a regular file")
        if info.st_size > max_bytes:
            raise Unreadable(f"is {info.st_size:,} bytes; the limit is {max_bytes:,}")
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:  # grew while it was read
            raise Unreadable(f"is more than {max_bytes:,} bytes; the limit is {max_bytes:,}")
        return data
    except OSError as exc:
        raise Unreadable(f"cannot be read: {exc.strerror}") from None
    finally:
        os.close(fd)
