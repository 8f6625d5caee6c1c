"""A one-line progress bar for batch builds, drawn on standard error only when it is a terminal.

Stage: used by the CLI. When output goes to a file or a pipe the bar stays silent and the
plain per-outline lines tell the story, so logs never fill with carriage returns.
"""

from __future__ import annotations

import shutil
import sys

BAR_WIDTH = 24


class Progress:
    """Counts finished outlines and redraws ``[####    ] 12/50  name`` in place."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.done, self.enabled = total, 0, enabled
        self._drawn = False

    def advance(self, current: str, failed: int) -> None:
        self.done += 1
        if not self.enabled or self.done >= self.total:
            return
        filled = BAR_WIDTH * self.done // self.total
        failures = f", {failed} failed" if failed else ""
        line = f"[{'#' * filled}{' ' * (BAR_WIDTH - filled)}] {self.done}/{self.total}{failures}  {current}"
        width = shutil.get_terminal_size((80, 20)).columns - 1
        sys.stderr.write("\r" + line[:width].ljust(width))
        sys.stderr.flush()
        self._drawn = True

    def clear(self) -> None:
        if self._drawn:
            width = shutil.get_terminal_size((80, 20)).columns - 1
            sys.stderr.write("\r" + " " * width + "\r")
            sys.stderr.flush()
            self._drawn = False
