"""``briefdeck watch``: rebuild an outline whenever it, its images or its theme change.

Stage: a loop around ``build``. It polls modification times (a few files, a few times a
second), which needs no extra dependency and works on every file system; errors are printed
and the loop goes on, and because builds are atomic a failed rebuild never replaces good files.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from .build import build
from .errors import BriefdeckError
from .model import Image
from .outline import load_outline
from .theme import resolve_theme

POLL_SECONDS = 0.25


def watched_files(outline: Path, theme: str | None) -> set[Path]:
    """Return the outline, the images it names and its theme files (as far as they load)."""
    files = {outline}
    try:
        doc = load_outline(outline)
        files |= {b.path for s in doc.sections for b in s.content if isinstance(b, Image)}
        files.add(resolve_theme(theme or doc.theme, Path.cwd() if theme else outline.parent).path)
    except BriefdeckError:
        pass
    return files


def _stamps(files: set[Path]) -> dict[Path, float]:
    stamps = {}
    for path in files:
        try:
            stamps[path] = path.stat().st_mtime_ns
        except OSError:
            stamps[path] = -1
    return stamps


def _rebuild(outline: Path, output: str, theme: str | None) -> None:
    started = time.perf_counter()
    try:
        result = build(outline, output, theme=theme)
    except BriefdeckError as exc:
        print(exc, file=sys.stderr, flush=True)
        return
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    print(f"built {', '.join(map(str, result.written))} in {time.perf_counter() - started:.2f} s", flush=True)


def watch(outline: Path, output: str, theme: str | None, max_builds: int | None = None) -> int:
    """Build now, then again after every change, until interrupted (or ``max_builds`` builds)."""
    files = watched_files(outline, theme)
    stamps = _stamps(files)
    _rebuild(outline, output, theme)
    builds = 1
    print(f"watching {len(files)} file{'s' * (len(files) != 1)}; Ctrl-C stops", flush=True)
    try:
        while max_builds is None or builds < max_builds:
            time.sleep(POLL_SECONDS)
            now = _stamps(files)
            if now == stamps:
                continue
            changed = sorted(str(p) for p in files if now.get(p) != stamps.get(p))
            print(f"changed: {', '.join(changed)}", flush=True)
            _rebuild(outline, output, theme)
            builds += 1
            files = watched_files(outline, theme)
            stamps = _stamps(files)
    except KeyboardInterrupt:
        pass
    return 0
