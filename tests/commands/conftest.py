"""Commands called as functions, with no typer and no terminal: output goes to StringIO."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from stretchcli.ui.output import Output


class Captured(Output):
    """An Output over two StringIO files, readable after the command ran."""

    def __init__(self) -> None:
        super().__init__(
            Console(file=io.StringIO(), width=100, color_system=None),
            Console(file=io.StringIO(), width=100, color_system=None),
        )

    @property
    def stdout(self) -> str:
        return self.out.file.getvalue()  # type: ignore[attr-defined]

    @property
    def stderr(self) -> str:
        return self.err.file.getvalue()  # type: ignore[attr-defined]


@pytest.fixture
def output() -> Captured:
    return Captured()
