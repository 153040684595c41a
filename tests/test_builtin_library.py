"""The built-in library carries the seed articles' facts (shared/SEED-FACTS.md)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from stretchcli.core.model import Exercise, Level, Position, Routine, Sides, Span, StepKind
from stretchcli.core.timeline import PlanOptions, build_plan
from stretchcli.storage.library_files import read_file
from stretchcli.storage.paths import builtin_library_path

LOADED = read_file(builtin_library_path(), builtin=True)
EXERCISES: dict[str, Exercise] = LOADED.exercises
ROUTINES: dict[str, Routine] = LOADED.routines
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

SEED_OF = {
    "seated-glute-stretch": "000",
    "seated-figure-four": "001",
    "supine-piriformis-stretch": "001",
    "standing-glute-stretch": "001",
    "deep-lunge-glute-stretch": "001",
    "seated-hip-stretch-opposite-leg-behind": "002",
    "pigeon-pose": "003",
    "chair-glute-stretch": "003",
    "supine-knee-to-chest": "003",
    "seated-spinal-twist": "003",
    "kneeling-side-bend": "003",
    "foam-roller-glute-roll": "003",
}

# id: position, hold, reps, sets (per side; every one is done on both sides)
FACTS = {
    "seated-glute-stretch": (Position.FLOOR_SEATED, Span(30, 60), Span(1, 1), Span(1, 1)),
    "seated-figure-four": (Position.CHAIR, Span(20, 30), Span(1, 1), Span(1, 1)),
    "supine-piriformis-stretch": (Position.SUPINE, Span(20, 30), Span(1, 1), Span(1, 1)),
    "standing-glute-stretch": (Position.STANDING, Span(20, 30), Span(1, 1), Span(1, 1)),
    "deep-lunge-glute-stretch": (Position.KNEELING, Span(20, 30), Span(1, 1), Span(1, 1)),
    "seated-hip-stretch-opposite-leg-behind": (
        Position.FLOOR_SEATED,
        Span(10, 15),
        Span(1, 1),
        Span(1, 1),
    ),
    "pigeon-pose": (Position.ALL_FOURS, Span(30, 30), Span(1, 1), Span(3, 3)),
    "chair-glute-stretch": (Position.CHAIR, Span(3, 5), Span(8, 10), Span(1, 1)),
    "supine-knee-to-chest": (Position.SUPINE, Span(3, 5), Span(10, 10), Span(1, 1)),
    "seated-spinal-twist": (Position.FLOOR_SEATED, Span(5, 10), Span(10, 10), Span(3, 3)),
    "kneeling-side-bend": (Position.KNEELING, Span(5, 10), Span(5, 5), Span(1, 1)),
    "foam-roller-glute-roll": (Position.FOAM_ROLLER, Span(2, 2), Span(10, 10), Span(3, 3)),
}


def test_the_library_loads_cleanly() -> None:
    assert LOADED.problems == ()
    assert set(EXERCISES) == set(FACTS)
    assert set(ROUTINES) == {"glutes", "upper-glutes", "glute-medius", "desk", "hips"}


@pytest.mark.parametrize("ex_id", sorted(FACTS))
def test_exercise_dosage_matches_its_seed(ex_id: str) -> None:
    exercise = EXERCISES[ex_id]
    assert (exercise.position, exercise.hold, exercise.reps, exercise.sets) == FACTS[ex_id]
    assert exercise.sides is Sides.BOTH


@pytest.mark.parametrize("ex_id", sorted(FACTS))
def test_every_exercise_is_fully_written(ex_id: str) -> None:
    exercise = EXERCISES[ex_id]
    assert len(exercise.steps) >= 3
    assert len(exercise.tips) >= 2
    assert len(exercise.mistakes) >= 2
    assert len(exercise.safety) >= 1
    assert len(exercise.cues) >= 1
    assert len(exercise.faq) >= 1
    assert len(exercise.sources) >= 1
    assert exercise.summary
    # One sentence, right side first, short enough to say during a prep.
    assert exercise.setup
    assert exercise.setup.count(".") == 1
    assert exercise.setup.endswith(".")
    assert "right" in exercise.setup
    assert len(exercise.setup.split()) <= 22


def test_seed_specific_facts() -> None:
    seated = EXERCISES["seated-glute-stretch"]
    assert seated.target == ("glutes",)
    assert "hamstrings" in seated.secondary
    assert any("sciatic" in faq.question.lower() + faq.answer.lower() for faq in seated.faq)
    foam = EXERCISES["foam-roller-glute-roll"]
    assert foam.category.value == "foam-rolling"
    assert "foam roller" in foam.equipment
    desk = {ex_id for ex_id, ex in EXERCISES.items() if ex.desk_friendly}
    # seated-glute-stretch in its chair variant, as its own tip and FAQ say.
    assert desk == {"seated-figure-four", "chair-glute-stretch", "standing-glute-stretch",
                    "seated-glute-stretch"}  # fmt: skip
    assert "forgetrainer.ai" in " ".join(seated.sources)


def holds_by_exercise(routine_id: str, level: Level) -> Counter[tuple[str, str, int]]:
    """Holds counted per (exercise, side, set), with the hold length checked for sameness."""
    plan = build_plan(ROUTINES[routine_id], EXERCISES, PlanOptions(level=level))
    counts: Counter[tuple[str, str, int]] = Counter()
    for step in plan.steps:
        if step.kind is StepKind.HOLD:
            assert step.exercise is not None
            assert step.side is not None
            counts[(step.exercise, step.side.value, step.set)] += 1
    return counts


@pytest.mark.parametrize(
    ("level", "chair_reps", "chair_hold", "twist_hold", "bend_hold"),
    [(Level.BEGINNER, 8, 3, 5, 5), (Level.ADVANCED, 10, 5, 10, 10)],
)
def test_glute_medius_is_seed_003_exactly(
    level: Level, chair_reps: int, chair_hold: int, twist_hold: int, bend_hold: int
) -> None:
    plan = build_plan(ROUTINES["glute-medius"], EXERCISES, PlanOptions(level=level))
    assert plan.steps[0].kind is StepKind.TIMER
    assert "warm" in plan.steps[0].label.lower()
    order = list(dict.fromkeys(s.exercise for s in plan.steps if s.exercise))
    assert order == [
        "pigeon-pose",
        "chair-glute-stretch",
        "supine-knee-to-chest",
        "seated-spinal-twist",
        "kneeling-side-bend",
        "foam-roller-glute-roll",
    ]
    counts = holds_by_exercise("glute-medius", level)
    expected: Counter[tuple[str, str, int]] = Counter()
    for side in ("right", "left"):
        for set_number in (1, 2, 3):
            expected[("pigeon-pose", side, set_number)] = 1
            expected[("seated-spinal-twist", side, set_number)] = 10
            expected[("foam-roller-glute-roll", side, set_number)] = 10
        expected[("chair-glute-stretch", side, 1)] = chair_reps
        expected[("supine-knee-to-chest", side, 1)] = 10
        expected[("kneeling-side-bend", side, 1)] = 5
    assert counts == expected
    seconds = {s.exercise: s.seconds for s in plan.steps if s.kind is StepKind.HOLD}
    assert seconds["pigeon-pose"] == 30
    assert seconds["chair-glute-stretch"] == chair_hold
    assert seconds["seated-spinal-twist"] == twist_hold
    assert seconds["kneeling-side-bend"] == bend_hold


def test_upper_glutes_is_seed_001_at_its_dosage() -> None:
    plan = build_plan(ROUTINES["upper-glutes"], EXERCISES)
    assert ROUTINES["upper-glutes"].exercise_ids == (
        "seated-figure-four",
        "supine-piriformis-stretch",
        "standing-glute-stretch",
        "deep-lunge-glute-stretch",
    )
    assert {s.seconds for s in plan.steps if s.kind is StepKind.HOLD} == {20}
    assert Counter(holds_by_exercise("upper-glutes", Level.ADVANCED).values()) == Counter({1: 8})


def test_glutes_is_a_balanced_8_to_12_minute_beginner_session() -> None:
    routine = ROUTINES["glutes"]
    plan = build_plan(routine, EXERCISES)
    assert plan.level is Level.BEGINNER
    assert 8 * 60 <= plan.total_seconds <= 12 * 60
    assert {SEED_OF[ex_id] for ex_id in routine.exercise_ids} == {"000", "001", "002", "003"}


def test_desk_is_desk_friendly_and_5_to_10_minutes() -> None:
    routine = ROUTINES["desk"]
    assert all(EXERCISES[e].desk_friendly for e in routine.exercise_ids)
    assert all(
        EXERCISES[e].position in (Position.CHAIR, Position.STANDING) for e in routine.exercise_ids
    )
    assert 5 * 60 <= build_plan(routine, EXERCISES).total_seconds <= 10 * 60


def test_hips_holds_the_hip_openers() -> None:
    assert set(ROUTINES["hips"].exercise_ids) >= {
        "seated-hip-stretch-opposite-leg-behind",
        "deep-lunge-glute-stretch",
        "pigeon-pose",
        "kneeling-side-bend",
    }


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))


def _our_prose() -> str:
    """Every sentence we wrote; sources are left out, as a citation quotes its title."""
    parts: list[str] = []
    for ex in EXERCISES.values():
        parts += [ex.name, ex.summary or "", *ex.steps, *ex.tips, *ex.mistakes, *ex.safety]
        parts += [cue.say for cue in ex.cues]
        parts += [f"{faq.question} {faq.answer}" for faq in ex.faq]
    for routine in ROUTINES.values():
        parts += [routine.name, routine.summary or ""]
    return "\n".join(parts)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles live in ../shared/seeds")
def test_the_library_is_written_in_our_own_words() -> None:
    """No run of 8 words from a seed article appears in what we wrote."""
    run = 8
    seed_runs = set()
    for seed in SEEDS.glob("*.txt"):
        words = _words(seed.read_text(encoding="utf-8"))
        seed_runs |= {tuple(words[i : i + run]) for i in range(len(words) - run + 1)}
    ours: list[str] = []
    for part in _our_prose().split("\n"):  # runs never cross from one text to the next
        ours += [*_words(part), "|"]
    copied = {
        " ".join(ours[i : i + run])
        for i in range(len(ours) - run + 1)
        if tuple(ours[i : i + run]) in seed_runs
    }
    assert copied == set()
