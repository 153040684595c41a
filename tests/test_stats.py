"""Streaks, totals and the calendar: midnight, time zones, gaps, and what does not count."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from stretchcli.core import stats
from stretchcli.core.model import Exercise, Origin, SessionRecord, Span

UTC = timezone.utc
EAST = timezone(timedelta(hours=13))  # UTC+13 (Tonga)
WEST = timezone(timedelta(hours=-10))  # UTC-10 (Hawaii)
NEW_YORK_WINTER = timezone(timedelta(hours=-5))


def session(
    started: datetime,
    outcome: str = "completed",
    elapsed: float = 600.0,
    muscles: dict[str, float] | None = None,
) -> SessionRecord:
    return SessionRecord(
        id=0,
        routine_id="glutes",
        routine_name="Glutes",
        level="beginner",
        started_utc=started.astimezone(UTC),
        ended_utc=None if outcome == "unfinished" else started + timedelta(seconds=elapsed),
        planned_seconds=600,
        held_seconds=elapsed / 2,
        exercises_done=3,
        exercises_skipped=0,
        exercises_total=3,
        elapsed_seconds=0.0 if outcome == "unfinished" else elapsed,
        outcome=outcome,
        muscle_seconds=muscles or {},
    )


def on(
    day: date,
    hour: int = 8,
    minute: int = 0,
    tz: timezone = UTC,
    outcome: str = "completed",
    elapsed: float = 600.0,
    muscles: dict[str, float] | None = None,
) -> SessionRecord:
    """A session started on `day` at `hour`:`minute` in `tz`."""
    started = datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)
    return session(started, outcome, elapsed, muscles)


TODAY = date(2024, 5, 15)  # a Wednesday


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


# -- streaks ---------------------------------------------------------------------------


def test_no_sessions_no_streak() -> None:
    assert stats.current_streak([], TODAY, UTC) == 0
    assert stats.best_streak([], UTC) == 0


def test_consecutive_days_up_to_today() -> None:
    records = [on(days_ago(n)) for n in range(4)]
    assert stats.current_streak(records, TODAY, UTC) == 4
    assert stats.best_streak(records, UTC) == 4


def test_today_empty_the_streak_runs_on_from_yesterday() -> None:
    records = [on(days_ago(n)) for n in range(1, 4)]
    assert stats.current_streak(records, TODAY, UTC) == 3


def test_a_missed_yesterday_ends_the_streak() -> None:
    records = [on(days_ago(n)) for n in range(2, 6)]
    assert stats.current_streak(records, TODAY, UTC) == 0
    assert stats.best_streak(records, UTC) == 4


def test_gaps_split_streaks_and_the_best_is_the_longest_run() -> None:
    ran = [0, 1, 3, 4, 5, 6, 7, 9, 10]
    records = [on(days_ago(n)) for n in ran]
    assert stats.current_streak(records, TODAY, UTC) == 2
    assert stats.best_streak(records, UTC) == 5


def test_several_sessions_a_day_count_that_day_once() -> None:
    records = [on(TODAY, hour) for hour in (7, 12, 21)] + [on(days_ago(1))]
    assert stats.current_streak(records, TODAY, UTC) == 2
    assert stats.best_streak(records, UTC) == 2
    assert stats.seconds_this_week(records, TODAY, UTC) == 4 * 600


@pytest.mark.parametrize("outcome", ["quit", "interrupted", "terminated", "unfinished"])
def test_only_sessions_that_did_not_complete_do_not_count(outcome: str) -> None:
    records = [on(days_ago(n), outcome=outcome) for n in range(5)]
    assert stats.current_streak(records, TODAY, UTC) == 0
    assert stats.best_streak(records, UTC) == 0


def test_one_completed_session_makes_the_day_count() -> None:
    records = [on(TODAY, 7, outcome="quit"), on(TODAY, 9), on(days_ago(1), outcome="interrupted")]
    assert stats.current_streak(records, TODAY, UTC) == 1


def test_an_unfinished_row_neither_counts_nor_adds_time() -> None:
    records = [on(TODAY, outcome="unfinished"), on(days_ago(1))]
    assert stats.current_streak(records, TODAY, UTC) == 1  # from yesterday
    assert stats.seconds_this_week(records, TODAY, UTC) == 600


def test_a_session_at_2330_local_counts_for_the_local_day_not_the_utc_one() -> None:
    # 23:30 on 14 May in New York (UTC-5) is 04:30 on 15 May in UTC.
    late = on(days_ago(1), 23, 30, tz=NEW_YORK_WINTER)
    assert late.started_utc.date() == TODAY
    assert stats.local_day(late, NEW_YORK_WINTER) == days_ago(1)
    records = [late, on(days_ago(2), 20, tz=NEW_YORK_WINTER)]
    assert stats.current_streak(records, TODAY, NEW_YORK_WINTER) == 2
    # Read in UTC the same sessions fall on 15 and 14 May: a streak of 2 ending today.
    assert stats.counted_days(records, UTC) == {TODAY, days_ago(1)}


def test_just_after_midnight_local_is_the_new_day() -> None:
    plus_two = timezone(timedelta(hours=2))
    early = on(TODAY, 0, 30, tz=plus_two)  # 22:30 UTC the day before
    assert early.started_utc.date() == days_ago(1)
    assert stats.counted_days([early], plus_two) == {TODAY}
    assert stats.current_streak([early], TODAY, plus_two) == 1


def test_the_same_moments_make_different_streaks_in_far_apart_time_zones() -> None:
    # 11:30 UTC on 1, 2 and 3 May: 00:30 on 2-4 May at UTC+13, 01:30 on 1-3 May at UTC-10.
    records = [session(datetime(2024, 5, day, 11, 30, tzinfo=UTC)) for day in (1, 2, 3)]
    assert stats.counted_days(records, EAST) == {date(2024, 5, d) for d in (2, 3, 4)}
    assert stats.counted_days(records, WEST) == {date(2024, 5, d) for d in (1, 2, 3)}
    assert stats.current_streak(records, date(2024, 5, 5), EAST) == 3
    assert stats.current_streak(records, date(2024, 5, 5), WEST) == 0
    assert stats.best_streak(records, EAST) == stats.best_streak(records, WEST) == 3


def test_none_means_the_system_local_zone() -> None:
    record = on(TODAY, 12)
    expected = record.started_utc.astimezone().date()
    assert stats.local_day(record, None) == expected


# -- totals ----------------------------------------------------------------------------


def test_this_week_is_monday_to_today() -> None:
    monday = TODAY - timedelta(days=TODAY.weekday())
    records = [
        on(monday - timedelta(days=1), 23, 59, elapsed=1000),  # last Sunday
        on(monday, 0, 0, elapsed=100),
        on(TODAY, 23, 59, elapsed=20),
        on(TODAY + timedelta(days=1), elapsed=5000),  # not yet
        on(monday, outcome="quit", elapsed=3),  # time stretched counts, however it ended
    ]
    assert stats.seconds_this_week(records, TODAY, UTC) == 123


def test_this_week_on_a_monday_is_just_today() -> None:
    monday = date(2024, 5, 13)
    records = [on(monday, elapsed=60), on(monday - timedelta(days=1), elapsed=600)]
    assert stats.seconds_this_week(records, monday, UTC) == 60


def test_the_week_follows_the_local_day() -> None:
    # Sunday 12 May 23:00 at UTC-10 is Monday 13 May 09:00 UTC.
    sunday_night = on(date(2024, 5, 12), 23, tz=WEST, elapsed=300)
    assert stats.seconds_this_week([sunday_night], TODAY, WEST) == 0
    assert stats.seconds_this_week([sunday_night], TODAY, UTC) == 300


def test_last_30_days_is_today_and_the_29_before() -> None:
    records = [
        on(days_ago(29), elapsed=1),
        on(days_ago(30), elapsed=10),
        on(TODAY, elapsed=100),
        on(days_ago(3), outcome="interrupted", elapsed=1000),
    ]
    assert stats.seconds_last_30_days(records, TODAY, UTC) == 1101


def test_minutes_per_muscle_most_first_since_a_day() -> None:
    records = [
        on(TODAY, muscles={"glutes": 120.0, "hamstrings": 30.0}),
        on(days_ago(1), muscles={"glutes": 60.0, "adductors": 90.0, "calves": 0.0}),
        on(days_ago(40), muscles={"hamstrings": 6000.0}),
    ]
    assert stats.minutes_per_muscle(records, days_ago(29), UTC) == [
        ("glutes", 3.0),
        ("adductors", 1.5),
        ("hamstrings", 0.5),
    ]
    assert stats.minutes_per_muscle(records, None, UTC)[0] == ("hamstrings", 100.5)
    tie = [on(TODAY, muscles={"b": 60.0, "a": 60.0})]
    assert stats.minutes_per_muscle(tie, None, UTC) == [("a", 1.0), ("b", 1.0)]


def _exercise(exercise_id: str, *target: str) -> Exercise:
    origin = Origin("routines.yaml", 1, 1, builtin=True)
    return Exercise(exercise_id, exercise_id, target, Span.fixed(30), ("hold",), origin)


def test_muscle_seconds_from_the_time_held_per_exercise() -> None:
    exercises = {
        "pigeon": _exercise("pigeon", "glutes", "hip rotators"),
        "figure-four": _exercise("figure-four", "glutes"),
        "hamstring": _exercise("hamstring", "hamstrings", "hamstrings"),
    }
    held = {"pigeon": 60.0, "figure-four": 30.5, "hamstring": 20.0, "gone": 99.0}
    # The hip rotators are part of the glutes: pigeon's minute counts once, for the glutes.
    assert stats.muscle_seconds(held, exercises) == {"glutes": 90.5, "hamstrings": 20.0}
    # A muscle the vocabulary does not know is counted under its own name.
    odd = {"odd": _exercise("odd", "funny bone")}
    assert stats.muscle_seconds({"odd": 5.0}, odd) == {"funny bone": 5.0}


# -- the calendar ----------------------------------------------------------------------


def test_calendar_is_seven_rows_of_twelve_weeks_ending_this_week() -> None:
    grid = stats.calendar([], TODAY, UTC)
    assert len(grid) == 7
    assert all(len(row) == 12 for row in grid)
    monday = TODAY - timedelta(days=TODAY.weekday())
    first = grid[0][0]
    assert first is not None
    assert first.day == monday - timedelta(weeks=11)
    today_cell = grid[TODAY.weekday()][-1]
    assert today_cell == stats.CalendarDay(TODAY, 0.0, 0, False)
    # Every day is one later than the one above it, Monday to Sunday, week after week.
    days = [grid[row][week] for week in range(12) for row in range(7)]
    shown = [cell.day for cell in days if cell is not None]
    assert shown == [first.day + timedelta(days=n) for n in range(len(shown))]
    # Thursday to Sunday of this week are still to come.
    assert [grid[row][-1] for row in range(TODAY.weekday() + 1, 7)] == [None] * 4
    assert all(cell is not None for row in grid for cell in row[:-1])


def test_calendar_levels_shade_by_minutes_stretched() -> None:
    records = [
        on(TODAY, elapsed=20 * 60),  # 20 minutes: 4
        on(days_ago(1), elapsed=5 * 60 - 1),  # under 5: 1
        on(days_ago(2), elapsed=5 * 60),  # 5 to 10: 2
        on(days_ago(3), elapsed=10 * 60, outcome="quit"),  # 10 to 20: 3, not counted
        on(days_ago(4), elapsed=15 * 60),
        on(days_ago(4), elapsed=5 * 60),  # two sessions make 20 minutes: 4
        on(days_ago(5), elapsed=0),  # completed with no time: still shown
        on(days_ago(6), outcome="unfinished"),
        on(TODAY - timedelta(weeks=12), elapsed=600),  # before the calendar
        on(TODAY + timedelta(days=1), elapsed=600),  # after today
    ]
    grid = stats.calendar(records, TODAY, UTC)
    cells = {cell.day: cell for row in grid for cell in row if cell is not None}
    assert [(cells[days_ago(n)].level, cells[days_ago(n)].counted) for n in range(8)] == [
        (4, True),
        (1, True),
        (2, True),
        (3, False),
        (4, True),
        (1, True),
        (0, False),
        (0, False),
    ]
    assert cells[days_ago(4)].seconds == 20 * 60
    assert len(cells) == 7 * 11 + TODAY.weekday() + 1
    assert sum(cell.seconds for cell in cells.values()) == (20 + 5 + 5 + 10 + 20) * 60 - 1


def test_calendar_days_are_local_days() -> None:
    late = on(TODAY, 23, 30, tz=WEST)  # already tomorrow in UTC
    grid = stats.calendar([late], TODAY, WEST)
    today_cell = grid[TODAY.weekday()][-1]
    assert today_cell is not None
    assert (today_cell.seconds, today_cell.level, today_cell.counted) == (600.0, 3, True)


def test_calendar_of_one_week_and_no_weeks() -> None:
    grid = stats.calendar([on(TODAY)], TODAY, UTC, weeks=1)
    assert [len(row) for row in grid] == [1] * 7
    with pytest.raises(ValueError, match="at least 1"):
        stats.calendar([], TODAY, UTC, weeks=0)
