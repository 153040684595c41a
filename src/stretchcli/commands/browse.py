"""Browsing the library: `stretch exercises`, `stretch show` and `stretch routines`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from stretchcli.core.catalog import ExerciseFilter, find_exercises, routine_totals
from stretchcli.core.errors import ExitCode
from stretchcli.core.jsonout import exercise_json, routine_json
from stretchcli.core.library import find_exercise
from stretchcli.core.model import Level
from stretchcli.ui.output import Output
from stretchcli.ui.tables import exercise_detail, exercises_grid, routines_grid

from . import loading


def exercises(
    out: Output, query: ExerciseFilter, level: Level | None, files: Sequence[Path], as_json: bool
) -> ExitCode:
    """List the exercises that match `query`, with their dosage at `level`."""
    found = find_exercises(loading.library(out, files), query)
    if not found and not as_json:
        out.warn("No exercise matches those filters.")
        return ExitCode.OK
    out.result(
        as_json,
        lambda: [exercise_json(exercise) for exercise in found],
        lambda: exercises_grid(found, level or Level.BEGINNER),
    )
    return ExitCode.OK


def show(out: Output, exercise_id: str, files: Sequence[Path], as_json: bool) -> ExitCode:
    """Everything about one exercise."""
    library = loading.library(out, files)
    exercise = find_exercise(library, exercise_id)
    out.result(as_json, lambda: exercise_json(exercise), lambda: exercise_detail(exercise, library))
    return ExitCode.OK


def routines(out: Output, files: Sequence[Path], as_json: bool) -> ExitCode:
    """List every routine with its total time at its own level."""
    library = loading.library(out, files)
    rows = list(routine_totals(library))
    out.result(
        as_json,
        lambda: [routine_json(routine) for routine, _ in rows],
        lambda: routines_grid(library, rows),
    )
    return ExitCode.OK
