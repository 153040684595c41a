"""What the signals a keyboard or a window manager sends do during a session.

Python turns SIGINT (Ctrl-C) into KeyboardInterrupt on its own. SIGTERM, SIGHUP (the
terminal window closed) and SIGQUIT (Ctrl-\\) would kill the process with the terminal
still in cbreak mode on the alternate screen, and the session never recorded. Raising
`Terminated` instead unwinds through the same `finally` blocks, so the terminal is
restored, the history row finished and the summary printed; the exit code is 128 + the
signal's number (SIGTERM: 143, `ExitCode.TERMINATED`).

SIGTSTP (Ctrl-Z) does not end the session: `Suspension` pauses it, hands the terminal
back to the shell while stopped, and takes it again after `fg`.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
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
    """Within the block, SIGTERM, SIGHUP and SIGQUIT raise `Terminated`. The handlers
    before come back when the block ends normally; when it ends early, those signals are
    swallowed from then on (see below)."""

    def handler(signum: int, _frame: FrameType | None) -> None:
        # The first one ends the session; more of them (a burst of SIGHUP as a window
        # closes) must not interrupt the unwinding that restores the terminal. They are
        # swallowed by a handler, not SIG_IGN: signals that arrived together (a stopped
        # session continued by a closing window gets SIGHUP and SIGTERM at once) are
        # already pending in Python, which reports one whose handler became SIG_IGN as
        # "ignored due to race condition", with a traceback.
        _swallow_endings()
        raise Terminated(signum)

    previous = {signum: signal.signal(signum, handler) for signum in ENDING}
    try:
        yield
    except BaseException:
        # Ended early (a signal, a terminal gone, Ctrl-C): more signals may be on their
        # way (a closing window's SIGHUP comes from the terminal and again from the
        # shell). Swallowing handlers stay for the rest of the process, short now, so
        # that none kills it, or raises in the middle of it, before the session is
        # recorded and its exit code returned.
        _swallow_endings()
        raise
    for signum, before in previous.items():
        signal.signal(signum, before)


def _swallowed(_signum: int, _frame: FrameType | None) -> None:
    """A second ending signal, while the first one's unwinding runs: nothing more to do."""


def _swallow_endings() -> None:
    for ending in ENDING:
        signal.signal(ending, _swallowed)


class SuspendAsked(Exception):
    """Ctrl-Z came while the loop was waiting: stop waiting and step aside."""


def stop_this_process() -> None:
    """Stop as Ctrl-Z stops a program, until the shell's `fg` (SIGCONT) resumes it."""
    previous = signal.signal(signal.SIGTSTP, signal.SIG_DFL)
    try:
        os.kill(os.getpid(), signal.SIGTSTP)  # returns once continued
    finally:
        signal.signal(signal.SIGTSTP, previous)


class Suspension:
    """Ctrl-Z (SIGTSTP) during a session, done in two halves.

    The handler only notes when it came (`asked_at`, on the session's clock) and, if the
    loop is blocked waiting for keys, wakes it. The loop then does the rest in ordinary
    code, never inside a handler: pause the session at that moment, hand the terminal
    back, `stop()`, and take the terminal again once continued.
    """

    def __init__(self, now: Callable[[], float], stop: Callable[[], None] = stop_this_process):
        self.now = now
        self._stop = stop
        self.asked_at: float | None = None
        self.waiting = False  # the loop is in its wait and may be woken
        # Already stopped (by SIGSTOP, which no handler sees) and continued: nothing to
        # stop, only the terminal to take back.
        self.stopped_already = False
        self.alive_until = 0.0  # the loop's latest sign of life: when its wait ends
        self._stopping = False

    def ask(self) -> None:
        """What SIGTSTP does; tests call it to press Ctrl-Z."""
        if self.asked_at is None:
            self.asked_at = self.now()
        self._wake()

    def continued(self) -> None:
        """What SIGCONT does: after a stop this process did not ask for (SIGSTOP), take the
        time since the loop last ran out of the session, and the terminal back."""
        if self._stopping or self.asked_at is not None:
            return  # our own stop: the loop goes on from there
        self.asked_at = min(self.alive_until, self.now())
        self.stopped_already = True
        self._wake()

    def stop(self) -> None:
        """Stop the process (unless a stop already happened), until continued."""
        if self.stopped_already:
            return
        self._stopping = True
        try:
            self._stop()
        finally:
            self._stopping = False

    def done(self) -> None:
        self.asked_at = None
        self.stopped_already = False

    def _wake(self) -> None:
        if self.waiting:
            self.waiting = False
            raise SuspendAsked

    @contextmanager
    def handled(self) -> Iterator[None]:
        """Within the block, SIGTSTP asks for a suspension and SIGCONT notices one it did
        not ask for (where the system has them)."""
        if not hasattr(signal, "SIGTSTP"):
            yield
            return

        def on_stop(_signum: int, _frame: FrameType | None) -> None:
            self.ask()

        def on_continue(_signum: int, _frame: FrameType | None) -> None:
            self.continued()

        previous = {
            signal.SIGTSTP: signal.signal(signal.SIGTSTP, on_stop),
            signal.SIGCONT: signal.signal(signal.SIGCONT, on_continue),
        }
        try:
            yield
        finally:
            for signum, before in previous.items():
                signal.signal(signum, before)
