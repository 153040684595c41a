"""Loading what commands need, with problems in the user's own files shown as warnings."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from stretchcli.core.errors import Problem, UsageError
from stretchcli.core.library import Library, find_target, looks_like_path, routine_in_file
from stretchcli.core.model import Defaults, Routine
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


def defaults(out: Output) -> Defaults:
    """The user's config.yaml; with problems it is reported and left unused."""
    found, problems = load_defaults()
    _warn(out, problems, "config.yaml is not used until fixed; `stretch validate` checks")
    return found


def _warn(out: Output, problems: Sequence[Problem], consequence: str) -> None:
    for problem in problems:
        out.warn(problem.format("warning"))
    if problems:
        out.warn(f"stretch: warning: {consequence}")
