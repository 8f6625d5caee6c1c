"""Promises under attack: files stay inside their folders, and no input hangs or exhausts memory.

Scaling is measured by counting operations at 1x and 4x the input (a linear build does about
4x the work, a quadratic one about 16x), memory by ``getrusage`` in a child process, with
generous bounds: nothing here depends on how fast the machine is.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PIL import Image as PILImage

from generator.errors import InputError
from generator.pipeline.build import build
from generator.readers.outline import MAX_PARTS, MAX_SECTIONS, load_outline
from generator.theme.load import resolve_theme
from tests import worst_shapes
from tests.conftest import ROOT

SECRET = "hunter2-do-not-print"
HEAD = "title: T\nsections:\n  - title: S\n    content:\n"


def _outline(folder: Path, body: str, name: str = "o.yaml", head: str = HEAD) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(head + body, encoding="utf-8")
    return path


def _problems(path: Path, **kwargs: Any) -> str:
    with pytest.raises(InputError) as caught:
        doc = load_outline(path, **kwargs)
        resolve_theme(doc.theme, path.parent, *[kwargs["allow_outside"]] if kwargs else [])
    return str(caught.value)


# --- 2. Nothing leaks -------------------------------------------------------------------------------------

@pytest.mark.parametrize("reference", ["../secret.yaml", "../secret.txt", "/etc/passwd", "/proc/self/status"])
def test_a_theme_outside_the_outline_folder_is_refused_without_quoting_it(tmp_path: Path, reference: str) -> None:
    for name in ("secret.yaml", "secret.txt"):
        (tmp_path / name).write_text(f"password: {SECRET}\n", encoding="utf-8")
    outline = _outline(tmp_path / "work", "      - hi\n", head=f"title: T\ntheme: {reference}\nsections:\n"
                                                             "  - title: S\n    content:\n")
    message = _problems(outline)
    assert "o.yaml:2:8:" in message
    assert SECRET not in message and "password" not in message and "root:" not in message
    assert "Name:" not in message and "VmRSS" not in message
    if reference == "../secret.yaml":  # --allow-outside lets it in; it is then no theme, and still not quoted
        message = _problems(outline, allow_outside=tmp_path)
        assert "not a theme file" in message and SECRET not in message and "password" not in message


def test_extends_obeys_the_same_containment_and_a_non_theme_is_not_quoted(tmp_path: Path) -> None:
    (tmp_path / "secret.yaml").write_text(f"password: {SECRET}\n", encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    (work / "t.yaml").write_text("extends: ../secret.yaml\n", encoding="utf-8")
    (work / "notes.yaml").write_text(f"password: {SECRET}\ntoken: abc\n", encoding="utf-8")
    (work / "_brand.yml").write_text(f"password: {SECRET}\n", encoding="utf-8")
    for theme in ("t.yaml", "notes.yaml", "_brand.yml"):
        outline = _outline(work, "      - hi\n", head=f"title: T\ntheme: {theme}\nsections:\n"
                                                       "  - title: S\n    content:\n")
        message = _problems(outline)
        assert SECRET not in message and "password" not in message and "token" not in message
    assert "outside" in _problems(_outline(work, "      - hi\n", head="title: T\ntheme: t.yaml\nsections:\n"
                                                                       "  - title: S\n    content:\n"))


def test_an_image_folder_swapped_for_a_symlink_after_loading_does_not_change_the_output(tmp_path: Path) -> None:
    from pypdf import PdfReader

    work, outside = tmp_path / "work", tmp_path / "outside"
    (work / "img").mkdir(parents=True)
    outside.mkdir()
    PILImage.new("RGB", (40, 20), (10, 20, 30)).save(work / "img" / "a.png")
    PILImage.new("RGB", (77, 33), (200, 0, 0)).save(outside / "a.png")
    outline = _outline(work, "      - image: {path: img/a.png, alt: a picture}\n")
    doc = load_outline(outline)
    (work / "img").rename(work / "img-was")
    (work / "img").symlink_to(outside, target_is_directory=True)

    import datetime as dt

    from generator.render.pdf.brief import render_pdf

    out = io.BytesIO()
    render_pdf(doc, resolve_theme(None, work), out, dt.datetime(2000, 1, 1))
    sizes = [(obj.get_object()["/Width"], obj.get_object()["/Height"])
             for page in PdfReader(io.BytesIO(out.getvalue())).pages
             for obj in (page["/Resources"].get("/XObject") or {}).values()
             if obj.get_object()["/Subtype"] == "/Image"]
    assert sizes == [(40, 20)]


def _template_with_links(path: Path) -> Path:
    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    prs = Presentation(str(ROOT / "generator" / "render" / "pptx" / "default-16x9.pptx"))
    layout = prs.slide_layouts[0]
    layout.part.relate_to("javascript:alert(1)", RT.HYPERLINK, is_external=True)
    prs.save(str(path))
    return path


def test_a_template_carrying_a_javascript_link_is_refused_naming_the_template(tmp_path: Path) -> None:
    _template_with_links(tmp_path / "corp.pptx")
    (tmp_path / "t.yaml").write_text("extends: classic\nname: T\ndescription: t\ndeck:\n  template: corp.pptx\n",
                                     encoding="utf-8")
    outline = _outline(tmp_path, "      - hi\n", head="title: T\ntheme: t.yaml\nsections:\n"
                                                      "  - title: S\n    content:\n")
    message = _problems(outline)
    assert "t.yaml:5:13:" in message and "corp.pptx" in message and "javascript:" in message


# --- 3. No hang, no unbounded memory -----------------------------------------------------------------------

def test_choosing_fonts_for_han_text_is_linear(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.theme import fonts

    calls = [0]
    real = fonts._is_kana

    def counting(code: int) -> bool:
        calls[0] += 1
        return real(code)

    monkeypatch.setattr(fonts, "_is_kana", counting)
    getattr(fonts._han_language, "cache_clear", lambda: None)()  # a fresh count whatever ran before
    text = "中" * 2000
    chinese = fonts.cjk_ttf("zh", False) or fonts.CHINESE_CID
    assert {font for _, font in fonts.font_runs(text, "Helvetica")} == {chinese}
    assert calls[0] < 20 * len(text)  # it was len(text) squared: 4,000,000


def _string_widths(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, text: str, block: str) -> int:
    """Return how many widths reportlab measured to set ``text`` as one paragraph of the brief."""
    import reportlab.platypus.paragraph as paragraph

    import generator.render.pdf.para  # noqa: F401 - installs its width cache first, so the count sees every call

    calls = [0]
    real = paragraph.stringWidth

    def counting(*args: Any, **kwargs: Any) -> float:
        calls[0] += 1
        return float(real(*args, **kwargs))

    monkeypatch.setattr(paragraph, "stringWidth", counting)
    outline = _outline(tmp_path / str(len(text)), "      - " + block.format(f'"{text}"') + "\n")
    build(outline, tmp_path / "out", only="pdf", parallel=False)
    monkeypatch.setattr(paragraph, "stringWidth", real)
    return calls[0]


@pytest.mark.parametrize("kind", ["words", "long words", "quote", "callout", "table cell"])
def test_a_text_value_spanning_many_pages_is_set_in_linear_time(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                                  kind: str) -> None:
    def text(n: int) -> str:
        if kind == "long words":
            return " ".join(["a" * 4_000] * (n // 500))  # words that each fill 45 lines
        return " ".join(f"word{i % 89}" + ("." if i % 11 == 0 else "") for i in range(n))

    block = {"quote": "quote: {{text: {}, by: X}}", "callout": "callout: {{title: C, text: {}}}",
             "table cell": "table: {{columns: [A, B], rows: [[{}, '1']]}}"}.get(kind, "{}")
    small, large = (_string_widths(monkeypatch, tmp_path, text(n), block) for n in (2_000, 8_000))
    assert large < 6 * small, (small, large)  # linear: about 4x; re-breaking at every page: about 14x


def test_words_wider_than_the_line_are_measured_once_per_character_kind(monkeypatch: pytest.MonkeyPatch,
                                                                       tmp_path: Path) -> None:
    """reportlab measured a wide word character by character at every page it split: 3 calls a character."""
    text = " ".join(["abcdefghij" * 500] * 40)  # 200,000 characters in words that each fill 60 lines
    calls = _string_widths(monkeypatch, tmp_path, text, "{}")
    assert calls < len(text) / 20, calls
    pdf = tmp_path / "out" / "o.pdf"
    shown = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "".join(line for line in shown.split() if set(line) <= set("abcdefghij")).count("abcdefghij") == 40 * 500


def test_planning_words_wider_than_a_line_measures_each_character_once(monkeypatch: pytest.MonkeyPatch,
                                                                      tmp_path: Path) -> None:
    """The deck wrapped a wide word a character at a time at every size it tried: 20 measurements a character."""
    from generator.deck.plan import plan_deck
    from generator.theme import measure

    calls = [0]
    real = measure._em

    def counting(chunk: str, font_name: str, bold: bool) -> float:
        calls[0] += 1
        return real(chunk, font_name, bold)

    text = " ".join("abcdefghij" * 400 + str(n) for n in range(40))  # 40 different words of 4,000 characters
    doc = load_outline(_outline(tmp_path, f"      - points: [{text}]\n      - {text}\n"))
    theme = resolve_theme(doc.theme, tmp_path)
    monkeypatch.setattr(measure, "_em", counting)
    for cached in (measure._cached_tokens, measure._cached_line_count, measure._chunk_char_ems):
        cached.cache_clear()
    plan, _ = plan_deck(doc, theme)
    assert len(plan.slides) > 10 and calls[0] < 3 * len(text), calls[0]


def _peak_mb(script: str, cwd: Path) -> float:
    """Return the peak memory of a fresh process running ``script``, in MB.

    Read from the process's own VmHWM, not getrusage: Linux starts a child's ru_maxrss at the
    size of the process it was spawned from, here the test runner, however large it has grown.
    """
    code = (f"{script}\nimport re; print(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))")
    result = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=600)
    return int(result.stdout.split()[-1]) / 1024


def test_many_blocks_naming_one_image_decode_it_once(tmp_path: Path) -> None:
    PILImage.new("RGB", (1200, 1200), (200, 30, 30)).save(tmp_path / "big.png")
    _outline(tmp_path, "".join("      - image: {path: big.png, alt: a red square}\n" for _ in range(40)))
    peak = _peak_mb("from generator.pipeline.build import build\n"
                    "build('o.yaml', 'out', only='pdf', parallel=False)", tmp_path)
    assert peak < 250, peak  # each block decoded its own copy: 4.3 MB of pixels twice over, 40 times
    from pypdf import PdfReader

    reader = PdfReader(tmp_path / "out" / "o.pdf")
    shown = [obj.idnum for page in reader.pages for obj in (page["/Resources"].get("/XObject") or {}).values()]
    assert len(shown) >= 20 and len(set(shown)) == 1  # every page shows the picture, stored once


def _bomb(path: Path, part_bytes: int) -> Path:
    source = ROOT / "generator" / "render" / "pptx" / "default-16x9.pptx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in original.infolist():
            bomb.writestr(info, original.read(info))
        bomb.writestr("ppt/media/unused.bin", b"\0" * part_bytes)
    return path


def test_oversized_and_endless_inputs_are_refused_from_stat_and_the_zip_directory(tmp_path: Path) -> None:
    _bomb(tmp_path / "corp.pptx", 50_000_000)  # 50 kB in the file
    (tmp_path / "t.yaml").write_text("extends: classic\nname: T\ndescription: t\ndeck:\n  template: corp.pptx\n",
                                     encoding="utf-8")
    outline = _outline(tmp_path, "      - hi\n", head="title: T\ntheme: t.yaml\nsections:\n"
                                                      "  - title: S\n    content:\n")
    assert "t.yaml:5:13:" in _problems(outline)
    _outline(tmp_path, "      - hi\n", name="plain.yaml")
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "fifo.yaml")
    cli = [sys.executable, "-m", "generator.cli.main"]
    for args in (["build", "/dev/zero"], ["build", "zero.yaml"], ["template-info", "/dev/zero"],
                 ["build", "fifo.yaml", "plain.yaml"]):
        result = subprocess.run(cli + args + (["-o", "out"] if args[0] == "build" else []), cwd=tmp_path,
                                capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert "not a regular file" in result.stderr
    assert (tmp_path / "out" / "plain.pdf").is_file()  # the rest of the batch was built


def test_an_outline_past_the_part_section_or_word_limits_is_refused_at_a_position(tmp_path: Path) -> None:
    many = _outline(tmp_path, "      - points: [" + ",".join(["a"] * (MAX_PARTS + 1)) + "]\n")
    message = _problems(many)
    assert "o.yaml:5:9: sections[0].content[0]" in message and f"{MAX_PARTS:,}" in message
    sections = _outline(tmp_path, "".join(f"  - title: S{i}\n    content: [hi]\n" for i in range(MAX_SECTIONS + 1)),
                        name="s.yaml", head="title: T\nsections:\n")
    assert f"s.yaml:{2 * MAX_SECTIONS + 3}:5: sections[{MAX_SECTIONS}]" in _problems(sections)
    word = _outline(tmp_path, "      - text\n      - " + "x" * 5_001 + "\n", name="w.yaml")
    assert "w.yaml:6:9: sections[0].content[1]: a word of more than 5,000 characters" in _problems(word)


def test_planning_thousands_of_bullets_splits_each_text_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The deck measured 5,000 bullets at every size, and its token cache held 4,096 texts: it re-split them all."""
    from generator.deck.plan import plan_deck
    from generator.theme import measure

    calls = [0]
    real = measure._em

    def counting(chunk: str, font_name: str, bold: bool) -> float:
        calls[0] += 1
        return real(chunk, font_name, bold)

    words = " ".join(f"word{i}" for i in range(40))
    outline = _outline(tmp_path, "      - points:\n" + "".join(f"          - {i} {words}\n" for i in range(4_500)))
    doc = load_outline(outline)
    theme = resolve_theme(doc.theme, tmp_path)
    monkeypatch.setattr(measure, "_em", counting)
    measure._cached_tokens.cache_clear()
    measure._cached_line_count.cache_clear()
    plan, _ = plan_deck(doc, theme)
    tokens = 4_500 * 2 * 41
    assert len(plan.slides) > 100 and calls[0] < 3 * tokens, calls[0]  # was about 20 per token


def test_the_worst_outlines_within_the_limits_build_in_bounded_memory(tmp_path: Path) -> None:
    """Each builds both outputs; the README gives their times (python3 -m tests.worst_case)."""
    from pptx import Presentation
    from pypdf import PdfReader

    for outline in (worst_shapes.long_words(tmp_path), worst_shapes.bullets(tmp_path), worst_shapes.quotes(tmp_path)):
        peak = _peak_mb("import sys\nsys.setrecursionlimit(10_000)\nfrom generator.pipeline.build import build\n"
                        f"build({outline.name!r}, 'out', force=True, parallel=False)", tmp_path)
        assert peak < 250, (outline.name, peak)
        assert len(PdfReader(tmp_path / "out" / f"{outline.stem}.pdf").pages) > 20
        assert len(Presentation(str(tmp_path / "out" / f"{outline.stem}.pptx")).slides) > 20


def test_a_long_brief_frees_each_paragraph_once_drawn(tmp_path: Path) -> None:
    """Memory of the brief grows little with its length: drawn paragraphs are not kept to the end.

    With every laid-out paragraph kept until the PDF was saved, 900 more paragraphs of 75 words
    cost 13.8 MB more at the peak (and the footnotes worst shape 239 MB); now about 4 MB.
    """
    from tests.deck_fixtures import words

    peaks = []
    for count in (300, 1_200):
        body = "".join(f"      - \"{words(75, n)}\"\n" for n in range(count))
        _outline(tmp_path / str(count), body)
        peaks.append(_peak_mb("from generator.pipeline.build import build\n"
                              "build('o.yaml', 'out', only='pdf', parallel=False)", tmp_path / str(count)))
    assert peaks[1] - peaks[0] < 9, peaks
