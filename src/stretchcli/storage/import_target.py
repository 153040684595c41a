"""Where an import writes: its routine file, and the photo entries that file names.

The file is never written over one the import did not write, and a copy the person edited
is kept beside it (`.previous`, then `.previous-2`...) before it is replaced; an unedited
one is simply replaced. Photo entries are relative to the file where a relative path
really leads to the photo (links on the way can make `..` go elsewhere), else absolute.
"""

from __future__ import annotations

import os
from pathlib import Path

from stretchcli.core.errors import StretchError, os_reason
from stretchcli.core.import_file import edited, written_by_import

from .atomic import create_new, read_or_none, replace_with
from .paths import builtin_library_path, real_path, shown, user_routine_files


def refuse_foreign(target: Path) -> None:
    """Stop before any work when `target` exists and the import did not write it."""
    old = _read(target)
    if old is not None and not written_by_import(old.decode("utf-8", "replace")):
        raise StretchError(_foreign(target))


def _foreign(target: Path) -> str:
    return (
        f"{shown(target)} exists and the import did not write it: left alone "
        "(move it away to import)"
    )


def write_import(target: Path, text: str) -> tuple[bool, Path | None]:
    """Write the import's file: (whether it changed, where an edited copy was kept)."""
    data = text.encode()
    refuse_foreign(target)
    old = _read(target)
    if old == data:
        return False, None
    kept = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if old is not None and edited(old.decode("utf-8", "replace")):
            kept = _keep(target, old)
        replace_with(target, data)
    except OSError as error:
        raise StretchError(f"cannot write {shown(target)}: {os_reason(error)}") from None
    return True, kept


def _read(target: Path) -> bytes | None:
    """The file in the import's place, None where there is none. Anything else there (a
    FIFO, which would block, a folder, a file too large or not readable) is not ours."""
    if not os.path.lexists(target):
        return None
    data = read_or_none(target)
    if data is None:
        raise StretchError(_foreign(target))
    return data


def _keep(target: Path, old: bytes) -> Path:
    """`old` in the first free `.previous` name beside `target`: none is ever replaced."""
    for number in range(1, 1000):
        suffix = ".previous" if number == 1 else f".previous-{number}"
        kept = target.with_name(target.name + suffix)
        if os.path.lexists(kept):
            continue  # no copy written only to find the name taken
        try:
            create_new(kept, old)
        except FileExistsError:  # taken meanwhile
            continue
        except OSError as error:
            raise StretchError(f"cannot write {shown(kept)}: {os_reason(error)}") from None
        return kept
    raise StretchError(f"too many copies of {shown(target)} kept: remove some .previous files")


def exercise_ids_besides(target: Path) -> set[str]:
    """Every exercise id the built-in library and the user's other files define, also
    those defined twice or with problems (which the merged library leaves out): an
    imported exercise must take none of them."""
    from .library_files import read_file, same_file

    ids = set(read_file(builtin_library_path(), builtin=True).exercises)
    for path in user_routine_files():
        if not same_file(path, target):
            loaded = read_file(path)
            ids |= {*loaded.exercises, *loaded.rejected}
    return ids


def photo_entry(photo: Path, beside: Path) -> str:
    """How a routine file in `beside` names `photo`: a relative path when one leads there."""
    try:
        relative = os.path.relpath(real_path(photo), real_path(beside))
    except ValueError:  # another drive (Windows)
        return photo.as_posix()
    if real_path(beside / relative) == real_path(photo):
        return Path(relative).as_posix()
    return photo.as_posix()
