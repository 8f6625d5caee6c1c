"""Families of briefs: one outline with ``{{ fields }}``, one brief and deck per data row, rebuilt only when changed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from generator.cli.main import main
from tests.conftest import ROOT

OUTLINE = """\
title: Waiting times in {{ port }}
date: 2026-11-01
summary:
  - "Ships waited {{ wait }} days on average."
sections:
  - title: "{{ port }}"
    key: Congestion {% if wait|float > 3 %}is severe{% else %}is easing{% endif %}
    content:
      - Ships waited {{ wait }} days; ZIP {{ zip }}.
      - chart:
          type: column
          categories: [Jan, Feb, Mar]
          series: [{name: "{{ port }}", values: [{{ jan }}, {{ feb }}, {{ mar }}]}]
"""
HEADER = "port,wait,zip,jan,feb,mar\n"
ROWS = ["Santos: Brazil,4.5,02134,3,4,5", "Rotterdam,2,10115,1,2,2", "- item,1,00501,1,1,1"]


def _setup(tmp_path: Path, rows: list[str] = ROWS) -> tuple[Path, Path]:
    outline = tmp_path / "ports.yaml"
    outline.write_text(OUTLINE, encoding="utf-8")
    data = tmp_path / "rows.csv"
    data.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return outline, data


def _build(outline: Path, data: Path, out: Path, *extra: str) -> int:
    return main(["build", str(outline), "--data", str(data), "--name", "port", "-o", str(out), "-j", "1", *extra])


def _stamps(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}


def test_values_are_text_as_typed_and_never_change_the_outline(tmp_path: Path) -> None:
    outline, data = _setup(tmp_path)
    assert _build(outline, data, tmp_path / "out") == 0
    assert sorted(p.name for p in (tmp_path / "out").glob("*.pdf")) == ["Rotterdam.pdf", "Santos-Brazil.pdf",
                                                                        "item.pdf"]
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "out" / "Santos-Brazil.pdf").pages)
    assert "Waiting times in Santos: Brazil" in text and "ZIP 02134" in text and "is severe" in text
    item = "".join(page.extract_text() for page in PdfReader(tmp_path / "out" / "item.pdf").pages)
    assert "Waiting times in - item" in item and "ZIP 00501" in item and "is easing" in item
    deck = Presentation(str(tmp_path / "out" / "Santos-Brazil.pptx"))
    charts = [shape.chart for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    assert [list(s.values) for s in charts[0].plots[0].series] == [[3.0, 4.0, 5.0]]  # numbers stay numbers


def test_a_bad_row_is_reported_with_its_row_and_outline_line_and_the_rest_are_built(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outline, data = _setup(tmp_path, ROWS + ["Bad,1,1,x,1,1"])
    outline.write_text(OUTLINE + "      - '{{ missing_field }}'\n", encoding="utf-8")
    assert _build(outline, data, tmp_path / "out") == 1
    err = capsys.readouterr().err
    assert f"{data}:2: {outline}:14:1: 'missing_field' is undefined" in err
    assert "briefdeck: 0 of 4 rows built, 4 of 4 rows failed\n" in err
    outline.write_text(OUTLINE, encoding="utf-8")
    assert _build(outline, data, tmp_path / "out") == 1
    err = capsys.readouterr().err
    assert f"{data}:5: {outline}:13:" in err and "must be a number" in err
    assert "briefdeck: 3 of 4 rows built, 1 of 4 rows failed\n" in err
    assert len(list((tmp_path / "out").glob("*.pptx"))) == 3


def test_the_sandbox_refuses_python_internals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outline, data = _setup(tmp_path)
    outline.write_text(OUTLINE.replace("{{ port }}", "{{ port.__class__.__mro__ }}", 1), encoding="utf-8")
    assert _build(outline, data, tmp_path / "out") == 1
    assert "unsafe" in capsys.readouterr().err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.pdf"))


def test_names_are_made_safe_and_collisions_are_refused_before_building(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outline, data = _setup(tmp_path, ["../../etc/passwd,1,1,1,1,1", "Same,1,1,1,1,1", "same,2,2,1,1,1"])
    assert _build(outline, data, tmp_path / "out") == 1
    assert f"{data}:4:1: this row would write same.pdf and same.pptx, as row 3 does" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
    outline, data = _setup(tmp_path, ["../../etc/passwd,1,1,1,1,1"])
    assert _build(outline, data, tmp_path / "out") == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_file()) == ["etc-passwd.pdf",
                                                                                 "etc-passwd.pptx"]


def test_a_rerun_rebuilds_only_what_changed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outline, data = _setup(tmp_path)
    out = tmp_path / "out"
    assert _build(outline, data, out) == 0
    first = _stamps(out)
    assert _build(outline, data, out) == 0
    assert _stamps(out) == first
    assert "0 of 3 rows built, 3 skipped (up to date)" in capsys.readouterr().err
    os.utime(outline, ns=(1, 1))  # touching is not changing
    assert _build(outline, data, out) == 0 and _stamps(out) == first
    changed = ROWS[:1] + ["Rotterdam,2.5,10115,1,2,2"] + ROWS[2:]
    data.write_text(HEADER + "\n".join(changed) + "\n", encoding="utf-8")
    assert _build(outline, data, out) == 0
    now = _stamps(out)
    assert {name for name in now if now[name] != first[name]} == {"Rotterdam.pdf", "Rotterdam.pptx"}
    (out / "item.pptx").unlink()
    assert _build(outline, data, out) == 0
    assert (out / "item.pptx").is_file() and _stamps(out)["Santos-Brazil.pdf"] == first["Santos-Brazil.pdf"]
    outline.write_text(OUTLINE + "\n", encoding="utf-8")  # one byte more in the outline: everything
    assert _build(outline, data, out) == 0
    assert all(_stamps(out)[name] != first[name] for name in first)
    before = _stamps(out)
    assert _build(outline, data, out, "--force") == 0
    assert all(_stamps(out)[name] != before[name] for name in before)


def test_a_theme_change_rebuilds_and_a_plain_outline_is_incremental_too(tmp_path: Path) -> None:
    theme = tmp_path / "house.yaml"
    theme.write_text("extends: classic\ncolors: {primary: '#00594F'}\n", encoding="utf-8")
    outline = tmp_path / "brief.yaml"
    outline.write_text("title: A brief\ntheme: house.yaml\nsections:\n  - title: One\n    content: [Text.]\n",
                       encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(outline), "-o", str(out), "-q"]) == 0
    first = _stamps(out)
    assert main(["build", str(outline), "-o", str(out), "-q"]) == 0 and _stamps(out) == first
    theme.write_text("extends: classic\ncolors: {primary: '#00594E'}\n", encoding="utf-8")
    assert main(["build", str(outline), "-o", str(out), "-q"]) == 0
    assert all(_stamps(out)[name] != first[name] for name in first)


def test_json_and_xlsx_rows(tmp_path: Path) -> None:
    outline, _ = _setup(tmp_path)
    rows = [{"port": "Santos", "wait": 4.5, "zip": "02134", "jan": 1, "feb": 2, "mar": 3}]
    (tmp_path / "rows.json").write_text(json.dumps(rows), encoding="utf-8")
    assert _build(outline, tmp_path / "rows.json", tmp_path / "out") == 0
    assert (tmp_path / "out" / "Santos.pdf").is_file()
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(rows[0]))
    sheet.append(["Antwerp", 2, "02134", 4, 5, 6])
    book.save(tmp_path / "rows.xlsx")
    assert _build(outline, tmp_path / "rows.xlsx", tmp_path / "out") == 0
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "out" / "Antwerp.pdf").pages)
    assert "ZIP 02134" in text


def test_jinja_is_imported_only_for_data_builds(tmp_path: Path) -> None:
    code = ("import sys; from generator.cli.main import main; "
            f"main(['build', {str(ROOT / 'content' / 'us-troops-korea.yaml')!r}, '-o', {str(tmp_path)!r}, '-q']); "
            "assert 'jinja2' not in sys.modules and 'openpyxl' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_a_csv_cell_past_the_csv_modules_limit_is_a_located_error(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    outline, data = _setup(tmp_path, ROWS[:1] + ["Long," + "9" * 140_000 + ",1,1,1,1"])
    assert _build(outline, data, tmp_path / "out") == 1  # was a traceback: _csv.Error from the reader
    err = capsys.readouterr().err
    assert f"{data}:3:1: the data file is not valid CSV: field larger than field limit (131072)" in err
    assert "Traceback" not in err and not (tmp_path / "out").exists()
