"""Warm renderers: a process that builds again (watch, the API, a batch worker) imports each renderer once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SAMPLE

CODE = """
import sys
from generator import build
build({sample!r}, {first!r}, force=True)
cold = 'pptx' in sys.modules
build({sample!r}, {second!r}, force=True)
print(cold, 'pptx' in sys.modules)
"""


def test_a_second_build_in_one_process_forks_a_warm_deck_renderer_and_gives_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    code = CODE.format(sample=str(SAMPLE), first=str(first), second=str(second))
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    # the first build leaves python-pptx to its forked child; from the second on the parent holds it,
    # so every child it forks starts with the deck renderer imported
    assert result.stdout.split() == ["False", "True"]
    for name in ("us-troops-korea.pdf", "us-troops-korea.pptx"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
