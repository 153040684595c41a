"""Photos in a session: the start photo beside the steps at prep, mirrored for the left side,
a dynamic move's two photos in turn, and nothing where the screen has no room."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from PIL import Image
from rich.console import Console, RenderableType

from stretchcli.core import engine
from stretchcli.core.model import (
    Category,
    Exercise,
    ExerciseItem,
    Origin,
    Plan,
    Routine,
    Sides,
    Span,
    StepKind,
)
from stretchcli.core.timeline import PlanOptions, build_plan
from stretchcli.ui import pictures
from stretchcli.ui.poses import SessionPictures
from stretchcli.ui.session_screen import render

RED, BLUE = (255, 0, 0), (0, 0, 255)
TOP_LEFT_HALF_BLOCK = re.compile(r"\x1b\[38;2;(\d+);(\d+);(\d+);48;2;(\d+);(\d+);(\d+)m▀")


def _photo(path: Path, left: tuple[int, int, int], right: tuple[int, int, int]) -> None:
    image = Image.new("RGB", (120, 80), right)
    image.paste(left, (0, 0, 60, 80))
    image.save(path)


@pytest.fixture
def exercises(tmp_path: Path) -> dict[str, Exercise]:
    """A two-sided stretch whose start photo is red on the left, and a dynamic move whose
    start photo is red and end photo blue (PNG: no JPEG noise in the colours)."""
    _photo(tmp_path / "wall-0.png", RED, BLUE)
    _photo(tmp_path / "wall-1.png", RED, BLUE)
    _photo(tmp_path / "swing-0.png", RED, RED)
    _photo(tmp_path / "swing-1.png", BLUE, BLUE)
    origin = Origin(str(tmp_path / "mine.yaml"), 2, 3, doc_path="exercises.x")
    wall = Exercise(
        "wall", "Wall Calf", ("calves",), Span(20, 20), ("Hands on the wall.",), origin,
        sides=Sides.BOTH, images=("wall-0.png", "wall-1.png"),
    )  # fmt: skip
    swing = wall._replace(
        id="swing", name="Leg Swing", sides=Sides.NONE, category=Category.MOBILITY,
        images=("swing-0.png", "swing-1.png"),
    )  # fmt: skip
    return {"wall": wall, "swing": swing}


def _plan(exercises: dict[str, Exercise]) -> Plan:
    routine = Routine(
        "r", "R", (ExerciseItem("wall", exercises["wall"].origin),
                   ExerciseItem("swing", exercises["swing"].origin)),
        exercises["wall"].origin,
    )  # fmt: skip
    return build_plan(routine, exercises, PlanOptions())


def _screen(renderable: RenderableType, width: int) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system="truecolor", force_terminal=True)
    console.print(renderable)
    return buffer.getvalue()


def _at(plan: Plan, kind: StepKind, nth: int = 0) -> tuple[engine.Session, float]:
    """The session at the start of the `nth` step of `kind`, and that moment."""
    elapsed, seen = 0.0, 0
    for step in plan.steps:
        if step.kind is kind:
            if seen == nth:
                session, _ = engine.start(plan, now=0.0)
                session, _ = engine.advance(session, None, now=elapsed)
                return session, elapsed
            seen += 1
        elapsed += step.seconds
    raise AssertionError(f"no step {kind} number {nth}")


def _first_cell(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    found = TOP_LEFT_HALF_BLOCK.search(text)
    assert found is not None, "no picture on the screen"
    numbers = tuple(int(n) for n in found.groups())
    return numbers[:3], numbers[3:]


def test_prep_shows_the_start_photo_beside_the_steps(exercises: dict[str, Exercise]) -> None:
    plan = _plan(exercises)
    session, now = _at(plan, StepKind.PREP)
    text = _screen(render(session, now, exercises, 120, 40, SessionPictures(exercises)), 120)
    picture_line = next(line for line in text.splitlines() if "▀" in line)
    assert "Hands on the wall." in picture_line  # beside it, on the same line
    assert _first_cell(text) == (RED, RED)  # the right side: as photographed


def test_the_left_side_shows_the_photo_mirrored(exercises: dict[str, Exercise]) -> None:
    plan = _plan(exercises)
    session, now = _at(plan, StepKind.SWITCH)
    assert session.step.side is not None
    assert session.step.side.value == "left"
    text = _screen(render(session, now, exercises, 120, 40, SessionPictures(exercises)), 120)
    assert _first_cell(text) == (BLUE, BLUE)


def test_a_dynamic_move_shows_its_two_photos_in_turn(exercises: dict[str, Exercise]) -> None:
    plan = _plan(exercises)
    session, now = _at(plan, StepKind.PREP, nth=1)
    assert session.step.exercise == "swing"
    shown = SessionPictures(exercises)
    colours = [
        _first_cell(_screen(render(session, now + into, exercises, 120, 40, shown), 120))[0]
        for into in (0.0, 1.0, 2.0)
    ]
    assert colours == [RED, BLUE, RED]


@pytest.mark.parametrize(("width", "height"), [(60, 40), (120, 15)])
def test_no_photo_where_the_screen_has_no_room(
    exercises: dict[str, Exercise], width: int, height: int
) -> None:
    plan = _plan(exercises)
    session, now = _at(plan, StepKind.PREP)
    text = _screen(render(session, now, exercises, width, height, SessionPictures(exercises)), 120)
    assert "▀" not in text
    assert "Hands on the wall." in text


def test_a_photo_that_cannot_be_read_is_kept_for_after_the_session(
    exercises: dict[str, Exercise], tmp_path: Path
) -> None:
    (tmp_path / "wall-0.png").write_bytes(b"\x89PNG\r\n\x1a\n broken")
    shown = SessionPictures(exercises)
    plan = _plan(exercises)
    session, now = _at(plan, StepKind.PREP)
    for second in range(3):  # asked every redraw, tried once
        text = _screen(render(session, now + second, exercises, 120, 40, shown), 120)
        assert "Hands on the wall." in text
        assert "▀" not in text
    assert [problem.format("warning") for problem in shown.problems] == [
        f"{tmp_path}/mine.yaml:2:3: warning: exercises.x.images[0]: wall-0.png: "
        "is not a JPEG, PNG, GIF, WebP or BMP picture"
    ]


def test_pictures_are_decoded_once_for_the_whole_session(
    exercises: dict[str, Exercise], monkeypatch: pytest.MonkeyPatch
) -> None:
    loads: list[Path] = []
    real_load = pictures.load

    def counted(path: Path, **kwargs: object) -> Image.Image:
        loads.append(path)
        return real_load(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pictures, "load", counted)
    shown = SessionPictures(exercises)
    plan = _plan(exercises)
    session, now = _at(plan, StepKind.PREP)
    for second in range(5):
        render(session, now + second, exercises, 120, 40, shown)
    assert [path.name for path in loads] == ["wall-0.png"]


def test_a_session_warns_once_of_a_missing_photo_before_its_screen(
    exercises: dict[str, Exercise], tmp_path: Path
) -> None:
    from stretchcli.commands.session import _session_pictures
    from stretchcli.ui.output import Output

    (tmp_path / "swing-1.png").unlink()
    stdout, stderr = io.StringIO(), io.StringIO()
    consoles = (Console(file=stdout, force_terminal=True), Console(file=stderr))
    out = Output(stdout, stderr, consoles)
    assert _session_pictures(out, exercises, wanted=False) is None  # --no-pictures
    shown = _session_pictures(out, exercises, wanted=True)
    assert shown is not None
    assert stderr.getvalue().splitlines() == [
        f"{tmp_path}/mine.yaml:2:3: warning: exercises.x.images[1]: swing-1.png: cannot read "
        "it: No such file or directory"
    ]
    assert shown.picture("swing", 1, False, 30, 10) is None
    assert shown.problems == []  # said before the session: not again after it
    assert shown.picture("swing", 0, False, 30, 10) is not None


def test_a_taller_screen_never_loses_the_photo(exercises: dict[str, Exercise]) -> None:
    """The countdown's digits grow only in the rows the photo leaves: at 30 lines they
    once took the photo's place."""
    plan = _plan(exercises)
    shown = SessionPictures(exercises)
    for kind in (StepKind.PREP, StepKind.SWITCH):
        session, now = _at(plan, kind)
        drawn = [
            "▀" in _screen(render(session, now, exercises, 100, height, shown), 100)
            for height in range(24, 46, 2)
        ]
        first = drawn.index(True)
        assert all(drawn[first:]), (kind, drawn)
        assert first <= 3  # from 30 lines at the latest


@pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals are POSIX")
def test_a_session_of_imported_stretches_shows_the_photo_at_prep(tmp_path: Path) -> None:
    from tests.test_import import _clone
    from tests.test_terminal import STRETCH, Terminal

    terminal = Terminal(tmp_path, columns=100, lines=34)
    try:
        clone = _clone(tmp_path / "clone")
        terminal.run(f"{STRETCH} import free-exercise-db {clone} > /dev/null 2>&1")
        routines = tmp_path / "stretch" / "routines"
        terminal.wait_for(lambda _: (routines / "free-exercise-db.yaml").exists(), "the import")
        (routines / "calves.yaml").write_text(
            "routines:\n  calves: {name: Calves, items: [doorway-calf-lean, shin-smr]}\n"
        )
        terminal.run(f"COLORTERM=truecolor {STRETCH} session calves --no-sound; echo EXIT=$?")
        prep = terminal.wait_for(
            lambda s: "G E T   R E A D Y" in s and "▀" in s, "the prep with its photo"
        )
        photo_line = next(line for line in prep.splitlines() if "▀" in line)
        assert "Stand facing a door frame" in prep
        assert "▀" * 10 in photo_line
        terminal.child.send("q")
        done = terminal.wait_for(lambda s: re.search(r"EXIT=\d", s) is not None, "the end")
        assert "EXIT=0" in done
    finally:
        terminal.close()
