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


def drawn_modes(pdf: Path) -> list[tuple[str, str, set[int]]]:
    """Return every text drawn on page 1 with its font's name and the text render modes it is drawn in.

    pypdf hands text over when a line or font ends, so each text gets the modes of the show
    operators (Tj, TJ) since the text before it.
    """
    from pypdf import PdfReader

    mode = [0]
    shown: list[int] = []
    drawn: list[tuple[str, str, set[int]]] = []

    def operator(op: bytes, args: list[object], _cm: object, _tm: object) -> None:
        if op == b"Tr":
            mode[0] = int(str(args[0]))
        elif op in (b"Tj", b"TJ"):
            shown.append(mode[0])

    def text(chunk: str, _cm: object, _tm: object, font: dict[str, object] | None, _size: float) -> None:
        if chunk.strip() and font is not None:
            drawn.append((chunk.strip(), str(font.get("/BaseFont", "")).split("+")[-1], set(shown)))
        shown.clear()

    PdfReader(pdf).pages[0].extract_text(visitor_operand_before=operator, visitor_text=text)
    return drawn


@needs_poppler
@needs_cjk
@pytest.mark.parametrize(("language", "bold", "regular"), [
    ("ko", "미국은 병력을 철수할 계획이다.", "한국은 이해를 표명했다."),
    ("ja", "米国は兵力を撤退させる計画だ。", "韓国は理解を示した。"),
    ("zh", "美国计划撤出约四千五百名士兵。", "韩国表示理解。"),
])
def test_cjk_bold_text_is_set_bold_embedded_and_extractable(tmp_path: Path, language: str, bold: str,
                                                            regular: str) -> None:
    """Korean takes Nanum Gothic's real bold; Japanese and Chinese, which Debian ships with no TrueType
    bold, are emboldened: filled and stroked (text render mode 2) in the regular face."""
    outline = tmp_path / f"{language}.yaml"
    outline.write_text(f"title: '{regular}'\nlanguage: {language}\nsections:\n  - title: '{regular}'\n"
                       f"    content:\n      - '**{bold}** {regular}'\n", encoding="utf-8")
    pdf = build(outline, tmp_path / "out", only="pdf").written[0]
    found = pdf_fonts(pdf)
    assert found and all(found.values()), found
    text = " ".join(pdf_text(pdf).split())
    assert f"{bold} {regular}" in text
    drawn = {chunk: (font, mode) for chunk, font, mode in drawn_modes(pdf)}
    bold_font, bold_mode = drawn[bold]
    regular_font, regular_mode = drawn[regular]
    assert regular_mode == {0} and not regular_font.endswith("Bold")
    if language == "ko":
        assert bold_font == "NanumGothicBold" and bold_mode == {0}
    else:  # the same embedded face, stroked as well as filled; one font in the PDF for both weights
        assert bold_font == regular_font and bold_mode == {2}
        assert sum(1 for name in found if name == regular_font) == 1


@needs_poppler
@pytest.mark.parametrize("theme", builtin_theme_names())
def test_greek_and_polish_are_set_in_the_theme_faces_with_no_fallback_font(tmp_path: Path, theme: str) -> None:
    outline = tmp_path / "scripts.yaml"
    outline.write_text(f"title: '{POLISH}'\nsections:\n  - title: '{GREEK}'\n    content:\n"
                       f"      - '{GREEK}, {POLISH} **{POLISH}** *{GREEK}*'\n", encoding="utf-8")
    pdf = build(outline, tmp_path / "out", only="pdf", theme=theme).written[0]
    found = pdf_fonts(pdf)
    assert found and all(found.values()) and all(name.startswith("Liberation") for name in found), found
    text = pdf_text(pdf)
    assert GREEK in text and POLISH in text
    words = {chunk: font for chunk, font, _ in drawn_modes(pdf)}
    assert all(font.startswith("Liberation") for chunk, font in words.items() if "Ł" in chunk or "λ" in chunk)
