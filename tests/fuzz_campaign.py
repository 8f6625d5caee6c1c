"""The fuzz campaign's runner: generated inputs in, one judged build per case, the figures per generator out.

Stage: a test tool over the whole pipeline (``cli.main``), run as ``python3 -m tests.fuzz``. Each case
is written and built in a forked child, so a hang is killed and counted instead of ending the run,
and one case's caches cannot hide another's crash. Before the build the output folder holds an old
pair (placeholder bytes) under the names the case will write, so a case is judged on the promises of
the README, not just on not crashing:

- exit 0: every pair named is new, and the PDF reopens in pypdf and the deck in python-pptx;
- exit 1: every line on standard error is ``FILE:LINE:COLUMN: message`` or ``FILE: message``;
- never a traceback, another exit status, a lone or mixed pair (one new, one old), or any other
  file left in the output folder (debris);
- the case's CPU time (the child and what it waited for) stays under the bound the README states
  for each build it makes (``--bound``, 20 s, as long as the README's worst shapes take; a
  family of 200 data rows is 200 builds and may take 200 times that); a case still running after
  four times its bound of wall time is killed.

A case that breaks a promise is kept in ``$TMPDIR/briefdeck-fuzz-failures/GENERATOR-SEED-CASE`` and
printed; ``--case N`` reruns one case of a seed alone.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import json
import os
import random
import re
import resource
import shutil
import signal
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

OLD_PDF = b"%old brief of an earlier build\n"
OLD_PPTX = b"old deck of an earlier build\n"
LINE_MESSAGE = re.compile(r"^\S.*?:\d+(:\d+)?: \S")
SUMMARY = re.compile(r"^briefdeck: \d+ of \d+ ")
BUILDS = "builds"  # the file in a case's folder that says how many builds it makes
SCRATCH = re.compile(r"\S*briefdeck-fuzz-[^/\s]+/slot\d+/")  # case folders, so equal failures count as one kind


@dataclass(frozen=True)
class Case:
    """What a generator wrote: the arguments after ``build`` (the outline first) and the output names."""

    args: list[str]
    names: list[str] | None = None  # None: the names are not known in advance (a family)
    builds: int = 1  # outlines the case builds: a family builds one per data row, each within the bound


def case_bound_s(bound_s: float, builds: int) -> float:
    """The CPU a case may take: the README's bound holds for each build, so a family gets one per row."""
    return bound_s * max(1, builds)


@dataclass
class Tally:
    """The figures of one generator's run."""

    tried: int = 0
    built: int = 0
    rejected: int = 0
    failures: dict[str, int] = field(default_factory=dict)
    max_cpu_s: float = 0.0
    max_wall_s: float = 0.0

    def count(self, verdict: str) -> None:
        self.tried += 1
        if verdict in ("built", "rejected"):
            setattr(self, verdict, getattr(self, verdict) + 1)
        else:
            self.failures[verdict] = self.failures.get(verdict, 0) + 1


GENERATORS = {"mutate": "tests.fuzz", "values": "tests.fuzz_values", "long": "tests.fuzz_long",
              "themes": "tests.fuzz_themes", "templates": "tests.fuzz_templates", "markdown": "tests.fuzz_markdown",
              "data": "tests.fuzz_data"}


def generator_named(name: str) -> Callable[[Path, random.Random], Case]:
    """The generator ``name``: a function writing one case into a folder and saying how to build it."""
    import importlib

    module = importlib.import_module(GENERATORS[name])
    if hasattr(module, "write_case"):
        return module.write_case  # type: ignore[no-any-return]
    write: Callable[[Path, random.Random], Path] = module.write_try

    def outline_only(folder: Path, rng: random.Random) -> Case:
        outline = write(folder, rng)
        return Case([str(outline)], [outline.stem])

    return outline_only


def _messages_located(err: str) -> str | None:
    """Return the first line that is not a located message, or that owns up to a crash (the batch's wording)."""
    for line in err.splitlines():
        if "internal error (" in line and "please report it" in line:
            return line
        if line.strip() and not (LINE_MESSAGE.match(line) or SUMMARY.match(line) or _file_message(line)):
            return line
    return None


def _file_message(line: str) -> bool:
    """``FILE: message`` where there is no line: FILE is an existing path or one inside the case's folder."""
    head, sep, _ = line.partition(": ")
    return bool(sep) and (os.path.exists(head) or head.startswith(tempfile.gettempdir()))


def _pairs(out: Path, names: list[str] | None, code: int) -> str | None:
    """Return what is wrong with the output folder after a build that exited with ``code``, if anything."""
    from pptx import Presentation
    from pypdf import PdfReader

    stems: dict[str, set[str]] = {}
    for path in out.iterdir() if out.is_dir() else ():
        if path.suffix not in (".pdf", ".pptx") or path.name.startswith("."):
            return f"debris: a file like {re.sub(r'[0-9a-f]{6,}', 'HEX', path.name)[:40]!r} left in the output folder"
        stems.setdefault(path.stem, set()).add(path.suffix)
    for stem, suffixes in stems.items():
        if len(suffixes) < 2:
            return "lone output: one file of a pair without the other"
        old = [(out / f"{stem}{suffix}").read_bytes() in (OLD_PDF, OLD_PPTX) for suffix in (".pdf", ".pptx")]
        if old[0] != old[1]:
            return "mixed pair: one output new, the other old"
        if code == 0 and old[0] and names is not None and stem in names:
            return "exit 0 but an output was not replaced"
        if not old[0]:
            try:
                assert len(PdfReader(out / f"{stem}.pdf").pages) > 0
                assert len(Presentation(str(out / f"{stem}.pptx")).slides) > 0
            except Exception as exc:  # noqa: BLE001 - any unreadable output is a finding
                return f"unreadable output: {type(exc).__name__}"
    if code == 0 and names is None and not any(
            (out / f"{stem}.pdf").read_bytes() != OLD_PDF for stem in stems):
        return "exit 0 but nothing was built"
    return None


def judge(case: Case, folder: Path) -> str:
    """Build ``case`` in-process (this is the forked child) and return "built", "rejected" or the failure."""
    from generator.cli.main import main

    out = folder / "out"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    for name in case.names or []:
        (out / f"{name}.pdf").write_bytes(OLD_PDF)
        (out / f"{name}.pptx").write_bytes(OLD_PPTX)
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["build", *case.args, "-o", str(out), "-q", "--force", "-j", "1"])
    except SystemExit as exc:
        return f"SystemExit {exc.code}"
    except BaseException:  # noqa: BLE001 - the point of fuzzing: any crash is a finding
        return "traceback: " + traceback.format_exc().strip().splitlines()[-1][:160]
    if "Traceback (most recent call last)" in err.getvalue():
        return "traceback in the messages: " + err.getvalue().strip().splitlines()[-1][:160]
    if code not in (0, 1):
        return f"exit {code}"
    if code == 1:
        unlocated = _messages_located(err.getvalue())
        if unlocated is not None:
            return f"unlocated message: {unlocated[:160]!r}"
    problem = _pairs(out, case.names, code)
    return problem or ("built" if code == 0 else "rejected")


def _child(make: Callable[[Path, random.Random], Case], folder: Path, seed: str, write_fd: int) -> None:
    os.setpgid(0, 0)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.environ["BRIEFDECK_CACHE"] = str(folder / "cache")  # kept: its font records save each case a second
    try:
        case = make(folder, random.Random(seed))
        (folder / BUILDS).write_text(str(case.builds))  # the parent's bound, read while the case runs
        verdict = judge(case, folder)
    except BaseException:  # noqa: BLE001 - a crashing generator is reported, not silently skipped
        verdict = "generator crashed: " + traceback.format_exc().strip().splitlines()[-1][:160]
    os.write(write_fd, verdict.encode("utf-8", "replace")[:4000])
    os._exit(0)


def _builds(folder: Path) -> int:
    """How many builds the case running in ``folder`` makes (1 until its generator has said)."""
    try:
        return max(1, int((folder / BUILDS).read_text()))
    except (OSError, ValueError):
        return 1


def _keep(folder: Path, name: str) -> Path:
    keep = Path(tempfile.gettempdir()) / "briefdeck-fuzz-failures" / name
    shutil.rmtree(keep, ignore_errors=True)
    shutil.copytree(folder, keep, ignore=shutil.ignore_patterns("out", "cache"), symlinks=True,
                    copy_function=lambda source, target: shutil.copy2(source, target) if os.path.isfile(source)
                    else None)  # a FIFO a generator made stays behind
    return keep


def _warm_up(scratch: Path) -> None:
    """Build the starter outline once before forking, so no child pays for the imports a build makes lazily."""
    from tests.fuzz import seeds

    folder = scratch / "warm-up"
    folder.mkdir()
    os.environ["BRIEFDECK_CACHE"] = str(folder / "cache")
    verdict = judge(Case([str(seeds(folder)[1])], ["starter"]), folder)
    assert verdict == "built", f"the starter outline does not build: {verdict}"


STOP: list[bool] = []  # set by SIGTERM: start no new case, finish the running ones, report


def run(kind: str, count: int, seed: int, jobs: int, bound_s: float, only: int | None = None,
        progress: Callable[[Tally], None] | None = None) -> Tally:
    """Run ``count`` cases of the generator ``kind`` (``jobs`` at once) and return the figures.

    ``progress`` is called with the figures so far every 25 cases, so a long run killed early
    (SIGTERM) still leaves its figures.
    """
    make = generator_named(kind)
    tally = Tally()
    numbers = iter([only] if only is not None else range(count))
    running: dict[int, tuple[int, int, Path, float]] = {}
    with tempfile.TemporaryDirectory(prefix=f"briefdeck-fuzz-{kind}-") as scratch:
        _warm_up(Path(scratch))
        gc.freeze()  # the children's collections then leave the parent's objects alone, unshared pages unshared
        free = [Path(scratch) / f"slot{index}" for index in range(jobs)]
        for slot in free:
            slot.mkdir()
        while True:
            while free and not STOP and (number := next(numbers, None)) is not None:
                folder = free.pop()
                (folder / BUILDS).unlink(missing_ok=True)  # the slot's previous case said its own
                read_fd, write_fd = os.pipe()
                pid = os.fork()
                if pid == 0:
                    os.close(read_fd)
                    _child(make, folder, f"{kind}:{seed}:{number}", write_fd)
                os.close(write_fd)
                running[pid] = (number, read_fd, folder, time.monotonic())
            if not running:
                return tally
            for pid, (number, read_fd, folder, started) in list(running.items()):
                wall_s = time.monotonic() - started
                limit_s = case_bound_s(bound_s, _builds(folder))
                done, status, usage = os.wait4(pid, os.WNOHANG)
                if done == 0 and wall_s < 4 * limit_s:
                    continue
                if done == 0:
                    os.killpg(pid, signal.SIGKILL)
                    _, status, usage = os.wait4(pid, 0)
                verdict = SCRATCH.sub("", os.read(read_fd, 4000).decode("utf-8", "replace")) if done else ""
                os.close(read_fd)
                cpu_s = usage.ru_utime + usage.ru_stime
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pid, signal.SIGKILL)  # anything the build left running
                if not done:
                    verdict = f"hang: killed after {wall_s:.0f} s of wall time"
                elif not verdict:
                    verdict = f"child died: status {status}"
                elif cpu_s > limit_s:
                    verdict = f"hang: {cpu_s:.0f} s of CPU, over the bound of {limit_s:.0f} s"
                tally.max_cpu_s, tally.max_wall_s = max(tally.max_cpu_s, cpu_s), max(tally.max_wall_s, wall_s)
                tally.count(verdict)
                if verdict not in ("built", "rejected") and tally.failures[verdict] == 1:
                    keep = _keep(folder, f"{kind}-{seed}-{number}")
                    print(f"{kind} case {number}: {verdict} (kept in {keep})", flush=True)
                del running[pid]
                free.append(folder)
                if progress is not None and tally.tried % 25 == 0:
                    progress(tally)
            time.sleep(0.01)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m tests.fuzz", description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500, help="cases per generator")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--generator", action="append", choices=sorted(GENERATORS),
                        help="repeat for several; default: all")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="cases built at once")
    parser.add_argument("--bound", type=float, default=20.0, help="CPU seconds a case may take (README)")
    parser.add_argument("--case", type=int, help="run only this case number")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    signal.signal(signal.SIGTERM, lambda *_: STOP.append(True))
    figures: dict[str, dict[str, object]] = {}

    def save(name: str, tally: Tally, started: float) -> None:
        figures[name] = {**tally.__dict__, "seconds": round(time.monotonic() - started)}
        if args.json:
            Path(args.json).write_text(json.dumps(figures, indent=1), encoding="utf-8")

    for name in args.generator or list(GENERATORS):
        started = time.monotonic()
        tally = run(name, args.count, args.seed, args.jobs, args.bound, args.case,
                    lambda tally, name=name, started=started: save(name, tally, started))  # type: ignore[misc]
        save(name, tally, started)
        print(f"{name}: {tally.tried} tried in {figures[name]['seconds']} s: {tally.built} built, "
              f"{tally.rejected} rejected with located messages, {sum(tally.failures.values())} failures "
              f"{tally.failures or ''} (longest case {tally.max_cpu_s:.1f} s CPU, {tally.max_wall_s:.1f} s wall)",
              flush=True)
    return 1 if any(tally["failures"] for tally in figures.values()) else 0
