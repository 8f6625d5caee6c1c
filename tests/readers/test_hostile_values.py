"""Hostile values (issue 11, section 4): each ended in a traceback; each must be a located error or a good build.

Every case runs the real command line in-process. A case passes when the build succeeds with
files that reopen, or exits 1 with nothing but ``FILE:LINE:COLUMN: message`` lines, and the
message names the actual problem (``expect``).
"""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from generator.cli.main import main

LOCATED = re.compile(r"^.+:\d+(:\d+)?: ")
ROOT = Path(__file__).resolve().parent.parent.parent
TEMPLATE = ROOT / "generator" / "render" / "pptx" / "default-16x9.pptx"
TTF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
WORD = "x" * 2000


def run(folder: Path, outline: str, files: dict[str, str | bytes] | None = None,
        command: str = "build") -> tuple[int, str]:
    """Run ``briefdeck COMMAND`` on ``outline`` written in ``folder``; return exit status and stderr."""
    for name, data in (files or {}).items():
        target = folder / name
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")
    path = folder / "outline.yaml"
    path.write_text(outline, encoding="utf-8")
    err = io.StringIO()
    extra = ["-o", str(folder / "out")] if command == "build" else []
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main([command, str(path), *extra])
    return status, err.getvalue()


def assert_clean(folder: Path, status: int, err: str) -> None:
    """A good build with files that reopen, or exit 1 with only located messages."""
    assert "Traceback" not in err
    if status == 0:
        for pdf in (folder / "out").glob("*.pdf"):
            assert len(PdfReader(pdf).pages) > 0
        for deck in (folder / "out").glob("*.pptx"):
            assert len(Presentation(str(deck)).slides) > 0
        return
    assert status == 1, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines and all(LOCATED.match(line) for line in lines), err


def section(*content: str) -> str:
    return "title: T\nsections:\n  - title: S\n    content:\n" + "".join(f"      - {c}\n" for c in content)


def chart(kind: str, values: list[str], categories: int | None = None) -> str:
    count = categories or len(values)
    return section(f"chart: {{type: {kind}, categories: [{', '.join(f'k{i}' for i in range(count))}], "
                   f"series: [{{values: [{', '.join(values)}]}}]}}")


def themed(body: str) -> str:
    return "extends: classic\n" + body


OUTLINE_CASES = {
    "table columns [null]": (section("table: {columns: [null], rows: [[a]]}"), "columns[0] is empty"),
    "2,000-character word in a cell": (section(f"table: {{columns: [a, b], rows: [[{WORD}, b]]}}"), None),
    "60 columns": (section("table: {columns: [" + ", ".join(f"c{i}" for i in range(60)) + "], rows: [["
                           + ", ".join("v" for _ in range(60)) + "]]}"), "at most 12"),
    "600-word header cell": (section("table: {columns: [" + " ".join(["word"] * 600) + ", b], rows: [[a, b]]}"),
                             "at most 400"),
    "12 headers of 399 characters": (section("table: {columns: [" + ", ".join([("word " * 80)[:399]] * 12)
                                             + "], rows: [[" + ", ".join(["v"] * 12) + "]]}"), None),
    "5,000-character section title": ("title: T\nsections:\n  - title: " + "x" * 5000 + "\n    content: [hi]\n",
                                      "at most 400"),
    "1,000-word section title": ("title: T\nsections:\n  - title: " + " ".join(["word"] * 1000)
                                 + "\n    content: [hi]\n", "at most 400"),
    "2,000-character figure value": (section(f"figures: [{{value: {WORD}, label: l}}]"), "headline number"),
    "2,000-character figure value and label": (section(f"figures: [{{value: {WORD}, label: {WORD}}}]"),
                                               "at most 300"),
    "200 authors": ("title: T\nauthors: [" + ", ".join(f"Author {i}" for i in range(200))
                    + "]\nsections:\n  - title: S\n    content: [hi]\n", "at most 30"),
    "pie of 200 categories": (chart("pie", ["1"] * 200), "at most 20 categories"),
    "bar of 60 categories": (chart("bar", ["1"] * 60), "at most 30 categories"),
    "1.7e+308": (chart("bar", ["1.7e+308", "1"]), "between -1e15 and 1e15"),
    "1.7e308": (chart("bar", ["1.7e308", "1"]), "between -1e15 and 1e15"),
    "1e-300": (chart("bar", ["1e-300", "1"]), "at least 1e-9"),
    "pie of [1e17, 1]": (chart("pie", ["1e17", "1"]), "between -1e15 and 1e15"),
    "pie of [1e15, 1e-9]": (chart("pie", ["1e15", "1e-9"]), None),
    "400-digit integer": (chart("bar", ["9" * 400, "1"]), "between -1e15 and 1e15"),
    "5,000-digit chart value": (chart("bar", ["9" * 5000, "1"]), "between -1e15 and 1e15"),
    "5,000-digit paragraph": (section("9" * 5000), None),
    "5,000-digit title": ("title: " + "9" * 5000 + "\nsections:\n  - title: S\n    content: [hi]\n", None),
    "noncharacter title": ('title: "\\ufdd0"\nsections:\n  - title: S\n    content: [hi]\n', "U+FDD0"),
    "unassigned code point": ('title: "a\\u0378 \\u05d0"\nsections:\n  - title: S\n    content: [hi]\n', None),
    "300-character image path": (section("image: {path: " + "a" * 300 + ".png, alt: x}"), "File name too long"),
    "date 2021-02-30": ("title: T\ndate: 2021-02-30\nsections:\n  - title: S\n    content: [hi]\n",
                        "not a day of the calendar"),
    "date 2021-13-01": ("title: T\ndate: 2021-13-01\nsections:\n  - title: S\n    content: [hi]\n",
                        "not a day of the calendar"),
}


@pytest.mark.parametrize("name", list(OUTLINE_CASES))
def test_a_hostile_outline_value_is_a_located_error_or_a_good_build(tmp_path, name):
    outline, expect = OUTLINE_CASES[name]
    status, err = run(tmp_path, outline)
    assert_clean(tmp_path, status, err)
    if expect is not None:
        assert status == 1 and expect in err, err


@pytest.mark.parametrize("command", ["check", "lint"])
def test_check_and_lint_report_a_null_column_heading(tmp_path, command):
    status, err = run(tmp_path, section("table: {columns: [null], rows: [[a]]}"), command=command)
    assert status == 1 and "Traceback" not in err and "columns[0] is empty" in err


def test_an_impossible_date_in_a_batch_fails_that_outline_only(tmp_path):
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(section("hi"), encoding="utf-8")
    bad.write_text("title: T\ndate: 2021-02-30\nsections:\n  - title: S\n    content: [hi]\n", encoding="utf-8")
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main(["build", str(good), str(bad), "-o", str(tmp_path / "out"), "-j", "1"])
    assert status == 1 and "Traceback" not in err.getvalue()
    assert "1 of 2 outlines built" in err.getvalue()
    assert (tmp_path / "out" / "good.pdf").is_file()


def _template(size: bytes) -> bytes:
    """The default template with its slide size written as ``size`` (XML attributes cx and cy)."""
    out = io.BytesIO()
    with zipfile.ZipFile(TEMPLATE) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "ppt/presentation.xml":
                data = re.sub(rb'<p:sldSz cx="\d+" cy="\d+"', b"<p:sldSz " + size, data)
            target.writestr(item, data)
    return out.getvalue()


THEME_CASES: dict[str, tuple[dict[str, str | bytes], str]] = {
    "brief.body 0pt": ({"t.yaml": themed("brief: {body: 0pt}\n")}, "between 6pt and 24pt"),
    "deck.min-body 0pt": ({"t.yaml": themed("deck: {min-body: 0pt}\n")}, "between 8pt and 40pt"),
    "deck.body 200pt": ({"t.yaml": themed("deck: {body: 200pt}\n")}, "between 8pt and 40pt"),
    "margins leaving no room": ({"t.yaml": themed("brief: {margin: 12cm}\n")}, "between 14pt and 171pt"),
    "400-digit length": ({"t.yaml": themed("brief: {body: " + "9" * 400 + "pt}\n")}, "must be a length"),
    "pdf: [Times]": ({"t.yaml": themed("fonts: {body: {pdf: [Times]}}\n")}, "not one of Helvetica"),
    "truncated TTF": ({"t.yaml": themed("fonts: {body: {files: {regular: T.ttf}, deck: Body}}\n"),
                       "T.ttf": TTF.read_bytes()[:20000]}, "damaged or cut short"),
    "control character in a typeface": ({"t.yaml": themed('fonts: {body: {pdf: Times, deck: "Times\\x01"}}\n')},
                                        "typeface name"),
    "negative slide size": ({"t.yaml": themed("deck: {template: x.pptx}\n"),
                             "x.pptx": _template(b'cx="-9144000" cy="5143500"')}, "4 to 56 inches"),
    "tiny slide size": ({"t.yaml": themed("deck: {template: x.pptx}\n"),
                         "x.pptx": _template(b'cx="100" cy="100"')}, "4 to 56 inches"),
    "slides 2 in wide": ({"t.yaml": themed("deck: {template: x.pptx}\n"),
                          "x.pptx": _template(b'cx="1828800" cy="1828800"')}, "4 to 56 inches"),
    "slides 1:5": ({"t.yaml": themed("deck: {template: x.pptx}\n"),
                    "x.pptx": _template(b'cx="9144000" cy="45720000"')}, "1:4 to 4:1"),
}


@pytest.mark.parametrize("name", list(THEME_CASES))
def test_a_hostile_theme_is_a_located_error(tmp_path, name):
    files, expect = THEME_CASES[name]
    if "T.ttf" in files and not TTF.is_file():
        pytest.skip("DejaVu fonts not installed")
    status, err = run(tmp_path, "title: T\ntheme: t.yaml\nsections:\n  - title: S\n    content: [hi]\n", files)
    assert_clean(tmp_path, status, err)
    assert status == 1 and expect in err, err


def test_a_few_tries_of_the_hostile_value_fuzzer_all_behave(tmp_path):
    """The generator behind ``python3 -m tests.fuzz --generator values``, run briefly in the suite."""
    import random

    from tests.fuzz import classify
    from tests.fuzz_values import write_try

    rng = random.Random(11)
    results = [classify(write_try(tmp_path, rng), tmp_path) for _ in range(4)]
    assert set(results) <= {"built", "rejected"}, results
