"""What "right side" means for an exercise: shown and said at its prep and at the switch."""

from __future__ import annotations

import pytest

from stretchcli.core import engine
from stretchcli.core.coaching import Coach, Dropped, Say, speaking_seconds
from stretchcli.core.model import (
    Exercise,
    ExerciseItem,
    Origin,
    Plan,
    Routine,
    Side,
    Sides,
    Span,
    StepKind,
)
from stretchcli.core.sides import mirrored, side_line, side_line_at, starting_left
from stretchcli.core.timeline import PlanOptions, build_plan
from stretchcli.ui import session_screen

HERE = Origin("test.yaml", 1, 1)
LUNGE = Exercise(
    "lunge",
    "Deep Lunge",
    ("hip flexors",),
    Span(20, 20),
    ("Kneel on a mat.", "Step the left foot forward."),
    HERE,
    sides=Sides.BOTH,
    right_side="right knee down, left foot forward",
)
EXERCISES = {"lunge": LUNGE}


def plan_of(switch: int = 8, **options: object) -> Plan:
    routine = Routine("r", "R", (ExerciseItem("lunge", HERE),), HERE, switch=Span(switch, switch))
    return build_plan(routine, EXERCISES, PlanOptions(**options))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "mirror"),
    [
        ("right knee down, left foot forward", "left knee down, right foot forward"),
        ("Right arm up, LEFT leg out", "Left arm up, RIGHT leg out"),
        # Only the words themselves: "bright" and "lefty" stay as they are.
        ("bright light, lefty", "bright light, lefty"),
    ],
)
def test_the_left_sides_line_is_the_right_sides_mirrored(text: str, mirror: str) -> None:
    assert mirrored(text) == mirror
    assert mirrored(mirror) == text


def test_a_side_line_names_its_side() -> None:
    assert side_line(LUNGE, Side.RIGHT) == "Right side: right knee down, left foot forward"
    assert side_line(LUNGE, Side.LEFT) == "Left side: left knee down, right foot forward"
    assert side_line(LUNGE, None) is None
    assert side_line(LUNGE._replace(right_side=None), Side.RIGHT) is None


def test_the_prep_brings_the_first_sides_line_and_the_switch_the_next() -> None:
    plan = plan_of()
    kinds = [step.kind for step in plan.steps]
    assert kinds == [StepKind.PREP, StepKind.HOLD, StepKind.SWITCH, StepKind.HOLD]
    lines = [side_line_at(plan, index, EXERCISES) for index in range(len(plan.steps))]
    assert lines == [
        "Right side: right knee down, left foot forward",
        None,
        "Left side: left knee down, right foot forward",
        None,
    ]
    left_first = plan_of(first_side=Side.LEFT)
    assert side_line_at(left_first, 0, EXERCISES) == (
        "Left side: left knee down, right foot forward"
    )


def said(plan: Plan) -> list[Say | Dropped]:
    coach = Coach(EXERCISES, voice=True, estimate=speaking_seconds(2.5))
    session, effects = engine.start(plan, 0.0)
    actions = coach.react(session, effects)
    moment = 0.0
    while not session.ended:
        moment += 0.5
        session, effects = engine.advance(session, None, moment)
        actions += coach.react(session, effects)
    return [action for action in actions if isinstance(action, (Say, Dropped))]


def test_the_prep_says_the_first_sides_line_and_the_switch_the_next() -> None:
    texts = [action.text for action in said(plan_of(switch=5)) if isinstance(action, Say)]
    prep = next(text for text in texts if "Next: Deep Lunge." in text)
    assert "Next: Deep Lunge. Right side: right knee down, left foot forward." in prep
    # In place of "Switch to the left side": short enough for a switch of 5 s.
    switch = "Switch. Left side: left knee down, right foot forward."
    assert switch in texts
    assert speaking_seconds(2.5)(switch) <= 5


def test_a_rest_between_sets_says_the_side_the_next_set_starts_on() -> None:
    plan = plan_of(switch=8, sets=Span(2, 2))
    rest = next(i for i, step in enumerate(plan.steps) if step.kind is StepKind.SET_REST)
    assert side_line_at(plan, rest, EXERCISES) == "Right side: right knee down, left foot forward"
    texts = [action.text for action in said(plan) if isinstance(action, Say)]
    assert "Rest, 8 seconds. Right side: right knee down, left foot forward." in texts
    plain = session_screen.detail_lines(0.0, plan, rest, EXERCISES)
    assert plain == ["[00:00]   Right side: right knee down, left foot forward"]


def test_a_session_that_starts_on_the_left_shows_the_set_up_for_the_left() -> None:
    left = starting_left(LUNGE._replace(setup="Kneel, right knee down."))
    assert left.setup == "Kneel, left knee down."
    assert left.steps == ("Kneel on a mat.", "Step the right foot forward.")
    assert left.right_side == LUNGE.right_side  # the side line mirrors itself as it is used


def test_plain_lines_give_the_side_at_the_prep_and_at_the_switch() -> None:
    plan = plan_of()
    prep = session_screen.detail_lines(0.0, plan, 0, EXERCISES)
    assert prep[0] == "[00:00]   Right side: right knee down, left foot forward"
    assert prep[1:] == ["[00:00]   1. Kneel on a mat.", "[00:00]   2. Step the left foot forward."]
    switch = session_screen.detail_lines(38.0, plan, 2, EXERCISES)
    assert switch == ["[00:38]   Left side: left knee down, right foot forward"]
    assert session_screen.detail_lines(10.0, plan, 1, EXERCISES) == []
