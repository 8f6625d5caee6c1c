"""Ctrl-C and SIGTERM during a build: always a clean stop, never a traceback or debris.

Stage: used by ``build`` around everything it does: a signal in, an ``Interrupted`` exception
out. The handler records the request and raises KeyboardInterrupt to stop at once; but
libraries catch that (reportlab's colour parser turns it into "ValueError: Invalid color
value"), so whatever ends the build once a signal was recorded is replaced by
``Interrupted``, and ``check`` stops a build whose interrupt was swallowed whole before it
commits anything. SIGTERM is handled like Ctrl-C, so that the build's cleanup runs.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_DEFAULTS = (signal.default_int_handler, signal.SIG_DFL)


class Interrupted(KeyboardInterrupt):
    """The build stopped because of a signal; its exit status is 128 + the signal's number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class Watch:
    """The signal recorded during a build, if any."""

    def __init__(self) -> None:
        self.signum: int | None = None

    def check(self) -> None:
        """Stop here if a signal arrived, even if the code it interrupted swallowed the exception."""
        if self.signum is not None:
            raise Interrupted(self.signum)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        first = self.signum is None
        self.signum = signum
        if first:  # a second Ctrl-C must not break the cleanup the first one started
            raise KeyboardInterrupt


@contextmanager
def interruptible() -> Iterator[Watch]:
    """Handle SIGINT and SIGTERM as described above while the block runs (main thread only, and
    only where the program has not installed handlers of its own)."""
    watch = Watch()
    previous: dict[int, object] = {}
    if threading.current_thread() is threading.main_thread():
        for number, default in zip(_SIGNALS, _DEFAULTS, strict=True):
            if signal.getsignal(number) is default:
                previous[number] = signal.signal(number, watch._handle)
    try:
        yield watch
    except BaseException:
        watch.check()
        raise
    finally:
        for held, handler in previous.items():
            signal.signal(held, handler)  # type: ignore[arg-type]
    watch.check()
