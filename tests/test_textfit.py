"""The text-fit check itself: it flags text taller than its frame and reads inherited typefaces and sizes."""

from __future__ import annotations

from pptx import Presentation
from pptx.util import Pt

from tests.textfit import _cascade, _theme_fonts, char_em, fit_problems

WORDS = " ".join(["capacity"] * 40)


def _deck_with_box(width_pt: float, height_pt: float) -> Presentation:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    box = slide.shapes.add_textbox(Pt(20), Pt(20), Pt(width_pt), Pt(height_pt))
    box.text_frame.word_wrap = True
    box.text_frame.text = WORDS
    box.text_frame.paragraphs[0].runs[0].font.size = Pt(18)
    return prs


def test_text_taller_than_its_frame_is_flagged_and_text_that_fits_is_not() -> None:
    [problem] = fit_problems(_deck_with_box(200, 40))
    assert problem.startswith("slide 1: 'capacity capacity") and "needs" in problem
    assert fit_problems(_deck_with_box(600, 400)) == []


def test_placeholders_inherit_the_master_typeface_and_size_through_the_theme() -> None:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Title"
    fonts = _theme_fonts(prs)
    title = _cascade(slide.shapes.title, prs, 0, fonts).run(None, None)
    assert (title.family, title.size_pt) == ("Calibri", 44.0)  # +mj-lt in python-pptx's default theme, 4400
    assert char_em("m", "Calibri", False, False) == char_em("m", "Carlito", False, False) != char_em(
        "m", "Arial", False, False)
