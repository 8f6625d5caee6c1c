"""Loading outlines: the model they become, and every kind of bad input reported with its position."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import InputError
from generator.model import Callout, Chart, ChartType, Figures, Image, Paragraph, Points, Quote, Table
from generator.readers.outline import load_outline
from tests.conftest import SAMPLE

RICH = """\
title: A **rich** outline
subtitle: Every block
date: 2026-02-14
authors: [{name: Ada, role: Desk}, Jonas]
language: en
label: For discussion
summary: ["One [@s1].", Two.]
sections:
  - title: First
    key: The key
    content:
      - A paragraph [@s1].
      - text: Another paragraph.
      - points:
          - Plain point.
          - Lead: text after the lead.
          - text: Parent
            points: [Child one, Child two]
      - quote: {text: Said it., by: Someone, role: Role, source: s1}
      - figures: [{value: "28,500", label: troops}, {value: 12, label: number as text}]
      - chart: {type: stacked-bar, categories: [a, b], series: [{name: x, values: [1, 2.5]}]}
      - table: {columns: [A, B], rows: [[1, two], ["3", null]], caption: Cap}
      - image: {path: pic.png, alt: A picture}
      - callout: {title: Note, text: Shaded.}
    deck: {points: [Deck point], notes: Deck notes., skip: false}
    brief: {skip: false}
sources:
  - {id: s1, title: Source one, date: 2026-01-01, url: "https://example.org"}
"""


def _png(path):
    from PIL import Image as PILImage

    PILImage.new("RGB", (40, 20), "red").save(path)


def _problems(path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_outline(path)
    return [str(p) for p in caught.value.problems]


def test_every_block_type_loads_into_the_model(write_outline):
    path = write_outline(RICH)
    _png(path.parent / "pic.png")
    doc = load_outline(path)
    kinds = [type(b) for b in doc.sections[0].content]
    assert kinds == [Paragraph, Paragraph, Points, Quote, Figures, Chart, Table, Image, Callout]
    points = doc.sections[0].content[2]
    assert points.items[1].lead.plain == "Lead" and points.items[1].text.plain == "text after the lead."
    assert [c.text.plain for c in points.items[2].children] == ["Child one", "Child two"]
    chart = doc.sections[0].content[5]
    assert chart.type is ChartType.STACKED_BAR and chart.series[0].values == (1.0, 2.5)
    table = doc.sections[0].content[6]
    assert [c.plain for c in table.rows[0]] == ["1", "two"] and table.rows[1][1].plain == ""
    image = doc.sections[0].content[7]
    assert (image.width_px, image.height_px) == (40, 20) and image.path.is_absolute()
    assert doc.title.plain == "A rich outline" and doc.authors[1].name == "Jonas"
    assert doc.sources[0].number == 1 and doc.sources[0].date == "2026-01-01"
    assert doc.sections[0].deck_notes == "Deck notes." and doc.sections[0].deck_points[0].text.plain == "Deck point"


def test_the_sample_is_faithful_to_the_article():
    doc = load_outline(SAMPLE)
    article = SAMPLE.parent / "sources" / "us-troops-korea.txt"
    assert 3 <= len(doc.summary) <= 5
    assert [s.title.plain for s in doc.sections][-1] == "Conclusion"
    assert all(s.key for s in doc.sections)
    quote = next(b for s in doc.sections for b in s.content if isinstance(b, Quote))
    assert quote.by == "Dr. Emily Chen" and "CSIS" in quote.role
    values = {f.value for s in doc.sections for b in s.content if isinstance(b, Figures) for f in b.items}
    assert values == {"28,500", "4,500", "1953"}
    leads = [i.lead.plain for s in doc.sections for b in s.content if isinstance(b, Points) for i in b.items]
    assert len(leads) == 6
    text = article.read_text(encoding="utf-8").replace("\u2019", "'")
    for lead in leads:
        assert lead + ":" in text
    assert quote.text.plain in text.replace("\u201c", "").replace("\u201d", "")


@pytest.mark.parametrize(
    ("yaml_text", "line", "words"),
    [
        ("title: T\nsectons:\n  - title: A\n", 2, ["did you mean `sections`"]),
        ("subtitle: S\nsections:\n  - title: A\n", 1, ["`title`", "missing"]),
        ("title: T\nsections: text\n", 2, ["sections", "list"]),
        ("title: T\nsections:\n  - title: A\n    key: a colon: here\n", 4, ["in quotes", 'key: "a colon: here"']),
        ("title: T\nsections:\n  - title: A\n    content:\n      - Cites [@nope].\n", 5, ["nope"]),
        ("title: T\nsections:\n  - title: A\n    content:\n      - Go [x](javascript:alert(1)).\n", 5,
         ["javascript", "not allowed"]),
        ("title: T\nsections:\n  - title: A\n    content:\n      - chart: {type: donut, categories: [a],"
         " series: [{values: [1]}]}\n", 5, ["donut", "bar"]),
        ("title: T\nsections:\n  - title: A\n    content:\n      - chart: {type: bar, categories: [a, b],"
         " series: [{values: [1]}]}\n", 5, ["1 values for 2 categories"]),
        ("title: T\nsections:\n  - title: A\n    content:\n      - table: {columns: [a, b], rows: [[1]]}\n",
         5, ["1 cells for 2 columns"]),
        ("title: T\ndate: soon\nsections:\n  - title: A\n", 2, ["YYYY-MM-DD"]),
        ("title: T\nsections:\n  - title: A\n    content:\n      - quote: {txt: hi}\n", 5, ["did you mean `text`"]),
        ("title: T\nsections:\n  - title: A\n    content:\n      - image: {path: none.png, alt: x}\n", 5,
         ["not found"]),
        ("title: T\nsections:\n  - title: A\n    content:\n      - image: {path: ../x.png, alt: x}\n", 5,
         ["outside"]),
        ('title: "bad \\x01 char"\nsections:\n  - title: A\n', 1, ["control characters"]),
        ("title: T\ntitle: U\nsections:\n  - title: A\n", 2, ["twice"]),
        ("title: T\ntheme: nosuch\nsections:\n  - title: A\n", 2, ["nosuch"]),
        ("- just\n- a list\n", 1, ["mapping"]),
    ],
)
def test_bad_input_names_file_line_and_key(write_outline, yaml_text, line, words):
    path = write_outline(yaml_text)
    problems = _problems(path)
    at_line = [p for p in problems if p.startswith(f"{path}:{line}:")]
    assert at_line, problems
    for word in words:
        assert any(word.lower() in p.lower() for p in at_line), (word, problems)


def test_all_problems_of_a_file_are_listed_at_once(write_outline):
    path = write_outline("title: T\nsubtitel: S\nsections:\n  - title: A\n    content:\n"
                         "      - Cites [@a] and [@b].\n      - figures: [{value: 1}]\n")
    problems = _problems(path)
    assert len(problems) >= 4
    assert any("subtitle" in p for p in problems) and any("`a`" in p for p in problems)
    assert any("`b`" in p for p in problems) and any("label" in p for p in problems)


def test_a_corrupt_image_and_a_text_file_named_png_are_refused(write_outline):
    path = write_outline("title: T\nsections:\n  - title: A\n    content:\n"
                         "      - image: {path: fake.png, alt: x}\n")
    (path.parent / "fake.png").write_bytes(b"\x89PNG\r\n\x1a\nthis is not a PNG file" * 8)
    assert "readable image" in _problems(path)[0] or "damaged" in _problems(path)[0]
    (path.parent / "fake.png").write_text("hello, I am text")
    assert "readable image" in _problems(path)[0]


def test_a_symlink_leading_outside_counts_as_outside(write_outline, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "real.png"
    _png(outside)
    path = write_outline("title: T\nsections:\n  - title: A\n    content:\n"
                         "      - image: {path: link.png, alt: x}\n")
    (path.parent / "link.png").symlink_to(outside)
    assert "outside" in _problems(path)[0]
    assert load_outline(path, allow_outside=outside.parent.parent)


def test_alias_bomb_is_refused_quickly(write_outline):
    lines = ["title: T", "sections:", "  - title: A", "    content:", "      - points:",
             "          - &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"          - &{name} [{', '.join(['*' + previous] * 9)}]")
    problems = _problems(write_outline("\n".join(lines) + "\n"))
    assert "expands" in problems[0]


def test_deep_nesting_and_huge_files_are_refused(write_outline):
    assert "nest" in _problems(write_outline("title: " + "[" * 200 + "]" * 200 + "\n"))[0]
    big = write_outline("title: T\nsections:\n  - title: A\n    content:\n      - " + "x" * 2_100_000 + "\n")
    assert "limit" in _problems(big)[0]


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_mutated_yaml_never_raises_anything_but_input_error(tmp_path_factory, data):
    text = RICH.replace("      - image: {path: pic.png, alt: A picture}\n", "")
    position = data.draw(st.integers(0, len(text) - 1))
    insert = data.draw(st.sampled_from(["", ":", "- ", "\n", "[", "{", "&a ", "*a", "'", '"', "\t", "  ", "@"]))
    cut = data.draw(st.integers(0, 5))
    mutated = text[:position] + insert + text[position + cut:]
    path = tmp_path_factory.mktemp("fuzz") / "o.yaml"
    path.write_text(mutated, encoding="utf-8")
    try:
        load_outline(path)
    except InputError as exc:
        assert all(re.match(rf"{re.escape(str(path))}:\d+:\d+: ", str(p)) for p in exc.problems)


def test_raw_control_characters_in_the_file_are_reported_with_a_position(write_outline):
    problems = _problems(write_outline("title: T\nsections:\n  - title: A\x01B\n"))
    assert problems[0].startswith(f"{problems[0].split(':')[0]}:3:") and "not allowed" in problems[0]


def test_non_utf8_and_empty_files_are_reported(tmp_path):
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("title: Caf\u00e9\nsections:\n  - title: A\n".encode("latin-1"))
    assert "not UTF-8" in _problems(latin1)[0] and _problems(latin1)[0].startswith(f"{latin1}:1:")
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    assert "empty" in _problems(empty)[0]
