"""Running one renderer in a forked child while the parent runs the other.

Stage: used by ``build`` when both outputs are wanted: reportlab and python-pptx are each
imported and run in their own process, so the wall time is the slower of the two, not their
sum. The child is forked before the outline is even read, so that it imports its renderer
while the parent loads the outline; the call itself (a module-level function and its
arguments, pickled) follows through an anonymous file once the parent has them, and the
child sends back its return value, or its error. Where ``fork`` does not exist the caller
runs both in turn.
"""

from __future__ import annotations

import os
import pickle
import signal
import tempfile
import traceback
from collections.abc import Callable
from typing import Any

from generator.errors import BriefdeckError

CAN_FORK = hasattr(os, "fork")
_SIZE = 8  # bytes of the call's length, sent when the call is ready


class ChildCall:
    """A forked child that runs ``prepare`` at once and then the call ``send`` gives it.

    ``result`` waits for the child and returns what the call returned, or raises what it
    raised; ``cancel`` stops it whatever it is doing.
    """

    def __init__(self, prepare: Callable[[], object] | None = None) -> None:
        # The call goes through a file, not a pipe: a pipe holds 64 KB, and the parent must not
        # wait for a child that is still importing before it gets on with its own renderer.
        self._call_file = tempfile.TemporaryFile()
        go_read, go_write = os.pipe()
        read_end, write_end = os.pipe()
        # Ctrl-C and SIGTERM wait until both processes are in code that handles them: a signal in the
        # child's at-fork hooks would print "Exception ignored", one before ``_serve`` would unwind the
        # parent's stack in the child.
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:
            self.pid = os.fork()
        except BaseException:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            raise
        if self.pid == 0:  # the child: run, report, and leave without running the parent's cleanup
            _serve(prepare, go_read, self._call_file.fileno(), write_end, (go_write, read_end), mask)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        os.close(go_read)
        os.close(write_end)
        self._go: int | None = go_write
        self._read_end: int | None = read_end

    def send(self, function: Callable[..., Any], *args: Any) -> None:
        """Start ``function(*args)`` in the child (it runs once the child has prepared)."""
        assert self._go is not None, "one call per child"
        data = pickle.dumps((function, args), protocol=pickle.HIGHEST_PROTOCOL)
        self._call_file.write(data)
        self._call_file.flush()
        try:
            os.write(self._go, len(data).to_bytes(_SIZE, "little"))
        except BrokenPipeError:
            pass  # the child has already failed; ``result`` says how
        os.close(self._go)
        self._go = None
        self._call_file.close()

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
        if kind == "interrupted":
            raise KeyboardInterrupt
        raise RuntimeError(f"the renderer's process failed:\n{payload}")

    def cancel(self) -> None:
        """Stop the child if it is still running (the parent failed or was interrupted)."""
        if self._go is not None:
            os.close(self._go)
            self._go = None
        if not self._call_file.closed:
            self._call_file.close()
        if self._read_end is None:
            return
        os.close(self._read_end)
        self._read_end = None
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


def _serve(prepare: Callable[[], object] | None, go: int, call_file: int, write_end: int,
           parents: tuple[int, ...], mask: set[int | signal.Signals]) -> None:
    try:
        try:
            for fd in parents:
                os.close(fd)
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            if prepare is not None:
                prepare()
            size = _read_exactly(go, _SIZE)
            if size is None:  # the parent gave up before it had a call to send
                os._exit(0)
            function, args = pickle.loads(_pread_exactly(call_file, int.from_bytes(size, "little")))
            outcome: tuple[str, Any] = ("ok", function(*args))
        except BriefdeckError as exc:
            outcome = ("error", exc)
        except KeyboardInterrupt:  # Ctrl-C reaches the whole process group: the parent stops too
            outcome = ("interrupted", None)
        except BaseException:  # noqa: BLE001 - a bug: hand its traceback to the parent to show
            outcome = ("crash", traceback.format_exc())
        try:
            data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - an unpicklable result is a bug too
            data = pickle.dumps(("crash", traceback.format_exc()))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
    finally:
        os._exit(0)


def _read_exactly(fd: int, size: int) -> bytes | None:
    """Return ``size`` bytes from a pipe, or None when it closes first."""
    data = b""
    while len(data) < size:
        chunk = os.read(fd, size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def _pread_exactly(fd: int, size: int) -> bytes:
    """Return the first ``size`` bytes of a file without moving its offset (the parent shares it)."""
    data = b""
    while len(data) < size:
        chunk = os.pread(fd, size - len(data), len(data))
        if not chunk:
            raise RuntimeError("the call's file ended early")
        data += chunk
    return data
