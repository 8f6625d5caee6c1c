"""``briefdeck watch``: rebuild an outline within a moment of a save to it, its images or its theme.

Stage: a loop around ``build``. File events come from watchfiles (the OS's native watcher,
debounced); the watch is on the folders that hold the files, because editors often save by
writing a new file and renaming it over the old one, which a watch on the file itself would
lose. Events only wake the loop: what decides a rebuild is whether the files differ from what
the last build read, so a save made during a build is never lost. Errors (and bugs) are
printed and the loop goes on; builds are atomic, so a failed rebuild never replaces good files.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from generator.errors import BriefdeckError
from generator.model import Image
from generator.pipeline.build import build
from generator.readers.outline import load_outline
from generator.theme.load import resolve_theme

DEBOUNCE_MS = 50
RECHECK_MS = 1000  # how often the files are compared even without an event


def watched_files(outline: Path, theme: str | None) -> set[Path]:
    """Return the outline, the images it names and its theme files (as far as they load)."""
    files = {outline.resolve()}
    try:
        doc = load_outline(outline)
        files |= {b.path for s in doc.sections for b in s.content if isinstance(b, Image)}
        files |= set(doc.files)
        resolved = resolve_theme(theme or doc.theme, Path.cwd() if theme else outline.parent,
                                 trusted=bool(theme))
        files.add(resolved.path.resolve())
        files |= {p for face in (resolved.heading_font, resolved.body_font) for p in face.files}
        if resolved.logo is not None:
            files.add(resolved.logo.path)
        if resolved.deck.template is not None:
            files.add(resolved.deck.template.info.path.resolve())
    except BriefdeckError:
        pass
    return files


Fingerprint = tuple[tuple[str, tuple[int, int, int, int] | None], ...]


def fingerprint(files: set[Path]) -> Fingerprint:
    """What the watched files look like now (size, times, inode; None for a missing file)."""
    def state(path: Path) -> tuple[int, int, int, int] | None:
        try:
            st = path.stat()
        except OSError:
            return None
        return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    return tuple((str(p), state(p)) for p in sorted(files))


def _watched_folders(files: set[Path]) -> list[str]:
    """The folders that hold the files, or the nearest that exist (a folder may be removed and made again)."""
    folders = set()
    for path in files:
        folder = path.parent
        while not folder.is_dir() and folder != folder.parent:
            folder = folder.parent
        folders.add(str(folder))
    return sorted(folders)


def _rebuild(outline: Path, output: str, theme: str | None, say: Callable[[str], None]) -> None:
    started = time.perf_counter()
    try:
        result = build(outline, output, theme=theme)
    except BriefdeckError as exc:
        print(exc, file=sys.stderr, flush=True)
        return
    except Exception as exc:  # noqa: BLE001 - a bug in one build must not end the watch
        detail = " ".join(str(exc).split())[:300]
        print(f"{outline}: internal error while building ({type(exc).__name__}: {detail}); this is a bug in "
              "briefdeck, please report it with the outline; still watching", file=sys.stderr, flush=True)
        return
    for warning in result.warnings:
        print(warning, file=sys.stderr, flush=True)
    say(f"built {', '.join(map(str, result.written))} in {time.perf_counter() - started:.2f} s")


def _next_change(files: set[Path], built: Fingerprint, stop: threading.Event | None) -> list[str] | None:
    """Wait until a watched file differs from what the last build read; None when stopped.

    The comparison with ``built`` (taken just before that build started) catches the saves made
    while it ran, which no file event reports once the build is over; the timeout lets a watch
    whose folder was removed and made again find the new one.
    """
    from watchfiles import watch as file_events

    while stop is None or not stop.is_set():
        now = fingerprint(files)
        if now != built:
            return sorted(name for (name, old), (_, new) in zip(built, now, strict=True) if old != new)
        folders = _watched_folders(files)
        try:
            for _events in file_events(*folders, debounce=DEBOUNCE_MS, stop_event=stop, recursive=False,
                                       raise_interrupt=False, rust_timeout=RECHECK_MS, yield_on_timeout=True):
                if fingerprint(files) != built:
                    break
                if _watched_folders(files) != folders:  # a folder went away or came back: watch anew
                    break
        except OSError:  # the folder went away as the watch began: look again shortly
            time.sleep(RECHECK_MS / 1000)
    return None


def watch(outline: Path, output: str, theme: str | None, max_builds: int | None = None,
          stop: threading.Event | None = None, say: Callable[[str], None] = print) -> int:
    """Build now, then after every change, until interrupted, ``stop`` is set, or ``max_builds`` builds."""
    files = watched_files(outline, theme)
    built = fingerprint(files)
    _rebuild(outline, output, theme, say)
    builds = 1
    say(f"watching {len(files)} file{'s' * (len(files) != 1)}; Ctrl-C stops")
    try:
        while max_builds is None or builds < max_builds:
            changed = _next_change(files, built, stop)
            if changed is None:  # stopped
                break
            say(f"changed: {', '.join(changed)}")
            files = watched_files(outline, theme)
            built = fingerprint(files)
            _rebuild(outline, output, theme, say)
            builds += 1
    except KeyboardInterrupt:
        pass
    return 0
