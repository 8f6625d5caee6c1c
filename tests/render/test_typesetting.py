"""The brief's typesetting, measured on real PDFs: hyphenation, breaks, balanced titles, citations.

Every built-in theme sets the sample and the acceptance cases copied into ``typeset_cases``; the
figures come from ``pdftotext -layout`` of the rendered file (``typeset_measure``).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from generator.model import Paragraph as ParagraphBlock
from generator.model import RichText, Span
from generator.render.pdf.brief import render_pdf
from generator.render.pdf.para import BalancedParagraph, BriefParagraph
from generator.render.pdf.style import build_styles, hyphenator
from generator.theme.load import builtin_theme_names
from tests.pdf_fixtures import CREATED, SOURCES, make_document, make_theme, section
from tests.render.typeset_measure import OUTLINES, Figures, measure, page_texts, render, split_citations

BUILDS = [(outline, theme) for outline in OUTLINES for theme in builtin_theme_names()]


@pytest.fixture(scope="module")
def built() -> dict[tuple[Path, str], bytes]:
    return {(outline, theme): render(outline, theme) for outline, theme in BUILDS}


def figures(built: dict[tuple[Path, str], bytes]) -> dict[tuple[Path, str], Figures]:
    return {key: measure(pdf) for key, pdf in built.items()}


def line_texts(paragraph: BriefParagraph) -> list[str]:
    lines = paragraph.blPara.lines
    if paragraph.blPara.kind == 0:
        return [" ".join(words) for _, words in lines]
    return ["".join(getattr(frag, "text", "") for frag in line.words) for line in lines]


# Hyphenation


def test_every_break_leaves_three_letters_on_each_side() -> None:
    split = hyphenator("en")
    assert split is not None
    for word in ("Arrivals", "about", "agreement", "deterrence", "economic", "alliance", "operational"):
        for head, tail in split(word):
            assert len(head) >= 3 and len(tail) >= 3, (word, head, tail)
    assert ("Ar", "rivals") not in list(split("Arrivals"))


LONG = ("Internationalization characterization institutionalization responsibilities "
        "telecommunications interdependencies counterintelligence denuclearization "
        "multilateralization transformational ") * 3


def test_no_more_than_two_hyphenated_lines_in_a_row() -> None:
    styles = build_styles(make_theme(), "en")
    for width in (110, 125, 140, 160, 190):
        paragraph = BriefParagraph(LONG, styles.body)
        paragraph.wrap(width, 10_000)
        lines = line_texts(paragraph)
        assert any(line.endswith("-") for line in lines), lines  # the rule is exercised, not avoided
        ends = "".join("h" if line.endswith("-") else "." for line in lines[:-1])
        assert "hhh" not in ends, (width, lines)
        assert " ".join(lines).replace("- ", "") == LONG.strip()


def test_display_text_boxes_labels_and_cells_are_never_hyphenated() -> None:
    styles = build_styles(make_theme(), "en")
    for name in ("title", "subtitle", "heading", "box_heading", "box_item", "box_item_last", "callout_title",
                 "callout_text", "figure_value", "figure_label", "cell", "cell_number", "cell_head", "quote",
                 "chart_title"):
        assert not getattr(getattr(styles, name), "hyphenationLang", None), name
    assert styles.body.hyphenationLang and styles.item.hyphenationLang


def test_the_sample_and_cases_keep_hyphenation_rare_in_every_theme(built: dict[tuple[Path, str], bytes]) -> None:
    for (outline, theme), found in figures(built).items():
        assert found.longest_hyphen_run <= 2, (outline.stem, theme, found)
        assert found.hyphen_share <= 0.10, (outline.stem, theme, found)


# Titles and citations


def test_a_two_line_title_is_balanced_not_a_lone_word() -> None:
    style = build_styles(make_theme(), "en").title
    text = "Why the United States is withdrawing troops from the Korean peninsula now"
    for width_pt, lines in ((680, 2), (460, 3)):
        ragged = BriefParagraph(text, style)
        ragged.wrap(width_pt, 1000)
        balanced = BalancedParagraph(text, style)
        width, _ = balanced.wrap(width_pt, 1000)
        assert width == width_pt and len(line_texts(balanced)) == len(line_texts(ragged)) == lines
        short = min(map(len, line_texts(balanced)))
        assert short >= 0.75 * max(map(len, line_texts(balanced))), line_texts(balanced)
        assert len(line_texts(ragged)[-1]) < 0.6 * max(map(len, line_texts(ragged)))  # the case it mends


def test_adjacent_citations_hug_their_word_and_merge() -> None:
    ids = [s.id for s in SOURCES][:2]
    words = "A claim about troop numbers on the peninsula that needs support "
    spans = (Span(words * 3 + "here"), Span("", cite=ids[0]), Span("", cite=ids[1]), Span(". More text follows."))
    block = ParagraphBlock(RichText(spans), "sections[0].content[0]", 1)
    for columns in (1, 2):
        doc = make_document(sections=(section("Claims", block),))
        pdf_out = io.BytesIO()
        render_pdf(doc, make_theme(columns=columns), pdf_out, CREATED)
        text = " ".join(page_texts(pdf_out.getvalue()))
        assert re.search(r"here\s?1,2\.", text.replace("\n", " ")) or "here1,2." in text.replace(" ", ""), text
        assert not split_citations(pdf_out.getvalue())


def _cited_text(ids: list[str], theme: object) -> str:
    """Render a long paragraph citing ``ids`` side by side after "here" and return its text."""
    words = "A claim about troop numbers on the peninsula that needs support "
    spans = (Span(words * 3 + "here"), *(Span("", cite=sid) for sid in ids), Span(". More text follows."))
    doc = make_document(sections=(section("Claims", ParagraphBlock(RichText(spans), "sections[0].content[0]", 1)),))
    pdf_out = io.BytesIO()
    render_pdf(doc, theme, pdf_out, CREATED)
    assert not split_citations(pdf_out.getvalue())
    return " ".join(" ".join(page_texts(pdf_out.getvalue())).split())


def test_adjacent_citations_print_as_one_mark_sorted_with_runs_of_three_as_a_range() -> None:
    cfr, dod, yon = (s.id for s in SOURCES)  # sources 1, 2 and 3
    assert re.search(r"here\s?1,3\.", _cited_text([yon, cfr], make_theme()))
    assert re.search(r"here\s?1\u20133\.", _cited_text([yon, cfr, dod, cfr], make_theme()))


def test_a_theme_asking_for_brackets_prints_merged_citations_in_brackets_glued_to_their_word() -> None:
    from msgspec.structs import replace

    theme = make_theme()
    brackets = replace(theme, brief=replace(theme.brief, citations="brackets"))
    cfr, dod, yon = (s.id for s in SOURCES)
    assert "here [1, 3]." in _cited_text([yon, cfr], brackets).replace("\u00a0", " ")
    assert "here [2]." in _cited_text([dod], brackets).replace("\u00a0", " ")


def test_no_citation_is_split_in_the_sample_or_the_cases(built: dict[tuple[Path, str], bytes]) -> None:
    for (outline, theme), pdf in built.items():
        assert not split_citations(pdf), (outline.stem, theme)


# Typographic finish


def test_the_brief_prints_curly_quotes_and_minus_signs_but_the_model_keeps_its_text() -> None:
    block = ParagraphBlock(RichText((Span('Seoul\'s "strategic patience" cut troops by -16% at p. 12, see '),
                                     Span("https://example.org/a--b", link="https://example.org/a--b"),
                                     Span("."))), "sections[0].content[0]", 1)
    doc = make_document(sections=(section("Quotes", block),))
    out = io.BytesIO()
    render_pdf(doc, make_theme(), out, CREATED)
    text = " ".join(page_texts(out.getvalue()))
    assert "Seoul\u2019s \u201cstrategic patience\u201d" in text, text
    assert "\u221216%" in text and "https://example.org/a--b" in text
    assert block.text.spans[0].text.startswith('Seoul\'s "strategic')  # the model is not changed


def test_stat_values_print_a_real_minus() -> None:
    doc = make_document()  # its figures include "-16%"
    out = io.BytesIO()
    render_pdf(doc, make_theme(), out, CREATED)
    text = " ".join(page_texts(out.getvalue()))
    assert "\u221216%" in text and "-16%" not in text


# Exhibits


def test_charts_images_and_tables_are_numbered_in_reading_order() -> None:
    from generator.readers.outline import load_outline
    from generator.theme.load import resolve_theme
    from tests.render.typeset_measure import CASES

    out = io.BytesIO()
    warnings = render_pdf(load_outline(CASES / "rich.yaml"), resolve_theme("classic"), out, CREATED)
    text = " ".join(page_texts(out.getvalue()))
    flat_text = " ".join(text.split())
    places = [flat_text.find(label) for label in ("Figure 1", "Figure 2", "Figure 3", "Figure 4")]
    assert -1 not in places and places == sorted(places), places
    assert "Table 1. Terminal status" in flat_text and "Figure 4. Terminal layout" in flat_text
    soft = [w for w in warnings if "ppi" in w.message]
    assert len(soft) == 1 and soft[0].line == 63 and "sections[1].content[4]" in soft[0].message, warnings


def test_a_split_table_repeats_its_caption_marked_continued_on_every_later_page() -> None:
    from tests.render.typeset_measure import CASES

    for theme in builtin_theme_names():
        pages = page_texts(render(CASES / "long.yaml", theme))
        with_table = [n for n, page in enumerate(pages) if "Table 1. Sixty sites" in " ".join(page.split())]
        assert len(with_table) >= 2, theme
        first, *later = with_table
        assert "(continued)" not in pages[first]
        assert all("Table 1. Sixty sites (continued)" in " ".join(pages[n].split()) for n in later), theme
