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

from stretchcli.core.errors import os_reason


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


class Unreadable(Exception):
    """Why a file cannot be read, in a few words: "is not a file", "cannot read it: ..."."""


def read_regular(
    path: Path, limit: int = READ_LIMIT, *, follow_links: bool = True, first: int | None = None
) -> bytes:
    """A regular file's bytes (its `first` bytes, when given), at most `limit` of them.

    Raises Unreadable when it cannot be opened, is no regular file (opened without
    blocking, so a FIFO is refused rather than waited on, and /dev/zero never read), or is
    bigger than `limit`; with `follow_links` false, a symbolic link cannot be opened.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise Unreadable(f"cannot read it: {os_reason(error)}") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):  # before fdopen, which refuses a folder itself
            os.close(descriptor)
            raise Unreadable("is not a file")
        with os.fdopen(descriptor, "rb") as handle:
            data = handle.read(limit + 1 if first is None else min(first, limit + 1))
    except OSError as error:
        raise Unreadable(f"cannot read it: {os_reason(error)}") from None
    if len(data) > limit or info.st_size > limit:
        raise Unreadable(f"is too large ({info.st_size / 1_048_576:.1f} MiB; at most "
                         f"{limit // 1_048_576} MiB)")  # fmt: skip
    return data


def read_or_none(path: Path, *, follow_links: bool = True) -> bytes | None:
    """The regular file's bytes, or None where read_regular says why not."""
    try:
        return read_regular(path, follow_links=follow_links)
    except Unreadable:
        return None
