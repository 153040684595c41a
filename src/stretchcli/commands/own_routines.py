"""Your own routines: `stretch new`, `edit`, `validate`, `schema` and `where`.

Each command imports what it alone needs when it runs: `where` and `schema` print
plain text, and must not pay for the YAML reader, the editor or rich.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from stretchcli.core.durations import plural
from stretchcli.core.errors import ExitCode
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
    out.line(f"Wrote {shown(path)}")
    out.line(f"Next: stretch edit {name}   then: stretch session {name}")
    return ExitCode.OK


def edit(out: Output, name: str, confirm: Confirm, interactive: bool) -> ExitCode:
    """Edit one of the user's routine files; exit 1 when it was left with problems."""
    from stretchcli.ui.editor import edit_file

    def ask(question: str, default: bool) -> bool:
        return interactive and confirm(question, default)  # no terminal: no

    result = edit_file(user_routine_file(name), confirm=ask, report=out.line)
    return ExitCode.FAILURE if result.problems else ExitCode.OK


def validate(out: Output, files: Sequence[Path]) -> ExitCode:
    """Check `files` (default: the user's folder and config.yaml) and report every problem."""
    from stretchcli.storage.library_files import check_files, files_to_check

    files = list(files) or files_to_check()
    if not files:
        out.line(f"No routine files in {shown(routines_dir())}")
        return ExitCode.OK
    found = check_files(files)
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
