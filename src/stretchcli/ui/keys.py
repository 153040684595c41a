"""Single key presses, without Enter, from a terminal; the terminal is always restored.

cbreak mode (not raw): keys arrive one by one and are not echoed, while Ctrl-C
still sends SIGINT, so an interrupted session unwinds through the same
`finally` that restores the terminal settings.
"""

from __future__ import annotations

import contextlib
import os
import select
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from stretchcli.core.engine import Command

# Longest first: an arrow key's escape sequence must not be read as its letters.
_KEYS = (
    ("\x1b[C", Command.NEXT),  # right arrow
    ("\x1b[D", Command.BACK),  # left arrow
    ("\x1bOC", Command.NEXT),  # right arrow, application cursor mode
    ("\x1bOD", Command.BACK),
    (" ", Command.TOGGLE_PAUSE),
    ("n", Command.NEXT),
    ("b", Command.BACK),
    ("s", Command.SKIP_EXERCISE),
    ("+", Command.ADD_TIME),
    ("=", Command.ADD_TIME),  # the + key without Shift
    ("-", Command.REMOVE_TIME),
    ("q", Command.QUIT),
    ("?", Command.TOGGLE_HELP),
    ("h", Command.TOGGLE_HELP),
    # The check-in after an exercise; p (pain) also ends an exercise during its hold.
    ("1", Command.RATE_EASY),
    ("2", Command.RATE_RIGHT),
    ("3", Command.RATE_TOO_MUCH),
    ("p", Command.PAIN),
    ("P", Command.PAIN),
)


def parse_keys(data: str) -> list[Command]:
    """The commands in what the terminal sent; unknown keys and sequences are ignored."""
    commands: list[Command] = []
    rest = data
    while rest:
        for text, command in _KEYS:
            if rest.startswith(text):
                commands.append(command)
                rest = rest[len(text) :]
                break
        else:
            rest = rest[_unknown_length(rest) :]
    return commands


def _unknown_length(rest: str) -> int:
    """How much of `rest` an unknown key takes: a whole escape sequence, or one character."""
    if rest.startswith("\x1b["):
        # CSI: parameters, then one final character from "@" to "~".
        for end in range(2, len(rest)):
            if "@" <= rest[end] <= "~":
                return end + 1
        return len(rest)
    if rest.startswith("\x1bO") and len(rest) >= 3:
        return 3
    return 1


@contextmanager
def key_input(fd: int) -> Iterator[None]:
    """cbreak mode on the terminal `fd` for the block; its settings are put back after."""
    import termios
    import tty

    try:
        saved = termios.tcgetattr(fd)
    except termios.error as error:
        # A terminal gone away (EIO): an OSError, as its reads and writes fail with.
        raise OSError(*error.args) from None
    try:
        tty.setcbreak(fd)
        yield
    finally:
        # A terminal gone away (the window closed: SIGHUP) has no settings left to restore.
        with contextlib.suppress(termios.error, OSError):
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def wait_for_keys(fd: int | None, timeout: float | None) -> list[Command]:
    """Commands typed within `timeout` seconds (None: until a key); [] when none came.

    With no terminal to read (`fd` None) this only waits.
    """
    if fd is None:
        if timeout is None:
            raise ValueError("waiting for ever with no keyboard would never end")
        select.select([], [], [], max(0.0, timeout))
        return []
    ready, _, _ = select.select([fd], [], [], None if timeout is None else max(0.0, timeout))
    if not ready:
        return []
    data = os.read(fd, 64)
    if not data:  # the terminal closed
        return [Command.QUIT]
    return parse_keys(data.decode("utf-8", "ignore"))


def stdin_terminal_fd() -> int | None:
    """The terminal to read keys from, or None when stdin is not one."""
    try:
        return sys.stdin.fileno() if sys.stdin.isatty() else None
    except (AttributeError, OSError, ValueError):
        return None


def read_key(fd: int, timeout: float | None) -> str | None:
    """One key typed within `timeout` seconds (None: until one comes), as text: "\\n" for
    Enter; None when no key came; "" when the terminal closed. For the break prompt of
    `stretch remind`, in cbreak mode (key_input)."""
    ready, _, _ = select.select([fd], [], [], None if timeout is None else max(0.0, timeout))
    if not ready:
        return None
    data = os.read(fd, 64).decode("utf-8", "ignore")
    return "\n" if data[:1] == "\r" else data[:1]


def ask_key(fd: int, timeout: float | None) -> str | None:
    """read_key in cbreak mode, kept across Ctrl-Z: after `fg` the shell has left the
    terminal in line mode, so cbreak is set again when the process continues."""
    import signal
    import tty

    def again(_signum: int, _frame: object) -> None:
        with contextlib.suppress(OSError):
            tty.setcbreak(fd)

    with key_input(fd):
        previous = signal.signal(signal.SIGCONT, again)
        try:
            return read_key(fd, timeout)
        finally:
            signal.signal(signal.SIGCONT, previous)
