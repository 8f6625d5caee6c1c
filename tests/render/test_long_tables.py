"""A table too long for a few slides: the rows that fill ``deck.table-slides`` slides, a note, the rest in notes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from msgspec.structs import replace
from pptx import Presentation
from pptx.presentation import Presentation as PptxPresentation
from pptx.slide import Slide

from generator.deck.layout import deck_layout
from generator.deck.model import DeckPlan, PlannedTable, TableSlide, TwoContentSlide
from generator.deck.plan import plan_deck
from generator.errors import InputError
from generator.labels import CATALOGUE, labels_for
from generator.model import Table
from generator.render.pptx.deck import render_pptx
from generator.theme.load import resolve_theme
from generator.theme.model import Theme
from tests.deck_fixtures import CREATED, document, rt, section, sixty_rows
from tests.textfit import fit_problems

REGIONS = ("South", "East", "West", "Central", "Coastal", "North")
COLUMNS = ("Site", "Region", "Programme", "Staff", "Share")


def long_table(count: int) -> Table:
    """Return a table too wide to stand twice side by side, of ``count`` rows."""
    rows = tuple((rt(f"Site {n:03d}"), rt(REGIONS[n % 6]),
                  rt(f"Programme of works for the {REGIONS[n % 6].lower()} harbour and depot {n}"),
                  rt(str(n * 37 % 900)), rt(f"{n * 13 % 100}%")) for n in range(1, count + 1))
    return Table(tuple(rt(c) for c in COLUMNS), rows, rt(f"{count} sites"), "sections[0].content[0]", 12)


def _theme(limit: int | None = None) -> Theme:
    theme = resolve_theme("classic")
    return theme if limit is None else replace(theme, deck=replace(theme.deck, table_slides=limit))


def _deck(table: Table, theme: Theme, language: str = "en") -> tuple[DeckPlan, list, PptxPresentation]:
    doc = document((section(0, "Every site", [table], key="Two hundred sites"),), language=language)
    plan, warnings = plan_deck(doc, theme)
    out = io.BytesIO()
    render_pptx(plan, theme, out, CREATED)
    return plan, warnings, Presentation(io.BytesIO(out.getvalue()))


def _tables(slide: Slide) -> list:
    return [shape.table for shape in slide.shapes if shape.has_table]


def _table_slides(prs: PptxPresentation) -> list[Slide]:
    return [slide for slide in prs.slides if _tables(slide)]


def _first_cells(prs: PptxPresentation) -> list[str]:
    return [row.cells[0].text for slide in _table_slides(prs) for table in _tables(slide)
            for row in list(table.rows)[1:]]


@pytest.fixture(scope="module")
def cut() -> tuple[DeckPlan, list, PptxPresentation]:
    return _deck(long_table(200), _theme())


def test_a_200_row_table_takes_three_slides_and_says_which_rows_it_shows(cut: tuple) -> None:
    plan, warnings, prs = cut
    slides = _table_slides(prs)
    assert resolve_theme("classic").deck.table_slides == 3 and len(slides) == 3
    shown = _first_cells(prs)
    assert shown == [f"Site {n:03d}" for n in range(1, len(shown) + 1)] and 30 < len(shown) < 200
    note = f"Rows 1\u2013{len(shown)} of 200 shown; the full table is in the brief."
    said = [shape.text_frame.text for slide in prs.slides for shape in slide.shapes
            if shape.has_text_frame and shape.text_frame.text.startswith("Rows ")]
    assert said == [note]
    assert note in [shape.text_frame.text for shape in slides[-1].shapes if shape.has_text_frame]
    assert any("needs more than 3 slides" in w.message and w.line == 2 for w in warnings)


def test_each_slide_is_filled_with_the_header_repeated_and_marked_continued(cut: tuple) -> None:
    plan, _, prs = cut
    planned = [s for s in plan.slides if isinstance(s, (TableSlide, TwoContentSlide))
               and any(isinstance(p, PlannedTable) for p in _parts(s))]
    assert len(planned) == 3
    bottom = deck_layout(_theme()).body.bottom_pt
    for slide in planned[:-1]:  # one more row would not have fitted
        [table] = [p for p in _parts(slide) if isinstance(p, PlannedTable)]
        assert table.box.bottom_pt + min(table.row_heights_pt) > bottom - 1e-6
    last = planned[-1]
    assert isinstance(last, TwoContentSlide)
    [table] = [p for p in last.parts if isinstance(p, PlannedTable)]
    [note] = [p for p in last.parts if not isinstance(p, PlannedTable) and p.text.startswith("Rows")]
    assert note.box.y_pt >= table.box.bottom_pt and note.box.bottom_pt <= bottom + 1e-6
    assert note.box.y_pt + min(table.row_heights_pt) > bottom - 1e-6  # the row after would not have fitted
    for index, slide in enumerate(_table_slides(prs)):
        [table] = _tables(slide)
        assert [cell.text for cell in table.rows[0].cells] == list(COLUMNS)
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        assert slide.shapes.title.text.endswith("(cont.)") == (index > 0)
        assert ("200 sites (continued)" in texts) == (index > 0) and ("200 sites" in texts) == (index == 0)


def _parts(slide: object) -> tuple:
    return getattr(slide, "parts", None) or (slide.table,)  # type: ignore[attr-defined]


def test_the_rows_left_out_are_plain_lines_in_the_last_slides_notes(cut: tuple) -> None:
    _, _, prs = cut
    slides = _table_slides(prs)
    shown = len(_first_cells(prs))
    assert not any(slide.has_notes_slide and "Site 1" in slide.notes_slide.notes_text_frame.text
                   for slide in slides[:-1])
    lines = slides[-1].notes_slide.notes_text_frame.text.splitlines()
    assert lines[0] == " | ".join(COLUMNS)
    table = long_table(200)
    assert lines[1:] == [" | ".join(cell.plain for cell in row) for row in table.rows[shown:]]
    assert len(lines) == 1 + 200 - shown


def test_every_frame_of_a_cut_table_fits(cut: tuple) -> None:
    assert fit_problems(cut[2]) == []


def test_sixty_rows_still_show_every_row() -> None:
    _, warnings, prs = _deck(sixty_rows(), _theme())
    assert _first_cells(prs) == [f"Site {n:02d}" for n in range(1, 61)]
    assert not any(shape.text_frame.text.startswith("Rows ") for slide in prs.slides for shape in slide.shapes
                   if shape.has_text_frame)
    assert not any("table-slides" in w.message for w in warnings)
    assert fit_problems(prs) == []


def test_no_limit_shows_all_200_rows() -> None:
    _, warnings, prs = _deck(long_table(200), _theme(0))
    assert _first_cells(prs) == [f"Site {n:03d}" for n in range(1, 201)]
    assert len(_table_slides(prs)) > 3
    assert not any("table-slides" in w.message for w in warnings)
    assert fit_problems(prs) == []


@pytest.mark.parametrize("language", sorted(CATALOGUE))
def test_the_note_is_in_the_document_language(language: str) -> None:
    theme = _theme(1)
    plan, _ = plan_deck(document((section(0, "Every site", [long_table(80)]),), language=language), theme)
    [last] = [s for s in plan.slides if isinstance(s, TwoContentSlide)
              and any(isinstance(p, PlannedTable) for p in s.parts)]
    shown = sum(len(p.rows) for p in last.parts if isinstance(p, PlannedTable))
    texts = [p.text for p in last.parts if not isinstance(p, PlannedTable)]
    assert labels_for(language).rows_of(1, shown, 80) in texts
    assert last.notes.count("\n") == 80 - shown  # the header line, then one line a row


@pytest.mark.parametrize(("value", "said"), [("-1", "the number -1"), ("51", "the number 51"),
                                             ("'2'", "the text '2'"), ("2.5", "the number 2.5")])
def test_table_slides_is_a_checked_whole_number(tmp_path: Path, value: str, said: str) -> None:
    path = tmp_path / "house.yaml"
    path.write_text(f"extends: classic\ndeck:\n  table-slides: {value}\n")
    with pytest.raises(InputError) as caught:
        resolve_theme(str(path))
    assert f"{path}:3:17: theme.deck.table-slides must be a whole number from 0 (no limit) to 50, not {said}" \
        in str(caught.value)
    path.write_text("extends: classic\ndeck:\n  table-slides: 5\n")
    assert resolve_theme(str(path)).deck.table_slides == 5


def test_a_worded_label_fills_in_only_its_own_placeholders(tmp_path: Path) -> None:
    path = tmp_path / "house.yaml"
    path.write_text("extends: classic\nlabels:\n  rows-shown: 'Rows {first} to {lasts}'\n  page: 'p. {page'\n")
    with pytest.raises(InputError) as caught:
        resolve_theme(str(path))
    text = str(caught.value)
    assert "theme.labels.rows-shown may fill in only {first}, {last}, {total}, not {lasts}" in text
    assert f"{path}:4:" in text and "lone {" in text
    path.write_text("extends: classic\nlabels:\n  rows-shown: '{total} rows; {first}-{last} here'\n"
                    "  takeaways: 'In {brief}'\n")
    theme = resolve_theme(str(path))
    assert labels_for("en", theme.labels).rows_of(1, 9, 40) == "40 rows; 1-9 here"
