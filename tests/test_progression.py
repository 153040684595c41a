"""Holds that progress: pure folds over made-up check-in histories, no clock."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from stretchcli.core.model import (
    Exercise,
    ExerciseItem,
    ExerciseRecord,
    Level,
    Origin,
    Rating,
    RestItem,
    Routine,
    Span,
    TimerItem,
)
from stretchcli.core.progression import (
    PAIN_DAYS,
    Progress,
    Rated,
    ladder,
    progress,
    progressed,
    session_ratings,
)

HERE = Origin("t.yaml", 1, 1)
DAY1 = datetime(2026, 11, 1, 8, 0, tzinfo=timezone.utc)
E, R, T, P = Rating.EASY, Rating.RIGHT, Rating.TOO_MUCH, Rating.PAIN
STRETCH = Span(20, 30)  # most tests: a 20-30 s stretch at beginner level, from 20 s


def history(*ratings: Rating, first: datetime = DAY1) -> list[Rated]:
    """One rating a day, from `first`."""
    return [Rated(first + timedelta(days=n), rating) for n, rating in enumerate(ratings)]


def after(ratings: list[Rated], days: float = 1) -> datetime:
    return ratings[-1].when + timedelta(days=days)


def progress_of(*ratings: Rating) -> Progress:
    """The 20-30 s stretch, from 20 s, the day after these daily check-ins."""
    rated = history(*ratings)
    now = after(rated) if rated else DAY1
    return progress("x", STRETCH, 20, rated, now)


def hold_after(*ratings: Rating) -> int:
    return progress_of(*ratings).hold


# -- the ladder ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("span", "base", "rungs"),
    [
        (Span(20, 30), 20, (20, 25, 30, 35, 40, 45)),
        (Span(3, 5), 3, (3, 4, 5, 7)),  # 4 is the middle, 7 is 5 x 1.5 rounded down
        (Span(30, 60), 30, (30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)),
        (Span(20, 30), 25, (25, 30, 35, 40, 45)),  # intermediate starts at the middle
        (Span(20, 30), 30, (30, 35, 40, 45)),  # advanced starts at the top
        (Span(30, 30), 30, (30, 35, 40, 45)),  # no range: steps from the start
        # Middle 26 and top 31 are both rungs; the cap 46 (31 x 1.5 = 46.5) ends it short of
        # a full step.
        (Span(20, 31), 20, (20, 25, 26, 31, 36, 41, 46)),
    ],
)
def test_the_ladder_visits_every_point_of_the_range_then_steps_to_its_cap(
    span: Span, base: int, rungs: tuple[int, ...]
) -> None:
    assert ladder(span, base) == rungs


def test_the_ladder_never_passes_its_cap_and_a_base_above_it_is_the_only_rung() -> None:
    assert max(ladder(Span(10, 45), 10)) == 67  # 45 x 1.5 = 67.5, rounded down
    assert ladder(Span(3, 5), 9) == (9,)
    assert ladder(Span(1, 1), 1) == (1,)  # 1 x 1.5 rounds down to 1: nowhere to go


# -- growing ------------------------------------------------------------------------------


def test_three_easy_or_about_right_in_a_row_grow_one_rung_and_name_the_dates() -> None:
    found = progress_of(E, R, E)
    assert found.hold == 25
    assert found.base == 20
    assert found.changed
    assert found.change is not None
    assert (found.change.before, found.change.after) == (20, 25)
    assert found.change.when == DAY1 + timedelta(days=2)
    assert found.change.reason == (
        "rated easy or about right 3 sessions in a row (2026-11-01, 2026-11-02, 2026-11-03)"
    )
    assert found.note is None  # the change says why


def test_no_ratings_no_change() -> None:
    found = progress_of()
    assert (found.hold, found.change, found.flagged, found.note) == (20, None, None, None)
    assert not found.changed


def test_a_run_broken_by_too_much_does_not_grow() -> None:
    assert hold_after(E, E) == 20
    assert hold_after(E, E, T, E) == 20
    assert hold_after(E, E, T, E, E, E) == 25  # a new run of three after it


def test_six_easy_in_a_row_grow_two_rungs() -> None:
    found = progress_of(E, E, E, E, E, E)
    assert found.hold == 30
    assert found.change is not None
    assert (found.change.before, found.change.after) == (25, 30)
    assert "(2026-11-04, 2026-11-05, 2026-11-06)" in found.change.reason


def test_days_without_a_check_in_do_not_break_a_run() -> None:
    rated = [Rated(DAY1 + timedelta(days=days), E) for days in (0, 9, 30)]
    assert progress("x", STRETCH, 20, rated, after(rated)).hold == 25


# -- easing -------------------------------------------------------------------------------


def test_too_much_twice_in_a_row_steps_back_one_rung() -> None:
    found = progress_of(E, E, E, E, E, E, T, T)
    assert found.hold == 25
    assert found.change is not None
    assert (found.change.before, found.change.after) == (30, 25)
    assert found.change.reason == "rated too much twice in a row (2026-11-07, 2026-11-08)"


def test_too_much_must_be_in_a_row() -> None:
    assert hold_after(E, E, E, T, E, T) == 25
    assert hold_after(E, E, E, T, T) == 20


def test_too_much_never_goes_below_the_base() -> None:
    found = progress_of(T, T, T, T)
    assert found.hold == 20
    assert found.change is None
    assert not found.changed
    assert found.note == "at its base (20s)"
    assert hold_after(E, E, E, T, T, T, T) == 20


# -- pain ---------------------------------------------------------------------------------


def test_pain_flags_the_exercise_until_the_local_day_fourteen_days_on() -> None:
    rated = history(E, P)
    pain_at = rated[-1].when.astimezone()  # local time, as the person reads the date
    back = pain_at.date() + timedelta(days=PAIN_DAYS)
    first_moment = datetime.combine(back, time(0), tzinfo=pain_at.tzinfo)
    within = progress("x", STRETCH, 20, rated, first_moment - timedelta(minutes=1))
    assert within.flagged == rated[-1]
    assert within.back_on() == back  # the date said is the day it is back
    on_the_day = progress("x", STRETCH, 20, rated, first_moment)
    assert on_the_day.flagged is None
    assert on_the_day.back_on() is None
    assert progress("x", STRETCH, 20, rated, pain_at + timedelta(days=40)).flagged is None


def test_a_pain_rating_dated_after_now_keeps_nothing_out() -> None:
    rated = history(E, P)  # the pain on DAY1 + 1 day, 08:00
    before_it = rated[-1].when - timedelta(hours=1)  # a clock that was wrong once
    assert progress("x", STRETCH, 20, rated, before_it).flagged is None
    assert progress("x", STRETCH, 20, rated, rated[-1].when).flagged == rated[-1]


def test_the_latest_pain_is_the_one_flagged() -> None:
    rated = history(P, E, P, E)
    found = progress("x", STRETCH, 20, rated, after(rated))
    assert found.flagged == rated[2]
    assert found.back_on() == date(2026, 11, 17)


def test_pain_resets_both_runs_and_keeps_the_rung() -> None:
    assert hold_after(E, E, P, E, E) == 20
    assert hold_after(E, E, E, T, P, T) == 25
    found = progress_of(E, E, E, P)
    assert found.hold == 25
    assert found.note is None


# -- order, the cap and notes ---------------------------------------------------------


def test_ratings_out_of_order_are_read_oldest_first() -> None:
    rated = history(T, T, E, E, E)  # at the base first (nothing to ease), then grown
    shuffled = [rated[3], rated[0], rated[4], rated[2], rated[1]]
    found = progress("x", STRETCH, 20, shuffled, after(rated))
    assert found.ratings == tuple(rated)
    assert found.hold == 25


def test_ratings_of_the_same_moment_keep_their_order() -> None:
    two, three = DAY1 + timedelta(days=1), DAY1 + timedelta(days=2)
    grown = [Rated(DAY1, E), Rated(two, E), Rated(three, E), Rated(three, T)]
    broken = [Rated(DAY1, E), Rated(two, E), Rated(three, T), Rated(three, E)]
    assert progress("x", STRETCH, 20, grown, after(grown)).hold == 25
    assert progress("x", STRETCH, 20, broken, after(broken)).hold == 20


def test_at_the_cap_a_run_of_easy_leaves_it_there_and_says_so() -> None:
    found = progress_of(*[E] * 15)  # five runs: 25, 30, 35, 40, 45
    assert found.hold == 45
    assert found.change is not None
    assert found.change.after == 45
    assert found.note is None  # the change that reached the cap says why
    more = progress_of(*[E] * 18)
    assert more.hold == 45
    assert more.change == found.change
    assert more.note == "at its cap (45s)"


def test_a_note_says_how_far_along_a_run_is() -> None:
    assert progress_of(E, E, E, E, R).note == "2 of 3 sessions in a row rated easy or about right"
    assert progress_of(E).note == "1 of 3 sessions in a row rated easy or about right"
    assert progress_of(E, E, E, T).note == "1 of 2 sessions in a row rated too much"


# -- a routine, progressed ------------------------------------------------------------


def exercise(ex_id: str, hold: Span = STRETCH) -> Exercise:
    return Exercise(ex_id, ex_id.title(), ("glutes",), hold, ("Do it",), HERE)


EXERCISES = {"a": exercise("a"), "b": exercise("b"), "c": exercise("c", Span(10, 10))}
REST = RestItem(Span(10, 10))
ROUTINE = Routine(
    "r",
    "R",
    (
        ExerciseItem("a", HERE),
        REST,
        ExerciseItem("b", HERE),
        REST,
        ExerciseItem("c", HERE, hold=Span(40, 60)),
    ),
    HERE,
    progression=True,
)
LATER = DAY1 + timedelta(days=10)


def holds(routine: Routine) -> list[Span | None]:
    return [item.hold for item in routine.items if isinstance(item, ExerciseItem)]


def test_progressed_sets_holds_only_where_they_changed() -> None:
    ratings = {"a": history(E, E, E), "b": history(E, E)}
    result = progressed(ROUTINE, EXERCISES, Level.BEGINNER, ratings, LATER)
    assert holds(result.routine) == [Span.fixed(25), None, Span(40, 60)]
    assert result.routine.items[1::2] == (REST, REST)
    (adjusted,) = result.adjusted
    assert (adjusted.exercise, adjusted.name, adjusted.base, adjusted.hold) == ("a", "A", 20, 25)
    assert adjusted.reason.startswith("rated easy or about right 3 sessions in a row (")
    assert result.left_out == ()


def test_progressed_without_ratings_is_the_routine_itself() -> None:
    assert progressed(ROUTINE, EXERCISES, Level.BEGINNER, {}, LATER).routine == ROUTINE


def test_a_hold_grown_twice_then_eased_once_is_marked_eased_from_the_hold_before() -> None:
    ratings = {"a": history(E, E, E, E, E, E, T, T)}  # 20 -> 25 -> 30, then back to 25
    (adjusted,) = progressed(ROUTINE, EXERCISES, Level.BEGINNER, ratings, LATER).adjusted
    assert (adjusted.base, adjusted.before, adjusted.hold) == (20, 30, 25)
    assert adjusted.eased
    assert adjusted.reason.startswith("rated too much twice in a row")


def test_a_hold_grown_twice_is_marked_grown_from_the_rung_before() -> None:
    ratings = {"a": history(E, E, E, E, E, E)}
    (adjusted,) = progressed(ROUTINE, EXERCISES, Level.BEGINNER, ratings, LATER).adjusted
    assert (adjusted.base, adjusted.before, adjusted.hold, adjusted.eased) == (20, 25, 30, False)


def test_a_hold_grown_then_eased_back_to_its_base_keeps_the_routine_and_says_why() -> None:
    ratings = {"a": history(E, E, E, T, T)}
    result = progressed(ROUTINE, EXERCISES, Level.BEGINNER, ratings, LATER)
    assert result.routine == ROUTINE
    (eased,) = result.adjusted
    assert (eased.base, eased.before, eased.hold, eased.eased) == (20, 25, 20, True)
    assert eased.reason.startswith("rated too much twice in a row")


@pytest.mark.parametrize(
    ("level", "a_hold", "c_hold"),
    [
        (Level.BEGINNER, (20, 25), (40, 45)),  # the range's low end, then a step
        (Level.INTERMEDIATE, (25, 30), (50, 55)),  # the middle
        (Level.ADVANCED, (30, 35), (60, 65)),  # the high end
    ],
)
def test_progressed_starts_from_the_level_and_honours_the_item_hold(
    level: Level, a_hold: tuple[int, int], c_hold: tuple[int, int]
) -> None:
    # c is a 10 s exercise; the routine's item holds it 40-60 s, and that range counts.
    ratings = {"a": history(E, E, E), "c": history(E, E, E)}
    result = progressed(ROUTINE, EXERCISES, level, ratings, LATER)
    assert [(a.exercise, a.base, a.hold) for a in result.adjusted] == [
        ("a", *a_hold),
        ("c", *c_hold),
    ]
    assert holds(result.routine) == [Span.fixed(a_hold[1]), None, Span.fixed(c_hold[1])]


def test_an_exercise_rated_pain_is_left_out_with_its_rest_and_why() -> None:
    ratings = {"b": history(E, P), "a": history(E, E, E)}
    result = progressed(ROUTINE, EXERCISES, Level.BEGINNER, ratings, DAY1 + timedelta(days=3))
    assert result.routine.items == (
        ExerciseItem("a", HERE, hold=Span.fixed(25)),
        REST,
        ExerciseItem("c", HERE, hold=Span(40, 60)),
    )
    (left,) = result.left_out
    assert left == ("b", "B", "rated pain on 2026-11-02; back on 2026-11-16")
    assert [a.exercise for a in result.adjusted] == ["a"]


def test_a_flagged_exercise_comes_back_after_fourteen_days() -> None:
    ratings = {"b": history(E, P)}
    later = progressed(ROUTINE, EXERCISES, Level.BEGINNER, ratings, DAY1 + timedelta(days=20))
    assert later.routine == ROUTINE
    assert later.left_out == ()


def test_a_grown_exercise_rated_pain_is_left_out_not_adjusted() -> None:
    ratings = {"a": history(E, E, E, P)}
    result = progressed(ROUTINE, EXERCISES, Level.BEGINNER, ratings, LATER)
    assert result.routine.exercise_ids == ("b", "c")
    assert result.adjusted == ()
    assert [x.exercise for x in result.left_out] == ["a"]


def test_an_exercise_used_twice_is_said_once() -> None:
    routine = ROUTINE._replace(
        items=(
            ExerciseItem("a", HERE),
            TimerItem("breathe", Span(30, 30)),
            ExerciseItem("a", HERE),
            ExerciseItem("b", HERE),
            REST,
            ExerciseItem("b", HERE),
        )
    )
    ratings = {"a": history(E, E, E), "b": history(P)}
    result = progressed(routine, EXERCISES, Level.BEGINNER, ratings, DAY1 + timedelta(days=2))
    assert [a.exercise for a in result.adjusted] == ["a"]
    assert [x.exercise for x in result.left_out] == ["b"]
    assert result.routine.items == (
        ExerciseItem("a", HERE, hold=Span.fixed(25)),
        TimerItem("breathe", Span(30, 30)),
        ExerciseItem("a", HERE, hold=Span.fixed(25)),
    )


def test_an_unknown_exercise_is_left_as_it_is() -> None:
    routine = ROUTINE._replace(items=(ExerciseItem("gone", HERE), REST, ExerciseItem("a", HERE)))
    ratings = {"gone": history(P), "a": history(P)}
    result = progressed(routine, EXERCISES, Level.BEGINNER, ratings, DAY1)
    assert result.routine.items == (ExerciseItem("gone", HERE),)
    assert [x.exercise for x in result.left_out] == ["a"]


# -- the history's rows as check-ins ---------------------------------------------------------


def row(
    session: int, day: int, exercise: str, rating: Rating | None, position: int = 1
) -> ExerciseRecord:
    when = DAY1 + timedelta(days=day)
    return ExerciseRecord(session, when, "r", position, exercise, "both", 20, 20, True, rating)


def test_session_ratings_are_one_per_session_the_worst_oldest_first_in_any_order() -> None:
    rows = [
        row(1, 0, "a", E, 1), row(1, 0, "a", T, 2), row(1, 0, "a", E, 3),  # rounds
        row(2, 1, "a", None), row(2, 1, "b", R),
        row(3, 2, "a", P, 1), row(3, 2, "a", T, 2),
    ]  # fmt: skip
    expected = {
        "a": [
            Rated(rows[0].started_utc.astimezone(), T),
            Rated(rows[5].started_utc.astimezone(), P),
        ],
        "b": [Rated(rows[4].started_utc.astimezone(), R)],
    }
    assert session_ratings(rows) == expected
    assert session_ratings(reversed(rows)) == expected  # the history gives newest first
