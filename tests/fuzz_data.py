"""The ``data`` generator of the fuzz campaign: a random seed in, an outline and a hostile data file out.

Stage: a test tool feeding ``tests.fuzz_campaign``. Two uses of data files are tried: a family
(``build OUTLINE --data ROWS [--name COLUMN]``, the outline's ``{{ fields }}`` filled per row) and a
chart's or table's ``data:`` file. The files are hostile: UTF-16, Latin-1 and BOM-prefixed
CSVs, NUL bytes, stray carriage returns, ragged rows, unnamed or repeated header cells,
unbalanced quotes, other delimiters, formula injection (``=cmd|' /C calc'!A0``, ``@SUM``),
cells of thousands of characters, of template syntax, of YAML syntax, of numbers at a double's
edges; JSON files that are not lists of objects; damaged workbooks; output names that try to
leave the folder or collide. The outlines misuse the template language too: unknown fields,
sandbox escapes, loops that would print for ever.
"""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

from tests.fuzz_campaign import Case
from tests.fuzz_values import Rng

COLUMNS = ["port", "wait", "jan", "feb", "month"]
BAD_COLUMNS = ["", " ", "port", "a b", "{{ port }}", "__class__", "1", "Port", "\ufeffport", "é", "x" * 500]
CELLS = ["Gdansk", "3.4", "12", "-3", "02134", "Santos: Brazil", "- item", "1,234.5", "March"]
BAD_CELLS = ["=cmd|' /C calc'!A0", "@SUM(1+1)", "+1+1", "-2+3", "=HYPERLINK(\"javascript:x\")", "{{ port }}",
             "{% for i in range(9) %}x{% endfor %}", "}}", "{{", "key: value", "[a, b]", "&a *a", "1e309", "nan",
             "inf", "-inf", "1.7e308", "9" * 400, "9" * 5000, "\x01", "\x0b", "\ufdd0", "\u202eevil", "\u200b",
             "<b>x</b>", "[x](javascript:y)", "[@nope]", "**", "line\nbreak", "tab\there", "\"quoted\"", "", " ",
             "w" * 6000, " ".join(["word"] * 3000), "日本語", "\U0001f680", "\\x00", "\\ud800"]
NAMES = ["../../escape", ".hidden", "", "a/b", "con", "x" * 300, "same", "Port é", "-", "..", "\u202e"]
TEMPLATE_BITS = ["{{ port }}", "{{ wait }}", "{{ prot }}", "{{ ''.__class__.__mro__ }}", "{{ port|upper }}",
                 "{% if wait|float > 3 %}severe{% else %}easing{% endif %}", "{{ range(100000)|list|length }}",
                 "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
                 "{{ port * 100000 }}", "{{ 'x' * 10**7 }}", "{{ lipsum(1000) }}", "{% raw %}{{{% endraw %}",
                 "{{ port", "{% endif %}", "{{ self }}", "{{ cycler.__init__.__globals__ }}", "{# comment #}",
                 "{{ 1/0 }}", "{{ 'a' + 1 }}", "{{ 9.5 ** 99999 }}", "{{ 2 ** 999999 }}", "{{ '%999999999d' % 3 }}",
                 "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "{{ port|center(1000) }}",
                 "{% macro f(n) %}{% if n > 0 %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(40) }}"]


NUMBERS = ["3.4", "12", "-3", "02134", "0", "2.5e3"]
NUMERIC = ("wait", "jan", "feb")


def _cell(rng: Rng, column: str) -> str:
    return rng.choice(BAD_CELLS) if rng.hostile() else rng.choice(NUMBERS if column in NUMERIC else CELLS)


def _header(rng: Rng) -> list[str]:
    header = rng.sample(COLUMNS, rng.randint(2, 5))
    if rng.hostile():
        header.insert(rng.randrange(len(header) + 1), rng.choice(BAD_COLUMNS))
    return header


def _rows(rng: Rng, header: list[str]) -> list[list[str]]:
    rows = []
    for _ in range(rng.choice([0, 1, 1, 2, 3]) if rng.hostile() else rng.randint(1, 3)):
        width = len(header) + (rng.choice([-2, -1, 1, 3]) if rng.hostile() and rng.random() < 0.3 else 0)
        rows.append([_cell(rng, (header + [""] * 3)[index]) for index in range(max(0, width))])
    return rows


def _csv_bytes(rng: Rng, header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    delimiter = rng.choice([",", ";", "\t", "|"]) if rng.random() < 0.3 else ","
    csv.writer(out, delimiter=delimiter, lineterminator=rng.choice(["\n", "\r\n"])).writerows([header, *rows])
    text = out.getvalue()
    if not rng.hostile():
        return text.encode("utf-8")
    kind = rng.randrange(9)
    if kind == 0:
        return text.encode("utf-16")
    if kind == 1:
        return text.encode("latin-1", "replace") + "Malmö;Zürich".encode("latin-1")
    if kind == 2:
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if kind == 3:
        return text.encode("utf-8").replace(b",", b"\0,", 1)
    if kind == 4:
        return text.replace("\n", "\r").encode("utf-8")
    if kind == 5:
        return text.encode("utf-8") + b'"unbalanced,quote\n'
    if kind == 6:
        return rng.choice([b"", b"\n\n\n", b"port\n", b"\xef\xbb\xbf", b"a,b\n,\n", b"\xff\xfe"])
    if kind == 7:
        return text.encode("cp1252", "replace") + "\u201csmart\u201d".encode("cp1252")
    return text.encode("utf-8") * rng.choice([1, 50])


def _json_bytes(rng: Rng, header: list[str], rows: list[list[str]]) -> bytes:
    records = [dict(zip(header, row, strict=False)) for row in rows]
    if rng.hostile():
        return rng.choice([b"{}", b"[1, 2]", b"null", b"[{\"port\": {\"nested\": 1}}]", b"[{\"wait\": 1e400}]",
                           b"[{\"port\": \"\\ud800\"}]", b"[{\"port\": null}]", b"[", b"\xff",
                           json.dumps(records).encode() + b" trailing", b"[{\"port\": [1, 2]}]", b"[{}]"])
    return json.dumps(records).encode("utf-8")


def _xlsx_bytes(rng: Rng, header: list[str], rows: list[list[str]]) -> bytes:
    if rng.hostile():
        return rng.choice([b"PK\x03\x04" + b"\0" * 60, b"not a workbook", b""])
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in [header, *rows]:
        sheet.append([cell.replace("\x01", "").replace("\x0b", "") for cell in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _family_outline(rng: Rng, header: list[str]) -> str:
    def field() -> str:
        if rng.hostile():
            return rng.choice(TEMPLATE_BITS)
        return "{{ " + rng.choice(header if all(h.isidentifier() for h in header) and header else COLUMNS) + " }}"

    numeric = [column for column in header if column in NUMERIC]
    number = "{{ " + numeric[0] + " }}" if numeric and not rng.hostile() else field()
    return (f"title: {json.dumps('Waiting times in ' + field())}\n"
            f"summary:\n  - {json.dumps('Ships waited ' + field())}\n"
            f"sections:\n  - title: {json.dumps(field())}\n    key: {json.dumps('Congestion ' + field())}\n"
            f"    content:\n      - {json.dumps(field() + ' days')}\n"
            f"      - chart: {{type: column, categories: [Jan, Feb], series: [{{name: x, values: [{number}, 2]}}]}}\n"
            f"      - table: {{columns: [A, B], rows: [[{json.dumps(field())}, '1']]}}\n")


def _datafile_outline(rng: Rng, name: str, header: list[str]) -> str:
    x, ys = (header[0], header[1:3]) if len(header) > 1 and not rng.hostile() else ("port", ["nope", "wait"])
    chart = f"chart: {{type: {rng.choice(['line', 'bar', 'column', 'pie'])}, data: {json.dumps(name)}, " \
            f"x: {json.dumps(x)}, y: {json.dumps(ys)}}}"
    table = f"table: {{data: {json.dumps(name)}" + (f", columns: {json.dumps(header[:3])}" if rng.random() < 0.5
                                                      else "") + (", total: true" if rng.random() < 0.2 else "") + "}"
    return ("title: Data files\nsections:\n  - title: Numbers\n    content:\n"
            f"      - {chart if rng.random() < 0.5 else table}\n      - {table}\n")


def write_case(folder: Path, seed_rng: random.Random) -> Case:
    """Write an outline and a data file into ``folder``; return how to build them."""
    rng = Rng(seed_rng.getrandbits(64))
    rng.rate = rng.choice([0.0, 0.05, 0.1, 0.3, 0.6])
    for stale in folder.glob("rows.*"):
        stale.unlink()
    header = _header(rng)
    rows = _rows(rng, header)
    suffix = rng.choice([".csv", ".csv", ".csv", ".tsv", ".json", ".xlsx"])
    write = {".json": _json_bytes, ".xlsx": _xlsx_bytes}.get(suffix, _csv_bytes)
    data = folder / f"rows{suffix}"
    data.write_bytes(write(rng, header, rows))
    outline = folder / "try.yaml"
    if rng.random() < 0.3 and suffix != ".json":
        outline.write_text(_datafile_outline(rng, data.name, header), encoding="utf-8")
        return Case([str(outline)], ["try"])
    outline.write_text(_family_outline(rng, header), encoding="utf-8")
    args = [str(outline), "--data", str(data)]
    if rng.random() < 0.4:
        args += ["--name", rng.choice(header) if not rng.hostile() else rng.choice(["nope", *header])]
        if rng.hostile() and rows and args[-1] in header:
            column = header.index(args[-1])
            for row in rows:
                if column < len(row):
                    row[column] = rng.choice(NAMES)
            data.write_bytes(write(rng, header, rows))
    return Case(args, None, builds=_row_count(data))  # a build per row, each held to the bound


def _row_count(data: Path) -> int:
    """The rows the build will find in ``data`` (a file of many lines may repeat the header's rows)."""
    from generator.errors import BriefdeckError
    from generator.readers.rows import read_rows

    try:
        return len(read_rows(data))
    except BriefdeckError:  # the build refuses the file at once: one build's worth of time
        return 1
