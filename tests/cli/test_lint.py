"""``briefdeck lint``: each kind of editorial advice, with its line, and the exit codes."""

from __future__ import annotations

from generator.cli.main import main

LINTY = """\
title: Linty
summary: [one, two, three, four, five, six]
sections:
  - title: A
    content:
      - points:
          - {words}
      - quote: {{text: Unattributed.}}
      - figures:
          - {{value: "1", label: unsourced}}
      - image: {{path: pic.png, alt: image}}
  - title: Long
    content:
      - points: [{many}]
sources:
  - {{id: lonely, title: Never cited}}
"""


def test_every_kind_of_advice_is_given_with_its_line(write_outline, capsys):
    from PIL import Image

    path = write_outline(LINTY.format(words=" ".join(["word"] * 40),
                                      many=", ".join(f"Point {i} with several words in it" for i in range(60))))
    Image.new("RGB", (10, 10)).save(path.parent / "pic.png")
    assert main(["lint", str(path)]) == 0
    out = capsys.readouterr().out
    expected = {2: "summary has 6 points", 7: "bullet of 40 words", 8: "quote without", 10: "figure '1' has no",
                11: "alt text 'image'", 12: "needs", 16: "never cited"}
    for line, words in expected.items():
        assert any(row.startswith(f"{path}:{line}:1: ") and words in row for row in out.splitlines()), (line, out)
    assert main(["lint", "--strict", str(path)]) == 1


def test_the_sample_has_no_findings(capsys):
    from tests.conftest import SAMPLE

    assert main(["lint", "--strict", str(SAMPLE)]) == 0
    assert capsys.readouterr().out == ""
