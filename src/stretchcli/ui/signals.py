"""What SIGTERM does during a session: it ends the session like Ctrl-C does.

Python turns SIGINT into KeyboardInterrupt on its own; SIGTERM would kill the process
with the terminal still in cbreak mode on the alternate screen. Raising `Terminated`
instead unwinds through the same `finally` blocks, so the terminal is restored, the
summary printed and the history row finished (exit code 143, `ExitCode.TERMINATED`).
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class Terminated(Exception):
    """SIGTERM arrived: end like Ctrl-C, with the terminal restored."""


@contextmanager
def sigterm_raises() -> Iterator[None]:
    """Within the block, SIGTERM raises `Terminated`; the previous handler comes back after."""

    def handler(_signum: int, _frame: FrameType | None) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
