"""Every place stretchcli reads or writes, decided here and nowhere else.

`$STRETCHCLI_HOME`, when set, holds everything (the cache in its `cache/` folder);
otherwise each kind of file goes where the platform keeps it (platformdirs).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from stretchcli.core.errors import StretchError, UsageError, os_reason
from stretchcli.core.text import visible

HOME_VARIABLE = "STRETCHCLI_HOME"
APP_NAME = "stretchcli"
HISTORY_FILE = "history.sqlite3"


def shown(path: Path) -> str:
    """A path as messages and listings show it: bytes that are not UTF-8 escaped (\\xe9)."""
    return visible(os.fsencode(path).decode("utf-8", "backslashreplace"))


def real_path(path: Path) -> Path:
    """`path` with links followed, or as it is when that cannot be done (a loop, no access)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # Python 3.10-3.12 raise RuntimeError for a link loop
        return path.absolute()


def _home_override() -> Path | None:
    """`$STRETCHCLI_HOME` when set (and not blank)."""
    override = os.environ.get(HOME_VARIABLE, "").strip()
    if not override:
        return None
    try:
        return Path(override).expanduser()
    except RuntimeError:  # "~someone" with no such user, or no home folder to expand "~" to
        raise StretchError(
            f"{HOME_VARIABLE}={visible(override)}: cannot find the home folder its "
            '"~" names; set it to a full path'
        ) from None


def user_home() -> Path:
    """`$STRETCHCLI_HOME` when set, else the platform's config folder for stretchcli."""
    override = _home_override()
    if override is not None:
        return override
    import platformdirs  # only commands that look for user files pay for it

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """Where stretchcli keeps what it must not lose (the session history).

    `$STRETCHCLI_HOME` itself when set, else the platform's data folder for stretchcli.
    """
    override = _home_override()
    if override is not None:
        return override
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Where stretchcli keeps what it can rebuild: `$STRETCHCLI_HOME/cache` or the platform's."""
    override = _home_override()
    if override is not None:
        return override / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def config_path() -> Path:
    """The user's defaults for sessions (level, prep, switch, rest, first side, sound, voice)."""
    return user_home() / "config.yaml"


def routines_dir() -> Path:
    """Where the user's own routine files live: `*.yaml` here is loaded automatically."""
    return user_home() / "routines"


def user_routine_file(name: str) -> Path:
    """The user's routine file called `name` (my-hips: routines/my-hips.yaml), never elsewhere."""
    from stretchcli.core.loader import is_valid_id  # the loader is heavy: only edit needs it

    if not is_valid_id(name):
        raise UsageError(
            f'"{visible(name)}" is not the name of a routine file: give its id alone, like '
            "my-hips for my-hips.yaml in your routines folder"
        )
    return routines_dir() / f"{name}.yaml"


def user_routine_files() -> list[Path]:
    """The user's routine files: `*.yaml` in the routines folder, hidden files left out."""
    return listed_routine_files()[0]


def listed_routine_files() -> tuple[list[Path], str | None]:
    """The user's routine files, and why the folder could not be listed (else None)."""
    folder = routines_dir()
    try:
        names = [entry.name for entry in folder.iterdir()]
    except FileNotFoundError:
        return [], None  # not made yet: nothing to say
    except NotADirectoryError:
        return [], "is a file, not a folder"
    except OSError as error:
        return [], f"cannot read this folder: {os_reason(error)}"
    files = [folder / name for name in names if name.endswith(".yaml") and not name.startswith(".")]
    return sorted(files), None


def photos_dir() -> Path:
    """Where imported photos live, one folder per dataset: `photos/` in the data folder."""
    return data_dir() / "photos"


def history_path() -> Path:
    """Where the history lives: `history.sqlite3` in the data folder."""
    return data_dir() / HISTORY_FILE


def builtin_library_path() -> Path:
    """The built-in library: inside an installed wheel, else in the source checkout."""
    # The package is installed as files, never imported from a zip, so the path beside
    # this module is the one importlib.resources would give, without its 5-9 ms of
    # imports (zipfile among them) on every command's start.
    here = Path(__file__).resolve()
    packaged = here.parents[1] / "data" / "routines.yaml"
    if packaged.is_file():
        return packaged
    # An editable install runs from src/; the one source file sits at the top:
    # src/stretchcli/storage/paths.py -> parents[3] is the checkout.
    return here.parents[3] / "data" / "routines.yaml"


class Location(NamedTuple):
    """One place, as `stretch where` lists it."""

    label: str
    path: Path
    note: str  # its state: "3 files", "not created yet", "read only"...


def locations() -> list[Location]:
    """Every folder and file stretchcli reads or writes, with its state."""
    from stretchcli.core.durations import plural

    folder = routines_dir()
    files, problem = listed_routine_files()
    if problem is None:
        problem = plural(len(files), "file") if folder.is_dir() else "not created yet"
    return [
        Location("routines", folder, problem),
        Location("config", config_path(), _made(config_path())),
        Location("history", history_path(), _made(history_path())),
        Location("photos", photos_dir(), _made(photos_dir())),
        Location("cache", cache_dir(), "safe to delete"),
        Location("built-in library", builtin_library_path(), "read only"),
    ]


def _made(path: Path) -> str:
    return "" if path.exists() else "not created yet"
