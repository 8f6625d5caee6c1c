"""Batches: many outlines, or one outline and many data rows, built through any executor.

Stage: orchestration above ``build`` (jobs in, one ``Outcome`` per job out, in input order).
Every job is tried and reported whatever the others do: an input error, and even a bug or a
lost worker, becomes that job's outcome, never the end of the batch. The executor is any
``concurrent.futures.Executor`` (none: in this process, renderers staying imported from one
job to the next; a process pool; a Dask cluster's ``client.get_executor()``). With
``as_bytes`` the workers build into a scratch folder of their own and send the files back;
the caller's process writes them, each pair replaced together, so a cluster needs no shared
folder and a job that a dead worker had finished and a survivor redid is written once.
"""

from __future__ import annotations

import shutil
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct
from msgspec.structs import replace

from generator.errors import BriefdeckError, OutputError
from generator.pipeline.atomic import OutputSet, recover
from generator.pipeline.build import BuildResult, build

if TYPE_CHECKING:  # imported where a batch uses an executor: a single build forks sooner without them
    from concurrent.futures import Executor, Future

    from generator.readers.rows import DataRow


class Job(Struct, frozen=True):
    """One brief and deck to build: an outline, and the data row and output name for a family member."""

    outline: Path
    row: DataRow | None = None
    name: str | None = None

    @property
    def label(self) -> str:
        return self.row.where if self.row is not None else str(self.outline)


class Options(Struct, frozen=True):
    """How every job of a batch is built (the keyword arguments of ``build``)."""

    output_dir: Path
    theme: str | None = None
    only: str | None = None
    allow_outside: Path | None = None
    force: bool = False
    parallel: bool = False


class Outcome(Struct, frozen=True):
    """What one job came to: its result, or its problems as ``FILE:LINE:COLUMN: message`` lines."""

    job: Job
    seconds: float
    result: BuildResult | None = None
    problems: tuple[str, ...] = ()
    files: tuple[tuple[str, bytes], ...] = ()  # with as_bytes: the outputs, by file name, not yet written

    @property
    def ok(self) -> bool:
        return self.result is not None


def run_job(job: Job, options: Options, as_bytes: bool = False) -> Outcome:
    """Build one job; any failure, expected or not, is returned in the outcome rather than raised."""
    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="briefdeck-job-")) if as_bytes else options.output_dir
    prefix = f"{job.row.where}: " if job.row is not None else ""
    try:
        result = build(job.outline, folder, theme=options.theme, only=options.only,
                       allow_outside=options.allow_outside, parallel=options.parallel, row=job.row, name=job.name,
                       force=options.force or as_bytes)
        files = tuple((path.name, path.read_bytes()) for path in result.written) if as_bytes else ()
    except BriefdeckError as exc:
        problems = tuple(prefix + line for line in str(exc).splitlines())
        return Outcome(job, time.perf_counter() - started, problems=problems)
    except Exception as exc:  # a bug in one job must not end a batch of thousands: report it as that job's failure
        detail = traceback.format_exception_only(exc)[-1].strip()
        return Outcome(job, time.perf_counter() - started,
                       problems=(f"{prefix}{job.outline}: internal error ({detail}); please report it",))
    finally:
        if as_bytes:
            shutil.rmtree(folder, ignore_errors=True)
    return Outcome(job, time.perf_counter() - started, result, files=files)


def write_files(outcome: Outcome, folder: Path) -> Outcome:
    """Write an as-bytes outcome's files into ``folder``, replaced together; return it with their paths."""
    if outcome.result is None or not outcome.files:
        return outcome
    try:
        folder.mkdir(parents=True, exist_ok=True)
        recover(folder)
        pending = OutputSet([folder / name for name, _ in outcome.files])
    except OSError as exc:
        return replace(outcome, result=None, files=(),
                       problems=(f"{folder}: cannot write the outputs: {exc.strerror}",))
    except OutputError as exc:
        return replace(outcome, result=None, files=(), problems=(str(exc),))
    try:
        for stream, (_, data) in zip(pending.streams, outcome.files, strict=True):
            stream.write(data)
        pending.commit()
    except OSError as exc:
        return replace(outcome, result=None, files=(),
                       problems=(f"{folder}: cannot write the outputs: {exc.strerror}",))
    finally:
        pending.discard()
    written = tuple(folder / name for name, _ in outcome.files)
    return replace(outcome, result=replace(outcome.result, written=written), files=())


def build_many(items: Iterable[str | Path | Job], output_dir: str | Path = "output", *,
               executor: Executor | None = None, theme: str | None = None, only: str | None = None,
               allow_outside: str | Path | None = None, force: bool = False, as_bytes: bool = False,
               on_outcome: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Build every item (an outline path or a ``Job``); return one outcome per item, in input order.

    The keyword arguments are ``build``'s; ``on_outcome`` is called as each job finishes (for
    progress bars), in completion order.
    """
    options = Options(Path(output_dir), theme, only, Path(allow_outside) if allow_outside else None, force)
    return run_batch(items, options, executor, as_bytes, on_outcome)


def run_batch(items: Iterable[str | Path | Job], options: Options, executor: Executor | None = None,
              as_bytes: bool = False, on_outcome: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Build every item with ``options``: what ``build_many`` and the command line share."""
    jobs = [item if isinstance(item, Job) else Job(Path(item)) for item in items]
    outcomes: list[Outcome | None] = [None] * len(jobs)

    def settle(index: int, outcome: Outcome) -> None:
        if as_bytes:
            outcome = write_files(outcome, options.output_dir)
        outcomes[index] = outcome
        if on_outcome is not None:
            on_outcome(outcome)

    if executor is None:
        for index, job in enumerate(jobs):
            settle(index, run_job(job, options, as_bytes))
    else:
        from concurrent.futures import as_completed

        futures: dict[Future[Outcome], int] = {executor.submit(run_job, job, options, as_bytes): index
                                               for index, job in enumerate(jobs)}
        for future in as_completed(futures):
            settle(futures[future], _outcome_of(future, jobs[futures[future]]))
    return [outcome for outcome in outcomes if outcome is not None]


def _outcome_of(future: Future[Outcome], job: Job) -> Outcome:
    """Return a finished job's outcome; a job its executor lost (a worker killed too often) is a failure."""
    try:
        return future.result()
    except Exception as exc:
        detail = traceback.format_exception_only(exc)[-1].strip()
        return Outcome(job, 0.0, problems=(f"{job.label}: the executor lost this job ({detail})",))
