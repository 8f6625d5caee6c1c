"""Measure how a rendered brief is typeset: line length, hyphenated line ends, empty pages, split citations,
the measure of running text and the type sizes used.

Stage: test helper; outline files in, PDF bytes and the figures a designer checks out. Used by
``test_typesetting`` and ``test_grid``, and runnable on its own (``python -m tests.render.typeset_measure``)
to print the figures for the sample, the acceptance cases copied into ``typeset_cases`` and the stress
outline (tests/fixtures/stress.yaml) in every built-in theme.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import statistics
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CASES = Path(__file__).resolve().parent / "typeset_cases"
STRESS = ROOT / "tests" / "fixtures" / "stress.yaml"
OUTLINES = (ROOT / "content" / "us-troops-korea.yaml", CASES / "rich.yaml", CASES / "long.yaml",
            CASES / "unicode.yaml", STRESS)
CREATED = dt.datetime(2024, 1, 1)
HYPHEN_END = re.compile(r"\w-$")
# a citation split from what it follows: a line that opens with superscript-like digits then text
WORD = re.compile(r"[^\W\d_]{2,}")
XHTML = "{http://www.w3.org/1999/xhtml}"
# scripts set without spaces or on a square em: a measure of 60-80 characters is a Latin-script rule
SQUARE_SCRIPTS = re.compile(r"[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
INK_HEIGHT = 0.925  # a word's box height in pdftotext, as a share of its size (Liberation Serif 0.91, Sans 0.94)


@dataclass(frozen=True, slots=True)
class Figures:
    median_line_chars: float
    hyphen_share: float
    longest_hyphen_run: int
    largest_empty_share: float  # of any page but the last
    pages: int


def render(outline: Path, theme_name: str) -> bytes:
    """Return the PDF bytes of ``outline`` set in the built-in theme ``theme_name``."""
    from generator.readers.outline import load_outline
    from generator.render.pdf.brief import render_pdf
    from generator.theme.load import resolve_theme

    out = io.BytesIO()
    render_pdf(load_outline(outline), resolve_theme(theme_name), out, CREATED)
    return out.getvalue()


def page_texts(pdf: bytes, layout: bool = True) -> list[str]:
    """Return each page's text as ``pdftotext -layout`` lays it out (else in reading order)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "brief.pdf"
        path.write_bytes(pdf)
        done = subprocess.run(["pdftotext", *(["-layout"] if layout else []), str(path), "-"], capture_output=True,
                              check=True)
    return done.stdout.decode().split("\f")[:-1] or [""]


def body_lines(pdf: bytes) -> list[str]:
    """Return the lines of running text: those with at least six words, cut at wide gaps (columns)."""
    lines = []
    for page in page_texts(pdf):
        for line in page.split("\n"):
            for part in re.split(r"\s{4,}", line.strip()):
                if len(part.split()) >= 6:
                    lines.append(part)
    return lines


def empty_shares(pdf: bytes) -> list[float]:
    """Return, per page, the share of the page's height left blank below its lowest ink.

    The running foot is ignored: ink within the bottom 9% of the page counts as furniture.
    """
    from PIL import Image

    shares = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "brief.pdf"
        path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "30", "-gray", str(path), f"{tmp}/p"], check=True, capture_output=True)
        for png in sorted(Path(tmp).glob("p*.pgm"), key=lambda p: int(re.findall(r"\d+", p.stem)[-1])):
            image = Image.open(png)
            width, height = image.size
            foot = int(height * 0.91)
            top = int(height * 0.07)
            pixels = image.load()
            lowest = top
            for y in range(foot - 1, top, -1):
                if any(pixels[x, y] < 200 for x in range(int(width * 0.05), int(width * 0.95))):
                    lowest = y
                    break
            shares.append((foot - lowest) / (foot - top))
    return shares


def split_citations(pdf: bytes) -> list[str]:
    """Return line pairs where a line opens with a citation mark ("[3]", ",3") torn from the word before."""
    found = []
    for page in page_texts(pdf):
        for line in page.split("\n"):
            for part in re.split(r"\s{4,}", line.strip()):
                if re.match(r"^(\[\d+[\],]|,\d+\b|\d+\]|\d+(,\d+)*\s*$)", part) and len(part.split()) > 1:
                    found.append(part)
    return found


def word_boxes(pdf: bytes) -> ET.Element:
    """Return ``pdftotext -bbox-layout``'s XHTML tree of the PDF: pages, blocks, lines and word boxes."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "brief.pdf"
        path.write_bytes(pdf)
        done = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, check=True)
    return ET.fromstring(done.stdout)


def running_lines(pdf: bytes, body_pt: float) -> list[str]:
    """Return the full lines of running text: set at ``body_pt``, and not the last line of their paragraph.

    The measure is what a wrapped line holds, so a paragraph's short last line does not count; nor
    do lines of Chinese, Japanese or Korean, whose good measure is counted differently. Sizes come
    from ``pdftotext -bbox-layout``'s word boxes (the median of the line's words, so a superscript
    citation does not change it), paragraphs from its blocks.
    """
    import statistics as stats

    found = []
    for block in word_boxes(pdf).iter(f"{XHTML}block"):
        for line in list(block.iter(f"{XHTML}line"))[:-1]:
            words = list(line.iter(f"{XHTML}word"))
            height = stats.median(float(w.get("yMax", 0)) - float(w.get("yMin", 0)) for w in words)
            text = " ".join(w.text or "" for w in words)
            if abs(height / INK_HEIGHT - body_pt) <= body_pt * 0.04 and not SQUARE_SCRIPTS.search(text):
                found.append(text)
    return found


def _scale(matrix: list[float]) -> float:
    return float((matrix[0] ** 2 + matrix[1] ** 2) ** 0.5)


def _times(m: list[float], n: list[float]) -> list[float]:
    """Return the PDF matrix product ``m`` x ``n`` (both as [a b c d e f])."""
    return [m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2],
            m[2] * n[1] + m[3] * n[3], m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]]


def shown_text(pdf: bytes) -> list[tuple[float, bool, str]]:
    """Return every text the PDF shows, in order: (size on the page in points, raised, text).

    Read from the content streams (``Tf`` size, ``Tm`` and ``cm`` scale, ``q``/``Q``), so a
    chart drawn smaller counts at the size it prints; raised text (``Ts``) is superscript.
    """
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    shown: list[tuple[float, bool, str]] = []
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        ctm, stack = [1.0, 0, 0, 1.0, 0, 0], []
        size = rise = 0.0
        text_matrix = [1.0, 0, 0, 1.0, 0, 0]
        for args, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"q":
                stack.append(ctm)
            elif op == b"Q" and stack:
                ctm = stack.pop()
            elif op == b"cm":
                ctm = _times([float(a) for a in args], ctm)
            elif op == b"BT":
                text_matrix = [1.0, 0, 0, 1.0, 0, 0]
            elif op == b"Tm":
                text_matrix = [float(a) for a in args]
            elif op == b"Tf":
                size = float(args[1])
            elif op == b"Ts":
                rise = float(args[0])
            elif op in (b"Tj", b"'", b'"', b"TJ"):
                parts = args[-1] if op == b"TJ" else [args[-1]]
                text = "".join(str(part) for part in parts if not isinstance(part, (int, float)))
                shown.append((round(size * _scale(_times(text_matrix, ctm)), 1), bool(rise), text))
    return shown


def type_sizes(pdf: bytes) -> dict[float, int]:
    """Return the sizes (points, to 0.1) text is set in, with how many characters each sets.

    Superscripts (citation numbers) do not count: they are a size of the text they follow, not a
    size of the type scale.
    """
    sizes: dict[float, int] = {}
    for size, raised, text in shown_text(pdf):
        if text.strip() and not raised:
            sizes[size] = sizes.get(size, 0) + len(text.strip())
    return sizes


def size_of(pdf: bytes, words: str) -> float:
    """Return the size of the first text shown that is ``words`` and nothing else, else 0 (a stat value)."""
    return next((size for size, _, text in shown_text(pdf) if text.strip() == words), 0.0)


def _squeezed(text: str) -> str:
    """Return ``text`` as lower-case words of letters and digits, a word broken by a hyphen joined again."""
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def headings_of(outline: Path) -> list[str]:
    """Return the texts a page must not end on: section titles, key messages, subheadings, end-matter headings."""
    from generator import model
    from generator.labels import labels_for
    from generator.readers.outline import load_outline

    doc = load_outline(outline)
    labels = labels_for(doc.language)
    found = [labels.notes, labels.footnotes]
    for section in doc.sections:
        if section.brief_skip:
            continue
        found += [section.title.plain, *([section.key.plain] if section.key else [])]
        found += [block.text.plain for block in section.content if isinstance(block, model.Subheading)]
    return found


def stranded_headings(pdf: bytes, headings: list[str]) -> list[tuple[int, str]]:
    """Return (page number, line) for every page but the last whose last line of text is (the end of) a heading."""
    pages = page_texts(pdf)
    squeezed = [_squeezed(heading) for heading in headings]
    found = []
    for number, page in enumerate(pages[:-1], start=1):
        lines = [line.strip() for line in page.split("\n") if line.strip()]
        body = [line for line in lines if not re.search(rf"\b{number}\D+{len(pages)}\s*$", line)]
        last = _squeezed(body[-1]) if body else ""
        if last and any(heading.endswith(last) for heading in squeezed):
            found.append((number, body[-1]))
    return found


def exhibit_marks(outline: Path) -> list[tuple[str, str]]:
    """Return (block origin, text only that exhibit prints) for every exhibit of the brief, in outline order."""
    from generator import model
    from generator.labels import labels_for
    from generator.readers.outline import load_outline
    from generator.render.pdf.exhibits import exhibit_labels

    doc = load_outline(outline)
    numbers = exhibit_labels(doc, labels_for(doc.language))
    marks = []
    for section in doc.sections:
        if section.brief_skip:
            continue
        for block in section.content:
            if isinstance(block, model.Chart | model.Image | model.Table):
                caption = getattr(block, "caption", None) or getattr(block, "title", None) or ""
                text = caption.plain if isinstance(caption, model.RichText) else caption
                marks.append((block.origin, f"{numbers[block.origin]} {text}"))
            elif isinstance(block, model.Figures):
                marks.append((block.origin, block.items[0].label.plain))
            elif isinstance(block, model.Quote):
                marks.append((block.origin, " ".join([*block.text.plain.split()[-6:], block.by or ""])))
            elif isinstance(block, model.Callout):
                title = block.title.plain if block.title else ""
                marks.append((block.origin, " ".join([title, *block.text.plain.split()[:6]])))
    return marks


def exhibit_places(pdf: bytes, marks: list[tuple[str, str]]) -> list[list[int]]:
    """Return, per exhibit mark, every place in the brief's text where it is printed (a split table's
    repeated caption, marked "(continued)", does not count)."""
    text = _squeezed("\n".join(page_texts(pdf, layout=False)))
    continued = re.compile(r"\s*continued\b")
    places = []
    for _, mark in marks:
        wanted = _squeezed(mark)
        found, start = [], text.find(wanted)
        while start >= 0:
            if not continued.match(text, start + len(wanted)):
                found.append(start)
            start = text.find(wanted, start + 1)
        places.append(found)
    return places


def measure(pdf: bytes) -> Figures:
    lines = body_lines(pdf)
    ends = [bool(HYPHEN_END.search(line)) for line in lines]
    run = longest = 0
    for hyphenated in ends:
        run = run + 1 if hyphenated else 0
        longest = max(longest, run)
    shares = empty_shares(pdf)
    return Figures(
        median_line_chars=statistics.median(len(line) for line in lines) if lines else 0.0,
        hyphen_share=sum(ends) / len(ends) if ends else 0.0,
        longest_hyphen_run=longest,
        largest_empty_share=max(shares[:-1], default=0.0),
        pages=len(shares),
    )


def main() -> None:
    from generator.theme.load import builtin_theme_names, resolve_theme

    for outline in OUTLINES:
        for theme in builtin_theme_names():
            pdf = render(outline, theme)
            f = measure(pdf)
            full = [len(line) for line in running_lines(pdf, resolve_theme(theme).brief.body_pt)]
            measured = f"{statistics.median(full):5.1f} ({len(full):3} lines)" if full else "    -            "
            places = exhibit_places(pdf, exhibit_marks(outline))
            in_order = all(len(p) == 1 for p in places) and [p[0] for p in places] == sorted(p[0] for p in places)
            stranded = len(stranded_headings(pdf, headings_of(outline)))
            print(f"{outline.stem:16} {theme:8} pages={f.pages:2} median={f.median_line_chars:5.1f} "
                  f"measure={measured} sizes={len(type_sizes(pdf))} "
                  f"hyph={f.hyphen_share:5.1%} run={f.longest_hyphen_run} empty={f.largest_empty_share:4.0%} "
                  f"split-cites={len(split_citations(pdf))} stranded={stranded} "
                  f"exhibits={'in order' if in_order else places}")


if __name__ == "__main__":
    main()
