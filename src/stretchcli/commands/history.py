"""`stretch history`: streaks, time stretched, minutes per muscle, a calendar, the latest."""

from __future__ import annotations

from datetime import date

from stretchcli.core.durations import plural
from stretchcli.core.errors import ExitCode, UsageError
from stretchcli.core.jsonout import (
    exercise_records_csv,
    exercise_records_json,
    records_csv,
    records_json,
)
from stretchcli.core.model import ExerciseRecord, SessionRecord
from stretchcli.storage.history import History
from stretchcli.storage.paths import history_path, shown
from stretchcli.ui.output import Output

SHOWN_ON_SCREEN = 10  # sessions listed when neither --limit, --since nor an export says
NOTHING_YET = "No sessions recorded yet. Start one with: stretch session glutes"
NO_EXERCISES = (
    "No exercises recorded for these sessions (sessions before stretchcli recorded each "
    "exercise have none)"
)


def history(
    out: Output,
    since: date | None,
    limit: int | None,
    as_json: bool,
    as_csv: bool,
    by_exercise: bool = False,
) -> ExitCode:
    """Show the recorded sessions, or export them as JSON or CSV; `by_exercise`: their
    exercises, one row each."""
    if as_json and as_csv:
        raise UsageError("--json and --csv print the same sessions: choose one")
    exporting = as_json or as_csv
    recent = limit or (SHOWN_ON_SCREEN if not (exporting or since) else None)
    if by_exercise:
        return _exercises(out, since, recent, as_json, as_csv)
    everything, listed, damaged = _sessions(since, recent)
    warn_damaged(out, damaged, "session")
    if as_json:
        out.json(records_json(listed))
    elif as_csv:
        out.write(records_csv(listed))
    elif not everything:
        out.line(NOTHING_YET)
    else:
        from stretchcli.ui.history_screen import history_table, overview  # the screen alone

        out.show(overview(everything, date.today(), None))
        out.line()
        for line in _breaks_this_week(out, everything):
            out.line(line)
        out.show(history_table(listed))
    return ExitCode.OK


def _breaks_this_week(out: Output, sessions: list[SessionRecord]) -> list[str]:
    """Movement breaks of the last 7 days, a line a day: "Mon 23 Nov  3 taken of 5 (1
    skipped, 1 missed)"; nothing when no reminder was sent."""
    from datetime import datetime, timedelta

    from stretchcli.core.model import Outcome
    from stretchcli.core.reminders import Reminders, breaks_by_day, tally

    from . import loading

    now = datetime.now().astimezone()
    with History.open() as store:
        events = store.reminder_events(now - timedelta(days=7))
    if not events:
        return []
    reminders = loading.defaults(out).reminders or Reminders()
    started = [s.started_utc for s in sessions if s.outcome == Outcome.COMPLETED]
    lines = ["Movement breaks, last 7 days:"]
    for midnight, found in breaks_by_day(now, reminders, events, started):
        counts = tally(found)
        taken = counts.pop("taken", 0)
        others = [f"{n} {outcome}" for outcome, n in counts.items()]
        rest = f" ({', '.join(others)})" if others else ""
        lines.append(f"  {midnight:%a %d %b}  {taken} taken of {len(found)}{rest}")
    return [*lines, ""]


def _exercises(
    out: Output, since: date | None, limit: int | None, as_json: bool, as_csv: bool
) -> ExitCode:
    """The exercises of the sessions picked, exported or as a table."""
    records: list[ExerciseRecord] = []
    any_session = False  # the history may exist with nothing in it (a plan read it)
    path = history_path()
    if path.exists() or path.is_symlink():
        with History.open() as store:
            records = store.exercises(since, limit)
            warn_damaged(out, store.damaged, "exercise row")
            any_session = bool(records) or bool(store.sessions(limit=1))
    if as_json:
        out.json(exercise_records_json(records))
    elif as_csv:
        out.write(exercise_records_csv(records))
    elif not records:
        out.line(NO_EXERCISES if any_session else NOTHING_YET)
    else:
        from stretchcli.ui.history_screen import exercises_table

        out.show(exercises_table(records))
    return ExitCode.OK


def warn_damaged(out: Output, count: int, what: str) -> None:
    if count:
        out.warn(
            f"stretch: warning: session history {shown(history_path())}: "
            f"{plural(count, what)} with damaged values left out"
        )


def _sessions(
    since: date | None, limit: int | None
) -> tuple[list[SessionRecord], list[SessionRecord], int]:
    """Every session (the streaks need all), those asked for, and how many rows are damaged.

    Looking creates no file.
    """
    path = history_path()
    if not path.exists() and not path.is_symlink():  # a dangling or looping link is trouble
        return [], [], 0
    with History.open() as store:
        everything = store.sessions()
        damaged = store.damaged
        return everything, store.sessions(since, limit), damaged
