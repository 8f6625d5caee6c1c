"""A right-to-left brief (``language: ar``) mirrors the grid, measured on the PDF of an Arabic outline.

The running text sets flush with the type area's right edge, wide pieces (the figure row, the chart)
still span the whole type area, the page number stands at the left foot, bullets at the right of
their text and a table's first column at the right. Word boxes come from ``pdftotext -bbox-layout``.
A left-to-right brief keeps the grid at the left (its output is byte for byte what it was: checked by
hand against main, and by the other grid tests).
"""

from __future__ import annotations

import statistics
import unicodedata
from dataclasses import dataclass

import pytest

from generator.labels import right_to_left
from generator.render.pdf.page import PageGeometry
from generator.theme.load import builtin_theme_names, resolve_theme
from tests.render.typeset_measure import INK_HEIGHT, OUTLINES, ROOT, XHTML, render, word_boxes

ARABIC = ROOT / "tests" / "fixtures" / "arabic.yaml"
SLACK_PT = 1.0  # pdftotext's boxes follow the glyphs' ink and advance: within a point of the drawn edge


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    x_min: float
    x_max: float
    y_min: float
    size_pt: float  # the median size of its line's words


def words(pdf: bytes) -> list[list[Word]]:
    """Return each page's words with their boxes (points from the page's top left) and their line's size."""
    pages = []
    for page in word_boxes(pdf).iter(f"{XHTML}page"):
        found = []
        for line in page.iter(f"{XHTML}line"):
            boxes = list(line.iter(f"{XHTML}word"))
            size = statistics.median(float(w.get("yMax", 0)) - float(w.get("yMin", 0)) for w in boxes) / INK_HEIGHT
            found += [Word(w.text or "", float(w.get("xMin", 0)), float(w.get("xMax", 0)), float(w.get("yMin", 0)),
                           size) for w in boxes]
        pages.append(found)
    return pages


@pytest.fixture(scope="module")
def arabic() -> dict[str, list[list[Word]]]:
    return {theme: words(render(ARABIC, theme)) for theme in builtin_theme_names()}


def geometry(theme_name: str, rtl: bool) -> PageGeometry:
    return PageGeometry.from_theme(resolve_theme(theme_name), gutter_pt=0, rtl=rtl)


def body_lines(pages: list[list[Word]], page: PageGeometry) -> list[list[Word]]:
    """Return the lines of running text (words between the margins, by line) of every page.

    Running text is the size most words have. Box heights follow the font's ascent and descent, so
    in a script whose fallback font differs from the body font they are not ``INK_HEIGHT`` of the size.
    """
    inside = [[w for w in words_on_page if page.margin_pt < w.y_min < page.height_pt - page.margin_pt]
              for words_on_page in pages]
    common = statistics.mode(round(w.size_pt, 1) for words_on_page in inside for w in words_on_page)
    lines = []
    for words_on_page in inside:
        by_top: dict[float, list[Word]] = {}
        for word in words_on_page:
            if abs(word.size_pt - common) <= common * 0.02:
                by_top.setdefault(round(word.y_min), []).append(word)
        lines += by_top.values()
    return lines


def test_the_languages_written_right_to_left_are_known() -> None:
    assert all(right_to_left(code) for code in ("ar", "he", "fa", "ur", "fa-IR", "AR"))
    assert not any(right_to_left(code) for code in ("en", "fr", "ko", "arn", None))


def test_running_text_of_a_right_to_left_brief_ends_at_the_type_areas_right_edge(
        arabic: dict[str, list[list[Word]]]) -> None:
    for theme_name, pages in arabic.items():
        page = geometry(theme_name, rtl=True)
        right = page.margin_pt + page.frame_width_pt
        column_left = right - page.measure_pt
        ends = []
        for line in body_lines(pages, page):
            ends.append(max(w.x_max for w in line))
            # all of it in the column at the right: nothing at body size in the wide margin
            assert min(w.x_min for w in line) >= column_left - SLACK_PT, (theme_name, [w.text for w in line])
        assert len(ends) >= 20, theme_name
        flush = [end for end in ends if abs(end - right) <= SLACK_PT]
        assert len(flush) >= 0.6 * len(ends), (theme_name, right, sorted(ends))  # bullets' text is indented
        assert max(ends) <= right + SLACK_PT


def test_a_left_to_right_brief_keeps_its_column_at_the_left() -> None:
    for theme_name in builtin_theme_names():
        page = geometry(theme_name, rtl=False)
        assert page.text_left_pt == page.margin_pt
        assert geometry(theme_name, rtl=True).text_left_pt == pytest.approx(
            page.margin_pt + page.frame_width_pt - page.measure_pt)
        starts = [min(w.x_min for w in line) for line in body_lines(words(render(OUTLINES[0], theme_name)), page)]
        assert starts and min(starts) == pytest.approx(page.margin_pt, abs=SLACK_PT)
        assert all(start <= page.margin_pt + page.measure_pt for start in starts)


def test_the_page_number_stands_at_the_left_foot_of_a_right_to_left_brief(
        arabic: dict[str, list[list[Word]]]) -> None:
    for theme_name, pages in arabic.items():
        page = geometry(theme_name, rtl=True)
        for number, words_on_page in enumerate(pages, start=1):
            foot = [w for w in words_on_page if w.y_min > page.height_pt - page.margin_pt + 2]
            digits = [w for w in foot if w.text in (str(number), str(len(pages)))]
            assert digits, (theme_name, number, [w.text for w in foot])
            assert all(w.x_max < page.width_pt / 3 for w in digits), (theme_name, number)
            # the organization takes the right foot, ending at the margin
            assert max(w.x_max for w in foot) == pytest.approx(page.width_pt - page.margin_pt, abs=SLACK_PT)
            head = [w for w in words_on_page if w.y_min < page.margin_pt * 0.6]
            # Arabic comes out in presentation forms (NFKC gives the letters typed), in either order
            label = [w for w in head if unicodedata.normalize("NFKC", w.text) in ("للنقاش", "للنقاش"[::-1])]
            assert label and label[0].x_max < page.width_pt / 3, (theme_name, number)  # the banner at the left
            title = [w for w in head if w not in label]
            if number > 1:  # the running title ends at the right margin
                assert max(w.x_max for w in title) == pytest.approx(page.width_pt - page.margin_pt, abs=SLACK_PT)
    ltr = geometry("classic", rtl=False)
    foot = [w for w in words(render(OUTLINES[0], "classic"))[0] if w.y_min > ltr.height_pt - ltr.margin_pt + 2]
    assert next(w for w in foot if w.text == "1").x_min > ltr.width_pt * 2 / 3  # left to right: the right foot


def test_a_spread_piece_still_spans_the_whole_type_area(arabic: dict[str, list[list[Word]]]) -> None:
    for theme_name, pages in arabic.items():
        page = geometry(theme_name, rtl=True)
        right = page.margin_pt + page.frame_width_pt
        flat = [w for words_on_page in pages for w in words_on_page]
        first, last = (next(w for w in flat if w.text == value) for value in ("28,500", "1953"))
        assert first.x_max == pytest.approx(right, abs=SLACK_PT)  # the row's first figure at the right edge
        assert last.x_min < page.margin_pt + page.frame_width_pt / 3  # its last one far into the left margin
        year = next(w for w in flat if w.text == "1990")  # the chart's first category label, at its left
        assert year.x_min < right - page.measure_pt - 100, theme_name


def test_bullets_and_a_tables_first_column_are_at_the_right(arabic: dict[str, list[list[Word]]]) -> None:
    for theme_name, pages in arabic.items():
        page = geometry(theme_name, rtl=True)
        right = page.margin_pt + page.frame_width_pt
        flat = [w for words_on_page in pages for w in words_on_page]
        bullets = [w for w in flat if w.text == "•"]
        assert len(bullets) >= 6, theme_name  # three takeaways, three points
        assert all(w.x_min > right - page.measure_pt * 0.2 for w in bullets), theme_name
        figure = next(w for w in flat if w.text == "500,000")  # the third column's figure, leftmost in its row
        row = [w for w in flat if abs(w.y_min - figure.y_min) < 2 and w is not figure]
        assert row and all(w.x_min > figure.x_max for w in row), (theme_name, [w.text for w in row])


def test_two_columns_of_a_right_to_left_brief_read_from_the_right(tmp_path) -> None:
    """The first column is the rightmost: a section's heading opens it and its text goes on at the left."""
    import io

    from generator.readers.outline import load_outline
    from generator.render.pdf.brief import render_pdf
    from tests.render.typeset_measure import CREATED

    def first_page(outline, theme_name: str) -> tuple[list[Word], float]:
        path = tmp_path / f"{theme_name}-two.yaml"
        path.write_text(f"extends: {theme_name}\nname: {theme_name}-two\nbrief: {{columns: 2}}\n")
        theme, out = resolve_theme(str(path)), io.BytesIO()
        render_pdf(load_outline(outline), theme, out, CREATED)
        return words(out.getvalue())[0], theme.brief.page.points[0]

    for theme_name in builtin_theme_names():
        page, width = first_page(ARABIC, theme_name)
        # pdftotext gives right-to-left words in the order they are drawn: letters reversed
        heading = [w for w in page if unicodedata.normalize("NFKC", w.text) == "السياق"[::-1]]
        assert heading and heading[0].x_min > width / 2, theme_name
        below = [w for w in page if w.y_min > heading[0].y_min and w.x_max < width / 2]
        assert below, theme_name  # the section goes on in the left column
        page, width = first_page(OUTLINES[0], theme_name)
        heading = [w for w in page if w.text == "Strategic"]
        assert heading and heading[0].x_max < width / 2, theme_name  # left to right: the first column at the left
