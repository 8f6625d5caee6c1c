"""The ``briefdeck`` command: argument parsing, printing and exit codes, and the author-facing
commands (lint, watch, preview, new).

Stage: the outermost layer; it calls ``pipeline`` and the readers and never draws anything
itself.
"""
from generator.cli.main import main

__all__ = ["main"]
