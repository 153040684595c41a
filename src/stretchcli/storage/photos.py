"""Where an exercise's photos are, and whether each can be read (without decoding it).

`images:` entries are written relative to the file that defines the exercise; this module
turns them into paths and checks them cheaply (a stat and the first bytes), so that
`stretch validate` can warn of a missing photo without loading Pillow. Drawing is ui/'s.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from stretchcli.core.errors import Problem
from stretchcli.core.model import Exercise, Origin

from .atomic import Unreadable, read_regular

NOT_A_PICTURE = "is not a JPEG, PNG, GIF, WebP or BMP picture"
MAX_PHOTO_BYTES = 32 * 1024 * 1024  # a camera's largest JPEG; Pillow guards the pixels
# The first bytes of the formats Pillow draws that photos come in.
_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"BM")


class Photo(NamedTuple):
    """One `images:` entry of an exercise: the file, and where the entry was written."""

    path: Path
    entry: str  # as written in the file
    origin: Problem  # the exercise's place, with the entry's document path (message unset)

    def problem(self, reason: str) -> Problem:
        """A warning at this entry: `images[1]: cannot read it: no such file`."""
        return self.origin._replace(message=f"{self.entry}: {reason}")


# The files loaded in this run, by the name they are shown under. An exercise's origin
# keeps only that name, escaped where the path is not UTF-8 (\xff); its photos are found
# beside the file itself.
_FILES: dict[str, Path] = {}


def remember_file(shown_as: str, path: Path) -> None:
    """Note that the file shown as `shown_as` is `path` (library_files.read_file does)."""
    _FILES[shown_as] = path


def photos_of(exercise: Exercise) -> list[Photo]:
    """The exercise's photos, in order: start first, then the end of the move."""
    folder = _FILES.get(exercise.origin.path, Path(exercise.origin.path)).parent
    places = exercise.image_origins
    return [
        Photo(folder / entry, entry, _place(exercise, places, index).problem(""))
        for index, entry in enumerate(exercise.images)
    ]


def _place(exercise: Exercise, places: tuple[Origin, ...], index: int) -> Origin:
    """Where the `index`th photo is named: its own line, or (for an exercise made in code)
    the exercise's, with the entry's place in the document."""
    if index < len(places):
        return places[index]
    return exercise.origin._replace(doc_path=f"{exercise.origin.doc_path}.images[{index}]")


def unreadable(path: Path) -> str | None:
    """Why the photo at `path` cannot be drawn, or None when it looks like a picture."""
    try:
        head = read_photo(path, first=12)
    except Unreadable as error:
        return str(error)
    is_webp = head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if is_webp or head.startswith(_SIGNATURES):
        return None
    return NOT_A_PICTURE


def read_photo(path: Path, first: int | None = None) -> bytes:
    """The photo's bytes (or its `first` ones); Unreadable says why not: missing, not a
    regular file (a FIFO is refused, not waited on), or larger than a photo should be."""
    return read_regular(path, MAX_PHOTO_BYTES, first=first)


def unreadable_photos(exercises: Iterable[Exercise]) -> list[tuple[Photo, str]]:
    """Each photo of `exercises` that cannot be read, with why."""
    found = []
    for exercise in exercises:
        for photo in photos_of(exercise):
            reason = unreadable(photo.path)
            if reason is not None:
                found.append((photo, reason))
    return found


def photo_problems(exercises: Iterable[Exercise]) -> list[Problem]:
    """A located warning for each photo of `exercises` that cannot be read."""
    return [photo.problem(reason) for photo, reason in unreadable_photos(exercises)]
