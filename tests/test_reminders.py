"""When a movement break is due: active hours, every, snooze, and what already happened."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from stretchcli.core.loader import load_config_bytes
from stretchcli.core.model import Defaults
from stretchcli.core.reminders import (
    BadActiveHours,
    DailyProgress,
    DailyTarget,
    Event,
    ReminderEvent,
    Reminders,
    Window,
    breaks,
    daily_progress,
    describe_hours,
    is_due,
    next_break,
    parse_active,
    status_line,
)
from tests.conftest import Result

ZONE = timezone(timedelta(hours=1))
DESK = Reminders(every=3600, active=parse_active("Mon-Fri 09:00-17:30"), snooze=600)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in the week of Monday 23 November 2026 (day 0 is that Monday)."""
    return datetime(2026, 11, 23 + day, hour, minute, tzinfo=ZONE)


def event(moment: datetime, kind: Event) -> ReminderEvent:
    return ReminderEvent(moment, kind, "desk")


@pytest.mark.parametrize(
    ("text", "windows"),
    [
        ("Mon-Fri 09:00-17:30", (Window(frozenset(range(5)), 540, 1050),)),
        ("sat,sun 10:00-12:00", (Window(frozenset({5, 6}), 600, 720),)),
        ("Fri-Mon 8:00-24:00", (Window(frozenset({4, 5, 6, 0}), 480, 1440),)),
        (
            "Mon-Fri 09:00-12:00; Mon-Fri 13:00-17:30",
            (Window(frozenset(range(5)), 540, 720), Window(frozenset(range(5)), 780, 1050)),
        ),
        ("Monday 09:00-10:00", (Window(frozenset({0}), 540, 600),)),
    ],
)
def test_active_hours_are_read_as_people_write_them(text: str, windows: tuple[Window]) -> None:
    assert parse_active(text) == windows


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("weekdays 09:00-17:00", '"weekdays" is not a day'),
        ("Mon-Fri 17:00-09:00", "ends before it starts"),
        ("Mon-Fri 09:60-10:00", "09:60 is not a time of day"),
        ("Mon-Fri", 'is not like "Mon-Fri 09:00-17:30"'),
    ],
)
def test_wrong_active_hours_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(BadActiveHours, match=message):
        parse_active(text)


def test_the_first_break_is_an_hour_into_the_active_hours() -> None:
    assert next_break(at(0, 7), DESK, [], []) == at(0, 10)
    assert next_break(at(0, 9, 30), DESK, [], []) == at(0, 10)
    assert not is_due(at(0, 9, 59), at(0, 10))
    assert is_due(at(0, 10), at(0, 10))


def test_then_an_hour_after_the_last_reminder_or_completed_session() -> None:
    sent = [event(at(0, 10), Event.SENT)]
    assert next_break(at(0, 10, 5), DESK, sent, []) == at(0, 11)
    # A session completed at 10:40 (from the reminder or not): no break until 11:40.
    assert next_break(at(0, 10, 45), DESK, sent, [at(0, 10, 40)]) == at(0, 11, 40)
    skipped = [*sent, event(at(0, 10, 20), Event.SKIPPED)]
    assert next_break(at(0, 10, 30), DESK, skipped, []) == at(0, 11, 20)


def test_a_break_left_unanswered_stays_due_until_something_happens() -> None:
    assert next_break(at(0, 12), DESK, [], []) == at(0, 10)  # due since 10:00
    assert is_due(at(0, 12), next_break(at(0, 12), DESK, [], []))


def test_a_snooze_puts_the_break_off_by_its_snooze_time() -> None:
    events = [event(at(0, 10), Event.SENT), event(at(0, 10, 1), Event.SNOOZED)]
    assert next_break(at(0, 10, 2), DESK, events, []) == at(0, 10, 11)
    # Snoozed past the end of the day: the next day's first break instead.
    late = [event(at(0, 17, 25), Event.SENT), event(at(0, 17, 26), Event.SNOOZED)]
    assert next_break(at(0, 17, 27), DESK, late, []) == at(1, 10)


def test_nothing_is_due_outside_the_active_hours() -> None:
    # Friday evening: the next break is Monday's first.
    assert next_break(at(4, 18), DESK, [event(at(4, 17), Event.SENT)], []) == at(7, 10)
    # A break that would fall after the end of the day waits for the next day.
    assert next_break(at(0, 16, 45), DESK, [event(at(0, 16, 40), Event.SENT)], []) == at(1, 10)
    never = Reminders(active=(Window(frozenset(), 540, 600),))
    assert next_break(at(0, 9), never, [], []) is None


def config(text: str) -> tuple[Defaults, list[str]]:
    defaults, problems = load_config_bytes(text.encode(), "config.yaml")
    return defaults, [problem.format() for problem in problems]


def test_reminders_and_daily_routines_are_read_from_config() -> None:
    text = (
        'reminders:\n  every: 45m\n  active: "Mon-Fri 08:00-16:00"\n  routine: hips\n'
        "  snooze: 5m\ndaily:\n  glute-medius: 3\n  desk: 1\n"
    )
    defaults, problems = config(text)
    assert problems == []
    assert defaults.reminders == Reminders(
        2700, (Window(frozenset(range(5)), 480, 960),), "hips", 300
    )
    assert defaults.daily == (DailyTarget("glute-medius", 3), DailyTarget("desk", 1))


def test_without_the_section_there_are_no_reminders_and_true_takes_every_default() -> None:
    assert config("level: beginner\n")[0].reminders is None
    assert config("reminders: false\n")[0].reminders is None
    on = config("reminders: true\n")[0].reminders
    assert on == Reminders()
    assert on is not None
    assert next_break(at(0, 9), on, [], []) == at(0, 10)  # seed 004's hour, Mon-Fri 9-17:30


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("reminders:\n  every: 2m\n",
         'config.yaml:2:10: error: reminders.every: "2m" is not between 5 minutes and 24 hours'),
        ("reminders:\n  every: 1441m\n",
         'config.yaml:2:10: error: reminders.every: "1441m" is not between 5 minutes and '
         '24 hours'),
        ("reminders:\n  snooze: soon\n",
         'config.yaml:2:11: error: reminders.snooze: expected a time like "60m" or "1h", '
         'got "soon"'),
        ("reminders:\n  active: weekdays 9-5\n",
         'config.yaml:2:11: error: reminders.active: "weekdays 9-5" is not like '
         '"Mon-Fri 09:00-17:30" (days, then from-to)'),
        ("reminders:\n  evry: 60m\n",
         'config.yaml:2:3: error: reminders: unknown key "evry" (did you mean "every"?)'),
        ("reminders:\n  routine: Desk Break\n",
         'config.yaml:2:12: error: reminders.routine: "Desk Break" is not a valid id: use '
         'lowercase letters, digits and dashes, at most 64, like "desk-break"'),
        ("daily:\n  glute-medius: 30\n",
         "config.yaml:2:17: error: daily.glute-medius: must be at most 24, got 30"),
        ("daily:\n  glute-medius: 2-3\n",
         "config.yaml:2:17: error: daily.glute-medius: expected a number of times a day, "
         "not a range"),
        ("daily: [glute-medius]\n",
         "config.yaml:1:8: error: daily: expected a mapping like {glute-medius: 3}, got a list"),
    ],
)  # fmt: skip
def test_reminder_mistakes_are_located(text: str, problem: str) -> None:
    assert config(text)[1] == [problem]


def test_each_reminder_sent_today_has_an_outcome() -> None:
    events = [
        event(at(0, 10), Event.SENT),
        event(at(0, 10, 1), Event.STARTED),
        event(at(0, 11, 10), Event.SENT),
        ReminderEvent(at(0, 11, 11), Event.SKIPPED, "desk", "meeting"),
        event(at(0, 12, 11), Event.SENT),
        event(at(0, 12, 12), Event.SNOOZED),
        event(at(0, 13, 20), Event.SENT),  # then a session started from the terminal
        event(at(0, 14, 30), Event.SENT),  # nobody answered: missed once the next went out
        event(at(0, 15, 30), Event.SENT),
    ]
    found = breaks(at(0, 15, 45), DESK, events, [at(0, 10, 2), at(0, 13, 25)])
    assert [(b.at.hour, b.outcome, b.reason) for b in found] == [
        (10, "taken", None),
        (11, "skipped", "meeting"),
        (12, "snoozed", None),
        (13, "taken", None),
        (14, "missed", None),
        (15, "waiting", None),
    ]
    assert breaks(at(0, 16, 31), DESK, events, [at(0, 13, 25)])[-1].outcome == "missed"
    # Started from the reminder but never completed (quit, Ctrl-C): not a break taken.
    assert breaks(at(0, 16), DESK, events, [])[0].outcome == "stopped"


def test_a_missed_break_is_followed_by_the_next_one_every_after_it_was_sent() -> None:
    events = [event(at(0, 10), Event.SENT), event(at(0, 11), Event.MISSED)]
    assert next_break(at(0, 11), DESK, events, []) == at(0, 11)


def test_the_status_line_fits_a_status_bar() -> None:
    progress = daily_progress([DailyTarget("glute-medius", 3)], ["glute-medius", "desk"])
    assert progress == [DailyProgress("glute-medius", 1, 3)]
    assert status_line(at(0, 13), at(0, 14), True, progress) == (
        "next break 14:00 · glute-medius 1/3 today"
    )
    assert status_line(at(0, 14, 5), at(0, 14), True, []) == "break due now"
    assert status_line(at(4, 18), at(7, 10), True, []) == "next break Mon 10:00"
    assert status_line(at(0, 9), at(7, 10), True, []) == "next break Mon 30 Nov 10:00"
    assert status_line(at(0, 13), None, False, progress) == "reminders off · glute-medius 1/3 today"


@pytest.mark.parametrize(
    ("written", "seconds"), [("60m", 3600), ("1h", 3600), ("1h30m", 5400), ("24h", 86400),
                             (600, 600), ("90s", None)],
)  # fmt: skip
def test_intervals_are_read_in_hours_minutes_or_seconds(written: object, seconds: int) -> None:
    text = f"reminders:\n  every: {written}\n"
    defaults, problems = config(text)
    if seconds is None:
        assert problems == ['config.yaml:2:10: error: reminders.every: "90s" is not between '
                            "5 minutes and 24 hours"]  # fmt: skip
    else:
        assert defaults.reminders is not None
        assert defaults.reminders.every == seconds


def test_a_day_past_a_daylight_saving_change_keeps_its_wall_clock_hours() -> None:
    from zoneinfo import ZoneInfo

    berlin = ZoneInfo("Europe/Berlin")
    saturday = datetime(2026, 3, 28, 18, 0, tzinfo=berlin)  # clocks go forward on the 29th
    now = saturday.astimezone()  # a fixed offset, as datetime.now().astimezone() gives

    def local(naive: datetime) -> datetime:
        return naive.replace(tzinfo=berlin)

    due = next_break(now, DESK, [], [], local)
    assert due is not None
    assert due.astimezone(berlin) == datetime(2026, 3, 30, 10, 0, tzinfo=berlin)


def test_validate_finds_a_reminder_or_daily_routine_that_does_not_exist(
    stretch_home: Path, run: Callable[..., Result]
) -> None:
    stretch_home.mkdir(parents=True)
    config_file = stretch_home / "config.yaml"
    config_file.write_text("reminders:\n  routine: dsk\ndaily:\n  glute-medius: 3\n  nosuch: 2\n")
    checked = run("validate")
    assert checked.exit_code == 1
    assert checked.stdout.splitlines() == [
        f'{config_file}: error: daily.nosuch: "nosuch" is no routine; '
        "`stretch routines` lists them",
        f'{config_file}: error: reminders.routine: "dsk" is no routine (did you mean "desk"?); '
        "`stretch routines` lists them",
    ]


@pytest.mark.parametrize(
    "text", ["Mon-Fri 09:00-17:30", "Sat,Sun 10:00-12:00; Mon 08:00-09:15", "Fri-Mon 00:00-24:00"]
)
def test_active_hours_are_described_as_they_are_written(text: str) -> None:
    assert parse_active(describe_hours(parse_active(text))) == parse_active(text)
    assert describe_hours(parse_active("Mon-Fri 09:00-17:30")) == "Mon-Fri 09:00-17:30"
