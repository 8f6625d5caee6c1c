"""``python -m generator`` and the ``briefdeck`` script: the command line, started quietly.

A Ctrl-C that lands while the command's modules are still importing ends the program with
status 130 and no traceback; once they are imported, the command line and the build handle
signals themselves. Only the program's entry does this: importing ``generator`` changes no handler.
"""

import signal
import sys
from types import FrameType


def _stop_quietly(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def run() -> int:
    """Run the command line with the arguments of this process; return its exit status."""
    signal.signal(signal.SIGINT, _stop_quietly)
    from generator.cli.main import main

    signal.signal(signal.SIGINT, signal.default_int_handler)  # from here on, the command's own handling
    return main()


if __name__ == "__main__":
    sys.exit(run())
