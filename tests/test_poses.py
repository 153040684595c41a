"""ui/poses.py in-process: the layout of `stretch show`'s photos at each terminal size and
kind of graphics, and the download's progress bar. (tests/test_show_pictures.py runs the
same through a real pseudo-terminal.)"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from rich.console import Console

from stretchcli.core.model import Exercise, Origin, Span
from stretchcli.ui.output import Output
from stretchcli.ui.poses import pictures_wanted, show_photos
from stretchcli.ui.progress import progress_bar


def _output(terminal: bool = True) -> tuple[Output, io.StringIO, io.StringIO]:
    stdout, stderr = io.StringIO(), io.StringIO()
    consoles = (
        Console(file=stdout, width=100, force_terminal=terminal),
        Console(file=stderr, width=100, force_terminal=terminal),
    )
    return Output(stdout, stderr, consoles), stdout, stderr


@pytest.fixture
def exercise(tmp_path: Path) -> Exercise:
    Image.new("RGB", (90, 60), (255, 0, 0)).save(tmp_path / "start.png")
    Image.new("RGB", (90, 60), (0, 0, 255)).save(tmp_path / "end.png")
    origin = Origin(str(tmp_path / "mine.yaml"), 4, 3, doc_path="exercises.x")
    return Exercise(
        "x", "X", ("calves",), Span(5, 5), ("Stand.",), origin, images=("start.png", "end.png")
    )


def _terminal(monkeypatch: pytest.MonkeyPatch, columns: int, lines: int, graphics: str) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    monkeypatch.setenv("LINES", str(lines))
    monkeypatch.setenv("STRETCHCLI_GRAPHICS", graphics)


def test_two_photos_side_by_side_where_both_fit(
    exercise: Exercise, monkeypatch: pytest.MonkeyPatch
) -> None:
    _terminal(monkeypatch, 100, 30, "truecolor")
    out, stdout, _ = _output()
    show_photos(out, exercise)
    lines = stdout.getvalue().splitlines()
    assert lines[1].split() == ["Start", "End"]
    picture = lines[2:]
    # Each gets half the width less the gap (48 columns), and its shape sets the rows:
    # 90x60 pixels at 48 columns is 48x32 pixels, 16 rows of half blocks.
    assert len(picture) == 16
    assert all(line.count("▀") == 2 * 48 for line in picture)
    start, end = picture[0].split("\x1b[0m   ")
    assert "38;2;255;0;0" in start
    assert "38;2;0;0;255" in end


def test_one_under_the_other_where_the_terminal_is_narrow(
    exercise: Exercise, monkeypatch: pytest.MonkeyPatch
) -> None:
    _terminal(monkeypatch, 50, 20, "256")
    out, stdout, _ = _output()
    show_photos(out, exercise)
    lines = stdout.getvalue().splitlines()
    assert [line for line in lines if "▀" not in line] == ["", "Start", "", "End"]
    assert "38;5;196" in lines[2]  # the start photo's red, in 256 colours
    assert "38;5;21" in lines[-1]  # the end photo's blue


def test_a_graphics_protocol_puts_each_photo_in_one_escape(
    exercise: Exercise, monkeypatch: pytest.MonkeyPatch
) -> None:
    _terminal(monkeypatch, 100, 30, "kitty")
    out, stdout, _ = _output()
    show_photos(out, exercise)
    assert stdout.getvalue().count("\x1b_Ga=T,f=100,") == 2


def test_photos_that_cannot_be_drawn_are_warned_of_and_nothing_is_drawn(
    exercise: Exercise, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _terminal(monkeypatch, 100, 30, "truecolor")
    (tmp_path / "start.png").unlink()
    (tmp_path / "end.png").write_text("not a picture")
    out, stdout, stderr = _output()
    show_photos(out, exercise)
    assert stdout.getvalue() == ""
    assert stderr.getvalue().splitlines() == [
        f"{tmp_path}/mine.yaml:4:3: warning: exercises.x.images[0]: start.png: cannot read "
        "it: No such file or directory",
        f"{tmp_path}/mine.yaml:4:3: warning: exercises.x.images[1]: end.png: is not a JPEG, "
        "PNG, GIF, WebP or BMP picture",
    ]


def test_pictures_are_wanted_only_on_a_terminal_with_colour(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert pictures_wanted(_output()[0], asked=True)
    assert not pictures_wanted(_output()[0], asked=False)
    assert not pictures_wanted(_output(terminal=False)[0], asked=True)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not pictures_wanted(_output()[0], asked=True)


def test_the_progress_bar_counts_each_step_on_a_terminal_only() -> None:
    out, _, stderr = _output()
    with progress_bar(out, "Downloading photos", 3) as step:
        for _ in range(3):
            step()
    assert "Downloading photos" in stderr.getvalue()
    assert "3/3" in stderr.getvalue()
    plain, _, quiet = _output(terminal=False)
    with progress_bar(plain, "Downloading photos", 3) as step:
        step()
    assert quiet.getvalue() == ""
