"""``python -m pathways`` is the same as the ``pathways`` command."""

import sys

from pathways.cli import main

sys.exit(main())
