"""The user documentation stays in step with the program: its key tables, options, example and links.

For contributors. Every key the outline loader or the theme loader accepts is documented in a
Markdown table of docs/outline-format.md or docs/themes.md, and every key documented there is
accepted. Each such table is preceded by a comment naming it, and its first column holds one
key in backticks:

    <!-- keys: block chart -->
    | key | type | required | meaning |
    |---|---|---|---|
    | `type` | one of the chart types | yes | the kind of chart |

To add a key: add it to the loader's constant (``TOP_KEYS``, ``SECTION_KEYS``, ``DECK_KEYS``,
``BRIEF_KEYS``, ``SOURCE_KEYS``, ``AUTHOR_KEYS`` in generator/readers/outline.py; ``BLOCK_KEYS``
in generator/readers/blocks.py; ``SPEC`` and ``FONT_KEYS`` in generator/theme/load.py) and a row
to the matching table. A new block type (``BLOCK_PARSERS``) needs a row in ``keys: blocks``, and
its mapping's keys an entry in ``BLOCK_KEYS`` and a ``keys: block NAME`` table; a new theme group
in ``SPEC`` needs a ``keys: theme GROUP`` table. ``EXPECTED`` below says which table lists what.
A new command or option needs a row in the ``options: COMMAND`` table of outline-format.md.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from generator.cli.main import _parser, main
from generator.deck.plan import PROPERTY_LIMIT
from generator.model import ChartType
from generator.readers import blocks, outline
from generator.source import images, yamlsource
from generator.theme import load
from generator.theme.template import LayoutRole
from tests.conftest import ROOT

DOCS = ROOT / "docs"
FORMAT = DOCS / "outline-format.md"
THEMES = DOCS / "themes.md"
_TABLE_NAME = re.compile(r"^\s*<!--\s*(keys|options):\s*(.+?)\s*-->\s*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_CODE = re.compile(r"`([^`]+)`")


def _expected() -> dict[tuple[str, str], set[str]]:
    """Return, per (document, table name), the keys the loaders accept."""
    fmt, themes = FORMAT.name, THEMES.name
    expected = {
        (fmt, "outline"): set(outline.TOP_KEYS),
        (fmt, "author"): set(outline.AUTHOR_KEYS),
        (fmt, "section"): set(outline.SECTION_KEYS),
        (fmt, "section options"): {f"deck.{k}" for k in outline.DECK_KEYS} | {f"brief.{k}" for k in outline.BRIEF_KEYS},
        (fmt, "blocks"): set(blocks.BLOCK_PARSERS),
        (fmt, "chart types"): {kind.value for kind in ChartType},
        (fmt, "source"): set(outline.SOURCE_KEYS),
        (themes, "theme"): set(load.SPEC[""]) | {group for group in load.SPEC if group},
        (themes, "font"): set(load.FONT_KEYS),
        (themes, "font files"): set(load.FONT_FILE_KEYS),
        (themes, "pdf fonts"): set(load.BUILTIN_FONTS),
        (themes, "layout roles"): {role.value for role in LayoutRole},
        (themes, "units"): set(load._UNITS),
    }
    expected |= {(fmt, f"block {name}"): set(keys) for name, keys in blocks.BLOCK_KEYS.items()}
    expected |= {(themes, f"theme {group}"): {f"{group}.{key}" for key in keys}
                 for group, keys in load.SPEC.items() if group}
    return expected


EXPECTED = _expected()


def _tables(path: Path, kind: str) -> dict[str, list[list[str]]]:
    """Return the body rows (lists of cells) of every table in ``path`` preceded by ``<!-- kind: NAME -->``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    tables: dict[str, list[list[str]]] = {}
    for index, line in enumerate(lines):
        match = _TABLE_NAME.match(line)
        if not match or match.group(1) != kind:
            continue
        name = match.group(2)
        assert name not in tables, f"{path.name}: two tables named `{kind}: {name}`"
        rows = []
        following = iter(lines[index + 1:])
        for row in following:
            if row.strip():
                break
        else:
            row = ""
        assert row.strip().startswith("|"), f"{path.name}:{index + 1}: `{kind}: {name}` is not followed by a table"
        next(following, None)  # the |---| line under the header
        for row in following:
            if not row.strip().startswith("|"):
                break
            rows.append([cell.strip() for cell in _CELL_SPLIT.split(row.strip().strip("|"))])
        tables[name] = rows
    return tables


def _documented_keys(path: Path) -> dict[str, list[str]]:
    """Return the key in the first column of each row of each key table; a row must hold exactly one."""
    found = {}
    for name, rows in _tables(path, "keys").items():
        keys = []
        for cells in rows:
            match = re.fullmatch(r"`([^`]+)`", cells[0])
            assert match, f"{path.name}, table `{name}`: first cell {cells[0]!r} is not one key in backticks"
            keys.append(match.group(1))
        assert len(keys) == len(set(keys)), f"{path.name}, table `{name}` lists a key twice: {keys}"
        found[name] = keys
    return found


def test_every_key_table_expected_is_in_the_docs_and_no_other():
    documented = {(path.name, name) for path in (FORMAT, THEMES) for name in _documented_keys(path)}
    assert documented == set(EXPECTED), (f"missing tables: {sorted(set(EXPECTED) - documented)}; "
                                         f"tables the test does not know: {sorted(documented - set(EXPECTED))}")


@pytest.mark.parametrize("where", sorted(EXPECTED), ids=lambda where: f"{where[0]}:{where[1]}")
def test_documented_keys_are_exactly_the_accepted_keys(where):
    path = DOCS / where[0]
    documented = set(_documented_keys(path).get(where[1], []))
    accepted = EXPECTED[where]
    assert not accepted - documented, f"{path.name}, table `{where[1]}`: accepted but undocumented: " \
                                      f"{sorted(accepted - documented)}"
    assert not documented - accepted, f"{path.name}, table `{where[1]}`: documented but not accepted: " \
                                      f"{sorted(documented - accepted)}"


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = _parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {"briefdeck": parser, **subparsers.choices}


def _options(parser: argparse.ArgumentParser) -> set[str]:
    return {flag for action in parser._actions for flag in action.option_strings if flag not in ("-h", "--help")}


def test_every_command_and_option_is_documented_and_no_other():
    text = FORMAT.read_text(encoding="utf-8")
    tables = _tables(FORMAT, "options")
    for name, parser in _commands().items():
        if name != "briefdeck":
            assert f"### `briefdeck {name}`" in text, f"{FORMAT.name} has no section for `briefdeck {name}`"
        documented = {code.split()[0] for cells in tables.get(name, []) for code in _CODE.findall(cells[0])
                      if code.startswith("-")}
        assert documented == _options(parser), f"`briefdeck {name}`: options {sorted(_options(parser))}, " \
                                               f"documented {sorted(documented)}"
    assert set(tables) <= set(_commands()), f"option tables of unknown commands: {set(tables) - set(_commands())}"


def test_the_limits_table_gives_the_limits_the_loader_enforces():
    section = FORMAT.read_text(encoding="utf-8").split("## Limits and safety")[1].split("\n## ")[0]
    for limit in (yamlsource.MAX_FILE_BYTES, yamlsource.MAX_DEPTH, yamlsource.MAX_VALUES, images.MAX_PIXELS,
                  PROPERTY_LIMIT, images.MAX_IMAGE_BYTES, outline.MAX_SECTIONS, outline.MAX_PARTS,
                  blocks.MAX_WORD_CHARS):
        assert f" {limit:,} " in section, f"{FORMAT.name}, Limits and safety: {limit:,} is not stated"
    assert ", ".join(images.FORMATS) in section


def _yaml_blocks(path: Path, first_key: str) -> list[str]:
    """Return the ```yaml blocks of ``path`` that are whole files (they start with ``first_key``)."""
    found = re.findall(r"```yaml\n(.*?)\n```", path.read_text(encoding="utf-8"), re.S)
    return [block + "\n" for block in found if block.startswith(first_key)]


def test_every_whole_outline_and_theme_shown_in_the_docs_loads(tmp_path):
    from generator.readers.outline import load_outline
    from generator.readers.rows import DataRow
    from generator.theme.load import resolve_theme

    outlines, themes = _yaml_blocks(FORMAT, "title:"), _yaml_blocks(THEMES, "extends:")
    assert len(outlines) >= 2 and themes
    for number, text in enumerate(outlines + themes):
        path = tmp_path / f"example-{number}.yaml"
        path.write_text(text, encoding="utf-8")
        if text in themes:
            assert resolve_theme(str(path)).colors.primary
        elif "{{" in text:  # a family's template: load it as one row of data would fill it
            fields = {name: "1" for name in re.findall(r"\{\{\s*(\w+)", text)}
            assert load_outline(path, row=DataRow(fields, tmp_path / "rows.csv", 2)).sections
        else:
            assert load_outline(path).sections


def _worked_example() -> str:
    match = re.search(r"<!-- worked example -->\n```yaml\n(.*?)\n```", FORMAT.read_text(encoding="utf-8"), re.S)
    assert match, f"{FORMAT.name} has no ```yaml block after <!-- worked example -->"
    return match.group(1) + "\n"


def test_the_worked_example_builds_cleanly_and_does_what_the_docs_say(tmp_path, capsys):
    path = tmp_path / "housing.yaml"
    path.write_text(_worked_example(), encoding="utf-8")
    assert main(["build", str(path), "-o", str(tmp_path / "out"), "-q"]) == 0
    assert capsys.readouterr().err == "", "the worked example should build without warnings"
    pdf = PdfReader(tmp_path / "out" / "housing.pdf")
    brief = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
    assert len(pdf.pages) == 3
    for said in ("Key takeaways", "Demand moved out of the capital", "Notes and sources", "Method",
                 "Zoning reform & faster permits", "< 0.6", "council guide"):
        assert said in brief, said
    assert "Speaker background" not in brief  # brief.skip
    deck = Presentation(str(tmp_path / "out" / "housing.pptx"))
    slides = [" ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
              for slide in deck.slides]
    assert len(slides) == 9  # issue 10: bullets share their slide with a visual, small visuals pair up
    assert "Agenda" in slides[2] and "Method" not in " ".join(slides)  # deck.skip
    assert any("Permit deadline of 90 days" in text for text in slides)  # deck.points
    assert not any("approval when it passes" in text for text in slides)
    assert "Speaker background" in slides[-2] and "Sources" in slides[-1]
    charts = [shape.chart for slide in deck.slides for shape in slide.shapes if shape.has_chart]
    assert [list(chart.plots[0].categories) for chart in charts] == [["Aldwick", "Brenton", "Carrow", "Dunmere"]]
    notes = [slide.notes_slide.notes_text_frame.text for slide in deck.slides if slide.has_notes_slide]
    assert any("Stress the link between permit times and rents" in text for text in notes)  # deck.notes


def _link_targets(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"```.*?```", "", text, flags=re.S)  # code blocks hold examples, not links
    return re.findall(r"\]\(([^)\s]+)\)", text) + re.findall(r"<img[^>]*\ssrc=\"([^\"]+)\"", text)


def _anchors(path: Path) -> set[str]:
    """Return the anchors GitHub gives the headings of ``path`` ("## `briefdeck build`" -> briefdeck-build)."""
    headings, fence = [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        opened = re.match(r" {0,3}(`{3,}|~{3,})", line)
        if opened and (not fence or opened.group(1).startswith(fence)):
            fence = "" if fence else opened.group(1)  # a fenced block opens or closes (inline ``` spans do not)
        elif not fence and (heading := re.match(r"#+ (.+)$", line)):
            headings.append(heading.group(1))
    return {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}


@pytest.mark.parametrize("path", [ROOT / "README.md", *sorted(DOCS.glob("*.md"))], ids=lambda p: p.name)
def test_documents_link_only_to_files_inside_the_repository(path):
    targets = _link_targets(path)
    assert targets, f"{path.name}: no links found (is the pattern still right?)"
    for target in targets:
        if re.match(r"(https?|mailto):", target):
            continue
        name, _, anchor = target.partition("#")
        file = (path.parent / name).resolve()
        assert file.is_relative_to(ROOT), f"{path.name} links outside the repository: {target}"
        assert file.exists(), f"{path.name} links to a missing file: {target}"
        if anchor and file.suffix == ".md":
            assert anchor in _anchors(file), f"{path.name} links to a missing heading: {target}"
    assert "shared/" not in path.read_text(encoding="utf-8"), f"{path.name} mentions shared/"
