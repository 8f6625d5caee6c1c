"""A team's _brand.yml (Quarto's brand.yml format) styles the brief and the deck."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from generator.cli.main import main
from generator.errors import InputError
from generator.theme.load import resolve_theme

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
BRAND = """\
meta:
  name: {{full: Acme Policy Lab, short: Acme}}
color:
  palette:
    navy: "#1B365D"
    gold: "#c90"
    sky: "#5B9BD5"
  primary: navy
  secondary: gold
  foreground: "#222222"
  light: "#F2F4F7"
typography:
  fonts:
    - family: DejaVu Serif
      source: file
      files:
        - {{path: fonts/DejaVuSerif.ttf, weight: 400}}
        - {{path: fonts/DejaVuSerif-Bold.ttf, weight: 700}}
    - {{family: Open Sans, source: google}}
  base: {{family: DejaVu Serif, size: 16px}}
  headings: {{family: Open Sans, weight: 700}}
logo:
  medium: {{light: logo.png, dark: logo-dark.png}}
defaults:
  quarto: {{format: {{html: {{toc: true}}}}}}
{extra}"""


def _brand(folder: Path, extra: str = "") -> Path:
    (folder / "fonts").mkdir(exist_ok=True)
    for name in ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"):
        shutil.copy(DEJAVU / name, folder / "fonts" / name)
    Image.new("RGB", (120, 40), (27, 54, 93)).save(folder / "logo.png")
    path = folder / "_brand.yml"
    path.write_text(BRAND.format(extra=extra), encoding="utf-8")
    return path


def test_colours_fonts_and_logo_map_onto_the_theme(tmp_path: Path) -> None:
    theme = resolve_theme(str(_brand(tmp_path)))
    assert theme.name == "Acme Policy Lab"
    assert (theme.colors.primary, theme.colors.accent, theme.colors.text, theme.colors.fill) == (
        "1B365D", "CC9900", "222222", "F2F4F7")
    assert theme.colors.palette[:3] == ("1B365D", "CC9900", "5B9BD5")
    assert theme.body_font.deck_family == "DejaVu Serif" and theme.body_font.files
    assert theme.heading_font.deck_family == "Open Sans"
    assert theme.heading_font.regular == "LiberationSans-Regular"  # Helvetica's shipped stand-in
    assert theme.logo is not None and theme.logo.path.name == "logo.png"
    assert theme.deck.body_pt > 0 and theme.brief.body_pt > 0  # sizes come from classic


def test_an_outline_names_its_brand_file_and_both_outputs_wear_it(tmp_path: Path) -> None:
    _brand(tmp_path)
    outline = tmp_path / "brief.yaml"
    outline.write_text("title: A branded brief\ntheme: _brand.yml\nsections:\n  - title: One\n"
                       "    content: [Some text.]\n", encoding="utf-8")
    assert main(["build", str(outline), "-o", str(tmp_path / "out"), "-q"]) == 0
    fonts = subprocess.run(["pdffonts", str(tmp_path / "out" / "brief.pdf")], capture_output=True, text=True,
                           check=True).stdout
    assert "DejaVuSerif" in fonts
    deck = Presentation(str(tmp_path / "out" / "brief.pptx"))
    faces = {run.font.name for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
             for paragraph in shape.text_frame.paragraphs for run in paragraph.runs}
    theme_xml = "".join(part.blob.decode("utf-8", "replace") for part in deck.part.package.iter_parts()
                        if "theme" in str(part.partname))
    for typeface in ("Open Sans", "DejaVu Serif"):  # on the runs, or in the deck's theme part they inherit from
        assert typeface in faces or f'typeface="{typeface}"' in theme_xml, typeface


@pytest.mark.parametrize(("extra", "line", "says"), [
    ("colour: {primary: red}\n", 26, "unknown key `colour`; did you mean `color`?"),
])
def test_brand_problems_name_the_brand_file_line(tmp_path: Path, extra: str, line: int, says: str) -> None:
    path = _brand(tmp_path, extra)
    with pytest.raises(InputError) as raised:
        resolve_theme(str(path))
    assert f"{path}:{line}:1: brand: {says}" in str(raised.value)


def test_a_colour_that_is_neither_hex_nor_a_palette_name_is_an_error_at_its_value(tmp_path: Path) -> None:
    path = _brand(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("primary: navy", "primary: navvy"), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        resolve_theme(str(path))
    assert f"{path}:8:12: brand.color.primary must be #RRGGBB, #RGB or the name of a palette colour" in str(
        raised.value)


def test_brand_font_files_stay_inside_the_brand_folder(tmp_path: Path) -> None:
    path = _brand(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("fonts/DejaVuSerif.ttf", "../DejaVuSerif.ttf"),
                    encoding="utf-8")
    with pytest.raises(InputError) as raised:
        resolve_theme(str(path))
    assert "outside the theme's folder" in str(raised.value)
