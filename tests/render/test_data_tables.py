"""Tables and charts from data files in the outputs: codes kept, totals bold, source lines, native charts."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from generator.pipeline.build import build

OUTLINE = """\
title: Costs
sources: [{id: kosis, title: Trade statistics, publisher: KOSIS}]
sections:
  - title: Trade
    content:
      - chart: {type: column, data: exports.xlsx, sheet: Exports, x: Year, y: [Korea, Japan], source: kosis}
      - table: {data: costs.csv, format: {Cost: "#,##0"}, total: true, source: kosis, caption: Running costs}
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    openpyxl = pytest.importorskip("openpyxl")
    folder = tmp_path_factory.mktemp("data")
    (folder / "costs.csv").write_text("Zip,Item,Cost\n02134,Rent,12000\n10001,Staff,36000.5\n,Total,48000.5\n",
                                      encoding="utf-8")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Exports"
    for row in (["Year", "Korea", "Japan"], [2020, 1.5, 2], [2021, 3, 4]):
        sheet.append(row)
    book.save(folder / "exports.xlsx")
    (folder / "costs.yaml").write_text(OUTLINE, encoding="utf-8")
    build(folder / "costs.yaml", folder / "out", parallel=False)
    return folder / "out" / "costs.pdf", folder / "out" / "costs.pptx"


def _pdf_fonts(path: Path) -> dict[str, set[str]]:
    """Return the fonts each drawn text of the brief is set in."""
    found: dict[str, set[str]] = {}

    def visit(text: str, _cm: object, _tm: object, font: object, _size: object) -> None:
        if text.strip() and isinstance(font, dict):
            found.setdefault(text.strip(), set()).add(str(font.get("/BaseFont")))

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    return found


def test_the_brief_keeps_codes_as_typed_and_sets_the_total_row_bold(built: tuple[Path, Path]) -> None:
    fonts = _pdf_fonts(built[0])
    assert "02134" in fonts and "36,001" in fonts
    assert all("Bold" in font for font in fonts["48,001"] | fonts["Total"])
    assert not any("Bold" in font for font in fonts["36,001"] | fonts["Rent"])
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(built[0]).pages)
    assert text.count("Source: Trade statistics, KOSIS") == 2  # under the chart and under the table


def test_the_deck_has_a_native_chart_from_the_sheet_and_a_bold_total_row(built: tuple[Path, Path]) -> None:
    deck = Presentation(str(built[1]))
    charts = [shape.chart for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    assert [list(chart.plots[0].categories) for chart in charts] == [["2020", "2021"]]
    assert [list(s.values) for s in charts[0].plots[0].series] == [[1.5, 3.0], [2.0, 4.0]]
    (table_slide,) = [slide for slide in deck.slides if any(shape.has_table for shape in slide.shapes)]
    table = next(shape.table for shape in table_slide.shapes if shape.has_table)
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows == [["Zip", "Item", "Cost"], ["02134", "Rent", "12,000"], ["10001", "Staff", "36,001"],
                    ["", "Total", "48,001"]]

    def bold(cell: object) -> bool:
        runs = [run for para in cell.text_frame.paragraphs for run in para.runs]  # type: ignore[attr-defined]
        return bool(runs) and all(run.font.bold for run in runs)

    assert all(bold(cell) for cell in list(table.rows[3].cells)[1:])
    assert not any(bold(cell) for cell in table.rows[1].cells)
    notes = [shape.text_frame.text for shape in table_slide.shapes if shape.name.startswith("Source")]
    assert notes == ["Source: [1] Trade statistics, KOSIS"]


def test_editing_a_data_file_or_a_library_makes_the_next_build_render_again(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("BRIEFDECK_CACHE", str(tmp_path / "cache"))
    (tmp_path / "costs.csv").write_text("Item,Cost\nRent,1\n", encoding="utf-8")
    (tmp_path / "refs.bib").write_text("@misc{a, title = {A}}\n", encoding="utf-8")
    outline = tmp_path / "costs.yaml"
    outline.write_text("title: T\nsources: refs.bib\nsections:\n  - title: S\n    content:\n"
                       "      - Cited [@a].\n      - table: {data: costs.csv}\n", encoding="utf-8")
    assert not build(outline, tmp_path / "out", parallel=False).up_to_date
    assert build(outline, tmp_path / "out", parallel=False).up_to_date
    (tmp_path / "costs.csv").write_text("Item,Cost\nRent,2\n", encoding="utf-8")
    assert not build(outline, tmp_path / "out", parallel=False).up_to_date
    (tmp_path / "refs.bib").write_text("@misc{a, title = {B}}\n", encoding="utf-8")
    assert not build(outline, tmp_path / "out", parallel=False).up_to_date
    assert build(outline, tmp_path / "out", parallel=False).up_to_date


def test_watch_follows_the_data_files_and_libraries(tmp_path) -> None:
    from generator.cli.watch import watched_files

    (tmp_path / "costs.csv").write_text("Item,Cost\nRent,1\n", encoding="utf-8")
    (tmp_path / "refs.bib").write_text("@misc{a, title = {A}}\n", encoding="utf-8")
    outline = tmp_path / "costs.yaml"
    outline.write_text("title: T\nsources: [refs.bib]\nsections:\n  - title: S\n    content:\n"
                       "      - Cited [@a].\n      - table: {data: costs.csv}\n", encoding="utf-8")
    assert {(tmp_path / "costs.csv").resolve(), (tmp_path / "refs.bib").resolve()} <= watched_files(outline, None)
