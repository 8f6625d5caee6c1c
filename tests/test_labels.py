"""Fixed words in the document's language: a Korean brief and deck say no English word of their own."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from generator.cli.main import main
from generator.labels import CATALOGUE, OVERRIDABLE, labels_for

ENGLISH = CATALOGUE["en"]
ENGLISH_WORDS = ("Key takeaways", "Notes and sources", "Page ", "Agenda", "Sources", "Source:", "accessed", "Values in",
                 "(cont.)", *ENGLISH.months)
OUTLINE = """\
title: 주한미군 감축 계획
date: 2026-04-02
language: {language}
summary:
  - 미국은 약 4,500명의 병력을 철수할 계획이다 [@article].
sections:
  - title: 전략적 배경
    content:
      - 1953년 이후 미국은 한국에 상당한 군사력을 유지해 왔다.
      - points: [첫째, 둘째, 셋째, 넷째, 다섯째, 여섯째, 일곱째, 여덟째, 아홉째, 열째, 열한째, 열두째, 열셋째]
      - chart: {{type: bar, categories: [가, 나], series: [{{name: 병력, values: [28500, 24000]}}], unit: 명,
                 source: article}}
  - title: 지정학적 동기
    content:
      - points: [{points}]
  - title: 결론
    content: [동맹의 적응이 중요하다.]
sources:
  - {{id: article, title: 기사, url: "https://example.org/a", accessed: 2026-03-01, date: 2026-02-01}}
"""


def _build(tmp_path: Path, language: str, theme: str | None = None) -> tuple[str, list[str]]:
    outline = tmp_path / "brief.yaml"
    many = ", ".join(f"항목 {n}번은 동맹의 부담 분담에 관한 긴 설명을 담고 있다" for n in range(1, 25))
    outline.write_text(OUTLINE.format(language=language, points=many) + (f"theme: {theme}\n" if theme else ""),
                       encoding="utf-8")
    assert main(["build", str(outline), "-o", str(tmp_path / "out"), "-q"]) == 0
    # pypdf, not pdftotext: poppler cannot map reportlab's unembedded CJK fonts back to text yet
    pdf_text = "\n".join(page.extract_text() for page in PdfReader(tmp_path / "out" / "brief.pdf").pages)
    deck = Presentation(str(tmp_path / "out" / "brief.pptx"))
    slide_texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    return pdf_text, slide_texts


def test_a_korean_brief_and_deck_use_no_english_fixed_strings(tmp_path: Path) -> None:
    pdf_text, slide_texts = _build(tmp_path, "ko")
    korean = CATALOGUE["ko"]
    pages = len(PdfReader(tmp_path / "out" / "brief.pdf").pages)
    for said in (korean.takeaways, korean.notes, "2026년 4월 2일", korean.page_of(pages, pages), "2026년 3월 1일 접속",
                 "단위: 명", "출처: 기사"):
        assert "".join(said.split()) in "".join(pdf_text.split()), said  # runs in two fonts extract apart
    deck_text = "\n".join(slide_texts)
    for said in (korean.takeaways, korean.agenda, korean.sources, "2026년 4월 2일", "(계속)"):
        assert said in deck_text, said
    for word in ENGLISH_WORDS:
        assert word not in pdf_text, word
        assert word not in deck_text, word


@pytest.mark.parametrize(("language", "written"), [("en", "1 April 2026"), ("fr", "1er avril 2026"),
                                                   ("de", "1. April 2026"), ("es", "1 de abril de 2026"),
                                                   ("ja", "2026年4月1日"), ("zh", "2026年4月1日"),
                                                   ("ar", "1 أبريل 2026"), ("pt-BR", "1 April 2026"),
                                                   ("zh-Hant", "2026年4月1日")])
def test_dates_are_written_as_the_language_writes_them(language: str, written: str) -> None:
    assert labels_for(language).long_date(dt.date(2026, 4, 1)) == written


def test_every_catalogue_has_every_word_and_only_the_placeholders_it_may_fill() -> None:
    allowed = {"page", "pages", "n", "date", "unit", "day", "month", "year", "title", "imprint", "first", "last",
               "total"}
    for language, labels in CATALOGUE.items():
        assert len(labels.months) == 12 and all(labels.months), language
        for name in labels.__struct_fields__:
            value = getattr(labels, name)
            if isinstance(value, str):
                assert value.strip(), (language, name)
                assert set(re.findall(r"\{(\w+)\}", value)) <= allowed, (language, name, value)
        assert labels.page_of(3, 5) != ENGLISH.page_of(3, 5) or language == "en"


def test_a_theme_rewords_single_labels(tmp_path: Path) -> None:
    theme = tmp_path / "house.yaml"
    theme.write_text("extends: classic\nlabels: {takeaways: Bottom line up front, page: 'p. {page}/{pages}'}\n",
                     encoding="utf-8")
    outline = tmp_path / "brief.yaml"
    outline.write_text("title: A brief\ntheme: house.yaml\nsummary: [One point.]\nsections:\n"
                       "  - title: One\n    content: [Text.]\n", encoding="utf-8")
    assert main(["build", str(outline), "-o", str(tmp_path / "out"), "-q"]) == 0
    pdf_text = subprocess.run(["pdftotext", str(tmp_path / "out" / "brief.pdf"), "-"], capture_output=True,
                              text=True, check=True).stdout
    assert "Bottom line up front" in pdf_text and "p. 1/1" in pdf_text and "Key takeaways" not in pdf_text
    deck = Presentation(str(tmp_path / "out" / "brief.pptx"))
    assert any(slide.shapes.title is not None and slide.shapes.title.text_frame.text == "Bottom line up front"
               for slide in deck.slides)
    assert set(OVERRIDABLE) == set(ENGLISH.__struct_fields__) - {"months", "day_one"}


def test_an_unknown_label_is_an_error_at_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    theme = tmp_path / "house.yaml"
    theme.write_text("extends: classic\nlabels:\n  takeaway: Bottom line\n", encoding="utf-8")
    outline = tmp_path / "brief.yaml"
    outline.write_text("title: A\ntheme: house.yaml\nsections: [{title: One, content: [Text.]}]\n", encoding="utf-8")
    assert main(["build", str(outline), "-o", str(tmp_path / "out")]) == 1
    assert f"{theme}:3:3:" in capsys.readouterr().err
