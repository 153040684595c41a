"""An exercise's `images:`: found beside its file, and each unreadable one a located warning."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from stretchcli.core.loader import load_bytes
from stretchcli.storage.photos import photo_problems, photos_of, unreadable
from tests.conftest import Result

Run = Callable[..., Result]

PNG_HEAD = b"\x89PNG\r\n\x1a\n" + b"\0" * 16
FILE = """\
exercises:
  wall-calf:
    name: Wall Calf
    target: calves
    hold: 30
    steps: [Hands on the wall.]
    images: [poses/start.png, poses/end.jpg, ../gone.jpg, notes.txt]
"""


def _write_file(folder: Path) -> Path:
    (folder / "poses").mkdir()
    (folder / "poses" / "start.png").write_bytes(PNG_HEAD)
    (folder / "poses" / "end.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 16)
    (folder / "notes.txt").write_text("a note, not a photo\n")
    path = folder / "mine.yaml"
    path.write_text(FILE)
    return path


def test_photos_are_read_relative_to_the_file_that_names_them(tmp_path: Path) -> None:
    path = _write_file(tmp_path)
    exercise = load_bytes(path.read_bytes(), str(path)).exercises["wall-calf"]
    photos = photos_of(exercise)
    assert [photo.path for photo in photos] == [
        tmp_path / "poses/start.png",
        tmp_path / "poses/end.jpg",
        tmp_path / "../gone.jpg",
        tmp_path / "notes.txt",
    ]
    assert [unreadable(photo.path) for photo in photos] == [
        None,
        None,
        "cannot read it: No such file or directory",
        "is not a JPEG, PNG, GIF, WebP or BMP picture",
    ]
    assert [problem.format("warning") for problem in photo_problems([exercise])] == [
        f"{path}:7:46: warning: exercises.wall-calf.images[2]: ../gone.jpg: "
        "cannot read it: No such file or directory",
        f"{path}:7:59: warning: exercises.wall-calf.images[3]: notes.txt: "
        "is not a JPEG, PNG, GIF, WebP or BMP picture",
    ]


def test_a_folder_or_an_unreadable_file_in_images_is_said_so(tmp_path: Path) -> None:
    (tmp_path / "folder.jpg").mkdir()
    locked = tmp_path / "locked.jpg"
    locked.write_bytes(PNG_HEAD)
    locked.chmod(0)
    assert unreadable(tmp_path / "folder.jpg") == "is not a file"
    fifo = tmp_path / "fifo.jpg"
    os.mkfifo(fifo)
    assert unreadable(fifo) == "is not a file"  # refused, not waited on
    if os.geteuid() != 0:  # root reads it anyway
        assert unreadable(locked) == "cannot read it: Permission denied"


def test_validate_warns_of_a_missing_photo_and_strict_fails_it(run: Run, tmp_path: Path) -> None:
    path = _write_file(tmp_path)
    checked = run("validate", str(path))
    assert checked.exit_code == 0
    assert checked.stdout.splitlines() == [
        f"{path}:7:46: warning: exercises.wall-calf.images[2]: ../gone.jpg: "
        "cannot read it: No such file or directory",
        f"{path}:7:59: warning: exercises.wall-calf.images[3]: notes.txt: "
        "is not a JPEG, PNG, GIF, WebP or BMP picture",
        f"{path}: ok (1 exercise, 0 routines)",
    ]
    strict = run("validate", "--strict", str(path))
    assert strict.exit_code == 1
    assert [line.split(": ")[1] for line in strict.stdout.splitlines()] == ["error", "error"]


@pytest.mark.parametrize(
    "head", [b"GIF89a....", b"RIFF\0\0\0\0WEBPVP8 ", b"BM" + b"\0" * 10, PNG_HEAD]
)
def test_every_format_pillow_draws_is_taken_for_a_picture(tmp_path: Path, head: bytes) -> None:
    photo = tmp_path / "photo"
    photo.write_bytes(head)
    assert unreadable(photo) is None
