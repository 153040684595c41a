"""`stretch status` and `stretch today` on a fixed day, from the history and config.yaml."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from stretchcli.commands.breaks import status, today
from stretchcli.core.reminders import Event, ReminderEvent
from stretchcli.storage.history import History
from tests.commands.conftest import Captured

ZONE = timezone(timedelta(hours=1))
MONDAY = datetime(2026, 11, 23, tzinfo=ZONE)


def at(hour: int, minute: int = 0) -> datetime:
    return MONDAY.replace(hour=hour, minute=minute)


@pytest.fixture
def monday(stretch_home: Path) -> Path:
    """A Monday morning: reminders on, glute-medius three times a day, one done."""
    stretch_home.mkdir(parents=True)
    (stretch_home / "config.yaml").write_text("reminders: true\ndaily:\n  glute-medius: 3\n")
    with History.open() as store:
        for moment, kind, reason in [
            (at(10), Event.SENT, None),
            (at(10, 1), Event.STARTED, None),
            (at(11, 7), Event.SENT, None),
            (at(11, 8), Event.SKIPPED, "meeting"),
        ]:
            store.record_reminder(ReminderEvent(moment, kind, "desk", reason))
        for start, routine in [(at(10, 1), "desk"), (at(7, 30), "glute-medius")]:
            session = store.start(routine, routine, "beginner", 345, start)
            store.finish(session, start + timedelta(minutes=6), "completed", held_seconds=200,
                         exercises_done=3, exercises_skipped=0, exercises_total=3,
                         elapsed_seconds=360, muscle_seconds={})  # fmt: skip
    return stretch_home


@pytest.mark.usefixtures("monday")
def test_the_status_line_names_the_next_break_and_the_daily_routine() -> None:
    out = Captured()
    status(out, False, now=at(11, 30))
    # An hour after the skip at 11:08.
    assert out.stdout_text == "next break 12:08 · glute-medius 1/3 today\n"
    data = Captured()
    status(data, True, now=at(12, 10))
    shown = json.loads(data.stdout_text)
    assert shown["due_now"] is True
    assert shown["line"] == "break due now · glute-medius 1/3 today"
    assert shown["daily"] == [{"routine": "glute-medius", "done": 1, "times": 3}]


@pytest.mark.usefixtures("monday")
def test_today_lists_each_break_with_what_became_of_it() -> None:
    out = Captured()
    today(out, False, now=at(11, 30))
    assert out.stdout_text.splitlines() == [
        "Today, Mon 23 Nov",
        "Breaks (desk, every 60m, Mon-Fri 09:00-17:30):",
        "  1 taken, 1 skipped",
        "  10:00  taken",
        "  11:07  skipped (meeting)",
        "  next: 12:08",
        "glute-medius: 1 of 3 today",
        "Streak: 1 day",
    ]
    data = Captured()
    today(data, True, now=at(11, 30))
    assert [b["outcome"] for b in json.loads(data.stdout_text)["breaks"]] == ["taken", "skipped"]


def test_without_reminders_or_a_history_nothing_is_made_up(stretch_home: Path) -> None:
    out = Captured()
    status(out, False, now=at(11))
    assert out.stdout_text == "reminders off\n"
    assert not (stretch_home / "history.sqlite3").exists()  # looking creates no file


@pytest.mark.usefixtures("stretch_home")
def test_history_shows_the_breaks_taken_each_day() -> None:
    from stretchcli.commands.history import history

    now = datetime.now().astimezone()
    if now.hour == 0 and now.minute < 55:
        pytest.skip("the reminders of the last hour would fall on two days")
    with History.open() as store:
        for minutes, kind in [(-50, Event.SENT), (-49, Event.STARTED), (-20, Event.SENT),
                              (-19, Event.SKIPPED)]:  # fmt: skip
            store.record_reminder(ReminderEvent(now + timedelta(minutes=minutes), kind, "desk"))
        session = store.start("desk", "Desk Break", "beginner", 345, now - timedelta(minutes=49))
        store.finish(session, now - timedelta(minutes=43), "completed", held_seconds=200,
                     exercises_done=3, exercises_skipped=0, exercises_total=3,
                     elapsed_seconds=360, muscle_seconds={})  # fmt: skip
    out = Captured()
    history(out, None, None, as_json=False, as_csv=False)
    lines = out.stdout_text.splitlines()
    at = lines.index("Movement breaks, last 7 days:")
    first = (now - timedelta(minutes=50)).astimezone()
    assert lines[at + 1] == f"  {first:%a %d %b}  1 taken of 2 (1 skipped)"
