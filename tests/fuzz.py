"""The fuzz campaign's entry point and its ``mutate`` generator: seed outlines in, mutated outlines out.

Run from the project folder:  python3 -m tests.fuzz --count 2000 [--seed 1] [--generator NAME ...] [-j 2]

``tests.fuzz_campaign`` runs and judges the cases (a forked child per case, a CPU bound, old
output pairs that must stay whole, no debris); the generators are this module's mutations
(``mutate``) and ``tests.fuzz_values`` (hostile values), ``tests.fuzz_long`` (long values and
extreme numbers), ``tests.fuzz_themes``, ``tests.fuzz_templates``, ``tests.fuzz_data`` (data files
of families and charts) and ``tests.fuzz_markdown``. A mutation takes a seed outline (the sample,
the starter), applies one to four random changes (inserted characters from many scripts and
control ranges, deleted spans, duplicated or swapped lines, scalars replaced by other types).
``classify`` is the in-process judge the test suite uses for a few quick tries. The property
tests (``tests/test_properties.py``) cover generated outlines; set BRIEFDECK_FUZZ_EXAMPLES for a
long run of those.
"""

from __future__ import annotations

import contextlib
import io
import random
import re
import shutil
import sys
import traceback
from pathlib import Path

from generator.cli.main import main
from generator.cli.starter import write_starter
from tests.fuzz_campaign import Case

ROOT = Path(__file__).resolve().parent.parent
INSERTS = ["\x00", "\x01", "\x0b", "\t", "\r", "\n", ":", "- ", "[", "]", "{", "}", "&a ", "*a", "!!python/object ",
           "'", '"', "\\", "\\x00", "\\ud800", "\u200b", "\u202e", "\ufeff", "🚀", "한", "ش", "<b>", "&amp;", "**",
           "[@x]", "[y](javascript:z)", "](", "%", "@", "|", ">", "#", "~", "null", "1e309", "-1", "2026-13-45"]
REPLACEMENTS = ["[]", "{}", "null", "true", "12", "-3.5", "''", "[a, b]", "{x: 1}", "2026-01-01"]
LOCATED = re.compile(r"^.+:\d+(:\d+)?: ")


def mutate(text: str, rng: random.Random) -> str:
    lines = text.splitlines(keepends=True)
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(5)
        if choice == 0 and text:
            at = rng.randrange(len(text))
            text = text[:at] + rng.choice(INSERTS) + text[at:]
        elif choice == 1 and text:
            at = rng.randrange(len(text))
            text = text[:at] + text[at + rng.randint(1, 12):]
        elif choice == 2 and lines:
            at = rng.randrange(len(lines))
            lines.insert(at, lines[at])
            text = "".join(lines)
        elif choice == 3 and len(lines) > 1:
            a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[a], lines[b] = lines[b], lines[a]
            text = "".join(lines)
        else:
            text = re.sub(r": [^\n\[{]+\n", lambda m: f": {rng.choice(REPLACEMENTS)}\n", text, count=1) \
                if rng.random() < 0.5 else text
        lines = text.splitlines(keepends=True)
    return text


def seeds(folder: Path) -> list[Path]:
    """Write the seed outlines (and the files they name) into ``folder``, unless they are there."""
    sample, starter = folder / "sample.yaml", folder / "starter.yaml"
    if not sample.exists():
        shutil.copy(ROOT / "content" / "us-troops-korea.yaml", sample)
    if not starter.exists():
        write_starter(starter)
    return [sample, starter]


def check_outputs(out: Path) -> None:
    from pptx import Presentation
    from pypdf import PdfReader

    for path in out.glob("*.pdf"):
        assert len(PdfReader(path).pages) > 0
    for path in out.glob("*.pptx"):
        assert len(Presentation(str(path)).slides) > 0


def one_try(seed: Path, rng: random.Random, folder: Path) -> str | None:
    """Return "built" or "rejected" when the try behaved, else a one-line description of the failure."""
    outline = folder / f"try{seed.suffix}"
    outline.write_text(mutate(seed.read_text(encoding="utf-8"), rng), encoding="utf-8")
    return classify(outline, folder)


def values_try(_seed: Path, rng: random.Random, folder: Path) -> str | None:
    """Like ``one_try``, with a well-formed outline of hostile values (``tests.fuzz_values``)."""
    from tests.fuzz_values import write_try

    return classify(write_try(folder, rng), folder)


def classify(outline: Path, folder: Path) -> str | None:
    """Build ``outline``; return "built" or "rejected" when it behaved, else what went wrong."""
    out = folder / "out"
    shutil.rmtree(out, ignore_errors=True)
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["build", str(outline), "-o", str(out), "-q"])
    except SystemExit as exc:
        return f"SystemExit {exc.code}"
    except Exception:  # noqa: BLE001 - the point of fuzzing: any crash is a finding
        return traceback.format_exc().strip().splitlines()[-1]
    if code == 0:
        try:
            check_outputs(out)
        except Exception as exc:  # noqa: BLE001
            return f"unreadable output: {exc!r}"
        return "built"
    if code != 1:
        return f"exit {code}"
    bad = [line for line in err.getvalue().splitlines() if line.strip() and not LOCATED.match(line)]
    return f"unlocated message: {bad[0]!r}" if bad else "rejected"


def write_case(folder: Path, rng: random.Random) -> Case:
    """The ``mutate`` generator of the campaign (``tests.fuzz_campaign``): one mutated seed outline."""
    seed = rng.choice(seeds(folder))
    outline = folder / f"try{seed.suffix}"
    outline.write_text(mutate(seed.read_text(encoding="utf-8"), rng), encoding="utf-8")
    return Case([str(outline)], [outline.stem])


if __name__ == "__main__":
    from tests.fuzz_campaign import main as campaign

    sys.exit(campaign())
