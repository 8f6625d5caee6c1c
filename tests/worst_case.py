"""Worst cases: the time and memory of building the worst outlines within the documented limits.

Run from the project folder:  python3 -m tests.worst_case [--shape NAME ...] [--theme NAME]

It writes each worst shape of tests/worst_shapes.py (just under 2 MB, or at the part or section
limit) into a temporary folder and builds it three times, each in a fresh process: the brief
alone, the deck alone, and both outputs as ``briefdeck build`` does (the deck in a forked child
while the brief renders). CPU is user plus system time of the process and its children, read
from ``wait4``, so it counts both halves of a build and does not depend on what else the
machine runs; wall time does, so read it on an idle machine. Peak MB is the largest resident
size of any process of the whole build. Prints a Markdown table. Not a test: timing belongs
here, not in the test suite (tests/pipeline/test_limits.py checks the memory of some shapes).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.worst_shapes import SHAPES

ROOT = Path(__file__).resolve().parent.parent
BUILD = ("import sys\nsys.setrecursionlimit(10_000)\nfrom generator.pipeline.build import build\n"
         "build(sys.argv[1], sys.argv[2], theme=sys.argv[3], only=sys.argv[4] or None, "
         "parallel=sys.argv[4] == '', force=True)\n")


@dataclass(frozen=True)
class Run:
    """One build process: CPU seconds (it and its children), wall seconds, peak resident MB."""

    cpu_s: float
    wall_s: float
    peak_mb: float


def run(outline: Path, only: str, theme: str) -> Run:
    """Build ``outline`` in a fresh process (``only`` "pdf", "pptx", or "" for both at once)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", BUILD, str(outline), str(outline.parent / "out"), theme, only],
                               cwd=outline.parent, env=env, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall_s = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read().decode() if process.stderr else ""
    if process.returncode:
        raise SystemExit(f"{outline.name} ({only or 'both'}) failed:\n{errors}")
    return Run(usage.ru_utime + usage.ru_stime, wall_s, usage.ru_maxrss / 1024)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", action="append", choices=sorted(SHAPES), help="only this shape (repeatable)")
    parser.add_argument("--theme", default="classic")
    args = parser.parse_args()
    print(f"{platform.node()}: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start, "
          f"Python {platform.python_version()}, theme {args.theme}\n")
    print("| shape | size | brief CPU s | deck CPU s | both: CPU s | both: wall s | peak MB |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as temp:
        for name in args.shape or list(SHAPES):
            outline = SHAPES[name](Path(temp) / name)
            brief, deck, both = (run(outline, only, args.theme) for only in ("pdf", "pptx", ""))
            print(f"| {name} | {outline.stat().st_size / 1e6:.2f} MB | {brief.cpu_s:.1f} | {deck.cpu_s:.1f} "
                  f"| {both.cpu_s:.1f} | {both.wall_s:.1f} | {both.peak_mb:.0f} |", flush=True)
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
