"""The ``long`` generator of the fuzz campaign: a random seed in, an outline of long values and huge numbers out.

Stage: a test tool feeding ``tests.fuzz_campaign``. Sizes are drawn around the documented limits
(a word of 5,000 characters, 5,000 parts, 1,000 sections, 400-character titles) and below them on
a scale that keeps most cases quick: huge words (Latin, Han, digits, with soft hyphens), long
paragraphs, quotes and callouts, many bullets, sections, table rows and figures, long titles and
captions. Chart, figure and table numbers reach a double's edges and past them: ``1.7e308``,
``1e-300``, 400- and 5,000-digit integers, NaN and infinity in every spelling, negative and
all-zero pies, a pie of ``[1e17, 1]``, the ±1e15 and 1e-9 limits themselves.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from tests.fuzz_values import Rng

EXTREME = ["1.7e308", "-1.7e308", "1.8e308", "1e-300", "-1e-300", "4.9e-324", "9" * 400, "-" + "9" * 400, "9" * 5000,
           "1" + "0" * 4999, "nan", "NaN", ".nan", ".NaN", "inf", "-inf", ".inf", "-.inf", "Infinity", "-Infinity",
           "'nan'", "'inf'", "1e15", "-1e15", "1.0000001e15", "1e16", "1e-9", "9.9e-10", "-1e-9", "0", "-0", "0.0",
           "1e17", "0x1F", "1_000", "'12%'", "'1,234'", "1e", "--1", "+.5", "5e-1", "'\u0661\u0662'", "null", "true"]
PLAIN = ["12", "3.4", "-2", "0", "150", "7.25", "1200", "99.9"]
SCALES = [1, 1, 1, 2, 5, 10, 10, 30, 100, 300, 1000]


def _scale(rng: Rng) -> int:
    return rng.choice(SCALES) if rng.hostile() else rng.choice([1, 1, 2, 3])


def _word(rng: Rng) -> str:
    size = rng.choice([40, 400, 2000, 4999, 5000, 5001, 12000]) if rng.hostile() else rng.randint(2, 12)
    alphabet = rng.choice(["x", "港口等待时间", "0123456789", "é\u00ad", "ab\u200b", "한국어"])
    return (alphabet * (size // len(alphabet) + 1))[:size]


def _paragraph(rng: Rng) -> str:
    words = ["Ships", "waited", "longer", "in", "March,", "and", "berths", "closed."]
    count = rng.choice([50, 500, 2000, 8000]) if rng.hostile() and rng.random() < 0.3 else rng.randint(5, 60)
    text = " ".join(rng.choice(words) for _ in range(count))
    if rng.hostile() and rng.random() < 0.3:
        at = rng.randrange(len(text) + 1)
        text = text[:at] + " " + _word(rng) + " " + text[at:]
    return text


def number(rng: Rng) -> str:
    return rng.choice(EXTREME) if rng.hostile() else rng.choice(PLAIN)


def _chart(rng: Rng) -> str:
    kind = rng.choice(["bar", "column", "line", "pie", "stacked-bar"])
    count = rng.choice([1, 2, 20, 21, 30, 60, 120, 121]) if rng.hostile() and rng.random() < 0.3 else rng.randint(2, 6)
    categories = json.dumps([f"c{i}" if not rng.hostile() else _word(rng)[:rng.choice([5, 400, 401])]
                             for i in range(count)])
    values = []
    for _ in range(1 if kind == "pie" else rng.randint(1, 3)):
        row = [number(rng) for _ in range(count)]
        if kind == "pie" and rng.hostile():
            row = rng.choice([["-" + v for v in PLAIN[:count]] + ["1"] * (count - len(PLAIN)), ["0"] * count,
                              (["1e17", "1"] + ["1"] * count)[:count], row])
        values.append("{name: s, values: [" + ", ".join(row) + "]}")
    unit = f", unit: {json.dumps(_word(rng)[:rng.choice([3, 400, 401])])}" if rng.random() < 0.1 else ""
    return f"chart: {{type: {kind}, categories: {categories}, series: [{', '.join(values)}]{unit}}}"


def _table(rng: Rng) -> str:
    width = rng.randint(1, 4) if not rng.hostile() else rng.choice([1, 3, 12])
    rows = rng.randint(1, 8) * _scale(rng)
    cells = [[(number(rng) if rng.random() < 0.5 else _word(rng)) for _ in range(width)]
             for _ in range(min(rows, 1500))]
    return f"table: {{columns: {json.dumps([f'k{i}' for i in range(width)])}, rows: {json.dumps(cells)}}}"


def _points(rng: Rng) -> str:
    count = rng.randint(1, 6) * _scale(rng)
    items = [rng.choice(["x", _word(rng), _paragraph(rng)[:200]]) for _ in range(min(count, 5100))]
    if rng.random() < 0.2:
        items = [{"text": item, "points": ["sub " + _word(rng)]} for item in items[:50]] + items[50:]
    return f"points: {json.dumps(items, ensure_ascii=False)}"


def _figures(rng: Rng) -> str:
    count = rng.choice([1, 3, 6, 12, 40]) if rng.hostile() else rng.randint(1, 4)
    items = [{"value": number(rng) if rng.random() < 0.6 else _word(rng)[:rng.choice([5, 40, 41])],
              "label": _paragraph(rng)[: rng.choice([20, 300, 301, 2000])]} for _ in range(count)]
    return f"figures: {json.dumps(items, ensure_ascii=False)}"


BLOCKS = [_chart, _table, _points, _figures, lambda rng: json.dumps(_paragraph(rng), ensure_ascii=False),
          lambda rng: f"quote: {json.dumps({'text': _paragraph(rng), 'by': _word(rng)[:60]}, ensure_ascii=False)}",
          lambda rng: f"callout: {json.dumps({'title': _word(rng)[:80], 'text': _paragraph(rng)}, ensure_ascii=False)}",
          lambda rng: f"heading: {json.dumps(_word(rng)[: rng.choice([10, 400, 401])], ensure_ascii=False)}"]


def long_outline(rng: Rng) -> str:
    title = _word(rng)[: rng.choice([10, 100, 400, 401])] if rng.hostile() else "Waiting times at ports"
    lines = [f"title: {json.dumps(title, ensure_ascii=False)}",
             f"summary: {json.dumps([_paragraph(rng)[:300] for _ in range(rng.randint(0, 3) * _scale(rng))][:60])}"]
    sections = rng.choice([1, 2, 50, 300, 1000, 1001]) if rng.hostile() and rng.random() < 0.1 else rng.randint(1, 3)
    lines.append("sections:")
    for index in range(sections):
        title = f"Section {index}" if sections > 3 or not rng.hostile() else _word(rng)
        lines.append(f"  - title: {json.dumps(title)}")
        if sections > 3:
            lines.append("    content: [x]")
            continue
        lines.append("    content:")
        lines += [f"      - {rng.choice(BLOCKS)(rng)}" for _ in range(rng.randint(1, 4))]
    return "\n".join(lines) + "\n"


def write_try(folder: Path, seed_rng: random.Random) -> Path:
    """Write an outline of long values and extreme numbers into ``folder``; return its path."""
    rng = Rng(seed_rng.getrandbits(64))
    rng.rate = rng.choice([0.0, 0.02, 0.05, 0.1, 0.3])
    outline = folder / "try.yaml"
    outline.write_text(long_outline(rng), encoding="utf-8")
    return outline
