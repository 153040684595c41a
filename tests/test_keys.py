from __future__ import annotations

import pytest

from stretchcli.core.engine import Command
from stretchcli.ui.keys import parse_keys


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


@pytest.mark.skipif(not hasattr(__import__("os"), "openpty"), reason="needs a pseudo-terminal")
def test_the_terminal_is_restored_even_when_the_session_fails() -> None:
    import os
    import termios

    from stretchcli.ui.keys import key_input

    leader, follower = os.openpty()
    seen_inside = []

    def failing_session() -> None:
        with key_input(follower):
            seen_inside.append(termios.tcgetattr(follower))
            raise RuntimeError("boom")

    try:
        before = termios.tcgetattr(follower)
        with pytest.raises(RuntimeError, match="boom"):
            failing_session()
        assert seen_inside[0] != before  # cbreak was on: no echo, no line mode
        assert termios.tcgetattr(follower) == before
    finally:
        os.close(leader)
        os.close(follower)


def test_a_terminal_that_cannot_be_set_fails_as_an_os_error() -> None:
    # A closed window's terminal fails with EIO; a pipe, with ENOTTY: either way an
    # OSError, which the session loop knows how to end on, not a termios.error.
    import errno
    import os

    from stretchcli.ui.keys import key_input

    read_end, write_end = os.pipe()
    try:
        with pytest.raises(OSError, match="ioctl") as failed, key_input(read_end):
            pass
    finally:
        os.close(read_end)
        os.close(write_end)
    assert failed.value.errno == errno.ENOTTY
