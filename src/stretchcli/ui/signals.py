"""What the signals a keyboard or a window manager sends do during a session.

Python turns SIGINT (Ctrl-C) into KeyboardInterrupt on its own. SIGTERM, SIGHUP (the
terminal window closed) and SIGQUIT (Ctrl-\\) would kill the process with the terminal
still in cbreak mode on the alternate screen, and the session never recorded. Raising
`Terminated` instead unwinds through the same `finally` blocks, so the terminal is
restored, the history row finished and the summary printed; the exit code is 128 + the
signal's number (SIGTERM: 143, `ExitCode.TERMINATED`).
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

# The catchable signals that end a session (SIGINT is KeyboardInterrupt's).
ENDING = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGQUIT") if hasattr(signal, name)
)


class Terminated(Exception):
    """A signal ended the session: end like Ctrl-C, with the terminal restored."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def signals_end_the_session() -> Iterator[None]:
    """Within the block, SIGTERM, SIGHUP and SIGQUIT raise `Terminated`; the handlers
    before come back after."""

    def handler(signum: int, _frame: FrameType | None) -> None:
        # The first one ends the session; more of them (a burst of SIGHUP as a window
        # closes) must not interrupt the unwinding that restores the terminal.
        for ending in ENDING:
            signal.signal(ending, signal.SIG_IGN)
        raise Terminated(signum)

    previous = {signum: signal.signal(signum, handler) for signum in ENDING}
    try:
        yield
    finally:
        for signum, before in previous.items():
            signal.signal(signum, before)
