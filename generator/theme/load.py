"""Theme files: YAML in, a fully resolved ``Theme`` out, read once and shared by both renderers.

Stage: beside the outline loader. A theme may ``extends:`` another (built-in name or path);
each file is checked on its own, with its own positions, and later files override earlier
ones key by key. Units (``12pt``, ``2cm``, ``0.5in``, ``10mm``) and colours are resolved here,
once, so renderers only ever see points and ``RRGGBB``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from msgspec import Struct
from msgspec.structs import replace

from generator.errors import InputError, Problem
from generator.labels import OVERRIDABLE
from generator.source.files import inside
from generator.source.images import ImageInfo, check_image
from generator.source.validate import Checker, describe
from generator.source.yamlsource import Typed, YList, YMap, flag_value, load_yaml, shape
from generator.theme.brand import BRAND_KEYS, brand_theme, is_brand_file
from generator.theme.deck_values import DEFAULT_TABLE_SLIDES, label_parser, table_slides
from generator.theme.deck_values import theme_text as _text
from generator.theme.faces import BUILTIN_FONTS, FONT_FILE_KEYS, FONT_KEYS, BadValue  # noqa: F401 (the key lists are read here)
from generator.theme.faces import parse_font as _font
from generator.theme.model import BriefStyle, Colors, DeckSize, DeckStyle, FontFace, PageSize, Theme
from generator.theme.stand_ins import measuring_faces
from generator.theme.template import DeckTemplate, LayoutRole

DEFAULT_THEME = "classic"
_UNITS = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75}
_LENGTH = re.compile(r"^\s*(\d{1,6}(?:\.\d{1,6})?)\s*([a-z]+)\s*$")
# The sizes each length key may take, in points: outside them text cannot be read, or cannot fit.
LENGTH_RANGES_PT = {
    "brief.margin": (14.0, 171.0), "brief.body": (6.0, 24.0), "brief.title": (8.0, 72.0),
    "brief.heading": (6.0, 48.0), "brief.small": (5.0, 20.0), "brief.measure": (144.0, 720.0),
    "deck.title": (10.0, 60.0), "deck.body": (8.0, 40.0), "deck.min-body": (8.0, 40.0), "deck.kicker": (6.0, 30.0),
}
_COLOR = re.compile(r"^#?([0-9A-Fa-f]{6})$")


@cache
def builtin_themes_dir() -> Path:
    """Return the folder of built-in themes, installed or in a source checkout (asked once per process:
    importlib.resources took a millisecond of every build of a batch)."""
    try:
        from importlib.resources import files

        return Path(str(files("generator.builtin_themes")))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent.parent / "themes"  # generator/theme/load.py -> themes/


def builtin_theme_names() -> list[str]:
    return sorted(p.stem for p in builtin_themes_dir().glob("*.yaml"))


THEME_SUFFIXES = (".yaml", ".yml")


def is_theme_path(reference: str) -> bool:
    """Tell whether a theme reference is a file path rather than a built-in theme's name."""
    return reference.endswith(THEME_SUFFIXES) or "/" in reference or "\\" in reference


def theme_path(name_or_path: str, base: Path) -> Path | None:
    """Return the file a theme reference names: a path (relative to ``base``) or a built-in name."""
    if is_theme_path(name_or_path):
        return base / name_or_path
    candidate = builtin_themes_dir() / f"{name_or_path}.yaml"
    return candidate if candidate.is_file() else None


def theme_problem(reference: str, base: Path, root: Path) -> str | None:
    """Return why a theme reference cannot be used from ``base`` with files allowed inside ``root``, or None.

    A theme named by path obeys the rule of an outline's images: a ``.yaml``/``.yml`` file inside
    the outline's folder (or ``--allow-outside DIR``), symlinks resolved first.
    """
    path = theme_path(reference, base)
    names = ", ".join(builtin_theme_names())
    if path is None:
        return f"no theme `{reference}`: it is neither a built-in theme ({names}) nor a theme file path"
    if not is_theme_path(reference):
        return None
    if not reference.lower().endswith(THEME_SUFFIXES):
        return f"theme `{reference}` is not a theme file: a theme file's name ends in .yaml or .yml"
    if not inside(path, root):
        return f"theme `{reference}` is outside the outline's folder {root}; move it inside " \
               "(or build with --allow-outside)"
    if not path.is_file():
        return f"theme file `{reference}` not found (built-in themes: {names})"
    return None


def _length(value: Any, _folder: Path | None = None) -> float:
    match = _LENGTH.match(value) if isinstance(value, str) else None
    if match is None or match.group(2) not in _UNITS:
        raise BadValue(f"must be a length such as 12pt, 2cm, 0.5in or 10mm, not {describe(value)}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def _ranged(key: str) -> Callable[[Any, Path | None], float]:
    low, high = LENGTH_RANGES_PT[key]

    def parse(value: Any, _folder: Path | None = None) -> float:
        length = _length(value)
        if not low <= length <= high:
            said = value.strip() if value.strip().endswith("pt") else f"{value.strip()} ({length:g}pt)"
            raise BadValue(f"is {said}; it must lie between {low:g}pt and {high:g}pt")
        return length
    return parse


def _color(value: Any, _folder: Path | None = None) -> str:
    match = _COLOR.match(value) if isinstance(value, str) else None
    if match is None:
        raise BadValue(f"must be a colour written #RRGGBB, not {describe(value)}")
    return match.group(1).upper()


def _palette(value: Any, _folder: Path | None = None) -> tuple[str, ...]:
    if not isinstance(value, YList) or not value:
        raise BadValue(f"must be a list of #RRGGBB colours, not {describe(value)}")
    return tuple(_color(v) for v in value)


def _template_fonts(value: Any, folder: Path | None = None) -> dict[str, FontFace]:
    """Parse {heading: {regular: x.ttf, ...}, body: {...}}: the files of a template's own typefaces."""
    if not isinstance(value, YMap) or not value or set(value) - {"heading", "body"}:
        raise BadValue("must map heading and/or body to {regular: FILE.ttf, bold: ..., italic: ..., bold-italic: ...}, "
                       "the TrueType files of the template's typefaces")
    faces = {}
    for role, files in value.items():
        if not isinstance(files, YMap) or "regular" not in files or set(files) - set(FONT_FILE_KEYS):
            raise BadValue(f"{role} must map {', '.join(FONT_FILE_KEYS)} to TrueType files (regular is required)")
        # the deck family is the template's typeface, known once the template is read
        faces[role] = _font(YMap({"files": files, "deck": "template typeface"}), folder)
    return faces


def _choice(*allowed: str) -> Callable[[Any, Path | None], str]:
    def parse(value: Any, _folder: Path | None = None) -> str:
        if str(value) not in allowed:
            raise BadValue(f"must be one of {', '.join(allowed)}, not {describe(value)}")
        return str(value)
    return parse


def _logo(value: Any, folder: Path | None = None) -> ImageInfo:
    """Check the logo like an outline's image: inside the theme's folder, a real PNG, JPEG or GIF."""
    base = folder or Path.cwd()
    found = check_image(_text(value), base, base)
    if isinstance(found, str):
        raise BadValue(found.replace("outline's folder", "theme's folder").replace(" (or build with --allow-outside)",
                                                                                 ""))
    return found


def _flag(value: Any, _folder: Path | None = None) -> bool:
    flag = flag_value(value)
    if flag is None:
        raise BadValue(f"must be true or false, not {describe(value)}")
    return flag


def _layouts(value: Any, _folder: Path | None = None) -> YMap:
    """Accept a mapping of roles to layout names; ``_layout_roles`` checks each entry where it is written."""
    if not isinstance(value, YMap):
        raise BadValue(f"must map slide roles ({', '.join(r.value for r in LayoutRole)}) to layout names "
                       f"of the template, not {describe(value)}")
    return value


TEMPLATE_SUFFIXES = (".pptx", ".potx")


class Located(Struct, frozen=True):
    """A theme value with the place it was written, for problems found once the cascade is merged."""

    value: Any
    path: Path
    line: int
    column: int
    inherited: bool = False  # a base theme's value, under a page or margin set after it

    def problem(self, message: str) -> Problem:
        return Problem(self.path, self.line, self.column, message)


def _template_file(check: Checker, mapping: YMap, name: str, folder: Path) -> Located | None:
    """Return ``deck.template`` resolved against the theme's folder, which it must stay inside."""
    pos = check.pos(mapping, "template")
    where = f"theme.deck.template `{name}`"
    path = (folder / name).resolve()
    if not path.is_relative_to(folder.resolve()):
        check.fail(pos, f"{where} is outside the theme's folder")
    elif path.suffix.lower() not in TEMPLATE_SUFFIXES:
        check.fail(pos, f"{where} must be a PowerPoint presentation or template (.pptx or .potx)")
    elif not path.is_file():
        check.fail(pos, f"{where} not found")
    else:
        return Located(path, check.path, *pos)
    return None


def _layout_roles(check: Checker, layouts: YMap) -> tuple[Located, ...]:
    """Return ``deck.layouts`` as located (role, layout name) pairs; unknown roles are problems."""
    roles = [role.value for role in LayoutRole]
    check.keys(layouts, "theme.deck.layouts", roles)
    entries = []
    for key in layouts:
        if key not in roles:
            continue
        name = check.text(layouts, key, f"theme.deck.layouts.{key}", required=True)
        if name is not None:
            entries.append(Located((LayoutRole(key), name), check.path, *check.pos(layouts, key)))
    return tuple(entries)


def _columns(value: Any, _folder: Path | None = None) -> int:
    if not isinstance(value, Typed) or value.tag != "int" or value not in ("1", "2"):
        raise BadValue(f"must be 1 or 2, not {describe(value)}")
    return int(value)


# Every key a theme file may hold, grouped as in the file, with the parser of its value
# (called with the value and the theme file's folder, against which file names resolve).
SPEC: dict[str, dict[str, Callable[[Any, Path | None], Any]]] = {
    "": {"name": _text, "description": _text, "extends": _text, "logo": _logo},
    "colors": {k: _color for k in ("primary", "accent", "text", "muted", "background", "fill")}
    | {"palette": _palette},
    "fonts": {"heading": _font, "body": _font},
    "brief": {"page": _choice("A4", "Letter"), "margin": _ranged("brief.margin"), "columns": _columns,
              "body": _ranged("brief.body"), "title": _ranged("brief.title"), "heading": _ranged("brief.heading"),
              "small": _ranged("brief.small"), "footnotes": _choice("page", "end"),
              "measure": _ranged("brief.measure"),
              "citations": _choice("superscript", "brackets")},
    "deck": {"size": _choice("16:9", "4:3"), "title": _ranged("deck.title"), "body": _ranged("deck.body"),
             "min-body": _ranged("deck.min-body"), "kicker": _ranged("deck.kicker"), "title-band": _flag,
             "template": _text, "layouts": _layouts, "template-fonts": _template_fonts,
             "table-slides": table_slides},
    "labels": {key.replace("_", "-"): label_parser(key) for key in OVERRIDABLE},
}


def _read_file(path: Path, root: Path | None) -> dict[str, Any]:
    """Return one theme file's settings as ``{"group.key": value}``, checked against SPEC.

    A file that is not a theme at all (not a mapping, or a mapping of none of the theme's keys)
    is refused without a word of its content: it may be any file the reference reached.
    """
    data = load_yaml(path, root)
    check = Checker(path)
    if is_brand_file(path):
        if not isinstance(data, YMap) or not set(map(str, data)) & set(BRAND_KEYS):
            raise InputError([Problem(path, 1, 1, f"this is not a brand file: a brand.yml is a mapping of "
                                                  f"{', '.join(BRAND_KEYS)}, and this file holds {shape(data)}")])
        data = brand_theme(data, check)
        check.raise_if_any()
    groups = [g for g in SPEC if g]
    if not isinstance(data, YMap) or not set(map(str, data)) & (set(SPEC[""]) | set(groups)):
        raise InputError([Problem(path, 1, 1, f"this is not a theme file: a theme is a mapping of theme keys "
                                              f"({', '.join(list(SPEC[''])[:3])}, colors, ...), and this file "
                                              f"holds {shape(data)}" + (" of other keys" if isinstance(data, YMap)
                                                                       else ""))])
    check.keys(data, "theme", list(SPEC[""]) + groups)
    settings: dict[str, Any] = {}
    for group, parsers in SPEC.items():
        mapping = data if not group else data.get(group)
        if group and mapping is None:
            continue
        if not isinstance(mapping, YMap):
            check.fail(check.pos(data, group), f"theme.{group} must be a mapping, not {describe(mapping)}")
            continue
        if group:
            check.keys(mapping, f"theme.{group}", parsers)
        for key, parse in parsers.items():
            if key not in mapping:
                continue
            try:
                settings[f"{group}.{key}".lstrip(".")] = parse(mapping[key], path.parent)
            except BadValue as exc:
                check.fail(check.pos(mapping, key), f"theme{'.' + group if group else ''}.{key} {exc}")
    if "deck.template" in settings:
        settings["deck.template"] = _template_file(check, data["deck"], settings["deck.template"], path.parent)
    if "deck.layouts" in settings:
        settings["deck.layouts"] = _layout_roles(check, settings["deck.layouts"])
    if "brief.measure" in settings:  # checked against the page and margin once the cascade is merged
        settings["brief.measure"] = Located(settings["brief.measure"], check.path, *check.pos(data["brief"], "measure"))
    check.raise_if_any()
    return settings


def resolve_theme(name_or_path: str | None = None, base: Path | None = None, root: Path | None = None,
                  trusted: bool = False) -> Theme:
    """Return the theme a name or path refers to, with its ``extends`` chain applied.

    Theme files named by path must lie inside ``root`` (default: ``base``), as an outline's images
    must. ``trusted`` says the caller's user named the first theme themself (``--theme``): it may
    be anywhere, and what it extends stays inside ``root`` or its folder. A call without ``base``
    (the library's own caller naming a theme) is trusted too.
    """
    trusted = trusted or base is None
    reference = name_or_path or DEFAULT_THEME
    start = Path.cwd() if base is None else base
    allowed = start if root is None else root
    chain: list[tuple[Path, dict[str, Any]]] = []
    next_reference: str | None = reference
    while next_reference is not None:
        reference = next_reference
        path = theme_path(reference, start)
        named_path = is_theme_path(reference)
        if trusted and not chain and named_path and path is not None:
            allowed = root or path.resolve().parent
            problem = None if path.is_file() else f"no theme file `{reference}`"
        else:
            problem = theme_problem(reference, start, allowed)
        if problem is not None or path is None:
            where = chain[-1][0] if chain else Path(reference)
            raise InputError([Problem(where, 1, 1, problem or f"no theme `{reference}`")])
        if any(path.resolve() == seen.resolve() for seen, _ in chain):
            raise InputError([Problem(path, 1, 1, "themes extend each other in a circle")])
        settings = _read_file(path, allowed if named_path else None)
        chain.append((path, settings))
        next_reference, start = settings.get("extends"), path.parent
    merged: dict[str, Any] = {}
    for _, settings in reversed(chain):
        if "deck.template" in settings:  # a mapping names the layouts of one template: a new one starts afresh
            merged.pop("deck.layouts", None)
        resized = {"brief.margin", "brief.page"} & set(settings)  # the text block changes under a base's measure
        if resized and "brief.measure" in merged and "brief.measure" not in settings:
            merged["brief.measure"] = replace(merged["brief.measure"], inherited=True)  # narrowed to fit, not refused
        merged.update(settings)
    return replace(_assemble(chain[0][0], merged), sources=tuple(path for path, _ in chain))


def _text_measure(measure: Located | None, page: PageSize, margin_pt: float) -> float | None:
    """Return ``brief.measure`` in points; raise InputError where it is wider than the page's text block."""
    if measure is None:
        return None
    block_pt = page.points[0] - 2 * margin_pt
    if measure.inherited:
        return float(min(measure.value, block_pt))
    if measure.value > block_pt + 0.01:
        raise InputError([measure.problem(
            f"theme.brief.measure is {measure.value / 72 * 25.4:.0f} mm, wider than the text block of "
            f"{block_pt / 72 * 25.4:.0f} mm (the {page.value} page less two margins); make it narrower, "
            f"or the margin smaller")])
    return float(measure.value)


def _deck_template(template: Located | None, layouts: tuple[Located, ...]) -> DeckTemplate | None:
    """Return the theme's template, read and with a layout for every role; raise InputError otherwise."""
    if template is None:
        if layouts:
            raise InputError([layouts[0].problem("theme.deck.layouts names layouts of a template; "
                                                 "set deck.template too")])
        return None
    from generator.theme.template import TemplateError, choose_layouts, read_template

    try:
        info = read_template(template.value)
    except TemplateError as exc:
        raise InputError([template.problem(f"theme.deck.template `{template.value.name}` {exc}")]) from None
    mapped = dict(entry.value for entry in layouts)
    chosen, fallbacks, problems = choose_layouts(info, mapped)
    if problems:
        mapping = {entry.value[0]: entry for entry in layouts}
        raise InputError([mapping[role].problem(f"theme.deck.layouts.{role.value}: {text}") if role else
                          template.problem(f"theme.deck.template `{template.value.name}` {text}")
                          for role, text in problems])
    return DeckTemplate(info, tuple(sorted(chosen.items(), key=lambda item: list(LayoutRole).index(item[0]))),
                        tuple(fallbacks), template.path, template.line)


def _assemble(path: Path, s: dict[str, Any]) -> Theme:
    required = [f"{g}.{k}".lstrip(".") for g, keys in SPEC.items() for k in keys
                if f"{g}.{k}".lstrip(".") not in ("extends", "logo", "deck.template", "deck.layouts", "deck.title-band",
                                                  "deck.template-fonts", "deck.table-slides",
                                                  "brief.columns", "colors.background", "brief.footnotes",
                                                  "brief.measure", "brief.citations")
                and not g == "labels"]
    missing = [key for key in required if key not in s]
    if missing:
        raise InputError([Problem(path, 1, 1, f"the theme does not set {', '.join(missing)} "
                                              "(add them, or `extends: classic`)")])
    template = _deck_template(s.get("deck.template"), s.get("deck.layouts", ()))
    measure = _text_measure(s.get("brief.measure"), PageSize(s["brief.page"]), s["brief.margin"])
    faces, notes = measuring_faces(template, s.get("deck.template-fonts", {}), s["fonts.heading"], s["fonts.body"])
    return Theme(
        name=s["name"],
        description=s["description"],
        colors=Colors(s["colors.primary"], s["colors.accent"], s["colors.text"], s["colors.muted"],
                      s.get("colors.background", "FFFFFF"), s["colors.fill"], s["colors.palette"]),
        heading_font=s["fonts.heading"],
        body_font=s["fonts.body"],
        brief=BriefStyle(PageSize(s["brief.page"]), s["brief.margin"], s.get("brief.columns", 1),
                         s["brief.body"], s["brief.title"], s["brief.heading"], s["brief.small"],
                         s.get("brief.footnotes", "page"), measure, s.get("brief.citations", "superscript")),
        deck=DeckStyle(DeckSize(s["deck.size"]), s["deck.title"], s["deck.body"], s["deck.min-body"],
                       s["deck.kicker"], template, s.get("deck.title-band", False), faces, notes,
                       s.get("deck.table-slides", DEFAULT_TABLE_SLIDES)),
        logo=s.get("logo"),
        path=path,
        labels=tuple((key.replace("-", "_"), s[f"labels.{key.replace('_', '-')}"]) for key in OVERRIDABLE
                     if f"labels.{key.replace('_', '-')}" in s),
    )
