"""``briefdeck preview``: thumbnails and contact sheets, or a clear word about what is missing."""

from __future__ import annotations

import shutil

import pytest

from generator.cli.main import main
from tests.conftest import SAMPLE


def test_preview_writes_thumbnails_and_contact_sheets(tmp_path, capsys):
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler's pdftoppm is not installed")
    assert main(["preview", str(SAMPLE), "-o", str(tmp_path)]) == 0
    folder = tmp_path / "us-troops-korea-preview"
    pages = sorted(folder.glob("us-troops-korea-page-*.png"))
    assert len(pages) >= 2 and (folder / "us-troops-korea-pages.png").is_file()
    if shutil.which("soffice") or shutil.which("libreoffice"):
        assert len(list(folder.glob("us-troops-korea-slide-*.png"))) >= 6
        assert (folder / "us-troops-korea-slides.png").is_file()


def test_preview_says_which_program_is_missing(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert main(["preview", str(SAMPLE), "-o", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "`pdftoppm` is not installed" in err and "poppler" in err
