"""`stretch session`: run a routine hands-free, then record and summarise it."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from stretchcli.core.engine import Command
from stretchcli.core.errors import ExitCode
from stretchcli.core.settings import SessionSettings, plan_options, session_settings
from stretchcli.core.timeline import PlanOptions, build_plan
from stretchcli.storage.recording import Recording
from stretchcli.ui.keys import key_input, stdin_terminal_fd, wait_for_keys
from stretchcli.ui.output import Output
from stretchcli.ui.session_loop import print_summary, run_session
from stretchcli.ui.sound import Sound, find_speaker

from . import loading

NO_SPEAKER = (
    "stretch: warning: --voice found no speech program (say, espeak-ng, espeak, spd-say); "
    "going on without a voice"
)


class SessionRequest(NamedTuple):
    """What the command line asks of a session besides its timeline."""

    sound: bool | None = None  # None: config.yaml decides
    voice: bool | None = None
    plain: bool = False
    speed: float = 1.0


class Timing(NamedTuple):
    """The session's clock, and how it waits for keys (both in session seconds)."""

    now: Callable[[], float]
    wait: Callable[[float | None], list[Command]]


def session(
    out: Output,
    target: str,
    routine_id: str | None,
    options: PlanOptions,
    request: SessionRequest,
    files: Sequence[Path],
) -> ExitCode:
    """Run the session TARGET makes; record it unless sped up; print the summary."""
    library, routine = loading.target(out, target, routine_id, files)
    defaults = loading.defaults(out)
    steps = build_plan(routine, library.exercises, plan_options(options, defaults))
    live = out.out.is_terminal and not request.plain
    key_fd = stdin_terminal_fd() if live else None
    timing = session_timing(request.speed, key_fd)
    # A sped-up session is a demo or a test, not stretching: it is not recorded.
    recording = Recording.begin(steps, out.warn) if request.speed == 1.0 else None
    result = run_session(
        steps,
        library.exercises,
        out.out,
        _sound(out, session_settings(request.sound, request.voice, defaults), live),
        live=live,
        now=timing.now,
        wait=timing.wait,
        keys=key_input(key_fd) if key_fd is not None else None,
    )
    if recording is not None:
        recording.end(result.outcome, result.summary, library.exercises)
    print_summary(out.out, result, steps)
    return result.outcome.exit_code


def session_timing(speed: float, key_fd: int | None) -> Timing:
    """The real clock, `speed` times faster, and the keyboard (or a plain wait) on it."""
    origin = time.monotonic()

    def now() -> float:
        return origin + (time.monotonic() - origin) * speed

    def wait(timeout: float | None) -> list[Command]:
        return wait_for_keys(key_fd, None if timeout is None else timeout / speed)

    return Timing(now, wait)


def _sound(out: Output, settings: SessionSettings, live: bool) -> Sound:
    """The bell on a terminal only (the live screen, else stderr if that is one); the voice."""
    speaker = find_speaker() if settings.voice else None
    if settings.voice and speaker is None:
        out.warn(NO_SPEAKER)
    bell_out = out.out.file if live else (out.err.file if out.err.file.isatty() else None)
    return Sound(bell_out if settings.sound else None, speaker=speaker)
