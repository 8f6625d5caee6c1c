"""``briefdeck watch``: rebuild an outline within a moment of a save to it, its images or its theme.

Stage: a loop around ``build``. File events come from watchfiles (the OS's native watcher,
debounced); the watch is on the folders that hold the files, because editors often save by
writing a new file and renaming it over the old one, which a watch on the file itself would
lose. Errors are printed and the loop goes on; builds are atomic, so a failed rebuild never
replaces good files.
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


def watched_files(outline: Path, theme: str | None) -> set[Path]:
    """Return the outline, the images it names and its theme files (as far as they load)."""
    files = {outline.resolve()}
    try:
        doc = load_outline(outline)
        files |= {b.path for s in doc.sections for b in s.content if isinstance(b, Image)}
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


def _rebuild(outline: Path, output: str, theme: str | None, say: Callable[[str], None]) -> None:
    started = time.perf_counter()
    try:
        result = build(outline, output, theme=theme)
    except BriefdeckError as exc:
        print(exc, file=sys.stderr, flush=True)
        return
    for warning in result.warnings:
        print(warning, file=sys.stderr, flush=True)
    say(f"built {', '.join(map(str, result.written))} in {time.perf_counter() - started:.2f} s")


def watch(outline: Path, output: str, theme: str | None, max_builds: int | None = None,
          stop: threading.Event | None = None, say: Callable[[str], None] = print) -> int:
    """Build now, then after every change, until interrupted, ``stop`` is set, or ``max_builds`` builds."""
    from watchfiles import watch as file_events

    files = watched_files(outline, theme)
    _rebuild(outline, output, theme, say)
    builds = 1
    say(f"watching {len(files)} file{'s' * (len(files) != 1)}; Ctrl-C stops")
    try:
        while max_builds is None or builds < max_builds:
            folders = sorted({str(p.parent) for p in files})
            changed: list[str] = []
            for events in file_events(*folders, debounce=DEBOUNCE_MS, stop_event=stop, raise_interrupt=False):
                changed = sorted({path for _, path in events if Path(path).resolve() in files})
                if changed:
                    break
            if not changed:  # stopped
                break
            say(f"changed: {', '.join(changed)}")
            _rebuild(outline, output, theme, say)
            builds += 1
            files = watched_files(outline, theme)
    except KeyboardInterrupt:
        pass
    return 0
