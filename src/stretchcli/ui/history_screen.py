"""`stretch history` on screen and for export: the table, the overview with its calendar, CSV, JSON.

Every view reads shading from characters, not only colour, so it also reads with
NO_COLOR and in a pipe.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta, tzinfo

from rich.console import Group, RenderableType
from rich.text import Text

from stretchcli.core import stats
from stretchcli.core.durations import format_clock, plural
from stretchcli.core.model import ExerciseRecord, Outcome, SessionRecord
from stretchcli.core.text import visible

from .grid import Grid

SHADES = "·░▒▓█"  # calendar levels 0 to 4
SHADE_STYLES = ("bright_black", "green", "green", "green", "green")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
TOP_MUSCLES = 6
BAR_WIDTH = 30
MUSCLE_WIDTH = 24  # longer names (from user routines) are clipped, so a line fits 80 columns
_LABEL_WIDTH = 4  # "Mon " before the calendar's cells
_CELL_WIDTH = 2  # a shade and a space


def history_table(records: Iterable[SessionRecord], tz: tzinfo | None = None) -> Grid:
    """Recent sessions, one a row, started times in `tz` (None: the system's local zone)."""
    rows = []
    for record in records:
        started = record.started_utc.astimezone(tz)
        ended = record.outcome != Outcome.UNFINISHED
        rows.append(
            (
                started.strftime("%Y-%m-%d"),
                started.strftime("%H:%M"),
                record.routine_name,
                record.level,
                record.outcome,
                format_clock(round(record.elapsed_seconds)) if ended else "-",
                format_clock(round(record.held_seconds)) if ended else "-",
                f"{record.exercises_done}/{record.exercises_total}" if ended else "-",
                str(record.exercises_skipped) if ended else "-",
            )
        )
    headers = (
        "date",
        "start",
        "routine",
        "level",
        "outcome",
        "stretched",
        "held",
        "done",
        "skipped",
    )
    return Grid(
        headers,
        rows,
        right_aligned=frozenset({5, 6, 7, 8}),
        keep_whole=frozenset({0, 1, 3, 4, 5, 6, 7, 8}),
        drop_first=(3, 8, 6),
    )


def exercises_table(records: Iterable[ExerciseRecord], tz: tzinfo | None = None) -> Grid:
    """Each exercise of the recent sessions: held against planned, done or skipped."""
    rows = [
        (
            record.started_utc.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
            record.routine_id,
            record.exercise_id,
            record.sides,
            format_clock(round(record.held_seconds)),
            format_clock(round(record.planned_seconds)),
            "done" if record.done else "skipped",
            record.rating.words if record.rating is not None else "",
        )
        for record in records
    ]
    headers = ("session", "routine", "exercise", "sides", "held", "planned", "result", "felt")
    return Grid(
        headers,
        rows,
        right_aligned=frozenset({4, 5}),
        keep_whole=frozenset({0, 3, 4, 5, 6, 7}),
        drop_first=(3, 1),
    )


def overview(records: Sequence[SessionRecord], today: date, tz: tzinfo | None) -> RenderableType:
    """Streaks, time this week and in 30 days, minutes per muscle, and the 12-week calendar."""
    current = stats.current_streak(records, today, tz)
    best = stats.best_streak(records, tz)
    week = stats.seconds_this_week(records, today, tz)
    month = stats.seconds_last_30_days(records, today, tz)
    parts: list[RenderableType] = [
        Text.assemble(
            ("Current streak: ", "bold"),
            plural(current, "day"),
            "   ",
            ("Best: ", "bold"),
            plural(best, "day"),
        ),
        Text.assemble(
            ("This week: ", "bold"),
            spoken_duration(week),
            "   ",
            ("Last 30 days: ", "bold"),
            spoken_duration(month),
        ),
    ]
    since = today - timedelta(days=stats.MONTH_DAYS - 1)
    muscles = stats.minutes_per_muscle(records, since, tz)[:TOP_MUSCLES]
    if muscles:
        parts += [Text(""), Text("Minutes per target muscle, last 30 days", style="bold")]
        parts += _muscle_bars(muscles)
    parts += [Text(""), Text("Last 12 weeks", style="bold"), heatmap(records, today, tz)]
    return Group(*parts)


def _muscle_bars(muscles: Sequence[tuple[str, float]]) -> list[Text]:
    """One line per muscle: its name, whole minutes, and a bar against the most."""
    if not muscles:
        return []
    names = [_clip(visible(muscle), MUSCLE_WIDTH) for muscle, _ in muscles]
    name_width = max(len(name) for name in names)
    most = max(minutes for _, minutes in muscles)
    lines = []
    for name, (_, minutes) in zip(names, muscles, strict=True):
        length = max(1, round(BAR_WIDTH * minutes / most)) if most > 0 else 0
        line = Text(f"  {name.ljust(name_width)}  {_whole_minutes(minutes):>4}  ")
        line.append("█" * length, style="green")
        lines.append(line)
    return lines


def heatmap(
    records: Iterable[SessionRecord], today: date, tz: tzinfo | None, weeks: int = 12
) -> Text:
    """The calendar: month labels, then Mon..Sun rows of shaded days, then what shades mean."""
    grid = stats.calendar(records, today, tz, weeks)
    lines = [_month_labels(grid[0])]
    for weekday, row in enumerate(grid):
        line = Text(WEEKDAYS[weekday].ljust(_LABEL_WIDTH))
        for column, day in enumerate(row):
            if column:
                line.append(" ")
            if day is None:
                line.append(" ")
            else:
                line.append(SHADES[day.level], style=SHADE_STYLES[day.level])
        lines.append(line)
    lines.append(_legend())
    for line in lines:
        line.rstrip()  # in place: no trailing blanks for the days still to come
    return Text("\n").join(lines)


def _legend() -> Text:
    """What each shade means: "· none  ░ <5  ▒ 5+  ▓ 10+  █ 20+ min"."""
    first = stats.LEVEL_MINUTES[0]
    meanings = ["none", f"<{first}", *(f"{minutes}+" for minutes in stats.LEVEL_MINUTES)]
    legend = Text(" " * _LABEL_WIDTH)
    for level, (shade, meaning) in enumerate(zip(SHADES, meanings, strict=True)):
        legend.append("  " if level else "")
        legend.append(shade, style=SHADE_STYLES[level])
        legend.append(f" {meaning}")
    legend.append(" min")
    return legend


def _month_labels(mondays: Sequence[stats.CalendarDay | None]) -> Text:
    """Each month's name above the first week that starts in it, as GitHub places them."""
    places: list[tuple[int, str]] = []
    previous = 0
    for column, day in enumerate(mondays):
        # Mondays are never after today: the current week has one too.
        month = day.day.month if day is not None else previous
        if month != previous:
            places.append((_LABEL_WIDTH + _CELL_WIDTH * column, MONTHS[month - 1]))
        previous = month
    # The first week's month gives way when the next month begins right after it.
    if len(places) > 1 and places[1][0] - places[0][0] < len(places[0][1]) + 1:
        places.pop(0)
    line = ""
    for position, name in places:
        line = line.ljust(position) + name
    return Text(line)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _whole_minutes(minutes: float) -> str:
    return "<1" if 0 < minutes < 0.5 else str(round(minutes))


def spoken_duration(seconds: float) -> str:
    """Time stretched as a person says it: "0 min", "under 1 min", "42 min", "3 h 05 min"."""
    minutes = round(seconds / 60)
    if seconds > 0 and minutes == 0:
        return "under 1 min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"


# -- export ---------------------------------------------------------------------
