"""``briefdeck import``: Word, text and Markdown documents become draft outlines that `check` accepts."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli.main import main
from generator.readers.outline import load_outline
from tests.conftest import ROOT, SAMPLE
from tests.deck_fixtures import make_png

ARTICLE = ROOT / "content" / "sources" / "us-troops-korea.txt"


def _leads(doc) -> list[list[str]]:
    return [[item.lead.plain for block in s.content if hasattr(block, "items") and hasattr(block.items[0], "lead")
             for item in block.items if item.lead] for s in doc.sections]


def _quotes(doc) -> list[tuple[str, str | None, str | None]]:
    return [(b.text.plain, b.by, b.role) for s in doc.sections for b in s.content if type(b).__name__ == "Quote"]


@pytest.mark.parametrize("to", ["yaml", "md"])
def test_the_sample_article_imports_to_the_samples_structure(tmp_path, capsys, to):
    target = tmp_path / f"draft.{to}"
    assert main(["import", str(ARTICLE), "-o", str(target)]) == 0
    out = capsys.readouterr().out
    assert "4 sections" in out and "the file name" in out
    draft, sample = load_outline(target), load_outline(SAMPLE)
    assert [s.title.plain.lower() for s in draft.sections] == [s.title.plain.lower() for s in sample.sections]
    assert _leads(draft) == _leads(sample)
    assert _quotes(draft) == _quotes(sample)
    assert draft.title.plain == "us troops korea"
    first = draft.sections[0].content[0]
    assert first.text.plain.startswith("The recent announcement")  # the article's first paragraph opens section 1


def test_the_import_never_invents_words(tmp_path):
    target = tmp_path / "draft.yaml"
    assert main(["import", str(ARTICLE), "-o", str(target)]) == 0
    article = Counter(re.findall(r"\w+", ARTICLE.read_text(encoding="utf-8").lower()))
    structure = {"title", "content", "points", "quote", "text", "by", "role", "sections"}

    def words(value) -> Counter:
        if isinstance(value, dict):
            return sum((words(v) + (Counter() if k in structure else words(k)) for k, v in value.items()), Counter())
        if isinstance(value, list):
            return sum((words(v) for v in value), Counter())
        return Counter(re.findall(r"\w+", str(value).lower()))

    drafted = words(yaml.safe_load(target.read_text(encoding="utf-8"))["sections"])
    assert not drafted - article, drafted - article  # no word, and no word more often, than the article has
    assert sum(drafted.values()) > 0.95 * sum(article.values())


def _docx(path, picture):
    import docx
    from docx.shared import Inches

    document = docx.Document()
    document.add_heading("Port congestion in the Baltic", 0)
    document.add_paragraph("Ships now wait longer than at any time since 2019.")
    document.add_heading("What changed", 1)
    item = document.add_paragraph(style="List Bullet")
    item.add_run("Fewer berths:").bold = True
    item.add_run(" two terminals closed for repairs.")
    document.add_paragraph("Cost: freight rates rose by a third.", style="List Bullet")
    document.add_paragraph("Waiting is the new normal for the winter.", style="Quote")
    document.add_paragraph("\u2014 Anna Berg, Harbour master", style="Quote")
    document.add_heading("The numbers", 1)
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, (("Port", "Days"), ("Gdansk", "3.4")), strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_picture(str(picture), width=Inches(2))
    document.inline_shapes[0]._inline.docPr.set("descr", "Waiting days per port")
    document.save(path)


def test_a_word_document_maps_headings_lists_quotes_tables_and_pictures(tmp_path, capsys):
    picture = make_png(tmp_path / "chart.png", 200, 100)
    source = tmp_path / "ports.docx"
    _docx(source, picture)
    target = tmp_path / "out" / "ports.yaml"
    assert main(["import", str(source), "-o", str(target)]) == 0
    assert "the document's title" in capsys.readouterr().out
    doc = load_outline(target)
    assert doc.title.plain == "Port congestion in the Baltic"
    assert [s.title.plain for s in doc.sections] == ["What changed", "The numbers"]
    prose, points, quote = doc.sections[0].content
    assert prose.text.plain == "Ships now wait longer than at any time since 2019."
    assert [(i.lead.plain if i.lead else None, i.text.plain) for i in points.items] == \
        [("Fewer berths", "two terminals closed for repairs."), ("Cost", "freight rates rose by a third.")]
    assert (quote.text.plain, quote.by, quote.role) == ("Waiting is the new normal for the winter.", "Anna Berg",
                                                        "Harbour master")
    table, image = doc.sections[1].content
    assert [c.plain for c in table.columns] == ["Port", "Days"] and table.rows[0][1].plain == "3.4"
    assert image.alt == "Waiting days per port" and image.path.parent == target.parent
    assert image.path.read_bytes() == picture.read_bytes()
    assert main(["check", str(target)]) == 0


def test_a_picture_without_alt_text_is_reported_not_invented(tmp_path, capsys):
    import docx

    picture = make_png(tmp_path / "p.png", 20, 20)
    document = docx.Document()
    document.add_heading("Only section", 1)
    document.add_picture(str(picture))
    document.save(tmp_path / "bare.docx")
    assert main(["import", str(tmp_path / "bare.docx")]) == 0
    out = capsys.readouterr().out
    assert "could not map: the picture saved as bare-picture-1.png is left out" in out
    assert main(["check", str(tmp_path / "bare.yaml")]) == 0


def test_an_ordinary_markdown_document_imports(tmp_path, capsys):
    source = tmp_path / "notes.md"
    source.write_text("# Notes on ports\n\nOpening words.\n\n## First\n\n- **Lead:** text\n\n### Deeper\n\n"
                      "```\ncode\n```\n", encoding="utf-8")
    assert main(["import", str(source), "--to", "yaml"]) == 0
    out = capsys.readouterr().out
    assert "could not map" in out and "Deeper" in out and "code block" in out
    doc = load_outline(tmp_path / "notes.yaml")
    assert doc.title.plain == "Notes on ports" and doc.sections[0].content[0].text.plain == "Opening words."


def test_import_refuses_to_overwrite_and_unknown_types(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Heading\nText.\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text("title: keep me\n", encoding="utf-8")
    assert main(["import", str(tmp_path / "a.txt")]) == 1
    assert "already exists" in capsys.readouterr().err
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    assert main(["import", str(tmp_path / "a.pdf")]) == 1
    (tmp_path / "b.docx").write_text("not a zip", encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"\xff\xfe not UTF-8")
    capsys.readouterr()
    assert main(["import", str(tmp_path / "b.docx")]) == 1 and main(["import", str(tmp_path / "c.txt")]) == 1
    err = capsys.readouterr().err
    assert "not a Word document" in err and "not UTF-8" in err and "Traceback" not in err
    assert not (tmp_path / "b.yaml").exists() and not (tmp_path / "c.yaml").exists()


def test_yaml_and_markdown_drafts_of_one_document_are_the_same_outline(tmp_path):
    from tests.readers.test_markdown import _without_positions

    source = tmp_path / "ports.docx"
    _docx(source, make_png(tmp_path / "chart.png", 200, 100))
    assert main(["import", str(source), "-o", str(tmp_path / "a" / "ports.yaml")]) == 0
    assert main(["import", str(source), "-o", str(tmp_path / "b" / "ports.md")]) == 0
    from_yaml = _without_positions(load_outline(tmp_path / "a" / "ports.yaml"))
    from_md = _without_positions(load_outline(tmp_path / "b" / "ports.md"))
    strip = [(type(b).__name__, getattr(b, "text", None) or getattr(b, "rows", None)) for s in from_md.sections
             for b in s.content]
    assert strip == [(type(b).__name__, getattr(b, "text", None) or getattr(b, "rows", None))
                     for s in from_yaml.sections for b in s.content]
    assert from_md.sections[1].content[0] == from_yaml.sections[1].content[0]  # the table, "3.4" as typed


_LINES = ["Heading\n", "Some text.\n", "- a\n", "  - b\n", "    - c\n", "- Lead:text\n", "- :x\n", "- L:\n", "\n",
          "According to A, b, \u201cx\u201d\n", "* y\n", "# T\n", "## S\n", "### D\n", "> q\n", "> \u2014 A, B\n",
          "| a | b |\n", "|---|---|\n", "| 1 | 2 | 3 |\n", "```\nx\n```\n", "![](p.png)\n", "1. x\n", "**b:** x\n",
          "---\n", "2019.\n", "#tag\n", "a: b: c\n", "yes\n", "- 'q'\n"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(_LINES), min_size=1, max_size=20), st.sampled_from([".txt", ".md"]),
       st.sampled_from(["yaml", "md"]))
def test_any_text_or_markdown_document_imports_to_an_outline_check_accepts(tmp_path_factory, lines, suffix, to):
    from generator.cli.importer import import_document
    from generator.errors import BriefdeckError

    folder = tmp_path_factory.mktemp("doc")
    source = folder / f"doc{suffix}"
    source.write_text("".join(lines), encoding="utf-8")
    try:
        done = import_document(source, folder / "out" / f"doc.{to}")
    except BriefdeckError as exc:  # only a Markdown outline (front matter) is refused
        assert "already a Markdown outline" in str(exc)
        return
    assert not [line for line in done.unmapped if "does not pass" in line]
    load_outline(done.outline)


def test_footnotes_and_text_boxes_are_reported_as_not_imported(tmp_path, capsys):
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_heading("Only section", 1)
    paragraph = document.add_paragraph("A claim.")
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paragraph.runs[0]._r.append(parse_xml(f'<w:footnoteReference xmlns:w="{w}" w:id="1"/>'))
    document.save(tmp_path / "noted.docx")
    assert main(["import", str(tmp_path / "noted.docx")]) == 0
    assert "could not map: not imported: 1 footnote (add the works" in capsys.readouterr().out
