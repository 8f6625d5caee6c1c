"""Running one renderer in a forked child while the parent runs the other.

Stage: used by ``build`` when both outputs are wanted: reportlab and python-pptx are each
imported and run in their own process, so the wall time is the slower of the two, not their
sum. ``fork`` keeps the already-loaded outline and theme without pickling them; the child
writes its output straight into the inherited (still anonymous) file and sends back only its
warnings, or its error. Where ``fork`` does not exist the caller runs both in turn.
"""

from __future__ import annotations

import os
import pickle
import signal
import traceback
from collections.abc import Callable
from typing import Any

from .errors import BriefdeckError

CAN_FORK = hasattr(os, "fork")


class ChildCall:
    """A function running in a forked child; ``result`` waits for it and returns or raises."""

    def __init__(self, function: Callable[..., Any], *args: Any) -> None:
        read_end, write_end = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: run, report, and leave without running the parent's cleanup
            os.close(read_end)
            _report(write_end, function, args)
        os.close(write_end)
        self._read_end: int | None = read_end

    def result(self) -> Any:
        assert self._read_end is not None
        with os.fdopen(self._read_end, "rb") as pipe:
            self._read_end = None
            data = pipe.read()
        os.waitpid(self.pid, 0)
        if not data:
            raise RuntimeError("the renderer's process ended without a result")
        kind, payload = pickle.loads(data)
        if kind == "ok":
            return payload
        if kind == "error":
            raise payload
        raise RuntimeError(f"the renderer's process failed:\n{payload}")

    def cancel(self) -> None:
        """Stop the child if it is still running (the parent failed or was interrupted)."""
        if self._read_end is None:
            return
        os.close(self._read_end)
        self._read_end = None
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


def _report(write_end: int, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        try:
            outcome: tuple[str, Any] = ("ok", function(*args))
        except BriefdeckError as exc:
            outcome = ("error", exc)
        except BaseException:  # noqa: BLE001 - a bug: hand its traceback to the parent to show
            outcome = ("crash", traceback.format_exc())
        try:
            data = pickle.dumps(outcome)
        except Exception:  # noqa: BLE001 - an unpicklable result is a bug too
            data = pickle.dumps(("crash", traceback.format_exc()))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
    finally:
        os._exit(0)
