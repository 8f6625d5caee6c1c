"""The ``markdown`` generator of the fuzz campaign: a random seed in, a hostile Markdown outline out.

Stage: a test tool feeding ``tests.fuzz_campaign``, for ``readers.markdown``. A quarter of the cases
mutate the Markdown sample (``content/us-troops-korea.md``) with ``tests.fuzz``'s mutations and
Markdown's own syntax; the others are written from pieces: front matter (missing, unclosed,
not a mapping, holding ``sections``), headings of every level and of nothing, paragraphs,
nested and numbered lists, lead-ins, block quotes with attributions, pipe tables (ragged, of
one column, with escaped pipes), images, fenced blocks of every kind (broken YAML inside,
unclosed fences, unknown infos, ``section`` fences out of place), HTML, code, rules, and long
or odd text (huge words, control and bidi characters, inline markup left open).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from tests.fuzz import mutate
from tests.fuzz_campaign import Case
from tests.fuzz_values import Rng

SAMPLE = Path(__file__).resolve().parent.parent / "content" / "us-troops-korea.md"
WORDS = ["Ships", "waited", "twice", "as", "long", "in", "March", "02134", "12:30", "é", "港口", "한국", "ميناء"]
ODD = ["**open bold", "*", "_x_", "`code`", "<b>html</b>", "&amp;", "\\*", "[@nope]", "[@port]", "[x](javascript:y)",
       "[x](https://example.org)", "![alt](photo.png)", "[^note]", "\u200b", "\u202e", "\ufeff", "\x01", "\\",
       "x" * 5001, "y" * 4999, "## not a heading", "|", "---", "```", "~~~", "<!-- c -->", ":", "Lead: text",
       "— Anna", "&#0;", "&#xD800;", "&#x1F680;", "\t", "    indented"]
FENCES = {
    "chart": "type: column\ncategories: [Jan, Feb]\nseries: [{name: Days, values: [1, 2]}]",
    "figures": "- {value: \"3.4\", label: days}",
    "callout": "title: Note\ntext: Provisional.",
    "table": "columns: [A, B]\nrows: [[a, b]]\ncaption: A table",
    "quote": "text: We lost a fortnight.\nby: Anna",
    "points": "- one\n- two",
    "image": "path: photo.png\nalt: A photo",
    "section": "key: Waits doubled",
}
BAD_FENCE_BODIES = ["", "[", "{a: 1", "- - - -", "type: pie\ncategories: [a]\nseries: [{values: [-1]}]", "&a [*a, *a]",
                    "!!python/object:os.system x", "nope: 1", "key: [x]", "deck: {skip: maybe}", "\t- tab"]


def _text(rng: Rng, words: int = 8) -> str:
    parts = [rng.choice(WORDS) for _ in range(rng.randint(1, words))]
    if rng.hostile():
        parts.insert(rng.randrange(len(parts) + 1), rng.choice(ODD))
    return " ".join(parts)


def _front(rng: Rng) -> str:
    if rng.hostile():
        return rng.choice(["", "---\ntitle: Unclosed\n", "---\n- a list\n---\n", "---\n---\n",
                           "---\ntitle: T\nsections: []\n---\n", "---\ntitle: [T]\n---\n", "---\ntitle: T\n...\n",
                           "---\n\ttitle: tab\n---\n", "# Heading title\n", "---\ntitle: T\ndate: 2021-02-30\n---\n",
                           "---\ntitle: T\ntheme: ../x.yaml\n---\n", "\ufeff---\ntitle: BOM\n---\n"])
    sources = "sources:\n  - {id: port, title: Port statistics}\n"
    return f"---\ntitle: {json.dumps(_text(rng))}\ndate: 2026-03-16\n{sources}---\n"


def _list(rng: Rng, depth: int) -> str:
    marker = rng.choice(["-", "*", "+", "1."])
    lines = []
    for _ in range(rng.choice([1, 3, 60]) if rng.hostile() else rng.randint(1, 4)):
        lines.append("  " * depth + f"{marker} {rng.choice(['**Lead:** ', 'Lead: ', ''])}{_text(rng)}")
        if depth < (4 if rng.hostile() else 1) and rng.random() < 0.3:
            lines.append(_list(rng, depth + 1))
    return "\n".join(lines)


def _table(rng: Rng) -> str:
    width = rng.choice([1, 2, 13]) if rng.hostile() else rng.randint(2, 4)
    rows = ["| " + " | ".join(_text(rng, 2).replace("|", "\\|") for _ in range(width)) + " |",
            "|" + "---|" * width]
    for _ in range(rng.randint(0, 4)):
        cells = width + (rng.choice([-1, 1]) if rng.hostile() else 0)
        rows.append("| " + " | ".join(_text(rng, 3).replace("|", "\\|") for _ in range(max(1, cells))) + " |")
    return "\n".join(rows)


def _fence(rng: Rng) -> str:
    info = rng.choice(sorted(FENCES)) if not rng.hostile() else rng.choice([*FENCES, "python", "", "yaml", "CHART"])
    body = FENCES.get(info, "x = 1") if not rng.hostile() else rng.choice(BAD_FENCE_BODIES + list(FENCES.values()))
    close = "```" if not (rng.hostile() and rng.random() < 0.2) else ""
    return f"```{info}\n{body}\n{close}"


def _block(rng: Rng) -> str:
    kind = rng.randrange(9)
    if kind == 0:
        return _list(rng, 0)
    if kind == 1:
        return "> " + _text(rng) + ("\n>\n> — Anna Berg, Harbour master [@port]" if rng.random() < 0.5 else "")
    if kind == 2:
        return _table(rng)
    if kind == 3:
        return _fence(rng)
    if kind == 4:
        return f"### {_text(rng, 4)}"
    if kind == 5:
        path = rng.choice(["missing.png", "../x.png"]) if rng.hostile() else "photo.png"
        return f"![{_text(rng, 3)}]({path} \"caption\")"
    if kind == 6 and rng.hostile():
        return rng.choice(["#### Deep", "---", "    code block", "<div>html</div>", "***", "Setext\n===",
                           "[ref]: https://example.org", "- [ ] task", "1) paren list", "Term\n: definition"])
    return "\n".join(_text(rng, 14) for _ in range(rng.randint(1, 3)))


def _written(rng: Rng) -> str:
    parts = [_front(rng)]
    if rng.hostile() and rng.random() < 0.2:
        parts.append(_text(rng))  # text before the first section
    for _ in range(rng.randint(1, 4)):
        heading = "## " + (_text(rng, 5) if not (rng.hostile() and rng.random() < 0.1) else rng.choice(["", " ", "#"]))
        parts.append(heading)
        if rng.random() < 0.3:
            parts.append(_fence(rng) if rng.hostile() else "```section\nkey: " + _text(rng) + "\n```")
        parts += [_block(rng) for _ in range(rng.randint(0 if rng.hostile() else 1, 5))]
    return "\n\n".join(parts) + "\n"


def _photo(folder: Path) -> None:
    if not (folder / "photo.png").exists():
        from PIL import Image

        Image.effect_noise((60, 40), 40).convert("RGB").save(folder / "photo.png")


def write_case(folder: Path, seed_rng: random.Random) -> Case:
    """Write a hostile Markdown outline (and the picture it may name) into ``folder``."""
    rng = Rng(seed_rng.getrandbits(64))
    rng.rate = rng.choice([0.0, 0.05, 0.1, 0.3])
    _photo(folder)
    outline = folder / rng.choice(["try.md", "try.md", "try.markdown"])
    for stale in ("try.md", "try.markdown"):
        (folder / stale).unlink(missing_ok=True)
    if rng.random() < 0.25:
        text = SAMPLE.read_text(encoding="utf-8")
        for _ in range(rng.randint(1, 3)):
            text = mutate(text, rng)
            if rng.random() < 0.5:
                lines = text.splitlines(keepends=True)
                at = rng.randrange(len(lines) + 1)
                text = "".join(lines[:at]) + _block(rng) + "\n" + "".join(lines[at:])
    else:
        text = _written(rng)
    outline.write_text(text, encoding="utf-8", errors="surrogatepass")
    return Case([str(outline)], ["try"])
