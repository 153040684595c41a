"""`stretch history` views: the table, the overview and its heatmap at 80 columns, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta, timezone

import pytest
from rich.console import Console, RenderableType

from stretchcli.core.jsonout import FIELDS, records_csv, records_json
from stretchcli.core.model import ExerciseRecord, Rating, SessionRecord
from stretchcli.ui.grid import print_grid
from stretchcli.ui.history_screen import (
    SHADES,
    exercises_table,
    heatmap,
    history_table,
    overview,
    spoken_duration,
)

UTC = timezone.utc
WEST = timezone(timedelta(hours=-10))
TODAY = date(2024, 5, 15)  # a Wednesday


def record(
    started: datetime,
    outcome: str = "completed",
    elapsed: float = 600.0,
    muscles: dict[str, float] | None = None,
    session_id: int = 1,
    routine_name: str = "Glutes and hips",
) -> SessionRecord:
    finished = outcome != "unfinished"
    return SessionRecord(
        id=session_id,
        routine_id="glutes",
        routine_name=routine_name,
        level="intermediate",
        started_utc=started.astimezone(UTC),
        ended_utc=(started + timedelta(seconds=elapsed + 30)).astimezone(UTC) if finished else None,
        planned_seconds=630,
        held_seconds=412.5 if finished else 0.0,
        exercises_done=5 if finished else 0,
        exercises_skipped=1 if finished else 0,
        exercises_total=6 if finished else 0,
        elapsed_seconds=elapsed if finished else 0.0,
        outcome=outcome,
        muscle_seconds=muscles or {},
    )


def at(
    day: date,
    hour: int = 8,
    outcome: str = "completed",
    elapsed: float = 600.0,
    muscles: dict[str, float] | None = None,
) -> SessionRecord:
    """A session started on `day` at `hour` UTC."""
    started = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
    return record(started, outcome, elapsed, muscles)


def rendered(renderable: RenderableType, width: int = 80) -> str:
    out = io.StringIO()
    Console(file=out, width=width, color_system=None).print(renderable)
    return out.getvalue()


def a_week_of_sessions() -> list[SessionRecord]:
    records = [
        at(TODAY - timedelta(days=n), elapsed=300 + 60 * n, muscles={"glutes": 200.0 + n})
        for n in range(8)
    ]
    records.append(at(TODAY - timedelta(days=20), outcome="quit", muscles={"hamstrings": 90.0}))
    records.append(at(TODAY - timedelta(days=9), hour=6, elapsed=2400))
    return sorted(records, key=lambda r: r.started_utc, reverse=True)


# -- the table -------------------------------------------------------------------------


def test_history_table_in_local_time_with_every_column() -> None:
    late = record(datetime(2024, 5, 15, 5, 15, tzinfo=UTC), session_id=2)  # 14 May 19:15 at UTC-10
    running = record(datetime(2024, 5, 15, 9, 0, tzinfo=UTC), outcome="unfinished", session_id=3)
    grid = history_table([running, late], WEST)
    assert grid.headers == (
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
    same = ("Glutes and hips", "intermediate")
    assert grid.rows == [
        ("2024-05-14", "23:00", *same, "unfinished", "-", "-", "-", "-"),
        ("2024-05-14", "19:15", *same, "completed", "10:00", "06:52", "5/6", "1"),
    ]


def test_exercises_table_names_every_column() -> None:
    when = datetime(2024, 5, 15, 8, 0, tzinfo=UTC)
    rows = [
        ExerciseRecord(1, when, "glutes", 1, "pigeon-pose", "both", 60, 58.6, True, Rating.RIGHT),
        ExerciseRecord(1, when, "glutes", 2, "seated-figure-four", "right", 40, 3, False),
    ]
    grid = exercises_table(rows, UTC)
    assert all(grid.headers)  # a pipe's reader finds each column by its name
    assert grid.headers[6:] == ("result", "felt")
    assert [row[6:] for row in grid.rows] == [("done", "about right"), ("skipped", "")]


def test_history_table_prints_plain_columns_in_a_pipe() -> None:
    out = io.StringIO()
    console = Console(file=out, width=80, color_system=None)
    assert not console.is_terminal
    print_grid(console, history_table(a_week_of_sessions()[:3], UTC))
    lines = out.getvalue().splitlines()
    assert tuple(lines[0].split()) == history_table([]).headers
    assert lines[1].split()[:2] == ["2024-05-15", "08:00"]
    assert len(lines) == 4


def test_history_table_fits_80_columns_on_a_terminal() -> None:
    out = io.StringIO()
    console = Console(file=out, width=80, color_system=None, force_terminal=True)
    print_grid(console, history_table(a_week_of_sessions(), UTC))
    lines = out.getvalue().splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "2024-05-15" in out.getvalue()


# -- the overview and its heatmap ------------------------------------------------------


def _calendar_rows(text: str) -> dict[str, str]:
    names = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    return {line[:3]: line for line in text.splitlines() if line[:3] in names}


def test_overview_at_80_columns_shows_streaks_totals_muscles_and_the_calendar() -> None:
    text = rendered(overview(a_week_of_sessions(), TODAY, UTC))
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "\x1b" not in text
    assert "Current streak: 8 days" in text
    assert "Best: 8 days" in text
    # This week: Monday to Wednesday, 300 + 360 + 420 seconds.
    assert "This week: 18 min" in text
    # 30 days: 8 days of 300..720 s, the quit session's 600 s and the 40-minute one.
    assert "Last 30 days: 1 h 58 min" in text
    glutes = next(line for line in lines if "glutes" in line)
    assert glutes.split()[:2] == ["glutes", "27"]
    assert "█" in glutes
    assert "Last 12 weeks" in text
    assert len(_calendar_rows(text)) == 7


def test_the_heatmap_shows_today_in_the_last_column_and_nothing_after_it() -> None:
    text = rendered(heatmap(a_week_of_sessions(), TODAY, UTC))
    rows = _calendar_rows(text)
    today_column = 4 + 2 * 11
    # Wednesday 15 May: the last column; Thursday to Sunday are still to come.
    assert rows["Wed"][today_column] in SHADES[1:]
    for name in ("Thu", "Fri", "Sat", "Sun"):
        assert len(rows[name]) <= today_column
    assert rows["Mon"][today_column] in SHADES[1:]
    # Each row: the label and twelve cells (eleven for the days still to come).
    assert [len(line[4:].split()) for line in rows.values()] == [12, 12, 12, 11, 11, 11, 11]


def test_an_empty_day_today_shows_an_empty_cell() -> None:
    text = rendered(heatmap([at(TODAY - timedelta(days=1))], TODAY, UTC))
    rows = _calendar_rows(text)
    assert rows["Wed"][4 + 2 * 11] == SHADES[0]
    assert rows["Tue"][4 + 2 * 11] == SHADES[3]  # 10 minutes


def test_the_heatmap_reads_without_colour() -> None:
    text = rendered(heatmap(a_week_of_sessions(), TODAY, UTC))
    assert "\x1b" not in text
    cells = "".join(line[4:] for line in _calendar_rows(text).values())
    # The shading is in the characters, not only the colour.
    assert {char for char in cells if char in SHADES} == set(SHADES[0] + SHADES[2:])
    assert text.splitlines()[-1] == "    · none  ░ <5  ▒ 5+  ▓ 10+  █ 20+ min"


def test_month_labels_sit_above_the_first_week_of_each_month() -> None:
    text = rendered(heatmap([], TODAY, UTC))
    labels = text.splitlines()[0]
    # The first column is the week of Monday 26 February: March starts in the week after.
    assert labels.split() == ["Mar", "Apr", "May"]
    assert labels.index("Mar") == 4 + 2 * 1  # Monday 4 March
    assert labels.index("Apr") == 4 + 2 * 5  # Monday 1 April
    assert labels.index("May") == 4 + 2 * 10  # Monday 6 May


def test_the_first_month_keeps_its_label_when_there_is_room() -> None:
    labels = rendered(heatmap([], date(2024, 3, 20), UTC)).splitlines()[0]
    # The first column is Monday 1 January.
    assert labels.split() == ["Jan", "Feb", "Mar"]
    assert labels.index("Jan") == 4


def test_overview_of_an_empty_history() -> None:
    text = rendered(overview([], TODAY, UTC))
    assert "Current streak: 0 days" in text
    assert "This week: 0 min" in text
    assert "Minutes per target muscle" not in text
    rows = _calendar_rows(text)
    assert set(rows["Mon"][4:].split()) == {SHADES[0]}


def test_overview_fits_80_columns_with_long_muscle_names() -> None:
    muscles = {
        f"a very long muscle name, as a user routine may have, {n}": 60.0 * n for n in range(9)
    }
    text = rendered(overview([at(TODAY, muscles=muscles)], TODAY, UTC))
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "a very long muscle name…     8  ██████" in text


@pytest.mark.parametrize(
    ("seconds", "spoken"),
    [
        (0, "0 min"),
        (20, "under 1 min"),
        (30, "under 1 min"),
        (31, "1 min"),
        (42 * 60, "42 min"),
        (3 * 3600 + 5 * 60, "3 h 05 min"),
    ],
)
def test_spoken_duration(seconds: float, spoken: str) -> None:
    assert spoken_duration(seconds) == spoken


# -- export ----------------------------------------------------------------------------


def _exported() -> list[SessionRecord]:
    finished = record(
        datetime(2024, 5, 15, 9, 30, 5, tzinfo=timezone(timedelta(hours=2))),
        muscles={"hamstrings": 30.0, "glutes": 120.0},
        session_id=7,
        routine_name='Glutes, hips and "more"',
    )
    running = record(datetime(2024, 5, 15, 18, 0, tzinfo=UTC), "unfinished", session_id=8)
    return [running, finished]


def test_records_json_has_every_field_with_stable_names() -> None:
    rows = records_json(_exported())
    assert [tuple(row) for row in rows] == [FIELDS, FIELDS]
    assert rows[1] == {
        "id": 7,
        "routine_id": "glutes",
        "routine_name": 'Glutes, hips and "more"',
        "level": "intermediate",
        "started_utc": "2024-05-15T07:30:05Z",
        "ended_utc": "2024-05-15T07:40:35Z",
        "planned_seconds": 630,
        "held_seconds": 412.5,
        "exercises_done": 5,
        "exercises_skipped": 1,
        "exercises_total": 6,
        "elapsed_seconds": 600.0,
        "outcome": "completed",
        "muscles": {"glutes": 120.0, "hamstrings": 30.0},
    }
    assert rows[0]["ended_utc"] is None
    assert rows[0]["muscles"] == {}
    assert json.loads(json.dumps(rows)) == rows


def test_records_csv_has_every_field_and_muscles_in_one_column() -> None:
    text = records_csv(_exported())
    assert text.splitlines()[0] == ",".join(FIELDS)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[1] == {
        "id": "7",
        "routine_id": "glutes",
        "routine_name": 'Glutes, hips and "more"',
        "level": "intermediate",
        "started_utc": "2024-05-15T07:30:05Z",
        "ended_utc": "2024-05-15T07:40:35Z",
        "planned_seconds": "630",
        "held_seconds": "412.5",
        "exercises_done": "5",
        "exercises_skipped": "1",
        "exercises_total": "6",
        "elapsed_seconds": "600",
        "outcome": "completed",
        "muscles": "glutes=120;hamstrings=30",
    }
    assert (rows[0]["ended_utc"], rows[0]["outcome"], rows[0]["muscles"]) == ("", "unfinished", "")
    assert "\r" not in text


def test_records_csv_of_nothing_is_the_header() -> None:
    assert records_csv([]) == ",".join(FIELDS) + "\n"
