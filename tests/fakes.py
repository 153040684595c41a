"""Stand-ins for time and keys, so session tests never sleep and never depend on speed;
and a real session to send signals to."""

from __future__ import annotations

import math
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from stretchcli.core.engine import Command

STRETCH = Path(sys.executable).parent / "stretch"


class FakeClock:
    """A session clock that jumps instead of sleeping.

    `wait(timeout)` moves time forward by `timeout`, or to the next scripted key if one
    comes sooner, and returns that key. `stalls` are (moment, seconds): the first wait
    that would wake at or after the moment wakes that many seconds late instead, as on
    a busy machine or after the process was suspended.
    """

    def __init__(
        self,
        start: float = 1000.0,
        keys: Sequence[tuple[float, Command]] = (),
        stalls: Sequence[tuple[float, float]] = (),
    ) -> None:
        self.start = start
        self.time = start
        self.keys = sorted(keys, key=lambda pair: pair[0])  # seconds after start
        self.stalls = sorted(stalls)
        self.waits: list[float | None] = []

    def now(self) -> float:
        return self.time

    def wait(self, timeout: float | None) -> list[Command]:
        self.waits.append(timeout)
        if self.keys and (timeout is None or self.start + self.keys[0][0] <= self.time + timeout):
            at, command = self.keys.pop(0)
            self.time = max(self.time, self.start + at)
            return [command]
        if timeout is None:
            raise AssertionError("the loop waits for a key that will never come")
        wake = self.time + timeout
        if self.stalls and wake >= self.start + self.stalls[0][0]:
            wake += self.stalls.pop(0)[1]
        # A real clock always moves on; a float sum can round back to where it was.
        self.time = max(wake, math.nextafter(self.time, math.inf))
        return []


def signalled_session(
    env: dict[str, str], signals: list[signal.Signals]
) -> subprocess.Popen[bytes]:
    """`stretch session glutes`, sent `signals` once it is running (and so recorded)."""
    process = subprocess.Popen(
        [str(STRETCH), "session", "glutes", "--no-sound"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None
    assert process.stdout.readline().startswith(b"[00:00] safety: ")
    assert process.stdout.readline().startswith(b"[00:00] timer")
    for sig in signals:
        process.send_signal(sig)
    return process
