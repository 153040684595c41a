"""`stretch session`: run a routine hands-free, then record and summarise it."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from stretchcli.core.coaching import room_to_speak
from stretchcli.core.engine import Command
from stretchcli.core.errors import ExitCode
from stretchcli.core.model import Exercise, Plan, Side, StepKind, cautions_for
from stretchcli.core.settings import SessionRequest, plan_options, session_settings
from stretchcli.core.sides import starting_left
from stretchcli.core.text import made_visible
from stretchcli.core.timeline import PlanOptions, build_plan, with_checkins
from stretchcli.storage.recording import Recording
from stretchcli.ui.keys import key_input, stdin_terminal_fd, wait_for_keys
from stretchcli.ui.output import Output
from stretchcli.ui.session_loop import (
    Clock,
    Wait,
    leave_the_gone_terminal,
    print_summary,
    run_session,
)
from stretchcli.ui.sound import session_sound

from . import loading
from .fitted import NO_FITTING, Fitting, prepared

if TYPE_CHECKING:
    from stretchcli.ui.poses import SessionPictures


def _starting_on_the_left(plan: Plan) -> set[str]:
    """The exercises whose first hold is on the left side."""
    first: dict[str, Side | None] = {}
    for step in plan.steps:
        if step.kind is StepKind.HOLD and step.exercise is not None:
            first.setdefault(step.exercise, step.side)
    return {exercise for exercise, side in first.items() if side is Side.LEFT}


class Timing(NamedTuple):
    """The session's clock, and how it waits for keys (both in session seconds)."""

    now: Clock
    wait: Wait


def session(
    out: Output,
    target: str | None,
    routine_id: str | None,
    options: PlanOptions,
    request: SessionRequest,
    files: Sequence[Path],
    timing: Timing | None = None,
    ask: loading.Ask | None = None,
    fitting: Fitting = NO_FITTING,
) -> ExitCode:
    """Run the session TARGET (or --for) makes; record it unless sped up; print the summary.

    `ask` puts a yes/no question to the person at the terminal (cli.app.ask_yes_no).
    """
    key_fd = stdin_terminal_fd()  # keys in plain mode too, when a person is at a terminal
    # A terminal that cannot move its cursor (TERM=dumb) gets the plain lines.
    on_screen = out.out.is_terminal and not out.out.is_dumb_terminal
    live = on_screen and not request.plain
    # The full screen would cover the cautions at once: a person at it is asked first.
    asking = ask if live and key_fd is not None else None
    library, routine, defaults, _, _ = prepared(
        out,
        target,
        routine_id,
        fitting,
        options,
        files,
        request.skip_cautioned,
        asking,
        recorded=request.recorded,
    )
    settings = session_settings(request, defaults, on_screen)
    plan = build_plan(routine, library.exercises, plan_options(options, defaults))
    if settings.checkin and key_fd is not None:  # nobody could answer without a keyboard
        plan = with_checkins(plan)
    timing = timing or session_timing(request.speed, key_fd)
    screen = out.out.file if settings.live else None
    sound = session_sound(settings.sound, settings.voice, screen, out.stderr, out.warn)
    # The session's exercises carry only the cautions for the person's own conditions: those
    # are shown, printed and said at the prep before each.
    used = {step.exercise for step in plan.steps if step.exercise is not None}
    theirs = {
        key: library.exercises[key]._replace(
            cautions=cautions_for(library.exercises[key], defaults.conditions)
        )
        for key in used
    }
    # Set-ups and steps are written right side first: on the left first, mirrored.
    left_first = _starting_on_the_left(plan)
    theirs = {key: starting_left(e) if key in left_first else e for key, e in theirs.items()}
    if sound.speaker is not None:
        plan = room_to_speak(plan, theirs, sound.estimate)
    # Shown with escape sequences made visible; recorded as the file says.
    steps = made_visible(plan)
    exercises = made_visible(theirs)
    pictures = _session_pictures(out, theirs, settings.live and request.pictures)
    recording = Recording.begin(plan, out.warn) if settings.recorded else None
    result = run_session(
        steps,
        exercises,
        out.out,
        sound,
        live=settings.live,
        now=timing.now,
        wait=timing.wait,
        keys=(lambda: key_input(key_fd)) if key_fd is not None else None,
        pictures=pictures,
    )
    if recording is not None:
        recording.end(result.outcome, result.summary, library.exercises)
    if result.hung_up:
        leave_the_gone_terminal()
    for problem in pictures.problems if pictures is not None else ():
        out.warn(problem.format("warning"))
    print_summary(out.out, result, steps)
    if sound.trouble is not None:
        out.warn(sound.trouble)
    return result.exit_code


def _session_pictures(
    out: Output, exercises: Mapping[str, Exercise], wanted: bool
) -> SessionPictures | None:
    """The photos the prep shows, when the live screen can draw them. One that cannot be
    read is said before the full screen covers the terminal."""
    if not any(exercise.images for exercise in exercises.values()):
        return None
    from stretchcli.storage.photos import unreadable_photos
    from stretchcli.ui.poses import SessionPictures, pictures_wanted

    if not pictures_wanted(out, wanted):
        return None
    reported = unreadable_photos(exercises.values())
    for photo, reason in reported:
        out.warn(photo.problem(reason).format("warning"))
    return SessionPictures(exercises, [photo for photo, _ in reported])


def session_timing(speed: float, key_fd: int | None) -> Timing:
    """The real clock, `speed` times faster, and the keyboard (or a plain wait) on it."""
    origin = time.monotonic()

    def now() -> float:
        return origin + (time.monotonic() - origin) * speed

    def wait(timeout: float | None) -> list[Command]:
        return wait_for_keys(key_fd, None if timeout is None else timeout / speed)

    return Timing(now, wait)
