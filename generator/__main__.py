"""``python -m generator`` is the ``briefdeck`` command."""

import sys

from generator.cli.main import main

sys.exit(main())
