"""The importer's reading of free-exercise-db against labels made by hand.

Each of these stretches was labelled by reading its instructions: its kind, its sides,
the hold its text states (None where it states none), and where it starts (None where
the text leaves it open: "sit or stand"). Only ids and labels are kept here; the text is
read from the shared copy of the dataset (../shared/data/free-exercise-db), and the test
skips where that copy is missing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stretchcli.core.dataset import Kind, dose_of, kind_of, position_of, sides_of
from stretchcli.core.model import Position, Sides, Span

DATASET = Path(__file__).resolve().parents[2] / "shared" / "data" / "free-exercise-db"
H, M, R, P = Kind.HOLD, Kind.MOVE, Kind.ROLL, Kind.PARTNER
BOTH, NONE = Sides.BOTH, Sides.NONE
ST, CH, FS, SU, PR, SL, AF, KN = (
    Position.STANDING, Position.CHAIR, Position.FLOOR_SEATED, Position.SUPINE,
    Position.PRONE, Position.SIDE_LYING, Position.ALL_FOURS, Position.KNEELING,
)  # fmt: skip

# id: (kind, sides, hold stated in seconds or None, starting position or None)
LABELS: dict[str, tuple[Kind, Sides, Span | None, Position | None]] = {
    "90_90_Hamstring": (M, BOTH, None, SU),
    "Adductor": (R, BOTH, Span(10, 30), PR),
    "Adductor_Groin": (P, NONE, Span(10, 10), SU),
    "All_Fours_Quad_Stretch": (H, BOTH, Span(10, 20), AF),
    "Ankle_Circles": (M, BOTH, None, ST),
    "Ankle_On_The_Knee": (H, BOTH, Span(10, 20), SU),
    "Anterior_Tibialis-SMR": (R, BOTH, Span(10, 30), FS),
    "Arm_Circles": (M, NONE, None, ST),
    "Behind_Head_Chest_Stretch": (P, NONE, Span(10, 10), FS),
    "Brachialis-SMR": (R, BOTH, Span(10, 30), SL),
    "Calf_Stretch_Elbows_Against_Wall": (H, NONE, Span(10, 20), ST),
    "Calf_Stretch_Hands_Against_Wall": (H, BOTH, Span(10, 20), ST),
    "Calves-SMR": (R, BOTH, Span(10, 30), FS),
    "Cat_Stretch": (H, NONE, Span(15, 15), AF),
    "Chair_Leg_Extended_Stretch": (M, BOTH, None, CH),
    "Chair_Lower_Back_Stretch": (H, BOTH, Span(10, 10), CH),
    "Chair_Upper_Body_Stretch": (H, NONE, Span(20, 30), CH),
    "Chest_And_Front_Of_Shoulder_Stretch": (H, NONE, None, ST),
    "Chest_Stretch_on_Stability_Ball": (H, BOTH, Span(20, 30), AF),
    "Childs_Pose": (H, NONE, None, AF),
    "Chin_To_Chest_Stretch": (H, NONE, Span(20, 30), FS),
    "Crossover_Reverse_Lunge": (M, BOTH, None, ST),
    "Dancers_Stretch": (H, BOTH, Span(10, 20), FS),
    "Dynamic_Back_Stretch": (M, NONE, None, ST),
    "Dynamic_Chest_Stretch": (M, NONE, None, ST),
    "Elbow_Circles": (M, NONE, None, None),
    "Elbows_Back": (H, NONE, None, ST),
    "Foot-SMR": (R, BOTH, Span(10, 30), None),
    "Frog_Hops": (M, NONE, None, ST),
    "Front_Leg_Raises": (M, BOTH, None, ST),
    "Groin_and_Back_Stretch": (M, NONE, None, FS),
    "Groiners": (M, NONE, None, None),
}
# Labelled after the reading was written, and not used to tune it: the fair figure.
HELD_OUT: dict[str, tuple[Kind, Sides, Span | None, Position | None]] = {
    "Hamstring-SMR": (R, BOTH, Span(10, 30), FS),
    "Hamstring_Stretch": (H, BOTH, Span(10, 30), SU),
    "Hip_Circles_prone": (M, BOTH, None, AF),
    "Hug_A_Ball": (H, NONE, None, FS),
    "Hug_Knees_To_Chest": (H, NONE, None, SU),
    "IT_Band_and_Glute_Stretch": (H, BOTH, Span(10, 20), SU),
    "Iliotibial_Tract-SMR": (R, BOTH, Span(10, 30), SL),
    "Inchworm": (M, NONE, None, ST),
    "Intermediate_Groin_Stretch": (H, BOTH, Span(10, 20), SU),
    "Intermediate_Hip_Flexor_and_Quad_Stretch": (H, BOTH, Span(10, 20), PR),
    "Iron_Crosses_stretch": (M, BOTH, None, PR),
    "Knee_Across_The_Body": (H, BOTH, None, SU),
    "Knee_Circles": (M, NONE, None, ST),
    "Kneeling_Forearm_Stretch": (H, NONE, Span(20, 30), KN),
    "Kneeling_Hip_Flexor": (H, BOTH, Span(15, 15), KN),
    "Latissimus_Dorsi-SMR": (R, BOTH, Span(10, 30), None),
    "Leg-Up_Hamstring_Stretch": (H, BOTH, None, SU),
    "Looking_At_Ceiling": (H, NONE, None, KN),
    "Lower_Back-SMR": (R, BOTH, Span(10, 30), FS),
    "Lower_Back_Curl": (M, NONE, None, PR),
    "Lying_Bent_Leg_Groin": (P, NONE, Span(10, 20), SU),
    "Lying_Crossover": (P, BOTH, Span(10, 20), SU),
}


def agreement(
    labels: dict[str, tuple[Kind, Sides, Span | None, Position | None]],
) -> tuple[int, int, list[str]]:
    """(labels agreed with, labels compared, what disagreed)."""
    entries = {e["id"]: e for e in json.loads((DATASET / "stretching.json").read_text())}
    agreed = compared = 0
    wrong = []
    for ex_id, (kind, sides, hold, position) in labels.items():
        entry = entries[ex_id]
        text = entry["instructions"]
        read_kind = kind_of(entry["name"], entry["equipment"], entry["force"], " ".join(text))
        dose = dose_of(read_kind, text)
        pairs = [("kind", read_kind, kind), ("sides", sides_of(text), sides)]
        if hold is not None or kind is not Kind.MOVE:
            pairs.append(("hold", dose.hold if dose.stated else None, hold))
        if position is not None:
            pairs.append(("position", position_of(text), position))
        for field, read, label in pairs:
            compared += 1
            if read == label:
                agreed += 1
            else:
                wrong.append(f"{ex_id} {field}: read {read}, labelled {label}")
    return agreed, compared, wrong


@pytest.mark.skipif(not DATASET.is_dir(), reason="the dataset lives in ../shared/data")
def test_the_reading_agrees_with_the_labels_made_by_hand() -> None:
    agreed, compared, wrong = agreement(LABELS)
    assert len(LABELS) >= 30
    # The bar. These 32 are also the labels the reading was tuned on; HELD_OUT
    # below gives the figure for labels it was not (docs/import-accuracy.md).
    assert agreed / compared >= 0.95, "\n".join(wrong)


@pytest.mark.skipif(not DATASET.is_dir(), reason="the dataset lives in ../shared/data")
def test_on_labels_it_was_not_tuned_on_it_still_agrees_95_percent() -> None:
    agreed, compared, wrong = agreement(HELD_OUT)
    assert len(HELD_OUT) >= 20
    # 78 of 82 when these were labelled: positions the text only implies ("seat
    # yourself", "as you lay on the ground") and Inchworm's hands that alternate.
    assert agreed / compared >= 0.95, "\n".join(wrong)
