"""`stretch validate`'s report: every problem of the files checked, or what each defines."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from .durations import plural
from .errors import Problem
from .library import Library


class Report(NamedTuple):
    """Sorted problems, or (when there are none) one "ok" line per file checked."""

    problems: tuple[Problem, ...]
    checked: tuple[str, ...]
    warnings: tuple[Problem, ...] = ()  # worth a word, not a failure


def file_summary(library: Library, name: str) -> str:
    """What the file shown as `name` adds to the library: "2 exercises, 1 routine"."""
    n_exercises = sum(e.origin.path == name for e in library.exercises.values())
    n_routines = sum(r.origin.path == name for r in library.routines.values())
    return f"{plural(n_exercises, 'exercise')}, {plural(n_routines, 'routine')}"


def report(
    routine_files: Sequence[str],
    config: str | None,
    library: Library | None,
    problems: Iterable[Problem],
) -> Report:
    """The report on `routine_files` (loaded into `library`) and on `config` when checked."""
    found = tuple(sorted(problems))
    if found or library is None:
        return Report(found, ())
    lines = [f"{name}: ok ({file_summary(library, name)})" for name in routine_files]
    if config is not None:
        lines.append(f"{config}: ok (settings)")
    return Report((), tuple(lines))
