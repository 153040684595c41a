"""The bell, and speech through a text-to-speech program, never delaying the timer.

Speech runs as a child process started without a shell (the text is one argument,
never parsed by a shell) and not waited for. Lines queue: one is said when the one
before has finished, and only `hush()` (a key the person pressed) cuts one short, so
at most one speech process is ever alive. core/coaching.py plans what is said so that
the queue never falls behind.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import time
from collections import deque
from collections.abc import Callable
from typing import IO, TYPE_CHECKING

from stretchcli.core.coaching import Sound as SoundKind
from stretchcli.core.model import SoundMode

if TYPE_CHECKING:
    from .chimes import Player

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


# Words per second a speech program says, until stretchcli has timed it saying some.
DEFAULT_WORDS_PER_SECOND = 2.6  # espeak-ng's default 175 words a minute, a little slower
START_UP_SECONDS = 0.3  # from starting the program to its first word
# How much each timed utterance moves the rate: a few lines settle it.
_LEARNING = 0.3


class Sound:
    """What a session sounds like: bells on the terminal `out`, speech when a speaker is given.

    `out` None: no terminal to ring (output to a file or pipe, where a bell is junk).
    Speech is a queue: a line waits for the one before to finish (`pump()` starts it), so
    nothing is cut off except by `hush()`, when the person moved on.
    """

    def __init__(
        self, out: IO[str] | None, *, speaker: str | None, player: Player | None = None
    ) -> None:
        self.out = out
        self.speaker = speaker
        self.player = player
        self._speaking: subprocess.Popen[bytes] | None = None
        self._started_at = 0.0
        self._words = 0
        self._waiting: deque[tuple[str, bool]] = deque()  # (words, keep)
        self._deadline = 0.0  # past this, the line being said is stuck: it is killed
        # What went wrong with the voice, said once after the session (not over its screen).
        self.trouble: str | None = None
        self.words_per_second = DEFAULT_WORDS_PER_SECOND

    def bell(self) -> None:
        if self.out is not None:
            self.out.write("\a")
            self.out.flush()

    def play(self, sound: SoundKind) -> None:
        """One of the session's sounds, through the player; else the terminal bell."""
        if self.player is None or not self.player.play(sound):
            self.bell()

    def estimate(self, text: str) -> float:
        """Seconds `text` should take to say, at the rate measured so far."""
        return START_UP_SECONDS + len(text.split()) / self.words_per_second

    def say(self, text: str, *, keep: bool = False) -> None:
        """Say `text` once what is being said has finished; `keep`: even if its step is
        over by then (an announcement), else it is dropped with the step (a cue)."""
        if self.speaker is None:
            return
        # A leading dash (after any spaces, a no-break one too) would be read as an option
        # by the speech program: whatever is not a letter or digit goes from the front.
        words = _LEADING_NON_WORDS.sub("", text).strip()
        if words:
            self._waiting.append((words, keep))
            self.pump()

    @property
    def waiting(self) -> bool:
        """Lines are queued behind the one being said: call `pump()` soon."""
        return bool(self._waiting)

    def pump(self) -> None:
        """Start the next line if the one before has finished."""
        if self._speaking is not None:
            if self._speaking.poll() is None:
                if time.monotonic() > self._deadline:
                    self._give_up(f"{self.speaker} took far longer than a line should")
                return
            self._learn_rate(self._speaking.returncode)
            self._speaking = None
        while self._waiting and self.speaker is not None:
            words, _ = self._waiting.popleft()
            try:
                self._speaking = subprocess.Popen(
                    [self.speaker, words],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,  # Ctrl-C is for stretch, not for the speaker
                )
            except OSError as error:
                self._give_up(f"cannot run {self.speaker}: {error.strerror or error}")
                return
            self._started_at, self._words = time.monotonic(), len(words.split())
            # A line takes about its estimate: ten times that, and it is stuck.
            self._deadline = self._started_at + 10 * self.estimate(words) + 5
            return

    def _give_up(self, why: str) -> None:
        """The speech program fails: stop it, and go on without a voice (said after)."""
        self.hush()
        self.trouble = f"stretch: warning: {why}; the rest of the session went on without a voice"
        self.speaker = None

    def drain(self, limit: float) -> None:
        """At the end of a session: say what still waits (the last words) and let it
        finish, for at most `limit` seconds; then stop whatever is left, so that nothing
        outlives stretch."""
        end = time.monotonic() + limit
        while (self._waiting or self._speaking is not None) and time.monotonic() < end:
            self.pump()
            if self._speaking is not None and self._speaking.poll() is None:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self._speaking.wait(timeout=min(0.05, max(end - time.monotonic(), 0)))
        if self.player is not None:
            self.player.wait(max(end - time.monotonic(), 0))  # the last chime, too
        self.stop_all()

    def stop_all(self) -> None:
        """Stop speech and sound."""
        self.hush()
        if self.player is not None:
            self.player.stop()

    def forget_waiting(self) -> None:
        """Drop the lines not yet started that belong to a step that is over (cues and
        counts); announcements stay, late but said."""
        self._waiting = deque(line for line in self._waiting if line[1])

    def hush(self) -> None:
        """Stop speech still going and drop what waits: at most one speech process is alive."""
        self._waiting.clear()
        speaking, self._speaking = self._speaking, None
        if speaking is not None:
            kill_at_once(speaking)

    def _learn_rate(self, returncode: int) -> None:
        """Time a line said to the end, and move the rate toward what it showed."""
        spoken = time.monotonic() - self._started_at - START_UP_SECONDS
        if returncode != 0 or self._words < 3 or spoken <= 0:
            return
        rate = self._words / spoken
        if 0.5 <= rate <= 10:  # a program that says nothing, or hangs, teaches nothing
            self.words_per_second += _LEARNING * (rate - self.words_per_second)


def kill_at_once(process: subprocess.Popen[bytes]) -> None:
    """End a program started in its own session, and all it started, if still running.

    SIGKILL: a speech program that ignores SIGTERM would otherwise pile up, one per line.
    """
    if process.poll() is not None:
        return
    with contextlib.suppress(OSError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=1.0)  # reaped at once: killed processes end right away


def session_sound(
    mode: SoundMode,
    speak: bool,
    screen: IO[str] | None,
    stderr: IO[str],
    warn: Callable[[str], None],
) -> Sound:
    """A session's sound: chimes through a player (found once) for `SoundMode.CHIME`, the
    bell on the live `screen` (else on stderr if that is a terminal, never into a file or
    pipe) for BELL and where no player is found; speech when asked for and a speech program
    is found."""
    speaker = find_speaker() if speak else None
    if speak and speaker is None:
        warn(NO_SPEAKER)
    bell_out = screen if screen is not None else (stderr if stderr.isatty() else None)
    if mode is SoundMode.OFF:
        return Sound(None, speaker=speaker)
    player = None
    if mode is SoundMode.CHIME:
        from .chimes import Player, find_player  # only a chiming session pays for it

        program = find_player()
        player = Player(program) if program is not None else None
    return Sound(bell_out, speaker=speaker, player=player)
