"""The brief's grid and type scale, measured on real PDFs of the sample, the acceptance cases and the stress outline.

A one-column brief sets running text on a measure of about 60-80 characters and lets exhibits span
the side margin; two columns are a measure of their own; every text is set in one of a few sizes,
stat values clearly below the title. Figures come from ``typeset_measure`` (pdftotext word boxes, pypdf).
"""

from __future__ import annotations

import io
import statistics
from pathlib import Path

import pytest

from generator.errors import InputError
from generator.model import Figure, Figures, RichText, Span, Table
from generator.readers.outline import load_outline
from generator.render.pdf.brief import render_pdf
from generator.render.pdf.page import PageGeometry
from generator.render.pdf.style import TypeScale, build_styles
from generator.theme.load import builtin_theme_names, resolve_theme
from tests.pdf_fixtures import CREATED, make_document, make_theme, section
from tests.render.typeset_measure import CASES, OUTLINES, STRESS, render, running_lines, shown_text, size_of, type_sizes

BUILDS = [(outline, theme) for outline in OUTLINES for theme in builtin_theme_names()]
# outlines with enough running text to have a measure (the unicode case is a page of lists and CJK)
MEASURED = {OUTLINES[0], CASES / "long.yaml", STRESS}


@pytest.fixture(scope="module")
def built() -> dict[tuple[Path, str], bytes]:
    return {(outline, theme): render(outline, theme) for outline, theme in BUILDS}


def two_column_theme(tmp_path: Path, base: str) -> Path:
    path = tmp_path / f"{base}-two.yaml"
    path.write_text(f"extends: {base}\nname: {base}-two\nbrief: {{columns: 2}}\n")
    return path


def test_running_text_sets_60_to_80_characters_a_line_in_every_theme(built: dict[tuple[Path, str], bytes]) -> None:
    for (outline, theme), pdf in built.items():
        lengths = [len(line) for line in running_lines(pdf, resolve_theme(theme).brief.body_pt)]
        if outline in MEASURED:
            assert len(lengths) >= 20, (outline.stem, theme, lengths)  # the measure is not taken on a handful
        if lengths:
            assert max(lengths) <= 90, (outline.stem, theme, max(lengths))
        if len(lengths) >= 5:
            assert 60 <= statistics.median(lengths) <= 80, (outline.stem, theme, statistics.median(lengths))


def test_two_columns_are_a_measure_of_their_own(tmp_path: Path) -> None:
    for theme_name in builtin_theme_names():
        theme = resolve_theme(str(two_column_theme(tmp_path, theme_name)))
        for outline in (OUTLINES[0], CASES / "long.yaml"):
            out = io.BytesIO()
            render_pdf(load_outline(outline), theme, out, CREATED)
            lengths = [len(line) for line in running_lines(out.getvalue(), theme.brief.body_pt)]
            # a two-column measure (Bringhurst: 40-50 characters in multicolumn work)
            assert len(lengths) >= 20 and 40 <= statistics.median(lengths) <= 60, (theme_name, outline.stem)


def test_every_brief_uses_at_most_seven_type_sizes(built: dict[tuple[Path, str], bytes]) -> None:
    for (outline, theme), pdf in built.items():
        sizes = type_sizes(pdf)
        assert len(sizes) <= 7, (outline.stem, theme, sorted(sizes))
        scale = TypeScale.of(resolve_theme(theme).brief)
        allowed = {round(size, 1) for size in (scale.title_pt, scale.stat_pt, scale.heading_pt, scale.sub_pt,
                                               scale.body_pt, scale.small_pt)}
        assert set(sizes) <= allowed, (outline.stem, theme, sorted(set(sizes) - allowed))


def test_stat_values_are_clearly_smaller_than_the_title(built: dict[tuple[Path, str], bytes]) -> None:
    for theme in builtin_theme_names():
        pdf = built[(OUTLINES[0], theme)]
        title = max(size for size, _, text in shown_text(pdf) if text.startswith("The U.S. Plan"))
        stat = size_of(pdf, "28,500")
        assert title and stat and stat <= 0.85 * title, (theme, stat, title)
        assert max(type_sizes(pdf)) == title  # nothing on the page competes with the title
        styles = build_styles(resolve_theme(theme), "en")
        assert styles.figure_value.fontSize <= 0.85 * styles.title.fontSize


def test_a_stat_row_too_narrow_for_its_values_drops_to_a_size_of_the_scale() -> None:
    values = ("1,234,567,890", "98,765,432,100", "12,345,678,901", "4,321,000,555")
    block = Figures(tuple(Figure(value, RichText((Span("label"),))) for value in values), "sections[0].content[0]", 1)
    theme = make_theme()
    out = io.BytesIO()
    render_pdf(make_document(sections=(section("Numbers", block),)), theme, out, CREATED)
    scale = TypeScale.of(theme.brief)
    assert size_of(out.getvalue(), "98,765,432,100") in {scale.heading_pt, scale.sub_pt}


def words_right_edges(pdf: bytes, page: int) -> dict[str, float]:
    """Return each word's right edge (points from the page's left) on page ``page``."""
    import subprocess
    import tempfile
    import xml.etree.ElementTree as ET

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "brief.pdf"
        path.write_bytes(pdf)
        done = subprocess.run(["pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), str(path), "-"],
                              capture_output=True, check=True)
    return {word.text or "": float(word.get("xMax", 0))
            for word in ET.fromstring(done.stdout).iter("{http://www.w3.org/1999/xhtml}word")}


def test_exhibits_span_the_side_margin_while_running_text_keeps_the_measure() -> None:
    for theme_name in builtin_theme_names():
        theme = resolve_theme(theme_name)
        geometry = PageGeometry.from_theme(theme, gutter_pt=0)
        text_edge = geometry.margin_pt + geometry.measure_pt
        assert geometry.measure_pt < geometry.frame_width_pt * 0.8
        pdf = render(CASES / "rich.yaml", theme_name)
        first = words_right_edges(pdf, 1)
        assert first["fell."] <= text_edge + 0.5  # the last word of the first paragraph
        assert first["occupancy"] > text_edge  # the third stat of the row sits in the margin
        table_page = next(n for n in range(1, 5) if "Congested" in words_right_edges(pdf, n))
        assert words_right_edges(pdf, table_page)["Status"] <= text_edge + 0.5  # it fits the measure: it sets there


def test_a_table_too_wide_for_the_measure_spans_the_margin_one_that_fits_stays_in_line() -> None:
    def table(count: int) -> Table:
        cells = tuple(RichText((Span(f"Quarterly figure {c}"),)) for c in range(count))
        return Table(cells, (cells, cells), None, "sections[0].content[0]", 1)

    theme = make_theme()
    geometry = PageGeometry.from_theme(theme, gutter_pt=0)
    text_edge = geometry.margin_pt + geometry.measure_pt
    for count, spans in ((3, False), (7, True)):
        out = io.BytesIO()
        render_pdf(make_document(sections=(section("Table", table(count)),)), theme, out, CREATED)
        right = words_right_edges(out.getvalue(), 1)[str(count - 1)]  # the last column's heading ends with it
        assert (right > text_edge + 20) is spans, (count, right, text_edge)
        assert right <= geometry.margin_pt + geometry.frame_width_pt + 0.5


def test_a_theme_without_a_measure_sets_about_72_characters() -> None:
    theme = make_theme()  # no brief.measure
    assert theme.brief.measure_pt is None
    geometry = PageGeometry.from_theme(theme, gutter_pt=0)
    assert 0.55 * geometry.frame_width_pt < geometry.measure_pt < 0.8 * geometry.frame_width_pt
    out = io.BytesIO()
    render_pdf(load_outline(OUTLINES[0]), theme, out, CREATED)
    lengths = [len(line) for line in running_lines(out.getvalue(), theme.brief.body_pt)]
    assert 60 <= statistics.median(lengths) <= 80


def test_a_measure_the_page_cannot_hold_or_a_bad_value_is_an_error_with_its_position(tmp_path: Path) -> None:
    wide = tmp_path / "wide.yaml"
    wide.write_text("extends: classic\nbrief:\n  margin: 3cm\n  measure: 160mm\n")
    with pytest.raises(InputError) as caught:
        resolve_theme(str(wide))
    assert f"{wide}:4:12:" in str(caught.value) and "wider than the text block" in str(caught.value)
    for value, said in (("wide", "length"), ("2cm", "between")):
        bad = tmp_path / "bad.yaml"
        bad.write_text(f"extends: classic\nbrief: {{measure: {value}}}\n")
        with pytest.raises(InputError) as caught:
            resolve_theme(str(bad))
        assert f"{bad}:2:" in str(caught.value) and "theme.brief.measure" in str(caught.value), value
        assert said in str(caught.value)
    margin = tmp_path / "margin.yaml"  # a wider margin under a base theme's measure narrows it, as it must
    margin.write_text("extends: classic\nbrief: {margin: 5cm}\n")
    assert resolve_theme(str(margin)).brief.measure_pt == pytest.approx((210 - 100) * 72 / 25.4, abs=0.1)
    full = tmp_path / "full.yaml"  # the whole text block: the measure of old, one width for everything
    full.write_text("extends: classic\nbrief: {measure: 170mm}\n")
    assert resolve_theme(str(full)).brief.measure_pt == pytest.approx(170 * 72 / 25.4)
