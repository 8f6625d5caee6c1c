"""Embedded fonts: our fonts write what reportlab's own write, however much of a build they reuse."""

from __future__ import annotations

import io
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from generator.pipeline.build import build
from generator.theme import embedding
from generator.theme.faces import shipped_fonts_dir
from generator.theme.fontcache import load_ttf
from generator.theme.fonts import CJK_FILES
from tests.conftest import ROOT, SAMPLE

FONTS = shipped_fonts_dir()
SANS, SERIF = FONTS / "LiberationSans-Regular.ttf", FONTS / "LiberationSerif-Bold.ttf"
CJK = next((Path(regular) for regular, _, _ in CJK_FILES["zh"] + CJK_FILES["ko"] if Path(regular).is_file()), None)
# ASCII, Latin-1 and beyond, a no-break space, a control character and characters no Latin font has
POOL = "The quick brown fox, 1,234.5%! " + "ÀéîõüçñßØÆœŁódźŻ€–—‘’“”…•" + "\xa0\x07" + "漢字한글かなΩЖ"


def _pdf(font: TTFont, lines: list[str]) -> bytes:
    """Draw ``lines`` in ``font`` and return the PDF.

    The font is put in reportlab's registry for the drawing only: ``registerFont`` keeps the
    first font registered under a name (or with a face's name), and each test draws with two.
    """
    saved = pdfmetrics._fonts.get(font.fontName)
    pdfmetrics._fonts[font.fontName] = font
    try:
        out = io.BytesIO()
        canvas = Canvas(out, invariant=1, pageCompression=1)
        for number, line in enumerate(lines):
            canvas.setFont(font.fontName, 9)
            canvas.drawString(20, 20 + (number % 80) * 9, line)
            if number % 80 == 79:
                canvas.showPage()
        canvas.save()
    finally:
        if saved is None:
            del pdfmetrics._fonts[font.fontName]
        else:
            pdfmetrics._fonts[font.fontName] = saved
    return out.getvalue()


def _lines(seed: int, count: int = 300, alphabet: str = POOL) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40))) for _ in range(count)]


@pytest.fixture
def fresh_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Start with no finished piece cached (and leave the process's cache as it was)."""
    monkeypatch.setattr(embedding, "_FINISHED", type(embedding._FINISHED)())
    monkeypatch.setattr(embedding, "_cached_bytes", 0)


@pytest.mark.parametrize("path", [SANS, SERIF, *([CJK] if CJK else [])], ids=lambda p: p.name)
def test_our_fonts_write_the_pdf_reportlabs_own_write(path: Path, fresh_cache: None) -> None:
    cjk = "".join(chr(code) for code in range(0x4E00, 0x4E00 + 700))  # more than one subset of 256 codes
    for seed, alphabet in ((1, POOL), (2, POOL + cjk)):
        lines = _lines(seed, alphabet=alphabet)
        expected = _pdf(TTFont("EmbeddingTest", str(path)), lines)
        assert _pdf(load_ttf("EmbeddingTest", path), lines) == expected
        assert _pdf(load_ttf("EmbeddingTest", path), lines) == expected  # the subsets from the cache


def test_a_string_of_coded_characters_is_encoded_without_reportlab(monkeypatch: pytest.MonkeyPatch) -> None:
    font, plain, doc = load_ttf("EmbeddingTest", SANS), TTFont("Plain", str(SANS)), Canvas(io.BytesIO())._doc
    plain_doc = Canvas(io.BytesIO())._doc
    for line in _lines(3):
        assert font.splitString(line, doc) == plain.splitString(line, plain_doc)
    monkeypatch.setattr(TTFont, "splitString", lambda *_args: pytest.fail("reportlab's splitString was asked"))
    assert font.splitString("Coded: the quick brown fox", doc) == [(0, b"Coded: the quick brown fox")]


def test_a_rebuild_reuses_the_subsets_and_writes_the_bytes_of_a_fresh_process(
        tmp_path: Path, fresh_cache: None, monkeypatch: pytest.MonkeyPatch) -> None:
    first = build(SAMPLE, tmp_path / "first", only="pdf", force=True).written[0].read_bytes()
    monkeypatch.setattr(embedding.EmbeddedFace, "makeSubset", lambda *_args: pytest.fail("a subset was made again"))
    monkeypatch.setattr(embedding, "_flated", lambda *_args: pytest.fail("a font file or map was compressed again"))
    again = build(SAMPLE, tmp_path / "again", only="pdf", force=True).written[0].read_bytes()
    code = f"from generator import build; build({str(SAMPLE)!r}, {str(tmp_path / 'fresh')!r}, only='pdf', force=True)"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
    assert first == again == (tmp_path / "fresh" / "us-troops-korea.pdf").read_bytes()


def test_two_fonts_with_the_same_file_name_never_share_a_subset(tmp_path: Path, fresh_cache: None) -> None:
    lines = _lines(4)
    expected = []
    for folder, source in (("a", SANS), ("b", SERIF)):
        (tmp_path / folder).mkdir()
        body = shutil.copy(source, tmp_path / folder / "Body.ttf")
        expected.append(_pdf(TTFont("Body", str(body)), lines))
    made = [_pdf(load_ttf("Body", tmp_path / folder / "Body.ttf"), lines) for folder in ("a", "b", "a", "b")]
    assert made == expected * 2
    assert len({key[1] for key in embedding._FINISHED if key[0] in ("font file", "widths")}) == 2


def test_the_subset_cache_is_bounded(fresh_cache: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embedding, "MAX_CACHED_BYTES", 60_000)
    font = load_ttf("EmbeddingTest", SANS)
    for seed in range(12):  # each document's first subset has other characters in another order
        lines = _lines(10 + seed)
        assert _pdf(font, lines) == _pdf(TTFont("EmbeddingTest", str(SANS)), lines)
        assert 0 < embedding.cached_bytes() <= 60_000
    assert embedding.cached_bytes() == sum(len(data) for _, data in embedding._FINISHED.values())
