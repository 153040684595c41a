"""Shell completion of ids and files: quiet and forgiving, since it runs on every Tab."""

from __future__ import annotations

from pathlib import Path

from stretchcli.core.errors import StretchError
from stretchcli.core.library import Library


def _library_quietly() -> Library | None:
    from stretchcli.storage.library_files import load_library

    try:
        return load_library()
    except StretchError:  # a broken file, or no folder to read: offer no ids
        return None


def _complete_paths(incomplete: str) -> list[str]:
    try:
        base = Path(incomplete).expanduser()
    except RuntimeError:  # "~nosuchuser/": nothing to offer
        return []
    folder, stem = (base, "") if incomplete.endswith("/") else (base.parent, base.name)
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    prefix = incomplete[: len(incomplete) - len(stem)]
    return [
        prefix + entry.name + ("/" if entry.is_dir() else "")
        for entry in entries
        if entry.name.startswith(stem) and (entry.is_dir() or entry.suffix in (".yaml", ".yml"))
    ]


def complete_target(incomplete: str) -> list[str]:
    """Routine ids, exercise ids and routine files for TARGET."""
    if incomplete.startswith((".", "/", "~")) or "/" in incomplete:
        return _complete_paths(incomplete)
    library = _library_quietly()
    ids = [] if library is None else [*sorted(library.routines), *sorted(library.exercises)]
    return [i for i in ids if i.startswith(incomplete)] + _complete_paths(incomplete)


def complete_muscle(incomplete: str) -> list[str]:
    """Muscle ids and aliases, for --muscle."""
    from stretchcli.core.muscles import completions

    return completions(incomplete)


def complete_exercise(incomplete: str) -> list[str]:
    """Exercise ids."""
    library = _library_quietly()
    return (
        []
        if library is None
        else [i for i in sorted(library.exercises) if i.startswith(incomplete)]
    )


def complete_user_routine(incomplete: str) -> list[str]:
    """The names of the user's own routine files, for `stretch edit`."""
    from stretchcli.storage.paths import user_routine_files

    names = sorted(path.stem for path in user_routine_files())
    return [name for name in names if name.startswith(incomplete)]
