"""Corporate templates: layouts by role, sample slides removed, placeholders filled, bad files refused.

Each test builds its template in code from python-pptx's default presentation (renamed and
reordered layouts, a coloured master with a graphic of its own, sample slides with notes
and a picture), writes a theme that ``extends: classic`` and names it, builds an outline
with ``generator.pipeline.build.build`` and reopens the deck.
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from fractions import Fraction
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.presentation import Presentation as PptxPresentation
from pptx.util import Emu, Pt

from generator.cli.main import main
from generator.errors import InputError
from generator.pipeline.build import build
from generator.render.pptx.make_template import _stretch
from generator.theme.load import resolve_theme
from generator.theme.template import PRESENTATION_MAIN, TEMPLATE_MAIN, read_template
from tests.deck_fixtures import make_png
from tests.textfit import fit_problems

WIDE = (Emu(12192000), Emu(6858000))
SECTIONS = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
RENAMED = {"Title Slide": "Cover", "Title Only": "Heading Only", "Title and Content": "Text Page"}
MAPPING = "{title: Cover, content: Text Page, title-only: Heading Only}"
STRIPE = ('<p:sp {nsdecls}><p:nvSpPr><p:cNvPr id="90" name="Corporate stripe"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
          '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="127000" cy="{h}"/></a:xfrm>'
          '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="E87722"/></a:solidFill>'
          '<a:ln><a:noFill/></a:ln></p:spPr></p:sp>')
OUTLINE = """\
title: Harbour Capacity on the Baltic Coast
subtitle: What the winter backlog means for supply chains
date: 2026-04-02
authors: [{name: Ada Lindqvist, role: Logistics desk}]
organization: Northern Freight Observatory
label: For discussion
language: en
summary:
  - Waiting times doubled in March [@stats].
  - Yards ran above ninety per cent for six weeks.
sections:
  - title: What happened
    key: Ice and a crane failure stacked up three weeks of arrivals
    content:
      - Ice closures in January caught terminals short. Arrivals kept coming.
      - points:
          - Weather: three days of closures in early March.
          - Labour: a 48-hour strike at the largest terminal.
          - ממשלת ישראל הודיעה היום על תוכנית חדשה לנמלים
      - figures:
          - {value: "3.4 days", label: average berth wait, source: stats}
          - {value: "+62%", label: vs December}
  - title: Where the pressure is
    key: Container terminals carry most of the backlog
    content:
      - chart:
          type: column
          title: Vessels waiting
          categories: [North Quay, East Basin, Rail Pier]
          series: [{name: January, values: [4, 6, 2]}, {name: February, values: [7, 9, 3]}]
      - quote: {text: We lost a fortnight of throughput in nine days., by: Terminal manager}
      - table:
          columns: [Terminal, Berths, Occupancy]
          rows: [[North Quay, "6", "94%"], [East Basin, "4", "91%"]]
      - image: {path: map.png, alt: Map of the terminals}
  - title: Outlook
    content:
      - callout: {title: Why it matters, text: Retailers hold two weeks of stock.}
      - points: [Rail shuttle opens in April., Another closure would add a week.]
sources:
  - {id: stats, title: Monthly port statistics, publisher: Port authority, date: 2026-04-01}
"""


def corporate_template(path: Path, wide: bool = True, renamed: dict[str, str] | None = None,
                       samples: int = 2) -> Path:
    """Write a template like a company's: renamed, reordered layouts, a tinted master, sample slides."""
    prs = Presentation()
    if wide:  # widen every master and layout shape with the slide, as make_template does
        prs.slide_width, prs.slide_height = WIDE
        for master in prs.slide_masters:
            _stretch(master._element.find(qn("p:cSld")))
            for layout in master.slide_layouts:
                _stretch(layout._element.find(qn("p:cSld")))
    master = prs.slide_masters[0]
    master.background.fill.solid()
    master.background.fill.fore_color.rgb = RGBColor(0xFF, 0xF4, 0xE0)
    master.shapes._spTree.append(parse_xml(STRIPE.format(nsdecls=nsdecls("p", "a"), h=prs.slide_height)))
    for layout in master.slide_layouts:
        layout.name = (renamed if renamed is not None else RENAMED).get(layout.name, layout.name)
    id_list = master._element.find(qn("p:sldLayoutIdLst"))
    for entry in reversed(list(id_list)):  # reversed order: nothing may depend on positions
        id_list.remove(entry)
        id_list.append(entry)
    picture = make_png(path.with_name("sample.png"), 40, 30)
    for number in range(samples):
        slide = prs.slides.add_slide(master.slide_layouts[0])
        for shape in slide.placeholders:
            shape.text_frame.text = f"Sample slide {number + 1} of the template"
        slide.shapes.add_picture(str(picture), Pt(20), Pt(20))
        slide.notes_slide.notes_text_frame.text = "Template notes"
    prs.save(str(path))
    return path


def with_references_to_samples(path: Path) -> Path:
    """Make the template refer to its sample slides as PowerPoint files do: a custom show, sections, outline view."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    rels = parts["ppt/_rels/presentation.xml.rels"].decode()
    first = rels.split('Target="slides/slide1.xml"')[0].rsplit('Id="', 1)[1].split('"')[0]
    presentation = parts["ppt/presentation.xml"].decode()
    presentation = presentation.replace("<p:defaultTextStyle>", f'<p:custShowLst><p:custShow name="Short" id="0">'
                                        f'<p:sldLst><p:sld r:id="{first}"/></p:sldLst></p:custShow></p:custShowLst>'
                                        "<p:defaultTextStyle>")
    presentation = presentation.replace("</p:presentation>", f'<p:extLst><p:ext uri="{SECTIONS}"><p14:sectionLst '
                                        'xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main">'
                                        '<p14:section name="Samples" id="{{0C1D2E3F-0000-4000-8000-000000000001}}">'
                                        '<p14:sldIdLst><p14:sldId id="256"/><p14:sldId id="257"/></p14:sldIdLst>'
                                        "</p14:section></p14:sectionLst></p:ext></p:extLst></p:presentation>")
    parts["ppt/presentation.xml"] = presentation.encode()
    view = parts["ppt/viewProps.xml"].decode()
    parts["ppt/viewProps.xml"] = view.replace("<p:notesTextViewPr>", '<p:outlineViewPr><p:cViewPr><p:scale>'
                                              '<a:sx n="33" d="100"/><a:sy n="33" d="100"/></p:scale><p:origin x="0" '
                                              'y="0"/></p:cViewPr><p:sldLst><p:sld r:id="rId1" collapse="1"/>'
                                              "</p:sldLst></p:outlineViewPr><p:notesTextViewPr>").encode()
    parts["ppt/_rels/viewProps.xml.rels"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.'
        b'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/slide" Target="slides/slide1.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, blob in parts.items():
            target.writestr(name, blob)
    return path


def as_potx(pptx_path: Path, potx_path: Path) -> Path:
    """Write ``pptx_path`` as a .potx: the same parts, the main part typed as a template."""
    with zipfile.ZipFile(pptx_path) as source, zipfile.ZipFile(potx_path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info)
            if info.filename == "[Content_Types].xml":
                blob = blob.replace(PRESENTATION_MAIN.encode(), TEMPLATE_MAIN.encode())
            target.writestr(info, blob)
    return potx_path


def write_theme(folder: Path, template: str, layouts: str | None = MAPPING, name: str = "corp.yaml") -> Path:
    lines = ["extends: classic", "name: corporate", "deck:", f"  template: {template}"]
    if layouts is not None:
        lines.append(f"  layouts: {layouts}")
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def build_deck(folder: Path, theme: Path) -> tuple[PptxPresentation, bytes, tuple[str, ...]]:
    outline = folder / "harbour.yaml"
    outline.write_text(OUTLINE, encoding="utf-8")
    make_png(folder / "map.png")
    result = build(outline, folder / "out", theme=str(theme), only="pptx", parallel=False)
    data = (folder / "out" / "harbour.pptx").read_bytes()
    return Presentation(io.BytesIO(data)), data, tuple(str(w) for w in result.warnings)


@pytest.fixture(scope="module")
def corporate(tmp_path_factory: pytest.TempPathFactory) -> tuple[PptxPresentation, bytes, tuple[str, ...]]:
    folder = tmp_path_factory.mktemp("corp")
    with_references_to_samples(corporate_template(folder / "corp.pptx"))
    return build_deck(folder, write_theme(folder, "corp.pptx"))


def test_slides_use_the_mapped_layouts(corporate: tuple) -> None:
    prs, _, warnings = corporate
    names = [slide.slide_layout.name for slide in prs.slides]
    assert names[0] == "Cover"
    assert names[1] == "Text Page"  # key takeaways: bullets
    assert set(names[1:]) == {"Text Page", "Heading Only"}
    assert all(slide.shapes.title is not None for slide in prs.slides)
    assert not [w for w in warnings if "layout" in w]


def test_the_template_sample_slides_are_gone_from_the_package(corporate: tuple) -> None:
    prs, data, _ = corporate
    texts = [shape.text_frame.text for slide in prs.slides for shape in slide.shapes if shape.has_text_frame]
    assert not any("Sample slide" in text for text in texts)
    with zipfile.ZipFile(io.BytesIO(data)) as deck:
        names = deck.namelist()
        assert not [name for name, count in Counter(names).items() if count > 1]
        slides = sorted(n for n in names if n.startswith("ppt/slides/slide") and n.endswith(".xml"))
        assert len(slides) == len(prs.slides)
        assert slides == sorted(f"ppt/slides/slide{n}.xml" for n in range(1, len(prs.slides) + 1))
        notes = [n for n in names if n.startswith("ppt/notesSlides/notesSlide") and n.endswith(".xml")]
        assert not any(b"Template notes" in deck.read(n) for n in notes)
        assert not [n for n in names if n.startswith("ppt/media/") and n.endswith(".png")][1:]  # only map.png
        assert "docProps/thumbnail.jpeg" not in names
        rels = deck.read("ppt/_rels/presentation.xml.rels").decode()
        presentation = deck.read("ppt/presentation.xml").decode()
        view = deck.read("ppt/viewProps.xml").decode()
        assert "ppt/_rels/viewProps.xml.rels" not in names
    assert rels.count("relationships/slide\"") == presentation.count("<p:sldId ") == len(prs.slides)
    assert "custShow" not in presentation and "sectionLst" not in presentation
    assert "<p:sld " not in view and "outlineViewPr" in view


def test_the_template_look_and_size_are_kept(corporate: tuple) -> None:
    prs, _, _ = corporate
    assert (prs.slide_width, prs.slide_height) == WIDE
    master = prs.slide_masters[0]
    assert any(shape.name == "Corporate stripe" for shape in master.shapes)
    assert all(slide._element.find(f"{qn('p:cSld')}/{qn('p:bg')}") is None for slide in prs.slides), \
        "slides keep the master's background"
    stripe_right = Pt(10)
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.left >= stripe_right, f"{shape.name} covers the template's stripe"


def test_titles_sit_in_the_template_title_placeholders_and_nothing_overflows(corporate: tuple) -> None:
    prs, _, _ = corporate
    for slide in prs.slides:
        title = slide.shapes.title
        layout_title = next(ph for ph in slide.slide_layout.placeholders if ph.placeholder_format.idx == 0)
        assert layout_title.top <= title.top and title.top + title.height <= layout_title.top + layout_title.height + 1
        assert not [ph for ph in slide.placeholders if not ph.text_frame.text.strip()], "empty placeholders remain"
    bullets = prs.slides[1]
    body = [ph for ph in bullets.placeholders if ph.placeholder_format.idx == 1]
    assert body and "Waiting times doubled" in body[0].text_frame.text
    width, height = prs.slide_width, prs.slide_height
    for slide in prs.slides:
        for shape in slide.shapes:
            assert 0 <= shape.left and shape.left + shape.width <= width
            assert 0 <= shape.top and shape.top + shape.height <= height
    assert fit_problems(prs) == []


def test_a_hebrew_bullet_is_right_to_left(corporate: tuple) -> None:
    prs, _, _ = corporate
    paragraphs = [p for slide in prs.slides for shape in slide.shapes if shape.has_text_frame
                  for p in shape.text_frame.paragraphs]
    hebrew = [p for p in paragraphs if "ממשלת" in "".join(r.text for r in p.runs)]
    assert hebrew
    for paragraph in hebrew:
        ppr = paragraph._p.find(qn("a:pPr"))
        assert ppr.get("rtl") == "1" and ppr.get("algn") == "r"
        assert "".join(r.text for r in paragraph.runs) == "ממשלת ישראל הודיעה היום על תוכנית חדשה לנמלים"
    english = next(p for p in paragraphs if "three days of closures" in "".join(r.text for r in p.runs))
    assert english._p.find(qn("a:pPr")).get("rtl") is None


def test_runs_leave_east_asian_and_complex_script_faces_to_the_theme(corporate: tuple) -> None:
    prs, _, _ = corporate
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                for run in (r for p in shape.text_frame.paragraphs for r in p.runs):
                    rpr = run._r.find(qn("a:rPr"))
                    assert rpr.find(qn("a:ea")) is None and rpr.find(qn("a:cs")) is None


def test_builds_are_byte_identical(corporate: tuple, tmp_path: Path) -> None:
    _, data, _ = corporate
    with_references_to_samples(corporate_template(tmp_path / "corp.pptx"))
    _, again, _ = build_deck(tmp_path, write_theme(tmp_path, "corp.pptx"))
    assert again == data


def test_a_theme_logo_is_left_to_the_template(tmp_path: Path) -> None:
    corporate_template(tmp_path / "corp.pptx")
    theme = write_theme(tmp_path, "corp.pptx")
    make_png(tmp_path / "logo.png", 300, 100)
    theme.write_text(theme.read_text(encoding="utf-8") + "logo: logo.png\n", encoding="utf-8")
    prs, _, _ = build_deck(tmp_path, theme)
    assert not [shape for slide in prs.slides for shape in slide.shapes if shape.name == "Logo"]


def test_a_potx_template_works_like_a_pptx(tmp_path: Path) -> None:
    pptx = corporate_template(tmp_path / "source.pptx")
    as_potx(pptx, tmp_path / "corp.potx")
    prs, data, _ = build_deck(tmp_path, write_theme(tmp_path, "corp.potx"))
    assert prs.slides[0].slide_layout.name == "Cover"
    with zipfile.ZipFile(io.BytesIO(data)) as deck:
        assert PRESENTATION_MAIN in deck.read("[Content_Types].xml").decode()
        assert TEMPLATE_MAIN not in deck.read("[Content_Types].xml").decode()


def test_a_four_by_three_template_gives_a_four_by_three_deck(tmp_path: Path) -> None:
    corporate_template(tmp_path / "corp.pptx", wide=False)
    prs, _, _ = build_deck(tmp_path, write_theme(tmp_path, "corp.pptx"))
    assert Fraction(prs.slide_width, prs.slide_height) == Fraction(4, 3)
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.left + shape.width <= prs.slide_width
    assert fit_problems(prs) == []


def test_default_layout_names_are_found_without_a_mapping_ignoring_case(tmp_path: Path) -> None:
    corporate_template(tmp_path / "corp.pptx", renamed={"Title Slide": "TITLE SLIDE"})
    prs, _, warnings = build_deck(tmp_path, write_theme(tmp_path, "corp.pptx", layouts=None))
    assert [s.slide_layout.name for s in prs.slides][:2] == ["TITLE SLIDE", "Title and Content"]
    assert not [w for w in warnings if "layout" in w.partition(" warning: ")[2]]


def test_a_missing_layout_falls_back_with_a_warning(tmp_path: Path) -> None:
    corporate_template(tmp_path / "corp.pptx", renamed={"Title and Content": "Agenda Page"})
    theme = write_theme(tmp_path, "corp.pptx", layouts=None)
    prs, _, warnings = build_deck(tmp_path, theme)
    assert prs.slides[1].slide_layout.name == "Title Only"
    assert [w for w in warnings if w.startswith(f"{theme}:4: warning:") and '"Title and Content"' in w]


def test_a_mapped_layout_the_template_lacks_is_an_error_listing_its_layouts(tmp_path: Path) -> None:
    corporate_template(tmp_path / "corp.pptx")
    theme = write_theme(tmp_path, "corp.pptx", layouts="\n    title: Cover\n    content: Body Page")
    with pytest.raises(InputError) as caught:
        resolve_theme(str(theme))
    message = str(caught.value)
    assert message.startswith(f"{theme}:7:14: theme.deck.layouts.content:")
    assert '"Body Page"' in message and '"Cover"' in message and '"Heading Only"' in message


def test_unknown_roles_are_errors_with_a_position(tmp_path: Path) -> None:
    corporate_template(tmp_path / "corp.pptx")
    theme = write_theme(tmp_path, "corp.pptx", layouts="\n    title: Cover\n    contents: Text Page")
    with pytest.raises(InputError) as caught:
        resolve_theme(str(theme))
    assert str(caught.value).startswith(f"{theme}:7:5: theme.deck.layouts: unknown key `contents`; did you mean "
                                        "`content`?")


def test_a_template_without_a_needed_layout_is_an_error(tmp_path: Path) -> None:
    renamed = {"Title Slide": "A", "Title Only": "B", "Title and Content": "C", "Blank": "D"}
    corporate_template(tmp_path / "corp.pptx", renamed=renamed)
    theme = write_theme(tmp_path, "corp.pptx", layouts=None)
    with pytest.raises(InputError) as caught:
        resolve_theme(str(theme))
    message = str(caught.value)
    assert message.startswith(f"{theme}:4:13: theme.deck.template `corp.pptx` has no layout for title slides")
    assert '"A"' in message and '"D"' in message and "deck.layouts: {title: NAME}" in message


@pytest.mark.parametrize(("content", "expected"), [
    (b"this is not a presentation", "it is not a zip archive"),
    (None, "not a PowerPoint presentation or template"),
    (b"PK\x03\x04 truncated", "not a zip archive"),
])
def test_files_that_are_not_templates_are_errors_at_the_theme_line(tmp_path: Path, content: bytes | None,
                                                                   expected: str) -> None:
    target = tmp_path / "corp.pptx"
    if content is None:
        with zipfile.ZipFile(target, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types xmlns='http://schemas.openxmlformats.org/"
                                                    "package/2006/content-types'/>")
            archive.writestr("word/document.xml", "<w:document/>")
    else:
        target.write_bytes(content)
    theme = write_theme(tmp_path, "corp.pptx", layouts=None)
    with pytest.raises(InputError) as caught:
        resolve_theme(str(theme))
    assert str(caught.value).startswith(f"{theme}:4:13: theme.deck.template `corp.pptx` ")
    assert expected in str(caught.value)


def test_a_damaged_presentation_is_an_error(tmp_path: Path) -> None:
    source = corporate_template(tmp_path / "source.pptx")
    with zipfile.ZipFile(source) as good, zipfile.ZipFile(tmp_path / "corp.pptx", "w") as bad:
        for info in good.infolist():
            if info.filename != "ppt/presentation.xml":
                bad.writestr(info, good.read(info))
    theme = write_theme(tmp_path, "corp.pptx", layouts=None)
    with pytest.raises(InputError) as caught:
        resolve_theme(str(theme))
    assert str(caught.value).startswith(f"{theme}:4:13: theme.deck.template `corp.pptx` is damaged")


def test_a_template_outside_the_theme_folder_or_missing_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "themes"
    folder.mkdir()
    corporate_template(tmp_path / "corp.pptx")
    outside = write_theme(folder, "../corp.pptx", layouts=None)
    with pytest.raises(InputError, match="outside the theme's folder"):
        resolve_theme(str(outside))
    missing = write_theme(folder, "nowhere.pptx", layouts=None, name="missing.yaml")
    with pytest.raises(InputError, match=r"missing.yaml:4:13: .*not found"):
        resolve_theme(str(missing))


def test_layouts_without_a_template_are_an_error(tmp_path: Path) -> None:
    theme = tmp_path / "t.yaml"
    theme.write_text("extends: classic\nname: t\ndeck:\n  layouts: {title: Cover}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"t.yaml:4:\d+: theme.deck.layouts names layouts of a template"):
        resolve_theme(str(theme))


def test_template_info_lists_size_layouts_and_placeholders(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = corporate_template(tmp_path / "corp.pptx")
    assert main(["template-info", str(path)]) == 0
    out = capsys.readouterr().out
    assert "33.87 x 19.05 cm (16:9)" in out and "sample slides: 2" in out
    assert '"Cover"' in out and '"Heading Only"' in out and '"Text Page"' in out
    assert "ctrTitle" in out and "subTitle" in out and "sldNum" in out
    lines = out.splitlines()
    assert lines.index(next(line for line in lines if '"Blank"' in line)) < lines.index(
        next(line for line in lines if '"Cover"' in line)), "layouts are listed in the template's order"
    assert main(["template-info", "--unit", "in", str(path)]) == 0
    assert "13.33 x 7.50 in (16:9)" in capsys.readouterr().out


def test_template_info_reads_potx_and_refuses_bad_files(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    potx = as_potx(corporate_template(tmp_path / "corp.pptx"), tmp_path / "corp.potx")
    assert main(["template-info", str(potx)]) == 0
    assert '"Cover"' in capsys.readouterr().out
    bad = tmp_path / "notes.pptx"
    bad.write_text("not a deck", encoding="utf-8")
    assert main(["template-info", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"briefdeck: {bad}: ") and "not a zip archive" in err and "Traceback" not in err


def test_read_template_reports_layouts_in_order(tmp_path: Path) -> None:
    info = read_template(corporate_template(tmp_path / "corp.pptx"))
    assert info.layouts[0].name == "Vertical Title and Text" and info.layouts[-1].name == "Cover"
    assert info.find("cover") is info.layouts[-1] and info.sample_slides == 2
