"""The bell, and speech through a text-to-speech program, never delaying the timer.

Speech runs as a child process started without a shell (the text is one argument,
never parsed by a shell) and not waited for; a new line of speech stops the one
before (killed, so at most one is ever alive), so what is said stays current.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
from collections.abc import Callable
from typing import IO

_LEADING_NON_WORDS = re.compile(r"^[\W_]+")

# In order of preference: macOS, then the common Linux ones.
SPEAKERS = ("say", "espeak-ng", "espeak", "spd-say")
NO_SPEAKER = (
    f"stretch: warning: --voice found no speech program ({', '.join(SPEAKERS)}); "
    "going on without a voice"
)


def find_speaker() -> str | None:
    """The first text-to-speech program on PATH, or None."""
    for name in SPEAKERS:
        path = shutil.which(name)
        if path is not None:
            return path
    return None


class Sound:
    """What a session sounds like: bells on the terminal `out`, speech when a speaker is given.

    `out` None: no terminal to ring (output to a file or pipe, where a bell is junk).
    """

    def __init__(self, out: IO[str] | None, *, speaker: str | None) -> None:
        self.out = out
        self.speaker = speaker
        self._speaking: subprocess.Popen[bytes] | None = None

    def bell(self) -> None:
        if self.out is not None:
            self.out.write("\a")
            self.out.flush()

    def say(self, text: str) -> None:
        if self.speaker is None:
            return
        # A leading dash (after any spaces, a no-break one too) would be read as an option
        # by the speech program: whatever is not a letter or digit goes from the front.
        words = _LEADING_NON_WORDS.sub("", text).strip()
        if not words:
            return
        self.hush()
        try:
            self._speaking = subprocess.Popen(
                [self.speaker, words],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # Ctrl-C is for stretch, not for the speaker
            )
        except OSError:
            self.speaker = None  # it went away; the session goes on silently

    def hush(self) -> None:
        """Stop speech still going: at most one speech process is ever alive."""
        speaking, self._speaking = self._speaking, None
        if speaking is None or speaking.poll() is not None:
            return
        # SIGKILL, to the program and anything it started (its own session): a speech
        # program that ignores SIGTERM would otherwise pile up, one per line said.
        with contextlib.suppress(OSError):
            os.killpg(speaking.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            speaking.wait(timeout=1.0)  # reaped at once: killed processes end right away


def session_sound(
    ring: bool,
    speak: bool,
    screen: IO[str] | None,
    stderr: IO[str],
    warn: Callable[[str], None],
) -> Sound:
    """A session's sound: the bell on the live `screen`, else on stderr if that is a terminal
    (never into a file or pipe); speech when asked for and a speech program is found."""
    speaker = find_speaker() if speak else None
    if speak and speaker is None:
        warn(NO_SPEAKER)
    bell_out = screen if screen is not None else (stderr if stderr.isatty() else None)
    return Sound(bell_out if ring else None, speaker=speaker)
