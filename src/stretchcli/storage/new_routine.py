"""Writing the file `stretch new` makes, and the schema beside it, never over a file."""

from __future__ import annotations

import contextlib
from pathlib import Path

from stretchcli.core.errors import StretchError, os_reason
from stretchcli.core.scaffold import SCHEMA_FILE
from stretchcli.core.schema import SCHEMA_ID

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
        _update_schema(folder / SCHEMA_FILE, schema)
        create_new(target, text.encode())
    except FileExistsError:  # created by someone else since the check above
        raise exists from None
    except OSError as error:
        # A temporary file of ours in the folder is no name to give: the routine is.
        failed = Path(error.filename) if error.filename else target
        where = target if failed.parent == folder else failed
        raise StretchError(f"cannot write {where}: {os_reason(error)}") from None
    return target


def _update_schema(path: Path, schema: str) -> None:
    """Write the schema beside the routines, or bring ours up to date.

    A file of that name stretchcli did not write (the person's own, a link to one kept
    elsewhere, anything that is no regular file) is left exactly as it is.
    """
    if not path.is_symlink() and not path.exists():
        with contextlib.suppress(FileExistsError):  # made meanwhile: then it is not ours
            create_new(path, schema.encode())
        return
    present = read_or_none(path, follow_links=False)
    if present is None or present == schema.encode() or not _is_our_schema(present):
        return
    replace_with(path, schema.encode())


def _is_our_schema(data: bytes) -> bool:
    import json

    try:
        content = json.loads(data)
    except ValueError:
        return False
    return isinstance(content, dict) and content.get("$id") == SCHEMA_ID
