"""An exercise's photos on screen: under `stretch show`, and at a session's prep and switch.

ui/pictures.py draws one picture; this module decides whether to draw at all, which photo,
how large, and says which photos could not be drawn (a located warning, never a crash).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from stretchcli.core.errors import Problem
from stretchcli.core.model import Category, Exercise
from stretchcli.storage.photos import Photo, photos_of

from .output import Output

if TYPE_CHECKING:
    from .pictures import HalfBlocks

SHOWN_PHOTOS = 2  # the start and the end of the move; more are not drawn
CAPTIONS = ("Start", "End")
GAP = 3  # columns between two photos side by side
WIDEST = 60  # columns for one photo: wider shows no more of a pose, and scrolls the page
MOVES = (Category.MOBILITY, Category.WARM_UP)  # a dynamic move alternates its two photos
_KEPT = 32  # pictures drawn and kept by a session: a routine's exercises at one size


def pictures_wanted(out: Output, asked: bool) -> bool:
    """Whether to draw: asked for, on a terminal, with colour (NO_COLOR means none)."""
    return asked and out.out.is_terminal and not os.environ.get("NO_COLOR")


def _other(photos: list[Photo], index: int) -> Path | None:
    """The pose's other photo, by which `pictures.load` crops this one."""
    return photos[1 - index].path if len(photos) == SHOWN_PHOTOS else None


def show_photos(out: Output, exercise: Exercise) -> None:
    """The exercise's photos under its page: side by side in half blocks when they fit,
    else one under the other, sized to the terminal; a problem with one is a warning."""
    from . import pictures

    photos = photos_of(exercise)[:SHOWN_PHOTOS]
    drawn = []
    for index, photo in enumerate(photos):
        try:
            drawn.append((CAPTIONS[index], pictures.load(photo.path, other=_other(photos, index))))
        except pictures.PictureError as error:
            out.warn(photo.problem(str(error)).format("warning"))
    if not drawn:
        return
    columns, screen_rows = shutil.get_terminal_size()
    graphics = pictures.graphics_for(os.environ)
    rows = max(screen_rows - 3, 4)  # a photo fits on one screen, with its caption
    half_blocks = graphics in (pictures.Graphics.TRUECOLOR, pictures.Graphics.COLORS_256)
    each = (columns - GAP) // len(drawn)
    if half_blocks and len(drawn) > 1 and each >= WIDEST // 2:
        fits = min(each, WIDEST)
        widths = [pictures.cells_for(image, fits, rows)[0] for _, image in drawn]
        captions = [caption.ljust(width) for (caption, _), width in zip(drawn, widths, strict=True)]
        out.line()
        out.line((" " * GAP).join(captions).rstrip())
        each_drawn = [pictures.draw(image, fits, rows, graphics) for _, image in drawn]
        out.drawn(_beside(each_drawn, widths))
        return
    cell = pictures.cell_pixels(out.stdout)
    for caption, image in drawn:
        out.line()
        out.line(caption)
        out.drawn(pictures.draw(image, min(columns, WIDEST), rows, graphics, cell))


def _beside(pictures: list[list[str]], widths: list[int]) -> list[str]:
    """Pictures' lines joined across, a shorter one padded with blank cells."""
    height = max(len(lines) for lines in pictures)
    return [
        (" " * GAP).join(
            lines[row] if row < len(lines) else " " * width
            for lines, width in zip(pictures, widths, strict=True)
        )
        for row in range(height)
    ]


class SessionPictures:
    """A session's photos in half blocks: decoded once, drawn once at each size asked.

    The session screen asks for a picture every redraw; a problem with a photo is kept
    for after the session (the full screen would hide a warning) and asked for no more.
    `reported`: photos already warned of before the session, not drawn nor warned of again.
    """

    def __init__(self, exercises: Mapping[str, Exercise], reported: Iterable[Photo] = ()) -> None:
        self._photos = {
            key: photos_of(exercise)[:SHOWN_PHOTOS]
            for key, exercise in exercises.items()
            if exercise.images
        }
        self._moves = {key for key, e in exercises.items() if e.category in MOVES}
        self._drawn: dict[tuple[str, int, bool, int, int], HalfBlocks | None] = {}
        self._failed: dict[Photo, str] = {}
        self._reported = set(reported)

    def __bool__(self) -> bool:
        return bool(self._photos)

    def which(self, exercise_id: str, into: float) -> int:
        """The photo to show `into` seconds after a prep starts: the start photo, or for a
        dynamic move the start and the end in turn, a second each."""
        count = len(self._photos.get(exercise_id, ()))
        return int(into) % 2 if exercise_id in self._moves and count > 1 else 0

    def picture(
        self, exercise_id: str, index: int, mirrored: bool, columns: int, rows: int
    ) -> HalfBlocks | None:
        """The photo drawn to fit `columns` x `rows`, flipped for the left side; None when
        the exercise has none or it cannot be drawn."""
        key = (exercise_id, index, mirrored, columns, rows)
        if key not in self._drawn:
            if len(self._drawn) >= _KEPT:
                self._drawn.clear()  # the sizes of a terminal since resized
            self._drawn[key] = self._draw(exercise_id, index, mirrored, columns, rows)
        return self._drawn[key]

    def _draw(
        self, exercise_id: str, index: int, mirrored: bool, columns: int, rows: int
    ) -> HalfBlocks | None:
        from . import pictures

        photos = self._photos.get(exercise_id, [])
        if index >= len(photos) or columns < 1 or rows < 1:
            return None
        photo = photos[index]
        if photo in self._failed or photo in self._reported:
            return None
        try:
            image = pictures.load(photo.path, mirrored=mirrored, other=_other(photos, index))
        except pictures.PictureError as error:
            self._failed[photo] = str(error)
            return None
        return pictures.HalfBlocks(image, columns, rows)

    @property
    def problems(self) -> list[Problem]:
        """A located warning for each photo that could not be drawn."""
        return [photo.problem(reason) for photo, reason in self._failed.items()]
