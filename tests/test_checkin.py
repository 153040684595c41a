"""The check-in after each exercise: one key rates it, p ends a hold; driven by a fake clock."""

from __future__ import annotations

from stretchcli.core.engine import CheckedIn, Command, StepStarted, advance, start, summary
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
    assert CheckedIn(0, "a", Rating.TOO_MUCH) in effects
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
    assert CheckedIn(0, "a", Rating.PAIN) in effects
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


# Two rounds of a, rest, b: blocks a0 rest b2 | rest | a4 rest b6 (rests between items
# belong to no block).
TWO_ROUNDS = with_checkins(
    build_plan(
        Routine(
            "r2",
            "R2",
            (ExerciseItem("a", HERE), ExerciseItem("b", HERE)),
            HERE,
            prep=Span(5, 5),
            rest=Span(4, 4),
            rounds=Span(2, 2),
        ),
        EXERCISES,
    )
)


def labels_started(effects: tuple[object, ...]) -> list[str]:
    return [e.step.label for e in effects if isinstance(e, StepStarted)]


def test_pain_leaves_the_exercise_out_of_the_later_rounds_with_its_rest() -> None:
    session, _ = start(TWO_ROUNDS, 0.0)
    session, _ = advance(session, None, 8.0)  # a's first hold
    session, effects = advance(session, Command.PAIN, 8.0)
    # Round 1's b, then round 2 goes straight to b: a and the rest before it are passed.
    seen = labels_started(effects)
    moment = 8.0
    while not session.ended:
        moment += 1.0
        session, effects = advance(session, None, moment)
        seen += labels_started(effects)
    assert [label for label in seen if label.startswith("Get ready")] == [
        "Get ready: B",
        "Get ready: B",
    ]
    assert sum(label.startswith("Rest") for label in seen) == 2  # no two rests in a row
    assert all(label != "Rest, next: A" for label in seen)
    results = summary(session, moment).exercises
    assert [(r.exercise, r.rating, r.reached) for r in results] == [
        ("a", Rating.PAIN, True),
        ("b", None, True),
        ("a", None, False),
        ("b", None, True),
    ]


def test_a_pain_answer_changed_at_its_checkin_brings_the_later_rounds_back() -> None:
    session, _ = start(TWO_ROUNDS, 0.0)
    session, _ = advance(session, None, 31.0)  # a's check-in
    session, _ = advance(session, Command.PAIN, 31.0)
    assert session.step.kind is StepKind.REST
    session, _ = advance(session, Command.BACK, 32.0)  # back to the check-in: not left out
    assert session.step.kind is StepKind.CHECKIN
    session, _ = advance(session, Command.RATE_RIGHT, 33.0)
    seen: list[str] = []
    moment = 33.0
    while not session.ended:
        moment += 1.0
        session, effects = advance(session, None, moment)
        seen += labels_started(effects)
    assert seen.count("Get ready: A") == 1  # round 2's a is back
