"""Where a command's output goes: one console for stdout and one for stderr, made once.

Commands are handed an `Output`; tests make one over StringIO files. Commands never
print on their own, so what a command shows can be tested without a terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import IO, Any

from rich.console import Console, RenderableType

from .tables import Grid, make_console, print_grid


class Output:
    """stdout and stderr as rich consoles, with the few ways commands write to them."""

    def __init__(self, out: Console, err: Console) -> None:
        self.out = out
        self.err = err

    @classmethod
    def over(cls, stdout: IO[str] | None = None, stderr: IO[str] | None = None) -> Output:
        """Consoles over these files (default: the process's stdout and stderr)."""
        return cls(make_console(stdout or sys.stdout), make_console(stderr or sys.stderr))

    def line(self, text: str = "") -> None:
        """One line of plain text on stdout, as it is (no markup, no wrapping)."""
        self.out.file.write(text + "\n")

    def write(self, text: str) -> None:
        """Text on stdout exactly as given (CSV, for one)."""
        self.out.file.write(text)

    def warn(self, text: str) -> None:
        """One line on stderr: warnings, notes and errors."""
        self.err.file.write(text + "\n")
        self.err.file.flush()

    def show(self, shown: Grid | RenderableType) -> None:
        """A listing or a rich renderable: tables on a terminal, plain text elsewhere."""
        if isinstance(shown, Grid):
            print_grid(self.out, shown)
        else:
            self.out.print(shown)

    def json(self, data: Any) -> None:
        """`data` as indented JSON on stdout."""
        import json  # only --json pays for it

        self.line(json.dumps(data, indent=2, ensure_ascii=False))

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
