"""`stretch show` draws an exercise's photos in a real pseudo-terminal, read back with pyte:
half blocks in the photo's colours, side by side; none with NO_COLOR, --no-pictures, or
when the output is not a terminal; the graphics protocols by their escape codes."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import Result
from tests.test_terminal import STRETCH, Terminal

Run = Callable[..., Result]
RED, BLUE = "ff0000", "0000ff"
FILE = """\
exercises:
  wall-calf:
    name: Wall Calf
    target: calves
    hold: 30
    steps: [Hands on the wall, right foot back, heel down.]
    images: [poses/start.png, poses/end.png]
"""

pytestmark = pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals are POSIX")


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = Terminal(tmp_path)
    folder = tmp_path / "stretch" / "routines"
    (folder / "poses").mkdir(parents=True)
    # Start: red over blue; end: all blue. PNG keeps the colours exact.
    start = Image.new("RGB", (160, 100), (0, 0, 255))
    start.paste((255, 0, 0), (0, 0, 160, 50))
    start.save(folder / "poses" / "start.png")
    Image.new("RGB", (160, 100), (0, 0, 255)).save(folder / "poses" / "end.png")
    (folder / "mine.yaml").write_text(FILE)
    yield term
    term.close()


def _show(terminal: Terminal, environment: str = "", options: str = "") -> str:
    terminal.run(f"clear; {environment} {STRETCH} show wall-calf {options}; echo EXIT=$?")
    return terminal.wait_for(lambda s: re.search(r"EXIT=\d", s) is not None, "the page")


def _half_blocks(terminal: Terminal) -> list[tuple[int, int, str, str]]:
    return [
        (y, x, cell.fg, cell.bg)
        for y, line in terminal.screen.buffer.items()
        for x, cell in line.items()
        if cell.data == "▀"
    ]


def test_the_photos_are_drawn_side_by_side_in_half_blocks(terminal: Terminal) -> None:
    shown = _show(terminal, "COLORTERM=truecolor")
    assert "EXIT=0" in shown
    captions = next(line for line in shown.splitlines() if line.startswith("Start"))
    assert captions.split() == ["Start", "End"]
    cells = _half_blocks(terminal)
    assert cells, shown
    start_x = min(x for _, x, _, _ in cells)
    end_x = captions.index("End")
    assert end_x > 30  # the second photo beside the first, not under it
    top_row = min(y for y, _, _, _ in cells)
    start_cells = {(fg, bg) for y, x, fg, bg in cells if x < end_x}
    end_cells = {(fg, bg) for y, x, fg, bg in cells if x >= end_x}
    assert (RED, RED) in start_cells  # the red upper half...
    assert (BLUE, BLUE) in start_cells  # ...over the blue
    assert end_cells == {(BLUE, BLUE)}
    assert [(fg, bg) for y, x, fg, bg in cells if y == top_row and x == start_x] == [(RED, RED)]


def test_a_missing_photo_is_a_located_warning_and_the_other_is_drawn(terminal: Terminal) -> None:
    mine = terminal.home / "stretch" / "routines" / "mine.yaml"
    mine.write_text(FILE.replace("poses/start.png", "poses/gone.png"))
    shown = _show(terminal, "COLORTERM=truecolor")
    assert "EXIT=0" in shown
    assert (
        f"{mine}:7:14: warning: exercises.wall-calf.images[0]: poses/gone.png: cannot read "
        "it: No such file or directory"
    ).encode() in terminal.raw.replace(b"\r\n", b"")
    assert {(fg, bg) for _, _, fg, bg in _half_blocks(terminal)} == {(BLUE, BLUE)}


def test_256_colours_where_the_terminal_says_no_more(terminal: Terminal) -> None:
    _show(terminal)  # TERM=xterm-256color, no COLORTERM
    assert b"\x1b[38;5;196;48;5;196m" in terminal.raw  # red: the cube's pure red
    assert _half_blocks(terminal)


@pytest.mark.parametrize(
    ("environment", "options"), [("NO_COLOR=1", ""), ("COLORTERM=truecolor", "--no-pictures")]
)
def test_no_photos_with_no_color_or_no_pictures(
    terminal: Terminal, environment: str, options: str
) -> None:
    shown = _show(terminal, environment, options)
    assert "EXIT=0" in shown
    assert "Hands on the wall" in shown
    assert not _half_blocks(terminal)
    assert b"\x1b_G" not in terminal.raw


@pytest.mark.parametrize(
    ("graphics", "opening", "closing"),
    [("kitty", b"\x1b_Ga=T,f=100,", b"\x1b\\"), ("iterm", b"\x1b]1337;File=", b"\x07"),
     ("sixel", b"\x1bPq", b"\x1b\\")],
)  # fmt: skip
def test_a_terminal_with_graphics_gets_its_protocol(
    terminal: Terminal, graphics: str, opening: bytes, closing: bytes
) -> None:
    shown = _show(terminal, f"STRETCHCLI_GRAPHICS={graphics}")
    assert "EXIT=0" in shown
    assert terminal.raw.count(opening) == 2  # start and end, one under the other
    after = terminal.raw[terminal.raw.index(opening) :]
    assert closing in after
    assert not _half_blocks(terminal)


def test_no_photos_when_the_output_is_not_a_terminal(run: Run, stretch_home: Path) -> None:
    folder = stretch_home / "routines"
    (folder / "poses").mkdir(parents=True)
    Image.new("RGB", (20, 20), (255, 0, 0)).save(folder / "poses" / "start.png")
    (folder / "mine.yaml").write_text(FILE)
    shown = run("show", "wall-calf")
    assert shown.exit_code == 0
    assert "\x1b" not in shown.stdout
    assert shown.stderr == ""
