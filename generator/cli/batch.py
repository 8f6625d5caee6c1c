"""``briefdeck build``: outlines, or one outline and its data rows, into briefs and decks, reported per job.

Stage: the command line over ``pipeline.many`` (arguments in; lines printed, an exit status
out). Jobs run in this process for one worker (renderers stay imported), in a process pool for
``-j N``, or on a Dask cluster with ``--executor dask`` (``--scheduler tcp://HOST:8786``; without
it, a local cluster of ``-j`` workers), where workers send the files back and this process
writes them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from generator.cli.progress import Progress
from generator.pipeline.many import Job, Options, Outcome, run_batch

if TYPE_CHECKING:
    from concurrent.futures import Executor

CONTENT_DIR = Path("content")


class UsageError(Exception):
    """A mistake in how the command was called (exit 2), found after argparse had its say."""


def _jobs(args: argparse.Namespace, outlines: list[str]) -> list[Job]:
    """Return one job per outline, or one per data row with ``--data``."""
    if not args.data:
        unique: dict[str, str] = {}
        for outline in outlines:
            unique.setdefault(os.path.realpath(outline), outline)  # the same file named twice is built once
        return [Job(Path(outline)) for outline in unique.values()]
    from generator.cli.rows import row_names
    from generator.readers.rows import read_rows

    if len(outlines) != 1:
        raise UsageError("--data builds one outline per row: give exactly one OUTLINE")
    rows = read_rows(args.data)
    names = row_names(rows, args.name, Path(outlines[0]).stem)
    return [Job(Path(outlines[0]), row, name) for row, name in zip(rows, names, strict=True)]


def _collisions(jobs: list[Job], output_dir: str) -> list[str]:
    """Messages for jobs whose outputs would overwrite each other (two outlines of one name, other folders)."""
    by_name: dict[str, list[Job]] = {}
    for job in jobs:
        by_name.setdefault(job.name or job.outline.stem, []).append(job)
    return [f"briefdeck: {' and '.join(job.label for job in group)} would all be written to "
            f"{Path(output_dir) / name}.pdf and .pptx; rename one, or build them into different folders with -o"
            for name, group in by_name.items() if len(group) > 1]


@contextmanager
def _executor(args: argparse.Namespace, workers: int) -> Iterator[Executor | None]:
    """Yield where jobs run: None (this process), a process pool, or a Dask cluster's executor."""
    if args.executor == "dask":
        from generator.pipeline.cluster import dask_executor

        with dask_executor(args.scheduler, workers) as executor:
            yield executor
    elif workers == 1:
        yield None
    else:
        from concurrent.futures import ProcessPoolExecutor  # batches only: some 10 ms to import

        with ProcessPoolExecutor(max_workers=workers) as pool:
            yield pool


def run_build(args: argparse.Namespace, outlines: list[str]) -> int:
    """Build every job, print each outcome as it comes, and return the exit status."""
    if not outlines:
        print(f"briefdeck: no outlines given and no *.yaml or *.md in {CONTENT_DIR}/", file=sys.stderr)
        return 2
    try:
        if args.scheduler and args.executor != "dask":
            raise UsageError("--scheduler goes with --executor dask")
        jobs = _jobs(args, outlines)
    except UsageError as exc:
        print(f"briefdeck: {exc}", file=sys.stderr)
        return 2
    collisions = _collisions(jobs, args.output)
    if collisions:  # refused before anything is built: the second would silently replace the first
        print("\n".join(collisions), file=sys.stderr)
        return 1
    workers = max(1, min(args.jobs or os.cpu_count() or 1, len(jobs)))
    # One job: fork the deck renderer beside the brief. Several: one process per job instead.
    options = Options(Path(args.output), args.theme, args.only, Path(args.allow_outside) if args.allow_outside
                      else None, args.force, parallel=len(jobs) == 1 and args.executor != "dask")
    progress = Progress(len(jobs), enabled=not args.quiet and len(jobs) > 1 and sys.stderr.isatty())
    tally = {"failed": 0, "current": 0}

    def report(outcome: Outcome) -> None:
        progress.clear()
        prefix = f"{outcome.job.row.where}: " if outcome.job.row is not None else ""
        for warning in outcome.result.warnings if outcome.result else ():
            print(prefix + str(warning), file=sys.stderr)
        if outcome.result is None:
            tally["failed"] += 1
            print("\n".join(outcome.problems), file=sys.stderr)
        elif outcome.result.up_to_date:
            tally["current"] += 1
            if len(jobs) == 1 and not args.quiet:
                print(f"up to date: {', '.join(map(str, outcome.result.written))} (--force rebuilds)")
        elif not args.quiet:
            print(f"built {', '.join(map(str, outcome.result.written))} in {outcome.seconds:.2f} s", flush=True)
        progress.advance(outcome.job.label, tally["failed"])

    with _executor(args, workers) as executor:
        run_batch(jobs, options, executor, as_bytes=args.executor == "dask", on_outcome=report)
    progress.clear()
    failed, current, total, what = tally["failed"], tally["current"], len(jobs), "rows" if args.data else "outlines"
    if total > 1 and (failed or current or not args.quiet):
        print(f"briefdeck: {total - failed - current} of {total} {what} built"
              + (f", {failed} of {total} {what} failed" if failed else "")
              + (f", {current} skipped (up to date)" if current else ""), file=sys.stderr)
    return 1 if failed else 0
