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
import errno
import os
import signal
import stat
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, NamedTuple

from rich.console import Console

from stretchcli.core.coaching import Coach, Hush, Play, Say
from stretchcli.core.engine import (
    CheckedIn,
    Command,
    CueDue,
    Effect,
    Session,
    StepStarted,
    Summary,
    advance,
    next_wakeup,
    start,
    stop,
    summary,
)
from stretchcli.core.errors import ExitCode
from stretchcli.core.model import Exercise, Outcome, Plan

from . import session_screen
from .frames import FrameWriter
from .signals import SuspendAsked, Suspension, Terminated, signals_end_the_session
from .sound import Sound

if TYPE_CHECKING:
    from .poses import SessionPictures

# The most a finished session waits for its last words to be said.
LAST_WORDS_SECONDS = 8.0
# How often a line of speech waiting for the one before checks whether it may start.
SPEECH_POLL = 0.1
# How long the live display may go without a redraw while nothing changes (a
# paused session): a terminal resized meanwhile is redrawn within this.
IDLE_REDRAW = 1.0

Clock = Callable[[], float]
# Waits up to `timeout` seconds of session time (None: until a key) and returns the
# commands typed meanwhile.
Wait = Callable[[float | None], list[Command]]


# The signal a closed terminal window sends (POSIX); 1 where the system has no name for it.
HANG_UP = int(getattr(signal, "SIGHUP", 1))


def terminal_gone(error: OSError) -> bool:
    """Reading or writing a terminal whose window has closed fails with EIO (or ENXIO)."""
    return error.errno in (errno.EIO, errno.ENXIO)


def leave_the_gone_terminal() -> None:
    """After the window closed, point standard output and error, where they were a
    terminal, at the null device: what is still to be written (the summary, and the
    bytes a failed write left in Python's buffers, flushed again at exit) then goes
    nowhere instead of failing, which would turn the exit code into 120."""
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        for fd in (1, 2):
            with contextlib.suppress(OSError):  # a descriptor closed already: nothing to do
                if stat.S_ISCHR(os.fstat(fd).st_mode):  # a terminal, gone; not a file or pipe
                    os.dup2(null, fd)
    finally:
        os.close(null)


class SessionResult(NamedTuple):
    summary: Summary
    outcome: Outcome
    signal: int | None = None  # the signal that ended it, if one did

    @property
    def hung_up(self) -> bool:
        """Ended by its terminal window closing: nobody is left to read the summary."""
        return self.signal == HANG_UP

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
    keys: Callable[[], AbstractContextManager[object]] | None = None,
    suspension: Suspension | None = None,
    pictures: SessionPictures | None = None,
) -> SessionResult:
    """Run `plan` to its end, a quit, Ctrl-C or SIGTERM; say how it ended.

    `keys` makes the keyboard's context (cbreak mode on the terminal), entered around
    the whole session and left on every way out, and while Ctrl-Z has the session
    stopped. `suspension` is how Ctrl-Z is noticed and done (tests give their own).
    """
    runner = _LiveRunner(console, exercises, pictures) if live else _PlainRunner(console, exercises)
    suspension = suspension or Suspension(now)
    coach = Coach(exercises, voice=sound.speaker is not None, estimate=sound.estimate)
    session, effects = start(plan, now())
    latest = [session]  # where the loop leaves the session, also when interrupted
    outcome = Outcome.INTERRUPTED
    ended_by: int | None = None
    try:
        with (
            signals_end_the_session(),
            _Terminal(keys, runner) as terminal,
            suspension.handled(),
        ):
            sounds = _Sounds(coach, sound)
            _handle(effects, session, runner, sounds)
            _loop(latest, now, wait, _Aside(terminal, suspension, sounds, keys is not None))
        outcome = Outcome.QUIT if latest[0].quit else Outcome.COMPLETED
    except KeyboardInterrupt:
        outcome = Outcome.INTERRUPTED
    except Terminated as ended:
        outcome, ended_by = Outcome.TERMINATED, ended.signum
    except OSError as error:
        if not terminal_gone(error):
            raise
        # The window closed and the terminal went before its SIGHUP came: the same end.
        outcome, ended_by = Outcome.TERMINATED, HANG_UP
    finally:
        if outcome is Outcome.COMPLETED:
            sound.drain(LAST_WORDS_SECONDS)  # "Session complete." is heard, then all stops
        else:
            sound.stop_all()
    moment = now()
    done = summary(stop(latest[0], moment), moment)  # the hold under way counts what was held
    if outcome is Outcome.COMPLETED and done.mostly_skipped:
        outcome = Outcome.QUIT  # tapped through to the end: no session to count on a streak
    return SessionResult(done, outcome, ended_by)


def _loop(latest: list[Session], now: Clock, wait: Wait, aside: _Aside) -> None:
    runner, sounds = aside.terminal.runner, aside.sounds
    session = latest[0]
    while not session.ended:
        if aside.suspension.asked_at is not None:
            session = aside.step_aside(latest, now)
            continue
        moment = now()
        wake = next_wakeup(session, moment)
        timeout = None if wake is None else max(0.0, wake - moment)
        if runner.redraws and (timeout is None or timeout > IDLE_REDRAW):
            timeout = IDLE_REDRAW
        if sounds.sound.waiting and (timeout is None or timeout > SPEECH_POLL):
            timeout = SPEECH_POLL  # a line waits for the one being said to end
        commands: list[Command | None] = list(aside.wait(wait, timeout, moment))
        if aside.suspension.asked_at is not None:
            continue  # keys typed just before Ctrl-Z are dropped: time stopped before them
        moment = now()
        for command in commands or [None]:
            session, effects = advance(session, command, moment)
            latest[0] = session
            _handle(effects, session, runner, sounds, command)
        sounds.sound.pump()
        runner.show(session, moment)


class _Terminal:
    """The keyboard's mode and the display, taken together, and handed back together."""

    def __init__(
        self, keys: Callable[[], AbstractContextManager[object]] | None, runner: _Runner
    ) -> None:
        self.keys = keys
        self.runner = runner
        self._held = contextlib.ExitStack()

    def __enter__(self) -> _Terminal:
        self.take()
        return self

    def __exit__(self, *exc: object) -> None:
        self.hand_back()

    def take(self) -> None:
        with contextlib.ExitStack() as stack:  # a failure halfway puts back what was taken
            if self.keys is not None:
                stack.enter_context(self.keys())
            stack.enter_context(self.runner)
            self._held = stack.pop_all()

    def hand_back(self) -> None:
        self._held.close()


class _Aside:
    """Ctrl-Z in the loop: pause, hand the terminal back, stop; then take it again."""

    def __init__(
        self, terminal: _Terminal, suspension: Suspension, sounds: _Sounds, keyboard: bool
    ) -> None:
        self.terminal = terminal
        self.suspension = suspension
        self.sounds = sounds
        self.keyboard = keyboard

    def wait(self, wait: Wait, timeout: float | None, moment: float) -> list[Command]:
        """`wait`, cut short by Ctrl-Z."""
        # Alive until the wait ends: a SIGSTOP after that is the time to leave out.
        self.suspension.alive_until = moment + (IDLE_REDRAW if timeout is None else timeout)
        self.suspension.waiting = True
        try:
            return wait(timeout)
        except SuspendAsked:
            return []
        finally:
            # Also when a signal ended the wait: the SIGCONT that follows a SIGHUP as the
            # window closes must not wake a loop that is already unwinding.
            self.suspension.waiting = False

    def step_aside(self, latest: list[Session], now: Clock) -> Session:
        """Pause at the moment asked, stop, and come back; `latest[0]` is kept current, so
        a signal that ends the session meanwhile finds it paused."""
        asked_at = self.suspension.asked_at
        assert asked_at is not None
        session = latest[0]
        paused_here = not session.paused
        if paused_here:  # at the moment Ctrl-Z came: time stopped stays out of the session
            session, effects = advance(session, Command.TOGGLE_PAUSE, asked_at)
            latest[0] = session
            _handle(effects, session, self.terminal.runner, self.sounds)
        self.sounds.sound.stop_all()
        self.terminal.hand_back()
        try:
            self.suspension.stop()
        finally:
            self.suspension.done()
        # Not in the `finally`: a signal that ended the session while stopped (SIGHUP, the
        # window closed) finds no terminal to take.
        self.terminal.take()
        if paused_here and not self.keyboard:
            # No key could ever resume it: carry on from where it stopped.
            session, effects = advance(session, Command.TOGGLE_PAUSE, now())
            latest[0] = session
            _handle(effects, session, self.terminal.runner, self.sounds)
        self.terminal.runner.show(session, now())
        return session


class _Sounds:
    """The coach's plan carried out: what it says queued, what it plays played."""

    def __init__(self, coach: Coach, sound: Sound) -> None:
        self.coach = coach
        self.sound = sound

    def react(self, session: Session, effects: tuple[Effect, ...], command: Command | None) -> None:
        if any(isinstance(effect, StepStarted) for effect in effects):
            self.sound.forget_waiting()  # lines of a step that is over are wrong now
        for action in self.coach.react(session, effects, command):
            if isinstance(action, Hush):
                self.sound.hush()
            elif isinstance(action, Play):
                self.sound.play(action.sound)
            elif isinstance(action, Say):
                self.sound.say(action.text, keep=action.keep)


def _handle(
    effects: tuple[Effect, ...],
    session: Session,
    runner: _Runner,
    sounds: _Sounds,
    command: Command | None = None,
) -> None:
    for effect in effects:
        if isinstance(effect, StepStarted):
            runner.step_started(session, effect)
        elif isinstance(effect, CueDue):
            runner.cue(session, effect)
        elif isinstance(effect, CheckedIn):
            runner.rated(session, effect)
    sounds.react(session, effects, command)


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

    def rated(self, session: Session, effect: CheckedIn) -> None:
        pass

    def show(self, session: Session, now: float) -> None:
        pass


class _PlainRunner(_Runner):
    """One line per event, printed and flushed the moment it happens: each step, with the
    set-up and the numbered steps at each prep; each cue; a pause and its end. Nothing is
    redrawn, so a screen reader reads each line once, and no colour carries meaning."""

    def __init__(self, console: Console, exercises: Mapping[str, Exercise]) -> None:
        self.out = console.file
        self.exercises = exercises
        self._paused = False
        self._safety_said = False

    def _print(self, line: str) -> None:
        self.out.write(line + "\n")
        self.out.flush()

    # Lines are stamped with when things were due, not when the loop woke up: after a
    # stall (a busy machine, a suspended process) the record still reads as planned.
    def step_started(self, session: Session, effect: StepStarted) -> None:
        elapsed = session.elapsed(effect.at)
        if not self._safety_said:
            self._safety_said = True
            self._print(session_screen.safety_line(elapsed))
        self._print(session_screen.step_line(elapsed, effect.step))
        details = session_screen.detail_lines(
            elapsed, session.plan, effect.step_index, self.exercises
        )
        for line in details:
            self._print(line)

    def show(self, session: Session, now: float) -> None:
        if session.paused != self._paused and not session.ended:
            self._paused = session.paused
            self._print(session_screen.pause_line(session.elapsed(now), session.paused))

    def cue(self, session: Session, effect: CueDue) -> None:
        self._print(session_screen.cue_line(session.elapsed(effect.at), effect.text))

    def rated(self, session: Session, effect: CheckedIn) -> None:
        self._print(session_screen.rated_line(session.elapsed(effect.at), effect.rating))


class _LiveRunner(_Runner):
    """A full-screen display, redrawn only when something visible changed, and then only
    the rows that changed (ui/frames.py)."""

    redraws = True

    def __init__(
        self,
        console: Console,
        exercises: Mapping[str, Exercise],
        pictures: SessionPictures | None = None,
    ) -> None:
        self.console = console
        self.exercises = exercises
        self.pictures = pictures
        self.frames: FrameWriter | None = None
        self._last: tuple[object, ...] | None = None

    def __enter__(self) -> _Runner:
        frames = FrameWriter(self.console)
        frames.open()
        self.frames = frames
        self._last = None  # taken again after Ctrl-Z: draw at once
        return self

    def __exit__(self, *exc: object) -> None:
        if self.frames is not None:
            frames, self.frames = self.frames, None
            # A terminal closed under us (SIGHUP) cannot be written to: nothing to restore.
            with contextlib.suppress(OSError):
                frames.close()

    def show(self, session: Session, now: float) -> None:
        # What the screen shows changes with whole seconds, the step, the pause, the size.
        size = self.console.size
        visible = (
            session.step_index,
            session_screen.seconds_left(session.remaining(now)),
            int(session.elapsed(now)),
            session.paused,
            session.help_shown,
            session.cues_said,
            size,
        )
        if visible == self._last or self.frames is None:
            return
        self._last = visible
        width, height = size
        screen = session_screen.render(
            session, now, self.exercises, width, height, pictures=self.pictures
        )
        self.frames.draw(screen, width, height)


def print_summary(console: Console, result: SessionResult, plan: Plan) -> None:
    for line in session_screen.summary_lines(result.summary, plan, result.outcome):
        console.file.write(line + "\n")
    console.file.flush()
