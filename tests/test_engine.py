"""The session engine, driven by a fake clock: every step kind, every command, no sleeping."""

from __future__ import annotations

import pytest

from stretchcli.core.engine import (
    Command,
    CountdownBeep,
    CueDue,
    Effect,
    Session,
    SessionEnded,
    StepStarted,
    advance,
    next_wakeup,
    start,
    stop,
    summary,
)
from stretchcli.core.model import (
    Cue,
    CueTime,
    Exercise,
    ExerciseItem,
    Item,
    Origin,
    Plan,
    RestItem,
    Routine,
    Sides,
    Span,
    StepKind,
    TimerItem,
)
from stretchcli.core.timeline import build_plan

HERE = Origin("test.yaml", 1, 1)


def exercise(ex_id: str, **fields: object) -> Exercise:
    base = Exercise(ex_id, ex_id.title(), ("glutes",), Span(10, 10), ("Do it",), HERE)
    return base._replace(**fields)


def plan_of(*items: Item, **exercises: Exercise) -> Plan:
    routine = Routine(id="r", name="R", items=items, origin=HERE, prep=Span(5, 5))
    return build_plan(routine, exercises)


def item(ex_id: str) -> ExerciseItem:
    return ExerciseItem(ex_id, HERE)


# A: prep 5, hold right 10, switch 5, hold left 10      (block 0, 0..30)
# timer 20                                              (block 1, 30..50)
# B: prep 5, hold 8                                     (block 2, 50..63)
PLAN = plan_of(
    item("a"),
    TimerItem("Walk", Span(20, 20)),
    item("b"),
    a=exercise("a", sides=Sides.BOTH),
    b=exercise("b", hold=Span(8, 8)),
)


def kinds(effects: tuple[Effect, ...]) -> list[str]:
    return [e.step.kind.value for e in effects if isinstance(e, StepStarted)]


def run_to(session: Session, now: float) -> tuple[Session, tuple[Effect, ...]]:
    return advance(session, None, now)


def test_the_plan_under_test() -> None:
    assert [(s.kind.value, s.seconds) for s in PLAN.steps] == [
        ("prep", 5), ("hold", 10), ("switch", 5), ("hold", 10), ("timer", 20), ("prep", 5),
        ("hold", 8),
    ]  # fmt: skip


def test_start_announces_the_first_step() -> None:
    session, effects = start(PLAN, now=100.0)
    assert effects == (StepStarted(0, PLAN.steps[0]),)
    assert session.remaining(100.0) == 5
    assert session.left_in_session(100.0) == PLAN.total_seconds == 63


def test_time_passing_walks_every_step_to_the_end() -> None:
    session, _ = start(PLAN, now=0.0)
    seen: list[str] = []
    for now in range(1, 70):
        session, effects = run_to(session, float(now))
        seen += kinds(effects)
        if any(isinstance(e, SessionEnded) for e in effects):
            assert effects[-1] == SessionEnded(quit=False)
            assert now == 63
            break
    assert seen == ["hold", "switch", "hold", "timer", "prep", "hold"]
    assert session.ended
    result = summary(session, 63.0)
    assert (result.held_seconds, result.exercises_done, result.exercises_skipped) == (28, 2, 0)
    assert result.exercises_total == 2
    assert result.elapsed_seconds == 63
    assert result.held_by_exercise == {"a": 20, "b": 8}


def test_deadlines_are_absolute_so_late_ticks_never_add_up() -> None:
    session, _ = start(PLAN, now=0.0)
    # Every tick arrives 0.4 s late; step starts stay on the plan's schedule.
    for deadline in (5, 15, 20, 30, 50, 55):
        session, effects = run_to(session, deadline + 0.4)
        assert len(kinds(effects)) == 1
        assert session.step_start() == deadline


def test_one_very_late_tick_passes_several_steps_in_order() -> None:
    session, _ = start(PLAN, now=0.0)
    session, effects = run_to(session, 31.0)
    assert kinds(effects) == ["hold", "switch", "hold", "timer"]
    assert session.step.kind is StepKind.TIMER
    assert session.remaining(31.0) == 19


def test_pause_freezes_the_countdown_and_shifts_the_schedule() -> None:
    session, _ = start(PLAN, now=0.0)
    session, _ = run_to(session, 7.0)  # 2 s into the first hold
    session, effects = advance(session, Command.TOGGLE_PAUSE, 7.0)
    assert effects == ()
    assert session.paused
    session, effects = run_to(session, 60.0)  # a long pause: nothing happens
    assert effects == ()
    assert session.remaining(60.0) == 8
    assert next_wakeup(session, 60.0) is None
    session, _ = advance(session, Command.TOGGLE_PAUSE, 67.0)
    assert session.remaining(67.0) == 8
    session, effects = run_to(session, 75.0)
    assert kinds(effects) == ["switch"]
    assert session.step_start() == 75.0
    assert session.elapsed(75.0) == 15  # the pause is not session time


def test_next_ends_the_step_now_and_counts_what_was_held() -> None:
    session, _ = start(PLAN, now=0.0)
    session, _ = run_to(session, 8.0)  # 3 s into the right hold
    session, effects = advance(session, Command.NEXT, 8.0)
    assert kinds(effects) == ["switch"]
    assert session.step_start() == 8.0
    assert session.remaining(8.0) == 5
    assert session.held == 3


def test_back_restarts_the_previous_step_now() -> None:
    session, _ = start(PLAN, now=0.0)
    session, _ = run_to(session, 17.0)  # in the switch
    session, effects = advance(session, Command.BACK, 17.0)
    assert effects == (StepStarted(1, PLAN.steps[1]),)
    assert session.step_start() == 17.0
    assert session.remaining(17.0) == 10
    # At the first step, back restarts it.
    first, _ = start(PLAN, now=0.0)
    first, effects = advance(first, Command.BACK, 3.0)
    assert (first.step_index, first.remaining(3.0)) == (0, 5)


def test_skip_exercise_jumps_past_its_block() -> None:
    session, _ = start(PLAN, now=0.0)
    session, _ = run_to(session, 2.0)
    session, effects = advance(session, Command.SKIP_EXERCISE, 2.0)
    assert kinds(effects) == ["timer"]
    assert session.step_start() == 2.0
    session, _ = run_to(session, 22.0)  # the timer ends; skip on a prep of B
    session, effects = advance(session, Command.SKIP_EXERCISE, 23.0)
    assert effects[-1] == SessionEnded(quit=False)
    result = summary(session, 23.0)
    assert (result.exercises_done, result.exercises_skipped, result.held_seconds) == (0, 2, 0)


def test_skip_on_a_timer_moves_to_the_next_step() -> None:
    session, _ = start(PLAN, now=0.0)
    session, _ = run_to(session, 35.0)
    session, effects = advance(session, Command.SKIP_EXERCISE, 35.0)
    assert kinds(effects) == ["prep"]
    assert summary(session, 35.0).exercises_skipped == 0


def test_add_and_remove_time_on_the_current_step() -> None:
    session, _ = start(PLAN, now=0.0)
    session, _ = run_to(session, 6.0)
    session, _ = advance(session, Command.ADD_TIME, 6.0)
    assert session.remaining(6.0) == 14
    session, effects = run_to(session, 16.0)
    assert effects == ()  # the hold now ends at 20
    session, effects = run_to(session, 20.0)
    assert kinds(effects) == ["switch"]
    assert session.step_start() == 20.0  # later steps moved with it
    # 4 s were left of the switch: - ends it now, not earlier, and the hold starts now.
    session, effects = advance(session, Command.REMOVE_TIME, 21.0)
    assert kinds(effects) == ["hold"]
    assert session.step_start() == 21.0


def test_remove_time_never_reaches_into_the_past() -> None:
    session, _ = start(PLAN, now=0.0)
    session, effects = advance(session, Command.REMOVE_TIME, 1.0)  # 4 s left of the prep
    assert kinds(effects) == ["hold"]
    assert session.step_start() == 1.0
    session, _ = advance(session, Command.REMOVE_TIME, 2.0)  # 9 s left of the hold
    assert session.remaining(2.0) == 4
    session, _ = advance(session, Command.TOGGLE_PAUSE, 3.0)
    session, effects = advance(session, Command.REMOVE_TIME, 3.0)  # paused: stays paused
    assert (session.remaining(9.0), effects) == (0, ())
    session, effects = advance(session, Command.TOGGLE_PAUSE, 9.0)
    assert kinds(effects) == ["switch"]
    assert session.step_start() == 9.0


def test_quit_ends_with_the_part_done() -> None:
    session, _ = start(PLAN, now=0.0)
    session, _ = run_to(session, 34.0)  # A is through, the timer running
    session, effects = advance(session, Command.QUIT, 34.0)
    assert effects == (SessionEnded(quit=True),)
    assert session.quit
    result = summary(session, 34.0)
    assert (result.exercises_done, result.held_seconds, result.elapsed_seconds) == (1, 20, 34)
    assert advance(session, None, 50.0) == (session, ())


def test_next_through_the_last_step_ends_the_session() -> None:
    session, _ = start(PLAN, now=0.0)
    session, _ = run_to(session, 56.0)  # in B's hold, the last step
    session, effects = advance(session, Command.NEXT, 56.0)
    assert effects == (SessionEnded(quit=False),)
    result = summary(session, 56.0)
    # 1 s of B's 8 s held: moving on does not make it done.
    assert (result.exercises_done, result.exercises_skipped) == (1, 1)


@pytest.mark.parametrize(("left_at", "done"), [(58.9, 1), (59.0, 2)])
def test_an_exercise_is_done_when_half_its_hold_time_was_held(left_at: float, done: int) -> None:
    session, _ = start(PLAN, now=0.0)
    session, _ = run_to(session, left_at)  # B's 8 s hold began at 55
    session, _ = advance(session, Command.NEXT, left_at)
    assert summary(session, left_at).exercises_done == done


def test_tapping_next_through_everything_is_mostly_skipped() -> None:
    session, _ = start(PLAN, now=0.0)
    moment = 0.0
    while not session.ended:
        moment += 0.5
        session, _ = advance(session, Command.NEXT, moment)
    result = summary(session, moment)
    assert (result.exercises_done, result.exercises_skipped, result.exercises_total) == (0, 2, 2)
    assert result.mostly_skipped
    assert [(r.exercise, r.sides, r.planned_seconds) for r in result.exercises] == [
        ("a", "both", 20.0),
        ("b", "none", 8.0),
    ]


def test_stopping_keeps_the_part_of_the_hold_already_done() -> None:
    session, _ = start(PLAN, now=0.0)
    session, _ = run_to(session, 12.0)  # 7 s into A's right side
    stopped = stop(session, 12.0)
    assert stopped.ended
    assert summary(stopped, 12.0).held_seconds == 7.0
    assert summary(stopped, 12.0).held_by_exercise == {"a": 7.0}


def test_help_toggles_without_touching_time() -> None:
    session, _ = start(PLAN, now=0.0)
    session, effects = advance(session, Command.TOGGLE_HELP, 2.0)
    assert (session.help_shown, effects) == (True, ())
    session, _ = advance(session, Command.TOGGLE_HELP, 2.5)
    assert not session.help_shown
    assert session.remaining(3.0) == 2


def test_cues_and_countdown_beeps_come_on_time() -> None:
    cues = (Cue(CueTime("start"), "Sit tall"), Cue(CueTime("half"), "Breathe"))
    plan = plan_of(item("a"), a=exercise("a", cues=cues))  # prep 5, hold 10
    session, _ = start(plan, now=0.0)
    timeline: list[tuple[float, Effect]] = []
    for tenth in range(1, 160):
        now = tenth / 10
        session, effects = run_to(session, now)
        timeline += [(now, effect) for effect in effects if not isinstance(effect, StepStarted)]
    assert timeline == [
        (5.0, CueDue("Sit tall")),
        (10.0, CueDue("Breathe")),
        (12.0, CountdownBeep(3)),
        (13.0, CountdownBeep(2)),
        (14.0, CountdownBeep(1)),
        (15.0, SessionEnded(quit=False)),
    ]


@pytest.mark.parametrize(("hold", "beeps"), [(1, []), (2, [1]), (3, [2, 1]), (4, [3, 2, 1])])
def test_short_holds_beep_only_inside_the_hold(hold: int, beeps: list[int]) -> None:
    plan = plan_of(item("a"), a=exercise("a", hold=Span(hold, hold)))
    session, _ = start(plan, now=0.0)
    heard: list[int] = []
    for tenth in range(1, 100):
        session, effects = run_to(session, tenth / 10)
        heard += [e.seconds_left for e in effects if isinstance(e, CountdownBeep)]
    assert heard == beeps


def test_next_wakeup_is_the_next_visible_change() -> None:
    session, _ = start(PLAN, now=0.0)
    assert next_wakeup(session, 0.0) == 1.0  # the countdown shows 4 next
    assert next_wakeup(session, 4.5) == 5.0  # the deadline
    session, _ = run_to(session, 5.2)
    assert next_wakeup(session, 5.2) == 6.0


def test_rest_steps_between_items_count_as_no_exercise() -> None:
    plan = plan_of(item("a"), RestItem(Span(10, 10)), item("b"),
                   a=exercise("a"), b=exercise("b"))  # fmt: skip
    session, _ = start(plan, now=0.0)
    session, _ = run_to(session, 16.0)  # in the rest
    assert session.step.kind is StepKind.REST
    session, effects = advance(session, Command.SKIP_EXERCISE, 16.0)
    assert kinds(effects) == ["prep"]
    assert summary(session, 16.0).exercises_skipped == 0


def test_an_empty_plan_ends_at_once() -> None:
    session, effects = start(Plan("r", "R", PLAN.level, ()), now=0.0)
    assert effects == (SessionEnded(quit=False),)
    assert session.ended


def test_a_session_that_ended_late_still_took_its_planned_time() -> None:
    # The loop may wake long after the last deadline (a busy machine): the session ended
    # at that deadline, and its clock stops there.
    session, _ = start(PLAN, 0.0)
    session, effects = run_to(session, 63.0 + 9.5)
    assert effects[-1] == SessionEnded(quit=False)
    assert effects[-1].at == 63.0  # type: ignore[union-attr]
    assert summary(session, 80.0).elapsed_seconds == 63.0
    assert session.remaining(80.0) == 0.0


def test_more_time_after_the_count_began_counts_again_at_the_new_end() -> None:
    session, _ = start(PLAN, now=0.0)
    session, effects = run_to(session, 13.0)  # A's right hold ends at 15: "three" at 12
    assert CountdownBeep(3) in effects
    session, _ = advance(session, Command.ADD_TIME, 13.0)  # now it ends at 20
    session, effects = run_to(session, 19.5)
    beeps = [effect.seconds_left for effect in effects if isinstance(effect, CountdownBeep)]
    assert beeps == [3, 2, 1]
