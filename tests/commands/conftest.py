"""Commands called as functions, with no typer and no terminal: output goes to StringIO."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from stretchcli.ui.output import Output


class Captured(Output):
    """An Output over two StringIO files, readable after the command ran."""

    def __init__(self) -> None:
        stdout, stderr = io.StringIO(), io.StringIO()
        consoles = (
            Console(file=stdout, width=100, color_system=None),
            Console(file=stderr, width=100, color_system=None),
        )
        super().__init__(stdout, stderr, consoles)
        self.captured = (stdout, stderr)

    @property
    def stdout_text(self) -> str:
        return self.captured[0].getvalue()

    @property
    def stderr_text(self) -> str:
        return self.captured[1].getvalue()


@pytest.fixture
def output() -> Captured:
    return Captured()
