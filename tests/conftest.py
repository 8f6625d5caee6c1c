"""Shared fixtures: paths to the project's sample and helpers that write outlines."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "us-troops-korea.yaml"


@pytest.fixture
def write_outline(tmp_path: Path):
    """Return a function that writes YAML text to an outline file in a fresh folder."""

    def write(text: str, name: str = "outline.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(autouse=True)
def _own_build_records(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Give each test its own record of up-to-date outputs, so no test skips a build another made."""
    monkeypatch.setenv("BRIEFDECK_CACHE", str(tmp_path_factory.mktemp("records")))
