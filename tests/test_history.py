"""The SQLite session log: migrations, two writers, SIGKILL, and files it must never touch."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from stretchcli.storage import history
from stretchcli.storage.history import History, HistoryUnavailable
from stretchcli.storage.paths import history_path

START = datetime(2024, 5, 1, 7, 30, tzinfo=timezone.utc)


def _version(path: Path) -> int:
    with closing(sqlite3.connect(path)) as connection:
        return int(connection.execute("PRAGMA user_version").fetchone()[0])


def _tables(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {row[0] for row in rows}


def _record(
    store: History,
    started: datetime,
    outcome: str = "completed",
    muscles: dict[str, float] | None = None,
    routine: str = "glutes",
) -> int:
    session = store.start(routine, routine.title(), "beginner", 600, started)
    store.finish(
        session,
        started + timedelta(minutes=10),
        outcome,
        held_seconds=400.5,
        exercises_done=5,
        exercises_skipped=1,
        exercises_total=6,
        elapsed_seconds=590.25,
        muscle_seconds={"glutes": 300.0} if muscles is None else muscles,
    )
    return session


# -- where and how it opens -------------------------------------------------------


def test_the_file_lives_in_the_data_folder(stretch_home: Path) -> None:
    assert history_path() == stretch_home / "history.sqlite3"


def test_open_creates_the_folder_and_the_schema(stretch_home: Path) -> None:
    with History.open() as store:
        assert store.path == stretch_home / "history.sqlite3"
        assert store.sessions() == []
    path = history_path()
    assert _version(path) == len(history.MIGRATIONS) == 4
    assert {"sessions", "session_muscles", "session_exercises", "reminders"} <= _tables(path)
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_migrates_an_empty_file_from_version_0(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"")
    assert _version(path) == 0
    History.open(path).close()
    assert _version(path) == 4
    assert {"sessions", "session_muscles", "session_exercises", "reminders"} <= _tables(path)


def test_opening_again_does_not_migrate_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.sqlite3"
    with History.open(path) as store:
        _record(store, START)
    # A second migration that would show if it ran twice: one row per run.
    second = "CREATE TABLE runs (n INTEGER); INSERT INTO runs VALUES (1);"
    monkeypatch.setattr(history, "MIGRATIONS", (*history.MIGRATIONS, second))
    for _ in range(3):
        with History.open(path) as store:
            assert len(store.sessions()) == 1
    assert _version(path) == 5
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("SELECT count(*) FROM runs").fetchone()[0] == 1


def test_a_failing_migration_leaves_the_schema_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.sqlite3"
    with History.open(path) as store:
        _record(store, START)
    broken = "CREATE TABLE half (n INTEGER); INSERT INTO nowhere VALUES (1);"
    monkeypatch.setattr(history, "MIGRATIONS", (*history.MIGRATIONS, broken))
    with pytest.raises(HistoryUnavailable, match="no such table: nowhere"):
        History.open(path)
    assert _version(path) == 4
    assert "half" not in _tables(path)
    monkeypatch.undo()
    with History.open(path) as store:
        assert len(store.sessions()) == 1


def test_a_schema_from_a_newer_version_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    History.open(path).close()
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA user_version = 7")
    before = path.read_bytes()
    with pytest.raises(
        HistoryUnavailable, match=r"newer stretchcli \(schema 7; this one knows 4\)"
    ):
        History.open(path)
    assert path.read_bytes() == before


# -- files it must refuse, and never change --------------------------------------------


@pytest.mark.parametrize(
    "garbage",
    [
        b"this is not a database, just some text someone saved here\n" * 50,
        bytes(range(256)) * 16,
        # The right header with nonsense after it: SQLite itself must refuse it.
        b"SQLite format 3\x00" + b"\xff\x13" * 2000,
    ],
    ids=["text", "binary", "bad-pages"],
)
def test_a_corrupt_file_is_refused_and_left_exactly_as_it_was(
    stretch_home: Path, garbage: bytes
) -> None:
    stretch_home.mkdir()
    path = history_path()
    path.write_bytes(garbage)
    with pytest.raises(HistoryUnavailable) as raised:
        History.open()
    message = str(raised.value)
    assert "\n" not in message
    assert str(path) in message
    assert "move it away" in message
    assert path.read_bytes() == garbage
    assert sorted(p.name for p in stretch_home.iterdir()) == ["history.sqlite3"]


def test_a_folder_whose_parent_is_a_file_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be\n")
    path = blocker / "stretchcli" / "history.sqlite3"
    with pytest.raises(HistoryUnavailable, match="cannot create its folder") as raised:
        History.open(path)
    assert str(path) in str(raised.value)
    assert blocker.read_text() == "a file where a folder should be\n"


def test_a_folder_at_the_path_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.mkdir()
    with pytest.raises(HistoryUnavailable, match="folder, not a database"):
        History.open(path)


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="root (and Windows) ignore the mode"
)
def test_a_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(HistoryUnavailable):
            History.open(folder / "history.sqlite3")
    finally:
        folder.chmod(0o700)


def test_a_full_disk_while_finishing_keeps_the_started_row(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with History.open(path) as store:
        session = store.start("glutes", "Glutes", "beginner", 600, START)
        # SQLite's own page limit stands in for a full disk: the same error.
        (pages,) = store._connection.execute("PRAGMA page_count").fetchone()
        store._connection.execute(f"PRAGMA max_page_count = {pages}")
        many = {f"muscle number {n} " + "x" * 200: float(n) for n in range(200)}
        with pytest.raises(HistoryUnavailable, match="full") as raised:
            store.finish(
                session,
                START + timedelta(minutes=10),
                "completed",
                held_seconds=1.0,
                exercises_done=1,
                exercises_skipped=0,
                exercises_total=1,
                elapsed_seconds=1.0,
                muscle_seconds=many,
            )
        assert "\n" not in str(raised.value)
        # All or nothing: the ending was rolled back with the muscles.
        (row,) = store.sessions()
        assert row.outcome == "unfinished"
        assert row.muscle_seconds == {}


def test_start_turns_a_database_error_into_history_unavailable(tmp_path: Path) -> None:
    store = History.open(tmp_path / "history.sqlite3")
    store.close()
    with pytest.raises(HistoryUnavailable):
        store.start("glutes", "Glutes", "beginner", 600, START)


# -- what is recorded ------------------------------------------------------------------


def test_a_session_is_recorded_at_start_and_completed_at_the_end(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    local = timezone(timedelta(hours=2))
    with History.open(path) as store:
        session = store.start("glutes", "Glutes and hips", "intermediate", 610, START)
        (running,) = store.sessions()
        assert running.id == session
        assert running.outcome == "unfinished"
        assert running.ended_utc is None
        assert running.muscle_seconds == {}
        store.finish(
            session,
            datetime(2024, 5, 1, 9, 41, 5, 900, tzinfo=local),
            "quit",
            held_seconds=400.5,
            exercises_done=4,
            exercises_skipped=1,
            exercises_total=6,
            elapsed_seconds=655.25,
            muscle_seconds={"hamstrings": 30.5, "glutes": 120.0},
        )
    with History.open(path) as store:
        (done,) = store.sessions()
    assert done == history.SessionRecord(
        id=session,
        routine_id="glutes",
        routine_name="Glutes and hips",
        level="intermediate",
        started_utc=START,
        ended_utc=datetime(2024, 5, 1, 7, 41, 5, tzinfo=timezone.utc),
        planned_seconds=610,
        held_seconds=400.5,
        exercises_done=4,
        exercises_skipped=1,
        exercises_total=6,
        elapsed_seconds=655.25,
        outcome="quit",
        muscle_seconds={"glutes": 120.0, "hamstrings": 30.5},
    )
    with closing(sqlite3.connect(path)) as connection:
        stored = connection.execute("SELECT started_utc, ended_utc FROM sessions").fetchone()
    assert stored == ("2024-05-01T07:30:00Z", "2024-05-01T07:41:05Z")


@pytest.mark.parametrize("outcome", history.OUTCOMES)
def test_every_outcome_is_recorded(tmp_path: Path, outcome: str) -> None:
    with History.open(tmp_path / "history.sqlite3") as store:
        _record(store, START, outcome)
        assert [row.outcome for row in store.sessions()] == [outcome]


def _finish_empty(
    store: History, session: int, outcome: str, muscles: dict[str, float] | None = None
) -> None:
    """End `session` at START having done nothing."""
    store.finish(
        session,
        START,
        outcome,
        held_seconds=0,
        exercises_done=0,
        exercises_skipped=0,
        exercises_total=0,
        elapsed_seconds=0,
        muscle_seconds=muscles or {},
    )


def test_finish_refuses_an_unknown_outcome_and_naive_times(tmp_path: Path) -> None:
    with History.open(tmp_path / "history.sqlite3") as store:
        with pytest.raises(ValueError, match="time zone"):
            store.start("glutes", "Glutes", "beginner", 600, datetime(2024, 5, 1, 7, 30))
        session = store.start("glutes", "Glutes", "beginner", 600, START)
        with pytest.raises(ValueError, match="outcome must be one of"):
            _finish_empty(store, session, "unfinished")


def test_an_ending_once_recorded_is_never_overwritten(tmp_path: Path) -> None:
    with History.open(tmp_path / "history.sqlite3") as store:
        session = _record(store, START, "completed")
        with pytest.raises(HistoryUnavailable, match=f"no unfinished session {session}"):
            _finish_empty(store, session, "quit", {"calves": 1.0})
        with pytest.raises(HistoryUnavailable, match="no unfinished session 999"):
            _finish_empty(store, 999, "quit")
        (row,) = store.sessions()
        assert row.outcome == "completed"
        assert row.muscle_seconds == {"glutes": 300.0}


def test_sessions_newest_first_since_a_day_and_limited(tmp_path: Path) -> None:
    with History.open(tmp_path / "history.sqlite3") as store:
        ids = [
            _record(store, START + timedelta(days=day), muscles={"glutes": float(day)})
            for day in range(5)
        ]
        assert [row.id for row in store.sessions()] == ids[::-1]
        assert [row.id for row in store.sessions(limit=2)] == ids[:2:-1]
        assert store.sessions(limit=0) == []
        since = store.sessions(since=date(2024, 5, 3), tz=timezone.utc)
        assert [row.id for row in since] == ids[:1:-1]
        # Each session keeps its own muscles, also when limited.
        assert [row.muscle_seconds for row in store.sessions(limit=2)] == [
            {"glutes": 4.0},
            {"glutes": 3.0},
        ]
        with pytest.raises(ValueError, match="negative"):
            store.sessions(limit=-1)


def test_since_is_a_local_day(tmp_path: Path) -> None:
    with History.open(tmp_path / "history.sqlite3") as store:
        # 1 May 07:30 UTC is 1 May 20:30 at UTC+13.
        session = _record(store, START)
        east = timezone(timedelta(hours=13))
        west = timezone(timedelta(hours=-10))
        assert store.sessions(since=date(2024, 5, 1), tz=east) == store.sessions()
        assert store.sessions(since=date(2024, 5, 2), tz=east) == []
        # 1 May 07:30 UTC is 30 April 21:30 at UTC-10: on or after 30 April there.
        assert [row.id for row in store.sessions(since=date(2024, 4, 30), tz=west)] == [session]
        assert store.sessions(since=date(2024, 5, 1), tz=west) == []
        # An aware datetime is an exact moment.
        assert store.sessions(since=START + timedelta(seconds=1)) == []
        assert [row.id for row in store.sessions(since=START)] == [session]


# -- processes ------------------------------------------------------------------------

_WRITER = """
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from stretchcli.storage.history import History

path, routine, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
first = datetime(2024, 5, 1, tzinfo=timezone.utc)
with History.open(path) as store:
    print("ready", flush=True)
    sys.stdin.readline()  # both go at once
    for number in range(count):
        started = first + timedelta(minutes=number)
        session = store.start(routine, routine, "beginner", 60, started)
        store.finish(
            session, started + timedelta(seconds=61), "completed",
            held_seconds=50.0, exercises_done=1, exercises_skipped=0, exercises_total=1,
            elapsed_seconds=61.0, muscle_seconds={routine: float(number)},
        )
print("done", flush=True)
"""


def test_two_processes_recording_at_once_are_both_recorded(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    count = 100
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(path), routine, str(count)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for routine in ("left", "right")
    ]
    try:
        for writer in writers:
            assert writer.stdout is not None
            assert writer.stdout.readline() == "ready\n"
        outputs = [writer.communicate("go\n", timeout=120) for writer in writers]
    finally:
        for writer in writers:
            if writer.poll() is None:
                writer.kill()
                writer.wait()
    for writer, (out, err) in zip(writers, outputs, strict=True):
        assert (writer.returncode, out, err) == (0, "done\n", "")
    with History.open(path) as store:
        rows = store.sessions()
    assert len(rows) == 2 * count
    for routine in ("left", "right"):
        mine = [row for row in rows if row.routine_id == routine]
        assert len(mine) == count
        assert {row.outcome for row in mine} == {"completed"}
        assert sorted(row.muscle_seconds[routine] for row in mine) == [
            float(n) for n in range(count)
        ]


_OPENER = """
import sys
from datetime import datetime, timezone
from pathlib import Path
from stretchcli.storage.history import History

print("ready", flush=True)
sys.stdin.readline()  # every process opens the new file at once
with History.open(Path(sys.argv[1])) as store:
    started = datetime(2024, 5, 1, tzinfo=timezone.utc)
    session = store.start(sys.argv[2], "Glutes", "beginner", 60, started)
    store.finish(
        session, started, "completed", held_seconds=1.0, exercises_done=1,
        exercises_skipped=0, exercises_total=1, elapsed_seconds=1.0, muscle_seconds={},
    )
print("done", flush=True)
"""


@pytest.mark.parametrize("attempt", range(3))
def test_processes_opening_a_new_file_at_once_all_record(tmp_path: Path, attempt: int) -> None:
    # The first opens race to create the schema and switch to WAL mode.
    path = tmp_path / f"history-{attempt}.sqlite3"
    names = [f"opener-{n}" for n in range(6)]
    openers = [
        subprocess.Popen(
            [sys.executable, "-c", _OPENER, str(path), name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in names
    ]
    try:
        for opener in openers:
            assert opener.stdout is not None
            assert opener.stdout.readline() == "ready\n"
        for opener in openers:
            assert opener.stdin is not None
            opener.stdin.write("go\n")
            opener.stdin.flush()
        outputs = [opener.communicate(timeout=60) for opener in openers]
    finally:
        for opener in openers:
            if opener.poll() is None:
                opener.kill()
                opener.wait()
    assert [(o.returncode, out, err) for o, (out, err) in zip(openers, outputs, strict=True)] == [
        (0, "done\n", "")
    ] * len(names)
    with History.open(path) as store:
        assert sorted(row.routine_id for row in store.sessions()) == names
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


_KILLED = """
import sys, time
from datetime import datetime, timezone
from pathlib import Path
from stretchcli.storage.history import History

store = History.open(Path(sys.argv[1]))
started = datetime(2024, 5, 1, tzinfo=timezone.utc)
session = store.start("glutes", "Glutes", "beginner", 600, started)
print(session, flush=True)
time.sleep(120)  # mid-session, until killed
"""


@pytest.mark.skipif(sys.platform == "win32", reason="no SIGKILL on Windows")
def test_sigkill_mid_session_leaves_an_unfinished_row_and_a_readable_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    process = subprocess.Popen(
        [sys.executable, "-c", _KILLED, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        session = int(process.stdout.readline())
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()
    with History.open(path) as store:
        (row,) = store.sessions()
        assert (row.id, row.outcome, row.ended_utc) == (session, "unfinished", None)
        # Still writable: the next session is recorded beside it.
        _record(store, START + timedelta(days=1))
        assert [row.outcome for row in store.sessions()] == ["completed", "unfinished"]
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_importing_the_history_does_not_import_sqlite3() -> None:
    code = "import sys, stretchcli.storage.history; print('sqlite3' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "False\n"


def test_a_version_1_history_gains_the_exercise_rows_and_keeps_its_sessions(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    with closing(sqlite3.connect(path)) as connection:
        for statement in history._statements(history.MIGRATIONS[0]):
            connection.execute(statement)
        connection.execute("PRAGMA user_version = 1")
        connection.execute(
            "INSERT INTO sessions (routine_id, routine_name, level, started_utc, "
            "planned_seconds, outcome) VALUES ('glutes', 'Glutes', 'beginner', "
            "'2024-05-01T07:30:00Z', 600, 'completed')"
        )
        connection.commit()
    with History.open(path) as store:
        assert [record.routine_id for record in store.sessions()] == ["glutes"]
        assert store.exercises() == []
        assert store.reminder_events(datetime(2024, 1, 1, tzinfo=timezone.utc)) == []
    assert _version(path) == 4


def test_reminders_are_recorded_and_read_back_oldest_first(tmp_path: Path) -> None:
    from stretchcli.core.reminders import Event, ReminderEvent

    path = tmp_path / "history.sqlite3"
    sent = ReminderEvent(datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc), Event.SENT, "desk")
    skipped = ReminderEvent(sent.at + timedelta(minutes=2), Event.SKIPPED, "desk", "meeting")
    with History.open(path) as store:
        store.record_reminder(skipped)
        store.record_reminder(sent)
        assert store.reminder_events(sent.at) == [sent, skipped]
        assert store.reminder_events(skipped.at) == [skipped]
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("INSERT INTO reminders (at_utc, event, routine_id) "
                           "VALUES ('2026-11-23T10:00:00Z', 'exploded', 'desk')")  # fmt: skip
        connection.commit()
    with History.open(path) as store:
        assert store.reminder_events(sent.at) == [sent, skipped]  # the damaged row left out
        assert store.damaged == 1


def test_exercise_rows_are_read_back_and_damaged_ones_counted(tmp_path: Path) -> None:
    from stretchcli.core.model import ExerciseResult

    path = tmp_path / "history.sqlite3"
    results = [
        ExerciseResult("pigeon-pose", "both", 60.0, 60.0, True, True),
        ExerciseResult("twist", "both", 30.0, 0.0, False, False),  # never reached
        ExerciseResult("lunge", "right", 30.0, 4.5, True, False),
    ]
    with History.open(path) as store:
        session = store.start("r", "R", "beginner", 120, START)
        store.finish(
            session, START, "quit", held_seconds=64.5, exercises_done=1, exercises_skipped=1,
            exercises_total=3, elapsed_seconds=70.0, muscle_seconds={}, exercises=results,
        )  # fmt: skip
        rows = store.exercises()
        assert [(r.position, r.exercise_id, r.held_seconds, r.done) for r in rows] == [
            (1, "pigeon-pose", 60.0, True),
            (3, "lunge", 4.5, False),
        ]
        assert rows[0].started_utc == START
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("UPDATE session_exercises SET held_seconds = 'lots' WHERE position = 3")
        connection.commit()
    with History.open(path) as store:
        assert [r.exercise_id for r in store.exercises()] == ["pigeon-pose"]
        assert store.damaged == 1


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE sessions SET routine_name = CAST(x'ff41' AS TEXT) WHERE id = 1",
        "INSERT INTO session_muscles VALUES (1, CAST(x'ff' AS TEXT), 5)",
    ],
)
def test_text_that_is_not_utf8_damages_its_row_only(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "history.sqlite3"
    with History.open(path) as store:
        _record(store, START)
        _record(store, START + timedelta(days=1))
    with closing(sqlite3.connect(path)) as connection:
        connection.execute(damage)
        connection.commit()
    with History.open(path) as store:
        assert [record.id for record in store.sessions()] == [2]
        assert store.damaged == 1


def test_a_since_before_year_one_anywhere_is_every_session(tmp_path: Path) -> None:
    with History.open(tmp_path / "history.sqlite3") as store:
        _record(store, START)
        ahead = timezone(timedelta(hours=14))
        assert len(store.sessions(date(1, 1, 1), tz=ahead)) == 1
        assert len(store.sessions(limit=2**70)) == 1


def test_a_version_3_history_gains_ratings_and_keeps_its_exercise_rows(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with closing(sqlite3.connect(path)) as connection:
        for migration in history.MIGRATIONS[:3]:
            for statement in history._statements(migration):
                connection.execute(statement)
        connection.execute("PRAGMA user_version = 3")
        connection.execute(
            "INSERT INTO sessions (id, routine_id, routine_name, level, started_utc, "
            "planned_seconds, outcome) VALUES (1, 'glutes', 'Glutes', 'beginner', "
            "'2026-11-01T07:30:00Z', 600, 'completed')"
        )
        connection.execute(
            "INSERT INTO session_exercises VALUES (1, 1, 'pigeon-pose', 'both', 60, 60, 1)"
        )
        connection.commit()
    with History.open(path) as store:
        (old,) = store.exercises()
        assert (old.exercise_id, old.done, old.rating) == ("pigeon-pose", True, None)
    assert _version(path) == 4


def test_ratings_are_recorded_with_each_exercise_and_read_back(tmp_path: Path) -> None:
    from stretchcli.core.model import ExerciseResult, Outcome, Rating

    path = tmp_path / "history.sqlite3"
    results = (
        ExerciseResult("pigeon-pose", "both", 60, 60, True, True, Rating.TOO_MUCH),
        ExerciseResult("seated-figure-four", "both", 40, 40, True, True),
        ExerciseResult("standing-glute-stretch", "right", 40, 5, True, False, Rating.PAIN),
    )
    with History.open(path) as store:
        session = store.start("glutes", "Glutes", "beginner", 600, START)
        store.finish(
            session,
            START + timedelta(minutes=3),
            Outcome.COMPLETED,
            held_seconds=105,
            exercises_done=2,
            exercises_skipped=1,
            exercises_total=3,
            elapsed_seconds=180,
            muscle_seconds={},
            exercises=results,
        )
        ratings = [(record.exercise_id, record.rating) for record in store.exercises()]
    assert ratings == [
        ("pigeon-pose", Rating.TOO_MUCH),
        ("seated-figure-four", None),
        ("standing-glute-stretch", Rating.PAIN),
    ]
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("UPDATE session_exercises SET rating = 'meh' WHERE position = 2")
        connection.commit()
    with History.open(path) as store:
        assert [record.position for record in store.exercises()] == [1, 3]
        assert store.damaged == 1
