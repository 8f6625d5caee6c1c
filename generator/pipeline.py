"""Orchestration of one build: outline and theme in, PDF and PPTX files out, written atomically.

Stage: the only place that connects loader, theme resolver, planner and renderers. Each
renderer writes into a temporary file beside its target; only when every requested output
has rendered are they renamed over the old ones, so a failed build leaves the previous good
files untouched and no debris. Renderers are imported when they run, so ``--only pdf``
never imports python-pptx.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import BinaryIO

from .atomic import PendingFile
from .errors import BuildWarning, OutputError
from .model import Document
from .outline import load_outline
from .parallel import CAN_FORK, ChildCall
from .theme import resolve_theme
from .theme_model import Theme

FALLBACK_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


class Output(Enum):
    PDF = "pdf"
    PPTX = "pptx"


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What one build wrote and what the planner and renderers had to say about it."""

    outline: Path
    written: tuple[Path, ...]
    warnings: tuple[BuildWarning, ...]


def document_time(doc: Document, environ: dict[str, str] | None = None) -> dt.datetime:
    """Return the time stamped into metadata: the outline's date, else SOURCE_DATE_EPOCH, else fixed.

    A fixed fallback keeps builds without either byte-identical.
    """
    if doc.date is not None:
        return dt.datetime.combine(doc.date, dt.time(), tzinfo=dt.UTC)
    epoch = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return FALLBACK_TIME


def _render_pdf(doc: Document, theme: Theme, out: BinaryIO, created: dt.datetime) -> list[BuildWarning]:
    from .render.pdf import render_pdf

    return render_pdf(doc, theme, out, created)


def _render_pptx(doc: Document, theme: Theme, out: BinaryIO, created: dt.datetime) -> list[BuildWarning]:
    from .deck_plan import plan_deck
    from .render.pptx import render_pptx

    plan, warnings = plan_deck(doc, theme)
    render_pptx(plan, theme, out, created)
    return warnings


RENDERERS: dict[Output, Callable[[Document, Theme, BinaryIO, dt.datetime], list[BuildWarning]]] = {
    Output.PDF: _render_pdf,
    Output.PPTX: _render_pptx,
}


def _render_into(output: Output, doc: Document, theme: Theme, file: PendingFile,
                 created: dt.datetime) -> list[BuildWarning]:
    warnings = RENDERERS[output](doc, theme, file.stream, created)
    file.stream.flush()
    return warnings


def build(outline_path: str | Path, output_dir: str | Path = "output", theme: str | None = None,
          only: str | None = None, allow_outside: str | Path | None = None, parallel: bool = True) -> BuildResult:
    """Build one outline into ``output_dir``; raise InputError for bad input, OutputError for bad disks.

    ``theme`` (a built-in name or a path) overrides the outline's own; ``only`` is "pdf" or
    "pptx"; ``allow_outside`` widens the folder that files named by the outline may come from;
    ``parallel`` renders the deck in a forked process while the brief renders (same bytes
    either way; batch builds turn it off because they already use every core).
    """
    outline_path = Path(outline_path)
    doc = load_outline(outline_path, Path(allow_outside) if allow_outside else None)
    resolved = resolve_theme(theme or doc.theme, Path.cwd() if theme else outline_path.parent)
    created = document_time(doc)
    outputs = [Output(only)] if only else list(Output)
    folder = Path(output_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the output folder: {exc.strerror}") from None
    pending: list[PendingFile] = []
    warnings: list[BuildWarning] = []
    child: ChildCall | None = None
    try:
        for output in outputs:
            target = folder / f"{outline_path.stem}.{output.value}"
            try:
                pending.append(PendingFile(target))
            except OSError as exc:
                raise OutputError(f"{target}: cannot write: {exc.strerror}") from None
        jobs = list(zip(outputs, pending, strict=True))
        if parallel and CAN_FORK and len(jobs) > 1:
            child = ChildCall(_render_into, jobs[-1][0], doc, resolved, jobs[-1][1], created)
            jobs.pop()
        for output, file in jobs:
            warnings += _render_into(output, doc, resolved, file, created)
        if child is not None:
            warnings += child.result()
            child = None
        for file in pending:
            file.commit()
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write the outputs: {exc.strerror}") from None
    finally:
        if child is not None:
            child.cancel()
        for file in pending:
            file.discard()
    return BuildResult(outline_path, tuple(file.target for file in pending), tuple(warnings))
