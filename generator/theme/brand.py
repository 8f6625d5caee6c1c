"""brand.yml in: a team's ``_brand.yml`` (the format Quarto and Shiny read) turned into a briefdeck theme.

Stage: part of the theme loader (a parsed brand file in, the same mapping a theme file holds
out, every value keeping the line and column it had in the brand file). What maps: the
brand's name; its colours (``primary``; ``secondary`` or ``tertiary`` as the accent;
``foreground``, ``background``; ``light`` as the fill; the named palette, in order, for
charts), by palette name or ``#RGB``/``#RRGGBB``; its typography (``base`` and ``headings``
families, embedded from the brand's own TrueType ``files`` where it lists them, otherwise
named for PowerPoint and set in the closest PDF core font); and its logo. Everything else
(sizes, pages, slides) comes from the built-in theme it extends, ``classic``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from generator.source.validate import Checker, describe
from generator.source.yamlsource import YList, YMap

BRAND_KEYS = ("meta", "logo", "color", "typography", "defaults")
COLOR_KEYS = ("palette", "foreground", "background", "primary", "secondary", "tertiary", "success", "info",
              "warning", "danger", "light", "dark")
TYPOGRAPHY_KEYS = ("fonts", "base", "headings", "monospace", "monospace-inline", "monospace-block", "link")
_HEX = re.compile(r"^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$")
_SERIF = re.compile(r"serif|times|georgia|garamond|minion|caslon|baskerville|cambria|palatino|merriweather",
                    re.IGNORECASE)
_SANS = re.compile(r"sans", re.IGNORECASE)


def is_brand_file(path: Path) -> bool:
    """Return True for ``_brand.yml`` and files named ``*brand.yml`` / ``*brand.yaml``."""
    return path.name.lower().endswith(("brand.yml", "brand.yaml"))


def _node(pos: tuple[int, int], items: dict[str, tuple[Any, tuple[int, int]]]) -> YMap:
    """Return a YMap of ``items`` (value and where it was written), placed at ``pos``."""
    made = YMap()
    made.line, made.column = pos
    made.key_pos, made.value_pos = {}, {}
    for key, (value, where) in items.items():
        made[key] = value
        made.key_pos[key] = made.value_pos[key] = where
    return made


def _list(pos: tuple[int, int], items: list[tuple[Any, tuple[int, int]]]) -> YList:
    made = YList(value for value, _ in items)
    made.line, made.column = pos
    made.item_pos = [where for _, where in items]
    return made


def brand_theme(data: Any, check: Checker) -> YMap:
    """Return the theme mapping a brand file means; problems go to ``check`` at the brand's positions."""
    if not isinstance(data, YMap):
        check.fail((1, 1), f"a brand file is a mapping (meta, color, typography, logo), not {describe(data)}")
        return _node((1, 1), {"extends": ("classic", (1, 1))})
    check.keys(data, "brand", BRAND_KEYS)
    theme: dict[str, tuple[Any, tuple[int, int]]] = {"extends": ("classic", (1, 1))}
    name = _brand_name(data.get("meta"))
    if name:
        where = check.pos(data, "meta")
        theme["name"] = (name, where)
        theme["description"] = (f"{name} (from its brand.yml)", where)
    colors = _colors(data.get("color"), check)
    if colors:
        theme["colors"] = (colors, check.pos(data, "color"))
    fonts = _fonts(data.get("typography"), check)
    if fonts:
        theme["fonts"] = (fonts, check.pos(data, "typography"))
    logo = _logo(data.get("logo"))
    if logo is not None:
        theme["logo"] = (logo, check.pos(data, "logo"))
    return _node((1, 1), theme)


def _brand_name(meta: Any) -> str | None:
    name = meta.get("name") if isinstance(meta, YMap) else None
    if isinstance(name, YMap):
        name = name.get("full") or name.get("short")
    return name.strip() if isinstance(name, str) and name.strip() else None


def _colors(color: Any, check: Checker) -> YMap | None:
    if color is None:
        return None
    if not isinstance(color, YMap):
        check.fail((getattr(color, "line", 1), 1), f"brand.color must be a mapping, not {describe(color)}")
        return None
    check.keys(color, "brand.color", COLOR_KEYS)
    found = color.get("palette")
    palette: YMap = found if isinstance(found, YMap) else YMap()

    def resolve(key: str, container: YMap, seen: tuple[str, ...] = ()) -> str | None:
        value = container.get(key)
        if isinstance(value, str) and _HEX.match(value.strip()):
            digits = value.strip()[1:]
            return "#" + ("".join(d * 2 for d in digits) if len(digits) == 3 else digits).upper()
        if isinstance(value, str) and value in palette and value not in seen:
            return resolve(value, palette, (*seen, value))
        if value is not None:
            check.fail(check.pos(container, key), f"brand.color.{key} must be #RRGGBB, #RGB or the name of a "
                                                  f"palette colour, not {describe(value)}")
        return None

    mapped = {"primary": "primary", "accent": "secondary" if "secondary" in color else "tertiary",
              "text": "foreground", "background": "background", "fill": "light"}
    items: dict[str, tuple[Any, tuple[int, int]]] = {}
    for ours, theirs in mapped.items():
        value = resolve(theirs, color)
        if value is not None:
            items[ours] = (value, check.pos(color, theirs))
    chart = [resolve(key, color) for key in ("primary", "secondary", "tertiary") if key in color]
    chart += [resolve(key, palette) for key in palette]
    unique = list(dict.fromkeys(value for value in chart if value))
    if len(unique) >= 2:
        where = check.pos(color, "palette") if "palette" in color else (color.line, color.column)
        items["palette"] = (_list(where, [(value, where) for value in unique]), where)
    return _node((color.line, color.column), items) if items else None


def _family(value: Any) -> str | None:
    family = value.get("family") if isinstance(value, YMap) else value
    return family.strip() if isinstance(family, str) and family.strip() else None


def _font_files(typography: YMap, family: str) -> dict[str, str]:
    """Return the brand's TrueType files of ``family`` by face (regular, bold, italic, bold-italic)."""
    faces: dict[str, str] = {}
    for entry in typography.get("fonts") or ():
        if not isinstance(entry, YMap) or _family(entry) != family or entry.get("source", "file") != "file":
            continue
        for item in entry.get("files") or ():
            path = item.get("path") if isinstance(item, YMap) else item
            if not isinstance(path, str) or not path.lower().endswith(".ttf"):
                continue
            weight = str(item.get("weight", "400")) if isinstance(item, YMap) else "400"
            italic = isinstance(item, YMap) and str(item.get("style", "normal")) == "italic"
            bold = weight in ("bold", "semibold") or (weight.isdigit() and int(weight) >= 600)
            faces.setdefault({(False, False): "regular", (True, False): "bold", (False, True): "italic",
                              (True, True): "bold-italic"}[(bold, italic)], path)
    return faces if "regular" in faces else {}


def _fonts(typography: Any, check: Checker) -> YMap | None:
    if typography is None:
        return None
    if not isinstance(typography, YMap):
        check.fail((getattr(typography, "line", 1), 1), f"brand.typography must be a mapping, not "
                                                        f"{describe(typography)}")
        return None
    check.keys(typography, "brand.typography", TYPOGRAPHY_KEYS)
    items: dict[str, tuple[Any, tuple[int, int]]] = {}
    for ours, theirs in (("body", "base"), ("heading", "headings")):
        family = _family(typography.get(theirs))
        if family is None:
            continue
        where = check.pos(typography, theirs)
        files = _font_files(typography, family)
        if files:
            face = {"files": (_node(where, {k: (v, where) for k, v in files.items()}), where), "deck": (family, where)}
        else:
            pdf = "Times" if _SERIF.search(family) and not _SANS.search(family) else "Helvetica"
            face = {"pdf": (pdf, where), "deck": (family, where)}
        items[ours] = (_node(where, face), where)
    return _node((typography.line, typography.column), items) if items else None


def _logo(logo: Any) -> str | None:
    """Return the brand's medium logo (else large, else small), the light variant where there are two."""
    if isinstance(logo, str):
        return logo
    if not isinstance(logo, YMap):
        return None
    listed = logo.get("images")
    images: dict[str, Any] = listed if isinstance(listed, YMap) else {}
    for size in ("medium", "large", "small"):
        value = logo.get(size)
        if isinstance(value, YMap):
            value = value.get("light") or value.get("dark")
        if isinstance(value, YMap):
            value = value.get("path")
        if isinstance(value, str):
            found = images.get(value, value)
            return found.get("path") if isinstance(found, YMap) else found
    return None
