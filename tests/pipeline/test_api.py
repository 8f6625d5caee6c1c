"""The Python API: plain functions, picklable arguments and results, usable from a process pool."""

from __future__ import annotations

import csv
import pickle
from concurrent.futures import ProcessPoolExecutor

import generator
from generator import BuildResult, InputError, build, load_outline, resolve_theme
from tests.conftest import SAMPLE


def test_public_names_are_exported():
    assert set(generator.__all__) >= {"build", "load_outline", "resolve_theme", "BuildResult", "InputError"}


def test_results_and_errors_pickle(tmp_path, write_outline):
    result = build(SAMPLE, tmp_path / "out", only="pdf")
    assert isinstance(result, BuildResult) and pickle.loads(pickle.dumps(result)) == result
    bad = write_outline("title: T\nsectons: []\n")
    try:
        load_outline(bad)
    except InputError as exc:
        again = pickle.loads(pickle.dumps(exc))
        assert again.problems == exc.problems and str(again) == str(exc)
    assert pickle.loads(pickle.dumps(resolve_theme("bold"))) == resolve_theme("bold")


def test_a_brief_per_csv_row_through_a_process_pool(tmp_path):
    rows = tmp_path / "ports.csv"
    rows.write_text("port,wait\nGdansk,3.4\nRiga,2.1\n", encoding="utf-8")
    outlines = []
    with rows.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            path = tmp_path / f"{row['port'].lower()}.yaml"
            path.write_text(f"title: Waiting times in {row['port']}\nsections:\n  - title: Summary\n"
                            f"    content: ['Ships waited {row['wait']} days.']\n", encoding="utf-8")
            outlines.append(path)
    with ProcessPoolExecutor(2) as pool:
        results = list(pool.map(build, outlines, [tmp_path / "out"] * len(outlines)))
    assert sorted(p.name for r in results for p in r.written) == ["gdansk.pdf", "gdansk.pptx", "riga.pdf",
                                                                   "riga.pptx"]


def test_the_readme_csv_example_builds_mappings_and_reports_a_bad_row(tmp_path):
    import re
    import subprocess
    import sys

    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"## Python API.*?```python\n(.*?)```", readme, re.S).group(1)
    (tmp_path / "example.py").write_text(code, encoding="utf-8")
    (tmp_path / "ports.csv").write_text('port,wait\nGdansk,3.4\n"Riga: North",2:10\nBad\x01,1\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "example.py"], cwd=tmp_path, capture_output=True, text=True, check=True)
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Gdansk: wrote") and lines[1].startswith("Riga: North: wrote")
    assert lines[2].startswith("Bad\x01: <bad\x01>:1:1: title contains control characters")
    assert sorted(p.name for p in (tmp_path / "output").glob("*.p*")) == [
        "gdansk.pdf", "gdansk.pptx", "riga: north.pdf", "riga: north.pptx"]
