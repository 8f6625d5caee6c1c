"""A deck people can keep editing: theme part, inherited text styles, dressed layouts, fields, counts, axes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import msgspec
import pytest
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PptxPresentation

from generator.deck.model import AgendaSlide, BulletSlide, DeckPlan, Marker, TitleSlide
from generator.deck.plan import plan_deck
from generator.pipeline.build import build
from generator.render.pptx.deck import render_pptx
from generator.render.pptx.design import Placed, dress, dress_spec, unlabelled
from generator.render.pptx.draw import Style
from generator.theme.load import builtin_theme_names, resolve_theme
from generator.theme.model import Theme
from tests.conftest import SAMPLE
from tests.deck_fixtures import CREATED, document, item, make_png, points, rich_document, rt, section
from tests.textfit import _cascade, _theme_fonts, fit_problems

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def _deck(theme: Theme, folder: Path) -> tuple[DeckPlan, bytes, PptxPresentation]:
    plan, _ = plan_deck(rich_document(make_png(folder / "figure.png")), theme)
    out = io.BytesIO()
    render_pptx(plan, theme, out, CREATED)
    return plan, out.getvalue(), Presentation(io.BytesIO(out.getvalue()))


@pytest.fixture(scope="module", params=builtin_theme_names())
def themed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple:
    theme = resolve_theme(request.param)
    return (theme, *_deck(theme, tmp_path_factory.mktemp(request.param)))


def test_the_theme_part_holds_the_theme_colours_and_typefaces(themed: tuple) -> None:
    theme, _, _, prs = themed
    root = etree.fromstring(prs.slide_masters[0].part.part_related_by(RT.THEME).blob)
    scheme = root.find(f"{A}themeElements/{A}clrScheme")
    colour = {slot.tag[len(A):]: slot.find(f"{A}srgbClr").get("val") for slot in scheme}
    colors = theme.colors
    assert (colour["dk1"], colour["lt1"], colour["dk2"], colour["lt2"]) == (colors.text, colors.background,
                                                                            colors.primary, colors.fill)
    assert [colour[f"accent{n}"] for n in range(1, 7)] == [colors.palette[i % len(colors.palette)] for i in range(6)]
    assert colour["hlink"] == colors.accent and colour["folHlink"] == colors.muted
    fonts = root.find(f"{A}themeElements/{A}fontScheme")
    assert fonts.find(f"{A}majorFont/{A}latin").get("typeface") == theme.heading_font.deck_family
    assert fonts.find(f"{A}minorFont/{A}latin").get("typeface") == theme.body_font.deck_family
    assert "Calibri" not in etree.tostring(fonts.find(f"{A}majorFont/{A}latin")).decode()


def test_placeholder_runs_inherit_their_typeface_and_keep_their_size(themed: tuple) -> None:
    theme, _, _, prs = themed
    fonts = _theme_fonts(prs)
    checked = 0
    for slide in prs.slides:
        for shape in slide.placeholders:
            for paragraph in shape.text_frame.paragraphs:
                level = paragraph._p.find(qn("a:pPr"))
                cascade = _cascade(shape, prs, int(level.get("lvl", "0")) if level is not None else 0, fonts)
                for run in paragraph.runs:
                    rpr = run._r.find(qn("a:rPr"))
                    assert rpr.find(qn("a:latin")) is None, run.text
                    assert rpr.get("sz") is not None, run.text
                    resolved = cascade.run(rpr, level)
                    assert resolved.family in (theme.heading_font.deck_family, theme.body_font.deck_family)
                    checked += 1
    assert checked > 20
    boxes = [run for slide in prs.slides for shape in slide.shapes if shape.has_text_frame
             and not shape.is_placeholder for p in shape.text_frame.paragraphs for run in p.runs]
    assert boxes and all(run.font.name for run in boxes)  # text boxes name their typeface


def test_titles_take_the_heading_face_and_bullets_the_body_face(themed: tuple) -> None:
    theme, _, _, prs = themed
    fonts = _theme_fonts(prs)
    slide = prs.slides[1]
    title = _cascade(slide.shapes.title, prs, 0, fonts).run(None, None)
    body = next(ph for ph in slide.placeholders if ph.placeholder_format.idx == 1)
    bullet = _cascade(body, prs, 0, fonts).run(None, None)
    assert (title.family, bullet.family) == (theme.heading_font.deck_family, theme.body_font.deck_family)


def _fields(slide: object) -> list[etree._Element]:
    return [f for shape in slide.shapes if shape.has_text_frame  # type: ignore[attr-defined]
            for f in shape.text_frame._txBody.iter(qn("a:fld"))]


def test_slide_numbers_are_fields_in_number_placeholders_except_on_the_title_slide(themed: tuple) -> None:
    _, plan, _, prs = themed
    for number, (planned, slide) in enumerate(zip(plan.slides, prs.slides, strict=True), 1):
        kinds = {ph.placeholder_format.type: ph for ph in slide.placeholders}
        footer = next(ph for ph in slide.placeholders if ph.element.ph_type == 15)  # PP_PLACEHOLDER.FOOTER
        assert footer.text_frame.text == "For discussion"
        fields = _fields(slide)
        if isinstance(planned, TitleSlide):
            assert fields == [] and not [ph for ph in kinds.values() if ph.element.ph_type == 13]
            continue
        [field] = fields
        assert field.get("type") == "slidenum" and field.findtext(qn("a:t")) == str(number)
        holder = field.getparent().getparent().getparent()
        assert holder.find(f".//{qn('p:ph')}").get("type") == "sldNum"


def test_the_content_layout_carries_the_design(themed: tuple) -> None:
    theme, plan, _, prs = themed
    slide = next(s for s in prs.slides if s.slide_layout.name == "Title and Content")
    layout = slide.slide_layout
    kinds = {ph.element.ph_type: ph for ph in layout.placeholders}
    title = slide.shapes.title
    layout_title = next(ph for ph in layout.placeholders if ph.placeholder_format.idx == 0)
    assert (layout_title.left, layout_title.top, layout_title.width) == (title.left, title.top, title.width)
    assert any(ph.name == "Kicker" for ph in layout.placeholders)
    assert [shape.name for shape in layout.shapes if not shape.is_placeholder][:1] == ["Decoration 1"]
    footer = next(ph for ph in layout.placeholders if ph.element.ph_type == 15)
    assert footer.text_frame.text == "For discussion"
    number = next(ph for ph in layout.placeholders if ph.element.ph_type == 13)
    assert number._element.find(f".//{qn('a:fld')}").get("type") == "slidenum"
    assert kinds


def test_a_slide_added_from_the_content_layout_looks_like_a_generated_one(themed: tuple) -> None:
    theme, _, data, _ = themed
    prs = Presentation(io.BytesIO(data))
    layout = next(layout for layout in prs.slide_layouts if layout.name == "Title and Content")
    added = prs.slides.add_slide(layout)
    added.shapes.title.text = "A slide someone added"
    body = next(ph for ph in added.placeholders if ph.placeholder_format.idx == 1)
    body.text_frame.text = "A bullet typed in PowerPoint"
    fonts = _theme_fonts(prs)
    generated = next(s for s in prs.slides if s.slide_layout.name == "Title and Content")
    for placeholder in (added.shapes.title, body):
        fresh = _cascade(placeholder, prs, 0, fonts).run(None, None)
        twin = next(ph for ph in generated.placeholders
                    if ph.placeholder_format.idx == placeholder.placeholder_format.idx)
        made = _cascade(twin, prs, 0, fonts).run(twin.text_frame.paragraphs[0].runs[0]._r.find(qn("a:rPr")), None)
        assert (fresh.family, fresh.size_pt) == (made.family, made.size_pt)
    assert fresh.family == theme.body_font.deck_family


def test_app_properties_count_the_slides_and_notes(themed: tuple) -> None:
    _, plan, data, _ = themed
    with zipfile.ZipFile(io.BytesIO(data)) as deck:
        app = etree.fromstring(deck.read("docProps/app.xml"))
    ep = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
    assert int(app.findtext(f"{ep}Slides")) == len(plan.slides)
    assert int(app.findtext(f"{ep}Notes")) == sum(1 for s in plan.slides if s.notes) > 0
    assert app.findtext(f"{ep}HiddenSlides") == "0"


def test_chart_axis_ids_are_positive_unique_and_referenced(themed: tuple) -> None:
    _, _, data, _ = themed
    with zipfile.ZipFile(io.BytesIO(data)) as deck:
        charts = [etree.fromstring(deck.read(n)) for n in deck.namelist() if n.startswith("ppt/charts/chart")]
    with_axes = 0
    for chart in charts:
        axes = [axis.find(f"{C}axId").get("val") for tag in ("catAx", "valAx") for axis in chart.iter(C + tag)]
        assert all(int(value) > 0 for value in axes) and len(set(axes)) == len(axes)
        for reference in chart.iter(C + "crossAx"):
            assert reference.get("val") in axes
        with_axes += bool(axes)
    assert with_axes == 4  # every chart but the pie


def test_every_frame_fits_in_every_theme(themed: tuple) -> None:
    _, _, _, prs = themed
    assert fit_problems(prs) == []


@pytest.mark.parametrize("theme", builtin_theme_names())
def test_the_sample_fits_in_every_theme(tmp_path: Path, theme: str) -> None:
    build(SAMPLE, tmp_path, theme=theme, only="pptx", parallel=False)
    assert fit_problems(Presentation(str(tmp_path / "us-troops-korea.pptx"))) == []


P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def _ph(shape: object) -> etree._Element:
    return shape._element.find(f".//{qn('p:ph')}")  # type: ignore[attr-defined]


def _footers(container: object) -> dict[str, object]:
    return {_ph(shape).get("type"): shape for shape in container.shapes  # type: ignore[attr-defined]
            if shape.is_placeholder and _ph(shape).get("type") in ("ftr", "sldNum")}


def test_footer_placeholders_are_clones_of_the_layouts_with_a_number_field(themed: tuple) -> None:
    _, plan, _, prs = themed
    for planned, slide in zip(plan.slides, prs.slides, strict=True):
        mine, layouts = _footers(slide), _footers(slide.slide_layout)
        expected = {"ftr"} if isinstance(planned, TitleSlide) else {"ftr", "sldNum"}
        assert set(mine) == expected, slide.slide_layout.name
        for kind, shape in mine.items():
            theirs = layouts[kind]
            assert dict(_ph(shape).attrib) == dict(_ph(theirs).attrib)  # type, idx and size as on the layout
            assert shape.name == theirs.name  # type: ignore[attr-defined]
            # placed where the layout has it, so the slide follows the layout (and the master)
            assert shape._element.find(f"{qn('p:spPr')}/{qn('a:xfrm')}") is None  # type: ignore[attr-defined]
        if "sldNum" in mine:
            fields = list(mine["sldNum"]._element.iter(qn("a:fld")))  # type: ignore[attr-defined]
            assert [f.get("type") for f in fields] == ["slidenum"]


def test_master_and_layouts_carry_the_footer_for_slides_added_in_powerpoint(themed: tuple) -> None:
    _, plan, _, prs = themed
    master = prs.slide_masters[0]
    hf = master._element.find(f"{P}hf")
    assert (hf.get("hdr"), hf.get("dt"), hf.get("sldNum", "1"), hf.get("ftr", "1")) == ("0", "0", "1", "1")
    assert hf.getnext().tag == f"{P}txStyles"  # where the schema puts it
    generated = next(s for s in prs.slides if _footers(s).get("sldNum") is not None)
    for kind, shape in _footers(master).items():  # the master's footers sit where the slides' do
        twin = _footers(generated)[kind]
        assert (shape.left, shape.top, shape.width) == (twin.left, twin.top, twin.width)  # type: ignore[attr-defined]
    [organization] = [shape for shape in master.shapes if shape.name == "Footer organization"]
    assert organization.text_frame.text == "Northern Freight Observatory"
    titles = {s.slide_layout.name for s in prs.slides if not _footers(s).get("sldNum")}
    for layout in master.slide_layouts:
        footers = _footers(layout)
        assert footers["ftr"].text_frame.text == "For discussion", layout.name  # type: ignore[attr-defined]
        number = footers["sldNum"]._element  # type: ignore[attr-defined]
        assert next(number.iter(qn("a:fld"))).get("type") == "slidenum"
        hf = layout._element.find(f"{P}hf")
        if layout.name in titles:  # no number on a title slide added in PowerPoint either
            assert (hf.get("sldNum"), hf.get("dt")) == ("0", "0")
        else:
            assert hf is None  # the master's settings hold


def test_the_organization_shows_once_on_every_slide(themed: tuple) -> None:
    _, _, _, prs = themed
    on_master = any(shape.name == "Footer organization" for shape in prs.slide_masters[0].shapes)
    assert on_master
    for slide in prs.slides:
        hidden = slide._element.get("showMasterSp") == "0"
        own = [shape for shape in slide.shapes if shape.name == "Footer organization"]
        assert len(own) == (1 if hidden else 0)


def test_a_slide_whose_rule_is_not_the_layouts_hides_the_layouts_and_draws_its_own(themed: tuple) -> None:
    _, plan, _, prs = themed
    hiding = 0
    for planned, slide in zip(plan.slides, prs.slides, strict=True):
        layout_rects = [(s.top, s.height) for s in slide.slide_layout.shapes if s.name.startswith("Decoration")]
        own = [(s.top, s.height) for s in slide.shapes if s.name.startswith("Decoration")]
        hidden = slide._element.get("showMasterSp") == "0"
        assert hidden == bool(own) or isinstance(planned, TitleSlide), slide.shapes.title.text
        if hidden:
            hiding += 1
            assert own != layout_rects
    shortest = min((s for s in plan.slides if not isinstance(s, TitleSlide)
                    and plan.layout_name(s) == "Title and Content"), key=lambda s: s.heading.title.box.h_pt)
    layout = next(layout for layout in prs.slide_layouts if layout.name == "Title and Content")
    drawn = [round(s.top / 12700, 1) for s in layout.shapes if s.name.startswith("Decoration")]
    assert drawn == [round(rect.box.y_pt, 1) for rect in shortest.heading.decorations]  # the one-line title's
    assert any(ph.name == "Kicker" for ph in layout.placeholders)


def test_a_corporate_template_gets_its_own_footer_placeholders_cloned(tmp_path: Path) -> None:
    from tests.theme.test_template import build_deck, corporate_template, write_theme

    prs, _, _ = build_deck(tmp_path, write_theme(tmp_path, corporate_template(tmp_path / "corp.pptx").name))
    numbered = 0
    for index, slide in enumerate(prs.slides):
        mine, layouts = _footers(slide), _footers(slide.slide_layout)
        assert set(mine) <= set(layouts)
        for kind, shape in mine.items():
            assert dict(_ph(shape).attrib) == dict(_ph(layouts[kind]).attrib)
        if index == 0:
            assert "sldNum" not in mine
        elif "sldNum" in layouts:
            [field] = list(mine["sldNum"]._element.iter(qn("a:fld")))  # type: ignore[attr-defined]
            assert field.get("type") == "slidenum" and field.findtext(qn("a:t")) == str(index + 1)
            numbered += 1
    assert numbered == len(prs.slides) - 1
    assert fit_problems(prs) == []


def test_a_kicker_typed_on_an_added_slide_is_set_like_the_generated_ones(themed: tuple) -> None:
    _, _, _, prs = themed
    layout = next(layout for layout in prs.slide_layouts if layout.name == "Title and Content")
    [kicker] = [ph for ph in layout.placeholders if ph.name == "Kicker"]
    default = kicker._element.find(f".//{qn('a:lstStyle')}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}")
    made = [ph for slide in prs.slides if slide.slide_layout == layout for ph in slide.placeholders
            if ph.placeholder_format.idx == 13]
    runs = [run._r.find(qn("a:rPr")) for ph in made for p in ph.text_frame.paragraphs for run in p.runs]
    assert runs and {run.get("b") for run in runs} == {"1"}
    assert default.get("b") == "1" and default.get("sz") == runs[0].get("sz")


@pytest.mark.parametrize("theme", builtin_theme_names())
def test_every_content_layout_carries_kicker_rule_footer_and_number(tmp_path: Path, theme: str) -> None:
    build(SAMPLE, tmp_path, theme=theme, only="pptx", parallel=False)
    prs = Presentation(str(tmp_path / "us-troops-korea.pptx"))
    content = [layout for layout in prs.slide_layouts if layout.name in ("Title and Content", "Title Only")]
    looks = []
    for layout in content:  # the sample uses only the first: the other looks the same when a slide is added
        assert [ph.name for ph in layout.placeholders if ph.name == "Kicker"] == ["Kicker"], layout.name
        looks.append([(s.left, s.top, s.width, s.height) for s in layout.shapes if s.name.startswith("Decoration")])
        footers = _footers(layout)
        assert footers["ftr"].text_frame.text == "For discussion"  # type: ignore[attr-defined]
        assert next(footers["sldNum"]._element.iter(qn("a:fld"))).get("type") == "slidenum"  # type: ignore[attr-defined]
        title = next(ph for ph in layout.placeholders if ph.placeholder_format.idx == 0)
        looks[-1].append((title.left, title.top, title.width, title.height))
    assert len(looks) == 2 and looks[0] == looks[1] and len(looks[0]) >= 2


def test_a_dressed_template_kept_from_an_earlier_deck_gives_the_same_bytes(tmp_path: Path) -> None:
    """A batch dresses the built-in template once per theme and shape; every deck must still come out as if alone."""
    from generator.render.pptx import builtin

    document = rich_document(make_png(tmp_path / "figure.png"))
    classic, bold = resolve_theme("classic"), resolve_theme("bold")
    plans = {name: plan_deck(document, theme)[0] for name, theme in (("classic", classic), ("bold", bold))}

    def render(name: str, theme: Theme) -> bytes:
        out = io.BytesIO()
        render_pptx(plans[name], theme, out, CREATED)
        return out.getvalue()

    builtin.forget()
    alone = render("classic", classic)
    builtin.forget()
    alone_bold = render("bold", bold)
    # the first classic deck since forgetting is dressed in place; from the second on, each theme's is kept
    kept = [render("classic", classic), render("bold", bold), render("classic", classic), render("bold", bold),
            render("classic", classic)]
    assert kept == [alone, alone_bold, alone, alone_bold, alone]
    assert builtin.dressed_template.cache_info().hits >= 2
    kept_template = builtin.dressed_template(dress_spec(plans["classic"]), Style(classic, "en"))
    # each deck drew on its own copy (``prs.slides`` would add a slide list to the kept one)
    assert not any(rel.reltype == RT.SLIDE for rel in kept_template.prs.part.rels.values())
    shared = {str(part.partname): part.blob for part in kept_template.shared}
    assert {"/ppt/slideMasters/slideMaster1.xml", "/ppt/theme/theme1.xml"} <= shared.keys()
    assert {str(part.partname): blob for part, blob in kept_template.written.items()} == shared
    assert kept_template.skeletons  # the decks drawn on copies made their layouts' skeletons once, here
    assert render("classic", classic) == alone
    assert {str(part.partname): part.blob for part in kept_template.shared} == shared  # drawing changed none


def test_decks_that_differ_only_in_their_text_dress_alike(tmp_path: Path) -> None:
    """A data family's decks share one dressed template; a different footer label or theme does not.

    (A title of other lines or size still changes the title layout, which takes the title slide's look.)
    """
    image = make_png(tmp_path / "figure.png")
    theme = resolve_theme("classic")
    first = plan_deck(rich_document(image), theme)[0]
    original = rich_document(image)
    retitled_section = msgspec.structs.replace(original.sections[0], title=rt("What happened in the end"))
    sections = (retitled_section, *original.sections[1:])
    retitled = msgspec.structs.replace(original, title=rt("Harbour Capacity on the Nordic Coast"), sections=sections)
    second = plan_deck(retitled, theme)[0]
    assert first.slides[0].title.text != second.slides[0].title.text
    assert dress_spec(first) == dress_spec(second)
    for change in ({"label": "Confidential draft"}, {"organization": "Another Institute"}):
        changed = plan_deck(msgspec.structs.replace(rich_document(image), **change), theme)[0]
        assert dress_spec(changed) != dress_spec(first), change
    assert dress_spec(plan_deck(rich_document(image), resolve_theme("bold"))[0]) != dress_spec(first)


def test_decks_that_differ_in_their_label_alone_are_dressed_once_and_relabelled(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A data family's rows often differ in the label ("copy 12"): one dressing serves them all, bytes as if alone."""
    from generator.render.pptx import builtin

    image = make_png(tmp_path / "figure.png")
    theme = resolve_theme("classic")
    plans = [plan_deck(msgspec.structs.replace(rich_document(image), label=f"For discussion: copy {row}"), theme)[0]
             for row in range(4)]
    assert len({dress_spec(plan) for plan in plans}) == 4
    assert len({unlabelled(dress_spec(plan)) for plan in plans}) == 1

    def render(plan: DeckPlan) -> bytes:
        out = io.BytesIO()
        render_pptx(plan, theme, out, CREATED)
        return out.getvalue()

    alone = []
    for plan in plans:
        builtin.forget()
        alone.append(render(plan))
    builtin.forget()
    dressings = []
    monkeypatch.setattr(builtin, "dress", lambda *args: dressings.append(args) or dress(*args))
    assert [render(plan) for plan in plans] == alone
    assert len(dressings) == 2  # the first deck's in place, then one kept for the others to relabel
    assert builtin.dressed_template.cache_info().currsize == 1  # a label seen once keeps no template of its own
    for row, deck in enumerate(alone):
        prs = Presentation(io.BytesIO(deck))
        labels = {_footer_text(layout) for layout in prs.slide_layouts} - {None}
        assert labels == {f"For discussion: copy {row}"}


def _footer_text(layout: object) -> str | None:
    for shape in layout.placeholders:  # type: ignore[attr-defined]
        if shape.placeholder_format.type is not None and shape.placeholder_format.type.name == "FOOTER":
            return shape.text_frame.text
    return None


def test_a_layout_s_body_text_starts_as_a_list_not_as_the_agenda_or_the_sources() -> None:
    """Without key takeaways the agenda is the first content slide; it is set larger than the body."""
    theme = resolve_theme("classic")
    sections = tuple(section(i, f"Section {i}", [points(item("One point."), item("Another point."))],
                             key=f"Key message {i}") for i in range(3))
    plan = plan_deck(document(sections, summary=()), theme)[0]
    agenda = next(s for s in plan.slides if isinstance(s, AgendaSlide))
    listed = next(s for s in plan.slides if isinstance(s, BulletSlide))
    assert agenda.body.paras[0].size_pt > listed.body.paras[0].size_pt
    content = plan.layout_name(listed).casefold()
    (look,) = [step.look for step in dress_spec(plan).steps
               if isinstance(step, Placed) and step.layout == content and step.role == "body"]
    assert look.paras[0].size_pt == listed.body.paras[0].size_pt and look.paras[0].marker is Marker.BULLET
