"""Incremental builds: skip a brief and deck whose inputs have not changed since they were written.

Stage: part of the orchestration (a loaded Document and Theme in, a verdict out). What counts
is content, never times: the digest covers briefdeck's version, the build options, the
outline's bytes (or the data row it was rendered with) and every file the build reads: images,
data files and reference libraries, theme files of the whole ``extends`` chain, fonts (the ones
briefdeck ships by its version), logo and template. A record per output pair holds the digest
and the size and modification time of each output as written, so an output that was deleted or
edited since is rebuilt too. Records live in the user's cache folder (``$BRIEFDECK_CACHE``, else
``$XDG_CACHE_HOME/briefdeck``, else ``~/.cache/briefdeck``), keyed by the outputs' absolute path,
so output folders hold nothing but the outputs; without a writable cache every build simply renders.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path

from generator.model import Document, Image
from generator.theme.faces import shipped_fonts_dir
from generator.theme.model import Theme


def input_files(doc: Document, theme: Theme) -> list[Path]:
    """Return every file a build of ``doc`` with ``theme`` reads, outline first (also what watch follows)."""
    files = [doc.path.resolve()]
    files += [block.path for section in doc.sections for block in section.content if isinstance(block, Image)]
    files += doc.files  # data files of charts and tables, reference libraries
    files += [path.resolve() for path in theme.sources or (theme.path,)]
    files += [path for face in (theme.heading_font, theme.body_font) for path in face.files]
    if theme.logo is not None:
        files.append(theme.logo.path)
    if theme.deck.template is not None:
        files.append(theme.deck.template.info.path.resolve())
    return list(dict.fromkeys(files))


def inputs_digest(doc: Document, theme: Theme, options: tuple[str, ...], row: str | None) -> str:
    """Return the SHA-256 of everything the outputs depend on (``row`` is the data row's JSON, if any)."""
    import generator  # its __version__, not importlib.metadata's: importing that costs a build ~10 ms

    digest = hashlib.sha256()
    digest.update(generator.__version__.encode())
    for part in (*options, row or ""):
        digest.update(len(part).to_bytes(8, "big") + part.encode("utf-8", "surrogatepass"))
    shipped = shipped_fonts_dir()
    for path in input_files(doc, theme):
        digest.update(str(path).encode("utf-8", "surrogateescape"))
        if path.parent == shipped:  # briefdeck's own fonts (3 MB to hash): its version stands for their content
            continue
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(b"unreadable")
    return digest.hexdigest()


def _record_path(folder: Path, name: str) -> Path:
    try:
        cache = os.environ.get("BRIEFDECK_CACHE") or str(
            Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "briefdeck")
    except RuntimeError:  # no home folder: records go to the temporary folder instead
        cache = str(Path(tempfile.gettempdir()) / f"briefdeck-{os.getuid()}")
    key = hashlib.sha256(str((folder / name).resolve()).encode("utf-8", "surrogateescape")).hexdigest()
    return Path(cache) / "records" / key[:2] / f"{key}.json"


def _stamp(path: Path) -> list[int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns]


def is_up_to_date(folder: Path, name: str, digest: str, targets: list[Path]) -> bool:
    """Return True when the record says ``targets`` were written from exactly these inputs and are untouched."""
    try:
        record = json.loads(_record_path(folder, name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(record, dict) or record.get("digest") != digest:
        return False
    stamps = record.get("outputs", {})
    return all(_stamp(target) is not None and stamps.get(target.name) == _stamp(target) for target in targets)


def remember(folder: Path, name: str, digest: str, targets: list[Path]) -> None:
    """Record the digest of the outputs just written (best effort: a missing record only costs a rebuild)."""
    record = {"digest": digest, "outputs": {target.name: _stamp(target) for target in targets}}
    path = _record_path(folder, name)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(record, sort_keys=True), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()

