"""Benchmark: whole ``briefdeck build`` processes against the bare-library floor (and pandoc).

Run from the project folder:  python3 -m tests.benchmark [--runs 5]

It writes scaled copies of the sample outline (x1, x10, x100 sections), times cold
``briefdeck build`` processes (median of several runs, peak memory of each process), times a
small script that writes a similar PDF and PPTX with reportlab and python-pptx alone (the
floor no tool built on them can beat), adds pandoc on the same content when pandoc is
installed, builds 50 different outlines with -j 1 and -j 2, and prints a Markdown table.
Not a test: timing belongs here, not in the test suite.
"""

from __future__ import annotations

import argparse
import copy
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "us-troops-korea.yaml"

FLOOR = textwrap.dedent('''
    import sys, yaml
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import SimpleDocTemplate, Paragraph, ListFlowable, ListItem
    from pptx import Presentation
    from pptx.util import Pt
    from xml.sax.saxutils import escape
    outline = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
    styles = getSampleStyleSheet()
    story = [Paragraph(escape(outline["title"]), styles["Title"])]
    prs = Presentation()
    def texts(block):
        if isinstance(block, str):
            return [block]
        kind, body = next(iter(block.items()))
        if kind == "points":
            return [" ".join(map(str, p.items())) if isinstance(p, dict) else str(p) for p in body]
        if kind in ("quote", "callout"):
            return [body["text"]]
        if kind == "figures":
            return [f"{f['value']} {f['label']}" for f in body]
        return []
    for section in outline["sections"]:
        story.append(Paragraph(escape(section["title"]), styles["Heading2"]))
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = section.get("key", section["title"])
        frame = slide.placeholders[1].text_frame
        for block in section.get("content", []):
            for text in texts(block):
                story.append(Paragraph(escape(text), styles["BodyText"]))
                run = frame.add_paragraph().add_run()
                run.text, run.font.size = text[:120], Pt(14)
    SimpleDocTemplate(sys.argv[2], pagesize=A4).build(story)
    prs.save(sys.argv[3])
''')


def scaled(factor: int, folder: Path, variant: int = 0) -> Path:
    """Write the sample with its sections repeated ``factor`` times (titles numbered)."""
    outline = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    sections = []
    for copy_number in range(factor):
        for section in outline["sections"]:
            section = copy.deepcopy(section)
            if factor > 1:
                section["title"] = f"{section['title']} ({copy_number + 1})"
            sections.append(section)
    outline["sections"] = sections
    if variant:
        outline["title"] = f"{outline['title']} - variant {variant}"
    path = folder / f"sample-x{factor}{f'-v{variant}' if variant else ''}.yaml"
    path.write_text(yaml.safe_dump(outline, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def markdown(outline_path: Path) -> str:
    """Write the outline's text as pandoc Markdown, for the pandoc comparison."""
    outline = yaml.safe_load(outline_path.read_text(encoding="utf-8"))
    lines = [f"% {outline['title']}", ""]
    for section in outline["sections"]:
        lines += [f"# {section.get('key', section['title'])}", ""]
        for block in section.get("content", []):
            if isinstance(block, str):
                lines += [block, ""]
                continue
            kind, body = next(iter(block.items()))
            if kind == "points":
                lines += [f"- {' '.join(map(str, p.items())) if isinstance(p, dict) else p}" for p in body] + [""]
            elif kind in ("quote", "callout"):
                lines += [f"> {body['text']}", ""]
            elif kind == "figures":
                lines += [f"- **{f['value']}** {f['label']}" for f in body] + [""]
    return "\n".join(lines)


def timed(argv: list[str], cwd: Path) -> tuple[float, float]:
    """Run one process; return its wall time (s) and peak resident memory (MB)."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(argv)}: {process.stderr.read().decode() if process.stderr else ''}")
    return elapsed, usage.ru_maxrss / 1024


def median_of(runs: int, argv: list[str], cwd: Path) -> tuple[float, float]:
    results = [timed(argv, cwd) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    briefdeck = [sys.executable, "-m", "generator"]
    rows: list[tuple[str, str, float, float, str]] = []
    with tempfile.TemporaryDirectory(prefix="briefdeck-bench-") as scratch:
        work = Path(scratch)
        floor_script = work / "floor.py"
        floor_script.write_text(FLOOR, encoding="utf-8")
        pandoc = shutil.which("pandoc")
        for factor in (1, 10, 100):
            outline = scaled(factor, work)
            floor, floor_mb = median_of(args.runs, [sys.executable, str(floor_script), str(outline),
                                                    str(work / "f.pdf"), str(work / "f.pptx")], work)
            ours, ours_mb = median_of(args.runs, briefdeck + ["build", str(outline), "-o", str(work / "out"),
                                                              "-q"], ROOT)
            rows.append((f"sample x{factor}", "bare reportlab + python-pptx", floor, floor_mb, "1.00"))
            rows.append((f"sample x{factor}", "briefdeck build", ours, ours_mb, f"{ours / floor:.2f}"))
            if pandoc:
                md = work / f"x{factor}.md"
                md.write_text(markdown(outline), encoding="utf-8")
                pptx_s, pptx_mb = median_of(args.runs, [pandoc, str(md), "-o", str(work / "p.pptx")], work)
                rows.append((f"sample x{factor}", "pandoc (PPTX only)", pptx_s, pptx_mb, f"{pptx_s / floor:.2f}"))
        batch = [scaled(1, work, variant) for variant in range(1, 51)]
        for jobs in (1, 2):
            wall, mb = median_of(max(1, args.runs // 2), briefdeck + ["build", *map(str, batch), "-o",
                                                                      str(work / "batch"), "-q", "-j", str(jobs)],
                                 ROOT)
            rows.append(("50 outlines", f"briefdeck build -j {jobs}", wall, mb, ""))
    pandoc = shutil.which("pandoc")
    version = subprocess.run([pandoc, "--version"], capture_output=True, text=True, check=False).stdout.split(
        "\n")[0] if pandoc else ""
    print(f"briefdeck benchmark, {time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; median of {args.runs} cold processes"
          + (f"; {version}" if pandoc else "; pandoc is not installed, so it is left out"))
    print()
    print("| case | what | seconds | peak MB | ratio to floor |")
    print("|---|---|---:|---:|---:|")
    for case, what, seconds, mb, ratio in rows:
        print(f"| {case} | {what} | {seconds:.3f} | {mb:.0f} | {ratio} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
