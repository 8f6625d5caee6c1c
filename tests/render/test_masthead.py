"""The brief's masthead and its "How to cite this brief" line, read back from real PDFs and decks."""

from __future__ import annotations

import datetime as dt
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from generator.cli.main import main
from generator.errors import InputError
from generator.labels import CATALOGUE
from generator.readers.outline import load_outline

OUTLINE = """\
title: Port congestion in the Baltic
subtitle: Why waiting times doubled in 2025
date: 2026-03-16
organization: Baltic Ports Institute
series: Policy Brief No. 12
url: https://example.org/briefs/12
how-to-cite: true
language: {language}
authors:
  - {{name: J. Lindqvist, role: Senior analyst}}
  - {{name: A. Berg, role: Ports desk}}
summary: [Waiting times doubled in 2025.]
sections:
  - title: Queues
    content: [Ships waited twice as long.]
"""


def _build(tmp_path: Path, text: str, name: str = "brief") -> Path:
    outline = tmp_path / f"{name}.yaml"
    outline.write_text(text, encoding="utf-8")
    assert main(["build", str(outline), "-o", str(tmp_path / "out"), "-q"]) == 0
    return tmp_path / "out" / name


def _text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def _styles(pdf: Path) -> dict[str, tuple[str, float]]:
    """Return each text drawn on page 1 with the font and size it is drawn in."""
    found: dict[str, tuple[str, float]] = {}

    def visit(text: str, _cm: object, tm: list[float], fonts: dict[str, object] | None, size: float) -> None:
        if text.strip() and fonts is not None:
            font = str(fonts.get("/BaseFont", "")).split("+")[-1]
            found.setdefault(text.strip(), (font, round(size * tm[0], 1)))

    PdfReader(pdf).pages[0].extract_text(visitor_text=visit)
    return found


def test_the_masthead_sets_organization_series_date_and_authors_each_in_its_own_style(tmp_path: Path) -> None:
    out = _build(tmp_path, OUTLINE.format(language="en"))
    text = _text(out.with_suffix(".pdf"))
    assert text.index("BALTIC PORTS INSTITUTE") < text.index("Policy Brief No. 12") < text.index("Port congestion")
    assert "16 March 2026" in text.split("Port congestion")[0]  # the date stands in the masthead, above the title
    assert "J. Lindqvist" in text and "Senior analyst" in text and "Ports desk" in text
    styles = _styles(out.with_suffix(".pdf"))
    parts = ("BALTIC PORTS INSTITUTE", "Policy Brief No. 12", "16 March 2026", "Senior analyst")
    assert len({styles[part] for part in parts}) == len(parts), styles  # four parts, four faces or sizes
    assert styles["Policy Brief No. 12"][0].endswith("Italic")
    assert styles["J. Lindqvist"][0].endswith("Bold") and not styles["Senior analyst"][0].endswith("Bold")
    title_size = styles["Port congestion in the Baltic"][1]
    assert all(styles[part][1] < title_size / 2 for part in parts)
    deck = Presentation(str(out.with_suffix(".pptx")))
    cover = " ".join(shape.text_frame.text for shape in deck.slides[0].shapes if shape.has_text_frame)
    assert "Baltic Ports Institute \u00b7 Policy Brief No. 12" in cover


def test_how_to_cite_is_built_from_the_metadata_and_links_the_url(tmp_path: Path) -> None:
    pdf = _build(tmp_path, OUTLINE.format(language="en")).with_suffix(".pdf")
    text = _text(pdf)
    assert ("How to cite this brief J. Lindqvist, A. Berg, Port congestion in the Baltic (Baltic Ports Institute, "
            "Policy Brief No. 12, 16 March 2026), https://example.org/briefs/12.") in text
    reader = PdfReader(pdf)
    links = [annot.get_object()["/A"]["/URI"] for page in reader.pages for annot in page.get("/Annots", [])
             if annot.get_object().get("/A", {}).get("/URI")]
    assert "https://example.org/briefs/12" in links


@pytest.mark.parametrize("language", sorted(set(CATALOGUE) - {"en", "ar"}))
def test_how_to_cite_speaks_the_outline_language(tmp_path: Path, language: str) -> None:
    labels = CATALOGUE[language]
    text = _text(_build(tmp_path, OUTLINE.format(language=language)).with_suffix(".pdf"))
    assert labels.how_to_cite in text and "How to cite" not in text
    date = labels.long_date(dt.date(2026, 3, 16))
    assert f"Baltic Ports Institute{labels.comma.strip()}" in text.replace(" ", "") or \
        f"Baltic Ports Institute{labels.comma}" in text
    assert date.replace(" ", "") in text.replace(" ", "")
    assert labels.cite_title.format(title="Port congestion in the Baltic") in text  # 『...』 in Japanese


def test_written_wording_wins_and_no_line_without_the_key(tmp_path: Path) -> None:
    own = OUTLINE.format(language="en").replace("how-to-cite: true", "how-to-cite: 'Lindqvist, J. (2026). Ports.'")
    assert "How to cite this brief Lindqvist, J. (2026). Ports." in _text(_build(tmp_path, own, "own")
                                                                           .with_suffix(".pdf"))
    without = OUTLINE.format(language="en").replace("how-to-cite: true\n", "")
    assert "How to cite" not in _text(_build(tmp_path, without, "without").with_suffix(".pdf"))


def test_bad_imprint_values_are_errors_at_their_position(tmp_path: Path) -> None:
    outline = tmp_path / "bad.yaml"
    outline.write_text("title: T\nurl: example.org/brief\nhow-to-cite: [yes]\nseries: [a]\n"
                       "sections: [{title: S, content: [Text.]}]\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_outline(outline)
    problems = [str(p) for p in caught.value.problems]
    assert any(p.startswith(f"{outline}:2:6: url must be a web address") for p in problems), problems
    assert any(p.startswith(f"{outline}:3:14: how-to-cite must be true, false or the citation") for p in problems)
    assert any(p.startswith(f"{outline}:4:9: series must be text") for p in problems), problems


def test_a_right_to_left_masthead_is_mirrored(tmp_path: Path) -> None:
    pdf = _build(tmp_path, "title: خطة سحب القوات\ndate: 2026-04-02\norganization: معهد الدراسات\nlanguage: ar\n"
                           "sections:\n  - title: الخلفية\n    content: [نص قصير.]\n", "rtl").with_suffix(".pdf")
    starts: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], _fonts: object, _size: float) -> None:
        if text.strip():  # Arabic comes out in presentation forms: NFKC gives the letters typed
            starts.setdefault(unicodedata.normalize("NFKC", text.strip()), cm[4] + tm[4])

    PdfReader(pdf).pages[0].extract_text(visitor_text=visit)
    date = next(x for text, x in starts.items() if "2026" in text)
    organization = starts["معهد الدراسات"]  # the masthead's, drawn before the footer's
    assert date < organization and date < 100  # the date at the left margin, the organization on the right
