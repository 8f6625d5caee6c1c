"""Read a PowerPoint template: its slide size, its layouts, their placeholders, and which layout each slide uses.

Stage: beside the theme loader (a ``.pptx`` or ``.potx`` file in, a ``TemplateInfo`` out),
and behind ``briefdeck template-info``. The deck planner lays slides out from what is read
here, and the deck renderer opens the same checked bytes (``TemplateInfo.data``, see
``theme.package``), so both see the template the same way. python-pptx is imported only when a
template is actually read.

Each kind of slide briefdeck makes asks for a layout by role; a role's layout is the one the
theme maps it to, else the one with the role's usual PowerPoint name, else (with a warning)
the layout of a fallback role. Names are matched without regard to case.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct

from generator.records import repr_without_data
from generator.theme.package import PRESENTATION_MAIN as PRESENTATION_MAIN
from generator.theme.package import TEMPLATE_MAIN as TEMPLATE_MAIN
from generator.theme.package import TemplateError, check_links, open_package, package_bytes
from generator.theme.package import open_presentation as open_presentation

if TYPE_CHECKING:  # lxml is imported where a template is read: a brief's process never needs it
    from lxml import etree
    from pptx.presentation import Presentation as PptxPresentation

EMU_PER_PT = 12700
EMU_PER_CM = 360000
EMU_PER_IN = 914400
# PowerPoint takes 1 to 56 inches a side; below 4 inches there is no room for a title, text and footers.
MIN_SIDE_EMU, MAX_SIDE_EMU = 4 * EMU_PER_IN, 56 * EMU_PER_IN
MAX_ASPECT = 4  # longest side over shortest: beyond it titles and text get no usable room


class LayoutRole(Enum):
    """What a slide layout is used for; the values are the keys of a theme's ``deck.layouts``."""

    TITLE = "title"
    SECTION = "section"
    CONTENT = "content"
    TWO_CONTENT = "two-content"
    TITLE_ONLY = "title-only"
    BLANK = "blank"


DEFAULT_LAYOUT_NAMES = {
    LayoutRole.TITLE: "Title Slide",
    LayoutRole.SECTION: "Section Header",
    LayoutRole.CONTENT: "Title and Content",
    LayoutRole.TWO_CONTENT: "Two Content",
    LayoutRole.TITLE_ONLY: "Title Only",
    LayoutRole.BLANK: "Blank",
}
# When a role's layout is missing, the roles whose layouts stand in for it, best first.
FALLBACKS = {
    LayoutRole.TITLE: (LayoutRole.TITLE_ONLY, LayoutRole.BLANK),
    LayoutRole.SECTION: (LayoutRole.TITLE_ONLY, LayoutRole.BLANK),
    LayoutRole.CONTENT: (LayoutRole.TITLE_ONLY, LayoutRole.BLANK),
    LayoutRole.TWO_CONTENT: (LayoutRole.CONTENT, LayoutRole.TITLE_ONLY, LayoutRole.BLANK),
    LayoutRole.TITLE_ONLY: (LayoutRole.CONTENT, LayoutRole.BLANK),
    LayoutRole.BLANK: (LayoutRole.TITLE_ONLY, LayoutRole.CONTENT),
}
# The roles briefdeck's slides use: the title slide, bullet slides, and every other slide.
USED_ROLES = (LayoutRole.TITLE, LayoutRole.CONTENT, LayoutRole.TITLE_ONLY)


class PlaceholderInfo(Struct, frozen=True):
    """One placeholder of a layout, where it is after inheriting from its master."""

    idx: int
    kind: str  # DrawingML's ``p:ph/@type``: title, ctrTitle, subTitle, body, obj, dt, ftr, sldNum, pic, ...
    name: str
    left_emu: int | None
    top_emu: int | None
    width_emu: int | None
    height_emu: int | None
    align: str = "l"  # DrawingML ``algn`` of its first level, as inherited: l, ctr, r, just, dist
    fill: str | None = None  # the ``a:solidFill`` its text inherits (often a scheme colour), as XML

    @property
    def placed(self) -> bool:
        return None not in (self.left_emu, self.top_emu, self.width_emu, self.height_emu)


class LayoutInfo(Struct, frozen=True):
    index: int  # 1-based, counted over every master's layouts in order
    master: int  # 1-based
    name: str
    placeholders: tuple[PlaceholderInfo, ...]

    def placeholder(self, *kinds: str) -> PlaceholderInfo | None:
        """Return the first placed placeholder of one of ``kinds``, in the order of ``kinds``."""
        for kind in kinds:
            for ph in self.placeholders:
                if ph.kind == kind and ph.placed:
                    return ph
        return None

    def body(self) -> PlaceholderInfo | None:
        """Return the placeholder bullets go into (see ``body_rank``), if the layout has one."""
        bodies = [ph for ph in self.placeholders if ph.kind in BODY_KINDS and ph.placed]
        return min(bodies, key=lambda ph: body_rank(ph.idx, ph.kind), default=None)


class TemplateInfo(Struct, frozen=True):
    path: Path
    width_emu: int
    height_emu: int
    layouts: tuple[LayoutInfo, ...]
    sample_slides: int  # slides the file carries; briefdeck leaves them out of decks
    data: bytes  # the package as read and checked, what the deck is made from

    __repr__ = repr_without_data
    heading_typeface: str = ""  # the theme part's major (heading) and minor (body) Latin typefaces
    body_typeface: str = ""

    def find(self, name: str) -> LayoutInfo | None:
        """Return the first layout called ``name`` (case ignored)."""
        wanted = name.casefold()
        return next((layout for layout in self.layouts if layout.name.casefold() == wanted), None)

    def names(self) -> str:
        """Return the layout names for a message: "Cover", "Body", "Blank"."""
        return ", ".join(f'"{layout.name}"' for layout in self.layouts)


class Fallback(Struct, frozen=True):
    """A role whose usual layout is missing, and the layout used instead."""

    role: LayoutRole
    wanted: str
    used: str


class DeckTemplate(Struct, frozen=True):
    """A theme's template, read and checked, with the layout each used role takes.

    ``theme_file`` and ``line`` locate the theme's ``deck.template`` for warnings.
    """

    info: TemplateInfo
    roles: tuple[tuple[LayoutRole, LayoutInfo], ...]
    fallbacks: tuple[Fallback, ...]
    theme_file: Path
    line: int

    def layout(self, role: LayoutRole) -> LayoutInfo:
        return dict(self.roles)[role]

    @property
    def title_fill(self) -> str | None:
        """Return the colour of slide titles as the template sets it (``a:solidFill`` XML), if it does."""
        for role in (LayoutRole.CONTENT, LayoutRole.TITLE_ONLY):
            title = self.layout(role).placeholder(*TITLE_KINDS)
            if title is not None:
                return title.fill
        return None



BODY_KINDS = ("obj", "body")


def body_rank(idx: int, kind: str) -> tuple[bool, bool]:
    """Order candidates for a layout's main text: PowerPoint's content placeholder (idx 1) first, objects next."""
    return (idx != 1, kind != "obj")


_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
TITLE_KINDS = ("title", "ctrTitle")
FOOTER_KINDS = ("dt", "ftr", "sldNum")


def _levels(kind: str, layout_sp: etree._Element, master: etree._Element) -> list[etree._Element]:
    """Return the first-level paragraph styles a layout placeholder inherits, nearest first.

    Its own list style, its master placeholder's (matched by type as python-pptx matches
    positions), then the master's title, body or other text style.
    """
    found = [layout_sp.find(f"{_P}txBody/{_A}lstStyle/{_A}lvl1pPr")]
    base = "title" if kind in TITLE_KINDS else kind if kind in FOOTER_KINDS else "body"
    for sp in master.iter(f"{_P}sp"):
        ph = sp.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph")
        if ph is not None and ph.get("type", "obj") == base:
            found.append(sp.find(f"{_P}txBody/{_A}lstStyle/{_A}lvl1pPr"))
            break
    style = {"title": "titleStyle", "body": "bodyStyle"}.get(base, "otherStyle")
    found.append(master.find(f"{_P}txStyles/{_P}{style}/{_A}lvl1pPr"))
    return [level for level in found if level is not None]


def _placeholders(layout: object) -> tuple[PlaceholderInfo, ...]:
    from lxml import etree

    found = []
    master = layout.slide_master._element  # type: ignore[attr-defined]
    for ph in layout.placeholders:  # type: ignore[attr-defined]
        kind = ph._element.ph.get("type", "obj")
        levels = _levels(kind, ph._element, master)
        align = next((level.get("algn") for level in levels if level.get("algn")), "l")
        fill = next((fill for level in levels for fill in level.findall(f"{_A}defRPr/{_A}solidFill")), None)
        found.append(PlaceholderInfo(ph.placeholder_format.idx, kind, ph.name, ph.left, ph.top, ph.width,
                                     ph.height, align, None if fill is None else etree.tostring(fill).decode()))
    return tuple(found)


def describe_presentation(prs: PptxPresentation, path: Path, data: bytes = b"") -> TemplateInfo:
    """Return what an open presentation offers as a template."""
    layouts: list[LayoutInfo] = []
    for master_number, master in enumerate(prs.slide_masters, 1):
        for layout in master.slide_layouts:
            layouts.append(LayoutInfo(len(layouts) + 1, master_number, layout.name, _placeholders(layout)))
    width, height = prs.slide_width, prs.slide_height
    if not width or not height:
        raise TemplateError("does not say how large its slides are (no slide size in presentation.xml)")
    check_links(prs)
    if not all(MIN_SIDE_EMU <= side <= MAX_SIDE_EMU for side in (width, height)):
        raise TemplateError(f"has slides of {width / EMU_PER_IN:.2f} x {height / EMU_PER_IN:.2f} in; briefdeck "
                            "lays out slides of 4 to 56 inches a side")
    if not 1 / MAX_ASPECT <= width / height <= MAX_ASPECT:
        raise TemplateError(f"has slides of {width / EMU_PER_IN:.2f} x {height / EMU_PER_IN:.2f} in, more than "
                            f"{MAX_ASPECT} times as long one way as the other; briefdeck lays out slides "
                            f"from 1:{MAX_ASPECT} to {MAX_ASPECT}:1")
    return TemplateInfo(path, int(width), int(height), tuple(layouts), len(prs.slides), data, *_theme_typefaces(prs))


def _theme_typefaces(prs: PptxPresentation) -> tuple[str, str]:
    """Return the major and minor Latin typefaces of the first master's theme ("" where it names none)."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        root = etree.fromstring(prs.slide_masters[0].part.part_related_by(RT.THEME).blob)
    except (KeyError, IndexError, etree.XMLSyntaxError):
        return "", ""
    found = [root.find(f"{_A}themeElements/{_A}fontScheme/{_A}{tag}/{_A}latin") for tag in ("majorFont", "minorFont")]
    return tuple(element.get("typeface", "") if element is not None else "" for element in found)  # type: ignore[return-value]


def read_template(path: Path) -> TemplateInfo:
    """Return what the template file at ``path`` offers; raise TemplateError when it cannot be used."""
    try:
        data = package_bytes(path)
        return describe_presentation(open_package(data), path, data)
    except TemplateError:
        raise
    except Exception as exc:  # noqa: BLE001 - as in open_presentation: a damaged part deep inside
        raise TemplateError(f"is damaged and cannot be read as a presentation ({type(exc).__name__}: {exc})") \
            from None


def choose_layouts(info: TemplateInfo, mapped: dict[LayoutRole, str]
                   ) -> tuple[dict[LayoutRole, LayoutInfo], list[Fallback], list[tuple[LayoutRole | None, str]]]:
    """Return the layout of each used or mapped role, the fallbacks taken, and what is wrong.

    A mapped name must exist (a problem of that role's mapping otherwise). An unmapped role
    takes its usual name, else a fallback role's layout; a used role with neither is a
    problem of the template as a whole (no role).
    """
    chosen: dict[LayoutRole, LayoutInfo] = {}
    fallbacks: list[Fallback] = []
    problems: list[tuple[LayoutRole | None, str]] = []
    for role, name in mapped.items():
        layout = info.find(name)
        if layout is None:
            problems.append((role, f"the template has no layout \"{name}\"; it has {info.names()}"))
        else:
            chosen[role] = layout
    for role in USED_ROLES:
        if role in mapped:
            continue
        wanted = DEFAULT_LAYOUT_NAMES[role]
        candidates = [(wanted, None)] + [(mapped.get(alt, DEFAULT_LAYOUT_NAMES[alt]), alt) for alt in FALLBACKS[role]]
        for name, alt in candidates:
            layout = info.find(name)
            if layout is not None:
                chosen[role] = layout
                if alt is not None:
                    fallbacks.append(Fallback(role, wanted, layout.name))
                break
        else:
            tried = ", ".join(f'"{name}"' for name, _ in candidates)
            problems.append((None, f"has no layout for {role.value} slides (looked for {tried}); it has "
                                   f"{info.names()}; name one with `deck.layouts: {{{role.value}: NAME}}`"))
    return chosen, fallbacks, problems


def _length(emu: int | None, unit: str) -> str:
    if emu is None:
        return "-"
    return f"{emu / (EMU_PER_CM if unit == 'cm' else EMU_PER_IN):.2f}"


def _aspect(info: TemplateInfo) -> str:
    ratio = info.width_emu / info.height_emu
    named = {"16:9": 16 / 9, "4:3": 4 / 3, "16:10": 16 / 10}
    return next((name for name, value in named.items() if abs(ratio - value) < 0.01), f"{ratio:.3f}:1")


def info_lines(info: TemplateInfo, unit: str = "cm") -> list[str]:
    """Return ``info`` as the lines ``briefdeck template-info`` prints."""
    lines = [f"{info.path}",
             f"slide size: {_length(info.width_emu, unit)} x {_length(info.height_emu, unit)} {unit} ({_aspect(info)})",
             f"sample slides: {info.sample_slides} (left out of every deck)",
             f"layouts (index, name; each placeholder: idx, type, name, left top width height in {unit}, alignment):"]
    for layout in info.layouts:
        lines.append(f"  {layout.index:>2}  \"{layout.name}\"" + (f"  (master {layout.master})"
                                                                 if layout.master > 1 else ""))
        for ph in layout.placeholders:
            where = " ".join(_length(v, unit) for v in (ph.left_emu, ph.top_emu, ph.width_emu, ph.height_emu))
            lines.append(f"        idx {ph.idx:<3} {ph.kind:<9} {ph.name!r:<32} {where}  {ph.align}")
    chosen, fallbacks, _ = choose_layouts(info, {})
    lines.append("layouts briefdeck uses without a deck.layouts mapping:")
    for role in USED_ROLES:
        used = chosen.get(role)
        note = next((f" (no \"{f.wanted}\")" for f in fallbacks if f.role is role), "")
        lines.append(f"  {role.value:<11} " + (f"\"{used.name}\"{note}" if used else "none: map one"))
    return lines
