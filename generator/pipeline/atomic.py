"""Writing a set of outputs so that they are replaced together, or not at all.

Stage: used by ``build``: the target paths in, the finished files in their place out. Each
output is written in full into a short hidden file in the target's folder
(``.briefdeck-PID-TOKEN-N.part``, whatever the target's name), flushed and fsynced; the
targets are checked (name length, a folder in the way); then a journal naming the pairs is
written, and only then are the files renamed over the targets. So everything that can fail
(space, names, permissions, the writing) fails before the first rename, and the commit is
renames only. A process killed between the two renames leaves its journal, with which the
next build in that folder (``recover``) completes the set; a process killed earlier leaves
files that the same cleanup removes. Debris is touched only when it is provably ours: our
prefix, the pid in its name not alive, and no process holding the lock its writer took.
"""

from __future__ import annotations

import fcntl
import os
import signal
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from generator.errors import OutputError

PREFIX = ".briefdeck-"
_PART = ".part"
_JOURNAL = ".journal"


class OutputSet:
    """Outputs being written into one folder; invisible under their own names until ``commit``."""

    def __init__(self, targets: Sequence[Path]) -> None:
        self.targets = tuple(targets)
        folder = self.targets[0].parent
        assert all(t.parent == folder for t in self.targets), "one folder per set"
        self._dir = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        self._token = f"{PREFIX}{os.getpid()}-{os.urandom(4).hex()}"
        self._names = [f"{self._token}-{i}{_PART}" for i in range(len(self.targets))]
        self._journal: int | None = None
        self.streams: list[BinaryIO] = []
        try:
            self._check_targets()
            for name in self._names:
                self.streams.append(os.fdopen(_create_locked(name, self._dir, 0o644), "wb"))
        except BaseException:
            self.discard()
            raise

    def _check_targets(self) -> None:
        """Refuse, before anything is replaced, a target that no rename could create."""
        try:
            name_max = os.fpathconf(self._dir, "PC_NAME_MAX")
        except (OSError, ValueError):
            name_max = 255
        for target in self.targets:
            if len(os.fsencode(target.name)) > name_max:
                raise OutputError(f"{target}: cannot write: the file name is longer than the {name_max} bytes "
                                  "this file system allows; shorten the outline's file name")
            try:
                mode = os.lstat(target.name, dir_fd=self._dir).st_mode
            except FileNotFoundError:
                continue
            if stat.S_ISDIR(mode):
                raise OutputError(f"{target}: cannot write: a folder of that name is in the way")

    def commit(self) -> None:
        """Replace every target with its finished file: all of them, or (on an error) none."""
        for stream in self.streams:
            stream.flush()
            os.fsync(stream.fileno())
        self._check_targets()
        journal = f"{self._token}{_JOURNAL}"
        fd = _create_locked(journal, self._dir, 0o600)
        try:
            record = memoryview(b"\0".join(os.fsencode(n) + b"\0" + os.fsencode(t.name)
                                            for n, t in zip(self._names, self.targets, strict=True)))
            while record:
                record = record[os.write(fd, record):]
            os.fsync(fd)
        except BaseException:
            os.close(fd)
            _unlink(journal, self._dir)
            raise
        self._journal = fd  # from here on the set is decided: renames only, each redone by ``recover``
        with signals_held():
            for name, target in zip(self._names, self.targets, strict=True):
                os.replace(name, target.name, src_dir_fd=self._dir, dst_dir_fd=self._dir)
            os.unlink(journal, dir_fd=self._dir)
        self._names = []
        self._journal = None
        os.close(fd)

    def discard(self) -> None:
        """Forget whatever was not committed; the targets stay as they were (or, once the journal is
        written, as ``recover`` will complete them)."""
        for stream in self.streams:
            try:
                stream.close()
            except OSError:
                pass  # what it still held could not be written (a full disk): it is being thrown away
        self.streams = []
        if self._journal is None:
            for name in self._names:
                _unlink(name, self._dir)
        else:
            os.close(self._journal)
            self._journal = None
            recover_pairs(self._dir, f"{self._token}{_JOURNAL}", force=True)
        self._names = []
        if self._dir >= 0:
            os.close(self._dir)
            self._dir = -1


def _create_locked(name: str, folder_fd: int, mode: int) -> int:
    """Create ``name`` (it must not exist) and lock it for as long as this process has it open."""
    fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, mode, dir_fd=folder_fd)
    try:
        os.fchmod(fd, mode)  # whatever the umask, as the files it replaces were
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BaseException:
        os.close(fd)
        _unlink(name, folder_fd)
        raise
    return fd


def _unlink(name: str, folder_fd: int) -> None:
    try:
        os.unlink(name, dir_fd=folder_fd)
    except FileNotFoundError:
        pass


def recover(folder: Path) -> None:
    """Finish or remove what earlier, killed builds left in ``folder``; never a live build's files.

    A journal means its build had written every output and began renaming them: the renames
    are completed. Temporary files without a journal are removed.
    """
    try:
        folder_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        with os.scandir(folder_fd) as entries:
            names = [e.name for e in entries if e.name.startswith(PREFIX)]
        for name in names:
            if name.endswith(_JOURNAL) and not _alive(name):
                recover_pairs(folder_fd, name, force=False)
        for name in names:
            if name.endswith(_PART) and not _alive(name) and not _journal_exists(name, folder_fd):
                _remove_if_unlocked(name, folder_fd)
    except OSError:
        pass  # a folder we cannot tidy: the build itself reports what matters
    finally:
        os.close(folder_fd)


def recover_pairs(folder_fd: int, journal: str, force: bool) -> None:
    """Complete the renames a journal records, then remove it (unless a live process holds it)."""
    try:
        fd = os.open(journal, os.O_RDONLY | os.O_CLOEXEC, dir_fd=folder_fd)
    except FileNotFoundError:
        return
    try:
        if not force:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return
        fields = _read_all(fd).split(b"\0")
        for part, target in zip(fields[::2], fields[1::2], strict=False):
            try:
                os.replace(part, target, src_dir_fd=folder_fd, dst_dir_fd=folder_fd)
            except FileNotFoundError:
                pass  # renamed before the build was killed
            except OSError:
                _unlink(os.fsdecode(part), folder_fd)
        _unlink(journal, folder_fd)
    finally:
        os.close(fd)


def _read_all(fd: int) -> bytes:
    data = b""
    while chunk := os.read(fd, 65536):
        data += chunk
    return data


def _alive(name: str) -> bool:
    """Whether the process named in a temporary file's name may still be running."""
    pid = name[len(PREFIX):].partition("-")[0]
    if not pid.isdigit():
        return True  # not one of ours after all: leave it alone
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process
    return True


def _journal_exists(part: str, folder_fd: int) -> bool:
    token = part[: part.rfind("-")]
    try:
        os.stat(f"{token}{_JOURNAL}", dir_fd=folder_fd)
    except FileNotFoundError:
        return False
    return True


def _remove_if_unlocked(name: str, folder_fd: int) -> None:
    try:
        fd = os.open(name, os.O_RDONLY | os.O_CLOEXEC, dir_fd=folder_fd)
    except FileNotFoundError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return
    finally:
        os.close(fd)
    _unlink(name, folder_fd)


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM while a set of outputs is renamed into place, then deliver them."""
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
