"""`stretch remind` and `stretch nudge` on a fake clock, with scripted keys and notifier."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from stretchcli.commands.remind import Clock, Prompt, nudge, remind
from stretchcli.core.errors import ExitCode
from stretchcli.storage.history import History
from stretchcli.ui.notify import Notice, Sent
from tests.commands.conftest import Captured

ZONE = timezone(timedelta(hours=1))
MONDAY = datetime(2026, 11, 23, tzinfo=ZONE)


def at(hour: int, minute: int = 0) -> datetime:
    return MONDAY.replace(hour=hour, minute=minute)


class FakeClock:
    def __init__(self, start: datetime) -> None:
        self.moment = start
        self.sleeps: list[datetime] = []

    def clock(self) -> Clock:
        return Clock(lambda: self.moment, self.sleep_until)

    def sleep_until(self, moment: datetime) -> None:
        self.sleeps.append(moment)
        self.moment = max(self.moment, moment)


class Sender:
    def __init__(self, result: Sent) -> None:
        self.result = result
        self.notices: list[Notice] = []

    def __call__(self, notice: Notice, **_: object) -> Sent:
        self.notices.append(notice)
        return self.result


def scripted(keys: list[str | None], reasons: Iterator[str] | None = None) -> Prompt:
    waiting = iter(keys)
    typed = reasons or iter(())
    return Prompt(lambda _seconds: next(waiting), lambda: next(typed, ""))


def events() -> list[tuple[str, str, str | None]]:
    with History.open() as store:
        found = store.reminder_events(MONDAY)
    return [(f"{e.at.astimezone(ZONE):%H:%M}", e.event.value, e.reason) for e in found]


@pytest.fixture
def desk(stretch_home: Path) -> Path:
    stretch_home.mkdir(parents=True)
    (stretch_home / "config.yaml").write_text(
        'reminders:\n  every: 60m\n  active: "Mon-Fri 09:00-17:30"\n  snooze: 10m\n'
        '  terminal: ["my-terminal", "-e"]\n'
    )
    return stretch_home


@pytest.mark.usefixtures("desk")
def test_remind_sleeps_until_the_break_then_enter_starts_the_routine() -> None:
    fake = FakeClock(at(9, 30))
    ran: list[str] = []

    def run_session(routine: str) -> ExitCode:
        ran.append(routine)
        return ExitCode.OK

    out = Captured()
    send = Sender(Sent("desktop"))
    assert remind(out, run_session, lambda: scripted(["\n"]), fake.clock(), send, 1) == 0
    assert fake.sleeps == [at(10)]  # one wake-up, at the due time
    assert ran == ["desk"]
    body = "Desk Break (05:45): Enter in the terminal starts it"
    assert send.notices == [Notice("Time for a movement break", body)]
    assert out.stdout_text.splitlines() == [
        "next break 10:00: desk (Ctrl-C ends)",
        "Desk Break (05:45) is due. Enter starts it · z snoozes 10m · x skips",
    ]
    assert events() == [("10:00", "sent", None), ("10:00", "started", None)]


@pytest.mark.usefixtures("desk")
def test_a_snooze_brings_the_break_back_and_a_skip_keeps_its_reason() -> None:
    fake = FakeClock(at(10))
    out = Captured()
    prompt = scripted(["z", "x"], iter(["meeting today"]))
    remind(out, lambda _routine: ExitCode.OK, lambda: prompt, fake.clock(), Sender(Sent("bell")), 2)
    assert fake.sleeps == [at(10, 10)]
    assert events() == [
        ("10:00", "sent", None),
        ("10:00", "snoozed", None),
        ("10:10", "sent", None),
        ("10:10", "skipped", "meeting"),  # one word
    ]


@pytest.mark.usefixtures("desk")
def test_no_answer_is_a_missed_break_and_no_notifier_is_one_warning() -> None:
    fake = FakeClock(at(10))
    out = Captured()
    remind(out, lambda _routine: ExitCode.OK, lambda: scripted([None, None]), fake.clock(),
           Sender(Sent("")), 2)  # fmt: skip
    assert [e[1] for e in events()] == ["sent", "missed", "sent", "missed"]
    assert out.stderr_text.count("no desktop notification could be shown here") == 1


@pytest.mark.usefixtures("desk")
def test_nudge_notifies_once_and_start_opens_a_terminal_with_the_session() -> None:
    launched: list[list[str]] = []
    out = Captured()
    send = Sender(Sent("desktop", "start"))
    assert nudge(out, at(10, 5), send, launched.append) == 0
    assert launched == [["my-terminal", "-e", sys.executable, "-m", "stretchcli", "session",
                         "desk"]]  # fmt: skip
    assert [e[1] for e in events()] == ["sent", "started"]
    # Run again a minute later (the timer): nothing is due, nothing is sent.
    again = Captured()
    nudge(again, at(10, 6), send, launched.append)
    assert again.stdout_text == "no break due; next 11:05\n"
    assert len(send.notices) == 1


@pytest.mark.usefixtures("desk")
def test_nudge_snooze_and_outside_the_active_hours() -> None:
    nudge(Captured(), at(10), Sender(Sent("desktop", "snooze")), lambda _words: None)
    assert [e[1] for e in events()] == ["sent", "snoozed"]
    evening = Captured()
    nudge(evening, at(18), Sender(Sent("desktop")), lambda _words: None)
    assert evening.stdout_text == "no break due; next Tue 10:00\n"


def test_start_opens_the_platforms_terminal_with_the_session_as_words(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from stretchcli.commands.remind import in_terminal
    from stretchcli.core.reminders import Reminders

    words = [sys.executable, "-m", "stretchcli", "session", "desk"]
    monkeypatch.setattr(sys, "platform", "darwin")
    mac = in_terminal(Reminders(), ['My "Py"/python3', "-m", "stretchcli"])
    # A shell line for Terminal.app, then an AppleScript string: quoted for both.
    expected = 'tell application "Terminal" to do script "\'My \\"Py\\"/python3\' -m stretchcli"'
    assert mac == ["osascript", "-e", expected]
    monkeypatch.setattr(sys, "platform", "win32")
    assert in_terminal(Reminders(), words) == ["cmd", "/c", "start", "stretchcli break", *words]
    monkeypatch.setattr(sys, "platform", "linux")
    (tmp_path / "xterm").write_text("#!/bin/sh\n")
    (tmp_path / "xterm").chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert in_terminal(Reminders(), words) == ["xterm", "-e", *words]
    assert in_terminal(Reminders(terminal=("kitty",)), words) == ["kitty", *words]


@pytest.mark.usefixtures("desk")
def test_nudge_with_no_notifier_says_so_and_leaves_the_break_due() -> None:
    from stretchcli.core.errors import StretchError

    with pytest.raises(StretchError, match="no desktop notification could be shown here"):
        nudge(Captured(), at(10, 5), Sender(Sent("")), lambda _words: None)
    assert events() == []  # nobody was told: the next nudge tries again


@pytest.mark.usefixtures("desk")
def test_a_break_whose_session_cannot_start_is_reported_and_remind_goes_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from stretchcli.core.errors import StretchError

    def refused(_routine: str) -> ExitCode:
        raise StretchError("every exercise here has a caution for your conditions")

    fake = FakeClock(at(10))
    out = Captured()
    remind(out, refused, lambda: scripted(["\n", "z"]), fake.clock(), Sender(Sent("desktop")), 2)
    assert "stretch: error: every exercise here has a caution" in out.stderr_text
    assert [e[1] for e in events()] == ["sent", "started", "sent", "snoozed"]
    assert capsys.readouterr().out.count("\a") == 2  # a ring with each desktop notification


def test_a_config_with_a_problem_is_said_loudly_not_taken_for_reminders_off(
    stretch_home: Path,
) -> None:
    from stretchcli.commands.breaks import status
    from stretchcli.core.errors import StretchError

    stretch_home.mkdir(parents=True)
    (stretch_home / "config.yaml").write_text("reminders: true\nlevel: expert\n")
    with pytest.raises(StretchError, match=r"config\.yaml has problems"):
        nudge(Captured(), at(10, 5), Sender(Sent("desktop")), lambda _words: None)
    with pytest.raises(StretchError, match=r"config\.yaml has problems"):
        remind(Captured(), lambda _r: ExitCode.OK, lambda: scripted([]), FakeClock(at(10)).clock())
    line = Captured()
    status(line, False, now=at(10))
    assert line.stdout_text == "reminders off: config.yaml has problems (stretch validate)\n"
