"""Writing files so that a reader (or a crash) never sees half of one.

New files appear whole or not at all and never over a file made meanwhile; a
replaced file is swapped in one step. Temporary files are hidden (a leading dot),
so the library's `*.yaml` glob never picks one up.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path


def create_new(target: Path, data: bytes) -> None:
    # Complete or absent, and never over a file made meanwhile: a full temporary
    # file is hard-linked to the name, which fails if the name is taken.
    temporary = write_temporary(target, data)
    try:
        try:
            os.link(temporary, target)
        except FileExistsError:
            raise
        except (OSError, NotImplementedError):  # no hard links here (some network or FAT disks)
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)


def replace_with(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Replace `path` with `data` in one step: readers see the old file or the new one."""
    temporary = write_temporary(path, data, sync=sync)
    try:
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


def write_temporary(
    near: Path, data: bytes, *, mode: int = 0o666, tag: str = "tmp", sync: bool = True
) -> Path:
    """A new hidden file in `near`'s folder holding `data`, flushed to disk unless not `sync`."""
    for _ in range(100):
        # Hidden, so the library's *.yaml glob skips it while it exists.
        temporary = near.with_name(f".{near.stem}.{tag}-{secrets.token_hex(4)}{near.suffix}")
        try:
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        except FileExistsError:
            continue
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                if sync:
                    os.fsync(out.fileno())
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        return temporary
    # Not FileExistsError: that would read as "the file already exists".
    raise OSError(f"no free temporary name next to {near}")


# More than any file stretchcli reads or writes for a person (a routine file, a schema).
READ_LIMIT = 16 * 1024 * 1024


def read_or_none(path: Path, *, follow_links: bool = True) -> bytes | None:
    """The regular file's bytes, or None when it cannot be read, is no regular file (a
    FIFO would block, /dev/zero never end), is bigger than READ_LIMIT, or is a symbolic
    link and `follow_links` is false."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as handle:
        try:
            info = os.fstat(descriptor)
            if not stat.S_ISREG(info.st_mode) or info.st_size > READ_LIMIT:
                return None
            data = handle.read(READ_LIMIT + 1)
        except OSError:
            return None
    return data if len(data) <= READ_LIMIT else None
