"""The check-in after each exercise: one key rates it, p ends a hold; driven by a fake clock."""

from __future__ import annotations

from stretchcli.core.engine import (
    CheckedIn,
    Command,
    Session,
    StepStarted,
    advance,
    start,
    summary,
)
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


# Two rounds of a, rest, b: blocks a 0, b 1 | a 2, b 3, with a rest before every item but
# the first (rests between items belong to no block).
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
    done = summary(session, moment)
    # Round 2's a is no result at all: not recorded, not counted, not "mostly skipped".
    assert [(r.exercise, r.rating, r.reached) for r in done.exercises] == [
        ("a", Rating.PAIN, True),
        ("b", None, True),
        ("b", None, True),
    ]
    assert (done.exercises_total, done.exercises_skipped) == (3, 1)
    assert not done.mostly_skipped


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


def run_out(session: Session, moment: float) -> tuple[Session, float, list[str]]:
    """Let the session run to its end, a second at a time; the steps started."""
    seen: list[str] = []
    while not session.ended:
        moment += 1.0
        session, effects = advance(session, None, moment)
        seen += labels_started(effects)
    return session, moment, seen


def test_pain_in_a_later_round_keeps_the_earlier_round_held() -> None:
    session, _ = start(TWO_ROUNDS, 0.0)
    session, _ = advance(session, None, 36.5)  # a's check-in ran out unanswered: the rest
    assert session.step.kind is StepKind.REST
    while session.step.exercise != "a":  # round 2's a
        session, _ = advance(session, Command.NEXT, 40.0)
    session, _ = advance(session, Command.NEXT, 40.0)  # its first hold
    session, _ = advance(session, Command.PAIN, 42.0)
    session, moment, _ = run_out(session, 42.0)
    results = summary(session, moment).exercises
    assert [(r.exercise, r.reached, r.held_seconds > 0, r.rating) for r in results] == [
        ("a", True, True, None),  # round 1, held to its end, is kept and recorded
        ("b", True, False, None),
        ("a", True, True, Rating.PAIN),
        ("b", True, True, None),
    ]


def test_time_left_and_going_back_skip_what_pain_left_out() -> None:
    session, _ = start(TWO_ROUNDS, 0.0)
    session, _ = advance(session, None, 8.0)
    before = session.left_in_session(8.0)
    session, _ = advance(session, Command.PAIN, 8.0)
    # No longer to come: the rest of a (to the end of its check-in at 36 s), and round 2's
    # a (36 s) with the rest before it (4 s).
    assert session.left_in_session(8.0) == before - (36 - 8) - 4 - 36
    while session.step.label != "Get ready: B" or session.step.round != 2:
        session, _ = advance(session, Command.NEXT, 9.0)
    session, _ = advance(session, Command.BACK, 9.0)
    # Back from round 2's b: its rest, not round 2's a nor the rest that said "next: A".
    assert session.step.label == "Rest, next: B"
    session, _ = advance(session, Command.BACK, 9.0)
    assert session.step.label.startswith("How was B")  # round 1's b


def test_the_exercise_count_leaves_out_what_pain_passed_over() -> None:
    from stretchcli.ui.session_screen import exercise_position

    session, _ = start(TWO_ROUNDS, 0.0)
    assert exercise_position(session) == "exercise 1 of 4"
    session, _ = advance(session, None, 8.0)
    session, _ = advance(session, Command.PAIN, 8.0)
    assert exercise_position(session) == "next: exercise 2 of 3"
    while session.step.round != 2 or session.step.exercise != "b":
        session, _ = advance(session, Command.NEXT, 9.0)
    assert exercise_position(session) == "exercise 3 of 3"
