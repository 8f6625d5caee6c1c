"""Text as typed, output as promised (issue 11, section 5).

YAML 1.1 would print ``02134`` as 1116; two themes' ``Body.ttf`` would share one font; half an
image would be embedded or blamed on the disk; a rotated photo would lie on its side; the
PDF's /ID would follow the environment. Each test reads the real output files.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image as PILImage
from pptx import Presentation
from pypdf import PdfReader

from generator.cli.main import main
from generator.errors import InputError
from generator.model import Table
from generator.pipeline.build import build
from generator.readers.outline import load_outline
from tests.readers.test_hostile_values import _template, assert_clean, run, section

TYPED = ["02134", "12:30", "4:3", "1.10", "0x1F", "1e17", "yes", "2026-1-1", "0o17", "+1"]


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _deck_text(path: Path) -> str:
    texts = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(texts)


def test_unquoted_values_print_exactly_as_typed(tmp_path):
    cells = ", ".join(TYPED)
    outline = ("title: T\nsections:\n  - title: S\n    content:\n"
               "      - figures: [{value: 02134, label: 12:30}, {value: 1.10, label: 0x1F}]\n"
               f"      - table: {{columns: [{cells}], rows: [[{cells}]]}}\n"
               "      - points: [{12:30: lunch}, {4:3: ratio}, 1.10]\n")
    path = tmp_path / "o.yaml"
    path.write_text(outline, encoding="utf-8")
    doc = load_outline(path)
    figures = doc.sections[0].content[0]
    assert [(f.value, f.label.plain) for f in figures.items] == [("02134", "12:30"), ("1.10", "0x1F")]
    table = doc.sections[0].content[1]
    assert isinstance(table, Table)
    assert [c.plain for c in table.columns] == TYPED and [c.plain for c in table.rows[0]] == TYPED
    points = doc.sections[0].content[2]
    assert [(p.lead.plain if p.lead else None, p.text.plain) for p in points.items] == \
        [("12:30", "lunch"), ("4:3", "ratio"), (None, "1.10")]
    result = build(path, tmp_path / "out")
    pdf, deck = sorted(result.written)
    for text in (_pdf_text(pdf), _deck_text(deck)):
        for typed in ["02134", "12:30", "4:3", "1.10", "0x1F"]:
            assert typed in text
        for rewritten in ["1116", "750", "243"]:
            assert rewritten not in text


def test_chart_values_stay_numbers_read_in_decimal(tmp_path):
    path = tmp_path / "o.yaml"
    values = "[02134, 1.10, 1e3, 0x1F]"
    path.write_text(section(f"chart: {{type: bar, categories: [a, b, c, d], series: [{{values: {values}}}]}}"),
                    encoding="utf-8")
    chart = load_outline(path).sections[0].content[0]
    assert chart.series[0].values == (2134.0, 1.1, 1000.0, 31.0)
    status, err = run(tmp_path, section("chart: {type: bar, categories: [a], series: [{values: [12:30]}]}"))
    assert status == 1 and "12:30" in err and "750" not in err


def test_check_quotes_a_value_as_typed(tmp_path):
    status, err = run(tmp_path, "title: T\nsections:\n  - title: S\n    deck: {skip: 02134}\n    content: [hi]\n",
                      command="check")
    assert status == 1 and "02134" in err and "1116" not in err


def test_one_and_true_are_two_keys_and_a_repeat_is_named_as_typed(tmp_path):
    path = tmp_path / "o.yaml"
    path.write_text(section("points: [{1: one}, {true: yes}]"), encoding="utf-8")
    items = load_outline(path).sections[0].content[0].items
    assert [item.lead.plain for item in items] == ["1", "true"]
    status, err = run(tmp_path, "title: T\ntrue: 1\ntrue: 2\nsections: []\n")
    assert status == 1 and "key `true` appears twice" in err


def _font_theme(folder: Path, font: Path) -> Path:
    folder.mkdir()
    shutil.copy(font, folder / "Body.ttf")
    (folder / "theme.yaml").write_text("extends: classic\nname: own\nfonts:\n  body: {files: {regular: Body.ttf}, "
                                       "deck: Body}\n", encoding="utf-8")
    outline = folder / f"{folder.name}.yaml"
    outline.write_text("title: Hello\ntheme: theme.yaml\nsections:\n  - title: S\n    content: [Some text]\n",
                       encoding="utf-8")
    return outline


def test_two_themes_with_a_body_ttf_each_keep_their_own_font(tmp_path):
    fonts = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"),
             Path("/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf")]
    if not all(font.is_file() for font in fonts):
        pytest.skip("DejaVu and Carlito fonts not installed")
    outlines = [_font_theme(tmp_path / name, font) for name, font in zip(("a", "b"), fonts, strict=True)]
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["build", *map(str, outlines), "-o", str(tmp_path / "out"), "-j", "1", "-q"]) == 0
    embedded = []
    for name in ("a", "b"):
        reader = PdfReader(tmp_path / "out" / f"{name}.pdf")
        names = {str(font["/BaseFont"]) for font in reader.pages[0]["/Resources"]["/Font"].values()
                 if "+" in str(font.get_object()["/BaseFont"])}
        embedded.append(names)
    assert any("DejaVuSerif" in n for n in embedded[0]) and any("Carlito" in n for n in embedded[1]), embedded


def _jpeg(path: Path, size: tuple[int, int] = (240, 120), orientation: int | None = None) -> bytes:
    image = PILImage.new("RGB", size, (200, 30, 30))
    for x in range(size[0] // 4):  # a dark band on the left, to tell the sides apart
        for y in range(size[1]):
            image.putpixel((x, y), (10, 10, 10))
    exif = PILImage.Exif()
    if orientation:
        exif[0x0112] = orientation
    image.save(path, "JPEG", exif=exif.tobytes())
    return path.read_bytes()


@pytest.mark.parametrize("kind", ["JPEG", "GIF", "PNG"])
def test_a_truncated_image_is_reported_against_the_outline(tmp_path, kind):
    whole = tmp_path / f"whole.{kind.lower()}"
    PILImage.effect_noise((300, 200), 60).convert("RGB").save(whole, kind)
    data = whole.read_bytes()
    (tmp_path / "half.img").write_bytes(data[: len(data) // 2])
    status, err = run(tmp_path, section("image: {path: half.img, alt: A picture}"))
    assert_clean(tmp_path, status, err)
    assert status == 1 and "damaged" in err and "cannot write" not in err, err


def test_an_exif_rotated_photo_is_drawn_upright_in_both_outputs(tmp_path):
    _jpeg(tmp_path / "photo.jpg", (240, 120), orientation=6)  # stored landscape, to be shown turned: portrait
    status, err = run(tmp_path, section("image: {path: photo.jpg, alt: A photo}"))
    assert status == 0, err
    reader = PdfReader(tmp_path / "out" / "outline.pdf")
    images = [image for page in reader.pages for image in page.images]
    assert images and all(image.image.height > image.image.width for image in images)
    deck = Presentation(str(tmp_path / "out" / "outline.pptx"))
    pictures = [shape for slide in deck.slides for shape in slide.shapes if shape.shape_type == 13]
    assert pictures
    for picture in pictures:
        assert picture.height > picture.width
        blob = PILImage.open(io.BytesIO(picture.image.blob))
        assert blob.height > blob.width
        assert blob.getpixel((blob.width // 2, 5))[0] < 60  # the dark band is now on top


def test_with_a_date_the_pdf_id_ignores_source_date_epoch(tmp_path, monkeypatch):
    outline = tmp_path / "o.yaml"
    outline.write_text("title: T\ndate: 2026-01-02\nsections:\n  - title: S\n    content: [hi]\n", encoding="utf-8")
    made = []
    for epoch in ("1", "1700000000"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        build(outline, tmp_path / epoch, only="pdf")
        made.append((tmp_path / epoch / "o.pdf").read_bytes())
    assert made[0] == made[1]
    ids = [PdfReader(io.BytesIO(data)).trailer["/ID"][0] for data in made]
    assert ids[0] == ids[1]


@pytest.mark.parametrize("size", [b'cx="9144000" cy="36576000"', b'cx="3657600" cy="14630400"',
                                  b'cx="14630400" cy="3657600"', b'cx="3657600" cy="3657600"',
                                  b'cx="914400" cy="51206400"'])
def test_a_tall_or_small_template_keeps_every_shape_on_the_slide_or_is_refused(tmp_path, size):
    outline = "title: T\ntheme: t.yaml\nsections:\n  - title: S\n    content: [hi, {points: [a, b]}]\n"
    status, err = run(tmp_path, outline,
                      {"t.yaml": "extends: classic\ndeck: {template: x.pptx}\n", "x.pptx": _template(size)})
    if size.startswith(b'cx="914400"'):  # 1 x 56 inches: PowerPoint takes it, but there is no room for text
        assert status == 1 and "4 to 56 inches" in err, err
        return
    assert status == 0, err
    deck = Presentation(str(tmp_path / "out" / "outline.pptx"))
    numbers = 0
    for slide in deck.slides:
        for shape in slide.shapes:
            assert 0 <= shape.left and shape.left + shape.width <= deck.slide_width, shape.name
            assert 0 <= shape.top and shape.top + shape.height <= deck.slide_height, shape.name
            numbers += shape.has_text_frame and shape.text_frame.text.strip().isdigit()
    assert numbers >= 1


def test_a_tall_header_row_leaves_the_body_row_on_the_slide(tmp_path):
    header = ("word " * 80)[:399]  # the longest heading allowed, in each of the most columns allowed
    status, err = run(tmp_path, section("table: {columns: [" + ", ".join([header] * 12) + "], rows: [["
                                        + ", ".join(["a"] * 12) + "]]}"))
    assert status == 0, err
    deck = Presentation(str(tmp_path / "out" / "outline.pptx"))
    tables = [shape for slide in deck.slides for shape in slide.shapes if shape.has_table]
    assert tables
    for shape in tables:
        rows = list(shape.table.rows)
        assert all(row.height > 0 for row in rows)
        assert shape.top + sum(row.height for row in rows) <= deck.slide_height
        assert rows[-1].cells[0].text == "a"


@pytest.mark.parametrize("title", ["\\u200b", "\\u00ad", "\\u200b\\u00ad \\u2060"])
def test_a_title_of_invisible_characters_is_refused(tmp_path, title):
    status, err = run(tmp_path, f'title: "{title}"\nsections:\n  - title: "{title}"\n    content: [hi]\n')
    assert status == 1 and err.count("only invisible characters") == 2, err


def test_a_huge_file_without_aliases_is_not_blamed_on_aliases(tmp_path):
    status, err = run(tmp_path, "title: T\nsections: [" + "1, " * 200_001 + "]\n")
    assert status == 1 and "aliases" not in err and "200,000" in err, err


def test_a_folder_or_a_pipe_named_as_an_image_is_called_what_it_is(tmp_path):
    (tmp_path / "folder.png").mkdir()
    os.mkfifo(tmp_path / "pipe.png")
    status, err = run(tmp_path, section("image: {path: folder.png, alt: x}", "image: {path: pipe.png, alt: x}"))
    assert status == 1 and "not found" not in err
    assert "is a folder" in err and "not a regular file" in err


def test_new_with_an_empty_name_and_build_from_stdin_say_what_is_wrong(tmp_path):
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["new", ""]) == 1
    assert "not a file name" in err.getvalue()
    with pytest.raises(InputError, match="not from standard input"):
        load_outline("-")
    done = subprocess.run([sys.executable, "-m", "generator", "build", "-", "-o", str(tmp_path)], capture_output=True,
                          text=True, cwd=Path(__file__).resolve().parent.parent.parent, input="title: x\n")
    assert done.returncode == 1 and "standard input" in done.stderr and "Traceback" not in done.stderr
