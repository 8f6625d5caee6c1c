"""Reference libraries in the outputs: the brief's numbered notes and the deck's Sources slide."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from generator.pipeline.build import build

BIB = r"""@article{kim2024, author = {Kim, Ji-woo and M{\"u}ller, J{\"o}rg}, journal = {Foreign Policy},
  title = {The {Korean} alliance}, year = 2024, month = mar, day = 5, doi = {10.1000/xyz}}
@book{unused, title = {Never cited}, year = 2001}
"""
CSL = [{"id": "park2023", "title": "Troop levels and deterrence", "author": [{"family": "Park", "given": "Min"}],
        "container-title": "Journal of Strategy", "issued": {"date-parts": [[2023, 11]]},
        "URL": "https://example.org/park"}]
OUTLINE = """\
title: Alliance costs
sources: [refs.bib, {id: memo, title: Internal memo, publisher: Desk}, zotero.json]
sections:
  - title: Costs
    content:
      - Costs rose [@kim2024] while troop levels held [@park2023], as the desk noted [@memo].
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[str]]:
    folder = tmp_path_factory.mktemp("refs")
    (folder / "refs.bib").write_text(BIB, encoding="utf-8")
    (folder / "zotero.json").write_text(json.dumps(CSL), encoding="utf-8")
    (folder / "alliance.yaml").write_text(OUTLINE, encoding="utf-8")
    build(folder / "alliance.yaml", folder / "out", parallel=False)
    brief = " ".join(" ".join((page.extract_text() or "").split())
                     for page in PdfReader(folder / "out" / "alliance.pdf").pages)
    deck = Presentation(str(Path(folder / "out" / "alliance.pptx")))
    slides = [" ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
              for slide in deck.slides]
    return brief, slides


def test_the_briefs_notes_list_the_cited_library_entries_with_their_fields(built: tuple[str, list[str]]) -> None:
    brief, _ = built
    assert "1. Ji-woo Kim and Jörg Müller. The Korean alliance. Foreign Policy, 5 March 2024. " \
           "https://doi.org/10.1000/xyz." in brief
    assert "2. Internal memo. Desk." in brief
    assert "3. Min Park. Troop levels and deterrence. Journal of Strategy, November 2023. " \
           "https://example.org/park." in brief
    assert "Never cited" not in brief


def test_the_decks_sources_slide_numbers_them_alike(built: tuple[str, list[str]]) -> None:
    _, slides = built
    sources = slides[-1]
    assert sources.split()[0] == "Sources"
    for entry in ("[1]  The Korean alliance. Ji-woo Kim and Jörg Müller, Foreign Policy, 5 March 2024",
                  "[2]  Internal memo. Desk", "[3]  Troop levels and deterrence. Min Park, Journal of Strategy"):
        assert entry in sources
    assert "Never cited" not in sources
