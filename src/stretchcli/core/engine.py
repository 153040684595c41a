"""The session state machine: `advance(session, command, now) -> (session, effects)`.

Pure: time comes in as `now` (seconds on any monotonic clock) and nothing here
sleeps, reads a clock, prints or beeps. The shell turns effects into sound,
speech and lines, and calls `advance` again by `next_wakeup`.

Deadlines are absolute: step i starts at origin + (sum of the planned durations
before it) + shift, where `shift` only moves for time spent paused, for jumps
(next, back, skip) and for time added to a step that then ended. So however long
a session runs, a step never starts late by the sum of small delays.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import Enum
from itertools import accumulate
from typing import NamedTuple

from .model import ExerciseResult, Plan, Rating, Side, Step, StepKind

COUNTDOWN_FROM = 3  # the last seconds of a hold that each get a beep
TIME_STEP = 5  # seconds that + and - add to or take from the current step


class Command(Enum):
    """What a person asks for, from a key."""

    TOGGLE_PAUSE = "pause"
    NEXT = "next"
    BACK = "back"
    SKIP_EXERCISE = "skip"
    ADD_TIME = "add"
    REMOVE_TIME = "remove"
    QUIT = "quit"
    TOGGLE_HELP = "help"
    # The check-in after an exercise: how it felt. Pain also ends an exercise mid-hold.
    RATE_EASY = "easy"
    RATE_RIGHT = "about-right"
    RATE_TOO_MUCH = "too-much"
    PAIN = "pain"


RATINGS = {
    Command.RATE_EASY: Rating.EASY,
    Command.RATE_RIGHT: Rating.RIGHT,
    Command.RATE_TOO_MUCH: Rating.TOO_MUCH,
    Command.PAIN: Rating.PAIN,
}


# Effects carry `at`: the moment (on the session's clock) they were scheduled for, which
# is earlier than `now` when the loop woke late. Two effects are equal when they say the
# same thing, whenever they were due.


@dataclass(frozen=True)
class StepStarted:
    step_index: int
    step: Step
    at: float = field(default=0.0, compare=False)


@dataclass(frozen=True)
class CueDue:
    text: str
    at: float = field(default=0.0, compare=False)


@dataclass(frozen=True)
class CountdownBeep:
    seconds_left: int
    at: float = field(default=0.0, compare=False)


@dataclass(frozen=True)
class SessionEnded:
    quit: bool  # True when the person quit; False when every step was done
    at: float = field(default=0.0, compare=False)


@dataclass(frozen=True)
class CheckedIn:
    """A check-in answered (or pain said mid-hold) for the exercise of block `block`."""

    block: int
    exercise: str
    rating: Rating
    at: float = field(default=0.0, compare=False)


Effect = StepStarted | CueDue | CountdownBeep | SessionEnded | CheckedIn


class Session(NamedTuple):
    plan: Plan
    starts: tuple[int, ...]  # planned start of each step, seconds from the origin
    origin: float
    step_index: int = 0
    shift: float = 0.0
    extension: float = 0.0  # added (or removed) on the current step
    paused_at: float | None = None
    paused_total: float = 0.0
    cues_said: int = 0
    beeps_done: int = 0  # countdown beeps already given in the current step
    held: float = 0.0  # seconds spent in hold steps, counting only time actually held
    # (block, side or None, seconds) for each hold left
    held_log: tuple[tuple[int, Side | None, float], ...] = ()
    ended: bool = False
    ended_at: float | None = None  # when it ended: its clock stops there, however late we look
    quit: bool = False
    help_shown: bool = False
    ratings: tuple[tuple[int, Rating], ...] = ()  # (block, rating), in the order given

    @property
    def step(self) -> Step:
        return self.plan.steps[min(self.step_index, len(self.plan.steps) - 1)]

    @property
    def paused(self) -> bool:
        return self.paused_at is not None

    def step_start(self) -> float:
        return self.origin + self.starts[self.step_index] + self.shift

    def deadline(self) -> float:
        return self.step_start() + self.step.seconds + self.extension

    def clock(self, now: float) -> float:
        """`now`, held still while paused, and stopped once the session ended."""
        if self.ended_at is not None:
            return self.ended_at
        return self.paused_at if self.paused_at is not None else now

    def remaining(self, now: float) -> float:
        return max(0.0, self.deadline() - self.clock(now))

    def elapsed(self, now: float) -> float:
        """Session time so far, pauses left out."""
        return max(0.0, self.clock(now) - self.origin - self.paused_total)

    def in_step(self, now: float) -> float:
        return max(0.0, self.clock(now) - self.step_start())

    def left_in_session(self, now: float) -> float:
        """Planned time still to go: the rest of this step and every step after it that
        the session will not pass over."""
        if self.ended:
            return 0.0
        after = self.plan.total_seconds - self.starts[self.step_index] - self.step.seconds
        steps = self.plan.steps
        after -= sum(steps[i].seconds for i in passed_over(self) if i > self.step_index)
        return after + self.remaining(now)


def start(plan: Plan, now: float) -> tuple[Session, tuple[Effect, ...]]:
    """A session at its first step. A plan with no steps ends at once."""
    starts = tuple(accumulate((step.seconds for step in plan.steps), initial=0))
    session = Session(plan, starts, now)
    if not plan.steps:
        return session._replace(ended=True, ended_at=now), (SessionEnded(quit=False, at=now),)
    return session, (StepStarted(0, plan.steps[0], at=now),)


def advance(
    session: Session, command: Command | None, now: float
) -> tuple[Session, tuple[Effect, ...]]:
    """Apply `command` (None: time passed) at `now`; return the new session and its effects."""
    if session.ended:
        return session, ()
    effects: list[Effect] = []
    if command is not None:
        session = _command(session, command, now, effects)
    if not session.ended and not session.paused:
        session = _catch_up(session, now, effects)
    return session, tuple(effects)


def next_wakeup(session: Session, now: float) -> float | None:
    """When `advance` next has something to do or show; None while paused or ended."""
    if session.ended or session.paused:
        return None
    deadline = session.deadline()
    remaining = deadline - now
    # The countdown shows whole seconds: wake as each one ticks over.
    candidates = [deadline, deadline - math.floor(remaining - 1e-9)] if remaining > 0 else [now]
    cue = _next_cue_time(session)
    if cue is not None:
        candidates.append(cue)
    return min(candidates)


# -- commands -----------------------------------------------------------------


def _command(session: Session, command: Command, now: float, effects: list[Effect]) -> Session:
    if command is Command.QUIT:
        return _end(session, now, effects, quit=True)
    if command is Command.TOGGLE_HELP:
        return session._replace(help_shown=not session.help_shown)
    if command is Command.TOGGLE_PAUSE:
        if session.paused_at is None:
            return session._replace(paused_at=now)
        pause = now - session.paused_at
        return session._replace(
            shift=session.shift + pause, paused_total=session.paused_total + pause, paused_at=None
        )
    # The other commands act at the paused moment when paused, and keep it paused.
    moment = session.clock(now)
    if command in RATINGS:
        return _rate(session, RATINGS[command], moment, effects)
    if command is Command.ADD_TIME:
        # The hold's last seconds are counted again at its new end.
        return session._replace(extension=session.extension + TIME_STEP, beeps_done=0)
    if command is Command.REMOVE_TIME:
        # Never back into the past: at most, the step ends now.
        floor = moment - session.deadline() + session.extension
        return session._replace(extension=max(session.extension - TIME_STEP, floor))
    if command is Command.NEXT:
        return _jump(session, session.step_index + 1, moment, effects)
    if command is Command.BACK:
        return _jump(session, max(session.step_index - 1, 0), moment, effects)
    # SKIP_EXERCISE: past every step of the current exercise (a rest or timer: the next step).
    return _jump(session, _end_of_block(session), moment, effects)


def _rate(session: Session, rating: Rating, moment: float, effects: list[Effect]) -> Session:
    """At a check-in, any rating is the answer and the session moves on. During the
    exercise itself only pain counts: it ends the exercise (check-in included) at once.
    Elsewhere (a prep, a rest) the key means nothing."""
    step = session.step
    if step.exercise is None or step.kind is StepKind.PREP:
        return session
    if step.kind is not StepKind.CHECKIN and rating is not Rating.PAIN:
        return session
    effects.append(CheckedIn(step.block, step.exercise, rating, at=moment))
    session = session._replace(ratings=(*session.ratings, (step.block, rating)))
    return _jump(session, _end_of_block(session), moment, effects)


def _end_of_block(session: Session) -> int:
    """The index of the first step after the current exercise (or rest, or timer)."""
    block = session.step.block
    target = session.step_index + 1
    if session.step.exercise is not None:
        while target < len(session.plan.steps) and session.plan.steps[target].block == block:
            target += 1
    return target


def left_out_blocks(session: Session) -> frozenset[int]:
    """The blocks of an exercise rated pain in this session that come after that rating's
    block and are not rated themselves: its later rounds (or later uses). Pain says stop,
    so they are passed over."""
    latest = dict(session.ratings)  # a changed answer (b, then another key) replaces pain
    pained = {block for block, rating in latest.items() if rating is Rating.PAIN}
    if not pained:
        return frozenset()
    steps = session.plan.steps
    first_pain: dict[str, int] = {}  # steps are in order: the first seen is the earliest
    for step in steps:
        if step.block in pained and step.exercise is not None:
            first_pain.setdefault(step.exercise, step.block)
    return frozenset(
        step.block
        for step in steps
        if step.exercise in first_pain
        and step.block > first_pain[step.exercise]
        and step.block not in latest
    )


def passed_over(session: Session) -> frozenset[int]:
    """The steps the session passes over: those of the left-out blocks, each with the rest
    before it (a rest that would say "next:" the exercise left out)."""
    left_out = left_out_blocks(session)
    if not left_out:
        return frozenset()
    steps = session.plan.steps
    return frozenset(
        index
        for index, step in enumerate(steps)
        if step.block in left_out
        or (
            step.kind is StepKind.REST
            and index + 1 < len(steps)
            and steps[index + 1].block in left_out
        )
    )


def _onward(session: Session, target: int) -> int:
    """`target`, or the first step from there that is not passed over."""
    skipped = passed_over(session)
    while target in skipped:
        target += 1
    return target


def _back(session: Session, target: int) -> int:
    """`target`, or the first step before it that is not passed over, going back."""
    skipped = passed_over(session)
    while target > 0 and target in skipped:
        target -= 1
    return target


def _jump(session: Session, target: int, moment: float, effects: list[Effect]) -> Session:
    """Leave the current step now and start step `target` now, passing over the blocks
    an earlier pain rating left out."""
    if target > session.step_index:
        target = _onward(session, target)
    elif target < session.step_index:
        target = _back(session, target)
    session = _leave_step(session, moment)
    if target >= len(session.plan.steps):
        effects.append(SessionEnded(quit=False, at=moment))
        return session._replace(ended=True, ended_at=moment)
    shift = moment - session.origin - session.starts[target]
    effects.append(StepStarted(target, session.plan.steps[target], at=moment))
    return _enter_step(session, target, shift)


def _end(session: Session, now: float, effects: list[Effect], *, quit: bool) -> Session:
    """Quit: the session stops where it is."""
    moment = session.clock(now)
    session = _leave_step(session, moment)
    effects.append(SessionEnded(quit=quit, at=moment))
    return session._replace(ended=True, ended_at=moment, quit=quit)


# -- time passing ---------------------------------------------------------------


def _catch_up(session: Session, now: float, effects: list[Effect]) -> Session:
    """Say due cues and beeps, and move through every step whose deadline has passed."""
    while True:
        session = _due_within_step(session, now, effects)
        deadline = session.deadline()
        if now < deadline:
            return session
        session = _leave_step(session, deadline)
        target = _onward(session, session.step_index + 1)
        if target >= len(session.plan.steps):
            effects.append(SessionEnded(quit=False, at=deadline))
            last = len(session.plan.steps) - 1
            return session._replace(ended=True, ended_at=deadline, step_index=last)
        # The next step starts at the deadline, not at `now`: no drift.
        shift = session.shift + session.extension
        if target != session.step_index + 1:  # steps passed over: their time is not waited
            shift = deadline - session.origin - session.starts[target]
        effects.append(StepStarted(target, session.plan.steps[target], at=deadline))
        session = _enter_step(session, target, shift)


def _due_within_step(session: Session, now: float, effects: list[Effect]) -> Session:
    # Due times are computed exactly as _next_cue_time computes the wake-up for them, so
    # waking at that time finds them due (no float rounding between the two).
    step = session.step
    until = min(now, session.deadline())
    cues_said = session.cues_said
    while (
        cues_said < len(step.cues)
        and (due := session.step_start() + step.cues[cues_said][0]) <= until
    ):
        effects.append(CueDue(step.cues[cues_said][1], at=due))
        cues_said += 1
    beeps_done = session.beeps_done
    while (second := _next_beep(session._replace(beeps_done=beeps_done))) is not None:
        due = session.deadline() - second
        if due > now:
            break
        effects.append(CountdownBeep(second, at=due))
        beeps_done = COUNTDOWN_FROM - second + 1
    return session._replace(cues_said=cues_said, beeps_done=beeps_done)


def _next_beep(session: Session) -> int | None:
    """The next countdown second to beep in this hold (3, 2, then 1), if any is left.

    Seconds as long as the hold itself are passed over: the hold's own start
    signal covers that moment (a 2 s hold beeps only at 1).
    """
    if session.step.kind is not StepKind.HOLD:
        return None
    length = session.step.seconds + session.extension
    for second in range(COUNTDOWN_FROM - session.beeps_done, 0, -1):
        if second < length:
            return second
    return None


def _next_cue_time(session: Session) -> float | None:
    step = session.step
    if session.cues_said < len(step.cues):
        return session.step_start() + step.cues[session.cues_said][0]
    second = _next_beep(session)
    return session.deadline() - second if second is not None else None


def _enter_step(session: Session, index: int, shift: float) -> Session:
    return session._replace(step_index=index, shift=shift, extension=0.0, cues_said=0, beeps_done=0)


def _leave_step(session: Session, moment: float) -> Session:
    """Count the time the current step was held, up to `moment`: a hold left early (by a
    key, a quit or Ctrl-C) counts what was done of it, and going back takes none away."""
    step = session.step
    if step.kind is not StepKind.HOLD or step.exercise is None:
        return session
    seconds = max(0.0, min(moment, session.deadline()) - session.step_start())
    return session._replace(
        held=session.held + seconds,
        held_log=(*session.held_log, (step.block, step.side, seconds)),
    )


def stop(session: Session, now: float) -> Session:
    """End the session where it is (Ctrl-C, a signal), keeping what the current step held."""
    if session.ended:
        return session
    return _end(session, now, [], quit=True)


# -- the summary ----------------------------------------------------------------


# An exercise counts as done when at least this share of its planned hold time was held;
# a session that reached its end holding less than this share overall was skipped through.
DONE_SHARE = 0.5


class Summary(NamedTuple):
    held_seconds: float
    exercises_done: int
    exercises_skipped: int  # reached, but not held enough to count as done
    exercises_total: int
    elapsed_seconds: float  # session time, pauses left out
    held_by_exercise: dict[str, float]  # seconds held, per exercise id
    exercises: tuple[ExerciseResult, ...] = ()

    @property
    def mostly_skipped(self) -> bool:
        """Less than DONE_SHARE of the planned hold time was held."""
        planned = sum(result.planned_seconds for result in self.exercises)
        return self.held_seconds < DONE_SHARE * planned


def summary(session: Session, now: float) -> Summary:
    results = _exercise_results(session)
    held_by: dict[str, float] = {}
    for result in results:
        held_by[result.exercise] = held_by.get(result.exercise, 0.0) + result.held_seconds
    return Summary(
        held_seconds=session.held,
        exercises_done=sum(result.done for result in results),
        exercises_skipped=sum(result.reached and not result.done for result in results),
        exercises_total=len(results),
        elapsed_seconds=session.elapsed(now),
        held_by_exercise={key: value for key, value in held_by.items() if value > 0},
        exercises=results,
    )


def _exercise_results(session: Session) -> tuple[ExerciseResult, ...]:
    steps = session.plan.steps
    # Reached: an exercise before the current one, or one whose hold has begun (not one
    # whose prep is on the screen when the person quits); all of them, when the session
    # went through to its end. One passed over after pain is no result at all: it was
    # never part of what the person was asked to do.
    current_block = steps[session.step_index].block if steps else -1
    if session.ended and not session.quit:
        current_block += 1
    rated = dict(session.ratings)  # the last rating given for each block
    left_out = left_out_blocks(session)
    held: dict[int, float] = {}
    sides_held: dict[int, list[Side | None]] = {}
    for block, side, seconds in session.held_log:
        held[block] = held.get(block, 0.0) + seconds
        if seconds > 0:  # a side held at all: the sides said are those done
            sides_held.setdefault(block, []).append(side)
    blocks: dict[int, list[Step]] = {}
    for step in steps:
        if step.exercise is not None and step.block not in left_out:
            blocks.setdefault(step.block, []).append(step)
    results = []
    for block, block_steps in blocks.items():
        holds = [step for step in block_steps if step.kind is StepKind.HOLD]
        planned = float(sum(step.seconds for step in holds))
        block_held = held.get(block, 0.0)
        results.append(
            ExerciseResult(
                exercise=str(block_steps[0].exercise),
                sides=_sides(sides_held.get(block) or [step.side for step in holds]),
                planned_seconds=planned,
                held_seconds=block_held,
                reached=block < current_block or block in held,
                done=planned > 0 and block_held >= DONE_SHARE * planned,
                rating=rated.get(block),
            )
        )
    return tuple(results)


def _sides(sides: list[Side | None]) -> str:
    named = {side for side in sides if side is not None}
    if len(named) > 1:
        return "both"
    return named.pop().value if named else "none"
