"""Render briefs and reopen the real PDF with pypdf: pages, text, bookmarks, links, metadata."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from pathlib import Path

import pypdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image as PILImage
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from generator.model import RichText, Span
from generator.render.pdf import render_pdf
from generator.render.pdf_text import TextSetter
from generator.theme_model import PageSize
from tests.pdf_fixtures import (
    CREATED,
    GREEK,
    JAPANESE,
    KOREAN,
    MARKUP_TRAPS,
    SOURCES,
    make_document,
    make_theme,
    para,
    section,
)


@dataclass(frozen=True)
class Rendered:
    data: bytes
    reader: pypdf.PdfReader
    pages: list[str]
    warnings: list

    @property
    def text(self) -> str:
        return "\n".join(self.pages)


def render(doc, theme=None) -> Rendered:
    out = io.BytesIO()
    warnings = render_pdf(doc, theme or make_theme(), out, CREATED)
    reader = pypdf.PdfReader(io.BytesIO(out.getvalue()))
    return Rendered(out.getvalue(), reader, [page.extract_text() for page in reader.pages], warnings)


@pytest.fixture(scope="module")
def image_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("img") / "map.png"
    PILImage.new("RGB", (400, 200), (31, 58, 95)).save(path)
    return path


@pytest.fixture(scope="module")
def rich(image_path: Path) -> Rendered:
    return render(make_document(image_path))


def flat(text: str) -> str:
    """Return extracted text with line breaks as spaces (wrapped labels)."""
    return " ".join(text.split())


def test_every_page_has_label_and_numbered_footer(rich: Rendered) -> None:
    count = len(rich.pages)
    assert count >= 4
    for number, page in enumerate(rich.pages, start=1):
        assert "For discussion" in page
        assert f"Page {number} of {count}" in page
        assert "Example Institute" in page


def test_cover_and_takeaways(rich: Rendered) -> None:
    first = flat(rich.pages[0])
    for expected in ("Port Congestion on the North Sea Coast", "What the spring backlog means", "2 April 2026",
                     "A. Analyst, Logistics desk", "B. Writer", "Key takeaways", "Waiting times doubled in March"):
        assert expected in first


def test_every_block_type_is_drawn(rich: Rendered) -> None:
    text = flat(rich.text)
    for expected in (
        "The key message of section one", "Opening paragraph with a link and a citation",
        "Threat perceptions: North Korea's missile programme", "Reallocation: Forces move",
        "Sub-point about Guam rotations", "A plain bullet without a lead.",
        "The move is a calculated pivot.", "— Dr. Emily Chen, Senior analyst",
        "28,500", "troops stationed in South Korea", "$1.2bn", "a label long enough to wrap",
        "Troops by service", "Marine Corps", "Air Force", "Values in thousand troops",
        "Source: Global Posture Review, Department of Defense", "Defence spending", "Korea", "Japan",
        "Exercises per year", "Cost sharing", "Washington", "Posture mix", "Ground",
        "Table caption: stationed units", "Row 1 unit", "Camp 60", "600", "Figure caption: the map",
        "What to watch", "Callout body text about the next steps.",
        "Notes and sources", "The Alliance in Transition", "Global Posture Review", "Seoul responds",
        "accessed 1 April 2026",
    ):
        assert expected in text, expected


def test_citations_are_numbered_by_source(rich: Rendered) -> None:
    text = flat(rich.text)
    assert "a citation1." in text
    assert "South Korea2" in text  # a figure citing the second source


def test_table_header_repeats_on_every_page_it_spans(rich: Rendered) -> None:
    table_pages = [page for page in rich.pages if "Row 60 unit" in page or "Row 30 unit" in page
                   or "Row 1 unit" in page]
    assert len(table_pages) >= 2
    for page in table_pages:
        assert "Location" in page and "Troops" in page


def test_image_is_embedded(rich: Rendered) -> None:
    images = [
        obj for page in rich.reader.pages
        for obj in (page["/Resources"].get("/XObject") or {}).values()
        if obj.get_object()["/Subtype"] == "/Image"
    ]
    assert len(images) == 1


def test_bookmarks_follow_the_sections(rich: Rendered) -> None:
    titles = [entry["/Title"] for entry in rich.reader.outline]
    assert titles == ["Key takeaways", "Strategic context", "Charts", "Data", "Languages", "Notes and sources"]
    pages = [rich.reader.get_destination_page_number(entry) for entry in rich.reader.outline]
    assert pages == sorted(pages) and pages[-1] > 0  # bookmarks point at later pages, not all at page one
    assert rich.reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_brief_skip_leaves_the_section_out(rich: Rendered) -> None:
    assert "SKIPPED SECTION TEXT" not in rich.text
    assert "Skipped section" not in rich.text


def test_metadata_and_language(rich: Rendered) -> None:
    info = rich.reader.metadata
    assert info.title == "Port Congestion on the North Sea Coast"
    assert info.author == "A. Analyst, B. Writer"
    assert info.subject == "What the spring backlog means"
    assert info["/Creator"] == "briefdeck"
    assert info["/CreationDate"].startswith("D:20260402")
    assert info["/ModDate"] == info["/CreationDate"]
    assert rich.reader.trailer["/Root"]["/Lang"] == "en"


def test_links_only_where_the_outline_has_them(rich: Rendered) -> None:
    uris = {
        annot.get_object()["/A"]["/URI"]
        for page in rich.reader.pages for annot in page.get("/Annots") or []
        if annot.get_object()["/Subtype"] == "/Link"
    }
    assert uris == {"https://example.org/report", "mailto:desk@example.org", SOURCES[0].url}


def test_markup_characters_print_literally(rich: Rendered) -> None:
    for trap in MARKUP_TRAPS:
        assert trap in rich.text, trap


def test_non_latin_scripts_are_extracted(rich: Rendered) -> None:
    for text in (KOREAN, JAPANESE, GREEK):
        assert text in rich.text
    assert rich.warnings == []


def test_two_renders_are_byte_identical(image_path: Path, rich: Rendered) -> None:
    assert render(make_document(image_path)).data == rich.data


def test_markup_in_metadata_stays_literal() -> None:
    doc = make_document(title=RichText((Span("<b>AT&T</b> &amp;"),)), authors=())
    result = render(doc)
    assert result.reader.metadata.title == "<b>AT&T</b> &amp;"
    assert "<b>AT&T</b> &amp;" in result.pages[0]


def test_two_columns_and_letter_paper(image_path: Path) -> None:
    result = render(make_document(image_path), make_theme(columns=2, page=PageSize.LETTER))
    box = result.reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == (612.0, 792.0)
    assert "Callout body text about the next steps." in result.text
    assert f"Page 1 of {len(result.pages)}" in result.pages[0]


def test_missing_glyph_is_a_warning_not_an_error() -> None:
    doc = make_document(sections=(section("Glyphs", para("Hieroglyph \U00013000 here")),))
    result = render(doc)
    assert any("U+13000" in str(warning) for warning in result.warnings)


def test_minimal_document_renders() -> None:
    doc = replace(make_document(sections=(section("Only", para("Just one paragraph.")), section("Empty"))),
                  subtitle=None, date=None, authors=(), organization=None, label=None, summary=(), sources=(),
                  language=None)
    result = render(doc)
    assert len(result.pages) == 1
    assert "Page 1 of 1" in result.pages[0]
    assert "/Lang" not in result.reader.trailer["/Root"]


def test_builtin_themes_render(image_path: Path) -> None:
    theme_module = pytest.importorskip("generator.theme")
    for name in theme_module.builtin_theme_names():
        result = render(make_document(image_path), theme_module.resolve_theme(name))
        assert "Notes and sources" in result.text


SETTER = TextSetter(Path("x.yaml"), "en", {s.id: s for s in SOURCES}, "1F3A5F", "C8102E")
FACE = make_theme().body_font
STYLE = ParagraphStyle("t", fontName=FACE.regular)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet=st.sampled_from(list("ab <>&;\"'/=#xé—κ")), min_size=1),
                          st.booleans(), st.booleans()), min_size=1, max_size=4))
def test_any_text_survives_the_markup_round_trip(parts: list[tuple[str, bool, bool]]) -> None:
    text = RichText(tuple(Span(t, bold=b, italic=i) for t, b, i in parts))
    paragraph = Paragraph(SETTER.rich(text, FACE, FACE.regular), STYLE)
    drawn = "".join(getattr(frag, "text", "") for frag in paragraph.frags)
    assert " ".join(drawn.split()) == " ".join("".join(t for t, _, _ in parts).split())
