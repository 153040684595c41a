"""What "right side" means for an exercise, and the same line for the left.

A two-sided exercise's steps are written for the right side, and a person on the mat
needs one line for the side they are about to do ("Right side: right knee down, left
foot forward"). The left side's line is the right side's mirrored: the words "right"
and "left" swap, their capitals kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .model import Exercise, Plan, Side, StepKind

_SIDE_WORD = re.compile(r"\b(right|left)\b", re.IGNORECASE)
_MIRROR = {"right": "left", "left": "right"}


def mirrored(text: str) -> str:
    """`text` with every "right" and "left" swapped: "right knee down" -> "left knee down"."""

    def swap(match: re.Match[str]) -> str:
        word = match.group()
        other = _MIRROR[word.lower()]
        if word.isupper():
            return other.upper()
        return other.capitalize() if word[0].isupper() else other

    return _SIDE_WORD.sub(swap, text)


def side_line(exercise: Exercise | None, side: Side | None) -> str | None:
    """The exercise's one line for `side` ("Left side: left knee down, ..."), or None when
    it has none or the step has no side."""
    if exercise is None or side is None or not exercise.right_side:
        return None
    what = exercise.right_side if side is Side.RIGHT else mirrored(exercise.right_side)
    return f"{side.value.capitalize()} side: {what}"


# The steps before a hold on a side that may be a new one: the person gets into it there.
_LEADING_IN = (StepKind.PREP, StepKind.SWITCH, StepKind.SET_REST)


def side_line_at(plan: Plan, index: int, exercises: Mapping[str, Exercise]) -> str | None:
    """The side line step `index` brings: a prep's for the side it starts on, a switch's
    for the side it changes to, a rest between sets for the side the next set starts
    on (in pigeon, a change of sides too); None for any other step."""
    step = plan.steps[index]
    if step.kind not in _LEADING_IN:
        return None
    following = plan.first_hold_of_block(index)
    side = following.side if following is not None else None
    return side_line(exercises.get(step.exercise or ""), side)


def starting_left(exercise: Exercise) -> Exercise:
    """`exercise` for a session that starts on the left: its set-up and steps, written for
    the right side first, mirrored, so that what is shown and said matches the side."""
    return exercise._replace(
        setup=mirrored(exercise.setup) if exercise.setup else None,
        steps=tuple(mirrored(step) for step in exercise.steps),
    )
