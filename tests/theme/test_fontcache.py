"""The font cache: a recorded font is the parsed font, and a record is data that cannot run code."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from generator.theme import fontcache
from generator.theme.faces import shipped_fonts_dir
from generator.theme.fontcache import _cache_folder, load_ttf, measure_only

FONT = shipped_fonts_dir() / "LiberationSerif-Italic.ttf"


def _face_values(font: TTFont) -> dict[str, object]:
    values = {k: v for k, v in vars(font.face).items() if k != "_pdfScale"}
    values["scale"] = font.face._pdfScale(1234)
    return values


def _records() -> list[Path]:
    return sorted(_cache_folder().glob("*"))


def test_a_font_from_the_cache_is_the_font_parsed() -> None:
    parsed = TTFont("Parsed", str(FONT))
    first = load_ttf("First", FONT)
    (record,) = _records()
    again = load_ttf("Again", FONT)
    assert again.fontName == "Again" and again.face is not first.face
    assert _face_values(again) == _face_values(parsed)
    assert {k: type(v) for k, v in vars(again.face).items()} == {k: type(v) for k, v in vars(parsed.face).items()}
    assert again.stringWidth("Łódź, naïve — 1,234.5%", 11) == parsed.stringWidth("Łódź, naïve — 1,234.5%", 11)
    assert record.read_bytes().startswith(b"briefdeck font metrics\n")
    assert FONT.read_bytes() not in record.read_bytes()  # the font's bytes are read from the font file


class _Boom:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch pwned",))


@pytest.mark.parametrize("content", [
    b"", b"garbage", b"briefdeck font metrics\n\xff\xff\xff\xff\xff\xff\xff\xff{",
    pickle.dumps(_Boom()),
    b"briefdeck font metrics\n" + (17).to_bytes(8, "little") + b'{"font":1,"face":2}',
    b"briefdeck font metrics\n" + (39).to_bytes(8, "little") + b'{"font":{},"face":{"__class__":"x"}}xx',
])
def test_a_damaged_or_planted_record_is_ignored_and_the_font_parsed(content: bytes, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    load_ttf("First", FONT)
    (record,) = _records()
    record.write_bytes(content)
    monkeypatch.chdir(tmp_path)
    font = load_ttf("Again", FONT)
    assert _face_values(font) == _face_values(TTFont("Parsed", str(FONT)))
    assert not (tmp_path / "pwned").exists()


def test_an_unwritable_cache_still_gives_the_font(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BRIEFDECK_CACHE", str(blocker))
    assert _face_values(load_ttf("Font", FONT)) == _face_values(TTFont("Parsed", str(FONT)))


@pytest.mark.parametrize("recorded", [False, True])
def test_a_face_loaded_only_to_measure_measures_as_the_whole_font_without_its_file(
        recorded: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = TTFont("Parsed", str(FONT))
    if recorded:
        load_ttf("First", FONT)
    monkeypatch.setattr(fontcache, "_keep_files", True)  # put back for the other tests afterwards
    measure_only()
    font = load_ttf("Measuring", FONT)
    assert font.face._ttf_data is None
    assert {k: v for k, v in _face_values(font).items() if k != "_ttf_data"} == {
        k: v for k, v in _face_values(parsed).items() if k != "_ttf_data"}
    for text in ("Łódź, naïve — 1,234.5%", "The U.S. troop withdrawal", "\u4e2d\u6587 ﬁ"):
        assert font.stringWidth(text, 11) == parsed.stringWidth(text, 11)
