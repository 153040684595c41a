"""Holds that progress: pure folds over made-up check-in histories, no clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from stretchcli.core.model import (
    Exercise,
    ExerciseItem,
    Level,
    Origin,
    Rating,
    RestItem,
    Routine,
    Span,
)
from stretchcli.core.progression import Rated, ladder, progress, progressed

HERE = Origin("t.yaml", 1, 1)
DAY1 = datetime(2026, 11, 1, 8, 0, tzinfo=timezone.utc)
E, R, T, P = Rating.EASY, Rating.RIGHT, Rating.TOO_MUCH, Rating.PAIN


def history(*ratings: Rating, first: datetime = DAY1) -> list[Rated]:
    """One rating a day from `first`."""
    return [Rated(first + timedelta(days=n), rating) for n, rating in enumerate(ratings)]


def after(ratings: list[Rated], days: float = 1) -> datetime:
    return ratings[-1].when + timedelta(days=days)


def hold_after(*ratings: Rating) -> int:
    """The hold of a 20-30 s stretch, from 20 s, after these check-ins."""
    rated = history(*ratings)
    return progress("x", Span(20, 30), 20, rated, after(rated)).hold


def test_the_ladder_visits_every_point_of_the_range_then_steps_to_its_cap() -> None:
    assert ladder(Span(20, 30), 20) == (20, 25, 30, 35, 40, 45)
    assert ladder(Span(3, 5), 3) == (3, 4, 5, 7)
    assert ladder(Span(30, 60), 30) == tuple(range(30, 95, 5))
    assert ladder(Span(30, 30), 30) == (30, 35, 40, 45)
    assert ladder(Span(20, 30), 30) == (30, 35, 40, 45)  # advanced starts at the top


def test_three_easy_or_about_right_in_a_row_grow_the_hold_and_say_when() -> None:
    rated = history(E, R, E)
    found = progress("pigeon", Span(20, 30), 20, rated, after(rated))
    assert found.hold == 25
    assert found.changed
    assert found.change is not None
    assert (found.change.before, found.change.after) == (20, 25)
    assert "3 sessions in a row (2026-11-01, 2026-11-02, 2026-11-03)" in found.change.reason


def test_a_run_must_be_unbroken() -> None:
    assert hold_after(E, E) == 20
    assert hold_after(E, E, T, E) == 20
    assert hold_after(E, E, P, E, E) == 20  # pain resets the run too
    assert hold_after(E, E, E, E, E, E) == 30  # two runs: two rungs


def test_too_much_twice_in_a_row_steps_back_never_below_the_base() -> None:
    assert hold_after(E, E, E, T, T) == 20
    assert hold_after(E, E, E, T, E, T) == 25  # not in a row
    assert hold_after(T, T, T, T) == 20
    rated = history(E, E, E, E, E, E, T, T)
    found = progress("x", Span(20, 30), 20, rated, after(rated))
    assert found.hold == 25
    assert found.change is not None
    assert "too much 2 sessions in a row" in found.change.reason


def test_the_hold_stops_at_its_cap_and_says_so() -> None:
    rated = history(*[E] * 30)
    found = progress("x", Span(20, 30), 20, rated, after(rated))
    assert found.hold == 45
    assert found.note == "at its cap (45s)"


def test_a_note_says_how_far_along_the_run_is() -> None:
    rated = history(E, E, E, E, R)
    assert progress("x", Span(20, 30), 20, rated, after(rated)).note == (
        "2 of 3 sessions in a row rated easy or about right"
    )


def test_pain_flags_the_exercise_for_fourteen_days() -> None:
    rated = history(E, P)
    pain_day = rated[-1].when
    found = progress("x", Span(20, 30), 20, rated, pain_day + timedelta(days=13, hours=23))
    assert found.flagged == rated[-1]
    assert found.back_on() == date(2026, 11, 16)
    later = progress("x", Span(20, 30), 20, rated, pain_day + timedelta(days=14))
    assert later.flagged is None
    assert later.back_on() is None


def test_ratings_out_of_order_are_read_oldest_first() -> None:
    rated = history(T, T, E, E, E)  # eased first (nothing to ease), then grown
    shuffled = [rated[3], rated[0], rated[4], rated[2], rated[1]]
    found = progress("x", Span(20, 30), 20, shuffled, after(rated))
    assert found.ratings == tuple(rated)
    assert found.hold == 25


def exercise(ex_id: str, hold: Span | None = None) -> Exercise:
    return Exercise(ex_id, ex_id.title(), ("glutes",), hold or Span(20, 30), ("Do it",), HERE)


EXERCISES = {"a": exercise("a"), "b": exercise("b"), "c": exercise("c", Span(10, 10))}
ROUTINE = Routine(
    "r",
    "R",
    (
        ExerciseItem("a", HERE),
        RestItem(Span(10, 10)),
        ExerciseItem("b", HERE),
        RestItem(Span(10, 10)),
        ExerciseItem("c", HERE, hold=Span(40, 60)),
    ),
    HERE,
    progression=True,
)


def test_progressed_sets_holds_only_where_they_changed() -> None:
    ratings = {"a": history(E, E, E), "b": history(E, E)}
    now = DAY1 + timedelta(days=10)
    result = progressed(ROUTINE, EXERCISES, Level.BEGINNER, ratings, now)
    items = [item for item in result.routine.items if isinstance(item, ExerciseItem)]
    assert [item.hold for item in items] == [Span.fixed(25), None, Span(40, 60)]
    assert [(a.exercise, a.base, a.hold) for a in result.adjusted] == [("a", 20, 25)]
    assert result.left_out == ()


def test_progressed_honours_the_item_hold_and_the_level() -> None:
    ratings = {"c": history(E, E, E), "a": history(E, E, E)}
    now = DAY1 + timedelta(days=10)
    result = progressed(ROUTINE, EXERCISES, Level.ADVANCED, ratings, now)
    # c's item range is 40-60: advanced starts at 60, then 65; a's 20-30 starts at 30.
    assert [(a.exercise, a.base, a.hold) for a in result.adjusted] == [
        ("a", 30, 35),
        ("c", 60, 65),
    ]


def test_an_exercise_rated_pain_is_left_out_with_its_rest_and_why() -> None:
    ratings = {"b": history(E, P)}
    result = progressed(ROUTINE, EXERCISES, Level.BEGINNER, ratings, DAY1 + timedelta(days=3))
    assert result.routine.exercise_ids == ("a", "c")
    assert len(result.routine.items) == 3  # a, one rest, c
    (left,) = result.left_out
    assert (left.exercise, left.reason) == ("b", "rated pain on 2026-11-02; back on 2026-11-16")
    later = progressed(ROUTINE, EXERCISES, Level.BEGINNER, ratings, DAY1 + timedelta(days=20))
    assert later.routine.exercise_ids == ("a", "b", "c")
    assert later.left_out == ()


def test_an_unknown_exercise_is_left_as_it_is() -> None:
    routine = ROUTINE._replace(items=(ExerciseItem("gone", HERE),))
    result = progressed(routine, EXERCISES, Level.BEGINNER, {"gone": history(P)}, DAY1)
    assert result.routine == routine
