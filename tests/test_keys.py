from __future__ import annotations

import pytest

from stretchcli.engine import Command
from stretchcli.keys import parse_keys


@pytest.mark.parametrize(
    ("typed", "commands"),
    [
        (" ", [Command.TOGGLE_PAUSE]),
        ("n", [Command.NEXT]),
        ("\x1b[C", [Command.NEXT]),  # right arrow
        ("\x1bOC", [Command.NEXT]),  # right arrow in application cursor mode
        ("b", [Command.BACK]),
        ("\x1b[D", [Command.BACK]),  # left arrow
        ("s", [Command.SKIP_EXERCISE]),
        ("+", [Command.ADD_TIME]),
        ("=", [Command.ADD_TIME]),  # + without Shift
        ("-", [Command.REMOVE_TIME]),
        ("q", [Command.QUIT]),
        ("?", [Command.TOGGLE_HELP]),
        ("n\x1b[Dq", [Command.NEXT, Command.BACK, Command.QUIT]),  # typed fast, read at once
        ("x", []),
        ("\x1b[A", []),  # up arrow: no meaning, and not read as "A"
        ("\x1b[15~n", [Command.NEXT]),  # an unknown sequence is dropped whole
    ],
)
def test_keys_become_commands(typed: str, commands: list[Command]) -> None:
    assert parse_keys(typed) == commands
