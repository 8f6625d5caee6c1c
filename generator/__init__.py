"""briefdeck: one YAML outline of an analysis becomes a PDF brief and a PowerPoint deck.

The public API, for programs and job systems (plain functions, picklable arguments and
results, no global state)::

    from generator import build, load_outline, resolve_theme
    result = build("content/brief.yaml", output_dir="output", theme=None, only=None)
    result = build({"title": "T", "sections": [{"title": "A"}]}, name="t")  # or a mapping, or a Document
    result.written, result.warnings

Names are imported on first use so that ``import generator`` stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"  # the one place the version is written (pyproject.toml reads it from here)
__all__ = ["build", "BuildResult", "build_many", "Job", "Outcome", "load_outline", "read_rows", "resolve_theme",
           "load_mapping", "Document",
           "BriefdeckError", "InputError", "OutputError", "Problem", "BuildWarning"]
_HOMES = {"build": "pipeline.build", "BuildResult": "pipeline.build", "build_many": "pipeline.many",
          "Job": "pipeline.many", "Outcome": "pipeline.many", "read_rows": "readers.rows",
          "load_outline": "readers.outline", "load_mapping": "readers.outline", "Document": "model",
          "resolve_theme": "theme.load",
          "BriefdeckError": "errors", "InputError": "errors", "OutputError": "errors", "Problem": "errors",
          "BuildWarning": "errors"}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(f".{_HOMES[name]}", __name__), name)
    raise AttributeError(f"module 'generator' has no attribute {name!r}")
