"""The `stretch` command's entry point, also run by `python -m stretchcli`.

Kept tiny on purpose: a Ctrl-C while the rest of stretchcli is still being
imported is caught here, so even then there is no traceback.
"""

from __future__ import annotations

import sys


def run() -> int:
    try:
        from .cli.app import main

        return main()
    except KeyboardInterrupt:
        print("stretch: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(run())
