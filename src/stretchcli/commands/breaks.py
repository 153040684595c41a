"""`stretch status` and `stretch today`: the movement breaks of the day at a glance.

Both read the history (never creating it) and config.yaml's `reminders` and `daily`;
`status` is one line for a status bar (tmux, waybar, polybar), polled often.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import NamedTuple

from stretchcli.core.errors import ExitCode
from stretchcli.core.model import Defaults, Outcome, SessionRecord
from stretchcli.core.reminders import (
    Break,
    DailyProgress,
    Local,
    ReminderEvent,
    active_hours,
    breaks,
    daily_progress,
    describe_hours,
    midnight,
    next_break,
    status_line,
    tally,
    when,
)
from stretchcli.core.stats import current_streak
from stretchcli.storage.history import History
from stretchcli.storage.paths import history_path
from stretchcli.ui.output import Output

from . import loading


class Day(NamedTuple):
    """What the history and config.yaml say of today, as of `now`."""

    now: datetime
    defaults: Defaults
    events: list[ReminderEvent]  # since yesterday's start: a snooze may cross midnight
    sessions: list[SessionRecord]  # every one, newest first (the streak needs them all)
    config_broken: bool = False  # config.yaml has problems: its reminders are not used
    # Wall-clock times to moments by the system's rules (daylight saving); None: in
    # `now`'s own offset (a fixed `now`, as tests give).
    local: Local | None = None

    @property
    def completed_today(self) -> list[SessionRecord]:
        return [
            s
            for s in self.sessions
            if s.outcome == Outcome.COMPLETED
            and s.started_utc.astimezone(self.now.tzinfo).date() == self.now.date()
        ]

    @property
    def due(self) -> datetime | None:
        reminders = self.defaults.reminders
        if reminders is None:
            return None
        ended = [s.ended_utc for s in self.sessions if s.outcome == Outcome.COMPLETED]
        return next_break(self.now, reminders, self.events, [e for e in ended if e], self.local)

    @property
    def progress(self) -> list[DailyProgress]:
        done = [s.routine_id for s in self.completed_today]
        return daily_progress(self.defaults.daily, done)

    @property
    def todays_breaks(self) -> list[Break]:
        reminders = self.defaults.reminders
        if reminders is None:
            return []
        today = [e for e in self.events if e.at >= midnight(self.now)]
        started = [s.started_utc for s in self.completed_today]
        return breaks(self.now, reminders, today, started)


def load_day(out: Output, now: datetime | None = None, local: Local | None = None) -> Day:
    """Today as of `now` (default: this moment, in the system's time zone, whose rules
    then place wall-clock times; else `local` does, or `now`'s own offset)."""
    if now is None:
        local = local or system_local
    now = now or datetime.now().astimezone()
    defaults, broken = loading.checked_defaults(out)
    path = history_path()
    if not path.exists() and not path.is_symlink():  # looking creates no file
        return Day(now, defaults, [], [], broken, local)
    with History.open() as store:
        events = store.reminder_events(midnight(now) - timedelta(days=1))
        return Day(now, defaults, events, store.sessions(), broken, local)


def system_local(naive: datetime) -> datetime:
    """A wall-clock time here, as the system's time zone rules place it."""
    return naive.astimezone()


def status(out: Output, as_json: bool, now: datetime | None = None) -> ExitCode:
    """One line: "next break 14:00 · glute-medius 1/3 today"."""
    day = load_day(out, now)
    due = day.due
    on = day.defaults.reminders is not None
    if as_json:
        out.json(
            {
                "reminders": on,
                "next_break": due.isoformat() if due else None,
                "due_now": bool(due is not None and due <= day.now),
                "daily": [p._asdict() for p in day.progress],
                "line": status_line(day.now, due, on, day.progress),
            }
        )
    elif day.config_broken:  # a status bar shows no stderr: say it on the line
        out.line("reminders off: config.yaml has problems (stretch validate)")
    else:
        out.line(status_line(day.now, due, on, day.progress))
    return ExitCode.OK


def today(out: Output, as_json: bool, now: datetime | None = None) -> ExitCode:
    """The breaks due so far and what became of them, each daily routine, the streak."""
    day = load_day(out, now)
    found = day.todays_breaks
    streak = current_streak(day.sessions, day.now.date(), day.now.tzinfo)
    if as_json:
        out.json(
            {
                "date": day.now.date().isoformat(),
                "breaks": [
                    {
                        "at": b.at.isoformat(),
                        "routine": b.routine,
                        "outcome": b.outcome,
                        "reason": b.reason,
                    }
                    for b in found
                ],
                "next_break": day.due.isoformat() if day.due else None,
                "daily": [p._asdict() for p in day.progress],
                "streak": streak,
            }
        )
        return ExitCode.OK
    for line in _today_lines(day, found, streak):
        out.line(line)
    return ExitCode.OK


def _today_lines(day: Day, found: Sequence[Break], streak: int) -> list[str]:
    lines = [f"Today, {day.now:%a %d %b}"]
    reminders = day.defaults.reminders
    if reminders is None:
        lines.append("Breaks: reminders are off (`reminders: true` in config.yaml turns them on)")
    else:
        hours = describe_hours(active_hours(reminders))
        summary = ", ".join(f"{n} {o}" for o, n in tally(found).items()) or "none yet"
        lines.append(f"Breaks ({reminders.routine}, every {reminders.every // 60}m, {hours}):")
        lines.append(f"  {summary}")
        lines += [
            f"  {b.at.astimezone(day.now.tzinfo):%H:%M}  {b.outcome}"
            + (f" ({b.reason})" if b.reason else "")
            for b in found
        ]
        due = day.due
        if due is not None:
            lines.append(f"  next: {when(due, day.now)}")
    lines += [f"{p.routine}: {p.done} of {p.times} today" for p in day.progress]
    lines.append(f"Streak: {streak} day{'' if streak == 1 else 's'}")
    return lines
