"""When a movement break is due, and what became of today's (pure: times come in).

Seed 004: take a 5-10 minute movement break every hour of sitting. A person turns
reminders on in config.yaml (`reminders:`); with the section absent there are none.
Breaks fall `every` apart inside the active hours ("Mon-Fri 09:00-17:30"): the first
one `every` after the hours start, then `every` after the last thing that happened (a
reminder sent, a break taken or skipped, a session completed). A snooze puts the
break `snooze` after it. Outside the active hours nothing is due.

Times are aware datetimes in the person's zone; events come from the history.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime, time, timedelta
from enum import Enum
from typing import NamedTuple

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_EVERY = 3600  # seconds: seed 004's hourly break
DEFAULT_ACTIVE = "Mon-Fri 09:00-17:30"
DEFAULT_ROUTINE = "desk"
DEFAULT_SNOOZE = 600
MAX_DAILY = 24  # times a day a daily routine can be asked for
_DAYS_AHEAD = 8  # a week of windows and a day: every weekly pattern repeats within it


class Window(NamedTuple):
    """Active hours on some days of the week: [start, end) in minutes after midnight."""

    days: frozenset[int]  # 0 is Monday
    start: int
    end: int


class Reminders(NamedTuple):
    every: int = DEFAULT_EVERY  # seconds between breaks
    active: tuple[Window, ...] = ()  # set by parse_active(DEFAULT_ACTIVE) when absent
    routine: str = DEFAULT_ROUTINE  # what a break runs
    snooze: int = DEFAULT_SNOOZE  # seconds a snooze puts the break off
    # The command that opens a terminal running a program given after it, as a list of
    # words (never a shell line): ("kitty",), ("gnome-terminal", "--"). () is the
    # platform's usual one (commands/remind.py).
    terminal: tuple[str, ...] = ()


class DailyTarget(NamedTuple):
    """A routine to do `times` a day (seed 003: the gluteus medius program, 3 times)."""

    routine: str
    times: int


class Event(Enum):
    """What the history records of a reminder."""

    SENT = "sent"  # a reminder went out
    STARTED = "started"  # the person started the break's session from it
    SNOOZED = "snoozed"
    SKIPPED = "skipped"  # with an optional one-word reason
    MISSED = "missed"  # no answer before the next break


class ReminderEvent(NamedTuple):
    at: datetime  # aware
    event: Event
    routine: str
    reason: str | None = None


class BadActiveHours(ValueError):
    """`active` is not like "Mon-Fri 09:00-17:30"; the message says what is wrong."""


_WINDOW = re.compile(r"^\s*([A-Za-z,\- ]+?)\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def parse_active(text: str) -> tuple[Window, ...]:
    """Active hours: "Mon-Fri 09:00-17:30", several joined by ";" ("Mon-Fri 09:00-12:00;
    Mon-Fri 13:00-17:30; Sat 10:00-12:00"). Day names are their first three letters."""
    windows = []
    for part in text.split(";"):
        match = _WINDOW.match(part)
        if match is None:
            raise BadActiveHours(
                f'"{part.strip()}" is not like "Mon-Fri 09:00-17:30" (days, then from-to)'
            )
        days_text, start_h, start_m, end_h, end_m = match.groups()
        start = _minutes(int(start_h), int(start_m))
        end = _minutes(int(end_h), int(end_m), end=True)
        if end <= start:
            raise BadActiveHours(f'"{part.strip()}" ends before it starts')
        windows.append(Window(_days(days_text), start, end))
    return tuple(windows)


def _minutes(hours: int, minutes: int, *, end: bool = False) -> int:
    if minutes > 59 or hours > 24 or (hours == 24 and (minutes or not end)):
        raise BadActiveHours(f"{hours:02d}:{minutes:02d} is not a time of day")
    return hours * 60 + minutes


def _days(text: str) -> frozenset[int]:
    days: set[int] = set()
    for part in re.split(r"\s*,\s*", text.strip().lower()):
        ends = [end.strip()[:3] for end in part.split("-")]
        if len(ends) > 2 or any(end not in DAY_NAMES for end in ends):
            raise BadActiveHours(f'"{part}" is not a day or days like Mon, Mon-Fri or Sat,Sun')
        first, last = DAY_NAMES.index(ends[0]), DAY_NAMES.index(ends[-1])
        days.update((first + step) % 7 for step in range((last - first) % 7 + 1))
    return frozenset(days)


def active_hours(reminders: Reminders) -> tuple[Window, ...]:
    return reminders.active or parse_active(DEFAULT_ACTIVE)


# A wall-clock time of day (naive) as a moment: by default in `now`'s own offset; the
# command line passes the system's rules, so that a day past a daylight-saving change
# keeps its 09:00 (commands/breaks.py).
Local = Callable[[datetime], datetime]


def _occurrences(
    windows: Sequence[Window], day: datetime, local: Local
) -> list[tuple[datetime, datetime]]:
    """Each window as (start, end) moments, from the day of `day` for a week and a day."""
    found = []
    for offset in range(_DAYS_AHEAD):
        date = day.date() + timedelta(days=offset)
        midnight = datetime.combine(date, time())
        for window in windows:
            if date.weekday() in window.days:
                start = local(midnight + timedelta(minutes=window.start))
                found.append((start, local(midnight + timedelta(minutes=window.end))))
    return sorted(found)


def next_break(
    now: datetime,
    reminders: Reminders,
    events: Sequence[ReminderEvent],
    sessions_ended: Sequence[datetime],
    local: Local | None = None,
) -> datetime | None:
    """When the next break is due; at or before `now` means due now. None when no active
    hours lie ahead (no window has a day).

    The break is `every` after the later of the active hours' start and the last thing
    that happened: a reminder sent, started, skipped or missed, a session completed. A
    snooze since then puts it `snooze` after the snooze, if that falls in active hours.
    Events and sessions may come in any order; a window already over is never due.
    """
    # A missed break starts nothing: the next one is `every` after it was sent.
    done = [e.at for e in events if e.event not in (Event.SNOOZED, Event.MISSED)]
    done += [ended for ended in sessions_ended if ended <= now]
    last_done = max(done, default=None)
    snoozes = [
        e.at
        for e in events
        if e.event is Event.SNOOZED and (last_done is None or e.at >= last_done)
    ]
    last = max([*done, *snoozes], default=None)
    every = timedelta(seconds=reminders.every)
    in_zone = local or (lambda naive: naive.replace(tzinfo=now.tzinfo))
    for start, end in _occurrences(active_hours(reminders), now, in_zone):
        if end <= now:
            continue
        if snoozes:
            snoozed_to = max(snoozes) + timedelta(seconds=reminders.snooze)
            if start <= snoozed_to < end:
                return snoozed_to.astimezone(now.tzinfo)
        due = max(start, last or start) + every
        if due < end:
            return due.astimezone(now.tzinfo)  # the history's times are in UTC
    return None


def is_due(now: datetime, due: datetime | None) -> bool:
    return due is not None and due <= now


class Break(NamedTuple):
    """A reminder sent today, and what became of it."""

    at: datetime
    routine: str
    outcome: str  # taken, stopped, snoozed, skipped, missed, or waiting (still open)
    reason: str | None = None


# Every outcome a break can have, in the order summaries give them.
OUTCOMES = ("taken", "stopped", "snoozed", "skipped", "missed", "waiting")


def tally(found: Sequence[Break]) -> dict[str, int]:
    """How many breaks came to each outcome, in OUTCOMES' order; outcomes with none left out."""
    counts = {outcome: sum(b.outcome == outcome for b in found) for outcome in OUTCOMES}
    return {outcome: count for outcome, count in counts.items() if count}


def midnight(moment: datetime) -> datetime:
    """The start of `moment`'s day, in its own zone."""
    return datetime.combine(moment.date(), time(), moment.tzinfo)


def describe_hours(windows: Sequence[Window]) -> str:
    """Active hours as parse_active reads them: "Mon-Fri 09:00-17:30; Sat 10:00-12:00"."""
    return "; ".join(
        f"{_describe_days(w.days)} {w.start // 60:02d}:{w.start % 60:02d}-"
        f"{w.end // 60:02d}:{w.end % 60:02d}"
        for w in windows
    )


def _describe_days(days: frozenset[int]) -> str:
    names = [name.capitalize() for name in DAY_NAMES]
    ordered = sorted(days)
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{names[ordered[0]]}-{names[ordered[-1]]}"
    return ",".join(names[day] for day in ordered)


class DailyProgress(NamedTuple):
    routine: str
    done: int
    times: int


def breaks(
    now: datetime,
    reminders: Reminders,
    events: Sequence[ReminderEvent],
    sessions_started: Sequence[datetime],
) -> list[Break]:
    """Each reminder sent in `events` with its outcome: what the person answered (started
    is taken), else a completed session started after it (taken too), else missed once the
    next reminder went out or `every` passed, else waiting."""
    ordered = sorted(events, key=lambda e: e.at)
    sent = [e for e in ordered if e.event is Event.SENT]
    found = []
    for index, reminder in enumerate(sent):
        until = sent[index + 1].at if index + 1 < len(sent) else None
        answers = [
            e
            for e in ordered
            if e.event is not Event.SENT and e.at >= reminder.at and (until is None or e.at < until)
        ]
        sessions = [
            s for s in sessions_started if s >= reminder.at and (until is None or s < until)
        ]
        found.append(_outcome(now, reminders, reminder, answers, sessions, until))
    return found


def _outcome(
    now: datetime,
    reminders: Reminders,
    reminder: ReminderEvent,
    answers: Sequence[ReminderEvent],
    sessions: Sequence[datetime],
    until: datetime | None,
) -> Break:
    if sessions:  # a session completed after the reminder, from it or not
        return Break(reminder.at, reminder.routine, "taken")
    if any(e.event is Event.STARTED for e in answers):
        return Break(reminder.at, reminder.routine, "stopped")  # started, not finished
    if answers:
        last = answers[-1]
        return Break(reminder.at, reminder.routine, last.event.value, last.reason)
    over = until is not None or now >= reminder.at + timedelta(seconds=reminders.every)
    return Break(reminder.at, reminder.routine, "missed" if over else "waiting")


def daily_progress(
    targets: Sequence[DailyTarget], completed_routines: Sequence[str]
) -> list[DailyProgress]:
    """Each daily routine's sessions completed today, of the times asked for."""
    return [
        DailyProgress(target.routine, completed_routines.count(target.routine), target.times)
        for target in targets
    ]


def status_line(
    now: datetime, due: datetime | None, on: bool, progress: Sequence[DailyProgress]
) -> str:
    """One short line for a status bar: "next break 14:00 · glute-medius 1/3 today"."""
    if not on:
        first = "reminders off"
    elif due is None:
        first = "no break ahead"
    elif due <= now:
        first = "break due now"
    else:
        first = f"next break {when(due, now)}"
    parts = [first, *(f"{p.routine} {p.done}/{p.times} today" for p in progress)]
    return " · ".join(parts)


def when(due: datetime, now: datetime) -> str:
    """A break's time as a person reads it: "now", "14:00", or "Mon 10:00" on another day."""
    if due <= now:
        return "now"
    due = due.astimezone(now.tzinfo)
    if due.date() == now.date():
        return f"{due:%H:%M}"
    return f"{due:%a %H:%M}" if due - now < timedelta(days=6) else f"{due:%a %d %b %H:%M}"


def breaks_by_day(
    now: datetime,
    reminders: Reminders,
    events: Sequence[ReminderEvent],
    sessions_started: Sequence[datetime],
) -> list[tuple[datetime, list[Break]]]:
    """The reminders of each day that has any, oldest first, each with its outcome (a
    day's last reminder unanswered at its end counts as missed): (midnight, breaks)."""
    days: dict[datetime, list[ReminderEvent]] = {}
    for happened in sorted(events, key=lambda e: e.at):
        days.setdefault(midnight(happened.at.astimezone(now.tzinfo)), []).append(happened)
    found = []
    for start, those in days.items():
        end = min(now, start + timedelta(days=1))
        started = [s for s in sessions_started if start <= s < end]
        found.append((start, breaks(end, reminders, those, started)))
    return found


_INTERVAL = re.compile(r"^(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+)s)?$")


def parse_interval(value: object, least: int, most: int) -> int:
    """Seconds from "60m", "1h", "1h30m", "90s" or a number of seconds, between `least`
    and `most`; ValueError says what is wrong in the person's units."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(f'expected a time like "60m" or "1h", got {value!r}')
    text = str(value).strip().lower()
    found = _INTERVAL.match(text) if text and not text.isdigit() else None
    if text.isdigit():
        seconds = int(text)
    elif found is None or not any(found.groups()):
        raise ValueError(f'expected a time like "60m" or "1h", got "{value}"')
    else:
        hours, minutes, secs = (int(part or 0) for part in found.groups())
        seconds = hours * 3600 + minutes * 60 + secs
    if not least <= seconds <= most:
        raise ValueError(f'"{value}" is not between {_spoken(least)} and {_spoken(most)}')
    return seconds


def _spoken(seconds: int) -> str:
    if seconds % 3600 == 0:
        hours = seconds // 3600
        return f"{hours} hour{'s' if hours != 1 else ''}"
    minutes = seconds // 60
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
