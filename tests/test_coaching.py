"""What a session says and plays: planned so that nothing is cut off, driven by the engine."""

from __future__ import annotations

import itertools

from stretchcli.core import engine
from stretchcli.core.coaching import (
    NERVE_LINE,
    SAFETY_LINE,
    Action,
    Coach,
    Dropped,
    Hush,
    Play,
    Say,
    Sound,
    announcement,
    speaking_seconds,
    spoken_seconds,
)
from stretchcli.core.engine import Command
from stretchcli.core.model import (
    Cue,
    CueTime,
    Exercise,
    ExerciseItem,
    Origin,
    Plan,
    Routine,
    Sides,
    Span,
    StepKind,
)
from stretchcli.core.timeline import build_plan

HERE = Origin("test.yaml", 1, 1)
PIGEON = Exercise(
    "pigeon",
    "Pigeon Pose",
    ("glutes",),
    Span(30, 30),
    ("Start on all fours.", "Slide the right knee forward."),
    HERE,
    sides=Sides.BOTH,
    cues=(
        Cue(CueTime("start"), "Square your hips."),
        Cue(CueTime("half"), "Breathe out and sink a little lower."),
        Cue(CueTime("from-end", 4), "A long sentence that cannot possibly be said in time."),
    ),
    setup="On hands and knees, right knee forward behind the right wrist.",
)
CHAIR = Exercise(
    "chair",
    "Chair Glute Stretch",
    ("glutes",),
    Span(4, 4),
    ("Sit tall.",),
    HERE,
    sides=Sides.BOTH,
    reps=Span(3, 3),
    cues=(Cue(CueTime("start"), "Lean from the hips."),),
)
EXERCISES = {"pigeon": PIGEON, "chair": CHAIR}
WORDS_PER_SECOND = 2.5


def plan_of(*ids: str) -> Plan:
    items = tuple(ExerciseItem(ex_id, HERE) for ex_id in ids)
    routine = Routine("r", "R", items, HERE, prep=Span(10, 10), switch=Span(5, 5))
    return build_plan(routine, EXERCISES)


def run(
    plan: Plan, *, voice: bool = True, keys: dict[float, Command] | None = None
) -> list[Action]:
    """The whole session at half-second ticks (and `keys` at their moments): every action."""
    coach = Coach(EXERCISES, voice=voice, estimate=speaking_seconds(WORDS_PER_SECOND))
    session, effects = engine.start(plan, 0.0)
    actions = coach.react(session, effects)
    moment = 0.0
    pending = dict(keys or {})
    while not session.ended:
        moment += 0.5
        command = pending.pop(moment, None)
        session, effects = engine.advance(session, command, moment)
        actions += coach.react(session, effects, command)
    return actions


def said(actions: list[Action]) -> list[str]:
    return [action.text for action in actions if isinstance(action, Say)]


def test_the_hold_is_announced_with_its_start_cue_as_one_utterance() -> None:
    texts = said(run(plan_of("pigeon")))
    # The safety line, then what to do about nerve symptoms, whatever the person's conditions.
    assert texts[0] == f"{SAFETY_LINE} {NERVE_LINE} Next: Pigeon Pose."
    assert "Right side. Pigeon Pose, 30 seconds. Square your hips." in texts
    assert "Left side. Pigeon Pose, 30 seconds. Square your hips." in texts
    assert "Switch to the left side." in texts


def test_no_utterance_is_planned_to_overlap_the_next_and_none_is_cut() -> None:
    actions = run(plan_of("pigeon", "chair"))
    assert not [action for action in actions if isinstance(action, Hush)]
    says = [action for action in actions if isinstance(action, Say)]
    estimate = speaking_seconds(WORDS_PER_SECOND)
    for before, after in itertools.pairwise(says):
        assert after.until - estimate(after.text) >= before.until - 1e-9


def test_a_cue_that_would_run_into_the_count_is_dropped_whole_with_its_reason() -> None:
    actions = run(plan_of("pigeon"))
    dropped = [action for action in actions if isinstance(action, Dropped)]
    assert {(d.text, d.reason) for d in dropped} == {
        (
            "A long sentence that cannot possibly be said in time.",
            "it would not finish before the count",
        ),
        # The safety line and the set-up would not both fit the 10 s prep: the set-up goes.
        (PIGEON.setup, "it would not finish before the hold"),
    }
    assert "Breathe out and sink a little lower." in said(actions)


def test_the_last_three_seconds_of_a_long_hold_are_counted_aloud_or_ticked() -> None:
    texts = said(run(plan_of("pigeon")))
    assert texts.count("three") == texts.count("two") == texts.count("one") == 2
    silent = run(plan_of("pigeon"), voice=False)
    assert said(silent) == []
    ticks = [a for a in silent if isinstance(a, Play) and a.sound is Sound.TICK]
    assert len(ticks) == 6  # 3-2-1 on each side


def test_short_reps_get_their_count_and_a_tick_not_cues_or_a_countdown() -> None:
    actions = run(plan_of("chair"))
    texts = said(actions)
    assert "Right side. Chair Glute Stretch, 3 reps of 4 seconds." in texts
    assert texts.count("Rep 2 of 3.") == texts.count("Rep 3 of 3.") == 2
    assert "three" not in texts
    assert not any("Lean from the hips." in text for text in texts)
    assert {d.reason for d in actions if isinstance(d, Dropped)} == {
        "a hold this short gets only its count",
        "it would not finish before the hold",  # the first step, after the safety line
    }
    sounds = [a.sound for a in actions if isinstance(a, Play)]
    assert sounds.count(Sound.TICK) == 4  # reps 2 and 3, on each side
    assert sounds.count(Sound.HOLD) == 2


def test_each_kind_of_moment_has_its_own_sound() -> None:
    sounds = [a.sound for a in run(plan_of("pigeon"), voice=False) if isinstance(a, Play)]
    assert sounds[0] is Sound.GET_READY
    assert sounds[-1] is Sound.DONE
    assert {Sound.HOLD, Sound.SWITCH, Sound.TICK} <= set(sounds)
    assert said(run(plan_of("pigeon")))[-1] == "Session complete."


def test_a_key_that_moves_on_hushes_what_is_being_said() -> None:
    actions = run(plan_of("pigeon"), keys={12.0: Command.NEXT})
    hush = next(i for i, action in enumerate(actions) if isinstance(action, Hush))
    assert isinstance(actions[hush + 1], Play)  # then the new step is announced
    assert said(actions[hush:])[0] == "Switch to the left side."


def test_a_later_prep_says_what_comes_next_and_how_to_set_up() -> None:
    texts = said(run(plan_of("chair", "pigeon")))
    assert (
        "Next: Pigeon Pose. On hands and knees, right knee forward behind the right wrist." in texts
    )
    says = [a for a in run(plan_of("chair", "pigeon")) if isinstance(a, Say)]
    assert all(say.keep for say in says if say.text.startswith(("Next:", "Right side")))
    assert not any(say.keep for say in says if say.text in ("three", "two", "one"))


def test_without_a_setup_the_prep_says_the_first_step() -> None:
    plan = plan_of("chair")
    assert plan.steps[0].kind is StepKind.PREP
    assert announcement(plan, 0, EXERCISES) == "Next: Chair Glute Stretch. Sit tall."


def test_durations_are_said_as_people_say_them() -> None:
    assert [spoken_seconds(n) for n in (1, 30, 60, 90, 125)] == [
        "1 second",
        "30 seconds",
        "1 minute",
        "1 minute 30 seconds",
        "2 minutes 5 seconds",
    ]


def test_with_a_voice_each_prep_has_room_for_what_it_says() -> None:
    from stretchcli.core.coaching import room_to_speak

    plan = plan_of("pigeon", "chair")
    estimate = speaking_seconds(WORDS_PER_SECOND)
    roomy = room_to_speak(plan, EXERCISES, estimate)
    first = roomy.steps[0]
    words = f"{SAFETY_LINE} {NERVE_LINE} Next: Pigeon Pose. {PIGEON.setup}"
    assert first.seconds >= estimate(words) > plan.steps[0].seconds
    # Only preps change; a prep with time enough ("Next: Chair Glute Stretch. Sit tall.")
    # keeps its 10 s.
    assert [s.seconds for s in roomy.steps[1:]] == [s.seconds for s in plan.steps[1:]]
    actions = run(roomy)
    assert said(actions)[0] == words  # all of it, the set-up too
    assert not [a for a in actions if isinstance(a, Dropped) and a.reason.endswith("hold")]


def test_a_check_in_says_its_keys_and_an_answer_hushes_it() -> None:
    from stretchcli.core.coaching import CHECKIN_WORDS
    from stretchcli.core.timeline import with_checkins

    plan = with_checkins(plan_of("chair", "pigeon"))
    texts = said(run(plan))
    assert texts.count(CHECKIN_WORDS) == 2
    assert CHECKIN_WORDS.startswith("How was that? 1, easy. 2, about right.")
    # chair: prep 10, then 3 reps of 4 s a side with a 5 s switch: its check-in at 39.
    actions = run(plan, keys={40.0: Command.RATE_EASY})
    hush = next(i for i, action in enumerate(actions) if isinstance(action, Hush))
    assert said(actions[:hush])[-1] == CHECKIN_WORDS
    assert said(actions[hush:])[0].startswith("Next: Pigeon Pose.")
