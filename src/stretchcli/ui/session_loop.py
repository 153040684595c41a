"""Running a session: the loop that feeds time and keys to the engine and shows the result.

Two ways to show it: a live full-screen display with keys on a terminal, or one
plain line per step (and per cue), flushed as it starts, anywhere else. Either
way the loop sleeps until the engine's next wake-up, so an idle countdown costs
next to nothing, and the terminal is restored on every way out.

Time is passed in: `now` reads the session's clock and `wait(timeout)` waits up to
`timeout` seconds of it for keys. The command gives the real (or sped-up) clock and
the keyboard; tests give a fake clock that never sleeps.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext
from typing import NamedTuple

from rich.console import Console

from stretchcli.core.engine import (
    Command,
    CountdownBeep,
    CueDue,
    Effect,
    Session,
    StepStarted,
    Summary,
    advance,
    next_wakeup,
    start,
    summary,
)
from stretchcli.core.errors import ExitCode
from stretchcli.core.model import Exercise, Outcome, Plan, StepKind

from . import session_screen
from .signals import Terminated, signals_end_the_session
from .sound import Sound

# How long the live display may go without a redraw while nothing changes (a
# paused session): a terminal resized meanwhile is redrawn within this.
IDLE_REDRAW = 1.0

Clock = Callable[[], float]
# Waits up to `timeout` seconds of session time (None: until a key) and returns the
# commands typed meanwhile.
Wait = Callable[[float | None], list[Command]]


class SessionResult(NamedTuple):
    summary: Summary
    outcome: Outcome
    signal: int | None = None  # the signal that ended it, if one did

    @property
    def exit_code(self) -> ExitCode:
        """The outcome's exit code; after a signal, 128 + its number, as shells expect."""
        return ExitCode(128 + self.signal) if self.signal is not None else self.outcome.exit_code


def run_session(
    plan: Plan,
    exercises: Mapping[str, Exercise],
    console: Console,
    sound: Sound,
    *,
    live: bool,
    now: Clock,
    wait: Wait,
    keys: AbstractContextManager[object] | None = None,
) -> SessionResult:
    """Run `plan` to its end, a quit, Ctrl-C or SIGTERM; say how it ended.

    `keys` is entered around the whole session (cbreak mode on the terminal, put back
    on every way out).
    """
    runner = _LiveRunner(console, exercises) if live else _PlainRunner(console)
    session, effects = start(plan, now())
    latest = [session]  # where the loop leaves the session, also when interrupted
    outcome = Outcome.INTERRUPTED
    ended_by: int | None = None
    try:
        with signals_end_the_session(), keys or nullcontext(), runner:
            _handle(effects, session, runner, sound)
            _loop(latest, now, wait, runner, sound)
        outcome = Outcome.QUIT if latest[0].quit else Outcome.COMPLETED
    except KeyboardInterrupt:
        outcome = Outcome.INTERRUPTED
    except Terminated as ended:
        outcome, ended_by = Outcome.TERMINATED, ended.signum
    finally:
        sound.hush()
    return SessionResult(summary(latest[0], now()), outcome, ended_by)


def _loop(latest: list[Session], now: Clock, wait: Wait, runner: _Runner, sound: Sound) -> None:
    session = latest[0]
    while not session.ended:
        moment = now()
        wake = next_wakeup(session, moment)
        timeout = None if wake is None else max(0.0, wake - moment)
        if runner.redraws and (timeout is None or timeout > IDLE_REDRAW):
            timeout = IDLE_REDRAW
        commands: list[Command | None] = list(wait(timeout))
        moment = now()
        for command in commands or [None]:
            session, effects = advance(session, command, moment)
            latest[0] = session
            _handle(effects, session, runner, sound)
        runner.show(session, moment)


def _handle(effects: tuple[Effect, ...], session: Session, runner: _Runner, sound: Sound) -> None:
    started = [effect for effect in effects if isinstance(effect, StepStarted)]
    for effect in effects:
        if isinstance(effect, StepStarted):
            runner.step_started(session, effect)
        elif isinstance(effect, CueDue):
            runner.cue(session, effect)
            sound.say(effect.text)
        elif isinstance(effect, CountdownBeep):
            sound.bell()
    if started:
        # After a long stall several steps may start at once: sound only the last.
        step = started[-1].step
        if step.kind in (StepKind.HOLD, StepKind.SWITCH):
            sound.bell()
        sound.say(step.label)


class _Runner:
    """How a session is shown; the loop tells it what happened."""

    redraws = False

    def __enter__(self) -> _Runner:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def step_started(self, session: Session, effect: StepStarted) -> None:
        pass

    def cue(self, session: Session, effect: CueDue) -> None:
        pass

    def show(self, session: Session, now: float) -> None:
        pass


class _PlainRunner(_Runner):
    """One line per step and per cue, printed and flushed the moment it happens."""

    def __init__(self, console: Console) -> None:
        self.out = console.file

    def _print(self, line: str) -> None:
        self.out.write(line + "\n")
        self.out.flush()

    # Lines are stamped with when things were due, not when the loop woke up: after a
    # stall (a busy machine, a suspended process) the record still reads as planned.
    def step_started(self, session: Session, effect: StepStarted) -> None:
        self._print(session_screen.step_line(session.elapsed(effect.at), effect.step))

    def cue(self, session: Session, effect: CueDue) -> None:
        self._print(session_screen.cue_line(session.elapsed(effect.at), effect.text))


class _LiveRunner(_Runner):
    """A full-screen rich Live display, redrawn only when something visible changed."""

    redraws = True

    def __init__(self, console: Console, exercises: Mapping[str, Exercise]) -> None:
        self.console = console
        self.exercises = exercises
        self.live: object | None = None
        self._last: tuple[object, ...] | None = None

    def __enter__(self) -> _Runner:
        from rich.live import Live

        live = Live(
            console=self.console,
            screen=True,
            auto_refresh=False,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        live.__enter__()
        self.live = live
        return self

    def __exit__(self, *exc: object) -> None:
        if self.live is not None:
            live, self.live = self.live, None
            # A terminal closed under us (SIGHUP) cannot be written to: nothing to restore.
            with contextlib.suppress(OSError):
                live.__exit__(None, None, None)  # type: ignore[attr-defined]

    def show(self, session: Session, now: float) -> None:
        # What the screen shows changes with whole seconds, the step, the pause, the size.
        visible = (
            session.step_index,
            session_screen.seconds_left(session.remaining(now)),
            int(session.elapsed(now)),
            session.paused,
            session.help_shown,
            session.cues_said,
            self.console.size,
        )
        if visible == self._last or self.live is None:
            return
        self._last = visible
        width, height = self.console.size
        screen = session_screen.render(session, now, self.exercises, width, height)
        self.live.update(screen, refresh=True)  # type: ignore[attr-defined]


def print_summary(console: Console, result: SessionResult, plan: Plan) -> None:
    for line in session_screen.summary_lines(result.summary, plan, result.outcome):
        console.file.write(line + "\n")
    console.file.flush()
