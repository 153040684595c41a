"""Full-screen frames on a terminal, writing only the rows that changed.

A session's screen changes by a few rows a second (the countdown, the clocks, the
bars). rich's Live display rewrites all of it each time; here rich lays the frame out
(`render_lines`), and only the rows that differ from the last frame are written, each
at its place. A third less CPU per frame and a quarter of the bytes, which matters for
a display that runs for minutes (docs/benchmarks.md).
"""

from __future__ import annotations

from rich.color import ColorSystem
from rich.console import Console, RenderableType
from rich.segment import Segment

# What each of rich's colour-system names renders with.
_COLOR_SYSTEMS = {
    "standard": ColorSystem.STANDARD,
    "256": ColorSystem.EIGHT_BIT,
    "truecolor": ColorSystem.TRUECOLOR,
    "windows": ColorSystem.WINDOWS,
}
ENTER = "\x1b[?1049h\x1b[?25l\x1b[2J\x1b[H"  # the alternate screen, cursor hidden, cleared
LEAVE = "\x1b[0m\x1b[?25h\x1b[?1049l"  # plain style, cursor shown, the shell's screen back


class FrameWriter:
    """Draws frames on `console`'s terminal; `open()` before, `close()` after (always)."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self._rows: list[list[Segment]] = []
        self._size: tuple[int, int] | None = None
        system = console.color_system
        self._colors = _COLOR_SYSTEMS.get(system) if system is not None else None

    def open(self) -> None:
        self._rows, self._size = [], None
        self._write(ENTER)

    def close(self) -> None:
        self._write(LEAVE)

    def draw(self, frame: RenderableType, width: int, height: int) -> None:
        options = self.console.options.update(width=width, height=height)
        lines = self.console.render_lines(frame, options, pad=True, new_lines=False)[:height]
        out: list[str] = []
        if self._size != (width, height):  # resized: nothing on the screen can be trusted
            self._size, self._rows = (width, height), []
            out.append("\x1b[2J")
        for row, line in enumerate(lines):
            if row < len(self._rows) and self._rows[row] == line:
                continue
            out.append(f"\x1b[{row + 1};1H{self._text(line)}\x1b[0m")
        for row in range(len(lines), len(self._rows)):
            out.append(f"\x1b[{row + 1};1H\x1b[2K")  # a shorter frame: clear what is left
        self._rows = lines
        if out:
            self._write("".join(out))

    def _text(self, line: list[Segment]) -> str:
        if self._colors is None:
            return "".join(segment.text for segment in line)
        no_color = self.console.no_color
        return "".join(
            (style.without_color if no_color else style).render(text, color_system=self._colors)
            if style is not None
            else text
            for text, style, _ in line
        )

    def _write(self, text: str) -> None:
        self.console.file.write(text)
        self.console.file.flush()
