"""Holds that progress with check-ins (pure): a fold over each exercise's ratings.

An exercise's check-ins are read oldest first, and only those: a session that did
not rate it (no check-in asked, or none answered) says nothing about how it felt,
so it neither counts towards a run nor breaks one.

- RUN_TO_GROW ratings in a row of easy or about right move its hold one rung up
  its `ladder`, never past the cap;
- TOO_MUCH_TO_EASE ratings in a row of too much move it one rung down, never below
  its base (its range's value at the session's level);
- a pain rating resets both runs but leaves the rung: pain says "stop", not "shorter",
  so the exercise is left out of sessions for PAIN_DAYS and comes back where it was.

Nothing here reads a clock or the history: the ratings and `now` come in, so tests
use made-up histories.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import NamedTuple

from .catalog import without
from .model import Exercise, ExerciseItem, ExerciseRecord, Item, Level, Rating, Routine, Span

PAIN_DAYS = 14  # a pain rating keeps the exercise out of sessions this long
RUN_TO_GROW = 3  # sessions in a row rated easy or about right
TOO_MUCH_TO_EASE = 2  # too-much ratings in a row
STEP_SECONDS = 5
CAP_SHARE = 1.5  # the hold never passes the range's top times this

# About right counts with easy: a hold that feels right three times running is ready for more.
_FINE = frozenset({Rating.EASY, Rating.RIGHT})


class Rated(NamedTuple):
    """One session's check-in of one exercise."""

    when: datetime  # when that session started (aware); dates in reasons are when.date()
    rating: Rating


class Change(NamedTuple):
    """A move up or down the ladder, with the ratings that made it."""

    when: datetime  # the session whose rating made the change
    before: int
    after: int
    reason: str  # "rated too much twice in a row (2026-11-19, 2026-11-20)"


class Progress(NamedTuple):
    """Where an exercise's hold stands after its check-ins, and why."""

    exercise: str
    base: int  # the hold with no progression (the level's value)
    hold: int  # what the next session holds
    ratings: tuple[Rated, ...]  # oldest first
    change: Change | None  # the latest change, None when none happened
    flagged: Rated | None  # the latest pain rating, when within PAIN_DAYS of `now`
    # Why the hold is what it is when no change explains it ("at its cap (45s)"), or how
    # far along the current run is; None when there is nothing to say.
    note: str | None

    @property
    def changed(self) -> bool:
        """Whether the next session holds something other than the level's value."""
        return self.hold != self.base

    def back_on(self) -> date | None:
        """The day a flagged exercise comes back into sessions (None: it is not out)."""
        if self.flagged is None:
            return None
        return back_on(self.flagged.when)


def back_on(pain_on: datetime) -> date:
    """The local day an exercise rated pain at `pain_on` (aware) comes back: PAIN_DAYS
    days later, from its first moment, so the date said is the date it happens."""
    return pain_on.astimezone().date() + timedelta(days=PAIN_DAYS)


def kept_out(pain_on: datetime | None, now: datetime) -> bool:
    """Whether a pain rating at `pain_on` still keeps its exercise out at `now`. One dated
    after `now` came from a wrong clock: it keeps nothing out, or it could for months."""
    if pain_on is None or pain_on > now:
        return False
    return now.astimezone().date() < back_on(pain_on)


def ladder(span: Span, base: int) -> tuple[int, ...]:
    """The holds an exercise can progress through, from `base` up to its cap.

    A rung is STEP_SECONDS more than the one before, but stops at each point of the
    range (low, middle, high) on the way, so a beginner's hold passes through the
    values the exercise's author wrote for the other levels; above the range it is
    STEP_SECONDS more each time. The cap, the range's top times CAP_SHARE rounded down
    (never below `base`), keeps progression near what the author meant, and is always
    the last rung. From 20 in 20-30: 20, 25, 30, 35, 40, 45; from 3 in 3-5: 3, 4, 5, 7.
    """
    cap = max(base, math.floor(span.high * CAP_SHARE))
    points = (span.low, span.at(Level.INTERMEDIATE), span.high)
    rungs = [base]
    while rungs[-1] < cap:
        rungs.append(min(_next_rung(rungs[-1], points), cap))
    return tuple(rungs)


def _next_rung(current: int, points: Sequence[int]) -> int:
    """STEP_SECONDS on, or the next point of the range when that comes first."""
    ahead = [point for point in points if point > current]
    return min([current + STEP_SECONDS, *ahead])


class _Fold(NamedTuple):
    """How far the fold over one exercise's ratings has come."""

    rung: int = 0
    run: tuple[Rated, ...] = ()  # easy or about right, in a row
    too_much: tuple[Rated, ...] = ()  # too much, in a row
    change: Change | None = None
    pain: Rated | None = None  # the latest pain rating, however old
    moved: bool = False  # the latest rating made `change`


def progress(
    exercise_id: str, span: Span, base: int, ratings: Iterable[Rated], now: datetime
) -> Progress:
    """The hold `exercise_id` has progressed to from `base` in `span`, and why.

    `ratings` may come in any order (they are read oldest first; ties keep their order);
    sessions that did not rate the exercise are not among them, and need not be.
    """
    ordered = tuple(sorted(ratings, key=lambda rated: rated.when))
    rungs = ladder(span, base)
    fold = _Fold()
    for rated in ordered:
        fold = _folded(fold, rated, rungs)
    pain = fold.pain
    flagged = pain if pain is not None and kept_out(pain.when, now) else None
    note = _note(fold, rungs, ordered[-1] if ordered else None)
    return Progress(exercise_id, base, rungs[fold.rung], ordered, fold.change, flagged, note)


def _folded(fold: _Fold, rated: Rated, rungs: Sequence[int]) -> _Fold:
    """`fold` after one more rating."""
    fold = fold._replace(moved=False)
    if rated.rating in _FINE:
        return _after_fine(fold._replace(run=(*fold.run, rated), too_much=()), rungs)
    if rated.rating is Rating.TOO_MUCH:
        return _after_too_much(fold._replace(run=(), too_much=(*fold.too_much, rated)), rungs)
    return fold._replace(run=(), too_much=(), pain=rated)


def _after_fine(fold: _Fold, rungs: Sequence[int]) -> _Fold:
    """A full run goes up a rung, unless the hold is at its cap; either way the next run
    counts from one."""
    if len(fold.run) < RUN_TO_GROW:
        return fold
    if fold.rung + 1 >= len(rungs):
        return fold._replace(run=())
    why = f"rated easy or about right {_in_a_row(RUN_TO_GROW)}"
    return _moved(fold._replace(run=()), fold.rung + 1, rungs, why, fold.run)


def _after_too_much(fold: _Fold, rungs: Sequence[int]) -> _Fold:
    """Enough too-much in a row goes down a rung, never below the base."""
    if len(fold.too_much) < TOO_MUCH_TO_EASE:
        return fold
    if fold.rung == 0:
        return fold._replace(too_much=())
    why = f"rated too much {_in_a_row(TOO_MUCH_TO_EASE)}"
    return _moved(fold._replace(too_much=()), fold.rung - 1, rungs, why, fold.too_much)


def _moved(
    fold: _Fold, rung: int, rungs: Sequence[int], why: str, because: Sequence[Rated]
) -> _Fold:
    """`fold` on `rung`, with the change said: why, and the dates of the ratings."""
    dates = ", ".join(str(rated.when.date()) for rated in because)
    change = Change(because[-1].when, rungs[fold.rung], rungs[rung], f"{why} ({dates})")
    return fold._replace(rung=rung, change=change, moved=True)


def _in_a_row(count: int) -> str:
    return "twice in a row" if count == 2 else f"{count} sessions in a row"


def _note(fold: _Fold, rungs: Sequence[int], last: Rated | None) -> str | None:
    """What no change says: that a rating could not move the hold, or how far along a run is.

    None after a rating that made a change (the change says it) and after pain (the flag does).
    """
    if last is None or fold.moved or last.rating is Rating.PAIN:
        return None
    hold = rungs[fold.rung]
    if last.rating is Rating.TOO_MUCH:
        if fold.rung == 0:
            return f"at its base ({hold}s)"
        return f"{len(fold.too_much)} of {TOO_MUCH_TO_EASE} sessions in a row rated too much"
    if fold.rung == len(rungs) - 1:
        return f"at its cap ({hold}s)"
    return f"{len(fold.run)} of {RUN_TO_GROW} sessions in a row rated easy or about right"


class Adjusted(NamedTuple):
    """An exercise whose hold progression has moved (it may be back at its base), for the
    plan to mark and explain."""

    exercise: str
    name: str
    base: int
    hold: int
    reason: str  # the latest change's reason; the plan shows base and hold beside it
    before: int  # the hold before that change: below `hold` when it grew, above when eased

    @property
    def eased(self) -> bool:
        """The latest change took the hold back down (it may still be above its base)."""
        return self.hold < self.before


class LeftOut(NamedTuple):
    """An exercise left out of the session for a recent pain rating."""

    exercise: str
    name: str
    reason: str  # "rated pain on 2026-11-20; back on 2026-12-04"


class Progressed(NamedTuple):
    """A routine with progression applied, and what it changed."""

    routine: Routine
    adjusted: tuple[Adjusted, ...]  # each exercise once, in the routine's order
    left_out: tuple[LeftOut, ...]


def progressed(
    routine: Routine,
    exercises: Mapping[str, Exercise],
    level: Level,
    ratings: Mapping[str, Sequence[Rated]],
    now: datetime,
) -> Progressed:
    """`routine` with each exercise item's hold set where its progress differs from its
    base, and the items of exercises flagged for pain left out with the rest that went
    with them (catalog.without).

    The range is the item's hold, else the exercise's; the base is its value at `level`.
    An item whose exercise is not in `exercises` is left as it is. An exercise the
    routine uses twice appears once in `adjusted` or `left_out` (its first item).
    """
    adjusted: dict[str, Adjusted] = {}
    left_out: dict[str, LeftOut] = {}
    items: list[Item] = []
    for item in routine.items:
        exercise = exercises.get(item.exercise) if isinstance(item, ExerciseItem) else None
        if not isinstance(item, ExerciseItem) or exercise is None:
            items.append(item)
            continue
        # A routine's own hold for the item replaces the exercise's.
        rated = ratings.get(exercise.id, ())
        found = exercise_progress(exercise, level, rated, now, item.hold)
        if found.flagged is not None:
            why = f"rated pain on {found.flagged.when.date()}; back on {found.back_on()}"
            left_out.setdefault(exercise.id, LeftOut(exercise.id, exercise.name, why))
        elif found.change is not None or found.changed:
            # Also a hold taken back down to its base: the plan says why it went down.
            change = found.change
            reason, before = (change.reason, change.before) if change else ("", found.base)
            adjusted.setdefault(
                exercise.id,
                Adjusted(exercise.id, exercise.name, found.base, found.hold, reason, before),
            )
            if found.changed:
                item = item._replace(hold=Span.fixed(found.hold))
        items.append(item)
    kept = without(routine._replace(items=tuple(items)), left_out.keys())
    return Progressed(kept, tuple(adjusted.values()), tuple(left_out.values()))


def exercise_progress(
    exercise: Exercise,
    level: Level,
    ratings: Sequence[Rated],
    now: datetime,
    span: Span | None = None,
) -> Progress:
    """An exercise's progress from its base at `level` in `span` (a routine item's own
    hold), else in its own hold's range."""
    span = span if span is not None else exercise.hold
    return progress(exercise.id, span, span.at(level), ratings, now)


def progressed_library(
    exercises: Mapping[str, Exercise],
    level: Level,
    ratings: Mapping[str, Sequence[Rated]],
    now: datetime,
) -> dict[str, Exercise]:
    """The library with each exercise's hold at what progression will give it: what a
    session built to a length is timed with, so that it still fits once progressed."""
    held = dict(exercises)
    for key, rated in ratings.items():
        exercise = exercises.get(key)
        if exercise is None:
            continue
        found = exercise_progress(exercise, level, rated, now)
        if found.changed:
            held[key] = exercise._replace(hold=Span.fixed(found.hold))
    return held


# When a session rated an exercise more than once (rounds, or the same exercise twice),
# the worst of its check-ins is that session's: progression counts sessions, and one
# "too much" in a session is not outweighed by an "easy" in its next round.
_SEVERITY = (Rating.EASY, Rating.RIGHT, Rating.TOO_MUCH, Rating.PAIN)


def session_ratings(records: Iterable[ExerciseRecord]) -> dict[str, list[Rated]]:
    """Each exercise's check-ins from the history's rows (in any order), one per session
    (its worst), oldest first."""
    worst: dict[tuple[str, int], ExerciseRecord] = {}
    for record in sorted(records, key=lambda r: (r.started_utc, r.session_id, r.position)):
        if record.rating is None:
            continue
        key = (record.exercise_id, record.session_id)
        before = worst.get(key)
        if before is None or _SEVERITY.index(record.rating) > _SEVERITY.index(before.rating):
            worst[key] = record
    ratings: dict[str, list[Rated]] = {}
    for (exercise_id, _), record in worst.items():
        assert record.rating is not None
        ratings.setdefault(exercise_id, []).append(
            Rated(record.started_utc.astimezone(), record.rating)
        )
    return ratings
