"""The fuzz campaign's generators and judge (``tests.fuzz_campaign``), run briefly in the suite.

The long campaign is ``python3 -m tests.fuzz --count N``; here each generator writes and builds
one case, and the judge is shown to catch what it must (a mixed pair, debris, a lone output).
"""

from __future__ import annotations

import random

import pytest

from tests.fuzz_campaign import (
    BUILDS,
    GENERATORS,
    OLD_PDF,
    OLD_PPTX,
    _builds,
    _messages_located,
    _pairs,
    case_bound_s,
    generator_named,
    judge,
)


@pytest.mark.parametrize("kind", sorted(GENERATORS))
def test_a_few_cases_of_every_generator_behave(tmp_path, monkeypatch, kind):
    monkeypatch.setenv("BRIEFDECK_CACHE", str(tmp_path / "cache"))
    make = generator_named(kind)
    verdicts = [judge(make(tmp_path, random.Random(f"{kind}:suite:{number}")), tmp_path) for number in range(1)]
    assert set(verdicts) <= {"built", "rejected"}, verdicts


def test_the_judge_catches_mixed_pairs_lone_outputs_and_debris(tmp_path):
    (tmp_path / "a.pdf").write_bytes(OLD_PDF)
    (tmp_path / "a.pptx").write_bytes(OLD_PPTX)
    assert _pairs(tmp_path, ["a"], 1) is None
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4 new")
    assert _pairs(tmp_path, ["a"], 1) == "mixed pair: one output new, the other old"
    (tmp_path / "a.pdf").unlink()
    assert _pairs(tmp_path, ["a"], 1) == "lone output: one file of a pair without the other"
    (tmp_path / "a.pdf").write_bytes(OLD_PDF)
    (tmp_path / ".a.pptx.3f9a2c.part").write_bytes(b"")
    assert (_pairs(tmp_path, ["a"], 1) or "").startswith("debris")


def test_a_family_is_held_to_the_bound_once_per_row(tmp_path):
    """The README bounds each build; seed 92's case 52, 199 rows of 6 s each, was judged as one build."""
    case = generator_named("data")(tmp_path, random.Random("data:92:52"))
    assert case.names is None and case.builds == 199
    assert _builds(tmp_path) == 1  # until the child has written what its case builds
    (tmp_path / BUILDS).write_text(str(case.builds))
    assert case_bound_s(20.0, _builds(tmp_path)) == 20.0 * 199
    assert case_bound_s(20.0, generator_named("mutate")(tmp_path, random.Random("mutate:1:1")).builds) == 20.0


def test_only_located_messages_pass(tmp_path):
    assert _messages_located(f"{tmp_path}/o.yaml:3:7: unknown key `x`\n{tmp_path}/o.yaml: cannot write\n") is None
    assert _messages_located("Traceback (most recent call last):\n") is not None
    assert _messages_located("internal error\n") == "internal error"
    crash = f"{tmp_path}/o.yaml: internal error (ValueError: x); please report it"
    assert _messages_located(crash + "\n") == crash  # located, but a crash all the same


@pytest.mark.parametrize("kind, seed", [
    ("data", "data:77:30"),  # 1.7e308 beside -3 in a data file overflowed the chart's value axis
    ("markdown", "markdown:78:215"),  # a 5,018-character `### ` subheading: a reportlab LayoutError
    ("templates", "templates:78:1187"),  # a square 142 cm template left the title slide's authors no room
    ("data", "data:90:581"),  # a data cell holding a line break split its message over two lines
    ("long", "long:91:299"),  # a table cell of hangul, thought half its height, could not be placed: LayoutError
])
def test_the_cases_the_campaign_found_now_behave(tmp_path, monkeypatch, kind, seed):
    """Found by ``python3 -m tests.fuzz`` on 2026-12-02; each was an internal error before its fix."""
    monkeypatch.setenv("BRIEFDECK_CACHE", str(tmp_path / "cache"))
    assert judge(generator_named(kind)(tmp_path, random.Random(seed)), tmp_path) in {"built", "rejected"}
