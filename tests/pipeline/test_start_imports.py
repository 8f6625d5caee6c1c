"""What the start of a plain build must not pay for: readers and patterns only other inputs need.

A build of one outline (no data rows, no mistakes in it) runs the command line, the
orchestration and the outline reader; the data-row reader (csv), difflib (used only to name
the closest key in a message) and the long-word pattern (compiled only for a text long enough
to hold such a word) stay out of it. Timing itself is measured by ``tests/benchmark.py``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.errors import InputError
from generator.readers.outline import load_outline
from tests.conftest import ROOT

SAMPLE = ROOT / "content" / "us-troops-korea.yaml"


def test_a_plain_build_leaves_out_what_only_other_inputs_need(tmp_path: Path) -> None:
    code = ("import sys; from generator.cli.main import main; "
            f"sys.argv = ['briefdeck', 'build', {str(SAMPLE)!r}, '-o', {str(tmp_path)!r}, '-q']; status = main(); "
            "from generator.readers.blocks import _long_word; "
            "print(status, _long_word.cache_info().currsize, ' '.join(sorted(sys.modules)))")
    status, compiled, *loaded = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True,
                                               capture_output=True, text=True).stdout.split()
    assert (status, compiled) == ("0", "0")
    assert not set(loaded) & {"csv", "difflib", "generator.readers.rows"}
    assert (tmp_path / "us-troops-korea.pdf").is_file() and (tmp_path / "us-troops-korea.pptx").is_file()


def test_the_long_word_limit_and_the_closest_key_still_hold(tmp_path: Path) -> None:
    outline = tmp_path / "words.yaml"
    outline.write_text("title: Words\nsections:\n  - title: A\n    contnet: [x]\n    content:\n"
                       f"      - {'w' * 5_001}\n      - {'w' * 5_000}\n", encoding="utf-8")
    try:
        load_outline(outline)
    except InputError as exc:
        message = str(exc)
    else:
        raise AssertionError("the outline was accepted")
    assert "did you mean `content`?" in message
    assert message.count("a word of more than 5,000 characters") == 1
