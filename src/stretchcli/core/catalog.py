"""Browsing the library: exercise filters and routine totals (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from .library import Library
from .model import Category, Exercise, Level, Position, Routine
from .timeline import PlanOptions, build_plan


class ExerciseFilter(NamedTuple):
    """Every field set must match (AND); text matches are case-insensitive substrings."""

    muscle: str | None = None
    position: Position | None = None
    equipment: str | None = None
    difficulty: Level | None = None
    category: Category | None = None
    desk: bool = False
    search: str | None = None

    def matches(self, exercise: Exercise) -> bool:
        muscles = (*exercise.target, *exercise.secondary)
        return (
            _any_contains(muscles, self.muscle)
            and (self.position is None or exercise.position is self.position)
            and _any_contains(exercise.equipment, self.equipment)
            and (self.difficulty is None or exercise.difficulty is self.difficulty)
            and (self.category is None or exercise.category is self.category)
            and (not self.desk or exercise.desk_friendly)
            and _any_contains(
                (exercise.id, exercise.name, *exercise.aliases, *muscles), self.search
            )
        )


def _any_contains(texts: Iterable[str], needle: str | None) -> bool:
    if not needle:
        return True
    wanted = needle.casefold().strip()
    return any(wanted in text.casefold() for text in texts)


def find_exercises(library: Library, query: ExerciseFilter) -> list[Exercise]:
    """Matching exercises, sorted by id."""
    return [
        library.exercises[key]
        for key in sorted(library.exercises)
        if query.matches(library.exercises[key])
    ]


def routine_totals(library: Library) -> Iterator[tuple[Routine, int]]:
    """Each routine (sorted by id) with its total seconds at its own level."""
    for key in sorted(library.routines):
        routine = library.routines[key]
        yield routine, build_plan(routine, library.exercises, PlanOptions()).total_seconds
