"""Reading routine files and config.yaml from disk, and loading the whole library."""

from __future__ import annotations

import stat
from collections.abc import Mapping, Sequence
from pathlib import Path

from stretchcli.core.errors import Problem, RoutineFileError, os_reason, whole_file_problem
from stretchcli.core.library import Library, merge_library
from stretchcli.core.model import Defaults, LoadedFile
from stretchcli.core.validation import Report, report

from .filecache import cached_load
from .paths import (
    builtin_library_path,
    config_path,
    listed_routine_files,
    real_path,
    routines_dir,
    shown,
    user_routine_files,
)
from .photos import photo_problems, remember_file

MAX_FILE_BYTES = 2 * 1024 * 1024


def read_file(path: Path, display: str | None = None, *, builtin: bool = False) -> LoadedFile:
    """Read and check one routine file; file-system trouble becomes a located problem."""
    name = display or shown(path)
    remember_file(name, path)
    data = read_bytes(path, name)
    if isinstance(data, Problem):
        return LoadedFile(name, {}, {}, (data,))
    return cached_load(name, builtin, data, lambda: _check(data, name, builtin))


def read_bytes(path: Path, name: str) -> bytes | Problem:
    """A routine or config file's bytes, or why they cannot be had, in the user's words."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            return whole_file_problem(name, "is a folder, not a routine file")
        if not stat.S_ISREG(info.st_mode):
            return whole_file_problem(name, "is not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            return whole_file_problem(name, _too_large(info.st_size))
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return whole_file_problem(name, "no such file")
    except PermissionError:
        return whole_file_problem(name, "permission denied: cannot read this file")
    except OSError as error:
        return whole_file_problem(name, f"cannot read this file: {os_reason(error)}")
    if len(data) > MAX_FILE_BYTES:  # it grew while we looked
        return whole_file_problem(name, _too_large(len(data)))
    return data


def load_defaults() -> tuple[Defaults, tuple[Problem, ...]]:
    """The user's config.yaml, checked; no file means no defaults. With problems, none apply."""
    path = config_path()
    if not path.exists():
        return Defaults(), ()
    data = read_bytes(path, shown(path))
    if isinstance(data, Problem):
        return Defaults(), (data,)
    from stretchcli.core.loader import load_config_bytes

    return load_config_bytes(data, shown(path))


def _check(data: bytes, name: str, builtin: bool) -> LoadedFile:
    # Imported here: when the cache answers, the YAML reader is never loaded.
    from stretchcli.core.loader import load_bytes

    return load_bytes(data, name, builtin=builtin)


def _too_large(size: int) -> str:
    return (
        f"is too large for a routine file ({size / 1_048_576:.1f} MiB; "
        f"the limit is {MAX_FILE_BYTES // 1_048_576} MiB)"
    )


def load_library(
    explicit: Sequence[Path] = (),
    *,
    read_from: Mapping[Path, Path] | None = None,
    notices_fail: bool = False,
) -> Library:
    """Load the built-in library, the user folder and `explicit` files.

    `read_from` reads a named file's content from elsewhere while it is still shown,
    and takes its place in the user folder, as itself (how an edited copy is checked).
    Raises RoutineFileError with every problem of the explicit files.
    """
    builtin = read_file(builtin_library_path(), builtin=True)
    sources = read_from or {}
    named = once_each(explicit)
    explicit_files = [read_file(sources.get(path, path), shown(path)) for path in named]
    taken = {_file_identity(path) for path in named}
    folder_files, folder_problem = listed_routine_files()
    user_files = [
        read_file(path) for path in once_each(folder_files) if _file_identity(path) not in taken
    ]
    if folder_problem is not None:  # say it: silence would look like an empty folder
        problem = whole_file_problem(shown(routines_dir()), folder_problem)
        user_files.append(LoadedFile(problem.file, {}, {}, (problem,)))
    return merge_library(builtin, user_files, explicit_files, notices_fail=notices_fail)


def once_each(paths: Sequence[Path]) -> list[Path]:
    """`paths` with each real file once: the same file under two names (`a.yaml ./a.yaml`,
    a link beside it) would define everything twice and report it all as defined twice.

    The name kept is the last one given (a TARGET comes last), unless that is a link and
    the file was also named as itself.
    """
    chosen: dict[object, Path] = {}
    for path in paths:
        identity = _file_identity(path)
        if identity not in chosen or not path.is_symlink() or chosen[identity].is_symlink():
            chosen[identity] = path
    return list(chosen.values())  # in the order each file was first named


def _file_identity(path: Path) -> object:
    """The file itself: its device and inode (hard links too), else its real path."""
    try:
        info = path.stat()
    except (OSError, RuntimeError):
        return real_path(path)
    return (info.st_dev, info.st_ino)


def files_to_check() -> list[Path]:
    """What `stretch validate` checks when given no file: the user's routine files and config."""
    config = config_path()
    return [*user_routine_files(), *([config] if config.exists() else [])]


def check_files(files: Sequence[Path], *, strict: bool = False) -> Report:
    """`stretch validate`'s report on `files`; config.yaml among them is checked as settings.

    `strict`: notices (a muscle the vocabulary does not know) are problems too."""
    config = config_path()
    routine_files = once_each([path for path in files if not same_file(path, config)])
    checks_config = any(same_file(path, config) for path in files)
    settings, config_problems = load_defaults() if checks_config else (None, ())
    problems = list(config_problems)
    library = None
    try:
        library = load_library(routine_files, notices_fail=strict)
    except RoutineFileError as error:
        problems += error.problems
    if settings is not None and library is not None:
        problems += _unknown_routines(settings, library.routines, shown(config))
    warnings = list(library.notices) if library is not None else []
    if library is not None:  # a missing photo is a warning, never a failure (but --strict)
        checked = {shown(path) for path in routine_files}
        mine = [e for e in library.exercises.values() if e.origin.path in checked]
        (problems if strict else warnings).extend(photo_problems(mine))
    shown_config = shown(config) if checks_config else None
    found = report([shown(path) for path in routine_files], shown_config, library, problems)
    return found._replace(warnings=tuple(sorted(warnings)))


def _unknown_routines(
    settings: Defaults, routines: Mapping[str, object], path: str
) -> list[Problem]:
    """config.yaml's routine ids (`reminders.routine`, `daily`) that name no routine: each
    would fail only when its break is due, every minute, from the scheduled job."""
    from stretchcli.core.errors import did_you_mean

    named = [(f"daily.{target.routine}", target.routine) for target in settings.daily]
    if settings.reminders is not None:
        named.insert(0, ("reminders.routine", settings.reminders.routine))
    return [
        Problem(path, 0, 0, where, f'"{routine_id}" is no routine'
                f"{did_you_mean(routine_id, list(routines))}; `stretch routines` lists them")
        for where, routine_id in named
        if routine_id not in routines
    ]  # fmt: skip


def same_file(path: Path, other: Path) -> bool:
    """Whether two paths name one file (a link or a hard link to it too)."""
    return _file_identity(path) == _file_identity(other)
