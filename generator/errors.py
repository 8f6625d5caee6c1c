"""The exceptions briefdeck raises on purpose.

    BriefdeckError              anything the CLI reports without a traceback (exit 1)
    ├── InputError              one or more problems in an outline or theme, each with a position
    └── OutputError             an output could not be written (disk full, permissions)

Anything else escaping the program is a bug and keeps its traceback.
"""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct

# Every character ``str.splitlines`` breaks at: a message quotes what the author typed (a data cell
# holding a line break), and a located message must stay one line, or its second half names no place.
_LINE_BREAKS = str.maketrans({char: repr(char)[1:-1] for char in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})


def one_line(text: str) -> str:
    """Return ``text`` with its line breaks written as escapes (``\\n``), so that it prints as one line."""
    return text.translate(_LINE_BREAKS)


class Problem(Struct, frozen=True):
    """One thing wrong with an input file, where it is and what to do about it."""

    path: Path
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {one_line(self.message)}"


class BuildWarning(Struct, frozen=True):
    """A non-fatal finding of a build stage (a list split, a glyph missing), with its origin."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: warning: {one_line(self.message)}"


class BriefdeckError(Exception):
    """A failure the user can act on; the CLI prints it and exits 1."""


class InputError(BriefdeckError):
    """Every problem found in one input file, listed together so they can be fixed in one pass."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (str(p.path), p.line, p.column))
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[InputError], tuple[list[Problem]]]:
        """Pickle by problems, so the error crosses process boundaries (batch and parallel builds)."""
        return (InputError, (self.problems,))


class OutputError(BriefdeckError):
    """An output file could not be written."""
