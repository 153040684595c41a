"""Loading what commands need, with problems in the user's own files shown as warnings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from stretchcli.core.errors import Problem, StretchError, UsageError
from stretchcli.core.library import Library, find_target, looks_like_path, routine_in_file
from stretchcli.core.model import Condition, Defaults, Routine
from stretchcli.storage.library_files import load_defaults, load_library
from stretchcli.storage.paths import shown
from stretchcli.ui.output import Output


def library(out: Output, files: Sequence[Path] = ()) -> Library:
    """The library with `files` added; a broken file of the user's folder is a warning."""
    loaded = load_library(files)
    _warn(out, loaded.warnings, "what has problems above is left out; `stretch validate` checks")
    return loaded


def target(
    out: Output, name: str, routine_id: str | None, files: Sequence[Path]
) -> tuple[Library, Routine]:
    """The routine TARGET names: a routine id, an exercise id, or a routine file."""
    if looks_like_path(name):
        path = Path(name)
        loaded = library(out, [*files, path])
        # Its definitions are keyed by the file as shown: "./x.yaml" is "x.yaml".
        return loaded, routine_in_file(loaded, shown(path), routine_id)
    if routine_id is not None:
        raise UsageError("--routine picks a routine inside a file given as TARGET")
    loaded = library(out, files)
    return loaded, find_target(loaded, name)


# A yes/no question to the person at the terminal, with its default (cli.app.ask_yes_no).
Ask = Callable[[str, bool], bool]
LEAVE_OUT_QUESTION = "Leave out the exercises with a caution for you?"


def with_cautions_said(
    out: Output,
    routine: Routine,
    library: Library,
    conditions: Sequence[Condition],
    skip: bool,
    ask: Ask | None = None,
) -> Routine:
    """Name, before anything starts, the routine's exercises with a caution for the person's
    conditions (config.yaml); with `skip` (--skip-cautioned), leave them out.

    With `ask` (a live session at a terminal, where the full screen would cover these
    lines at once), the person is asked whether to leave them out, yes by default.
    """
    from stretchcli.core.catalog import cautioned, without

    found = cautioned(routine, library.exercises, conditions)
    for exercise, cautions in found:
        for caution in cautions:
            out.warn(
                f"stretch: caution: {exercise.name} ({caution.condition.value}): {caution.advice}"
            )
    if not found:
        return routine
    if not skip and ask is not None:
        skip = ask(LEAVE_OUT_QUESTION, True)
    if not skip:
        if ask is None:
            out.warn("stretch: caution: --skip-cautioned leaves these exercises out")
        return routine
    kept = without(routine, {exercise.id for exercise, _ in found})
    if not kept.exercise_ids:
        raise StretchError("every exercise here has a caution for your conditions: none is left")
    out.warn(f"stretch: caution: left out: {'; '.join(e.name for e, _ in found)}")
    return kept


def defaults(out: Output) -> Defaults:
    """The user's config.yaml; with problems it is reported and left unused."""
    return checked_defaults(out)[0]


def checked_defaults(out: Output) -> tuple[Defaults, bool]:
    """The user's config.yaml, and whether it has problems (reported, and left unused)."""
    found, problems = load_defaults()
    kept = ", ".join(condition.value for condition in found.conditions)
    but = f", but for the conditions it names ({kept})" if kept else ""
    _warn(out, problems, f"config.yaml is not used until fixed{but}; `stretch validate` checks")
    return found, bool(problems)


def _warn(out: Output, problems: Sequence[Problem], consequence: str) -> None:
    for problem in problems:
        out.warn(problem.format("warning"))
    if problems:
        out.warn(f"stretch: warning: {consequence}")
