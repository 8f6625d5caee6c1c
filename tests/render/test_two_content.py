"""Two-content slides read back from the deck: bullets in the body placeholder, the visual beside, no overlaps."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.presentation import Presentation as PptxPresentation
from pptx.util import Emu

from generator.deck.plan import plan_deck
from generator.readers.outline import load_outline
from generator.render.pptx.deck import render_pptx
from generator.theme.load import resolve_theme
from tests.conftest import SAMPLE
from tests.deck_fixtures import CREATED
from tests.textfit import fit_problems

ROOT = SAMPLE.parents[1]
STRESS = ROOT / "tests" / "fixtures" / "stress.yaml"
CONTENT_SHAPES = ("Body", "Chart", "Table", "Picture", "Callout", "Quote", "Attribution", "Figure", "Caption")


def _deck(path: Path, theme: str) -> PptxPresentation:
    resolved = resolve_theme(theme, ROOT)
    plan, _ = plan_deck(load_outline(path), resolved)
    out = io.BytesIO()
    render_pptx(plan, resolved, out, CREATED)
    return Presentation(io.BytesIO(out.getvalue()))


def _overlap(one: object, two: object) -> bool:
    def edges(shape: object) -> tuple[int, int, int, int]:
        left, top = int(shape.left), int(shape.top)  # type: ignore[attr-defined]
        return left, top, left + int(shape.width), top + int(shape.height)  # type: ignore[attr-defined]

    a, b = edges(one), edges(two)
    slack = Emu(12700)  # a point: boxes that touch do not overlap
    return a[0] < b[2] - slack and b[0] < a[2] - slack and a[1] < b[3] - slack and b[1] < a[3] - slack


def _content(slide: object) -> list[object]:
    """Return the shapes of a slide's body area: its body placeholder and the parts drawn beside it."""
    title = slide.shapes.title  # type: ignore[attr-defined]
    return [shape for shape in slide.shapes  # type: ignore[attr-defined]
            if shape.name.startswith(CONTENT_SHAPES)
            or (shape.is_placeholder and shape.shape_id != title.shape_id and shape.has_text_frame
                and shape.placeholder_format.idx == 1)]  # the body: kicker and footers are placeholders too


@pytest.mark.parametrize("theme", ["classic", "minimal", "bold"])
def test_the_sample_deck_puts_bullets_and_visuals_side_by_side(theme: str) -> None:
    prs = _deck(SAMPLE, theme)
    assert len(prs.slides) <= 9
    callout = next(s for s in prs.slides if any(shape.name == "Callout" for shape in s.shapes))
    body = [shape for shape in callout.shapes if shape.is_placeholder and shape != callout.shapes.title
            and shape.placeholder_format.idx == 1 and shape.text_frame.text.strip()]
    assert body and "4,500 troops" in body[0].text_frame.text, "the bullets are in the body placeholder"
    panel = next(shape for shape in callout.shapes if shape.name == "Callout")
    assert body[0].left + body[0].width <= panel.left, "text on the left, the callout on the right"
    assert len(_content(callout)) >= 2
    for slide in prs.slides:
        shapes = _content(slide)
        for index, one in enumerate(shapes):
            for two in shapes[index + 1 :]:
                assert not _overlap(one, two), f"{one.name} and {two.name} overlap"  # type: ignore[attr-defined]
    assert fit_problems(prs) == []


def test_the_stress_deck_fits_and_sets_attributions_smaller() -> None:
    prs = _deck(STRESS, "classic")
    for slide in prs.slides:
        names = {shape.name: shape for shape in slide.shapes}
        if "Attribution" in names:
            quote = names["Quote"].text_frame.paragraphs[0].runs[0].font.size
            by = names["Attribution"].text_frame.paragraphs[0].runs[0].font.size
            assert 0.6 <= by / quote <= 0.75
        shapes = _content(slide)
        for index, one in enumerate(shapes):
            for two in shapes[index + 1 :]:
                assert not _overlap(one, two), f"{one.name} and {two.name} overlap"  # type: ignore[attr-defined]
    rows = [cell.text for slide in prs.slides for shape in slide.shapes if shape.has_table
            for row in list(shape.table.rows)[1:] for cell in list(row.cells)[:1]]
    assert rows == [f"Depot {n:02d}" for n in range(1, 41)]
    assert fit_problems(prs) == []
