"""The YAML traps (colons, tabs, indentation, curly-quoted lead-ins) explained at the line, with the fix."""

from __future__ import annotations

import pytest

from generator import InputError, build, load_outline
from generator.cli.starter import write_starter
from generator.model import Span


def _problems(path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_outline(path)
    return [str(p) for p in caught.value.problems]


def test_a_paragraph_starting_note_colon_is_explained_not_taken_for_a_block(write_outline):
    path = write_outline("title: T\nsections:\n  - title: A\n    content:\n      - Note: figures are provisional.\n")
    (problem,) = _problems(path)
    assert problem.startswith(f"{path}:5:")
    assert "did you mean" not in problem and "key `Note`" in problem and "colon" in problem
    assert '`- "Note: figures are provisional."`' in problem and "text: |" in problem


def test_a_misspelt_block_holding_text_gets_both_explanations(write_outline):
    path = write_outline("title: T\nsections:\n  - title: A\n    content:\n      - qoute: hello\n")
    (problem,) = _problems(path)
    assert "colon" in problem and "spell it `quote`" in problem


def test_a_colon_in_a_summary_item_is_explained(write_outline):
    path = write_outline("title: T\nsummary:\n  - Fine.\n  - Bottom line: it works\nsections:\n  - title: A\n")
    (problem,) = _problems(path)
    assert problem.startswith(f"{path}:4:") and "summary[1]" in problem and "not a mapping" not in problem
    assert '`- "Bottom line: it works"`' in problem


def test_a_second_colon_on_a_line_is_explained_with_the_quoted_line(write_outline):
    path = write_outline("title: T\nsections:\n  - title: A\n    key: The key: it works\n")
    (problem,) = _problems(path)
    assert problem.startswith(f"{path}:4:") and '`key: "The key: it works"`' in problem


@pytest.mark.parametrize(("text", "line"), [
    ("title: T\nsections:\n\t- title: A\n", 3),
    ("title: T\nsections:\n  - title: A\n    content:\n    \t- x\n", 5),
])
def test_a_tab_is_named_with_the_fix(write_outline, text, line):
    (problem,) = _problems(write_outline(text))
    assert f":{line}:" in problem and "tab" in problem and "YAML indents with spaces" in problem


@pytest.mark.parametrize(("text", "line"), [
    ("title: T\nsections:\n  - title: A\n    content:\n      - Para\n     - Para two\n", 6),
    ("title: T\nsections:\n  - title: A\n   key: K\n", 4),
])
def test_a_wrong_indentation_is_named_at_its_line(write_outline, text, line):
    (problem,) = _problems(write_outline(text))
    assert f":{line}:" in problem and "indentation" in problem and "YAML indents with spaces" in problem


def test_curly_quotes_around_a_lead_in_are_dropped(write_outline):
    path = write_outline("title: T\nsections:\n  - title: A\n    content:\n      - points:\n"
                         "          - \u201cChild allowance\u201d: paid monthly\n")
    item = load_outline(path).sections[0].content[0].items[0]
    assert item.lead is not None and item.lead.spans == (Span("Child allowance"),)


def test_the_starter_shows_a_lead_in_that_comes_out_bold(tmp_path):
    outline = write_starter(tmp_path / "demo")[0]
    leads = [item.lead for block in load_outline(outline).sections[0].content if type(block).__name__ == "Points"
             for item in block.items if item.lead]
    assert leads and leads[0].plain == "Lead-in"


def test_build_takes_a_mapping_and_a_document(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    outline = {"title": "Waiting times in Riga", "sections": [{"title": "Summary",
                                                               "content": ["Ships waited 2.1 days: a record."]}]}
    result = build(outline, "out", name="riga", only="pdf")
    assert [p.name for p in result.written] == ["riga.pdf"]
    with pytest.raises(InputError) as caught:
        build({"title": "T", "sections": [{"titel": "A"}]}, "out")
    assert "<outline>:1:1: sections[0]: unknown key `titel`; did you mean `title`?" in str(caught.value)
    doc = load_outline(_write(tmp_path))
    assert [p.name for p in build(doc, "out", only="pptx").written] == ["x.pptx"]


def _write(folder):
    path = folder / "x.yaml"
    path.write_text("title: X\nsections:\n  - title: A\n", encoding="utf-8")
    return path
