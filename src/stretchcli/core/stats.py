"""Streaks, totals and the calendar, from recorded sessions.

Pure: today's date and the time zone are parameters, and nothing here reads a
clock or a database. Sessions are stored in UTC; every day here is a day in the
time zone given, so a session at 23:30 local time counts for that local day even
when it is already tomorrow in UTC. A `tz` of None means the system's local zone
(`datetime.astimezone()`, daylight saving included); the caller decides.

A day counts for a streak when at least one session on it was completed. Time
stretched is a session's `elapsed_seconds`: its length with pauses left out,
whatever way it ended (a session quit after ten minutes still stretched ten).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta, tzinfo
from typing import NamedTuple, Protocol

from .model import Exercise, Outcome
from .muscles import group_of

DAYS_PER_WEEK = 7
MONTH_DAYS = 30  # "the last 30 days": today and the 29 before
# Calendar shading: minutes stretched in a day from which levels 2, 3 and 4 start (any
# time at all is 1). Fixed, not relative to the busiest day, so one long session does
# not fade every other day and a day keeps its shade. The built-in routines take 4 to 21
# minutes: one short routine is a 2, the glutes routine a 3, two of them a 4.
LEVEL_MINUTES = (5, 10, 20)


class Recorded(Protocol):
    """What the statistics read of a recorded session (model.SessionRecord has it)."""

    @property
    def started_utc(self) -> datetime: ...

    @property
    def outcome(self) -> str: ...

    @property
    def elapsed_seconds(self) -> float: ...

    @property
    def muscle_seconds(self) -> Mapping[str, float]: ...


class CalendarDay(NamedTuple):
    day: date
    seconds: float  # time stretched that day
    level: int  # 0 (nothing) to 4 (20 minutes or more), for shading
    counted: bool  # a session completed that day: it counts for the streak


def local_day(record: Recorded, tz: tzinfo | None) -> date:
    """The day, in `tz`, on which a session started."""
    return record.started_utc.astimezone(tz).date()


def counted_days(records: Iterable[Recorded], tz: tzinfo | None) -> frozenset[date]:
    """The days on which at least one session was completed."""
    return frozenset(local_day(r, tz) for r in records if r.outcome == Outcome.COMPLETED)


def current_streak(records: Iterable[Recorded], today: date, tz: tzinfo | None) -> int:
    """Counted days in a row up to today, or up to yesterday while today has none yet."""
    days = counted_days(records, tz)
    day = today if today in days else today - timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return streak


def best_streak(records: Iterable[Recorded], tz: tzinfo | None) -> int:
    """The most counted days in a row, ever."""
    best = run = 0
    previous: date | None = None
    for day in sorted(counted_days(records, tz)):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        best = max(best, run)
        previous = day
    return best


def _seconds_between(
    records: Iterable[Recorded], first: date, last: date, tz: tzinfo | None
) -> float:
    """Time stretched (elapsed seconds) in sessions started from day `first` to `last`."""
    return sum(r.elapsed_seconds for r in records if first <= local_day(r, tz) <= last)


def seconds_this_week(records: Iterable[Recorded], today: date, tz: tzinfo | None) -> float:
    """Time stretched (elapsed seconds) this ISO week: Monday to today."""
    return _seconds_between(records, today - timedelta(days=today.weekday()), today, tz)


def seconds_last_30_days(records: Iterable[Recorded], today: date, tz: tzinfo | None) -> float:
    """Time stretched (elapsed seconds) today and in the 29 days before."""
    return _seconds_between(records, today - timedelta(days=MONTH_DAYS - 1), today, tz)


def minutes_per_muscle(
    records: Iterable[Recorded], since: date | None, tz: tzinfo | None
) -> list[tuple[str, float]]:
    """Minutes held per muscle group in sessions from day `since` (None: all), most first.

    Rows of older sessions name single muscles ("gluteus medius"): they count under their
    group ("glutes") too.
    """
    seconds: dict[str, float] = {}
    for record in records:
        if since is not None and local_day(record, tz) < since:
            continue
        for muscle, held in record.muscle_seconds.items():
            group = group_of(muscle)
            seconds[group] = seconds.get(group, 0.0) + held
    minutes = [(muscle, held / 60) for muscle, held in seconds.items() if held > 0]
    return sorted(minutes, key=lambda pair: (-pair[1], pair[0]))


def muscle_seconds(
    held_by_exercise: Mapping[str, float], exercises: Mapping[str, Exercise]
) -> dict[str, float]:
    """Seconds held per muscle group: each exercise's hold time counts once for each group
    its targets belong to (gluteus medius and minimus are both "glutes": counted once).

    Exercises not in `exercises` are left out; secondary muscles are not counted.
    """
    seconds: dict[str, float] = {}
    for exercise_id, held in held_by_exercise.items():
        exercise = exercises.get(exercise_id)
        if exercise is None:
            continue
        for group in dict.fromkeys(group_of(muscle) for muscle in exercise.target):
            seconds[group] = seconds.get(group, 0.0) + held
    return seconds


def calendar(
    records: Iterable[Recorded], today: date, tz: tzinfo | None, weeks: int = 12
) -> list[list[CalendarDay | None]]:
    """The last `weeks` weeks as GitHub draws contributions.

    Seven rows (Monday to Sunday) of `weeks` columns, oldest week first, the last
    column this week; days after today are None. A day's level is 0 with no time
    stretched, else 1, rising to 2, 3 and 4 at LEVEL_MINUTES (a completed session
    of no length still makes a 1, since the day counts).
    """
    if weeks < 1:
        raise ValueError(f"weeks must be at least 1, got {weeks}")
    first = today - timedelta(days=today.weekday() + DAYS_PER_WEEK * (weeks - 1))
    seconds: dict[date, float] = {}
    completed: set[date] = set()
    for record in records:
        day = local_day(record, tz)
        if first <= day <= today:
            seconds[day] = seconds.get(day, 0.0) + record.elapsed_seconds
            if record.outcome == Outcome.COMPLETED:
                completed.add(day)

    def cell(day: date) -> CalendarDay | None:
        if day > today:
            return None
        stretched = seconds.get(day, 0.0)
        counted = day in completed
        level = 0
        if stretched > 0 or counted:
            level = 1 + sum(stretched >= minutes * 60 for minutes in LEVEL_MINUTES)
        return CalendarDay(day, stretched, level, counted)

    return [
        [cell(first + timedelta(days=DAYS_PER_WEEK * week + weekday)) for week in range(weeks)]
        for weekday in range(DAYS_PER_WEEK)
    ]
