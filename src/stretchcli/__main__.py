"""The `stretch` command's entry point, also run by `python -m stretchcli`.

Kept tiny on purpose: a Ctrl-C while the rest of stretchcli is still being
imported is caught here, so even then there is no traceback.
"""

from __future__ import annotations

import sys

# Light: the enum and a message, nothing that makes start-up slower.
from stretchcli.core.errors import INTERRUPTED_MESSAGE, ExitCode


def run() -> int:
    try:
        from .cli.app import main

        return main()
    except KeyboardInterrupt:
        sys.stderr.write(INTERRUPTED_MESSAGE + "\n")
        return ExitCode.INTERRUPTED


if __name__ == "__main__":
    sys.exit(run())
