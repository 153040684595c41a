"""Reading free-exercise-db's stretches into our terms (pure: entries in, facts out).

The dataset (public domain, github.com/yuhonas/free-exercise-db) gives each exercise a
name, muscles, equipment, a level and instructions as sentences; hold times, reps, sides
and the starting position are only in those sentences. This module reads them there:
what kind of exercise it is, on which sides, for how long, from which position, and
names its muscles in our vocabulary. The importer (a later command) writes the result.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import Enum
from typing import NamedTuple

from .model import Category, Level, Position, Sides, Span

# The dataset's muscle names that are not ours as written (the rest are: glutes, calves...).
MUSCLES = {
    "abductors": "hip-abductors",
    "lats": "latissimus-dorsi",
    "lower back": "lower-back",
    "middle back": "upper-back",
    "traps": "upper-back",
    "biceps": "arms",
    "triceps": "arms",
    "forearms": "arms",
}
LEVELS = {"beginner": Level.BEGINNER, "intermediate": Level.INTERMEDIATE, "expert": Level.ADVANCED}
EQUIPMENT = {"body only": "body weight", "foam roll": "foam roller", "other": None}


class Kind(Enum):
    """How the exercise is done, which decides its category and default dose."""

    HOLD = "hold"  # a static stretch
    MOVE = "move"  # a dynamic move, done for reps
    ROLL = "roll"  # foam rolling
    PARTNER = "partner"  # needs a second person: imported with `needs: [partner]`


# What each kind is called in reports and in the sources of an imported exercise.
KIND_NOUNS = {
    Kind.HOLD: "static stretch",
    Kind.MOVE: "dynamic move",
    Kind.ROLL: "foam rolling exercise",
    Kind.PARTNER: "partner stretch",
}


class Dose(NamedTuple):
    hold: Span
    reps: Span
    stated: bool  # read from the text; False: the kind's default, said so in the file


# Doses where the text gives none: our choice, written into the imported file as such.
DEFAULT_DOSE = {
    Kind.HOLD: Dose(Span(20, 30), Span(1, 1), False),
    Kind.MOVE: Dose(Span(2, 2), Span(10, 10), False),
    Kind.ROLL: Dose(Span(30, 30), Span(1, 1), False),
    Kind.PARTNER: Dose(Span(20, 30), Span(1, 1), False),
}

# "10-20", "10\u201320" (an en dash), "10 to 20", "10 or more" (read as 10).
_RANGE = r"(\d+)(?:\s*(?:-|\u2013|to)\s*(\d+))?(?:\s+or\s+more)?"
_HOLD = re.compile(rf"\b(?:hold|holding|stay|remain)\b[^.]*?\b{_RANGE}\s*(?:seconds|secs?|s)\b")
_SECONDS = re.compile(rf"\b{_RANGE}\s*(?:seconds|secs?)\b")
_REPS = re.compile(rf"\b{_RANGE}\s*(?:repetitions|reps|times)\b")
_BOTH = re.compile(
    r"\b(?:switch|change (?:sides|legs|arms)|other (?:side|leg|arm|foot|hand)|opposite "
    r"(?:side|leg|arm)|each (?:side|leg|arm)|alternat\w*|repeat on|(?:repeat|then)\b[^.]*\b"
    r"(?:left|right) (?:leg|arm|side|foot|hand))\b"
)
_MOVING = re.compile(
    r"\b(?:repetitions|reps|\d+\s*(?:-\s*\d+\s*)?times|swing|swings|hop|hops|jump|circles?|"
    r"alternating|walk your hands)\b"
)
# The first of these that the opening sentences name is where the exercise starts.
_POSITIONS = (
    # On the roller itself; "one leg on a foam roll" leaves the body where it is.
    (re.compile(r"\b(?:sit|lie|lying)\s+(?:back\s+)?on (?:a|the) foam roll"), Position.FOAM_ROLLER),
    (re.compile(r"\b(?:hands and knees|all fours)\b"), Position.ALL_FOURS),
    (re.compile(r"\b(?:lie|lying|lay)\b[^.]*\b(?:back|supine)\b"), Position.SUPINE),
    (re.compile(r"\b(?:lie|lying|lay)\b[^.]*\b(?:stomach|face down|prone)\b"), Position.PRONE),
    (re.compile(r"\b(?:lie|lying|lay)\b[^.]*\bside\b"), Position.SIDE_LYING),
    (re.compile(r"\blying position\b"), Position.SUPINE),  # with no more said: on the back
    (re.compile(r"\bknee(?:l|ling)\b"), Position.KNEELING),
    (re.compile(r"\b(?:sit|sitting|seated)\b[^.]*\b(?:chair|bench)\b"), Position.CHAIR),
    (re.compile(r"\b(?:sit|sitting|seated)\b"), Position.FLOOR_SEATED),
    (re.compile(r"\b(?:stand|standing)\b"), Position.STANDING),
    (re.compile(r"\bfoam roll"), Position.FOAM_ROLLER),
)


def _text(instructions: Sequence[str]) -> str:
    return " ".join(instructions).lower()


def _span(found: re.Match[str]) -> Span:
    low = int(found.group(1))
    high = int(found.group(2)) if found.group(2) else low
    return Span(min(low, high), max(low, high))


def kind_of(name: str, equipment: str | None, force: str | None, text: str) -> Kind:
    """What kind of exercise the entry is, from its name, equipment and instructions."""
    lowered = text.lower()
    if equipment == "foam roll" or "smr" in name.lower() or "foam roll" in lowered:
        return Kind.ROLL
    if "partner" in lowered or "partner" in name.lower():
        return Kind.PARTNER
    if "dynamic" in name.lower():
        return Kind.MOVE
    # Done for reps, or a moving force, with no hold stated: a move, not a stretch held.
    counted = _REPS.search(lowered) is not None
    if (counted or force != "static") and _MOVING.search(lowered) and not _HOLD.search(lowered):
        return Kind.MOVE
    return Kind.HOLD


def dose_of(kind: Kind, instructions: Sequence[str]) -> Dose:
    """The hold and reps the text states, else the kind's default (marked as not stated)."""
    text = _text(instructions)
    hold = _HOLD.search(text) or (_SECONDS.search(text) if kind is not Kind.MOVE else None)
    reps = _REPS.search(text)
    default = DEFAULT_DOSE[kind]
    if hold is None and reps is None:
        return default
    return Dose(
        _span(hold) if hold else default.hold,
        _span(reps) if reps else default.reps,
        True,
    )


def sides_of(instructions: Sequence[str]) -> Sides:
    """Both when the text switches sides, legs or arms; else none."""
    return Sides.BOTH if _BOTH.search(_text(instructions)) else Sides.NONE


def position_of(instructions: Sequence[str]) -> Position | None:
    """Where it starts: the first position the first two sentences name, else None."""
    opening = _text(instructions[:2])
    for pattern, position in _POSITIONS:
        if pattern.search(opening):
            return position
    return None


def category_of(kind: Kind) -> Category:
    if kind is Kind.ROLL:
        return Category.FOAM_ROLLING
    return Category.MOBILITY if kind is Kind.MOVE else Category.STRETCHING


def muscle_names(names: Sequence[str]) -> tuple[str, ...]:
    """The dataset's muscle names in our vocabulary (core/muscles.py), in their order."""
    return tuple(dict.fromkeys(MUSCLES.get(name, name) for name in names))


def equipment_of(equipment: str | None) -> tuple[str, ...]:
    named = EQUIPMENT.get(equipment or "", equipment)
    return (named,) if named else ("body weight",)
