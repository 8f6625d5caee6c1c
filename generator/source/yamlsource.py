"""Safe YAML loading that remembers where every value came from.

Stage: file bytes in, plain Python values out (``YMap``/``YList`` carry positions). Only
YAML's safe tags are understood. Aliases are counted before anything is expanded, so a
"billion laughs" file is refused in milliseconds, and deep nesting and oversized files are
refused before the parser can exhaust memory or the stack.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.errors import InputError, Problem
from generator.source.files import Unreadable, read_file

MAX_FILE_BYTES = 2_000_000
MAX_VALUES = 200_000  # scalars, mappings and lists after alias expansion
MAX_DEPTH = 64
# libyaml's parser is about nine times faster than the pure-Python one and gives the same node
# graph and marks; PyYAML's wheels ship it, but a source build may not.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YMap(dict[Any, Any]):
    """A mapping with the 1-based position of itself, of each key and of each value."""

    line: int
    column: int
    key_pos: dict[Any, tuple[int, int]]
    value_pos: dict[Any, tuple[int, int]]


class Typed(str):
    """A plain scalar YAML 1.1 would turn into a number, a yes/no value or a date, kept as typed.

    ``02134``, ``12:30``, ``1.10`` and ``0x1F`` would otherwise reach a figure or a table cell
    as 1116, 750, 1.1 and 31. Keeping the source text lets each field decide: text fields use
    it as it is, chart values, flags and dates read it with ``number``, ``flag`` and ``tag``.
    """

    tag: str  # "int", "float", "bool" or "timestamp"

    def __new__(cls, text: str, tag: str) -> Typed:
        made = super().__new__(cls, text)
        made.tag = tag
        return made

    def __reduce__(self) -> tuple[type[Typed], tuple[str, str]]:
        return Typed, (str(self), self.tag)


_TYPED_TAGS = {f"tag:yaml.org,2002:{name}": name for name in ("int", "float", "bool", "timestamp")}
_BOOLS = {"yes": True, "true": True, "on": True, "no": False, "false": False, "off": False}


def flag_value(value: Any) -> bool | None:
    """Return the yes/no value a scalar stands for, or None when it is not one."""
    if isinstance(value, bool):
        return value
    if isinstance(value, Typed) and value.tag == "bool":
        return _BOOLS.get(value.lower())
    return None


class YList(list[Any]):
    """A list with the 1-based position of itself and of each item."""

    line: int
    column: int
    item_pos: list[tuple[int, int]]


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _problem(path: Path, mark: Any, message: str) -> InputError:
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return InputError([Problem(path, line, column, message)])


def _expanded_sizes(root: yaml.Node, path: Path) -> None:
    """Refuse documents whose aliases would expand past MAX_VALUES, or nest past MAX_DEPTH."""
    sizes: dict[int, int] = {}
    aliased = False

    def size(node: yaml.Node, depth: int) -> int:
        nonlocal aliased
        if depth > MAX_DEPTH:
            raise _problem(path, node.start_mark, f"nesting deeper than {MAX_DEPTH} levels")
        if id(node) in sizes:
            aliased = True
            return sizes[id(node)]
        if isinstance(node, yaml.MappingNode):
            total = 1 + sum(size(k, depth + 1) + size(v, depth + 1) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            total = 1 + sum(size(item, depth + 1) for item in node.value)
        else:
            total = 1
        if total > MAX_VALUES:
            raise _problem(path, node.start_mark,
                           f"this value expands to more than {MAX_VALUES:,} values "
                           "(aliases repeated inside aliases); write the content out instead" if aliased else
                           f"this value holds more than {MAX_VALUES:,} values, the limit for one file; "
                           "split the outline")
        sizes[id(node)] = total
        return total

    size(root, 0)


def shape(value: Any) -> str:
    """Name what a whole file turned out to be without quoting any of it (it may not be ours to show)."""
    if isinstance(value, YMap):
        return "a mapping"
    if isinstance(value, YList):
        return "a list"
    return "nothing" if value is None else "a single value"


def _character_index_mark(text: str, index: int) -> yaml.Mark:
    line = text.count("\n", 0, index)
    column = index - (text.rfind("\n", 0, index) + 1)
    return yaml.Mark("", index, line, column, "", 0)


def load_yaml(path: Path, folder: Path | None = None) -> Any:
    """Return the document in ``path`` as YMap/YList/scalars; raise InputError on any problem.

    With ``folder``, the file must lie inside that folder (see ``source.files``).
    """
    return parse_yaml(read_text(path, folder), path)


def read_text(path: Path, folder: Path | None = None) -> str:
    """Return the UTF-8 text of ``path`` within the size limit; raise InputError when unreadable.

    The file must be a regular file (checked on the open descriptor, before reading).
    """
    if str(path) == "-":
        raise InputError([Problem(path, 1, 1, "outlines are read from files, not from standard input; save the "
                                              "outline to a file and give its name")])
    try:
        raw = read_file(path, MAX_FILE_BYTES, folder)
    except FileNotFoundError:
        raise InputError([Problem(path, 1, 1, "file not found")]) from None
    except Unreadable as exc:
        raise InputError([Problem(path, 1, 1, f"the file {exc}")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        head = raw[: exc.start].decode("utf-8", "replace")
        raise _problem(path, _character_index_mark(head, len(head)),
                       "the file is not UTF-8 text; save it as UTF-8") from None
    return text


def parse_yaml(text: str, path: Path) -> Any:
    """Return the YAML document ``text`` (read from ``path``, named in messages) as YMap/YList/scalars."""
    loader: yaml.SafeLoader | None = None
    try:
        loader = Loader(text)  # its reader already refuses unprintable characters
        root = loader.get_single_node()
        if root is None:
            raise InputError([Problem(path, 1, 1, "the file is empty")])
        _expanded_sizes(root, path)
        return _construct(loader, root, path)
    except yaml.reader.ReaderError as exc:
        raise _problem(path, _character_index_mark(text, exc.position),
                       f"character {exc.character!r} is not allowed in YAML text; remove it") from None
    except yaml.MarkedYAMLError as exc:
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        raise _problem(path, exc.problem_mark, f"YAML syntax: {what}") from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(path, 1, 1, f"YAML: {exc}")]) from None
    except RecursionError:
        raise InputError([Problem(path, 1, 1, "the YAML nests too deeply")]) from None
    finally:
        if loader is not None:
            loader.dispose()


def _construct(loader: yaml.SafeLoader, node: yaml.Node, path: Path) -> Any:
    if isinstance(node, yaml.MappingNode):
        result = YMap()
        result.line, result.column = _pos(node)
        result.key_pos, result.value_pos = {}, {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _problem(path, key_node.start_mark, "a mapping key must be plain text")
            _construct(loader, key_node, path)  # refuses unsupported tags
            key = str(key_node.value)  # keys are names: `1:` and `true:` are two different keys
            if key in result:
                raise _problem(path, key_node.start_mark, f"key `{key}` appears twice in this mapping")
            result[key] = _construct(loader, value_node, path)
            result.key_pos[key], result.value_pos[key] = _pos(key_node), _pos(value_node)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = YList(_construct(loader, item, path) for item in node.value)
        items.line, items.column = _pos(node)
        items.item_pos = [_pos(item) for item in node.value]
        return items
    if node.tag == "tag:yaml.org,2002:merge" or node.tag not in loader.yaml_constructors:
        raise _problem(path, node.start_mark, f"unsupported YAML tag {node.tag}")
    if node.tag in _TYPED_TAGS:
        return Typed(node.value, _TYPED_TAGS[node.tag])
    return loader.construct_object(node, deep=True)
