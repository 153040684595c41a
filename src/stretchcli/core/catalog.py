"""Browsing the library: exercise filters, dosage texts and routine totals (pure)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

from .durations import format_seconds, format_span
from .library import Library
from .model import (
    Category,
    Caution,
    Condition,
    Exercise,
    ExerciseItem,
    Item,
    Level,
    Position,
    RestItem,
    Routine,
    Sides,
    Span,
    cautions_for,
)
from .muscles import names_match
from .timeline import PlanOptions, hold_seconds, plan_size


class ExerciseFilter(NamedTuple):
    """Every field set must match (AND). `muscle` finds the muscle and all it holds (see
    core/muscles.py); the other texts are case-insensitive substrings."""

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
            (not self.muscle or names_match(self.muscle, muscles))
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


def cautioned(
    routine: Routine, exercises: Mapping[str, Exercise], conditions: Sequence[Condition]
) -> list[tuple[Exercise, tuple[Caution, ...]]]:
    """The routine's exercises (each once, in order) with a caution for `conditions`."""
    found = []
    for exercise_id in dict.fromkeys(routine.exercise_ids):
        exercise = exercises.get(exercise_id)
        cautions = cautions_for(exercise, conditions) if exercise is not None else ()
        if exercise is not None and cautions:
            found.append((exercise, cautions))
    return found


def without(routine: Routine, exercise_ids: Collection[str]) -> Routine:
    """`routine` with the items of `exercise_ids` left out, each with the rest that went
    with it (the one after it, else the one before), and no rest left at the start or
    the end with nothing to rest between."""
    items = routine.items
    gone = {
        index
        for index, item in enumerate(items)
        if isinstance(item, ExerciseItem) and item.exercise in exercise_ids
    }
    for index in sorted(gone):
        for beside in (index + 1, index - 1):
            is_rest = 0 <= beside < len(items) and isinstance(items[beside], RestItem)
            if is_rest and beside not in gone:
                gone.add(beside)
                break
    kept = [item for index, item in enumerate(items) if index not in gone]
    while kept and isinstance(kept[0], RestItem):  # nothing comes before it to rest after
        kept.pop(0)
    while kept and isinstance(kept[-1], RestItem):
        kept.pop()
    return routine._replace(items=tuple(kept))


def routine_totals(library: Library) -> Iterator[tuple[Routine, int]]:
    """Each routine (sorted by id) with its total seconds at its own level, counted, not built."""
    for key in sorted(library.routines):
        routine = library.routines[key]
        size = (library.sizes or {}).get(key) or plan_size(routine, library.exercises)
        yield routine, size.seconds


def dosage(exercise: Exercise, level: Level) -> str:
    """What one set looks like at `level`: "30s", "4s x 8 reps", "5s x 10 reps x 3 sets"."""
    parts = [format_seconds(exercise.hold.at(level))]
    reps = exercise.reps.at(level)
    sets = exercise.sets.at(level)
    if reps > 1:
        parts.append(f"{reps} reps")
    if sets > 1:
        parts.append(f"{sets} sets")
    return " x ".join(parts)


class DosageRanges(NamedTuple):
    """An exercise's dosage as written, ranges kept; what is only one is None."""

    hold: str  # "20-30s"
    reps: str | None  # "8-10"
    sets: str | None
    rep_rest: str | None  # "3s" between reps
    each_side: bool


def dosage_ranges(exercise: Exercise) -> DosageRanges:
    """The parts of the dosage that listings and new files describe."""
    return DosageRanges(
        hold=format_span(exercise.hold),
        reps=format_span(exercise.reps, "") if exercise.reps.high > 1 else None,
        sets=format_span(exercise.sets, "") if exercise.sets.high > 1 else None,
        rep_rest=format_span(exercise.rep_rest) if exercise.rep_rest.high > 0 else None,
        each_side=exercise.sides is Sides.BOTH,
    )


def with_options(
    routine: Routine, exercises: Mapping[str, Exercise], options: PlanOptions
) -> Routine:
    """`routine` with the command line's timeline options written into it, so that a file
    saved by `stretch plan ... --save` runs what the plan showed. (config.yaml's values are
    not written: they apply to every routine anyway.) --scale is written as each hold at
    the level, scaled, the way the timeline scales it: `options.level` is the session's
    (the command line's, else config.yaml's), and is written too."""
    level = options.level or routine.level
    items: list[Item] = []
    for item in routine.items:
        if isinstance(item, ExerciseItem):
            item = _item_with_options(item, exercises.get(item.exercise), level, options)
        items.append(item)
    return routine._replace(
        items=tuple(items),
        level=level,
        prep=options.prep or routine.prep,
        switch=options.switch or routine.switch,
        rest=options.rest or routine.rest,
        rounds=options.rounds or routine.rounds,
        first_side=options.first_side or routine.first_side,
    )


def _item_with_options(
    item: ExerciseItem, exercise: Exercise | None, level: Level | None, options: PlanOptions
) -> ExerciseItem:
    hold = options.hold or item.hold
    if options.scale is not None and exercise is not None:
        scaled = hold_seconds(hold or exercise.hold, level or Level.BEGINNER, options.scale)
        hold = Span.fixed(scaled)
    return item._replace(
        hold=hold,
        reps=options.reps or item.reps,
        sets=options.sets or item.sets,
        # The command line's prep and switch beat an item's own, as in the timeline.
        prep=None if options.prep else item.prep,
        switch=None if options.switch else item.switch,
    )
