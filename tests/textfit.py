"""Does every text of a deck fit its frame, by the metrics of the typeface the deck names?

The project's own text-fit check, used by the deck tests (a deck in, a list of problems out).
It reads the deck as PowerPoint would: each run's typeface, size, weight and slant come from
the run, else its paragraph's defaults, the shape's list style, the placeholder's layout and
master placeholders, the master's text styles (or, for text boxes, the presentation's
default text style), with ``+mj-lt``/``+mn-lt`` resolved through the theme part's font
scheme. Words are wrapped greedily into the frame's width less its insets with the advance
widths of that typeface's TrueType file (or a metric-compatible stand-in: Carlito for
Calibri, Liberation for Arial, Helvetica, Times New Roman and Courier New; DejaVu for glyphs
the face lacks), line pitch is the paragraph's exact spacing or its percentage of the font's
own line height, and the height is compared with the frame's. Table rows grow with their
text, so a table fails when its grown rows run past the slide's bottom. Autofit is never
credited. Usage: ``python -m tests.textfit DECK.pptx``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.presentation import Presentation as PptxPresentation
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
EMU_PT = 12700
DEFAULT_SIZE_PT = 18.0  # DrawingML's size when nothing names one
TOLERANCE = 1.02  # renderers round line positions; 2% of a frame is under a point for most frames
STAND_INS = {"calibri": "Carlito", "cambria": "Caladea", "arial": "Liberation Sans", "helvetica": "Liberation Sans",
             "times new roman": "Liberation Serif", "times": "Liberation Serif", "courier new": "Liberation Mono",
             "courier": "Liberation Mono"}
FONT_DIRS = (Path("/usr/share/fonts/truetype/liberation"), Path("/usr/share/fonts/truetype/liberation2"),
             Path("/usr/share/fonts/truetype/crosextra"), Path("/usr/share/fonts/truetype/dejavu"))
DEBIAN_FILES = {"liberation sans": "LiberationSans", "liberation serif": "LiberationSerif",
                "liberation mono": "LiberationMono", "carlito": "Carlito", "dejavu sans": "DejaVuSans"}
STYLE_SUFFIX = {(False, False): ("-Regular", ""), (True, False): ("-Bold",), (False, True): ("-Italic", "-Oblique"),
                (True, True): ("-BoldItalic", "-BoldOblique")}
TITLE_TYPES, BODY_TYPES = ("title", "ctrTitle"), ("body", "obj", "subTitle", "tbl", "chart", "dgm", "media", "clipArt")


def _font_file(family: str, bold: bool, italic: bool) -> Path:
    """Return the TrueType file drawing ``family`` (or its stand-in) in one style; DejaVu Sans as a last resort."""
    wanted = STAND_INS.get(family.casefold(), family)
    for name in (wanted, "DejaVu Sans"):
        stem = DEBIAN_FILES.get(name.casefold())
        if stem:
            for folder in FONT_DIRS:
                for suffix in STYLE_SUFFIX[bold, italic]:
                    if (folder / f"{stem}{suffix}.ttf").is_file():
                        return folder / f"{stem}{suffix}.ttf"
        if shutil.which("fc-match"):
            style = ":".join(s for s, on in (("bold", bold), ("italic", italic)) if on)
            found = subprocess.run(["fc-match", "-f", "%{file}\n%{family}", f"{name}:{style}" if style else name],
                                   capture_output=True, text=True, check=False).stdout.split("\n")
            if found[0].endswith(".ttf") and name.casefold() in found[-1].casefold():
                return Path(found[0])
    raise FileNotFoundError(f"no TrueType file for {family!r}: install fonts-liberation and fonts-crosextra-carlito")


@dataclass(frozen=True, slots=True)
class Face:
    """One style of a typeface: its reportlab name, glyph map and line height in em."""

    name: str
    glyphs: frozenset[int]
    line_em: float


@cache
def face(family: str, bold: bool, italic: bool) -> Face:
    path = _font_file(family, bold, italic)
    name = f"textfit-{path.stem}"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    font = pdfmetrics.getFont(name).face
    return Face(name, frozenset(font.charToGlyph), max(1.2, (font.ascent - font.descent) / 1000))


@cache
def char_em(char: str, family: str, bold: bool, italic: bool) -> float:
    """Return a character's advance in em, from the first face that has it."""
    if unicodedata.combining(char) or unicodedata.category(char) == "Cf":
        return 0.0
    for candidate in (face(family, bold, italic), face("DejaVu Sans", bold, False)):
        if ord(char) in candidate.glyphs:
            return float(pdfmetrics.stringWidth(char, candidate.name, 1.0))
    return 1.0 if unicodedata.east_asian_width(char) in "WF" else 0.6


@dataclass(frozen=True, slots=True)
class Styled:
    """A character with what measures it."""

    char: str
    family: str
    size_pt: float
    bold: bool
    italic: bool

    @property
    def width_pt(self) -> float:
        return char_em(self.char, self.family, self.bold, self.italic) * self.size_pt


class Cascade:
    """The property elements a paragraph inherits from, most specific first, and the theme's fonts."""

    def __init__(self, levels: list[etree._Element | None], fonts: dict[str, str]) -> None:
        self.levels = [level for level in levels if level is not None]
        self.fonts = fonts

    def para(self, ppr: etree._Element | None) -> list[etree._Element]:
        return ([ppr] if ppr is not None else []) + self.levels

    def run(self, rpr: etree._Element | None, ppr: etree._Element | None) -> Styled:
        chain = ([rpr] if rpr is not None else []) + [level.find(A + "defRPr") for level in self.para(ppr)]
        chain = [element for element in chain if element is not None]

        def first(attribute: str) -> str | None:
            return next((e.get(attribute) for e in chain if e.get(attribute) is not None), None)

        latin = next((e.find(A + "latin").get("typeface") for e in chain if e.find(A + "latin") is not None), "+mn-lt")
        family = self.fonts.get(latin, latin) if latin.startswith("+") else latin
        size = first("sz")
        return Styled("", family, int(size) / 100 if size else DEFAULT_SIZE_PT, first("b") in ("1", "true"),
                      first("i") in ("1", "true"))


def _theme_fonts(prs: PptxPresentation) -> dict[str, str]:
    theme = etree.fromstring(prs.slide_masters[0].part.part_related_by(RT.THEME).blob)
    scheme = theme.find(f"{A}themeElements/{A}fontScheme")
    return {"+mj-lt": scheme.find(f"{A}majorFont/{A}latin").get("typeface"),
            "+mn-lt": scheme.find(f"{A}minorFont/{A}latin").get("typeface")}


def _level(container: etree._Element | None, lvl: int) -> etree._Element | None:
    return None if container is None else container.find(f"{A}lvl{lvl + 1}pPr")


def _cascade(shape: object, prs: PptxPresentation, lvl: int, fonts: dict[str, str]) -> Cascade:
    """Return what a paragraph at ``lvl`` of ``shape`` inherits from, by PowerPoint's order."""
    levels: list[etree._Element | None] = []
    element = shape._element  # type: ignore[attr-defined]
    levels.append(_level(element.find(f"{P}txBody/{A}lstStyle"), lvl))
    if getattr(shape, "is_placeholder", False):
        kind = element.find(f"{P}nvSpPr/{P}nvPr/{P}ph").get("type", "obj")
        base = shape._base_placeholder  # type: ignore[attr-defined]  # the layout's
        while base is not None:
            levels.append(_level(base._element.find(f"{P}txBody/{A}lstStyle"), lvl))
            base = getattr(base, "_base_placeholder", None)
        styles = shape.part.slide_layout.slide_master._element.find(P + "txStyles")  # type: ignore[attr-defined]
        which = "titleStyle" if kind in TITLE_TYPES else "bodyStyle" if kind in BODY_TYPES else "otherStyle"
        levels.append(_level(styles.find(P + which), lvl))
    else:
        levels.append(_level(prs.part._element.find(P + "defaultTextStyle"), lvl))
    return Cascade(levels, fonts)


def _points(chain: list[etree._Element], tag: str, size_pt: float, line_em: float) -> float | None:
    for ppr in chain:
        spacing = ppr.find(A + tag)
        if spacing is not None:
            pts, pct = spacing.find(A + "spcPts"), spacing.find(A + "spcPct")
            if pts is not None:
                return int(pts.get("val")) / 100
            if pct is not None:
                return line_em * size_pt * int(pct.get("val").rstrip("%")) / 100000
    return None


def _wrap(chars: list[Styled], width_pt: float) -> list[float]:
    """Greedy word wrap; return each line's largest font size. Words wider than a line break anywhere."""
    lines: list[float] = []
    line_w, line_size, gap = 0.0, 0.0, 0.0
    words = re.finditer(r"\s+|\S+", "".join(c.char for c in chars))
    for match in words:
        group = chars[match.start():match.end()]
        w = sum(c.width_pt for c in group)
        if match.group().isspace():
            gap += w if line_w else 0.0
            continue
        if line_w and line_w + gap + w > width_pt:
            lines.append(line_size)
            line_w, line_size, gap = 0.0, 0.0, 0.0
        for piece in group if w > width_pt else [None]:
            cw = w if piece is None else piece.width_pt
            if piece is not None and line_w and line_w + cw > width_pt:
                lines.append(line_size)
                line_w, line_size, gap = 0.0, 0.0, 0.0
            line_w, gap = line_w + gap + cw, 0.0
            line_size = max(line_size, *(c.size_pt for c in ([piece] if piece else group)))
    if line_w or not lines:
        lines.append(line_size)
    return lines


def text_height(body: etree._Element, width_pt: float, cascade_at: object, nowrap: bool = False) -> tuple[float, float]:
    """Return the height ``body``'s paragraphs need in ``width_pt`` and their widest line (nowrap only)."""
    total, widest = 0.0, 0.0
    for index, p in enumerate(body.findall(A + "p")):
        ppr = p.find(A + "pPr")
        cascade: Cascade = cascade_at(int(ppr.get("lvl", "0")) if ppr is not None else 0)  # type: ignore[operator]
        chain = cascade.para(ppr)
        lines: list[list[Styled]] = [[]]
        for child in p:
            if child.tag == A + "br":
                lines.append([])
            elif child.tag in (A + "r", A + "fld"):
                style = cascade.run(child.find(A + "rPr"), ppr)
                text = child.findtext(A + "t") or ""
                lines[-1] += [Styled(c, style.family, style.size_pt, style.bold, style.italic) for c in text]
        end = cascade.run(p.find(A + "endParaRPr"), ppr)
        margin = next((int(e.get("marL")) / EMU_PT for e in chain if e.get("marL") is not None), 0.0)
        sizes: list[float] = []
        for line in lines:
            if nowrap and line:
                widest = max(widest, margin + sum(c.width_pt for c in line))
            sizes += [s or end.size_pt for s in _wrap(line, float("inf") if nowrap else width_pt - margin)] \
                if line else [end.size_pt]
        line_em = face(end.family, end.bold, end.italic).line_em
        for size in sizes:
            exact = _points(chain, "lnSpc", size, line_em)
            total += exact if exact is not None else line_em * size
        for tag in ("spcBef", "spcAft") if index else ("spcAft",):
            total += _points(chain, tag, max(sizes), line_em) or 0.0
    return total, widest


INSETS = (("lIns", 91440), ("rIns", 91440), ("tIns", 45720), ("bIns", 45720))


def _body_pr(shape: object) -> dict[str, str]:
    """Return the frame's body properties, inherited from its layout and master placeholders."""
    found: dict[str, str] = {}
    current: object | None = shape
    while current is not None:
        body = current._element.find(f".//{A}bodyPr")  # type: ignore[attr-defined]
        if body is not None:
            for key, value in body.attrib.items():
                found.setdefault(key, value)
        current = getattr(current, "_base_placeholder", None) if getattr(current, "is_placeholder", False) else None
    return found


def frame_problem(shape: object, prs: PptxPresentation, fonts: dict[str, str], scale: float) -> str | None:
    body = shape.text_frame._txBody  # type: ignore[attr-defined]
    props = _body_pr(shape)
    if props.get("vert", "horz") != "horz" or not "".join(body.itertext()).strip():
        return None
    left, right, top, bottom = (int(props.get(key, default)) / EMU_PT for key, default in INSETS)
    width = shape.width * scale / EMU_PT - left - right  # type: ignore[attr-defined]
    height = shape.height * scale / EMU_PT - top - bottom  # type: ignore[attr-defined]
    nowrap = props.get("wrap") == "none"
    need, widest = text_height(body, width, lambda lvl: _cascade(shape, prs, lvl, fonts), nowrap)
    if need > TOLERANCE * height + 0.5:
        return f"needs {need:.1f} pt, the frame has {height:.1f} pt"
    if nowrap and widest > TOLERANCE * width + 0.5:
        return f"an unwrapped line is {widest:.1f} pt wide, the frame has {width:.1f} pt"
    return None


def table_problem(shape: object, prs: PptxPresentation, fonts: dict[str, str]) -> str | None:
    """Rows grow to their text: return a problem when the grown table runs past the slide's bottom."""
    table = shape.table  # type: ignore[attr-defined]
    widths = [column.width for column in table.columns]
    total = 0.0
    for row in table.rows:
        height = row.height / EMU_PT
        for index, cell in enumerate(row.cells):
            if cell.is_spanned:
                continue
            width = (sum(widths[index:index + cell.span_width]) - cell.margin_left - cell.margin_right) / EMU_PT
            cascade = Cascade([prs.part._element.find(f"{P}defaultTextStyle/{A}lvl1pPr")], fonts)
            need, _ = text_height(cell._tc.txBody, width, lambda _lvl, c=cascade: c)
            height = max(height, need + (cell.margin_top + cell.margin_bottom) / EMU_PT)
        total += height
    room = (prs.slide_height - shape.top) / EMU_PT  # type: ignore[attr-defined]
    return f"grows to {total:.1f} pt, {room:.1f} pt left on the slide" if total > TOLERANCE * room + 0.5 else None


def _shapes(shapes: object, scale: float = 1.0) -> Iterator[tuple[object, float, bool]]:
    """Yield (shape, scale of its group, top level?) for every shape, inside groups too."""
    for shape in shapes:  # type: ignore[attr-defined]
        if shape._element.tag == P + "grpSp":  # a group: its children are measured in its own scaled space
            ext, child = shape._element.find(f"{P}grpSpPr/{A}xfrm/{A}ext"), shape._element.find(
                f"{P}grpSpPr/{A}xfrm/{A}chExt")
            inner = scale * (int(ext.get("cx")) / int(child.get("cx")) if ext is not None and child is not None
                             and int(child.get("cx")) else 1.0)
            yield shape, scale, scale == 1.0
            yield from ((s, sc, False) for s, sc, _ in _shapes(shape.shapes, inner))
        else:
            yield shape, scale, scale == 1.0


def _short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1] + "\u2026"


def fit_problems(prs: PptxPresentation) -> list[str]:
    """Return every frame whose text does not fit, every table that grows off its slide, every shape off it."""
    fonts = _theme_fonts(prs)
    problems = []
    for number, slide in enumerate(prs.slides, 1):
        for shape, scale, top_level in _shapes(slide.shapes):
            name = f"'{_short(shape.text_frame.text)}'" if shape.has_text_frame else shape.name  # type: ignore[attr-defined]
            x, y, w, h = shape.left, shape.top, shape.width, shape.height  # type: ignore[attr-defined]
            if top_level and None not in (x, y, w, h) and (
                    min(x, y) < -EMU_PT or x + w > prs.slide_width + EMU_PT or y + h > prs.slide_height + EMU_PT):
                problems.append(f"slide {number}: {name} extends beyond the slide")
            why = None
            if shape.has_text_frame and None not in (w, h):  # type: ignore[attr-defined]
                why = frame_problem(shape, prs, fonts, scale)
            elif getattr(shape, "has_table", False) and y is not None:
                why = table_problem(shape, prs, fonts)
            if why:
                problems.append(f"slide {number}: {name} {why}")
    return problems


if __name__ == "__main__":
    found = fit_problems(Presentation(sys.argv[1]))
    print("\n".join(found) or "every text fits")
    sys.exit(1 if found else 0)
