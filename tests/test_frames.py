"""Frames written as only the rows that changed, on the alternate screen, and put away."""

from __future__ import annotations

import io
import re

from rich.console import Console
from rich.text import Text

from stretchcli.ui.frames import ENTER, LEAVE, FrameWriter


def terminal(color_system: str | None = "truecolor") -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    console = Console(
        file=out,
        width=20,
        height=4,
        force_terminal=True,
        color_system=color_system,  # type: ignore[arg-type]
    )
    return console, out


def rows_written(text: str) -> list[int]:
    return [int(row) for row in re.findall(r"\x1b\[(\d+);1H", text)]


def frame(*lines: str) -> Text:
    return Text("\n".join(lines))


def test_only_the_rows_that_changed_are_written() -> None:
    console, out = terminal()
    frames = FrameWriter(console)
    frames.open()
    assert out.getvalue() == ENTER
    frames.draw(frame("Pigeon Pose", "0:30", "bar"), 20, 4)
    first = out.getvalue()[len(ENTER) :]
    assert rows_written(first) == [1, 2, 3, 4]  # all of it, the padding row too
    assert "Pigeon Pose" in first
    out.seek(0), out.truncate()
    frames.draw(frame("Pigeon Pose", "0:29", "bar"), 20, 4)
    assert rows_written(out.getvalue()) == [2]
    assert "0:29" in out.getvalue()
    out.seek(0), out.truncate()
    frames.draw(frame("Pigeon Pose", "0:29", "bar"), 20, 4)
    assert out.getvalue() == ""  # nothing changed: nothing written
    frames.close()
    assert out.getvalue() == LEAVE


def test_a_resized_terminal_is_cleared_and_drawn_whole() -> None:
    console, out = terminal()
    frames = FrameWriter(console)
    frames.open()
    frames.draw(frame("a", "b"), 20, 4)
    out.seek(0), out.truncate()
    frames.draw(frame("a", "b"), 30, 4)
    assert out.getvalue().startswith("\x1b[2J")
    assert rows_written(out.getvalue()) == [1, 2, 3, 4]


def test_styles_are_written_and_without_colours_none_is() -> None:
    console, out = terminal()
    frames = FrameWriter(console)
    frames.draw(Text("GO", style="bold red"), 20, 1)
    assert "\x1b[1;31mGO" in out.getvalue()
    plain_console, plain_out = terminal(color_system=None)
    FrameWriter(plain_console).draw(Text("GO", style="bold red"), 20, 1)
    assert "GO" in plain_out.getvalue()
    assert "\x1b[1;31m" not in plain_out.getvalue()
