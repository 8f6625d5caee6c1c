"""The exceptions briefdeck raises on purpose.

    BriefdeckError              anything the CLI reports without a traceback (exit 1)
    ├── InputError              one or more problems in an outline or theme, each with a position
    └── OutputError             an output could not be written (disk full, permissions)

Anything else escaping the program is a bug and keeps its traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input file, where it is and what to do about it."""

    path: Path
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


@dataclass(frozen=True, slots=True)
class BuildWarning:
    """A non-fatal finding of a build stage (a list split, a glyph missing), with its origin."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: warning: {self.message}"


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
