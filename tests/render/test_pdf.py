"""Render briefs and reopen the real PDF with pypdf: pages, text, bookmarks, links, metadata."""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from msgspec.structs import replace
from PIL import Image as PILImage
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from generator.model import Figure, Figures, PointItem, Points, RichText, Span
from generator.model import Paragraph as ParagraphBlock
from generator.render.pdf.bidi import shape, visual_line, visual_order
from generator.render.pdf.brief import render_pdf
from generator.render.pdf.para import BriefParagraph
from generator.render.pdf.style import build_styles, hyphenator
from generator.render.pdf.text import TextSetter
from generator.theme.model import PageSize
from generator.typography import typographic
from tests.pdf_fixtures import (
    ARABIC,
    CREATED,
    GREEK,
    HEBREW,
    JAPANESE,
    KOREAN,
    LONG_WORDS,
    MARKUP_TRAPS,
    ROCKET,
    SOURCES,
    korean_document,
    make_document,
    make_theme,
    para,
    rt,
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
    # the byline sets each author's name over the role (issue 13's masthead), so they read "name role"
    first = flat(rich.pages[0])
    for expected in ("Port Congestion on the North Sea Coast", "What the spring backlog means", "2 April 2026",
                     "A. Analyst Logistics desk", "B. Writer", "Key takeaways", "Waiting times doubled in March"):
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
        assert typographic(expected) in text, expected  # printed with curly apostrophes (issue 13)


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
    # no glyph is missing; the only warning is the fixture's 400-pixel image printing soft (issue 13)
    assert [w.message for w in rich.warnings if "ppi" not in w.message] == []


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
    theme_module = pytest.importorskip("generator.theme.load")
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
    # the text comes back with its typographic finish (curly quotes), and nothing else changed
    assert " ".join(drawn.split()) == " ".join(typographic("".join(t for t, _, _ in parts), SETTER.language).split())


def joined(text: str) -> str:
    """Return extracted text with words hyphenated at line ends put back together, as the acceptance check does."""
    return flat(text.replace("-\n", ""))


def line_texts(paragraph: BriefParagraph) -> list[str]:
    """Return the text of each line reportlab broke a wrapped paragraph into."""
    lines = paragraph.blPara.lines
    if paragraph.blPara.kind == 0:
        return [" ".join(words) for _, words in lines]
    return ["".join(getattr(frag, "text", "") for frag in line.words) for line in lines]


def x_positions(page: pypdf.PageObject, wanted: set[str]) -> dict[str, list[float]]:
    """Return where on ``page`` (x, in points) each wanted text is drawn."""
    found: dict[str, list[float]] = {}

    def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: object) -> None:
        if text.strip() in wanted:
            found.setdefault(text.strip(), []).append(cm[0] * tm[4] + cm[2] * tm[5] + cm[4])

    page.extract_text(visitor_text=visit)
    return found


# Hyphenation


def test_hyphenation_dictionary_follows_the_language() -> None:
    assert hyphenator("en").dictionary == "en_US"
    assert hyphenator("en-GB").dictionary == "en_GB"
    assert hyphenator("de").dictionary == "de_DE"
    assert hyphenator("pt-BR").dictionary == "pt_BR"
    assert hyphenator("ko") is None and hyphenator("ja") is None and hyphenator(None) is None
    assert not build_styles(make_theme(), "ko").body.hyphenationLang


def test_long_words_in_a_narrow_column_are_hyphenated_but_never_the_last_word() -> None:
    styles = build_styles(make_theme(), "en")
    paragraph = BriefParagraph(LONG_WORDS, styles.body)
    paragraph.wrap(130, 1000)
    lines = line_texts(paragraph)
    assert any(line.endswith("-") and line[-2].isalpha() for line in lines[:-1]), lines
    assert lines[-1].split()[-1] == "organizations."  # the paragraph's last word stays whole
    assert " ".join(lines).replace("- ", "") == LONG_WORDS


def test_a_compound_breaks_at_its_own_hyphen() -> None:
    styles = build_styles(make_theme(), "en")
    paragraph = BriefParagraph("Some words before the self-determination movement began", styles.body)
    paragraph.wrap(135, 1000)
    assert any(line.endswith("self-") for line in line_texts(paragraph)), line_texts(paragraph)


def test_hyphenated_pdf_text_joins_back_into_the_words() -> None:
    doc = make_document(sections=(section("Words", para(LONG_WORDS), para(LONG_WORDS.upper())),))
    result = render(doc, make_theme(columns=2))
    assert re.search(r"[a-z]-\n[a-z]", result.text), result.text  # a soft break, as pypdf extracts it
    assert LONG_WORDS in joined(result.text)


def test_no_hyphenation_without_a_dictionary() -> None:
    doc = make_document(sections=(section("Words", para(LONG_WORDS)),), language="ko")
    result = render(doc, make_theme(columns=2))
    assert not re.search(r"[a-z]-\n[a-z]", result.text)
    assert LONG_WORDS in flat(result.text)


# Widows, orphans and rhythm


def test_every_paragraph_style_keeps_lines_together_and_headings_with_their_text() -> None:
    styles = build_styles(make_theme(), "en")
    for name in styles.__slots__:
        style = getattr(styles, name)
        if isinstance(style, ParagraphStyle):
            assert (style.allowWidows, style.allowOrphans) == (0, 0), name
    assert styles.heading.keepWithNext and styles.key.keepWithNext and styles.table_caption.keepWithNext


def test_a_heading_takes_whole_body_lines_in_every_builtin_theme() -> None:
    theme_module = pytest.importorskip("generator.theme.load")
    for name in theme_module.builtin_theme_names():
        styles = build_styles(theme_module.resolve_theme(name), "en")
        heading = styles.heading
        lines = (heading.spaceBefore + heading.leading + heading.spaceAfter) / styles.lead_pt
        assert lines == pytest.approx(round(lines)), name
        assert heading.spaceAfter > 0


@pytest.mark.parametrize("columns", [1, 2])
def test_headings_share_a_page_with_the_start_of_their_section(image_path: Path, columns: int) -> None:
    result = render(make_document(image_path), make_theme(columns=columns))
    keys = {"Strategic context": "The key message of section one", "Charts": "Five kinds of chart",
            "Data": "A long table"}
    for entry in result.reader.outline:
        page = flat(result.pages[result.reader.get_destination_page_number(entry)])
        assert entry["/Title"] in page
        if entry["/Title"] in keys:
            assert keys[entry["/Title"]] in page


# Scripts


def test_right_to_left_text_is_drawn_in_reading_order() -> None:
    doc = make_document(sections=(section("RTL", para(f"Hebrew: {HEBREW}"), para(f"Arabic: {ARABIC}")),))
    result = render(doc)
    text = unicodedata.normalize("NFKC", result.text)  # Arabic is drawn in its joined presentation forms
    # The glyphs are drawn in visual order; pypdf, like PDF viewers, reverses right-to-left runs when
    # it extracts text, so what a reader copies is the logical order the outline has. Unreordered
    # glyphs would come out backwards ("םלוע םולש").
    assert f"Hebrew: {HEBREW}" in text
    assert f"Arabic: {ARABIC}" in text
    assert HEBREW[::-1] not in text
    assert result.warnings == []


def test_a_right_to_left_paragraph_keeps_its_lines_in_order() -> None:
    text = "שורה ראשונה של פסקה ארוכה בעברית שממשיכה לשורה שנייה ולשורה שלישית בתוך עמודה צרה"
    doc = make_document(sections=(section("RTL", para(text)),), language="he")
    result = render(doc, make_theme(columns=2))
    assert all(word in result.text for word in text.split())
    start, end = result.text.index("ראשונה"), result.text.index("שלישית")
    assert "\n" in result.text[start:end]  # the paragraph wraps, and its first line is drawn first


def test_characters_without_a_glyph_are_reported_with_their_place() -> None:
    rocket = Points((PointItem(rt("Plain")), PointItem(rt(f"Launch {ROCKET} today"), line=14)),
                    "sections[0].content[1].points", 12)
    doc = make_document(sections=(section("Glyphs", ParagraphBlock(rt(f"Also {ROCKET} here"),
                                                                   "sections[0].content[0]", 11), rocket),))
    result = render(doc)
    messages = [str(warning) for warning in result.warnings]
    assert messages == [
        f"x.yaml:11: warning: sections[0].content[0]: no available font has a glyph for '{ROCKET}' (U+1F680); "
        "it prints as an empty box",
        f"x.yaml:14: warning: sections[0].content[1].points[1]: no available font has a glyph for '{ROCKET}' "
        "(U+1F680); it prints as an empty box",
    ]
    assert "Launch" in result.text and "today" in result.text  # the build finished, the text is there


def test_an_all_korean_brief_is_searchable() -> None:
    result = render(korean_document())
    text = flat(result.text)
    for expected in ("주한미군 감축 계획", "전략적 배경과 지역 반응", "김분석 안보 연구실", "한국 연구소", "검토용",
                     "미국은 병력 약 사천오백 명을 철수할 계획이다.", "전략적 배경", "동맹의 부담 분담이 핵심이다",
                     "북한의 핵 능력이 안보 계산을 바꾸었다.", "위협 인식", "표: 주요 부대", "제2보병사단", "평택",
                     "연도별 주한미군 병력", "이천이십사년", "육군", "공군", "단위: 천 명"):  # no English fixed words
        assert expected in text, expected
    assert result.warnings == []
    assert result.reader.trailer["/Root"]["/Lang"] == "ko"


# Two columns


def test_two_column_briefs_span_charts_and_tables(image_path: Path) -> None:
    theme = make_theme(columns=2)
    result = render(make_document(image_path), theme)
    text = joined(result.text)
    for expected in ("Opening paragraph with a link and a citation", "Troops by service", "Row 60 unit",
                     "Callout body text about the next steps.", KOREAN, "Notes and sources"):
        assert expected in text, expected
    column_pt = (595.2756 - 2 * theme.brief.margin_pt) / 2
    table_page = next(page for page in result.reader.pages if "Row 1 unit" in page.extract_text())
    table = x_positions(table_page, {"Unit", "Troops"})
    assert table["Troops"][0] - table["Unit"][0] > column_pt  # the table is wider than one column
    chart_page = next(page for page in result.reader.pages if "Exercises per year" in page.extract_text())
    axis = x_positions(chart_page, {"2020", "2024"})
    assert max(axis["2024"]) - min(axis["2020"]) > column_pt


def test_two_column_text_fills_both_columns(image_path: Path) -> None:
    theme = make_theme(columns=2)
    result = render(make_document(image_path), theme)
    middle = 595.2756 / 2
    bullets = x_positions(result.reader.pages[0], {"Threat perceptions:", "A plain bullet without a lead."})
    assert min(bullets["Threat perceptions:"]) < middle < min(bullets["A plain bullet without a lead."])
    assert render(make_document(image_path), theme).data == result.data


def test_bidi_reorders_runs_and_mirrors_brackets() -> None:
    assert visual_line("plain text") == "plain text"
    assert visual_line(f"Hebrew: {HEBREW} (x)") == f"Hebrew: {HEBREW[::-1]} (x)"
    # a right-to-left paragraph: first word rightmost, the full stop at the far left, brackets mirrored
    assert visual_line("עברית (סוגריים) 123.") == ".123 (םיירגוס) תירבע"
    order = visual_order("ab שלום", rtl_base=False)
    assert [index for index, _ in order] == [0, 1, 2, 6, 5, 4, 3]


def test_arabic_is_shaped_into_joined_forms() -> None:
    shaped = shape(ARABIC)
    assert shaped != ARABIC and unicodedata.normalize("NFKC", shaped) == ARABIC
    assert shape("Hebrew stays") == "Hebrew stays" and shape(HEBREW) == HEBREW


def test_invisible_format_characters_are_not_drawn_as_boxes() -> None:
    text = "Zero\u200bwidth, joiner\u200d, mark\u200f, isolate \u2066b\u2069, heart \u2764\ufe0f, soft\u00adhyphen"
    result = render(make_document(sections=(section("Invisible", para(text)),)))
    assert "\u25a0" not in result.text and "Zerowidth, joiner, mark, isolate b" in flat(result.text)
    assert result.warnings == []


def test_korean_greek_hebrew_and_arabic_survive_into_the_pdf_text(tmp_path: Path) -> None:
    from generator.pipeline.build import build

    outline = tmp_path / "scripts.yaml"
    outline.write_text("title: Scripts\nsections:\n  - title: A\n    content:\n"
                       f"      - '{ARABIC}'\n      - '{HEBREW}'\n      - 'Ελληνικά κείμενα and 주한미군 감축'\n",
                       encoding="utf-8")
    pdf = build(outline, tmp_path / "out", only="pdf").written[0]
    # Arabic is drawn in its joined presentation forms; NFKC folds them back to the letters typed
    text = unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages))
    for typed in (ARABIC, HEBREW, "Ελληνικά κείμενα", "주한미군 감축"):
        assert typed in text


@pytest.mark.parametrize("name", ["classic", "minimal", "bold"])
def test_a_figure_fills_a_column_of_every_builtin_theme_in_two_columns(image_path: Path, name: str) -> None:
    """Found by the fuzz campaign (``--generator themes``): minimal's two columns came out at exactly
    230.55 pt, a hair wider than reportlab's own 230.54999999999995, so a figure could not be placed."""
    from generator.theme.load import resolve_theme

    theme = resolve_theme(name)
    theme = replace(theme, brief=replace(theme.brief, columns=2))
    figures = Figures((Figure("3.4", rt("days")),), "sections[0].content[0]", 1)
    doc = replace(make_document(image_path), sections=(section("S", figures),))
    result = render(doc, theme)
    assert "3.4" in result.text and "days" in result.text
