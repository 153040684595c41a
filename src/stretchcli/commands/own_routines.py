"""Your own routines: `stretch new`, `edit`, `validate`, `schema` and `where`.

Each command imports what it alone needs when it runs: `where` and `schema` print
plain text, and must not pay for the YAML reader, the editor or rich.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from stretchcli.core.durations import plural
from stretchcli.core.errors import ExitCode, StretchError
from stretchcli.storage.paths import locations, routines_dir, shown, user_routine_file
from stretchcli.ui.output import Output

from . import loading

# Asks the person a yes/no question: the question, then the answer Enter gives.
Confirm = Callable[[str, bool], bool]


def new(out: Output, name: str, source: str | None, exercise_ids: Sequence[str]) -> ExitCode:
    """Write a new routine file: a copy of `source`, these exercises, or a starter."""
    from stretchcli.core.library import find_target
    from stretchcli.core.scaffold import SCHEMA_FILE, check_new, new_routine_text, schema_text
    from stretchcli.storage.new_routine import write_new_file

    library = loading.library(out)
    check_new(name, exercise_ids, library, source)
    copied = find_target(library, source) if source is not None else None
    text = new_routine_text(
        name,
        schema_path=f"./{SCHEMA_FILE}",
        source=copied,
        exercise_ids=exercise_ids,
        exercises=library.exercises,
    )
    path = write_new_file(routines_dir(), name, text, schema_text())
    out.line(f"Wrote {shown(path)}")
    builtin = library.routines.get(name)
    if builtin is not None and builtin.origin.builtin:
        out.line(f"It replaces the built-in {name}; delete the file to have the built-in back.")
    out.line(f"Next: stretch edit {name}   then: stretch session {name}")
    return ExitCode.OK


def edit(out: Output, name: str, confirm: Confirm, interactive: bool) -> ExitCode:
    """Edit one of the user's routine files; exit 1 when it was left with problems."""
    from stretchcli.ui.editor import edit_file

    def ask(question: str, default: bool) -> bool:
        return interactive and confirm(question, default)  # no terminal: no

    path = user_routine_file(name)
    if not path.exists():
        raise StretchError(_nothing_to_edit(out, name, path))
    result = edit_file(path, confirm=ask, report=out.line)
    return ExitCode.FAILURE if result.problems else ExitCode.OK


def _nothing_to_edit(out: Output, name: str, path: Path) -> str:
    """Why there is no file to edit for `name`, and what to do instead."""
    routine = loading.library(out).routines.get(name)
    if routine is not None and routine.origin.builtin:
        return (
            f'"{name}" is a built-in routine, not a file of yours; to change it, start from '
            f"a copy: stretch new {name} --from {name}"
        )
    if routine is not None:
        return f'"{name}" is defined in {routine.origin.path}, not in a file of its own'
    return f"{shown(path)} does not exist; create it with: stretch new {name}"


def validate(out: Output, files: Sequence[Path], strict: bool = False) -> ExitCode:
    """Check `files` (default: the user's folder and config.yaml) and report every problem;
    `strict`: warnings (a muscle stretchcli does not know) are problems too."""
    from stretchcli.storage.library_files import check_files, files_to_check

    files = list(files) or files_to_check()
    if not files:
        out.line(f"No routine files in {shown(routines_dir())}")
        return ExitCode.OK
    found = check_files(files, strict=strict)
    for warning in found.warnings:
        out.line(warning.format("warning"))
    for line in [problem.format() for problem in found.problems] or found.checked:
        out.line(line)
    if found.problems:
        out.warn(f"stretch: {plural(len(found.problems), 'problem')} found")
        return ExitCode.FAILURE
    return ExitCode.OK


def schema(out: Output) -> ExitCode:
    """Print the JSON Schema of the routine file format."""
    from stretchcli.core.schema import routine_file_schema

    out.json(routine_file_schema())
    return ExitCode.OK


def where(out: Output) -> ExitCode:
    """List the folders and files stretchcli reads and writes."""
    places = locations()
    width = max(len(place.label) for place in places)
    for place in places:
        out.line(
            f"{place.label.ljust(width)}  {shown(place.path)}"
            + (f"  ({place.note})" if place.note else "")
        )
    return ExitCode.OK
