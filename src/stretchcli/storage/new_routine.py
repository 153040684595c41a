"""Writing the file `stretch new` makes, and the schema beside it, never over a file."""

from __future__ import annotations

from pathlib import Path

from stretchcli.core.errors import StretchError, os_reason
from stretchcli.core.scaffold import SCHEMA_FILE

from .atomic import create_new, read_or_none, replace_with
from .paths import shown


def write_new_file(folder: Path, routine_id: str, text: str, schema: str) -> Path:
    """Write `folder/<id>.yaml` (never over an existing file) and the schema beside it."""
    target = folder / f"{routine_id}.yaml"
    exists = StretchError(f"{target} already exists; edit it with: stretch edit {routine_id}")
    if target.is_symlink() or target.exists():
        raise exists
    if folder.exists() and not folder.is_dir():
        raise StretchError(
            f"{shown(folder)} is a file, not a folder: move it away so that your routines "
            "can be kept there"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        schema_path = folder / SCHEMA_FILE
        # The schema is ours: bring it up to date, but leave an equal one alone.
        if read_or_none(schema_path) != schema.encode():
            replace_with(schema_path, schema.encode())
        create_new(target, text.encode())
    except FileExistsError:  # created by someone else since the check above
        raise exists from None
    except OSError as error:
        raise StretchError(f"cannot write {error.filename or target}: {os_reason(error)}") from None
    return target
