"""``python -m generator`` is the ``briefdeck`` command."""

import sys

from .cli import main

sys.exit(main())
