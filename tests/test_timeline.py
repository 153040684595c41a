from __future__ import annotations

import pytest

from stretchcli.core.model import (
    Cue,
    CueTime,
    Exercise,
    ExerciseItem,
    Item,
    Level,
    Origin,
    RestItem,
    Routine,
    Side,
    Sides,
    Span,
    Step,
    StepKind,
    TimerItem,
)
from stretchcli.core.timeline import PlanOptions, build_plan

HERE = Origin("test.yaml", 1, 1)


def exercise(ex_id: str = "pigeon", **fields: object) -> Exercise:
    base = Exercise(
        id=ex_id,
        name=ex_id.title(),
        target=("glutes",),
        hold=Span(30, 30),
        steps=("Do it",),
        origin=HERE,
    )
    return base._replace(**fields)


def routine(*items: Item, **fields: object) -> Routine:
    return Routine(id="r", name="R", items=items, origin=HERE)._replace(**fields)


def item(ex_id: str = "pigeon", **overrides: object) -> ExerciseItem:
    return ExerciseItem(ex_id, HERE, **overrides)  # type: ignore[arg-type]


def shape(steps: tuple[Step, ...]) -> list[tuple[str, int, str | None, int, int]]:
    """(kind, seconds, side, set, rep) per step: the part of a step the rules decide."""
    return [
        (s.kind.value, s.seconds, s.side.value if s.side else None, s.set, s.rep) for s in steps
    ]


def test_one_sided_exercise_is_prep_then_one_hold() -> None:
    plan = build_plan(routine(item()), {"pigeon": exercise()})
    assert shape(plan.steps) == [("prep", 10, None, 1, 1), ("hold", 30, None, 1, 1)]
    assert plan.steps[0].label == "Get ready: Pigeon"
    assert plan.steps[1].label == "Pigeon"
    assert plan.total_seconds == 40


def test_every_exercise_step_kind_in_order() -> None:
    ex = exercise(
        sides=Sides.BOTH,
        reps=Span(2, 2),
        sets=Span(2, 2),
        rep_rest=Span(3, 3),
        set_rest=Span(20, 20),
    )
    plan = build_plan(routine(item()), {"pigeon": ex})
    assert shape(plan.steps) == [
        ("prep", 10, None, 1, 1),
        ("hold", 30, "right", 1, 1),
        ("rep-rest", 3, "right", 1, 2),
        ("hold", 30, "right", 1, 2),
        ("switch", 5, "left", 1, 1),
        ("hold", 30, "left", 1, 1),
        ("rep-rest", 3, "left", 1, 2),
        ("hold", 30, "left", 1, 2),
        ("set-rest", 20, None, 2, 1),
        ("hold", 30, "right", 2, 1),
        ("rep-rest", 3, "right", 2, 2),
        ("hold", 30, "right", 2, 2),
        ("switch", 5, "left", 2, 1),
        ("hold", 30, "left", 2, 1),
        ("rep-rest", 3, "left", 2, 2),
        ("hold", 30, "left", 2, 2),
    ]
    assert (
        plan.total_seconds == sum(s.seconds for s in plan.steps) == 10 + 8 * 30 + 4 * 3 + 2 * 5 + 20
    )
    assert {(s.sets, s.reps) for s in plan.steps} == {(2, 2)}
    labels = [s.label for s in plan.steps[:5]]
    assert labels == [
        "Get ready: Pigeon",
        "Pigeon, right side",
        "Relax, then rep 2 of 2",
        "Pigeon, right side",
        "Switch to the left side",
    ]
    assert plan.steps[8].label == "Rest before set 2 of 2"


def test_set_rest_defaults_to_the_routines_switch_time() -> None:
    ex = exercise(sets=Span(2, 2))
    plan = build_plan(routine(item(), switch=Span(7, 7)), {"pigeon": ex})
    assert shape(plan.steps)[2] == ("set-rest", 7, None, 2, 1)
    # ...and to the switch time the command line gives.
    plan = build_plan(routine(item()), {"pigeon": ex}, PlanOptions(switch=Span(9, 9)))
    assert shape(plan.steps)[2] == ("set-rest", 9, None, 2, 1)


def test_zero_length_prep_switch_and_rests_are_left_out() -> None:
    ex = exercise(sides=Sides.BOTH, reps=Span(2, 2), sets=Span(2, 2))
    plan = build_plan(routine(item(), prep=Span(0, 0), switch=Span(0, 0)), {"pigeon": ex})
    assert [s.kind for s in plan.steps] == [StepKind.HOLD] * 8


def test_first_side_left_starts_on_the_left() -> None:
    ex = exercise(sides=Sides.BOTH)
    plan = build_plan(routine(item(), first_side=Side.LEFT), {"pigeon": ex})
    assert [(s.kind.value, s.side) for s in plan.steps[1:]] == [
        ("hold", Side.LEFT),
        ("switch", Side.RIGHT),
        ("hold", Side.RIGHT),
    ]
    plan = build_plan(routine(item()), {"pigeon": ex}, PlanOptions(first_side=Side.LEFT))
    assert plan.steps[1].side is Side.LEFT
    assert plan.steps[2].label == "Switch to the right side"


@pytest.mark.parametrize(
    ("level", "hold", "reps"),
    [(Level.BEGINNER, 5, 8), (Level.INTERMEDIATE, 8, 9), (Level.ADVANCED, 10, 10)],
)
def test_ranges_resolve_by_level(level: Level, hold: int, reps: int) -> None:
    ex = exercise(hold=Span(5, 10), reps=Span(8, 10))
    plan = build_plan(routine(item()), {"pigeon": ex}, PlanOptions(level=level))
    holds = [s for s in plan.steps if s.kind is StepKind.HOLD]
    assert len(holds) == reps
    assert {s.seconds for s in holds} == {hold}
    assert plan.level is level


def test_level_comes_from_option_then_routine_then_beginner() -> None:
    ex = {"pigeon": exercise(hold=Span(20, 30))}
    assert build_plan(routine(item()), ex).steps[1].seconds == 20
    advanced = routine(item(), level=Level.ADVANCED)
    assert build_plan(advanced, ex).steps[1].seconds == 30
    assert build_plan(advanced, ex, PlanOptions(level=Level.BEGINNER)).steps[1].seconds == 20


def test_rounds_repeat_items_with_rest_between_every_pair() -> None:
    ex = {"a": exercise("a"), "b": exercise("b")}
    plan = build_plan(routine(item("a"), item("b"), rounds=Span(2, 2), rest=Span(15, 15)), ex)
    assert [(s.kind.value, s.exercise, s.round) for s in plan.steps] == [
        ("prep", "a", 1),
        ("hold", "a", 1),
        ("rest", None, 1),
        ("prep", "b", 1),
        ("hold", "b", 1),
        ("rest", None, 2),  # across the rounds too
        ("prep", "a", 2),
        ("hold", "a", 2),
        ("rest", None, 2),
        ("prep", "b", 2),
        ("hold", "b", 2),
    ]
    assert plan.steps[2].label == "Rest, next: B"
    assert {s.rounds for s in plan.steps} == {2}
    # Each item occurrence is a block; the rests between them belong to none.
    assert [s.block for s in plan.steps] == [0, 0, -1, 1, 1, -1, 2, 2, -1, 3, 3]


def test_rest_items_take_the_place_of_the_routine_rest() -> None:
    ex = {"a": exercise("a"), "b": exercise("b")}
    plan = build_plan(routine(item("a"), RestItem(Span(30, 30)), item("b"), rest=Span(15, 15)), ex)
    assert [(s.kind.value, s.seconds) for s in plan.steps] == [
        ("prep", 10),
        ("hold", 30),
        ("rest", 30),
        ("prep", 10),
        ("hold", 30),
    ]
    assert plan.steps[2].label == "Rest, next: B"


def test_timer_items_are_one_step_and_get_rests_around_them() -> None:
    ex = {"a": exercise("a")}
    plan = build_plan(routine(TimerItem("Warm up", Span(60, 120)), item("a"), rest=Span(5, 5)), ex)
    assert [(s.kind.value, s.seconds, s.label, s.exercise) for s in plan.steps] == [
        ("timer", 60, "Warm up", None),
        ("rest", 5, "Rest, next: A", None),
        ("prep", 10, "Get ready: A", "a"),
        ("hold", 30, "A", "a"),
    ]
    timer = plan.steps[0]
    assert (timer.set, timer.sets, timer.rep, timer.reps, timer.side) == (1, 1, 1, 1, None)


def test_a_final_rest_item_has_nothing_next() -> None:
    plan = build_plan(routine(item(), RestItem(Span(30, 30))), {"pigeon": exercise()})
    assert plan.steps[-1].label == "Rest"


def test_item_overrides_beat_exercise_defaults() -> None:
    ex = exercise(sides=Sides.BOTH, reps=Span(3, 3), sets=Span(3, 3))
    over = item(
        hold=Span(45, 45), reps=Span(1, 1), sets=Span(1, 1), sides=Sides.NONE, note="Go gently"
    )
    plan = build_plan(routine(over), {"pigeon": ex})
    assert shape(plan.steps) == [("prep", 10, None, 1, 1), ("hold", 45, None, 1, 1)]
    assert {s.note for s in plan.steps} == {"Go gently"}


def test_item_rep_rest_and_set_rest_overrides() -> None:
    ex = exercise(reps=Span(2, 2), sets=Span(2, 2), rep_rest=Span(1, 1), set_rest=Span(10, 10))
    plan = build_plan(routine(item(rep_rest=Span(4, 4), set_rest=Span(12, 12))), {"pigeon": ex})
    assert [(s.kind.value, s.seconds) for s in plan.steps if "rest" in s.kind.value] == [
        ("rep-rest", 4),
        ("set-rest", 12),
        ("rep-rest", 4),
    ]


def test_an_items_prep_and_switch_replace_the_routines_for_that_item_only() -> None:
    ex = {"a": exercise("a", sides=Sides.BOTH, sets=Span(2, 2)), "b": exercise("b")}
    slow = item("a", prep=Span(15, 15), switch=Span(8, 10))
    plan = build_plan(routine(slow, item("b"), switch=Span(4, 4)), ex)
    assert shape(plan.steps) == [
        ("prep", 15, None, 1, 1),
        ("hold", 30, "right", 1, 1),
        ("switch", 8, "left", 1, 1),
        ("hold", 30, "left", 1, 1),
        # With no set_rest of its own, the rest between sets is the item's switch time.
        ("set-rest", 8, None, 2, 1),
        ("hold", 30, "right", 2, 1),
        ("switch", 8, "left", 2, 1),
        ("hold", 30, "left", 2, 1),
        ("prep", 10, None, 1, 1),
        ("hold", 30, None, 1, 1),
    ]
    advanced = build_plan(routine(slow), ex, PlanOptions(level=Level.ADVANCED))
    assert [s.seconds for s in advanced.steps if s.kind is StepKind.SWITCH] == [10, 10]


def test_the_command_line_and_config_beat_an_items_prep_and_switch() -> None:
    ex = {"a": exercise("a", sides=Sides.BOTH)}
    slow = item("a", prep=Span(15, 15), switch=Span(9, 9))
    plan = build_plan(routine(slow), ex, PlanOptions(prep=Span(5, 5), switch=Span(0, 0)))
    assert shape(plan.steps) == [
        ("prep", 5, None, 1, 1),
        ("hold", 30, "right", 1, 1),
        ("hold", 30, "left", 1, 1),
    ]


def test_command_line_beats_item_overrides() -> None:
    ex = exercise(sides=Sides.BOTH)
    over = item(hold=Span(45, 45), reps=Span(2, 2), sets=Span(2, 2))
    options = PlanOptions(
        hold=Span(20, 20), reps=Span(1, 1), sets=Span(1, 1), prep=Span(3, 3), switch=Span(2, 2)
    )
    plan = build_plan(routine(over), {"pigeon": ex}, options)
    assert shape(plan.steps) == [
        ("prep", 3, None, 1, 1),
        ("hold", 20, "right", 1, 1),
        ("switch", 2, "left", 1, 1),
        ("hold", 20, "left", 1, 1),
    ]


def test_command_line_rest_and_rounds() -> None:
    ex = {"a": exercise("a"), "b": exercise("b")}
    plan = build_plan(
        routine(item("a"), item("b")), ex, PlanOptions(rest=Span(8, 8), rounds=Span(3, 3))
    )
    assert [s.seconds for s in plan.steps if s.kind is StepKind.REST] == [8] * 5
    assert sum(s.kind is StepKind.HOLD for s in plan.steps) == 6


def test_scale_multiplies_holds_rounding_half_up_and_keeps_at_least_a_second() -> None:
    ex = {"a": exercise("a", hold=Span(25, 25)), "b": exercise("b", hold=Span(1, 1))}
    plan = build_plan(routine(item("a"), item("b")), ex, PlanOptions(scale=0.5))
    assert [s.seconds for s in plan.steps if s.kind is StepKind.HOLD] == [13, 1]
    assert [s.seconds for s in plan.steps if s.kind is StepKind.PREP] == [10, 10]
    # --hold then --scale: the scale applies to the held value.
    plan = build_plan(routine(item("a")), ex, PlanOptions(hold=Span(40, 40), scale=1.5))
    assert plan.steps[1].seconds == 60


def test_cues_resolve_to_offsets_and_skip_what_falls_outside() -> None:
    cues = (
        Cue(CueTime("start"), "Breathe in"),
        Cue(CueTime("half"), "Halfway"),
        Cue(CueTime("end"), "Release"),
        Cue(CueTime("from-start", 10), "Ten in"),
        Cue(CueTime("from-end", 5), "Five left"),
        Cue(CueTime("from-start", 40), "Too late"),
    )
    ex = {"a": exercise("a", hold=Span(30, 30), cues=cues)}
    hold = build_plan(routine(item("a")), ex).steps[1]
    assert hold.cues == (
        (0, "Breathe in"),
        (10, "Ten in"),
        (15, "Halfway"),
        (25, "Five left"),
        (29, "Release"),
    )
    short = build_plan(routine(item("a", hold=Span(4, 4))), ex).steps[1]
    assert short.cues == ((0, "Breathe in"), (2, "Halfway"), (3, "Release"))
    own = build_plan(routine(item("a", cues=(Cue(CueTime("half"), "Mine"),))), ex).steps[1]
    assert own.cues == ((15, "Mine"),)


def test_total_is_the_sum_of_the_steps() -> None:
    ex = exercise(sides=Sides.BOTH, hold=Span(5, 10), reps=Span(10, 10), sets=Span(3, 3))
    r = routine(
        TimerItem("Warm up", Span(120, 120)),
        item(),
        RestItem(Span(20, 20)),
        item(),
        rest=Span(10, 10),
        rounds=Span(2, 2),
    )
    for level in Level:
        plan = build_plan(r, {"pigeon": ex}, PlanOptions(level=level))
        assert plan.total_seconds == sum(step.seconds for step in plan.steps)
