"""Where a command's output goes: stdout and stderr, each with a rich console made once.

Commands are handed an `Output`; tests make one over StringIO files. Commands never
print on their own, so what a command shows can be tested without a terminal. Plain
lines go straight to the files: a command that prints only text (`where`, `schema`,
`--json`) never loads rich; the consoles are made the first time something needs one.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any, cast

from stretchcli.core.text import json_safe, visible, visible_lines

from .grid import Grid, print_grid

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


# The glyphs stretch draws with, and what stands in for each where the output's encoding
# lacks it (a Latin-1 console, a C locale): one character for one, so layouts keep.
_ASCII = str.maketrans(
    {"█": "#", "░": ".", "▒": ":", "▓": "%", "·": ".", "—": "-", "…": "~", "→": ">", "←": "<"}
)
_GLYPHS = "█░▒▓·—…→←"


class _AsciiGlyphs:
    """A text stream that writes stretch's drawing glyphs as ASCII, and the rest as it is."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(text.translate(_ASCII))

    def __getattr__(self, name: str) -> Any:  # flush, fileno, isatty, encoding...
        return getattr(self._stream, name)


def _drawable(stream: IO[str]) -> IO[str]:
    """`stream`, or `stream` with ASCII glyphs where its encoding lacks the block ones."""
    if isinstance(stream, _AsciiGlyphs) or _draws_glyphs(stream):
        return stream
    return cast("IO[str]", _AsciiGlyphs(stream))


def _draws_glyphs(stream: IO[str]) -> bool:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        _GLYPHS.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def make_console(file: IO[str]) -> Console:
    """A console on `file`; plain text when NO_COLOR is set or `file` is not a terminal;
    ASCII glyphs where `file`'s encoding has no block characters."""
    from rich.console import Console

    file = _drawable(file)

    # Rich's own NO_COLOR handling drops colours but keeps bold and italic codes.
    plain = bool(os.environ.get("NO_COLOR"))
    return Console(
        file=file, highlight=False, soft_wrap=False, color_system=None if plain else "auto"
    )


class Output:
    """stdout and stderr, with the few ways commands write to them."""

    def __init__(
        self, stdout: IO[str], stderr: IO[str], consoles: tuple[Console, Console] | None = None
    ) -> None:
        self.stdout = _drawable(stdout)
        self.stderr = _drawable(stderr)
        self._consoles = consoles

    @classmethod
    def standard(cls) -> Output:
        """The process's own stdout and stderr."""
        return cls(sys.stdout, sys.stderr)

    @property
    def out(self) -> Console:
        """The console on stdout."""
        return self._made()[0]

    @property
    def err(self) -> Console:
        """The console on stderr."""
        return self._made()[1]

    def _made(self) -> tuple[Console, Console]:
        if self._consoles is None:
            self._consoles = (make_console(self.stdout), make_console(self.stderr))
        return self._consoles

    # Everything written goes through core/text.py: no escape sequence from a file, the
    # history or the command line reaches the terminal.
    def line(self, text: str = "") -> None:
        """One line of plain text on stdout (no markup, no wrapping)."""
        self.stdout.write(visible(text) + "\n")

    def write(self, text: str) -> None:
        """Text on stdout, its line breaks kept (CSV, for one)."""
        self.stdout.write(visible_lines(text))

    def drawn(self, lines: list[str]) -> None:
        """A picture's lines, escape codes and all, on stdout: only what ui/pictures.py drew
        (never text from a file, which goes through `line`)."""
        self.stdout.write("".join(line + "\n" for line in lines))
        self.stdout.flush()

    def warn(self, text: str) -> None:
        """One line on stderr: a warning, a note or an error."""
        self.stderr.write(visible(text) + "\n")
        self.stderr.flush()

    def show(self, shown: Grid | RenderableType) -> None:
        """A listing or a rich renderable: tables on a terminal, plain text elsewhere."""
        if isinstance(shown, Grid):
            print_grid(self.out, shown)
        else:
            self.out.print(shown)

    def json(self, data: Any) -> None:
        """`data` as indented JSON on stdout."""
        import json  # only --json pays for it

        self.stdout.write(json_safe(json.dumps(data, indent=2, ensure_ascii=False)) + "\n")

    def result(
        self,
        as_json: bool,
        to_json: Callable[[], Any],
        to_screen: Callable[[], Grid | RenderableType],
    ) -> None:
        """A command's one render step: JSON when asked for, else the screen form."""
        if as_json:
            self.json(to_json())
        else:
            self.show(to_screen())
