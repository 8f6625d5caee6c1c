"""Theme files: units and colours resolved once, the extends cascade, and bad themes refused."""

from __future__ import annotations

import pytest

from generator.errors import InputError
from generator.theme.load import builtin_theme_names, resolve_theme
from generator.theme.model import DeckSize, PageSize


def test_there_are_three_distinct_builtin_themes():
    names = builtin_theme_names()
    assert {"classic", "minimal", "bold"} <= set(names)
    themes = [resolve_theme(n) for n in names]
    assert len({(t.colors.primary, t.body_font.regular, t.brief.page) for t in themes}) == len(themes)
    assert all(t.description for t in themes)


def test_units_are_resolved_to_points(tmp_path):
    path = tmp_path / "house.yaml"
    path.write_text("extends: classic\nname: house\nbrief: {margin: 2.54cm, body: 0.25in, small: 7pt}\n"
                    "colors: {primary: '#abcdef'}\ndeck: {size: '4:3', min-body: 12pt}\n")
    theme = resolve_theme(str(path))
    assert theme.brief.margin_pt == pytest.approx(72.0)
    assert theme.brief.body_pt == pytest.approx(18.0)
    assert theme.colors.primary == "ABCDEF"
    assert theme.deck.size is DeckSize.STANDARD and theme.deck.min_body_pt == 12
    assert theme.brief.page is PageSize.A4 and theme.colors.accent == resolve_theme("classic").colors.accent
    assert theme.name == "house"


def test_bad_theme_values_are_errors_with_positions(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("extends: classic\ncolors:\n  primary: blue\n  acent: '#000000'\nbrief:\n"
                    "  margin: 2 furlongs\nfonts:\n  body: {pdf: Comic}\n")
    with pytest.raises(InputError) as caught:
        resolve_theme(str(path))
    text = str(caught.value)
    assert f"{path}:3:" in text and "colour" in text
    assert f"{path}:4:" in text and "did you mean `accent`" in text
    assert f"{path}:6:" in text and "length" in text
    assert f"{path}:8:" in text and "Comic" in text


def test_incomplete_and_circular_themes_are_errors(tmp_path):
    lonely = tmp_path / "lonely.yaml"
    lonely.write_text("name: lonely\ndescription: no base\n")
    with pytest.raises(InputError, match="does not set"):
        resolve_theme(str(lonely))
    (tmp_path / "a.yaml").write_text("extends: b.yaml\n")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\n")
    with pytest.raises(InputError, match="circle"):
        resolve_theme(str(tmp_path / "a.yaml"))
    with pytest.raises(InputError, match="no theme `nosuch`"):
        resolve_theme("nosuch")


DEJAVU = "/usr/share/fonts/truetype/dejavu"


def test_truetype_fonts_named_by_a_theme_are_registered_and_measured(tmp_path):
    import shutil
    from pathlib import Path

    from generator.theme.fonts import text_width

    regular = Path(DEJAVU) / "DejaVuSerif.ttf"
    if not regular.is_file():
        pytest.skip("DejaVu fonts are not installed (.ci/run installs fonts-dejavu-core)")
    shutil.copy(regular, tmp_path / "Body.ttf")
    (tmp_path / "house.yaml").write_text("extends: classic\nfonts:\n  body: {files: {regular: Body.ttf}, "
                                         "deck: DejaVu Serif}\n")
    theme = resolve_theme(str(tmp_path / "house.yaml"))
    # named by stem and content, so two themes' different Body.ttf files are two fonts
    assert theme.body_font.deck_family == "DejaVu Serif" and theme.body_font.regular.startswith("Body-")
    assert text_width("Ελληνικά", theme.body_font.regular, 10) > 0


def test_font_files_outside_the_theme_folder_or_not_truetype_are_errors(tmp_path):
    (tmp_path / "fake.ttf").write_text("not a font")
    (tmp_path / "t.yaml").write_text("extends: classic\nfonts:\n  body: {files: {regular: fake.ttf}, deck: X}\n"
                                     "  heading: {files: {regular: ../../etc/passwd}, deck: Y}\n")
    with pytest.raises(InputError) as caught:
        resolve_theme(str(tmp_path / "t.yaml"))
    text = str(caught.value)
    assert ":3:" in text and "cannot use the font files" in text
    assert ":4:" in text and "outside the theme's folder" in text


def test_a_logo_must_be_a_real_image_inside_the_theme_folder(tmp_path):
    from PIL import Image

    Image.new("RGB", (30, 10), "navy").save(tmp_path / "logo.png")
    (tmp_path / "ok.yaml").write_text("extends: classic\nlogo: logo.png\n")
    assert resolve_theme(str(tmp_path / "ok.yaml")).logo.path == (tmp_path / "logo.png").resolve()
    (tmp_path / "fake.png").write_text("text")
    (tmp_path / "bad.yaml").write_text("extends: classic\nlogo: fake.png\n")
    with pytest.raises(InputError, match=r"bad.yaml:2:.*readable image"):
        resolve_theme(str(tmp_path / "bad.yaml"))
    (tmp_path / "out.yaml").write_text("extends: classic\nlogo: ../elsewhere.png\n")
    with pytest.raises(InputError, match="outside the theme's folder"):
        resolve_theme(str(tmp_path / "out.yaml"))


def test_a_truetype_theme_embeds_its_font_subset_in_the_pdf(tmp_path):
    import shutil
    from pathlib import Path

    from pypdf import PdfReader

    from generator.pipeline.build import build

    regular = Path(DEJAVU) / "DejaVuSerif.ttf"
    if not regular.is_file():
        pytest.skip("DejaVu fonts are not installed (.ci/run installs fonts-dejavu-core)")
    shutil.copy(regular, tmp_path / "Body.ttf")
    (tmp_path / "house.yaml").write_text("extends: classic\nfonts:\n  body: {files: {regular: Body.ttf}, "
                                         "deck: DejaVu Serif}\n")
    outline = tmp_path / "o.yaml"
    outline.write_text("title: T\nsections:\n  - title: A\n    content: [Body text in the theme's own font.]\n")
    result = build(outline, tmp_path / "out", theme=str(tmp_path / "house.yaml"))
    pdf = next(p for p in result.written if p.suffix == ".pdf")
    fonts = {str(f.get_object()["/BaseFont"]) for page in PdfReader(pdf).pages
             for f in page["/Resources"]["/Font"].values()}
    assert "/AAAAAA+DejaVuSerif" in fonts, fonts  # a subset tag before the face name: embedded, subset
    assert b"/FontFile2" in pdf.read_bytes()
    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    deck = Presentation(str(next(p for p in result.written if p.suffix == ".pptx")))
    typefaces = {r.font.name for s in deck.slides for sh in s.shapes if sh.has_text_frame
                 for para in sh.text_frame.paragraphs for r in para.runs}
    assert typefaces <= {None, "DejaVu Serif"}  # placeholder runs take the theme's body face, boxes name it
    theme_part = deck.slide_masters[0].part.part_related_by(RT.THEME).blob.decode()
    assert '<a:minorFont><a:latin typeface="DejaVu Serif"/>' in theme_part


@pytest.mark.parametrize("text", ['"\\x01"', '"Page\\x0b{n}"', '"\\ufdd0"'])
def test_a_label_or_name_no_document_can_hold_is_an_error_at_its_line(tmp_path, text):
    """Found by the fuzz campaign (``--generator themes``): a control character in a label crashed the deck writer."""
    path = tmp_path / "t.yaml"
    path.write_text(f"extends: classic\nname: {text}\nlabels:\n  takeaways: {text}\n", encoding="utf-8",
                    errors="surrogatepass")
    with pytest.raises(InputError) as caught:
        resolve_theme(str(path))
    lines = {problem.line for problem in caught.value.problems}
    assert lines == {2, 4} and all("cannot hold" in problem.message for problem in caught.value.problems)
