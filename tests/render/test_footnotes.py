"""Footnotes in the outputs: at the foot of the page that cites them, in an end list, in the speaker notes."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from generator.pipeline.build import build

PARAGRAPH = ("Paragraph {n} says a good deal about costs, troop levels, the alliance and burden sharing, "
             "and about what the budget says of them, so that the page fills with prose.[^Note {n}: "
             "measured in constant 2020 won, from the ministry's tables.]")


def _outline(theme: str | None) -> str:
    paragraphs = "\n".join(f'      - "{PARAGRAPH.format(n=n)}"' for n in range(1, 25))
    return (f"title: Footnoted\n{f'theme: {theme}' + chr(10) if theme else ''}"
            'summary: ["Costs rose.[^A note in the summary.]"]\n'
            "sources: [{id: kosis, title: Trade statistics}]\nsections:\n  - title: Costs\n    content:\n"
            '      - "Cited text.[^See [@kosis].]"\n'
            "      - points:\n          - A point[^A note on a point.]\n"
            f"{paragraphs}\n")


def _build(folder: Path, theme: str | None) -> tuple[list[str], Presentation]:
    (folder / "end.yaml").write_text("extends: classic\nname: end\ndescription: notes at the end\n"
                                     "brief:\n  footnotes: end\n", encoding="utf-8")
    (folder / "two.yaml").write_text("extends: classic\nname: two\ndescription: two columns\n"
                                     "brief:\n  columns: 2\n", encoding="utf-8")
    (folder / "notes.yaml").write_text(_outline(theme), encoding="utf-8")
    build(folder / "notes.yaml", folder / "out", parallel=False)
    pages = [" ".join((page.extract_text() or "").split()) for page in PdfReader(folder / "out" / "notes.pdf").pages]
    return pages, Presentation(str(folder / "out" / "notes.pptx"))


@pytest.fixture(scope="module")
def at_foot(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], Presentation]:
    return _build(tmp_path_factory.mktemp("foot"), None)


def test_each_note_sits_at_the_foot_of_the_page_that_cites_it(at_foot: tuple[list[str], Presentation]) -> None:
    pages, _ = at_foot
    assert len(pages) >= 2
    for n in range(1, 25):
        # the mark of paragraph n is note n + 3 (summary, cited text and point come first), at its end
        (page,) = [p for p in pages if f"{n + 3}. Note {n}: measured in constant 2020 won" in p]
        body, _, _ = page.rpartition(f"{n + 3}. Note {n}:")
        assert f"fills with prose.{n + 3}" in body, n  # the mark is on this page, above its note
    assert "1. A note in the summary." in pages[0] and "3. A note on a point." in pages[0]
    assert "Notes Notes" not in " ".join(pages) and not any(p.startswith("Notes ") for p in pages)


def test_with_footnotes_at_the_end_they_are_listed_before_the_sources(tmp_path: Path) -> None:
    pages, _ = _build(tmp_path, "end.yaml")
    text = " ".join(pages)
    notes_at = text.index("Notes 1. A note in the summary. 2. See")
    assert notes_at < text.index("Notes and sources 1. Trade statistics.")
    assert text.index("Paragraph 24 says") < notes_at
    assert "27. Note 24: measured in constant 2020 won" in text[notes_at:]


def test_a_two_column_brief_lists_its_notes_at_the_end(tmp_path: Path) -> None:
    pages, _ = _build(tmp_path, "two.yaml")
    text = " ".join(pages)
    assert text.index("Paragraph 24 says") < text.index("Notes 1. A note in the summary.")


def test_the_deck_puts_each_note_in_the_speaker_notes_of_its_slide(at_foot: tuple[list[str], Presentation]) -> None:
    _, deck = at_foot
    notes = [slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else "" for slide in deck.slides]
    slides = [" ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
              for slide in deck.slides]
    assert "Notes: A note in the summary." in notes[1] and "Key takeaways" in slides[1]
    (costs,) = [n for n in notes if "Notes: A note on a point." in n]
    assert "Notes: See [1]." in costs and "Notes: Note 24: measured in constant 2020 won" in costs
    assert not any("measured in constant" in text for text in slides)  # notes never show on the slides


def test_notes_the_brief_does_not_print_take_no_number(tmp_path: Path) -> None:
    (tmp_path / "skip.yaml").write_text(
        "title: T\nsections:\n  - title: Shown\n    content:\n      - One.[^First.]\n"
        "    deck:\n      points: ['Deck only[^Not in the brief.]']\n"
        "  - title: Skipped\n    brief: {skip: true}\n    content:\n      - Two.[^Skipped note.]\n"
        "  - title: Last\n    content:\n      - Three.[^Second.]\n", encoding="utf-8")
    build(tmp_path / "skip.yaml", tmp_path / "out", parallel=False)
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(tmp_path / "out" / "skip.pdf").pages)
    assert "1. First." in text and "2. Second." in text
    assert "Skipped note" not in text and "Not in the brief" not in text
    notes = [s.notes_slide.notes_text_frame.text for s in Presentation(str(tmp_path / "out" / "skip.pptx")).slides
             if s.has_notes_slide]
    assert any("Notes: Not in the brief." in n for n in notes) and any("Notes: Skipped note." in n for n in notes)
