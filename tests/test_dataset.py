"""Reading free-exercise-db entries into our terms. The instructions here are written for
these tests in the dataset's shape, not copied from it."""

from __future__ import annotations

import pytest

from stretchcli.core import muscles
from stretchcli.core.dataset import (
    MUSCLES,
    Dose,
    Kind,
    category_of,
    dose_of,
    equipment_of,
    kind_of,
    muscle_names,
    position_of,
    sides_of,
)
from stretchcli.core.model import Category, Position, Sides, Span

HOLDING = ["Stand facing a wall.", "Lean in until the calf stretches.",
           "Hold the stretch for 15-25 seconds, then change legs."]  # fmt: skip
SWINGING = ["Stand next to a post and hold it with one hand.",
            "Swing the outside leg forward and back, 10-15 times, then switch sides."]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "equipment", "force", "text", "kind"),
    [
        ("Calf Lean", None, "static", HOLDING, Kind.HOLD),
        ("Leg Swing", None, "pull", SWINGING, Kind.MOVE),
        ("Quads-SMR", "foam roll", "static", ["Lie face down on the roller."], Kind.ROLL),
        ("Chest Opener", None, "static", ["Your partner pulls your arms back gently."],
         Kind.PARTNER),
    ],
)  # fmt: skip
def test_the_kind_comes_from_name_equipment_and_text(
    name: str, equipment: str | None, force: str, text: list[str], kind: Kind
) -> None:
    assert kind_of(name, equipment, force, " ".join(text)) is kind


def test_hold_and_reps_are_read_from_the_text_else_the_kinds_default() -> None:
    assert dose_of(Kind.HOLD, HOLDING) == Dose(Span(15, 25), Span(1, 1), True)
    assert dose_of(Kind.MOVE, SWINGING) == Dose(Span(2, 2), Span(10, 15), True)
    assert dose_of(Kind.HOLD, ["Keep the position for 30 seconds."]) == Dose(
        Span(30, 30), Span(1, 1), True
    )
    en_dash = dose_of(Kind.HOLD, ["Hold for 10\u201320 seconds."])
    assert en_dash.hold == Span(10, 20)
    silent = dose_of(Kind.HOLD, ["Reach for your toes."])
    assert silent.stated is False  # written into the imported file as our choice


def test_sides_and_the_starting_position() -> None:
    assert sides_of(HOLDING) is Sides.BOTH
    assert sides_of(["Reach both arms up."]) is Sides.NONE
    assert sides_of(["Circle the right foot, then repeat with the left foot."]) is Sides.BOTH
    assert position_of(["Lie on your back with knees bent."]) is Position.SUPINE
    assert position_of(["Get on your hands and knees."]) is Position.ALL_FOURS
    assert position_of(["Sit on a bench, feet flat."]) is Position.CHAIR
    assert position_of(["Sit on the floor, legs long."]) is Position.FLOOR_SEATED
    assert position_of(HOLDING) is Position.STANDING
    assert position_of(["Reach up."]) is None
    assert position_of(["Sit on a foam roller, hands behind you."]) is Position.FOAM_ROLLER
    assert position_of(["Lie face down with one leg on a foam roll."]) is Position.PRONE
    assert position_of(["From a lying position, bend your knees."]) is Position.SUPINE


def test_every_muscle_the_dataset_names_is_in_our_vocabulary() -> None:
    dataset = ["abdominals", "abductors", "adductors", "biceps", "calves", "chest", "forearms",
               "glutes", "hamstrings", "lats", "lower back", "middle back", "neck",
               "quadriceps", "shoulders", "traps", "triceps"]  # fmt: skip
    assert all(muscles.known(name) for name in muscle_names(dataset))
    assert set(MUSCLES) <= set(dataset)
    assert muscle_names(["biceps", "triceps"]) == ("arms",)


def test_categories_and_equipment() -> None:
    assert category_of(Kind.ROLL) is Category.FOAM_ROLLING
    assert category_of(Kind.MOVE) is Category.MOBILITY
    assert category_of(Kind.HOLD) is Category.STRETCHING
    assert equipment_of("foam roll") == ("foam roller",)
    assert equipment_of(None) == equipment_of("body only") == ("body weight",)
    assert equipment_of("exercise ball") == ("exercise ball",)
