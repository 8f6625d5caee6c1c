"""Fonts that travel: every font of a brief is embedded, and every character reaches poppler's text.

Checked with poppler (``pdffonts``, ``pdftotext``) rather than pypdf, which extracts text even
from a font that lacks the glyph and so cannot see a character drawn as an empty box.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator.pipeline.build import build
from generator.theme import fonts
from generator.theme.load import builtin_theme_names

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLE = ROOT / "content" / "us-troops-korea.yaml"
needs_poppler = pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
needs_cjk = pytest.mark.skipif(any(fonts.cjk_ttf(lang, False) is None for lang in ("zh", "ja", "ko")),
                               reason="TrueType CJK fonts (fonts-nanum, fonts-ipaexfont-gothic, "
                                      "fonts-wqy-zenhei) not installed")
CHINESE, JAPANESE, KOREAN = "驻韩美军说明", "在日米軍の再編", "주한미군 감축"
GREEK, POLISH = "Ελληνικά κείμενα", "Łódź i Kraków"


def pdf_fonts(pdf: Path) -> dict[str, bool]:
    """Return each font of ``pdf`` (subset prefix dropped) and whether it is embedded, as pdffonts says."""
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
    found = {}
    for line in lines[2:]:
        name, *_, emb, _sub, _uni, _obj, _gen = line.split()
        found[name.split("+")[-1]] = emb == "yes"
    return found


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def mixed_outline(tmp_path: Path, language: str) -> Path:
    outline = tmp_path / f"mixed-{language}.yaml"
    outline.write_text(
        f"title: Mixed {language}\nlanguage: {language}\nsections:\n  - title: Scripts\n    content:\n"
        f"      - '{CHINESE}'\n      - '{JAPANESE}'\n      - '{KOREAN} **{KOREAN}**'\n"
        f"      - '{GREEK}, {POLISH}'\n", encoding="utf-8")
    return outline


@needs_poppler
@pytest.mark.parametrize("theme", builtin_theme_names())
def test_every_font_of_the_sample_is_embedded_in_every_builtin_theme(tmp_path: Path, theme: str) -> None:
    result = build(SAMPLE, tmp_path, only="pdf", theme=theme)
    found = pdf_fonts(result.written[0])
    assert found and all(found.values()), found
    assert not any(name.startswith(("Helvetica", "Times", "Courier")) for name in found)


@needs_poppler
@needs_cjk
@pytest.mark.parametrize("language", ["zh", "ja", "ko"])
def test_a_mixed_cjk_greek_polish_outline_embeds_every_font_and_poppler_reads_every_character(
        tmp_path: Path, language: str) -> None:
    result = build(mixed_outline(tmp_path, language), tmp_path / "out", only="pdf")
    pdf = result.written[0]
    found = pdf_fonts(pdf)
    assert all(found.values()), found
    assert not set(found) & fonts.CID_FONTS
    text = pdf_text(pdf)
    for typed in (CHINESE, JAPANESE, KOREAN, GREEK, POLISH):
        assert typed in text, (typed, language)
    assert not result.warnings, result.warnings


@needs_poppler
@needs_cjk
def test_korean_bold_text_uses_a_bold_face(tmp_path: Path) -> None:
    pdf = build(mixed_outline(tmp_path, "ko"), tmp_path / "out", only="pdf").written[0]
    korean = [name for name in pdf_fonts(pdf) if "Nanum" in name]
    assert any("Bold" in name for name in korean) and any("Bold" not in name for name in korean), korean


@needs_poppler
def test_a_polish_word_and_greek_in_a_serif_body_each_stay_in_one_font(tmp_path: Path) -> None:
    assert fonts.font_runs("Łódź", "LiberationSerif-Regular") == [("Łódź", "LiberationSerif-Regular")]
    dejavu_serif = fonts.fallback_font(False, serif=True)
    if dejavu_serif is not None:  # a font lacking Greek: the serif fallback sets the whole word
        assert fonts.font_runs("Ελληνικά", "Times-Roman") == [("Ελληνικά", dejavu_serif)]


def test_without_truetype_cjk_fonts_the_build_warns_once_naming_the_packages(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "CJK_FILES", {"ko": (), "ja": (), "zh": ()})
    fonts.cjk_ttf.cache_clear()
    try:
        result = build(mixed_outline(tmp_path, "ko"), tmp_path / "out", only="pdf")
    finally:
        fonts.cjk_ttf.cache_clear()
    cjk = [w for w in result.warnings if "fonts-nanum" in w.message]
    assert len(cjk) == 1 and "not embedded" in cjk[0].message
