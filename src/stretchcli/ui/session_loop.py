"""Running a session: the loop that feeds time and keys to the engine and shows the result.

Two ways to show it: a live full-screen display with keys on a terminal, or one
plain line per step (and per cue), flushed as it starts, anywhere else. Either
way the loop sleeps until the engine's next wake-up, so an idle countdown costs
next to nothing, and the terminal is restored on every way out.
"""

from __future__ import annotations

import signal
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from datetime import datetime, timezone
from types import FrameType
from typing import TYPE_CHECKING, NamedTuple

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
from stretchcli.core.model import Exercise, Plan, StepKind

from . import session_screen as display
from .keys import key_input, wait_for_keys
from .sound import Sound

if TYPE_CHECKING:
    from stretchcli.storage.history import History

# How long the live display may go without a redraw while nothing changes (a
# paused session): a terminal resized meanwhile is redrawn within this.
IDLE_REDRAW = 1.0


class Terminated(Exception):
    """SIGTERM arrived: end like Ctrl-C, with the terminal restored."""


class Outcome(NamedTuple):
    summary: Summary
    how: str  # "completed", "quit", "interrupted" or "terminated"


class SpeedClock:
    """time.monotonic, running `speed` times faster from its creation (for demos and tests)."""

    def __init__(self, speed: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.speed = speed
        self.clock = clock
        self.origin = clock()

    def now(self) -> float:
        return self.origin + (self.clock() - self.origin) * self.speed

    def real_seconds(self, session_seconds: float) -> float:
        return session_seconds / self.speed


@contextmanager
def _sigterm_raises() -> Iterator[None]:
    def handler(_signum: int, _frame: FrameType | None) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_session(
    plan: Plan,
    exercises: Mapping[str, Exercise],
    console: Console,
    sound: Sound,
    *,
    live: bool,
    key_fd: int | None,
    speed: float = 1.0,
) -> Outcome:
    """Run `plan` to its end, a quit, Ctrl-C or SIGTERM; say how it ended."""
    clock = SpeedClock(speed)
    runner = _LiveRunner(console, exercises) if live else _PlainRunner(console)
    session, effects = start(plan, clock.now())
    latest = [session]  # where the loop leaves the session, also when interrupted
    how = "interrupted"
    try:
        keys = key_input(key_fd) if key_fd is not None else nullcontext()
        with _sigterm_raises(), keys, runner:
            _handle(effects, session, clock.now(), runner, sound)
            _loop(latest, clock, runner, sound, key_fd)
        how = "quit" if latest[0].quit else "completed"
    except KeyboardInterrupt:
        how = "interrupted"
    except Terminated:
        how = "terminated"
    finally:
        sound.hush()
    return Outcome(summary(latest[0], clock.now()), how)


def _loop(
    latest: list[Session], clock: SpeedClock, runner: _Runner, sound: Sound, key_fd: int | None
) -> None:
    session = latest[0]
    while not session.ended:
        now = clock.now()
        wake = next_wakeup(session, now)
        timeout = None if wake is None else clock.real_seconds(max(0.0, wake - now))
        if runner.redraws and (timeout is None or timeout > IDLE_REDRAW):
            timeout = IDLE_REDRAW
        commands: list[Command | None] = list(wait_for_keys(key_fd, timeout))
        now = clock.now()
        for command in commands or [None]:
            session, effects = advance(session, command, now)
            latest[0] = session
            _handle(effects, session, now, runner, sound)
        runner.show(session, now)


def _handle(
    effects: tuple[Effect, ...], session: Session, now: float, runner: _Runner, sound: Sound
) -> None:
    started = [effect for effect in effects if isinstance(effect, StepStarted)]
    for effect in effects:
        if isinstance(effect, StepStarted):
            runner.step_started(session, effect, now)
        elif isinstance(effect, CueDue):
            runner.cue(session, effect.text, now)
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

    def step_started(self, session: Session, effect: StepStarted, now: float) -> None:
        pass

    def cue(self, session: Session, text: str, now: float) -> None:
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

    def step_started(self, session: Session, effect: StepStarted, _now: float) -> None:
        # The step's own start on the schedule, not `now`: a late wake-up shifts no record.
        started = session.starts[effect.step_index] + session.shift - session.paused_total
        self._print(display.step_line(max(0.0, started), effect.step))

    def cue(self, session: Session, text: str, now: float) -> None:
        self._print(display.cue_line(session.elapsed(now), text))


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
            self.live.__exit__(None, None, None)  # type: ignore[attr-defined]
            self.live = None

    def show(self, session: Session, now: float) -> None:
        # What the screen shows changes with whole seconds, the step, the pause, the size.
        visible = (
            session.step_index,
            display.seconds_left(session.remaining(now)),
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
        screen = display.render(session, now, self.exercises, width, height)
        self.live.update(screen, refresh=True)  # type: ignore[attr-defined]


class Recording:
    """A session's row in the history, written as it starts and updated as it ends.

    The history is never in the session's way: if it cannot be opened or written,
    one warning says so and the session runs on unrecorded.
    """

    def __init__(self, store: History, session_id: int, warn: Callable[[str], None]) -> None:
        self.store = store
        self.session_id = session_id
        self.warn = warn

    @classmethod
    def begin(cls, plan: Plan, warn: Callable[[str], None]) -> Recording | None:
        from stretchcli.storage.history import History, HistoryUnavailable

        store = None
        try:
            store = History.open()
            started = datetime.now(timezone.utc)
            session_id = store.start(
                plan.routine_id, plan.name, plan.level.value, plan.total_seconds, started
            )
        except HistoryUnavailable as error:
            if store is not None:
                store.close()
            warn(f"stretch: warning: {error}; history is off for this session")
            return None
        return cls(store, session_id, warn)

    def end(self, outcome: Outcome, exercises: Mapping[str, Exercise]) -> None:
        from stretchcli.core.stats import muscle_seconds
        from stretchcli.storage.history import HistoryUnavailable

        done = outcome.summary
        try:
            self.store.finish(
                self.session_id,
                datetime.now(timezone.utc),
                outcome.how,
                held_seconds=done.held_seconds,
                exercises_done=done.exercises_done,
                exercises_skipped=done.exercises_skipped,
                exercises_total=done.exercises_total,
                elapsed_seconds=done.elapsed_seconds,
                muscle_seconds=muscle_seconds(done.held_by_exercise, exercises),
            )
        except HistoryUnavailable as error:
            self.warn(f"stretch: warning: {error}; this session is not recorded")
        finally:
            self.store.close()


def print_summary(console: Console, outcome: Outcome, plan: Plan) -> None:
    for line in display.summary_lines(outcome.summary, plan, outcome.how):
        console.file.write(line + "\n")
    console.file.flush()


def exit_code(outcome: Outcome) -> int:
    """0 when completed or quit; 130 after Ctrl-C; 143 after SIGTERM (128 + the signal)."""
    return {"interrupted": 130, "terminated": 128 + signal.SIGTERM}.get(outcome.how, 0)


def stdin_terminal_fd() -> int | None:
    """The terminal to read keys from, or None when stdin is not one."""
    try:
        return sys.stdin.fileno() if sys.stdin.isatty() else None
    except (AttributeError, OSError, ValueError):
        return None
