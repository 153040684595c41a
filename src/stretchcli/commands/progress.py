"""`stretch progress`: per exercise, the hold progression gives it, its check-ins and why."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from stretchcli.core.errors import ExitCode
from stretchcli.core.library import Library
from stretchcli.core.model import Level
from stretchcli.core.progression import Progress, Rated, exercise_progress, session_ratings
from stretchcli.core.timeline import PlanOptions
from stretchcli.ui.grid import Grid
from stretchcli.ui.output import Output

from . import loading
from .fitted import now_utc, recorded_exercises

# The latest check-ins shown in the table, as letters (--json has them all).
SHOWN_RATINGS = 8
LETTERS = {"easy": "E", "about-right": "R", "too-much": "T", "pain": "P"}
LEGEND = (
    f"Check-ins, the last {SHOWN_RATINGS} of each, oldest first: E easy, R about right,"
    " T too much, P pain (--json has them all)."
)


def show_progress(
    out: Output, options: PlanOptions, files: Sequence[Path], as_json: bool
) -> ExitCode:
    """Every exercise with a check-in: its hold now, its ratings, the last change and why."""
    library = loading.library(out, files)
    defaults = loading.defaults(out)
    level = options.level or defaults.level or Level.BEGINNER
    ratings = session_ratings(recorded_exercises(out, needed=True))
    found = _progress(library, level, ratings)
    if as_json:
        out.json([_json(each) for each in found])
        return ExitCode.OK
    undefined = sorted(key for key in ratings if key not in library.exercises)
    if undefined:  # a file taken away, or one given with -L last time
        out.warn(
            f"stretch: note: check-ins of {len(undefined)} exercise(s) no longer in your "
            f"library are not shown: {', '.join(undefined[:3])}"
            + (" and more" if len(undefined) > 3 else "")
        )
    if not found:
        out.line("No check-ins yet. After each exercise of a session, press 1 (easy),")
        out.line("2 (about right), 3 (too much) or p (pain): stretch progress shows them here.")
        return ExitCode.OK
    out.show(_grid(found, level))
    out.line()
    out.line(LEGEND)
    if defaults.progression is not True:
        out.line("Holds grow only in routines with `progression: true`, or with it in config.yaml.")
    return ExitCode.OK


def _progress(
    library: Library, level: Level, ratings: Mapping[str, Sequence[Rated]]
) -> list[Progress]:
    now = now_utc()
    exercises = library.exercises
    return [
        exercise_progress(exercises[key], level, rated, now)
        for key, rated in sorted(ratings.items())
        if key in exercises  # one no longer defined has no hold to show
    ]


def _why(each: Progress) -> str:
    if each.flagged is not None:
        back = each.back_on()
        return f"rated pain on {each.flagged.when.date()}: left out, back on {back}"
    if each.change is not None:
        return f"{each.change.when.date()}: {each.change.reason}"
    return each.note or ""


def _grid(found: Sequence[Progress], level: Level) -> Grid:
    rows = [
        (
            each.exercise,
            f"{each.hold}s",
            f"{each.base}s",
            " ".join(LETTERS[r.rating.value] for r in each.ratings[-SHOWN_RATINGS:]),
            _why(each),
        )
        for each in found
    ]
    title = f"Holds at {level.value} level, from your check-ins"
    headers = ("exercise", "hold", "base", "last check-ins", "last change, and why")
    return Grid(headers, rows, frozenset({1, 2}), title, keep_whole=frozenset({0, 1, 2}))


def _json(each: Progress) -> dict[str, object]:
    change = each.change
    return {
        "exercise": each.exercise,
        "hold": each.hold,
        "base": each.base,
        "ratings": [{"when": r.when.isoformat(), "rating": r.rating.value} for r in each.ratings],
        "last_change": None
        if change is None
        else {
            "when": change.when.isoformat(),
            "before": change.before,
            "after": change.after,
            "reason": change.reason,
        },
        "left_out_until": None if each.flagged is None else str(each.back_on()),
        "note": each.note,
    }
