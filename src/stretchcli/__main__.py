"""`python -m stretchcli` runs the same command line as `stretch`."""

import sys

from .cli import main

sys.exit(main())
