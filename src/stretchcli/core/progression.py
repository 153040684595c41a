"""Holds that progress with check-ins (pure): a fold over an exercise's ratings.

Each exercise's check-ins are read oldest first. Sessions that did not rate it
never appear here, so they neither count towards a run nor break one:

- RUN_TO_GROW ratings in a row of easy or about right move its hold one rung up
  the ladder (see `ladder`);
- TOO_MUCH_TO_EASE ratings in a row of too much move it one rung down, never
  below its base (the level's value of its range);
- a pain rating resets both runs and leaves the rung; for PAIN_DAYS after it the
  exercise is left out of sessions, with the reason said.

Nothing here reads a clock: `now` comes in, so tests use made-up histories.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import NamedTuple

from .catalog import without
from .model import Exercise, ExerciseItem, Level, Rating, Routine, Span

PAIN_DAYS = 14  # a pain rating keeps the exercise out of sessions this long
RUN_TO_GROW = 3  # sessions in a row rated easy or about right
TOO_MUCH_TO_EASE = 2  # sessions in a row rated too much
STEP_SECONDS = 5
CAP_SHARE = 1.5  # a hold never passes its range's top times this

_FINE = (Rating.EASY, Rating.RIGHT)


class Rated(NamedTuple):
    """One session's check-in of one exercise."""

    when: datetime  # when that session started (aware); reasons give its date
    rating: Rating


class Change(NamedTuple):
    when: datetime  # the session whose rating made the change
    before: int
    after: int
    reason: str


class Progress(NamedTuple):
    """Where an exercise's hold stands after its check-ins."""

    exercise: str
    base: int  # the hold with no progression: its range's value at the level
    hold: int  # what the next session holds
    ratings: tuple[Rated, ...]  # oldest first
    change: Change | None  # the latest change; None when none happened
    flagged: Rated | None  # the latest pain rating, while it keeps the exercise out
    note: str | None  # how far along the current run is, or that it is at its cap

    @property
    def changed(self) -> bool:
        return self.hold != self.base

    def back_on(self) -> date | None:
        """The day a flagged exercise comes back into sessions."""
        if self.flagged is None:
            return None
        return self.flagged.when.date() + timedelta(days=PAIN_DAYS)


def ladder(span: Span, base: int) -> tuple[int, ...]:
    """The holds an exercise can progress through, from `base` up.

    Each rung is STEP_SECONDS more than the one before, but never past the range's next
    point (low, middle, high), so every point is visited; above the range, STEP_SECONDS
    more each time; the last rung is the cap, the range's top times CAP_SHARE (rounded
    down). From 20 in 20-30: 20, 25, 30, 35, 40, 45; from 3 in 3-5: 3, 4, 5, 7.
    """
    cap = max(base, int(span.high * CAP_SHARE))
    points = sorted({span.low, span.at(Level.INTERMEDIATE), span.high})
    rungs = [base]
    while rungs[-1] < cap:
        current = rungs[-1]
        step = current + STEP_SECONDS
        ahead = [point for point in points if point > current]
        rungs.append(min(step, ahead[0], cap) if ahead else min(step, cap))
    return tuple(rungs)


def _dates(ratings: Sequence[Rated]) -> str:
    return ", ".join(str(rated.when.date()) for rated in ratings)


def progress(
    exercise_id: str, span: Span, base: int, ratings: Iterable[Rated], now: datetime
) -> Progress:
    """The hold `exercise_id` has progressed to from `base`, and why."""
    ordered = tuple(sorted(ratings, key=lambda rated: rated.when))
    rungs = ladder(span, base)
    rung = 0
    run: list[Rated] = []  # easy or about right, in a row
    too_much: list[Rated] = []
    change: Change | None = None
    pain: Rated | None = None
    for rated in ordered:
        if rated.rating in _FINE:
            too_much = []
            run.append(rated)
            if len(run) == RUN_TO_GROW:
                if rung + 1 < len(rungs):
                    rung += 1
                    why = f"rated easy or about right {RUN_TO_GROW} sessions in a row"
                    change = Change(rated.when, rungs[rung - 1], rungs[rung], _reason(why, run))
                run = []
        elif rated.rating is Rating.TOO_MUCH:
            run = []
            too_much.append(rated)
            if len(too_much) == TOO_MUCH_TO_EASE:
                if rung > 0:
                    rung -= 1
                    why = f"rated too much {TOO_MUCH_TO_EASE} sessions in a row"
                    change = Change(
                        rated.when, rungs[rung + 1], rungs[rung], _reason(why, too_much)
                    )
                too_much = []
        else:
            run, too_much, pain = [], [], rated
    flagged = pain if pain is not None and now - pain.when < timedelta(days=PAIN_DAYS) else None
    note = _note(rungs, rung, run, ordered)
    return Progress(exercise_id, base, rungs[rung], ordered, change, flagged, note)


def _reason(why: str, ratings: Sequence[Rated]) -> str:
    return f"{why} ({_dates(ratings)})"


def _note(
    rungs: Sequence[int], rung: int, run: Sequence[Rated], ratings: Sequence[Rated]
) -> str | None:
    """What the next sessions can change, in a few words."""
    at_cap = rung == len(rungs) - 1 and len(rungs) > 1
    if at_cap and ratings and ratings[-1].rating in _FINE:
        return f"at its cap ({rungs[rung]}s)"
    if run:
        return f"{len(run)} of {RUN_TO_GROW} sessions in a row rated easy or about right"
    return None


class Adjusted(NamedTuple):
    """An exercise whose hold progression changed, for the plan to mark."""

    exercise: str
    name: str
    base: int
    hold: int
    reason: str


class LeftOut(NamedTuple):
    exercise: str
    name: str
    reason: str


class Progressed(NamedTuple):
    routine: Routine
    adjusted: tuple[Adjusted, ...]
    left_out: tuple[LeftOut, ...]


def progressed(
    routine: Routine,
    exercises: Mapping[str, Exercise],
    level: Level,
    ratings: Mapping[str, Sequence[Rated]],
    now: datetime,
) -> Progressed:
    """`routine` with each exercise item's hold set where its progress differs from its
    base, and the exercises flagged for pain left out (with the rest that went with them).

    The range is the item's `hold`, else the exercise's; its base is its value at `level`.
    An item whose exercise is not in `exercises` is left as it is.
    """
    adjusted: dict[str, Adjusted] = {}
    left_out: dict[str, LeftOut] = {}
    items = []
    for item in routine.items:
        exercise = exercises.get(item.exercise) if isinstance(item, ExerciseItem) else None
        if not isinstance(item, ExerciseItem) or exercise is None:
            items.append(item)
            continue
        span = item.hold or exercise.hold
        found = progress(exercise.id, span, span.at(level), ratings.get(exercise.id, ()), now)
        if found.flagged is not None:
            when = found.flagged.when.date()
            reason = f"rated pain on {when}; back on {found.back_on()}"
            left_out.setdefault(exercise.id, LeftOut(exercise.id, exercise.name, reason))
        elif found.changed:
            why = found.change.reason if found.change is not None else ""
            adjusted.setdefault(
                exercise.id, Adjusted(exercise.id, exercise.name, found.base, found.hold, why)
            )
            item = item._replace(hold=Span.fixed(found.hold))
        items.append(item)
    kept = without(routine._replace(items=tuple(items)), left_out)
    return Progressed(kept, tuple(adjusted.values()), tuple(left_out.values()))
