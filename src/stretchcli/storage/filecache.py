"""A cache of checked routine files, so that listing the library does not parse YAML each run.

An entry holds the file's bytes themselves, the name it is shown under, the
stretchcli version and the state of every module of `core/`, and answers
only when all of them are equal, so it can never answer for other content or
other rules: stale data cannot show (no hash, so no collision either).
Entries live in the user's stretchcli cache folder, one per file, written
atomically. The cache is only ever a shortcut: any entry that cannot be read is
rebuilt, and a folder that cannot be written (read-only, full disk) is ignored.
"""

from __future__ import annotations

import functools
import os
import pickle
import zlib
from collections.abc import Callable
from pathlib import Path

from stretchcli import __version__
from stretchcli.core.model import LoadedFile

from .paths import cache_dir

_FORMAT = b"1"
# Every module of the core may shape what a file loads to (the model, the checks,
# the messages), so a change to any of them invalidates every entry.
_CORE = Path(__file__).resolve().parents[1] / "core"


@functools.cache  # the modules do not change while stretch runs: stat them once
def _rules_stamp() -> bytes:
    stamp = []
    for module in sorted(_CORE.glob("*.py")):
        try:
            info = module.stat()
        except OSError:
            continue
        stamp.append(f"{module.name}:{info.st_size}:{info.st_mtime_ns}")
    return "|".join(stamp).encode()


def _key(display: str, builtin: bool, data: bytes) -> tuple[bytes, ...]:
    kind = b"builtin" if builtin else b"user"
    return (_FORMAT, __version__.encode(), _rules_stamp(), os.fsencode(display), kind, data)


def _entry(display: str) -> Path:
    # Two names landing on one entry only cost a reload: the key is compared whole.
    name = f"{zlib.crc32(os.fsencode(display)):08x}-{len(display)}"
    return cache_dir() / f"{name}.pickle"


def cached_load(
    display: str, builtin: bool, data: bytes, load: Callable[[], LoadedFile]
) -> LoadedFile:
    """`load()`'s result for these bytes, from the cache when it holds them."""
    key = _key(display, builtin, data)
    entry = _entry(display)
    try:
        with entry.open("rb") as handle:
            stored_key, loaded = pickle.load(handle)
        if stored_key == key and isinstance(loaded, LoadedFile):
            return loaded
    except Exception:  # a missing or broken entry only means: load again
        pass
    loaded = load()
    _store(entry, key, loaded)
    return loaded


def _store(entry: Path, key: tuple[bytes, ...], loaded: LoadedFile) -> None:
    from .atomic import replace_with  # only a cache miss writes

    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        # Not synced to disk: a cache entry lost in a crash is only rebuilt.
        replace_with(
            entry, pickle.dumps((key, loaded), protocol=pickle.HIGHEST_PROTOCOL), sync=False
        )
    except Exception:  # a cache that cannot be written (full disk, read-only) is no cache
        pass
