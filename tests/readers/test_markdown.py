"""Markdown outlines: the same document model as YAML, positions in the .md file, no markup leaks."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import InputError, build, load_outline
from generator.cli.main import main
from generator.model import Callout, Chart, Image, Paragraph, Points, Quote, Span, Subheading, Table
from tests.conftest import ROOT, SAMPLE
from tests.deck_fixtures import make_png

SAMPLE_MD = ROOT / "content" / "us-troops-korea.md"
FRONT = "---\ntitle: T\nsources:\n  - {id: a, title: A}\n---\n"


def _without_positions(value: Any) -> Any:
    """Return a model value with every line number and the document's path blanked."""
    if isinstance(value, msgspec.Struct):
        changes = {name: _without_positions(getattr(value, name)) for name in value.__struct_fields__}
        changes.update({key: 0 for key in ("line", "summary_line") if key in changes})
        if "sections" in changes:
            changes["path"] = None
        return msgspec.structs.replace(value, **changes)
    if isinstance(value, tuple):
        return tuple(_without_positions(item) for item in value)
    return value


def _problems(path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_outline(path)
    return [str(p) for p in caught.value.problems]


def test_the_markdown_sample_is_the_yaml_sample():
    assert _without_positions(load_outline(SAMPLE_MD)) == _without_positions(load_outline(SAMPLE))


def test_markdown_and_yaml_samples_build_byte_identical_outputs(tmp_path):
    from_md = build(SAMPLE_MD, tmp_path / "md", parallel=False)
    from_yaml = build(SAMPLE, tmp_path / "yaml", parallel=False)
    assert [p.name for p in from_md.written] == ["us-troops-korea.pdf", "us-troops-korea.pptx"]
    for md_file, yaml_file in zip(from_md.written, from_yaml.written, strict=True):
        assert md_file.read_bytes() == yaml_file.read_bytes(), md_file.name


def test_blocks_map_to_the_formats_blocks(write_outline, tmp_path):
    make_png(tmp_path / "pic.png", 40, 20)
    path = write_outline(FRONT + """
## Findings *now*

```section
key: The key message
deck:
  notes: Say it slowly.
  points:
    - Only this on the slide
brief:
  skip: false
```

A paragraph with **bold**, *italic*, a [link](https://example.org) and a citation [@a].

- **Bold lead:** its text
- Plain lead: its text
- “Curly lead”: its text
- A bullet
  - a sub-bullet

> Words worth quoting.
>
> — Jane Doe, Chief economist [@a]

| Region | Share |
|---|---|
| North | **12%** |

![A bar picture](pic.png "The caption")

```chart
type: bar
categories: [a, b]
series:
  - {name: S, values: [1, 2]}
```

```callout
title: Mind
text: "Keep it short: one point."
```
""", "outline.md")
    section = load_outline(path).sections[0]
    assert section.title.spans == (Span("Findings "), Span("now", italic=True))
    assert section.key is not None and section.key.plain == "The key message"
    assert section.deck_notes == "Say it slowly." and section.deck_points is not None
    assert [type(b) for b in section.content] == [Paragraph, Points, Quote, Table, Image, Chart, Callout]
    paragraph, points, quote, table, image, chart, _ = section.content
    assert Span("bold", bold=True) in paragraph.text.spans and Span("italic", italic=True) in paragraph.text.spans
    assert Span("link", link="https://example.org") in paragraph.text.spans
    assert paragraph.text.citations == ("a",)
    leads = [(i.lead.plain if i.lead else None, i.text.plain) for i in points.items]
    assert leads == [("Bold lead", "its text"), ("Plain lead", "its text"), ("Curly lead", "its text"),
                     (None, "A bullet")]
    assert points.items[0].lead is not None and points.items[0].lead.spans == (Span("Bold lead"),)  # drawn bold
    assert [c.text.plain for c in points.items[3].children] == ["a sub-bullet"]
    assert (quote.text.plain, quote.by, quote.role, quote.source) == ("Words worth quoting.", "Jane Doe",
                                                                      "Chief economist", "a")
    assert [c.plain for c in table.columns] == ["Region", "Share"] and table.rows[0][1].spans[0].bold
    assert (image.alt, image.caption.plain if image.caption else None) == ("A bar picture", "The caption")
    assert chart.categories == ("a", "b")


def test_other_characters_never_become_markup(write_outline):
    path = write_outline(FRONT + "\n## S\n\nEscaped \\*stars\\*, `**code**`, 5 * 3 and <b>tags</b> & more.\n",
                         "outline.md")
    text = load_outline(path).sections[0].content[0].text
    assert text.spans == (Span("Escaped *stars*, **code**, 5 * 3 and <b>tags</b> & more."),)


def test_errors_point_at_the_markdown_files_lines(write_outline):
    path = write_outline(FRONT + """
## S

Cites [@nope].

```chart
type: bar
categories: [a, b]
series:
  - values: [1, x]
```

```python
print()
```

#### Too deep for a subheading
""", "outline.md")
    problems = _problems(path)
    assert any(p.startswith(f"{path}:9:1:") and "nope" in p for p in problems), problems
    assert any(p.startswith(f"{path}:15:") and "must be a number" in p for p in problems), problems
    assert any(p.startswith(f"{path}:18:1:") and "```python" in p for p in problems), problems
    assert any(p.startswith(f"{path}:22:1:") and "`#### `" in p for p in problems), problems  # `###` is a subheading


def test_front_matter_errors_keep_their_lines(write_outline):
    path = write_outline("---\ntitle: T\ndate: soon\n---\n\n## S\n\nText.\n", "outline.md")
    assert any(p.startswith(f"{path}:3:") and "YYYY-MM-DD" in p for p in _problems(path))
    unclosed = write_outline("---\ntitle: T\n\n## S\n", "open.md")
    assert any("never closed" in p for p in _problems(unclosed))


def test_text_before_the_first_section_is_refused_not_dropped(write_outline):
    path = write_outline(FRONT + "\nAn orphan paragraph.\n\n## S\n\nText.\n", "outline.md")
    assert any(p.startswith(f"{path}:7:1:") and "no section" in p for p in _problems(path))


def test_a_yaml_content_string_is_markdown(write_outline):
    path = write_outline("title: T\nsections:\n  - title: S\n    content: |\n      Note: a colon is fine here.\n\n"
                         "      - **Lead:** a bullet\n      - another\n")
    content = load_outline(path).sections[0].content
    assert isinstance(content[0], Paragraph) and content[0].text.plain == "Note: a colon is fine here."
    assert isinstance(content[1], Points) and content[1].items[0].lead is not None
    assert content[1].line == 7


def test_build_picks_up_content_markdown_and_skips_a_stem_taken_by_yaml(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "only-md.md").write_text(FRONT + "\n## S\n\nText [@a].\n", encoding="utf-8")
    (tmp_path / "content" / "both.yaml").write_text("title: Y\nsections:\n  - title: S\n", encoding="utf-8")
    (tmp_path / "content" / "both.md").write_text(FRONT + "\n## S\n", encoding="utf-8")
    assert main(["build", "-o", "out", "-q", "--only", "pdf"]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["both.pdf", "only-md.pdf"]
    assert "content/both.md not built" in capsys.readouterr().err
    assert main(["check"]) == 0 and "checked 3 outlines" in capsys.readouterr().out


def test_a_yaml_build_imports_neither_markdown_nor_docx(tmp_path):
    code = ("import sys; from generator import build; build(sys.argv[1], sys.argv[2], parallel=False); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('markdown_it', 'docx')))")
    done = subprocess.run([sys.executable, "-c", code, str(SAMPLE), str(tmp_path)], capture_output=True, text=True,
                          check=True, cwd=ROOT)
    assert done.stdout.strip() == "[]"
    md = subprocess.run([sys.executable, "-c", code, str(SAMPLE_MD), str(tmp_path)], capture_output=True,
                        text=True, check=True, cwd=ROOT)
    assert "markdown_it" in md.stdout and "docx" not in md.stdout


def test_the_documented_markdown_outline_loads_as_documented(tmp_path):
    docs = (ROOT / "docs" / "outline-format.md").read_text(encoding="utf-8")
    example = docs.split("~~~markdown\n", 1)[1].split("\n~~~", 1)[0] + "\n"
    path = tmp_path / "ports.md"
    path.write_text(example, encoding="utf-8")
    doc = load_outline(path)
    section = doc.sections[0]
    assert section.key is not None and section.key.plain == "Waiting times doubled in one month"
    assert section.deck_notes == "Start with the March figure."
    kinds = [type(b).__name__ for b in section.content]
    assert kinds == ["Paragraph", "Points", "Quote", "Table", "Figures"]
    points = section.content[1]
    assert [i.lead.plain if i.lead else None for i in points.items] == ["Berths", "Weather", None]
    assert section.content[2].source == "port-data"


_PIECES = ["---\n", "title: T\n", "## H\n", "# T\n", "### x\n", "- a\n", "  - b\n", "    - c\n", "- **L:** t\n",
           "> q\n", ">\n", "> — A, B [@a]\n", "| a | b |\n", "|---|---|\n", "| 1 |\n", "![x](p.png)\n", "```chart\n",
           "```section\n", "```\n", "key: k\n", "deck:\n", "  skip: yes\n", "\n", "text [@a] *i* **b** [l](http://x)\n",
           "1. one\n", "***\n", "    code\n", "<b>x</b>\n", "- \n", "> - y\n", "sources: [{id: a, title: A}]\n", "\t\n",
           "Lead: x\n", "> ```chart\n", "- ```chart\n", "\u201cQ\u201d: x\n"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=25))
def test_any_markdown_gives_a_document_or_input_errors_never_a_traceback(tmp_path_factory, pieces):
    path = tmp_path_factory.mktemp("md") / "x.md"
    path.write_text("".join(pieces), encoding="utf-8")
    try:
        load_outline(path)
    except InputError as exc:
        assert all(p.line >= 1 and p.column >= 1 for p in exc.problems)


def test_lint_and_watch_take_a_markdown_outline(tmp_path, capsys):
    from generator.cli.watch import watch, watched_files

    md = tmp_path / "q.md"
    md.write_text(FRONT + "\n## S\n\n> Unattributed words.\n", encoding="utf-8")
    assert main(["lint", str(md)]) == 0
    findings = capsys.readouterr().out.splitlines()
    assert any(f.startswith(f"{md}:9:") and "quote without" in f for f in findings), findings
    assert any(f.startswith(f"{md}:4:") and "never cited" in f for f in findings), findings
    assert SAMPLE_MD.resolve() in watched_files(SAMPLE_MD, None)
    said: list[str] = []
    assert watch(SAMPLE_MD, str(tmp_path), None, max_builds=1, say=said.append) == 0
    assert said and "us-troops-korea.pdf" in said[0]


_WORDS = st.sampled_from(["ships", "waited", "4,500", "U.S.", "Seoul\u2019s", "a\u00a0b", "(CSIS)", "x&y", "<b>",
                          "2\u00d73"])
_FRAGMENT = st.one_of(_WORDS, _WORDS.map(lambda w: f"**{w}**"), _WORDS.map(lambda w: f"*{w}*"),
                      _WORDS.map(lambda w: f"[{w}](https://example.org/{len(w)})"), st.just("[@a]"),
                      st.tuples(_WORDS, _WORDS).map(lambda p: f"**{p[0]} *{p[1]}* {p[0]}**"))


@settings(max_examples=120, deadline=None)
@given(st.lists(_FRAGMENT, min_size=1, max_size=12), st.sampled_from([" ", "\n", "  "]))
def test_inline_markup_means_the_same_in_markdown_and_yaml(tmp_path_factory, fragments, gap):
    from generator.readers.markup import parse_inline

    text = " ".join(fragments)
    folder = tmp_path_factory.mktemp("inline")
    path = folder / "x.md"
    path.write_text(FRONT + "\n## S\n\n" + text.replace(" ", gap, 3) + "\n", encoding="utf-8")
    (paragraph,) = load_outline(path).sections[0].content
    assert paragraph.text == parse_inline(" ".join(text.split(" "))).text


def test_a_markdown_outline_is_a_family_template_too(tmp_path, capsys):
    outline = tmp_path / "ports.md"
    outline.write_text("---\ntitle: Waiting times in {{ port }}\n---\n\n## {{ port }}\n\n"
                       "Ships waited {{ wait }} days.\n\n- **Lead:** ZIP {{ zip }}\n\n"
                       "```chart\ntype: bar\ncategories: [a]\nseries: [{name: s, values: [{{ wait }}]}]\n```\n",
                       encoding="utf-8")
    rows = tmp_path / "rows.csv"
    rows.write_text("port,wait,zip\nSantos: Brazil,4.5,02134\nRiga,x,1\n", encoding="utf-8")
    assert main(["build", str(outline), "--data", str(rows), "--name", "port", "-o", str(tmp_path / "out"),
                 "-j", "1"]) == 1
    err = capsys.readouterr().err
    assert f"{rows}:3: " in err and "must be a number" in err and "Traceback" not in err
    doc_text = subprocess.run(["pdftotext", str(tmp_path / "out" / "Santos-Brazil.pdf"), "-"], capture_output=True,
                              text=True, check=True).stdout
    assert "Waiting times in Santos: Brazil" in doc_text and "ZIP 02134" in doc_text


def test_columns_point_at_the_bullet_or_text_in_markdown_and_in_yaml_content(write_outline):
    path = write_outline(FRONT + "\n## S\n\n- a\n  - sub [@x]\n", "outline.md")
    assert any(p.startswith(f"{path}:10:3:") and "`x`" in p for p in _problems(path))
    yaml_path = write_outline("title: T\nsections:\n  - title: S\n    content: |\n      Text.\n\n"
                              "      > Words.\n      >\n      > \u2014 A, B [@y]\n")
    assert any(p.startswith(f"{yaml_path}:9:9:") and "`y`" in p for p in _problems(yaml_path))


def test_yaml_traps_in_front_matter_and_fenced_blocks_are_explained_too(write_outline):
    path = write_outline("---\ntitle: T\nsummary:\n  - Bottom line: it works: really\n---\n\n## S\n", "a.md")
    (problem,) = _problems(path)
    assert problem.startswith(f"{path}:4:") and '`- "Bottom line: it works: really"`' in problem
    fenced = write_outline("---\ntitle: T\n---\n\n## S\n\n```chart\ntype: bar\n\tcategories: [a]\n```\n", "b.md")
    (problem,) = _problems(fenced)
    assert problem.startswith(f"{fenced}:9:1:") and "indented with a tab" in problem


def test_a_third_level_heading_is_a_subheading_and_a_fourth_is_refused(write_outline):
    path = write_outline("---\ntitle: T\n---\n\n## One\n\nText.\n\n### Costs *and* benefits\n\n- A point.\n",
                         "sub.md")
    blocks = load_outline(path).sections[0].content
    assert isinstance(blocks[1], Subheading) and blocks[1].text.plain == "Costs and benefits"
    assert isinstance(blocks[2], Points)
    deeper = write_outline("---\ntitle: T\n---\n\n## One\n\n#### Too deep\n", "deep.md")
    with pytest.raises(InputError) as raised:
        load_outline(deeper)
    assert f"{deeper}:7:1: a `#### ` heading cannot stand here" in str(raised.value)
