"""Your own routines: `stretch new`, `edit`, `validate`, `schema` and `where`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from stretchcli.core import validation
from stretchcli.core.durations import plural
from stretchcli.core.errors import ExitCode
from stretchcli.core.library import find_target
from stretchcli.core.scaffold import SCHEMA_FILE, check_new, new_routine_text, schema_text
from stretchcli.core.schema import routine_file_schema
from stretchcli.storage.library_files import check_files, same_file
from stretchcli.storage.new_routine import write_new_file
from stretchcli.storage.paths import config_path, locations, routines_dir, user_routine_files
from stretchcli.ui.editor import REOPEN_QUESTION, edit_file
from stretchcli.ui.output import Output

from . import loading

# Asks the person a yes/no question (the question, then the answer Enter gives).
Confirm = Callable[[str, bool], bool]


def new(out: Output, name: str, source: str | None, exercise_ids: Sequence[str]) -> ExitCode:
    """Write a new routine file: a copy of `source`, these exercises, or a starter."""
    library = loading.library(out)
    check_new(name, exercise_ids, library)
    copied = find_target(library, source) if source is not None else None
    text = new_routine_text(
        name,
        schema_path=f"./{SCHEMA_FILE}",
        source=copied,
        exercise_ids=exercise_ids,
        exercises=library.exercises,
    )
    path = write_new_file(routines_dir(), name, text, schema_text())
    out.line(f"Wrote {path}")
    out.line(f"Next: stretch edit {name}   then: stretch session {name}")
    return ExitCode.OK


def edit(out: Output, name: str, confirm: Confirm, interactive: bool) -> ExitCode:
    """Edit one of the user's routine files; exit 1 when it was left with problems."""

    def ask(question: str) -> bool:
        # Enter reopens the editor, but never keeps a broken file; no terminal: no.
        return interactive and confirm(question, question == REOPEN_QUESTION)

    result = edit_file(routines_dir() / f"{name}.yaml", confirm=ask, report=out.line)
    return ExitCode.FAILURE if result.problems else ExitCode.OK


def validate(out: Output, files: Sequence[Path]) -> ExitCode:
    """Check `files` (default: the user's folder and config.yaml) and report every problem."""
    config = config_path()
    if not files:
        files = [*user_routine_files(), *([config] if config.exists() else [])]
        if not files:
            out.line(f"No routine files in {routines_dir()}")
            return ExitCode.OK
    routine_files = [path for path in files if not same_file(path, config)]
    checks_config = len(routine_files) < len(files)
    library, problems = check_files(routine_files, checks_config)
    found = validation.report(
        [str(path) for path in routine_files],
        str(config) if checks_config else None,
        library,
        problems,
    )
    for line in [problem.format() for problem in found.problems] or found.checked:
        out.line(line)
    if found.problems:
        out.warn(f"stretch: {plural(len(found.problems), 'problem')} found")
        return ExitCode.FAILURE
    return ExitCode.OK


def schema(out: Output) -> ExitCode:
    """Print the JSON Schema of the routine file format."""
    out.json(routine_file_schema())
    return ExitCode.OK


def where(out: Output) -> ExitCode:
    """List the folders and files stretchcli reads and writes."""
    places = locations()
    width = max(len(place.label) for place in places)
    for place in places:
        out.line(
            f"{place.label.ljust(width)}  {place.path}"
            + (f"  ({place.note})" if place.note else "")
        )
    return ExitCode.OK
