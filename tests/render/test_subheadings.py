"""Subheadings (`- heading: ...`): a subheading in the brief; a bold line, or new slides when the section is long."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from generator.model import Subheading
from generator.pipeline.build import build
from generator.readers.outline import load_outline

LONG_POINTS = [
    "Stationing 28,500 troops costs about two billion dollars a year, most of it salaries and housing.",
    "Exercises with allied forces add several hundred million dollars, depending on their scale.",
    "Equipment rotated through the peninsula wears faster and is replaced sooner than elsewhere.",
    "Construction of new bases was shared, but maintenance falls mostly on the stationing country.",
    "Host-nation support offsets part of the bill, under an agreement renewed every five years.",
    "Readiness elsewhere suffers when units rotate through Korea for nine-month tours of duty.",
    "Political capital is spent each time the cost-sharing agreement comes up for renegotiation.",
    "Alliance cohesion, shown to third countries by the presence of troops on the ground every day.",
    "Training opportunities in terrain and weather that differ from those at home bases.",
    "Deterrence of a conventional attack, which would cost far more than the stationing itself.",
]


def _points(texts: list[str]) -> str:
    return "      - points:\n" + "".join(f"          - {text}\n" for text in texts)


OUTLINE = ("title: Subheadings\nsections:\n  - title: Short section\n    content:\n"
           "      - heading: Direct costs\n      - points: [Stationing, Exercises]\n"
           "      - heading: '**Indirect** costs'\n      - points: [Host-nation support]\n"
           "      - heading: Nothing under it\n"
           "  - title: Long section\n    content:\n"
           "      - heading: Direct part\n" + _points(LONG_POINTS[:4])
           + "      - heading: Indirect part\n" + _points(LONG_POINTS[4:7])
           + "      - heading: Benefit part\n" + _points(LONG_POINTS[7:])
           + "      - heading: Chart part\n"
           + "      - chart: {type: column, categories: [x, y], series: [{values: [3, 4]}]}\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("sub")
    (folder / "sub.yaml").write_text(OUTLINE, encoding="utf-8")
    build(folder / "sub.yaml", folder / "out", parallel=False)
    return folder / "sub.yaml", folder / "out"


def test_a_heading_block_is_a_subheading_of_the_model(built: tuple[Path, Path]) -> None:
    content = load_outline(built[0]).sections[0].content
    assert [b.text.plain for b in content if isinstance(b, Subheading)] == [
        "Direct costs", "Indirect costs", "Nothing under it"]
    assert [s.bold for s in content[2].text.spans] == [True, False]  # type: ignore[union-attr]


def test_the_brief_sets_subheadings_between_heading_and_body_size(built: tuple[Path, Path]) -> None:
    sizes: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            sizes.setdefault(text.strip(), size * tm[0] * cm[0])

    page = PdfReader(built[1] / "sub.pdf").pages[0]
    page.extract_text(visitor_text=visit)
    # bullets extract as DEL from a standard font, as "•" from an embedded one
    text = " ".join((page.extract_text() or "").replace("\x7f", " ").replace("•", " ").split())
    assert "Short section Direct costs Stationing Exercises Indirect costs Host-nation support Nothing under it" \
        in text
    assert sizes["Stationing"] < sizes["Direct costs"] < sizes["Short section"]


def test_a_short_section_shows_subheadings_as_bold_lines_among_its_bullets(built: tuple[Path, Path]) -> None:
    deck = Presentation(str(built[1] / "sub.pptx"))
    slide = deck.slides[1]
    body = next(shape for shape in slide.shapes if shape.has_text_frame and "Stationing" in shape.text_frame.text)
    lines = [(p.text, all(r.font.bold for r in p.runs)) for p in body.text_frame.paragraphs]
    assert lines == [("Direct costs", True), ("Stationing", False), ("Exercises", False),
                     ("Indirect costs", True), ("Host-nation support", False)]  # an empty part shows nothing


def test_a_long_section_starts_a_slide_per_part_with_the_subheading_above_the_title(built: tuple[Path, Path]
                                                                                   ) -> None:
    deck = Presentation(str(built[1] / "sub.pptx"))
    parts = []
    for slide in [slide for slide in list(deck.slides)[2:] if not any(shape.has_chart for shape in slide.shapes)]:
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame and shape.text_frame.text]
        parts.append(texts)
    assert len(parts) == 3
    for texts, kicker, first in zip(parts, ("Direct part", "Indirect part", "Benefit part"),
                                    (LONG_POINTS[0], LONG_POINTS[4], LONG_POINTS[7]), strict=True):
        assert kicker in texts and "Long section" in texts
        assert any(text.startswith(first) for text in texts)
        assert not any(kicker in text and first in text for text in texts)  # not repeated in the body

