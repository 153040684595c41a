"""Browsing the library: `stretch exercises`, `stretch show` and `stretch routines`.

The screen forms come from `ui.tables`, imported only when one is shown: `--json` and
piped listings need no rich tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from stretchcli.core import muscles as vocabulary
from stretchcli.core.catalog import ExerciseFilter, find_exercises, routine_totals
from stretchcli.core.errors import ExitCode, did_you_mean
from stretchcli.core.jsonout import exercise_json, routine_json
from stretchcli.core.library import Library, find_exercise
from stretchcli.core.model import Condition, Exercise, Level, Routine
from stretchcli.core.text import made_visible, visible
from stretchcli.ui.grid import Grid
from stretchcli.ui.output import Output

from . import loading

if TYPE_CHECKING:
    from rich.console import RenderableType


def exercises(
    out: Output, query: ExerciseFilter, level: Level | None, files: Sequence[Path], as_json: bool
) -> ExitCode:
    """List the exercises that match `query`, with their dosage at `level`."""
    found = find_exercises(loading.library(out, files), query)
    if not found and not as_json:
        out.warn("No exercise matches those filters.")
        if query.muscle and not vocabulary.known(query.muscle):
            hint = did_you_mean(vocabulary.key(query.muscle), vocabulary.names())
            out.warn(
                f'No muscle "{visible(query.muscle)}" is in the vocabulary{hint}; '
                "`stretch muscles` lists them."
            )
        return ExitCode.OK
    conditions = loading.defaults(out).conditions
    out.result(
        as_json,
        lambda: [exercise_json(exercise) for exercise in found],
        lambda: _exercise_list(found, level or Level.BEGINNER, conditions),
    )
    return ExitCode.OK


def show(
    out: Output, exercise_id: str, files: Sequence[Path], as_json: bool, pictures: bool = True
) -> ExitCode:
    """Everything about one exercise, and its photos where the terminal can show them."""
    library = loading.library(out, files)
    exercise = find_exercise(library, exercise_id)
    conditions = loading.defaults(out).conditions
    out.result(
        as_json,
        lambda: exercise_json(exercise),
        lambda: _exercise_page(exercise, library, conditions),
    )
    if not as_json and exercise.images:
        from stretchcli.ui.poses import pictures_wanted, show_photos

        if pictures_wanted(out, pictures):
            show_photos(out, exercise)
    return ExitCode.OK


def routines(out: Output, files: Sequence[Path], as_json: bool) -> ExitCode:
    """List every routine with its total time at its own level."""
    library = loading.library(out, files)
    rows = list(routine_totals(library))
    out.result(
        as_json,
        lambda: [routine_json(routine) for routine, _ in rows],
        lambda: _routine_list(library, rows),
    )
    return ExitCode.OK


def muscles(out: Output, files: Sequence[Path], as_json: bool) -> ExitCode:
    """The muscle vocabulary: regions, groups and muscles, with how many exercises work each."""
    from stretchcli.core.muscles import listing

    library = loading.library(out, files)
    rows = listing((*e.target, *e.secondary) for e in library.exercises.values())
    out.result(
        as_json,
        lambda: [
            {
                "id": row.term.id,
                "part_of": row.term.part_of,
                "aliases": list(row.term.aliases),
                "exercises": row.exercises,
            }
            for row in rows
        ],
        lambda: Grid(
            ("muscle", "exercises", "also called"),
            [
                ("  " * row.depth + row.term.id, str(row.exercises), ", ".join(row.term.aliases))
                for row in rows
            ],
            right_aligned=frozenset({1}),
            keep_whole=frozenset({0, 1}),
        ),
    )
    return ExitCode.OK


def _exercise_list(found: list[Exercise], level: Level, conditions: Sequence[Condition]) -> Grid:
    from stretchcli.ui.tables import exercises_grid

    return exercises_grid(found, level, conditions)


def _exercise_page(
    exercise: Exercise, library: Library, conditions: Sequence[Condition]
) -> RenderableType:
    from stretchcli.ui.tables import exercise_detail

    return exercise_detail(made_visible(exercise), library, conditions)


def _routine_list(library: Library, rows: list[tuple[Routine, int]]) -> Grid:
    from stretchcli.ui.tables import routines_grid

    return routines_grid(library, rows)
