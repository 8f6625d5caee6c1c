"""Words wider than the line: the brief's fast split gives reportlab's pieces exactly, and prints them as typed."""

from __future__ import annotations

import random

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from generator.render.pdf.wide_words import REPORTLAB_SPLIT_WORD, split_word

ALPHABET = "abcdefghijWMil.,-_/\u0301\u200b\u05d0\u05d1"  # narrow, wide, zero-width and Hebrew characters


@pytest.mark.parametrize("seed", range(4))
def test_split_word_gives_reportlabs_pieces_of_the_same_types(seed: int) -> None:
    rnd = random.Random(seed)
    for _ in range(150):
        word = "".join(rnd.choice(ALPHABET) for _ in range(rnd.choice([1, 5, 90, 700, 3_000])))
        font, size = rnd.choice([("Helvetica", 9.5), ("Helvetica-Bold", 14.0), ("Times-Roman", 3.0)])
        widths = [rnd.choice([2.0, 40.0, 150.5, 320.0]) for _ in range(rnd.randint(1, 4))]
        line = rnd.choice([0.0, 10.0, 0.5 * widths[0], stringWidth("ab", font, size)])
        lineno = rnd.randint(0, 3)
        expected = REPORTLAB_SPLIT_WORD(word, line, widths, lineno, font, size)
        got = split_word(word, line, widths, lineno, font, size)
        assert [(type(piece), str(piece)) for piece in got] == [(type(piece), str(piece)) for piece in expected]
        assert "".join(got) == word
