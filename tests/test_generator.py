"""Sessions built to fit (core/generator.py): each rule on a made-up library, no clock."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone

import pytest

from stretchcli.core.errors import UsageError
from stretchcli.core.generator import (
    Generated,
    NothingFits,
    Used,
    Want,
    generate,
    routine_id,
    tolerance,
    usage,
    works,
)
from stretchcli.core.model import (
    Category,
    Caution,
    Condition,
    Exercise,
    ExerciseItem,
    ExerciseRecord,
    Level,
    Need,
    Origin,
    Position,
    Rating,
    Sides,
    Span,
    StepKind,
    TimerItem,
)
from stretchcli.core.timeline import PlanOptions, build_plan
from stretchcli.storage.library_files import load_library

HERE = Origin("t.yaml", 1, 1)
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)
NO_HISTORY: dict[str, Used] = {}


def stretch(ex_id: str, muscle: str, position: Position | None, **fields: object) -> Exercise:
    """A two-sided 30 s stretch: 10 s prep + 30 + 5 switch + 30 = 75 s, 70 s more a set."""
    base = Exercise(
        ex_id, ex_id.title(), (muscle,), Span(30, 30), ("Do it",), HERE,
        position=position, sides=Sides.BOTH,
    )  # fmt: skip
    return base._replace(**fields)


def one_sided(ex_id: str, muscle: str, hold: int) -> Exercise:
    """A stretch done once: 10 s prep + the hold."""
    return stretch(ex_id, muscle, Position.STANDING, sides=Sides.NONE, hold=Span.fixed(hold))


def library() -> dict[str, Exercise]:
    made = [
        stretch("stand-glute", "glutes", Position.STANDING),
        stretch("chair-glute", "gluteus medius", Position.CHAIR),
        stretch("floor-glute", "glutes", Position.FLOOR_SEATED),
        stretch("kneel-flexor", "hip flexors", Position.KNEELING),
        stretch("stand-flexor", "hip flexors", Position.STANDING),
        stretch("lying-adductor", "adductors", Position.SUPINE),
        stretch("seated-hamstring", "hamstrings", Position.FLOOR_SEATED),
        stretch("stand-hamstring", "hamstrings", Position.STANDING),
        stretch("lying-hamstring", "hamstrings", Position.SUPINE),
        stretch("wall-calf", "calves", Position.STANDING, equipment=("wall",)),
        stretch("floor-calf", "calves", Position.FLOOR_SEATED),
        stretch("quad-side", "quadriceps", Position.SIDE_LYING),
        stretch("stand-quad", "quadriceps", Position.STANDING),
        stretch("back-fours", "lower back", Position.ALL_FOURS),
        stretch("pair-hamstring", "hamstrings", Position.SUPINE, needs=(Need.PARTNER,)),
        stretch("roll-calf", "calves", Position.FOAM_ROLLER, equipment=("foam roller",)),
        stretch("hard-glute", "glutes", Position.ALL_FOURS, difficulty=Level.INTERMEDIATE),
        stretch(
            "careful-glute",
            "glutes",
            Position.SUPINE,
            cautions=(Caution(Condition.KNEE, "Keep the knee bent."),),
        ),
    ]
    return {exercise.id: exercise for exercise in made}


def only(*keys: str) -> dict[str, Exercise]:
    return {key: exercise for key, exercise in library().items() if key in keys}


def chosen(
    want: Want,
    exercises: Mapping[str, Exercise] | None = None,
    used: Mapping[str, Used] = NO_HISTORY,
) -> list[str]:
    return list(generate(want, exercises or library(), used, NOW).routine.exercise_ids)


def planned_seconds(want: Want, exercises: Mapping[str, Exercise]) -> int:
    made = generate(want, exercises, NO_HISTORY, NOW)
    return build_plan(made.routine, exercises, want.options).total_seconds


def focus_seconds(
    made: Generated, exercises: Mapping[str, Exercise], options: PlanOptions
) -> dict[str, int]:
    """Seconds held per focus term of a built session (an exercise working two counts for
    both): how the time was spread."""
    seconds = dict.fromkeys(made.terms, 0)
    for step in build_plan(made.routine, exercises, options).steps:
        exercise = exercises.get(step.exercise or "")
        if exercise is None or step.kind is not StepKind.HOLD:
            continue
        for term in made.terms:
            if works(exercise, term):
                seconds[term] += step.seconds
    return seconds


def sets_of(want: Want, exercises: Mapping[str, Exercise]) -> dict[str, Span | None]:
    items = generate(want, exercises, NO_HISTORY, NOW).routine.items
    return {item.exercise: item.sets for item in items if isinstance(item, ExerciseItem)}


# -- the seed ---------------------------------------------------------------------------


def test_the_same_seed_and_choices_build_the_same_session_another_seed_another() -> None:
    want = Want(600, ("hamstrings", "glutes"), seed=7)
    first = generate(want, library(), NO_HISTORY, NOW)
    assert generate(want, dict(reversed(library().items())), NO_HISTORY, NOW) == first
    others = {generate(want._replace(seed=n), library(), NO_HISTORY, NOW).routine for n in range(8)}
    assert len(others) > 1


# -- 1. focus ---------------------------------------------------------------------------


def test_every_focus_term_gets_an_exercise_before_the_time_is_enough() -> None:
    # 100 s of hamstrings is already within 30 s of 2 minutes; calves still get their 40 s.
    exercises = {
        "long-hamstring": one_sided("long-hamstring", "hamstrings", 90),
        "short-calf": one_sided("short-calf", "calves", 30),
    }
    made = generate(Want(120, ("hamstrings", "calf")), exercises, NO_HISTORY, NOW)
    assert set(made.routine.exercise_ids) == {"long-hamstring", "short-calf"}
    assert focus_seconds(made, exercises, PlanOptions()) == {"hamstrings": 90, "calves": 30}


def test_a_focus_that_cannot_be_covered_in_the_time_is_nothing_fits() -> None:
    with pytest.raises(NothingFits, match=r"^--for 1m30s is too short to cover every --focus"):
        generate(Want(90, ("hamstrings", "calves")), library(), NO_HISTORY, NOW)


def test_when_the_favourites_leave_no_room_for_every_focus_the_shortest_are_taken() -> None:
    # Never-done long-hamstring ranks first, but with it the calves get no room: 60 s asked,
    # 90 s at most.
    exercises = {
        "long-hamstring": one_sided("long-hamstring", "hamstrings", 50),  # 60 s
        "short-hamstring": one_sided("short-hamstring", "hamstrings", 20),  # 30 s
        "calf": one_sided("calf", "calves", 30),  # 40 s
    }
    done = {"short-hamstring": Used(NOW - timedelta(days=1), None)}
    made = generate(Want(60, ("hamstrings", "calves")), exercises, done, NOW)
    assert set(made.routine.exercise_ids) == {"short-hamstring", "calf"}
    with_room = generate(Want(100, ("hamstrings", "calves")), exercises, done, NOW)
    assert set(with_room.routine.exercise_ids) == {"long-hamstring", "calf"}


def test_a_region_is_spread_across_its_groups() -> None:
    glutes = [stretch(f"glute-{n}", "gluteus maximus", Position.STANDING) for n in range(8)]
    others = [
        stretch("flexor", "hip flexors", Position.KNEELING),
        stretch("adductor", "groin", Position.SUPINE),
        stretch("calf", "calves", Position.STANDING),
    ]
    exercises = {exercise.id: exercise for exercise in (*glutes, *others)}
    for seed in range(10):
        picked = chosen(Want(300, ("hips",), seed=seed), exercises)
        assert {"flexor", "adductor"} <= set(picked)
        assert any(key.startswith("glute-") for key in picked)
        assert "calf" not in picked


def test_only_target_muscles_count_for_a_focus() -> None:
    exercises = {
        "hamstring-with-calves": stretch(
            "hamstring-with-calves", "hamstrings", Position.STANDING, secondary=("calves",)
        ),
    }
    with pytest.raises(NothingFits, match="no exercise in your library works calves"):
        generate(Want(300, ("calves",)), exercises, NO_HISTORY, NOW)


def test_an_unknown_focus_is_a_usage_error_with_a_hint() -> None:
    with pytest.raises(UsageError) as caught:
        generate(Want(600, ("hamstrng",)), library(), NO_HISTORY, NOW)
    assert str(caught.value) == (
        '--focus hamstrng: not a muscle stretchcli knows (did you mean "hamstring"?); '
        "`stretch muscles` lists them"
    )


def test_the_default_focus_leaves_out_groups_the_library_lacks_with_a_note() -> None:
    glutes = only("stand-glute", "chair-glute", "floor-glute")
    made = generate(Want(300), glutes, NO_HISTORY, NOW)
    assert made.notes[0] == (
        "no exercise for hip flexors, adductors, hamstrings, quadriceps, calves or lower back "
        "in your library (stretch import free-exercise-db adds some)"
    )
    assert made.terms == ("glutes",)
    assert made.routine.exercise_ids


def test_the_default_focus_with_nothing_at_all_is_nothing_fits() -> None:
    with pytest.raises(NothingFits, match="no exercise in your library works the lower body"):
        generate(Want(300), {}, NO_HISTORY, NOW)


# -- 2. candidates ----------------------------------------------------------------------


def test_pain_in_the_last_fourteen_days_keeps_an_exercise_out() -> None:
    quads = only("stand-quad", "quad-side")
    recent = {"stand-quad": Used(None, NOW - timedelta(days=3))}
    made = generate(Want(180, ("quads",)), quads, recent, NOW)
    assert made.routine.exercise_ids == ("quad-side",)
    assert "left out 1 exercise that was rated pain in the last 14 days: stand-quad" in made.notes
    old = {"stand-quad": Used(NOW - timedelta(days=20), NOW - timedelta(days=20))}
    assert "stand-quad" in chosen(Want(180, ("quads",)), quads, old)


def test_usage_reads_the_latest_done_and_the_latest_pain_in_any_order() -> None:
    def row(day: int, exercise: str, done: bool, rating: Rating | None) -> ExerciseRecord:
        when = NOW - timedelta(days=day)
        return ExerciseRecord(day, when, "r", 1, exercise, "both", 20, 20, done, rating)

    rows = [
        row(1, "a", False, Rating.PAIN),
        row(2, "a", True, None),
        row(9, "a", True, Rating.PAIN),
    ]
    expected = {"a": Used(NOW - timedelta(days=2), NOW - timedelta(days=1))}
    assert usage(rows) == expected
    assert usage(reversed(rows)) == expected


def test_partner_cautioned_and_harder_exercises_are_never_chosen() -> None:
    want = Want(1800, conditions=(Condition.KNEE,), equipment=frozenset({"foam roller"}))
    for seed in range(4):
        made = generate(want._replace(seed=seed), library(), NO_HISTORY, NOW)
        assert not {"pair-hamstring", "careful-glute", "hard-glute"} & set(
            made.routine.exercise_ids
        )
    assert "left out 1 exercise that needs a partner: pair-hamstring" in made.notes
    assert (
        "left out 1 exercise that has a caution for your conditions (config.yaml): careful-glute"
        in made.notes
    )
    assert "careful-glute" in chosen(Want(1800, ("glutes",)))  # no condition, no caution
    assert "hard-glute" in chosen(Want(1800, ("glutes",), level=Level.INTERMEDIATE))


def test_desk_keeps_chair_and_standing_moves_with_desk_things_only() -> None:
    exercises = {
        **library(),
        "strap-hamstring": stretch(
            "strap-hamstring", "hamstrings", Position.STANDING, equipment=("strap",)
        ),
        "stand-roll": stretch(
            "stand-roll", "hamstrings", Position.STANDING, category=Category.FOAM_ROLLING
        ),
        "desk-hamstring": stretch(
            "desk-hamstring", "hamstrings", Position.STANDING, equipment=("desk",)
        ),
    }
    want = Want(1200, desk=True, equipment=frozenset({"strap", "desk"}))
    for seed in range(4):
        picked = chosen(want._replace(seed=seed), exercises)
        assert {exercises[key].position for key in picked} <= {Position.CHAIR, Position.STANDING}
        assert "chair-glute" in picked
        assert "desk-hamstring" in picked
        assert not {"strap-hamstring", "stand-roll"} & set(picked)


def test_position_keeps_those_positions_and_leaves_out_no_position() -> None:
    exercises = {**library(), "anywhere": stretch("anywhere", "hamstrings", None)}
    want = Want(1200, positions=frozenset({Position.SUPINE, Position.SIDE_LYING}))
    picked = chosen(want, exercises)
    assert set(picked) == {"careful-glute", "lying-adductor", "lying-hamstring", "quad-side"}
    assert "anywhere" in chosen(Want(1200, ("hamstrings",)), exercises)


def test_equipment_beyond_a_floor_chair_and_wall_must_be_named() -> None:
    calves = {**only("wall-calf", "floor-calf", "roll-calf")}
    calves["mat-calf"] = stretch("mat-calf", "calves", Position.FLOOR_SEATED, equipment=("mat",))
    made = generate(Want(600, ("calves",)), calves, NO_HISTORY, NOW)
    assert set(made.routine.exercise_ids) == {"wall-calf", "floor-calf", "mat-calf"}
    assert (
        "left out 1 exercise that needs equipment you did not name (--equipment): foam roller"
        in made.notes
    )
    named = Want(600, ("calves",), equipment=frozenset({"Foam Roller"}))
    assert "roll-calf" in chosen(named, calves)


def test_equipment_no_exercise_uses_is_a_usage_error_with_a_hint() -> None:
    typo = Want(600, ("calves",), equipment=frozenset({"foam-roler"}))
    with pytest.raises(UsageError, match=re.escape('(did you mean "foam roller"?)')):
        generate(typo, library(), NO_HISTORY, NOW)
    # What is always at hand may be named too, in any case.
    at_hand = Want(600, ("calves",), equipment=frozenset({"Chair", "mat"}))
    assert chosen(at_hand)


def test_a_note_names_the_equipment_to_bring_each_piece_once() -> None:
    calves = {
        **only("wall-calf", "roll-calf"),
        "strap-calf": stretch(
            "strap-calf", "calves", Position.SUPINE, equipment=("strap", "Foam roller")
        ),
        "ball-calf": stretch("ball-calf", "calves", Position.FLOOR_SEATED, equipment=("ball",)),
    }
    made = generate(Want(300, ("calves",), equipment=frozenset({"ball"})), calves, {}, NOW)
    assert made.notes == (
        "left out 2 exercises that need equipment you did not name (--equipment): "
        "foam roller, strap",
    )


def test_no_note_for_what_the_place_asked_for_rules_out_anyway() -> None:
    note = "left out 1 exercise that is above --level beginner: hard-glute"
    assert note in generate(Want(600), library(), NO_HISTORY, NOW).notes
    # hard-glute starts on all fours: at a desk it was never in question.
    assert note not in generate(Want(600, desk=True), library(), NO_HISTORY, NOW).notes


# -- 3. preference ----------------------------------------------------------------------


def test_never_done_first_then_least_recently_done() -> None:
    done = {
        "stand-hamstring": Used(NOW - timedelta(days=1), None),
        "seated-hamstring": Used(NOW - timedelta(days=9), None),
        "lying-hamstring": Used(NOW - timedelta(days=3), None),
    }
    for seed in range(5):
        want = Want(60, ("hamstrings",), seed=seed)
        assert chosen(want, used=done) == ["seated-hamstring"]
        fresh = {**done, "lying-hamstring": Used(None, None)}
        assert chosen(want, used=fresh) == ["lying-hamstring"]


# -- 4. time ----------------------------------------------------------------------------


@pytest.mark.parametrize("seconds", [300, 600, 1200])
def test_the_total_is_within_ten_percent_or_thirty_seconds(seconds: int) -> None:
    for seed in range(5):
        want = Want(seconds, seed=seed)
        assert abs(planned_seconds(want, library()) - seconds) <= tolerance(seconds)
        assert not any("shorter than" in note for note in generate(want, library(), {}, NOW).notes)


@pytest.mark.parametrize(
    "timing",
    [
        PlanOptions(rest=Span.fixed(20)),
        PlanOptions(prep=Span.fixed(30), switch=Span.fixed(15)),
        PlanOptions(hold=Span.fixed(45), rest=Span.fixed(5)),
    ],
)
@pytest.mark.parametrize("seconds", [300, 600])
def test_the_session_is_timed_as_it_will_run(timing: PlanOptions, seconds: int) -> None:
    # Rests between exercises, a longer prep or hold: the total never passes --for's
    # tolerance, and falls short of it only with a note saying so (coarser pieces).
    fitted = 0
    for seed in range(5):
        want = Want(seconds, seed=seed, timing=timing)
        total = planned_seconds(want, library())
        notes = generate(want, library(), NO_HISTORY, NOW).notes
        assert total <= seconds + tolerance(seconds)
        if total >= seconds - tolerance(seconds):
            fitted += 1
        else:
            assert f"shorter than --for {seconds // 60}m" in notes[-1]
    if seconds >= 600:  # room enough for the pieces, whatever their size here
        assert fitted == 5


def test_tolerance_is_ten_percent_but_at_least_thirty_seconds() -> None:
    assert (tolerance(60), tolerance(300), tolerance(600), tolerance(1200)) == (30, 30, 60, 120)


def test_every_exercise_starts_at_one_set_whatever_its_own() -> None:
    exercises = {
        "three-sets": stretch("three-sets", "hamstrings", Position.STANDING, sets=Span(2, 3)),
    }
    want = Want(90, ("hamstrings",), level=Level.ADVANCED)
    assert sets_of(want, exercises) == {"three-sets": Span.fixed(1)}
    assert planned_seconds(want, exercises) == 75


def test_sets_grow_to_four_for_a_static_stretch_and_to_its_own_most_otherwise() -> None:
    static = {"calf": stretch("calf", "calves", Position.STANDING)}
    made = generate(Want(1800, ("calves",)), static, NO_HISTORY, NOW)
    assert sets_of(Want(1800, ("calves",)), static) == {"calf": Span.fixed(4)}
    assert "Repeats of 2-4 per stretch follow ACSM guidance." in (made.routine.summary or "")
    moving = {
        "swing": stretch("swing", "calves", Position.STANDING, reps=Span(8, 8), sets=Span(1, 2))
    }
    assert sets_of(Want(1800, ("calves",)), moving) == {"swing": Span.fixed(2)}


def test_a_set_is_added_only_while_the_total_stays_within_the_tolerance() -> None:
    calf = {"calf": stretch("calf", "calves", Position.STANDING)}
    # 75 s is short of 110 - 30 s, but a second set (145 s) would pass 110 + 30 s.
    made = generate(Want(110, ("calves",)), calf, NO_HISTORY, NOW)
    assert made.routine.items == (ExerciseItem("calf", made.routine.origin),)  # its own 1 set
    assert made.notes == (
        "only 1m15s of exercises fit these choices; the session is shorter than --for 1m50s",
    )


def test_a_library_too_small_for_the_time_says_the_session_is_shorter() -> None:
    made = generate(Want(1800, ("quadriceps",)), only("stand-quad", "quad-side"), {}, NOW)
    # Two stretches at 4 sets: 2 x (75 + 3 x 70) = 570 s, and the 60 s warm-up.
    assert made.notes == (
        "only 9m30s of exercises fit these choices (10m30s with the warm-up); "
        "the session is shorter than --for 30m",
    )


def test_too_short_for_any_exercise() -> None:
    long_hold = {"back": stretch("back", "lower back", Position.ALL_FOURS, hold=Span(60, 60))}
    with pytest.raises(NothingFits) as caught:
        generate(Want(60), long_hold, NO_HISTORY, NOW)  # 135 s; 60 s asked, 30 s tolerance
    assert str(caught.value) == (
        "--for 1m is shorter than any exercise that fits: the shortest, back, takes 2m15s"
    )


# -- 5. order, 6. warm-up -----------------------------------------------------------------


def test_exercises_are_ordered_standing_kneeling_all_fours_seated_lying() -> None:
    exercises = library()
    rank = {
        Position.STANDING: 0, Position.KNEELING: 1, Position.ALL_FOURS: 2, Position.CHAIR: 3,
        Position.FLOOR_SEATED: 3, Position.SUPINE: 4, Position.SIDE_LYING: 4,
        Position.FOAM_ROLLER: 5,
    }  # fmt: skip
    want = Want(1800, equipment=frozenset({"foam roller"}))
    for seed in range(5):
        picked = chosen(want._replace(seed=seed), exercises)
        order = [rank[exercises[key].position] for key in picked]  # type: ignore[index]
        assert order == sorted(order)
        assert len(set(order)) == 6


def test_a_warm_up_from_eight_minutes_counted_in_the_total() -> None:
    eight = generate(Want(480, desk=True), library(), NO_HISTORY, NOW).routine.items[0]
    assert eight == TimerItem("Warm up: march on the spot and swing your arms", Span.fixed(60))
    floor = generate(Want(480), library(), NO_HISTORY, NOW).routine.items[0]
    assert floor == TimerItem(
        "Warm up: walk or jog on the spot, or do easy leg swings", Span.fixed(60)
    )
    assert abs(planned_seconds(Want(480), library()) - 480) <= tolerance(480)
    seven = generate(Want(420), library(), NO_HISTORY, NOW).routine.items
    assert all(isinstance(item, ExerciseItem) for item in seven)


# -- when nothing fits ------------------------------------------------------------------


def test_nothing_fits_says_which_choice_removed_what() -> None:
    exercises = {key: e for key, e in library().items() if key != "wall-calf"}
    with pytest.raises(NothingFits) as caught:
        generate(Want(600, ("calves",), desk=True), exercises, NO_HISTORY, NOW)
    assert str(caught.value) == (
        "nothing fits --focus calves: 2 exercises work calves; both are not chair or "
        "standing (--desk): floor-calf (floor-seated), roll-calf (foam-roller)"
    )


def test_each_choice_that_removed_some_is_named_on_one_line() -> None:
    rollers = frozenset({Position.FOAM_ROLLER})
    calves = {
        **library(),
        **{f"calf-{n}": stretch(f"calf-{n}", "calves", Position.STANDING) for n in range(4)},
    }
    with pytest.raises(NothingFits) as caught:
        generate(Want(600, ("calf",), positions=rollers), calves, NO_HISTORY, NOW)
    assert str(caught.value) == (
        "nothing fits --focus calf: 7 exercises work calves; "
        "6 do not start in foam-roller (--position): calf-0 (standing), calf-1 (standing), "
        "calf-2 (standing) and 3 more; "
        "1 needs equipment you did not name (--equipment): roll-calf (foam roller)"
    )


def test_nothing_in_the_library_for_a_focus_says_so() -> None:
    with pytest.raises(NothingFits) as caught:
        generate(Want(600, ("calves",)), {}, NO_HISTORY, NOW)
    assert str(caught.value) == (
        "nothing fits --focus calves: no exercise in your library works calves "
        "(stretch import free-exercise-db adds some)"
    )


# -- 7. variety -------------------------------------------------------------------------


def test_the_last_session_is_not_repeated_when_another_can_be_built() -> None:
    for seed in range(5):
        want = Want(300, ("hamstrings", "glutes"), seed=seed)
        first = generate(want, library(), NO_HISTORY, NOW).routine.exercise_ids
        again = generate(want, library(), NO_HISTORY, NOW, previous=first).routine.exercise_ids
        assert again != first


def test_a_pool_too_small_for_another_session_keeps_the_same() -> None:
    one = only("stand-quad")
    want = Want(180, ("quads",))
    first = generate(want, one, NO_HISTORY, NOW)
    assert generate(want, one, NO_HISTORY, NOW, previous=first.routine.exercise_ids) == first


# -- 8. the routine ---------------------------------------------------------------------


def test_the_id_names_the_choices_and_is_a_valid_id() -> None:
    assert routine_id(Want(600, ("hips",), desk=True, seed=4)) == "for-10m-hips-desk"
    assert routine_id(Want(900)) == "for-15m-lower-body"
    standing = frozenset({Position.STANDING})
    assert (
        routine_id(Want(600, ("Hamstring", "calf"), positions=standing))
        == "for-10m-hamstrings-calves-standing"
    )
    assert routine_id(Want(90, ("hip", "hips"))) == "for-1m30s-hips"
    long = routine_id(Want(600, tuple(f"muscle {n}" for n in range(20))))
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", long)
    assert not long.endswith("-")


def test_the_routine_says_its_focus_place_and_level() -> None:
    made = generate(Want(600, ("hips",), desk=True), library(), NO_HISTORY, NOW).routine
    assert made.name == "10-minute session: hips, at the desk"
    assert made.summary == (
        "Built by stretchcli for 10m: hips, at the desk (on a chair or standing), beginner "
        "level. Repeats of 2-4 per stretch follow ACSM guidance."
    )
    assert (made.level, made.tags, made.origin.path) == (
        Level.BEGINNER,
        ("generated",),
        "generated",
    )
    whole = generate(Want(900, level=Level.INTERMEDIATE), library(), NO_HISTORY, NOW).routine
    assert whole.name == "15-minute session: the whole lower body"
    assert whole.summary == (
        "Built by stretchcli for 15m: the whole lower body (glutes, hip flexors, adductors, "
        "hamstrings, quadriceps, calves, lower back), in any position, intermediate level."
    )
    assert whole.level is Level.INTERMEDIATE


# -- the built-in library ---------------------------------------------------------------


def test_the_built_in_library_makes_a_ten_minute_desk_session_for_the_hips() -> None:
    exercises = load_library([]).exercises
    for seed in range(10):
        want = Want(600, ("hips",), desk=True, seed=seed)
        made = generate(want, exercises, NO_HISTORY, NOW)
        seconds = build_plan(made.routine, exercises, PlanOptions(level=want.level)).total_seconds
        assert 540 <= seconds <= 660
        positions = {exercises[key].position for key in made.routine.exercise_ids}
        assert positions <= {Position.CHAIR, Position.STANDING}


@pytest.mark.parametrize(
    "want",
    [
        Want(300),
        Want(600, ("hips",), desk=True),
        Want(900, ("hips",), desk=True),
        Want(1200, ("glutes", "hip flexors"), level=Level.ADVANCED),
        Want(600, positions=frozenset({Position.SUPINE, Position.FLOOR_SEATED})),
        Want(1800, equipment=frozenset({"foam roller"}), level=Level.INTERMEDIATE),
        Want(600, conditions=(Condition.PREGNANCY,)),
    ],
)
def test_every_session_built_from_the_built_in_library_plans(want: Want) -> None:
    exercises = load_library([]).exercises
    for seed in range(3):
        made = generate(want._replace(seed=seed), exercises, NO_HISTORY, NOW)
        seconds = build_plan(made.routine, exercises, PlanOptions(level=want.level)).total_seconds
        short = any("shorter than --for" in note for note in made.notes)
        assert seconds <= want.seconds + tolerance(want.seconds)
        assert short or seconds >= want.seconds - tolerance(want.seconds)
