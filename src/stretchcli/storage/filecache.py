"""A cache of checked routine files, so that listing the library does not parse YAML each run.

An entry holds the file's bytes themselves, the name it is shown under, the
stretchcli version and the state of every module of `core/`, and answers
only when all of them are equal, so it can never answer for other content or
other rules: stale data cannot show (no hash, so no collision either).

An entry is data, never code: a JSON header, the file's bytes, and the checked
file as JSON. Reading one builds only the model's own records and enums, by
name from a fixed list, so a planted or damaged entry can do nothing but be
rebuilt. Entries live in the user's stretchcli cache folder, one per file,
written atomically. The cache is only ever a shortcut: any entry that cannot be
read is rebuilt, and a folder that cannot be written (read-only, full disk) is
ignored.
"""

from __future__ import annotations

import functools
import json
import os
import stat
import types
import typing
import zlib
from collections.abc import Callable, Mapping
from enum import Enum
from pathlib import Path
from typing import Any

from stretchcli import __version__
from stretchcli.core import model
from stretchcli.core.errors import Problem
from stretchcli.core.model import LoadedFile

from .paths import cache_dir

_FORMAT = 3  # 3: JSON with the body's CRC (1 was pickle, and is never read)
_HEADER_LIMIT = 64 * 1024  # a header longer than this is no header of ours
# Every module of the core may shape what a file loads to (the model, the checks,
# the messages), so a change to any of them invalidates every entry.
_CORE = Path(__file__).resolve().parents[1] / "core"

# The only things an entry can make: the records and enums a checked file holds.
_RECORDS: dict[str, Any] = {
    kind.__name__: kind
    for kind in (
        model.LoadedFile,
        model.Exercise,
        model.Routine,
        model.ExerciseItem,
        model.TimerItem,
        model.RestItem,
        model.Span,
        model.Cue,
        model.CueTime,
        model.Faq,
        model.Caution,
        model.Origin,
        Problem,
    )
}
_NONE = object()  # no default
_ENUMS: dict[str, type[Enum]] = {
    kind.__name__: kind
    for kind in (
        model.Level,
        model.Side,
        model.Sides,
        model.Position,
        model.Category,
        model.Condition,
        model.Need,
    )
}


@functools.cache  # the modules do not change while stretch runs: stat them once
def _rules_stamp() -> str:
    stamp = []
    for module in sorted(_CORE.glob("*.py")):
        try:
            info = module.stat()
        except OSError:
            continue
        stamp.append(f"{module.name}:{info.st_size}:{info.st_mtime_ns}")
    return "|".join(stamp)


def _header(display: str, builtin: bool, size: int) -> dict[str, Any]:
    return {
        "format": _FORMAT,
        "version": __version__,
        "rules": _rules_stamp(),
        "name": os.fsencode(display).hex(),
        "builtin": builtin,
        "size": size,
    }


def _entry(display: str) -> Path:
    # Two names landing on one entry only cost a reload: the header is compared whole.
    name = f"{zlib.crc32(os.fsencode(display)):08x}-{len(display)}"
    return cache_dir() / f"{name}.json"


def cached_load(
    display: str, builtin: bool, data: bytes, load: Callable[[], LoadedFile]
) -> LoadedFile:
    """`load()`'s result for these bytes, from the cache when it holds them."""
    header = _header(display, builtin, len(data))
    entry = _entry(display)
    try:
        loaded = _read(entry, header, data)
        if loaded is not None:
            return loaded
    except Exception:  # a missing or broken entry only means: load again
        pass
    loaded = load()
    _store(entry, header, data, loaded)
    return loaded


def _read(entry: Path, header: dict[str, Any], data: bytes) -> LoadedFile | None:
    # Non-blocking, and regular files only: a FIFO or a device in the cache folder
    # (/dev/zero, say) must not hold a command up or fill its memory.
    descriptor = os.open(entry, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        stored = json.loads(handle.readline(_HEADER_LIMIT))
        body_crc = stored.pop("body_crc", None) if isinstance(stored, dict) else None
        if stored != header or handle.read(len(data)) != data:
            return None
        body = handle.read()
    # A body damaged on disk is rebuilt rather than read into records of the wrong kind.
    if body_crc != zlib.crc32(body):
        return None
    loaded = _decoded(body)
    return loaded if isinstance(loaded, LoadedFile) else None


def _store(entry: Path, header: dict[str, Any], data: bytes, loaded: LoadedFile) -> None:
    from .atomic import replace_with  # only a cache miss writes

    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        body = json.dumps(_encode(loaded), ensure_ascii=False, separators=(",", ":"))
        # Not synced to disk: a cache entry lost in a crash is only rebuilt.
        encoded = body.encode()
        stored = json.dumps({**header, "body_crc": zlib.crc32(encoded)}).encode()
        content = stored + b"\n" + data + encoded
        replace_with(entry, content, sync=False)
    except Exception:  # a cache that cannot be written (full disk, read-only) is no cache
        pass


def _encode(value: Any) -> Any:
    """A checked file as JSON values: see _Encoder."""
    return _Encoder().encode(value)


class _Encoder:
    """The model's records as {"r": name, "f": fields}, enums as {"e": name, "v": value}.

    A record met again (a routine's items are also the file's references) is written as
    {"#": n}, its number in the order records are finished (innermost first), the order
    in which json.loads finishes them too: a smaller entry that reads faster.
    """

    def __init__(self) -> None:
        self.numbers: dict[int, int] = {}
        self.kept: list[Any] = []  # the records numbered, alive so that id() stays theirs

    def encode(self, value: Any) -> Any:
        if isinstance(value, Enum):
            return {"e": type(value).__name__, "v": value.value}
        if isinstance(value, tuple) and hasattr(value, "_fields"):
            return self.record(value)
        if isinstance(value, tuple):
            return [self.encode(item) for item in value]
        if isinstance(value, Mapping):
            return {"m": [[key, self.encode(item)] for key, item in value.items()]}
        if value is None or isinstance(value, (str, int, float)):
            return value
        raise TypeError(f"a checked file does not hold a {type(value).__name__}")

    def record(self, value: Any) -> Any:
        number = self.numbers.get(id(value))
        if number is not None:
            return {"#": number}
        fields = list(value)
        # Trailing fields at their defaults are left out (the record fills them in again).
        defaults: dict[str, Any] = getattr(type(value), "_field_defaults", {})
        while fields and defaults.get(value._fields[len(fields) - 1], _NONE) == fields[-1]:
            fields.pop()
        encoded = {"r": type(value).__name__, "f": [self.encode(field) for field in fields]}
        self.numbers[id(value)] = len(self.kept)
        self.kept.append(value)
        return encoded


def _decoded(text: bytes) -> Any:
    """An entry's body as what it holds, making nothing but what _RECORDS and _ENUMS name."""
    made: list[Any] = []

    def make(value: dict[str, Any]) -> Any:
        # json.loads calls this from the innermost object out, so the fields are made
        # already (lists stay lists: made tuples here).
        record = value.get("r")
        if record is not None:
            fields = [tuple(f) if type(f) is list else f for f in value["f"]]
            kind = _RECORDS[record]
            made.append(kind(*fields))
            _check_fields(made[-1], _field_checks(kind))
            return made[-1]
        number = value.get("#")
        if number is not None:
            return made[number]
        enum = value.get("e")
        if enum is not None:
            return _ENUMS[enum](value["v"])
        return dict(value["m"])

    return json.loads(text, object_hook=make)


@functools.cache
def _field_checks(kind: type) -> tuple[tuple[str, Callable[[Any], bool]], ...]:
    return tuple((name, _checker(hint)) for name, hint in typing.get_type_hints(kind).items())


def _check_fields(record: Any, checks: tuple[tuple[str, Callable[[Any], bool]], ...]) -> None:
    """Refuse a record whose fields are not of their declared types.

    An entry with a valid CRC was written by stretchcli or forged; a forged one must be
    rebuilt, not crash a listing later with a number where a name should be.
    """
    for value, (name, fits) in zip(record, checks, strict=True):
        if not fits(value):
            raise ValueError(f"{type(record).__name__}.{name} is not of its type")


@functools.cache
def _checker(hint: Any) -> Callable[[Any], bool]:
    """A test that a JSON-made value is of the type `hint`, made once per hint."""
    origin = typing.get_origin(hint)
    arguments = typing.get_args(hint)
    if origin is None:
        # Exact types: JSON's true is no int here, and a record is its own class.
        exact = type(None) if hint is None else hint
        return lambda value: type(value) is exact
    if origin in (types.UnionType, typing.Union):
        options = tuple(_checker(option) for option in arguments)
        return lambda value: any(fits(value) for fits in options)
    if origin is typing.Literal:
        return lambda value: type(value) is str and value in arguments
    if origin is tuple and len(arguments) == 2 and arguments[1] is Ellipsis:
        item = _checker(arguments[0])
        return lambda value: type(value) is tuple and all(map(item, value))
    if origin in (dict, Mapping):
        key, item = (_checker(argument) for argument in arguments)
        return lambda value: (
            type(value) is dict and all(key(k) and item(v) for k, v in value.items())
        )
    return lambda _value: False  # a kind of field this cache was never taught: rebuild
