"""Property-based build tests: generated outlines always build, and every word they hold comes out.

The default run tries a few examples so the suite stays fast; a long campaign is
``BRIEFDECK_FUZZ_EXAMPLES=2000 python3 -m pytest tests/test_properties.py``.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.pipeline.build import build

EXAMPLES = int(os.environ.get("BRIEFDECK_FUZZ_EXAMPLES", "8"))
SCRIPTS = {
    "latin": "abcdefghijklmnopqrstuvwxyzéüßçø",
    "greek": "αβγδεζηθικλμνξοπρστυφχψω",
    "cyrillic": "абвгдежзийклмнопрстуфхцчшщ",
    "korean": "한국어감축주미군안보문제",
    "japanese": "日本語のテキストです",
    "chinese": "中文文本测试数据",
    "symbols": "<>&\"'%$#+=/",
}
word = st.sampled_from(sorted(SCRIPTS)).flatmap(
    lambda script: st.text(alphabet=SCRIPTS[script], min_size=1, max_size=12))
sentence = st.lists(word, min_size=1, max_size=14).map(" ".join)
point = st.one_of(sentence, st.builds(lambda lead, text: {lead: text}, word, sentence),
                  st.builds(lambda text, kids: {"text": text, "points": kids}, sentence,
                            st.lists(sentence, min_size=1, max_size=3)))
block = st.one_of(
    sentence,
    st.builds(lambda items: {"points": items}, st.lists(point, min_size=1, max_size=25)),
    st.builds(lambda text, by: {"quote": {"text": text, "by": by}}, sentence, word),
    st.builds(lambda figs: {"figures": [{"value": v, "label": label} for v, label in figs]},
              st.lists(st.tuples(word, sentence), min_size=1, max_size=6)),
    st.builds(lambda title, text: {"callout": {"title": title, "text": text}}, word, sentence),
    st.builds(lambda cols, rows: {"table": {"columns": cols, "rows": [r[: len(cols)] + [""] * (len(cols) - len(r))
                                                                      for r in rows]}},
              st.lists(word, min_size=1, max_size=4), st.lists(st.lists(word, max_size=4), max_size=30)),
)
section = st.builds(lambda title, key, content: {"title": title, "key": key, "content": content},
                    sentence, st.one_of(st.none(), sentence), st.lists(block, max_size=6))
outline = st.builds(lambda title, summary, sections: {"title": title, "summary": summary, "sections": sections},
                    sentence, st.lists(sentence, max_size=6), st.lists(section, min_size=1, max_size=4))


# the brief prints typographic quotes for straight ones (issue 13): fold them back to compare words
QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'", "\u2019": "'", "\u201a": "'"})


def _squash(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold().translate(QUOTES)
    return re.sub(r"[\s\-\u00ad]+", "", text)


STRUCTURE = {"title", "key", "content", "points", "quote", "text", "by", "figures", "value", "label", "callout",
             "table", "columns", "rows", "summary", "sections"}


def _words(value: object) -> list[str]:
    """Return the words of the outline's text: its values, and the keys that are bullet lead-ins."""
    if isinstance(value, str):
        return value.split()
    if isinstance(value, dict):
        leads = [k for k in value if len(value) == 1 and k not in STRUCTURE]
        return [w for k in leads for w in _words(k)] + [w for v in value.values() for w in _words(v)]
    if isinstance(value, list):
        return [w for item in value for w in _words(item)]
    return []


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _deck_text(path: Path) -> str:
    from pptx import Presentation

    texts = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(texts)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                       HealthCheck.function_scoped_fixture])
@given(outline)
def test_generated_outlines_build_and_keep_every_word(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("prop")
    path = folder / "o.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = build(path, folder / "out")
    pdf, pptx = sorted(result.written)
    pdf_hay, deck_hay = _squash(_pdf_text(pdf)), _squash(_deck_text(pptx))
    words = {w for w in _words(data)}
    assert not [w for w in words if _squash(w) not in pdf_hay]
    assert not [w for w in words if _squash(w) not in deck_hay]
