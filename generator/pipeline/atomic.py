"""Writing an output so that it appears whole or not at all.

Stage: used by ``build`` for every file it writes. On Linux the bytes go into an anonymous
file (``O_TMPFILE``) in the target's folder, which has no name until it is committed, so
even a killed process leaves nothing behind; the file is then linked (or, where the kernel
refuses that, copied) under a hidden name and renamed over the target in one step.
Elsewhere a hidden named temporary file is used and removed on failure.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


class PendingFile:
    """An output being written; invisible to readers of the folder until ``commit``."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self._named: Path | None = None
        self.stream: BinaryIO = self._open()

    def _open(self) -> BinaryIO:
        flag = getattr(os, "O_TMPFILE", 0)
        if flag:
            try:
                return os.fdopen(os.open(self.target.parent, flag | os.O_WRONLY, 0o644), "wb")
            except OSError:
                pass  # a file system without anonymous files: fall back to a named one
        handle, name = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".part", dir=self.target.parent)
        self._named = Path(name)
        return os.fdopen(handle, "wb")

    def commit(self) -> None:
        """Put the finished file in place of the target, replacing any previous one atomically."""
        self.stream.flush()
        os.fsync(self.stream.fileno())
        if self._named is None:
            self._named = self._name_anonymous()
        self.stream.close()
        os.chmod(self._named, 0o644)
        os.replace(self._named, self.target)
        self._named = None

    def _name_anonymous(self) -> Path:
        """Give the anonymous file a hidden name: a hard link, or a copy where linking is refused."""
        handle, name = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".part", dir=self.target.parent)
        hidden = Path(name)
        try:
            os.close(handle)
            hidden.unlink()
            os.link(f"/proc/self/fd/{self.stream.fileno()}", hidden, follow_symlinks=True)
        except OSError:  # some kernels and sandboxes refuse linkat on /proc: copy the bytes instead
            with open(f"/proc/self/fd/{self.stream.fileno()}", "rb") as source, open(hidden, "wb") as copy:
                shutil.copyfileobj(source, copy)
                copy.flush()
                os.fsync(copy.fileno())
        return hidden

    def discard(self) -> None:
        """Forget the file (a failed build); the target, if any, stays as it was."""
        if not self.stream.closed:
            self.stream.close()
        if self._named is not None:
            self._named.unlink(missing_ok=True)
            self._named = None


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM while a set of outputs is renamed into place, then deliver them.

    Without this an interrupt between two renames would leave a new brief beside an old deck.
    """
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
