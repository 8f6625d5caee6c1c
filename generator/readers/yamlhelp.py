"""The YAML traps an outline author falls into, explained in the author's terms.

Stage: used by the outline readers; a YAML problem or a value in, a message that says what
happened and how to fix it out. YAML's own words ("did not find expected key") describe its
parser; authors need to hear "this line is indented with a tab" or "the colon made this a
key", with the fix, at the line where it happened.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.errors import InputError, Problem
from generator.readers.markup import MarkedText
from generator.source.yamlsource import YList, YMap, load_yaml, read_text

_INDENTATION = ("did not find expected key", "did not find expected '-' indicator", "expected <block end>",
                "block sequence entries are not allowed", "found character that cannot start any token")


def load_yaml_explained(path: Path) -> Any:
    """Return ``load_yaml(path)``, with syntax errors about tabs, indentation and colons explained."""
    try:
        return load_yaml(path)
    except InputError as exc:
        if not any(problem.message.startswith("YAML syntax:") for problem in exc.problems):
            raise
        raise explained(exc, read_text(path).splitlines()) from None  # it was read once: a regular, small file


def explained(error: InputError, lines: list[str]) -> InputError:
    """Return ``error`` with its YAML syntax problems explained, ``lines`` being the file's lines."""
    return InputError([_explained(problem, lines) for problem in error.problems])


def _explained(problem: Problem, lines: list[str]) -> Problem:
    if not problem.message.startswith("YAML syntax:") or not 0 < problem.line <= len(lines):
        return problem
    line = lines[problem.line - 1]
    said = problem.message.removeprefix("YAML syntax: ")
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    if "\t" in indent or "\t" in line[: problem.column]:
        column = line.index("\t") + 1
        return Problem(problem.path, problem.line, column,
                       "this line is indented with a tab; YAML indents with spaces only: replace the tab with "
                       f"spaces, lined up with the lines it belongs with (YAML: {said})")
    if "mapping values are not allowed" in said:
        return Problem(problem.path, problem.line, problem.column,
                       "a second `: ` on this line: YAML reads a colon followed by a space as `key: value`, so "
                       f"text that holds one must be in quotes: {_quoted(line.strip())} (YAML: {said})")
    if any(phrase in said for phrase in _INDENTATION):
        return Problem(problem.path, problem.line, len(indent) + 1,
                       f"this line's indentation ({len(indent)} spaces) does not match the lines around it; YAML "
                       "indents with spaces, and the items of one list (or the keys of one mapping) must start "
                       f"at the same column (YAML: {said})")
    return problem


def _quoted(line: str) -> str:
    """Return a line with its text in quotes: ``- "A: b"`` or ``key: "A: b"``."""
    if line.startswith("- "):
        head, text = "- ", line[2:]
    else:
        key, _, text = line.partition(": ")
        head = f"{key}: "
    if '"' not in text:
        return f'`{head}"{text}"`'
    return "`" + head + "'" + text.replace("'", "''") + "'`"


def colon_trap(value: Any, block: bool = False) -> str | None:
    """Explain a text that YAML read as a one-key mapping because of a colon, or return None.

    ``- Note: the figures are provisional`` is the mapping ``{Note: the figures ...}``; an
    author meant a sentence.
    """
    if not isinstance(value, YMap) or len(value) != 1:
        return None
    key, text = next(iter(value.items()))
    if isinstance(text, (YMap, YList)) or isinstance(text, bool):
        return None
    shown = f"{key}: {text}" if text is not None else f"{key}:"
    if len(shown) > 40:
        shown = shown[:37] + "..."
    also = " or write `- text: |` and the paragraph on the lines below it" if block else ""
    return (f"was read by YAML as the key `{key}` holding a value, because a colon followed by a space means "
            f"`key: value`; if it is text, put the whole line in quotes (`- \"{shown}\"`){also}")


def unquote_lead(lead: Any) -> Any:
    """Drop curly quotes typed around a lead-in (``“Child allowance”: ...``), which YAML keeps as text."""
    curly = (("\u201c", "\u201d"), ("\u2018", "\u2019"))
    if isinstance(lead, str) and not isinstance(lead, MarkedText) and len(lead) > 2 and (lead[0], lead[-1]) in curly:
        return lead[1:-1].strip()
    return lead
