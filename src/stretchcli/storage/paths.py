"""The user's stretchcli folders: one place decides where they are."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

HOME_VARIABLE = "STRETCHCLI_HOME"


def user_home() -> Path:
    """`$STRETCHCLI_HOME` when set, else the platform's config folder for stretchcli."""
    override = os.environ.get(HOME_VARIABLE, "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs  # only commands that look for user files pay for it

    return Path(platformdirs.user_config_dir("stretchcli", appauthor=False))


def data_dir() -> Path:
    """Where stretchcli keeps what it must not lose (the session history).

    `$STRETCHCLI_HOME` itself when set, else the platform's data folder for stretchcli.
    """
    override = os.environ.get(HOME_VARIABLE, "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("stretchcli", appauthor=False))


def cache_dir() -> Path:
    """Where stretchcli keeps what it can rebuild: `$STRETCHCLI_HOME/cache` or the platform's."""
    override = os.environ.get(HOME_VARIABLE, "").strip()
    if override:
        return Path(override).expanduser() / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir("stretchcli", appauthor=False))


def config_path() -> Path:
    """The user's defaults for sessions (level, prep, switch, rest, first side, sound, voice)."""
    return user_home() / "config.yaml"


def routines_dir() -> Path:
    """Where the user's own routine files live: `*.yaml` here is loaded automatically."""
    return user_home() / "routines"


def builtin_library_path() -> Path:
    """The built-in library: inside an installed wheel, else in the source checkout."""
    packaged = resources.files("stretchcli") / "data" / "routines.yaml"
    if packaged.is_file():
        return Path(str(packaged))
    # An editable install runs from src/; the one source file sits at the top:
    # src/stretchcli/storage/paths.py -> parents[3] is the checkout.
    return Path(__file__).resolve().parents[3] / "data" / "routines.yaml"
