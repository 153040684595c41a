"""Notifications for real: a D-Bus session bus with a notification server, notify-send
stand-ins on PATH, and a terminal's own escapes."""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from stretchcli.ui import notify
from stretchcli.ui.notify import Notice, NotSent, Sent
from tests.conftest import Result

pytestmark = pytest.mark.skipif(os.name != "posix", reason="D-Bus and stand-ins are POSIX")
NOTICE = Notice("Time for a movement break", "Desk Break, 5m45s: Enter in stretch remind")


@pytest.fixture
def bus(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    if shutil.which("dbus-daemon") is None:
        pytest.skip("needs Debian's dbus-daemon (README: apt-get install dbus-daemon)")
    from tests.dbus_notifications import SessionBus

    session = SessionBus(press="Start")
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", session.address)
    monkeypatch.setenv("PATH", "/nonexistent")  # no notify-send to fall back on
    yield session
    session.close()


def test_a_desktop_notification_goes_over_d_bus_and_start_is_pressed(bus: object) -> None:
    from tests.dbus_notifications import SessionBus

    assert isinstance(bus, SessionBus)
    sent = notify.send(NOTICE, wait_for_press=10)
    assert sent == Sent("desktop", "start")
    (call,) = bus.calls
    assert (call.app_name, call.summary, call.body) == ("stretchcli", *NOTICE)
    assert call.buttons == ("Start", "Snooze")


def test_without_waiting_there_are_no_buttons(bus: object) -> None:
    from tests.dbus_notifications import SessionBus

    assert isinstance(bus, SessionBus)
    assert notify.send(NOTICE) == Sent("desktop", None)
    assert bus.calls[0].buttons == ()


def stand_in(folder: Path, name: str, code: int, log: Path) -> None:
    script = folder / name
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" >> {log}\nexit {code}\n')
    script.chmod(0o755)


def no_desktop(_notice: Notice, _wait: float) -> str | None:
    raise NotSent


def test_without_a_desktop_server_notify_send_is_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "log"
    stand_in(tmp_path, "notify-send", 0, log)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert notify.send(NOTICE, desktop=no_desktop) == Sent("notify-send")
    assert log.read_text().splitlines() == ["--app-name", "stretchcli", *NOTICE]


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_then_the_terminals_own_notification_then_the_bell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stand_in(tmp_path, "notify-send", 1, tmp_path / "log")  # present, but it fails
    monkeypatch.setenv("PATH", str(tmp_path))
    terminal = Tty()
    assert notify.send(Notice("Break; now", "Desk\x1b[2J"), terminal=terminal,
                       desktop=no_desktop) == Sent("terminal")  # fmt: skip
    assert terminal.getvalue() == (
        "\x1b]777;notify;Break  now;Desk [2J\x07\x1b]9;Break  now: Desk [2J\x07\a"
    )
    piped = io.StringIO()
    assert notify.send(NOTICE, terminal=piped, desktop=no_desktop) == Sent("bell")
    assert piped.getvalue() == "\a"
    assert notify.send(NOTICE, desktop=no_desktop) == Sent("")


def test_with_no_session_bus_the_desktop_is_not_tried(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    with pytest.raises(NotSent):
        notify._desktop(NOTICE, 0)


def test_nudge_on_a_real_bus_and_start_opens_the_configured_terminal(
    bus: object, tmp_path: Path, stretch_home: Path, run: Callable[..., Result]
) -> None:
    import sys
    import time

    from tests.dbus_notifications import SessionBus

    assert isinstance(bus, SessionBus)
    log = tmp_path / "terminal.log"
    stand_in(tmp_path, "my-terminal", 0, log)
    stretch_home.mkdir(parents=True)
    (stretch_home / "config.yaml").write_text(
        'reminders:\n  every: 5m\n  active: "Mon-Sun 00:00-24:00"\n'
        f'  terminal: ["{tmp_path / "my-terminal"}", "-e"]\n'
    )
    now = __import__("datetime").datetime.now()
    if now.hour == 0 and now.minute < 6:
        pytest.skip("the first break of the day is not due until 00:05")
    result = run("nudge")
    assert result.exit_code == 0, result.stderr
    (call,) = bus.calls
    assert call.summary == "Time for a movement break"
    assert call.body.startswith("Desk Break (05:45): ")
    assert call.buttons == ("Start", "Snooze")
    deadline = time.monotonic() + 10
    while not log.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert log.read_text().splitlines() == ["-e", sys.executable, "-m", "stretchcli", "session",
                                            "desk"]  # fmt: skip
    assert "break due: notified (desktop)" in result.stdout


def test_a_session_bus_with_no_notification_server_falls_back(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    if shutil.which("dbus-daemon") is None:
        pytest.skip("needs Debian's dbus-daemon (README: apt-get install dbus-daemon)")
    from tests.dbus_notifications import SessionBus

    empty = SessionBus(serve=False)
    try:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", empty.address)
        log = tmp_path / "log"
        stand_in(tmp_path, "notify-send", 0, log)
        monkeypatch.setenv("PATH", str(tmp_path))
        assert notify.send(NOTICE, wait_for_press=1) == Sent("notify-send")
    finally:
        empty.close()
