"""The cache of checked files: a shortcut that can never show stale data or break a command."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from stretchcli.core.model import LoadedFile
from stretchcli.storage.filecache import _decoded, _encode, cached_load
from stretchcli.storage.library_files import read_file
from stretchcli.storage.paths import builtin_library_path, cache_dir


class CountingLoad:
    """A stand-in for the loader that counts how often it really runs."""

    def __init__(self, name: str) -> None:
        self.calls = 0
        self.name = name

    def __call__(self) -> LoadedFile:
        self.calls += 1
        return LoadedFile(self.name, {}, {}, ())


def test_a_second_load_of_the_same_bytes_comes_from_the_cache() -> None:
    load = CountingLoad("a.yaml")
    first = cached_load("a.yaml", False, b"routines: {}", load)
    second = cached_load("a.yaml", False, b"routines: {}", load)
    assert load.calls == 1
    assert first == second


def test_other_bytes_under_the_same_name_are_loaded_again() -> None:
    load = CountingLoad("a.yaml")
    cached_load("a.yaml", False, b"hold: 30", load)
    cached_load("a.yaml", False, b"hold: 45", load)  # same size, other content
    cached_load("a.yaml", True, b"hold: 45", load)  # same bytes, now as the built-in
    assert load.calls == 3


def test_a_corrupt_entry_is_rebuilt() -> None:
    load = CountingLoad("a.yaml")
    cached_load("a.yaml", False, b"x", load)
    for entry in cache_dir().glob("*.json"):
        entry.write_bytes(b"not a pickle")
    assert cached_load("a.yaml", False, b"x", load) == LoadedFile("a.yaml", {}, {}, ())
    assert load.calls == 2


def test_a_cache_folder_that_cannot_be_written_is_no_cache(stretch_home: Path) -> None:
    stretch_home.mkdir(parents=True)
    (stretch_home / "cache").write_text("a file where the folder should be")
    load = CountingLoad("a.yaml")
    cached_load("a.yaml", False, b"x", load)
    cached_load("a.yaml", False, b"x", load)
    assert load.calls == 2


def test_an_edited_routine_file_always_shows_its_new_content(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    text = "exercises:\n  a:\n    name: {}\n    target: [glutes]\n    hold: 30\n    steps: [x]\n"
    path.write_text(text.format("Old"))
    assert read_file(path).exercises["a"].name == "Old"
    assert read_file(path).exercises["a"].name == "Old"  # from the cache
    path.write_text(text.format("New"))  # same size, perhaps the same mtime
    assert read_file(path).exercises["a"].name == "New"


def test_problems_are_cached_with_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("routines:\n  r: {name: R}\n")
    first = read_file(path).problems
    assert [p.message for p in first] == ['missing required key "items"']
    assert read_file(path).problems == first


class _Planted:
    """What an attacker's pickle would run, were the cache ever unpickled."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (Path.touch, (self.marker,))


@pytest.mark.parametrize("planted", ["pickle", "record", "enum"])
def test_a_planted_entry_runs_nothing_and_is_rebuilt(tmp_path: Path, planted: str) -> None:
    import pickle

    load = CountingLoad("a.yaml")
    cached_load("a.yaml", False, b"x", load)
    (entry,) = cache_dir().glob("*.json")
    marker = tmp_path / "ran"
    header = entry.read_bytes().split(b"\n", 1)[0]
    if planted == "pickle":
        entry.write_bytes(pickle.dumps(_Planted(marker)))
    elif planted == "record":  # a name from outside the model
        body = {"r": "PosixPath", "f": [str(marker)]}
        entry.write_bytes(header + b"\nx" + json.dumps(body).encode())
    else:
        body = {"e": "Signals", "v": 9}
        entry.write_bytes(header + b"\nx" + json.dumps(body).encode())
    assert cached_load("a.yaml", False, b"x", load) == LoadedFile("a.yaml", {}, {}, ())
    assert load.calls == 2
    assert not marker.exists()


def test_every_record_of_the_builtin_library_comes_back_the_same() -> None:
    loaded = read_file(builtin_library_path(), builtin=True)
    assert _decoded(json.dumps(_encode(loaded)).encode()) == loaded


def test_every_field_an_exercise_can_have_comes_back_the_same(tmp_path: Path) -> None:
    """Every enum and record a file can hold is one the cache may make: one it may not
    would send every run back to the YAML (as `needs:` once did)."""
    path = tmp_path / "all.yaml"
    path.write_text(
        "exercises:\n  a:\n    name: A\n    target: calves\n    hold: 5\n"
        "    steps: [Stand.]\n    needs: [partner]\n    images: [a.jpg]\n"
        "    position: standing\n    difficulty: advanced\n    category: mobility\n"
        "    sides: both\n    cautions: [{condition: knee, advice: Go easy.}]\n"
    )
    loaded = read_file(path)
    assert loaded.exercises["a"].needs
    assert _decoded(json.dumps(_encode(loaded)).encode()) == loaded


@pytest.mark.parametrize(
    ("field", "forged"),
    [('"Pigeon Pose"', "123"), ('"Pigeon Pose"', "true"), ('"Pigeon Pose"', '["a"]'),
     ('{"e":"Sides","v":"both"}', '"both"'), ('"glutes"', "null")],
)  # fmt: skip
def test_an_entry_forged_with_a_valid_crc_but_wrong_types_is_rebuilt(
    field: str, forged: str
) -> None:
    import zlib

    data = builtin_library_path().read_bytes()
    true_load = read_file(builtin_library_path(), builtin=True)
    (entry,) = cache_dir().glob("*.json")
    header_line, rest = entry.read_bytes().split(b"\n", 1)
    header = json.loads(header_line)
    body = rest[len(data) :].decode()
    assert field in body
    forged_body = body.replace(field, forged, 1).encode()
    header["body_crc"] = zlib.crc32(forged_body)
    entry.write_bytes(json.dumps(header).encode() + b"\n" + data + forged_body)
    load = CountingLoad("library")
    display = os.fsdecode(bytes.fromhex(header["name"]))
    assert cached_load(display, True, data, load) == LoadedFile("library", {}, {}, ())
    assert load.calls == 1  # the forged entry was not believed
    assert true_load.exercises["pigeon-pose"].name == "Pigeon Pose"
