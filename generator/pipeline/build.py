"""Orchestration of one build: outline and theme in, PDF and PPTX files out, written atomically.

Stage: the only place that connects loader, theme resolver, planner and renderers. Each
renderer writes into a temporary file beside its target; only when every requested output
has rendered are they renamed over the old ones, so a failed build leaves the previous good
files untouched and no debris. Everything heavy is imported where it is used: ``--only pdf``
never imports python-pptx, and when both outputs are wanted the deck's process is forked
first thing and imports its renderer while this one reads the outline.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import os
import sys
from collections.abc import Callable, Mapping
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from msgspec import Struct

from generator.errors import BuildWarning, OutputError
from generator.pipeline.atomic import OutputSet, recover
from generator.pipeline.interrupt import Watch, interruptible
from generator.pipeline.parallel import CAN_FORK, ChildCall

if TYPE_CHECKING:  # a build of no data row imports no data-row reader (csv, json) before it forks
    from generator.model import Document
    from generator.readers.rows import DataRow
    from generator.theme.model import Theme

FALLBACK_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


class Output(Enum):
    PDF = "pdf"
    PPTX = "pptx"


class BuildResult(Struct, frozen=True):
    """What one build wrote and what the planner and renderers had to say about it."""

    outline: Path
    written: tuple[Path, ...]
    warnings: tuple[BuildWarning, ...]
    up_to_date: bool = False  # nothing was rendered: the outputs already matched every input


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
    from generator.render.pdf.brief import render_pdf
    from generator.theme.fonts import register_face

    for face in (theme.body_font, theme.heading_font):  # a forked or pooled process may not have them yet
        register_face(face)
    return render_pdf(doc, theme, out, created)


def _render_pptx(doc: Document, theme: Theme, out: BinaryIO, created: dt.datetime,
                 last: bool = False) -> list[BuildWarning]:
    from generator.deck.plan import plan_deck
    from generator.render.pptx.deck import render_pptx
    from generator.theme.fonts import register_face

    # the planner measures with them (a template's typefaces, if it has them)
    for face in (theme.body_font, theme.heading_font, *(theme.deck.template_faces or ())):
        register_face(face)
    plan, warnings = plan_deck(doc, theme)
    render_pptx(plan, theme, out, created, last=last)
    return warnings


def _import_pptx() -> None:
    """Import what the deck needs (what a forked deck process does while the outline is read)."""
    from generator.deck.plan import plan_deck  # noqa: F401
    from generator.render.pptx.deck import render_pptx  # noqa: F401


def _import_shared() -> None:
    """Import what both processes need (reportlab's font metrics, the theme's model) before the fork.

    Imported after it, each process would import them again: some 50 ms of CPU paid twice.
    """
    import generator.labels  # noqa: F401
    import generator.theme.fonts  # noqa: F401 (reportlab's pdfmetrics with it)
    import generator.theme.model  # noqa: F401

    # after the theme package, which puts stand-ins for what reportlab imports and a build may not need
    importlib.import_module("reportlab.pdfbase.ttfonts")


def _parse_shared_fonts(theme: Theme) -> None:
    """Parse the faces the brief's styles draw in before the deck's process starts measuring with them.

    Both processes need them; parsed here, first, they are in the font cache by the time the deck's
    process asks, and it loads them in a few ms instead of parsing each again (a cold cache).
    """
    from generator.theme.fonts import register_face, use_font

    body, heading = theme.body_font, theme.heading_font
    register_face(body)
    register_face(heading)
    for name in (body.regular, body.bold, body.italic, heading.regular, heading.bold):
        use_font(name)


def _pptx_bytes(doc: Document, theme: Theme, created: dt.datetime) -> tuple[bytes, list[BuildWarning]]:
    """Render the deck in memory (in the forked process, which exits after it; the parent writes the bytes)."""
    from generator.theme.fontcache import measure_only

    measure_only()
    out = io.BytesIO()
    warnings = _render_pptx(doc, theme, out, created, last=True)
    return out.getvalue(), warnings


RENDERERS: dict[Output, Callable[[Document, Theme, BinaryIO, dt.datetime], list[BuildWarning]]] = {
    Output.PDF: _render_pdf,
    Output.PPTX: _render_pptx,
}


def _render_into(output: Output, doc: Document, theme: Theme, stream: BinaryIO,
                 created: dt.datetime) -> list[BuildWarning]:
    warnings = RENDERERS[output](doc, theme, stream, created)
    stream.flush()
    return warnings


class Request(Struct, frozen=True):
    """What to build and how, as given to ``build``; plain values, so it pickles into batch workers."""

    outline: Path | Mapping[str, Any] | Document  # a file, an outline's data, or a loaded document
    folder: Path
    theme: str | None
    outputs: tuple[Output, ...]
    allow_outside: Path | None
    row: DataRow | None
    name: str
    force: bool


def build(outline: str | Path | Mapping[str, Any] | Document, output_dir: str | Path = "output",
          theme: str | None = None, only: str | None = None, allow_outside: str | Path | None = None,
          parallel: bool = True, row: DataRow | None = None, name: str | None = None,
          force: bool = False) -> BuildResult:
    """Build one outline into ``output_dir``; raise InputError for bad input, OutputError for bad disks.

    ``outline`` is a file (YAML or Markdown), a mapping shaped like the parsed YAML (for programs
    that make outlines; the files it names are looked for in the current folder) or a loaded
    ``Document``; a mapping's outputs are named "outline" unless ``name`` says otherwise.

    ``theme`` (a built-in name or a path) overrides the outline's own; ``only`` is "pdf" or
    "pptx"; ``allow_outside`` widens the folder that files named by the outline may come from;
    ``parallel`` renders the deck in a forked process while the brief renders (same bytes
    either way; batch builds turn it off because they already use every core). With a data
    ``row`` the outline is a template filled from it. Outputs are named ``name`` (default: the
    outline's stem). Outputs whose inputs are unchanged since they were written are left as
    they are (``up_to_date`` in the result) unless ``force``.
    """
    source, stem = _source(outline)
    outputs = (Output(only),) if only else tuple(Output)
    request = Request(source, Path(output_dir), theme, outputs, Path(allow_outside) if allow_outside else None,
                      row, name or stem, force)
    with interruptible() as interrupt:
        child = _deck_process() if parallel and CAN_FORK and outputs == (Output.PDF, Output.PPTX) else None
        try:
            return _build(request, child, interrupt)
        finally:
            if child is not None:
                child.cancel()


def _source(outline: str | Path | Mapping[str, Any] | Document) -> tuple[Path | Mapping[str, Any] | Document, str]:
    """Return what to load the document from, and the outputs' default name."""
    from generator.model import Document

    if isinstance(outline, Document):
        return outline, outline.path.stem
    if isinstance(outline, Mapping):
        return outline, "outline"
    return Path(outline), Path(outline).stem


def _document(request: Request) -> tuple[Document, Path]:
    """Return the request's document and the folder its theme is looked for in."""
    from generator.model import Document
    from generator.readers.outline import load_mapping, load_outline

    if isinstance(request.outline, Document):
        return request.outline, request.outline.path.parent
    if isinstance(request.outline, Mapping):
        return load_mapping(request.outline, request.name, None, request.allow_outside), Path.cwd()
    return load_outline(request.outline, request.allow_outside, request.row), request.outline.parent


def _deck_process() -> ChildCall | None:
    """Fork the deck's process now; None where the system refuses (the outputs are then rendered in turn).

    A process that has built before (watch, the API, a batch worker) will build again: it
    imports the deck renderer itself, once, so that every child it forks starts warm instead
    of importing python-pptx anew for each build.
    """
    if "generator.render.pdf.brief" in sys.modules:
        _import_pptx()
    _import_shared()
    try:
        return ChildCall(_import_pptx)
    except OSError:
        return None


def _build(request: Request, child: ChildCall | None, interrupt: Watch) -> BuildResult:
    from generator.pipeline.uptodate import inputs_digest, is_up_to_date, remember
    from generator.theme.load import resolve_theme

    folder, theme, outputs = request.folder, request.theme, request.outputs
    doc, theme_base = _document(request)
    resolved = resolve_theme(theme or doc.theme, Path.cwd() if theme else theme_base,
                             request.allow_outside or (None if theme else theme_base), trusted=bool(theme))
    targets = [folder / f"{request.name}.{output.value}" for output in outputs]
    recover(folder)  # what builds killed in this folder left: finish their renames, remove their files
    options = (str(theme), ",".join(o.value for o in outputs), str(request.allow_outside), os.environ.get(
        "SOURCE_DATE_EPOCH", "") if doc.date is None else "")
    digest = inputs_digest(doc, resolved, options, None if request.row is None else repr(request.row.values))
    if not request.force and is_up_to_date(folder, request.name, digest, targets):
        return BuildResult(doc.path, tuple(targets), (), up_to_date=True)
    created = document_time(doc)
    if child is not None:
        _parse_shared_fonts(resolved)
        child.send(_pptx_bytes, doc, resolved, created)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the output folder: {exc.strerror}") from None
    try:
        pending = OutputSet(targets)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write the outputs: {exc.strerror}") from None
    warnings: list[BuildWarning] = []
    try:
        jobs = list(zip(outputs, pending.streams, strict=True))
        if child is not None:  # the deck is the child's
            jobs.pop()
        for output, stream in jobs:
            warnings += _render_into(output, doc, resolved, stream, created)
        if child is not None:
            data, deck_warnings = child.result()
            pending.streams[-1].write(data)
            warnings += deck_warnings
        interrupt.check()  # an interrupt a library swallowed: stop before anything is replaced
        pending.commit()  # the brief and the deck are replaced together or not at all
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write the outputs: {exc.strerror}") from None
    finally:
        pending.discard()
    remember(folder, request.name, digest, targets)
    return BuildResult(doc.path, tuple(targets), tuple(warnings))
