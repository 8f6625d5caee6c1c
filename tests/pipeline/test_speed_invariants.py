"""What the speed work must not change: the bytes, the words' break points, what each path imports.

The deck is rendered in a process forked before the outline is read, slides are made from
per-layout skeletons and written out as soon as they are finished, and hyphenation reads
pyphen's patterns lazily; none of that may show in the output. Timing itself is measured by
``tests/benchmark.py``, not here.
"""

from __future__ import annotations

import dataclasses
import importlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyphen
import pytest

from generator.errors import InputError
from generator.pipeline.build import build
from generator.render.pdf.hyphen import Dictionary
from tests.conftest import ROOT

SAMPLE = ROOT / "content" / "us-troops-korea.yaml"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def _outputs(folder: Path, stem: str) -> dict[str, bytes]:
    return {suffix: (folder / f"{stem}.{suffix}").read_bytes() for suffix in ("pdf", "pptx")}


def test_parallel_and_sequential_builds_give_the_same_bytes(tmp_path: Path) -> None:
    build(SAMPLE, tmp_path / "parallel", parallel=True)
    build(SAMPLE, tmp_path / "sequential", parallel=False)
    build(SAMPLE, tmp_path / "again", parallel=True)
    sequential = _outputs(tmp_path / "sequential", SAMPLE.stem)
    assert _outputs(tmp_path / "parallel", SAMPLE.stem) == sequential
    assert _outputs(tmp_path / "again", SAMPLE.stem) == sequential



def test_a_fresh_deck_process_measuring_without_font_files_draws_the_same_deck(tmp_path: Path) -> None:
    """A new command's deck process loads its faces without their files; an in-process deck, with them."""
    for folder, only in (("forked", ()), ("alone", ("--only", "pptx"))):
        subprocess.run([sys.executable, "-m", "generator", "build", str(SAMPLE), "-o", str(tmp_path / folder),
                        "-q", *only], cwd=ROOT, check=True)
    deck = f"{SAMPLE.stem}.pptx"
    assert (tmp_path / "forked" / deck).read_bytes() == (tmp_path / "alone" / deck).read_bytes()

def test_a_long_deck_is_the_same_whichever_way_it_is_built(tmp_path: Path) -> None:
    from tests.benchmark import scaled

    outline = scaled(12, tmp_path)
    build(outline, tmp_path / "parallel", parallel=True)
    build(outline, tmp_path / "sequential", parallel=False)
    assert _outputs(tmp_path / "parallel", outline.stem) == _outputs(tmp_path / "sequential", outline.stem)


@pytest.mark.skipif(not DEJAVU.is_file(), reason="DejaVu fonts are not installed (.ci/run installs fonts-dejavu-core)")
def test_a_forked_deck_process_registers_the_theme_fonts_itself(tmp_path: Path) -> None:
    # A fresh process: this one may have registered the font already, which would hide the bug.
    shutil.copy(DEJAVU, tmp_path / "Body.ttf")
    theme = tmp_path / "house.yaml"
    theme.write_text("extends: classic\nfonts:\n  body: {files: {regular: Body.ttf}, deck: DejaVu Serif}\n")
    results = {}
    for parallel in (True, False):
        out = tmp_path / f"out-{parallel}"
        code = (f"from generator.pipeline.build import build; "
                f"build({str(SAMPLE)!r}, {str(out)!r}, theme={str(theme)!r}, "
                f"parallel={parallel})")
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True)
        results[parallel] = _outputs(out, SAMPLE.stem)
    assert results[True] == results[False]


def test_a_bad_outline_is_reported_the_same_with_a_deck_process_waiting(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: Bad\nsections:\n  - title: A\n    content: [{figures: 3}]\n")
    messages = []
    for parallel in (True, False):
        with pytest.raises(InputError) as caught:
            build(bad, tmp_path / "out", parallel=parallel)
        messages.append(str(caught.value))
    assert messages[0] == messages[1]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("only", "absent"), [
    ("pdf", ("pptx", "xlsxwriter", "urllib.request", "lxml.etree", "concurrent.futures", "secrets")),
    ("pptx", ("reportlab.platypus", "reportlab.pdfgen", "pyphen", "xlsxwriter")),
])
def test_one_output_imports_only_what_it_needs(tmp_path: Path, only: str, absent: tuple[str, ...]) -> None:
    code = (f"import sys; from generator.pipeline.build import build; build({str(SAMPLE)!r}, {str(tmp_path)!r}, "
            f"only={only!r}); print(' '.join(sorted(sys.modules)))")
    loaded = set(subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True,
                                text=True).stdout.split())
    assert not loaded & set(absent), f"--only {only} imported {sorted(loaded & set(absent))}"


# What every cold build imports before its deck's process starts, and what that process imports first.
RECORD_MODULES = ("generator.model", "generator.errors", "generator.labels", "generator.charts",
                  "generator.theme.model", "generator.theme.template", "generator.theme.measure",
                  "generator.pipeline.build", "generator.pipeline.many", "generator.deck.model",
                  "generator.deck.layout", "generator.deck.flow", "generator.deck.text")


@pytest.mark.parametrize("name", RECORD_MODULES)
def test_the_records_a_cold_build_imports_are_made_without_compiling_code(name: str) -> None:
    """A dataclass compiles its methods when its module is imported: some 0.5 ms a class, each cold build."""
    module = importlib.import_module(name)
    compiled = [value.__name__ for value in vars(module).values()
                if isinstance(value, type) and value.__module__ == name and dataclasses.is_dataclass(value)]
    assert not compiled, f"{name} defines dataclasses {compiled}; make them msgspec Structs"


def _words() -> set[str]:
    text = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "content").glob("*.yaml"))
    return set(re.findall(r"\w+", text)) | {"Donaudampfschifffahrtsgesellschaft", "anticonstitutionnellement",
                                           "hyphenation", "ÉCOLE", "Straße", "asszonyság", "ccommodation", "x", ""}


def test_lazy_hyphenation_breaks_words_exactly_where_pyphen_does() -> None:
    words = _words()
    for language in sorted({path.name[5:-4] for path in pyphen.LANGUAGES.values()}):
        ours, theirs = Dictionary(language, 2, 3), pyphen.Pyphen(lang=language, left=2, right=3)
        for word in words:
            assert list(ours.iterate(word)) == list(theirs.iterate(word)), (language, word)



def test_a_dictionary_read_from_its_record_breaks_words_as_pyphen_does(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFDECK_CACHE", str(tmp_path))
    words = _words()
    for language in ("en_US", "de_DE", "fr", "ru_RU", "hu_HU"):
        Dictionary(language, 2, 3)  # reads the file, writes the record (a standard dictionary's)
        ours, theirs = Dictionary(language, 2, 3), pyphen.Pyphen(lang=language, left=2, right=3)
        for word in words:
            assert list(ours.iterate(word)) == list(theirs.iterate(word)), (language, word)
    records = list((tmp_path / "hyphenation").iterdir())
    assert len(records) == 4  # Hungarian has non-standard breaks: left to pyphen, never recorded
    for record in records:
        record.write_bytes(b"odd\nnumber\nof lines")  # not a sound record: the file is read again
    again, theirs = Dictionary("en_US", 2, 3), pyphen.Pyphen(lang="en_US", left=2, right=3)
    assert list(again.iterate("hyphenation")) == list(theirs.iterate("hyphenation")) != []

def test_finished_slides_keep_their_text_and_let_their_trees_go(tmp_path: Path) -> None:
    import io

    from generator.deck.plan import plan_deck
    from generator.pipeline.build import document_time
    from generator.readers.outline import load_outline
    from generator.render.pptx import deck as renderer
    from generator.theme.load import resolve_theme

    doc = load_outline(SAMPLE)
    theme = resolve_theme(doc.theme, SAMPLE.parent)
    plan, _ = plan_deck(doc, theme)
    makers = []
    original = renderer.SlideMaker

    def keep(*args: object) -> object:
        maker = original(*args)
        makers.append(maker)
        return maker

    renderer.SlideMaker = keep  # type: ignore[assignment,misc]
    try:
        renderer.render_pptx(plan, theme, io.BytesIO(), document_time(doc))
    finally:
        renderer.SlideMaker = original  # type: ignore[misc]
    (maker,) = makers
    slides = [blob for blob in maker.written.values() if b"<p:sld " in blob[:300]]
    assert len(slides) == len(plan.slides)
    # once the deck is written its parts are emptied too (``release``), so read what a part holds directly
    assert all(vars(part).get("_element") is None for part in maker.written), "a finished slide still holds its XML"


def test_wide_characters_are_counted_as_the_whole_class_counts_them() -> None:
    from generator.render.pdf import table_widths

    whole = re.compile(table_widths._WIDE)
    edges = [0x41, 0x10FF, 0x1100, 0x115F, 0x1160, 0x2014, 0x2E7F, 0x2E80, 0xA4CF, 0xA4D0, 0xAC00, 0xD7A3, 0xD7A4,
             0xF900, 0xFF60, 0xFFE6, 0xFFE7, 0x1FFFF, 0x20000, 0x3FFFD, 0x3FFFE, 0x10FFFF]
    texts = ["", "Troops 28,500", "한국 주둔 미군", "ᄀ—x", "東京", "𠀀 and 𰀀", "ＡＢ", *map(chr, edges),
             *("".join(chr(code) for code in edges[i:i + 3]) for i in range(len(edges)))]
    for text in texts:
        assert table_widths._wide_count(text) == len(whole.findall(text)), text


def test_reportlab_s_deferred_patterns_answer_as_compiled_ones() -> None:
    code = ("import re, generator.pipeline.build as build\n"
            "build._import_shared()  # what a build imports before its renderer: never platypus itself\n"
            "import generator.render.pdf.brief, reportlab.platypus.paragraph as p, reportlab.lib.textsplit as t\n"
            "from generator.render.pdf.patterns import Deferred\n"
            "assert isinstance(p.uri_pat, Deferred) and isinstance(t.rx, Deferred), 'another reportlab?'\n"
            "real = re.compile(p.uri_pat.source, re.I)\n"
            "for s in ['word', 'https://example.org/a/b', 'HTTP://LOCALHOST:8080', 'ftp://user@1.2.3.4/x',\n"
            "          'example.org', 'a://b', '://', '', 'http://[::1]/', 'mailto:x@example.org']:\n"
            "    mine, theirs = p.uri_pat.match(s), real.match(s)\n"
            "    assert (mine and (mine.span(), mine.groups())) == (theirs and (theirs.span(), theirs.groups())), s\n"
            "cjk = re.compile(t.rx.source, re.UNICODE)\n"
            "assert t.rx.sub(r'\\1\\0 ', 'ab\u4e2d') == cjk.sub(r'\\1\\0 ', 'ab\u4e2d') != 'ab\u4e2d'\n")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
