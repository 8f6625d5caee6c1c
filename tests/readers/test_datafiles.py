"""Charts and tables read from CSV and XLSX files: values, kept text, formats, totals and bad data."""

from __future__ import annotations

import pytest

from generator.errors import InputError
from generator.model import Chart, Table
from generator.readers.data import parse_format
from generator.readers.outline import load_outline

EXPORTS = "Year,Korea,Japan,China\n2020,1,\"2,000\",3\n2021,4,5,6\n2022,7.5,8,9\n"
COSTS = "Zip;Item;Cost;Share\n02134;Rent;12000;0.25\n10001;Staff;36000.5;0.75\n;Total;48000.5;1\n"


def _blocks(path):
    return load_outline(path).sections[0].content


def _outline(content: str) -> str:
    return ("title: T\nsources: [{id: kosis, title: Trade statistics}]\nsections:\n  - title: S\n    content:\n"
            + content)


def _cells(table: Table) -> list[list[str]]:
    return [[cell.plain for cell in row] for row in table.rows]


def test_a_csv_chart_takes_categories_from_x_and_series_from_y(write_outline, tmp_path):
    (tmp_path / "exports.csv").write_text(EXPORTS, encoding="utf-8")
    path = write_outline(_outline("      - chart: {type: line, data: exports.csv, x: year, y: [Korea, Japan],"
                                  " source: kosis}\n      - chart: {type: column, data: exports.csv}\n"))
    picked, everything = _blocks(path)
    assert isinstance(picked, Chart) and picked.source == "kosis"
    assert picked.categories == ("2020", "2021", "2022")
    assert [(s.name, s.values) for s in picked.series] == [("Korea", (1.0, 4.0, 7.5)), ("Japan", (2000.0, 5.0, 8.0))]
    assert [s.name for s in everything.series] == ["Korea", "Japan", "China"]


def test_a_csv_table_keeps_cells_as_typed_and_formats_numbers(write_outline, tmp_path):
    (tmp_path / "costs.csv").write_text(COSTS, encoding="utf-8")
    path = write_outline(_outline("      - table: {data: costs.csv, total: true, source: kosis,"
                                  " format: {cost: '#,##0', Share: '0.0%'}}\n"
                                  "      - table: {data: costs.csv, columns: [Item, Zip]}\n"))
    formatted, picked = _blocks(path)
    assert [c.plain for c in formatted.columns] == ["Zip", "Item", "Cost", "Share"]
    assert _cells(formatted) == [["02134", "Rent", "12,000", "25.0%"], ["10001", "Staff", "36,001", "75.0%"],
                                 ["", "Total", "48,001", "100.0%"]]
    assert formatted.total and formatted.source == "kosis"
    assert _cells(picked) == [["Rent", "02134"], ["Staff", "10001"], ["Total", ""]]
    assert not picked.total and picked.source is None


def test_an_xlsx_chart_and_table_read_the_named_sheet(write_outline, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["not this sheet"])
    sheet = book.create_sheet("Summary")
    for row in (["Item", "Cost", "Code"], ["Rent", 12000, "02134"], ["Staff", 36000.25, "00007"],
                ["Total", 48000.25, None]):
        sheet.append(row)
    book.save(tmp_path / "costs.xlsx")
    path = write_outline(_outline("      - table: {data: costs.xlsx, sheet: Summary, format: '#,##0.0',"
                                  " totals: [All, 1, '']}\n"
                                  "      - chart: {type: bar, data: costs.xlsx, sheet: Summary, y: Cost}\n"))
    table, chart = _blocks(path)
    assert _cells(table) == [["Rent", "12,000.0", "02134"], ["Staff", "36,000.3", "00007"],
                             ["Total", "48,000.3", ""], ["All", "1.0", ""]]
    assert table.total
    assert chart.categories == ("Rent", "Staff", "Total")
    assert chart.series[0].values == (12000.0, 36000.25, 48000.25)


def test_written_out_rows_take_a_format_and_a_totals_row(write_outline):
    path = write_outline(_outline("      - table:\n          columns: [Item, Cost]\n"
                                  "          rows: [[A, 1234.5], [B, '0012']]\n"
                                  "          totals: [Total, 1246.5]\n          format: '#,##0.00'\n"))
    (table,) = _blocks(path)
    assert _cells(table) == [["A", "1,234.50"], ["B", "0012"], ["Total", "1,246.50"]]
    assert table.total


@pytest.mark.parametrize(("pattern", "text", "shown"), [
    ("#,##0", "36000.5", "36,001"), ("0.0%", "0.125", "12.5%"), ("0", "02134", "02134"),
    ("#,##0.00", "-1234.567", "\u22121,234.57"), ("0.0", "-0.01", "0.0"), ("0", "n/a", "n/a"),
])
def test_number_formats_round_half_up_and_leave_codes_alone(pattern, text, shown):
    found = parse_format(pattern)
    assert found is not None and found.apply(text) == shown


def _problems(path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_outline(path)
    return [str(problem) for problem in caught.value.problems]


def test_bad_data_is_reported_at_the_files_row_and_column_with_the_outline_line(write_outline, tmp_path):
    (tmp_path / "exports.csv").write_text("Year,Korea,Japan\n2020,1,2\n2021,n/a,4\n2022,,6\n", encoding="utf-8")
    path = write_outline(_outline("      - chart: {type: line, data: exports.csv, x: Year}\n"))
    problems = _problems(path)
    data_file, outline = tmp_path / "exports.csv", tmp_path / "outline.yaml"
    assert problems == [
        f"{data_file}:3:2: `n/a` in column `Korea` is not a number "
        f"(data for sections[0].content[0].chart, named at {outline}:6:35)",
        f"{data_file}:4:2: an empty cell in column `Korea` is not a number "
        f"(data for sections[0].content[0].chart, named at {outline}:6:35)",
    ]


def test_bad_xlsx_cells_name_the_sheet_row_and_column(write_outline, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for row in (["Year", "Value"], [2020, 1], [2021, "lots"]):
        book.active.append(row)
    book.save(tmp_path / "v.xlsx")
    path = write_outline(_outline("      - chart: {type: line, data: v.xlsx}\n"))
    (problem,) = _problems(path)
    assert problem.startswith(f"{tmp_path / 'v.xlsx'}:3:2: `lots` in column `Value` is not a number")
    assert problem.endswith(f"named at {tmp_path / 'outline.yaml'}:6:35)")


def test_data_files_are_checked_like_images(write_outline, tmp_path):
    outside = tmp_path.parent / f"{tmp_path.name}-outside.csv"
    outside.write_text("a,b\nx,1\n", encoding="utf-8")
    (tmp_path / "ok.csv").write_text("a,b\nx,1\n", encoding="utf-8")
    (tmp_path / "ragged.csv").write_text("a,b\nx,1,2\n", encoding="utf-8")
    path = write_outline(_outline(
        f"      - table: {{data: ../{outside.name}}}\n"
        "      - table: {data: missing.csv}\n"
        "      - table: {data: ok.csv, columns: [a, c], rows: []}\n"
        "      - table: {data: ok.csv, sheet: One}\n"
        "      - chart: {type: bar, data: ok.csv, categories: [x]}\n"
        "      - table: {columns: [a], rows: [[1]], sheet: One}\n"
        "      - table: {data: ragged.csv, format: '0.0.0'}\n"))
    text = "\n".join(_problems(path))
    assert f"outline.yaml:6:23: sections[0].content[0].table.data: data file `../{outside.name}` is outside" in text
    assert "outline.yaml:7:23: sections[0].content[1].table.data: data file `missing.csv` not found" in text
    assert "outline.yaml:8:44: sections[0].content[2].table.columns: `c` is not a column of `ok.csv` " \
           "(its columns: `a`, `b`)" in text
    assert "outline.yaml:8:48: sections[0].content[2].table: `rows` comes from the data file" in text
    assert "sections[0].content[3].table.data: `sheet:` names a sheet of an .xlsx workbook" in text
    assert "sections[0].content[4].chart: `categories` comes from the data file" in text
    assert "sections[0].content[5].table: `sheet` needs a `data:` file" in text
    assert "outline.yaml:12:43: sections[0].content[6].table.format `0.0.0` is not a number format" in text
    assert f"{tmp_path / 'ragged.csv'}:2:3: this row has 3 cells but the header names 2 columns " \
           f"(data for sections[0].content[6].table, named at {path}:12:23)" in text


def test_allow_outside_admits_a_data_file_outside_the_folder(write_outline, tmp_path):
    outside = tmp_path.parent / f"{tmp_path.name}-shared.csv"
    outside.write_text("a,b\nx,1\n", encoding="utf-8")
    path = write_outline(_outline(f"      - table: {{data: ../{outside.name}}}\n"))
    (table,) = load_outline(path, allow_outside=tmp_path.parent).sections[0].content
    assert _cells(table) == [["x", "1"]]


def test_control_characters_in_a_cell_are_reported_at_the_cell(write_outline, tmp_path):
    (tmp_path / "c.csv").write_text("a,b\nx,1\ny,\x07\n", encoding="utf-8")
    path = write_outline(_outline("      - table: {data: c.csv}\n"))
    (problem,) = _problems(path)
    assert problem.startswith(f"{tmp_path / 'c.csv'}:3:2: this cell contains control characters that documents "
                              "cannot hold (U+0007)")


def test_cells_from_data_files_count_against_the_outlines_parts_limit(write_outline, tmp_path):
    from generator.readers.outline import MAX_PARTS

    rows = MAX_PARTS // 2 + 1
    (tmp_path / "big.csv").write_text("a,b\n" + "".join(f"x{i},{i}\n" for i in range(rows)), encoding="utf-8")
    path = write_outline(_outline("      - table: {data: big.csv}\n"))
    (problem,) = _problems(path)
    assert f"outline.yaml:6:9: sections[0].content[0]: with this block the outline holds more than {MAX_PARTS:,} " \
           "parts" in problem
    (tmp_path / "big.csv").write_text("a,b\n" + "".join(f"x{i},{i}\n" for i in range(rows // 2)), encoding="utf-8")
    assert len(load_outline(path).sections[0].content[0].rows) == rows // 2


def test_a_data_value_no_chart_can_draw_is_an_error_at_its_cell(write_outline, tmp_path):
    """Found by the fuzz campaign (``--generator data``): 1.7e308 beside -3 overflowed the value axis."""
    (tmp_path / "ports.csv").write_text("Month,Port,Wait\nJan,1.7e308,3\nFeb,-3,1e-300\n", encoding="utf-8")
    path = write_outline(_outline("      - chart: {type: line, data: ports.csv, x: Month}\n"))
    problems = _problems(path)
    data_file = tmp_path / "ports.csv"
    assert [p.split(" (data for")[0] for p in problems] == [
        f"{data_file}:2:2: `1.7e308` in column `Port`: chart values must lie between -1e15 and 1e15 (change the unit)",
        f"{data_file}:3:3: `1e-300` in column `Wait`: chart values other than 0 must be at least 1e-9 in size "
        "(change the unit)",
    ]


def test_a_cell_holding_a_line_break_is_quoted_on_one_line(write_outline, tmp_path):
    """Found by the fuzz campaign (``--generator data``, seed 90 case 581): the message's second half named no place."""
    (tmp_path / "rows.csv").write_text("month,port\nJan,\"line\nbreak\"\nFeb,\"a\u2028b\"\n", encoding="utf-8")
    path = write_outline(_outline("      - chart: {type: pie, data: rows.csv, x: month, y: [port]}\n"))
    with pytest.raises(InputError) as caught:
        load_outline(path)
    shown = str(caught.value)
    assert len(shown.splitlines()) == len(caught.value.problems) == 2, shown
    assert "`line\\nbreak` in column `port` is not a number" in shown and "`a\\u2028b`" in shown, shown
