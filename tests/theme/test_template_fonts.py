"""A corporate template's fonts and colours: its theme fonts set the text, and the planner measures with them."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx.oxml.ns import qn

from generator.theme.load import resolve_theme
from tests.textfit import _cascade, _theme_fonts, fit_problems
from tests.theme.test_template import build_deck, corporate_template, with_references_to_samples, write_theme

CARLITO = Path("/usr/share/fonts/truetype/crosextra")
EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
VT = "{http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes}"


@pytest.fixture(scope="module")
def corporate(tmp_path_factory: pytest.TempPathFactory) -> tuple:
    folder = tmp_path_factory.mktemp("corp")
    with_references_to_samples(corporate_template(folder / "corp.pptx"))
    return build_deck(folder, write_theme(folder, "corp.pptx"))


def test_text_is_set_in_the_template_theme_fonts(corporate: tuple) -> None:
    prs, _, _ = corporate
    fonts = _theme_fonts(prs)
    assert fonts == {"+mj-lt": "Calibri", "+mn-lt": "Calibri"}  # python-pptx's default theme
    named = set()
    for slide in prs.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    latin = run._r.find(qn("a:rPr")).find(qn("a:latin"))
                    if shape.is_placeholder:
                        assert latin is None, run.text
                    else:
                        named.add(latin.get("typeface"))
                    cascade = _cascade(shape, prs, 0, fonts)
                    assert cascade.run(run._r.find(qn("a:rPr")), paragraph._p.find(qn("a:pPr"))).family == "Calibri"
    assert named == {"+mj-lt", "+mn-lt"}


def test_placeholder_body_text_takes_the_template_colour(corporate: tuple) -> None:
    prs, _, _ = corporate
    body = next(ph for ph in prs.slides[1].placeholders if ph.placeholder_format.idx == 1)
    assert all(run._r.find(qn("a:rPr")).find(qn("a:solidFill")) is None
               for p in body.text_frame.paragraphs for run in p.runs)


def test_fitting_with_a_stand_in_is_said_once_and_names_it(corporate: tuple) -> None:
    prs, _, warnings = corporate
    said = [w for w in warnings if "stand-in" in w]
    assert len(said) == 1 and "Carlito" in said[0] and "Calibri" in said[0] and "template-fonts" in said[0]
    assert fit_problems(prs) == []


@pytest.mark.skipif(not (CARLITO / "Carlito-Regular.ttf").is_file(), reason="fonts-crosextra-carlito not installed")
def test_font_files_named_by_the_theme_are_measured_without_a_warning(tmp_path: Path) -> None:
    corporate_template(tmp_path / "corp.pptx")
    for face in ("Regular", "Bold"):
        shutil.copy(CARLITO / f"Carlito-{face}.ttf", tmp_path / f"House-{face}.ttf")
    theme = write_theme(tmp_path, "corp.pptx")
    theme.write_text(theme.read_text(encoding="utf-8") + "  template-fonts:\n"
                     "    body: {regular: House-Regular.ttf, bold: House-Bold.ttf}\n"
                     "    heading: {regular: House-Bold.ttf}\n", encoding="utf-8")
    resolved = resolve_theme(str(theme))
    faces = resolved.deck.template_faces
    assert faces is not None
    assert [face.deck_family for face in faces] == ["Calibri", "Calibri"]
    assert faces[1].files[:2] == (tmp_path / "House-Regular.ttf", tmp_path / "House-Bold.ttf")
    prs, _, warnings = build_deck(tmp_path, theme)
    assert not [w for w in warnings if "stand-in" in w]
    assert fit_problems(prs) == []


def test_bad_template_fonts_are_errors_at_their_line(tmp_path: Path) -> None:
    from generator.errors import InputError

    corporate_template(tmp_path / "corp.pptx")
    theme = write_theme(tmp_path, "corp.pptx")
    theme.write_text(theme.read_text(encoding="utf-8") + "  template-fonts: {title: {regular: x.ttf}}\n",
                     encoding="utf-8")
    with pytest.raises(InputError, match=r"corp.yaml:6:\d+: theme.deck.template-fonts must map heading"):
        resolve_theme(str(theme))


def test_app_properties_count_the_deck_not_the_template_samples(corporate: tuple) -> None:
    prs, data, _ = corporate
    with zipfile.ZipFile(io.BytesIO(data)) as deck:
        app = etree.fromstring(deck.read("docProps/app.xml"))
    assert int(app.findtext(f"{EP}Slides")) == len(prs.slides)
    assert int(app.findtext(f"{EP}Notes")) == sum(1 for slide in prs.slides if slide.has_notes_slide)
    counts = [int(value.text) for value in app.iter(f"{VT}i4")]
    titles = app.find(f"{EP}TitlesOfParts/{VT}vector")
    assert titles is None or sum(counts) == int(titles.get("size")) == len(titles)
