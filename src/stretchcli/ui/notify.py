"""A desktop notification that a break is due, by the best way this machine has.

In order: desktop-notifier (D-Bus on Linux, the native centres on macOS and Windows,
with Start and Snooze buttons where the server shows actions); `notify-send`; the
terminal's own notification escapes (OSC 777 and OSC 9, which many terminals turn
into a desktop notification) when there is a terminal; the bell. desktop-notifier
costs about 90 ms to import, so only the commands that notify load it, here.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Callable
from typing import Any, NamedTuple, TextIO

APP_NAME = "stretchcli"
SEND_TIMEOUT = 5.0  # seconds for a notification server to answer
START, SNOOZE = "start", "snooze"


class Notice(NamedTuple):
    title: str
    body: str


class Sent(NamedTuple):
    """How the notice went out ("desktop", "notify-send", "terminal", "bell", or "" for
    not at all), and the button pressed on it ("start", "snooze") or None."""

    channel: str
    pressed: str | None = None


class NotSent(Exception):
    """This way of notifying is not available here; the next one is tried."""


def send(
    notice: Notice,
    *,
    terminal: TextIO | None = None,
    wait_for_press: float = 0.0,
    desktop: Callable[[Notice, float], str | None] | None = None,
) -> Sent:
    """Notify by the first way that works. With `wait_for_press` > 0 and a server that
    shows buttons, wait that long for Start or Snooze. `desktop` replaces the desktop
    library (tests)."""
    try:
        pressed = (desktop or _desktop)(notice, wait_for_press)
        return Sent("desktop", pressed)
    except NotSent:
        pass
    if _notify_send(notice):
        return Sent("notify-send")
    if terminal is not None and terminal.isatty():
        # OSC 777 (rxvt, foot, kitty, WezTerm...) and OSC 9 (iTerm2, Windows Terminal...):
        # a terminal that knows neither shows nothing; the bell after it is heard anyway.
        title, body = _plain(notice.title), _plain(notice.body)
        terminal.write(f"\x1b]777;notify;{title};{body}\x07\x1b]9;{title}: {body}\x07\a")
        terminal.flush()
        return Sent("terminal")
    if terminal is not None:
        terminal.write("\a")
        terminal.flush()
        return Sent("bell")
    return Sent("")


def _plain(text: str) -> str:
    """Text safe inside an escape sequence: no control characters, no ";" separators."""
    return "".join(" " if ord(c) < 32 or ord(c) == 127 or c == ";" else c for c in text)


def _notify_send(notice: Notice) -> bool:
    program = shutil.which("notify-send")
    if program is None:
        return False
    try:
        done = subprocess.run(
            [program, "--app-name", APP_NAME, notice.title, notice.body],
            capture_output=True,
            timeout=SEND_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def _desktop(notice: Notice, wait_for_press: float) -> str | None:
    """Through desktop-notifier; NotSent when it is missing or no server answers."""
    if os.name == "posix" and not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        import sys

        if sys.platform != "darwin":
            raise NotSent  # no session bus: no desktop notifications on Linux
    try:
        import asyncio

        import desktop_notifier  # noqa: F401 - only to know it is there
    except ImportError:
        raise NotSent from None
    try:
        return asyncio.run(_desktop_async(notice, wait_for_press))
    except Exception as error:
        # (no server on the bus, a refused call, a D-Bus error type of its transport):
        # any of them means this way is not available, and the next one is tried.
        raise NotSent from error


async def _desktop_async(notice: Notice, wait_for_press: float) -> str | None:

    from desktop_notifier import DesktopNotifier

    notifier = DesktopNotifier(app_name=APP_NAME, app_icon=None)
    try:
        return await _notify(notifier, notice, wait_for_press)
    finally:
        # The library keeps its D-Bus connection open for good; a one-shot command
        # closes it (nothing else would, and the socket would be left to the collector).
        bus = getattr(getattr(notifier, "_backend", None), "bus", None)
        if bus is not None:
            bus.disconnect()
            await bus.wait_for_disconnect()


async def _notify(notifier: Any, notice: Notice, wait_for_press: float) -> str | None:
    import asyncio

    from desktop_notifier import Button, Capability

    with _Warnings() as warnings:
        capabilities = await asyncio.wait_for(notifier.get_capabilities(), SEND_TIMEOUT)
    if warnings.seen or not capabilities:
        raise NotSent
    pressed: asyncio.Future[str] = asyncio.get_running_loop().create_future()

    def press(choice: str) -> Callable[[], None]:
        def pressed_now() -> None:
            if not pressed.done():
                pressed.set_result(choice)

        return pressed_now

    buttons = []
    if wait_for_press > 0 and Capability.BUTTONS in capabilities:
        buttons = [
            Button("Start", on_pressed=press(START)),
            Button("Snooze", on_pressed=press(SNOOZE)),
        ]
    with _Warnings() as warnings:
        await asyncio.wait_for(
            notifier.send(notice.title, notice.body, buttons=buttons), SEND_TIMEOUT
        )
    if warnings.seen:
        raise NotSent
    if not buttons:
        return None
    try:
        return await asyncio.wait_for(pressed, wait_for_press)
    except asyncio.TimeoutError:
        return None


class _Warnings(logging.Handler):
    """desktop-notifier logs a failure instead of raising it: catch what it logs."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen: list[str] = []
        self._logger = logging.getLogger("desktop_notifier")

    def emit(self, record: logging.LogRecord) -> None:
        self.seen.append(record.getMessage())

    def __enter__(self) -> _Warnings:
        self._logger.addHandler(self)
        self._propagate = self._logger.propagate
        self._logger.propagate = False  # its warnings are ours to report, not stderr's
        return self

    def __exit__(self, *_: object) -> None:
        self._logger.removeHandler(self)
        self._logger.propagate = self._propagate
