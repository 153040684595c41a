"""The check-in after each exercise: one key rates it, p ends a hold; driven by a fake clock."""

from __future__ import annotations

from stretchcli.core.engine import Command, Rated, StepStarted, advance, start, summary
from stretchcli.core.model import (
    Exercise,
    ExerciseItem,
    Origin,
    Plan,
    Rating,
    RestItem,
    Routine,
    Sides,
    Span,
    StepKind,
)
from stretchcli.core.timeline import CHECKIN_SECONDS, build_plan, with_checkins
from stretchcli.ui.keys import parse_keys

HERE = Origin("test.yaml", 1, 1)


def exercise(ex_id: str, **fields: object) -> Exercise:
    base = Exercise(ex_id, ex_id.title(), ("glutes",), Span(10, 10), ("Do it",), HERE)
    return base._replace(**fields)


# a: prep 5, hold right 10, switch 5, hold left 10, check-in 6   (0..36)
# rest 4                                                        (36..40)
# b: prep 5, hold 8, check-in 6                                 (40..59)
ROUTINE = Routine(
    "r",
    "R",
    (ExerciseItem("a", HERE), RestItem(Span(4, 4)), ExerciseItem("b", HERE)),
    HERE,
    prep=Span(5, 5),
)
EXERCISES = {"a": exercise("a", sides=Sides.BOTH), "b": exercise("b", hold=Span(8, 8))}
PLAN = with_checkins(build_plan(ROUTINE, EXERCISES))


def kinds(plan: Plan) -> list[str]:
    return [step.kind.value for step in plan.steps]


def test_a_checkin_follows_each_exercise_and_belongs_to_it() -> None:
    assert kinds(PLAN) == [
        "prep", "hold", "switch", "hold", "check-in", "rest", "prep", "hold", "check-in",
    ]  # fmt: skip
    checkins = [step for step in PLAN.steps if step.kind is StepKind.CHECKIN]
    assert [(s.exercise, s.block, s.seconds) for s in checkins] == [
        ("a", 0, CHECKIN_SECONDS),
        ("b", 2, CHECKIN_SECONDS),
    ]
    assert checkins[0].label == "How was A?"
    assert not checkins[0].counted  # no set or rep counts on the check-in screen


def test_a_rating_at_the_checkin_is_kept_and_moves_on_at_once() -> None:
    session, _ = start(PLAN, 0.0)
    session, _ = advance(session, None, 31.0)  # a's check-in began at 30
    assert session.step.kind is StepKind.CHECKIN
    session, effects = advance(session, Command.RATE_TOO_MUCH, 31.0)
    assert Rated(0, "a", Rating.TOO_MUCH) in effects
    assert session.step.kind is StepKind.REST
    assert [e.at for e in effects if isinstance(e, StepStarted)] == [31.0]
    results = summary(session, 31.0).exercises
    assert [(r.exercise, r.rating) for r in results] == [("a", Rating.TOO_MUCH), ("b", None)]


def test_no_answer_is_fine_the_checkin_times_out() -> None:
    session, _ = start(PLAN, 0.0)
    session, _ = advance(session, None, 36.0)
    assert session.step.kind is StepKind.REST
    assert summary(session, 36.0).exercises[0].rating is None


def test_one_two_three_mean_nothing_during_a_hold_but_pain_ends_the_exercise() -> None:
    session, _ = start(PLAN, 0.0)
    session, _ = advance(session, None, 8.0)  # a, right side, 3 s into its hold
    for command in (Command.RATE_EASY, Command.RATE_RIGHT, Command.RATE_TOO_MUCH):
        unchanged, effects = advance(session, command, 8.0)
        assert unchanged.step_index == session.step_index
        assert effects == ()
    session, effects = advance(session, Command.PAIN, 8.0)
    assert Rated(0, "a", Rating.PAIN) in effects
    assert session.step.kind is StepKind.REST  # the left side and the check-in are skipped
    (a, _) = summary(session, 8.0).exercises
    assert (a.rating, a.held_seconds, a.reached, a.done) == (Rating.PAIN, 3.0, True, False)


def test_pain_means_nothing_at_a_prep_or_a_rest() -> None:
    session, _ = start(PLAN, 0.0)
    for moment in (2.0, 38.0):  # a's prep, then the rest
        session, _ = advance(session, None, moment)
        moved, effects = advance(session, Command.PAIN, moment)
        assert moved.step_index == session.step_index
        assert effects == ()


def test_going_back_to_a_checkin_lets_the_answer_change() -> None:
    session, _ = start(PLAN, 0.0)
    session, _ = advance(session, None, 31.0)
    session, _ = advance(session, Command.RATE_EASY, 31.0)
    session, _ = advance(session, Command.BACK, 32.0)
    assert session.step.kind is StepKind.CHECKIN
    session, _ = advance(session, Command.RATE_RIGHT, 33.0)
    assert summary(session, 33.0).exercises[0].rating is Rating.RIGHT


def test_a_rating_while_paused_is_taken_and_the_session_stays_paused() -> None:
    session, _ = start(PLAN, 0.0)
    session, _ = advance(session, None, 31.0)
    session, _ = advance(session, Command.TOGGLE_PAUSE, 31.0)
    session, _ = advance(session, Command.RATE_EASY, 50.0)
    assert session.paused
    assert session.step.kind is StepKind.REST
    assert summary(session, 50.0).exercises[0].rating is Rating.EASY


def test_the_last_exercise_is_rated_before_the_session_ends() -> None:
    session, _ = start(PLAN, 0.0)
    session, _ = advance(session, None, 54.0)  # b's check-in: 53..59
    assert session.step.kind is StepKind.CHECKIN
    assert not session.ended
    session, _ = advance(session, Command.RATE_EASY, 54.0)
    assert session.ended
    assert not session.quit
    assert [r.rating for r in summary(session, 54.0).exercises] == [None, Rating.EASY]


def test_the_rating_keys() -> None:
    assert parse_keys("123pP") == [
        Command.RATE_EASY,
        Command.RATE_RIGHT,
        Command.RATE_TOO_MUCH,
        Command.PAIN,
        Command.PAIN,
    ]
