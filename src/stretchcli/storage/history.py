"""The session log in SQLite: a row written when a session starts, updated when it ends.

The only module that imports sqlite3, and only inside functions, so commands
that never touch the history do not pay for it. Time comes in as parameters.

Nothing here ever deletes, truncates or replaces the database file: a file that
is not a database, or a schema from a newer stretchcli, raises HistoryUnavailable
and is left exactly as it was.
"""

from __future__ import annotations

import math
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime, time, timezone, tzinfo
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from stretchcli.core.durations import utc_text
from stretchcli.core.errors import StretchError, os_reason
from stretchcli.core.model import (
    ExerciseRecord,
    ExerciseResult,
    Outcome,
    Rating,
    SessionRecord,
)
from stretchcli.core.reminders import Event, ReminderEvent

from .paths import history_path

if TYPE_CHECKING:
    import sqlite3

# Long enough for another session's commit (milliseconds) to finish first.
BUSY_TIMEOUT_SECONDS = 5.0
# A session about to start waits this long at most for another stretch holding the history,
# then runs unrecorded (with a warning) rather than keep a person waiting on the mat.
START_WAIT_SECONDS = 0.25
# How a recorded session can end; until it does, its row says Outcome.UNFINISHED.
OUTCOMES = tuple(outcome for outcome in Outcome if outcome is not Outcome.UNFINISHED)

_SQLITE_HEADER = b"SQLite format 3\x00"
_MOVE_AWAY = "left as it is; move it away to start a new history"

# Forward migrations: MIGRATIONS[n] takes the schema from version n to n + 1
# (`PRAGMA user_version`). Append new ones; never edit one that has shipped.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        routine_id TEXT NOT NULL,
        routine_name TEXT NOT NULL,
        level TEXT NOT NULL,
        started_utc TEXT NOT NULL,
        ended_utc TEXT,
        planned_seconds INTEGER NOT NULL,
        held_seconds REAL NOT NULL DEFAULT 0,
        exercises_done INTEGER NOT NULL DEFAULT 0,
        exercises_skipped INTEGER NOT NULL DEFAULT 0,
        exercises_total INTEGER NOT NULL DEFAULT 0,
        elapsed_seconds REAL NOT NULL DEFAULT 0,
        outcome TEXT NOT NULL DEFAULT 'unfinished'
    );
    CREATE INDEX sessions_by_start ON sessions (started_utc);
    CREATE TABLE session_muscles (
        session_id INTEGER NOT NULL REFERENCES sessions (id),
        muscle TEXT NOT NULL,
        seconds REAL NOT NULL,
        PRIMARY KEY (session_id, muscle)
    );
    """,
    """
    CREATE TABLE session_exercises (
        session_id INTEGER NOT NULL REFERENCES sessions (id),
        position INTEGER NOT NULL,
        exercise_id TEXT NOT NULL,
        sides TEXT NOT NULL,
        planned_seconds REAL NOT NULL,
        held_seconds REAL NOT NULL,
        done INTEGER NOT NULL,
        PRIMARY KEY (session_id, position)
    );
    """,
    """
    CREATE TABLE reminders (
        id INTEGER PRIMARY KEY,
        at_utc TEXT NOT NULL,
        event TEXT NOT NULL,
        routine_id TEXT NOT NULL,
        reason TEXT
    );
    CREATE INDEX reminders_by_time ON reminders (at_utc);
    """,
    # The check-in after each exercise: easy, about-right, too-much, pain; NULL when none.
    """
    ALTER TABLE session_exercises ADD COLUMN rating TEXT;
    """,
)

_COLUMNS = (
    "id, routine_id, routine_name, level, started_utc, ended_utc, planned_seconds, "
    "held_seconds, exercises_done, exercises_skipped, exercises_total, elapsed_seconds, outcome"
)
# The sessions a query picks: started on or after a moment, newest first, at most a number.
_PICKED = "WHERE started_utc >= ? ORDER BY started_utc DESC, id DESC LIMIT ?"

_T = TypeVar("_T")


class HistoryUnavailable(StretchError):
    """The history cannot be opened, created, migrated or written; the message is one line."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"session history {path}: {reason}")


class History:
    """An open session history; use `History.open()`, and close it (or use `with`)."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._connection = connection
        self.path = path
        self.damaged = 0  # rows the last sessions() left out as unreadable

    @classmethod
    def open(cls, path: Path | None = None, *, wait: float = BUSY_TIMEOUT_SECONDS) -> History:
        """Open (creating and migrating when needed) the history at `path` or history_path().

        `wait`: how long to wait for another process holding the file, at most.
        """
        import sqlite3

        path = history_path() if path is None else path
        _check_file(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise HistoryUnavailable(
                path, f"cannot create its folder: {os_reason(error)}"
            ) from error
        try:
            connection = sqlite3.connect(path, timeout=wait, isolation_level=None)
        except sqlite3.Error as error:
            raise HistoryUnavailable(path, _reason(error)) from error
        connection.text_factory = _decode
        try:
            _prepare(connection, path, wait)
        except sqlite3.Error as error:
            connection.close()
            raise HistoryUnavailable(path, _reason(error)) from error
        except BaseException:
            connection.close()
            raise
        return cls(connection, path)

    def wait_for_others(self, seconds: float) -> None:
        """From now on, wait up to `seconds` for another process holding the file."""
        _wait_for_others(self._connection, seconds)

    def start(
        self,
        routine_id: str,
        routine_name: str,
        level: str,
        planned_seconds: int,
        started: datetime,
    ) -> int:
        """Record a session as it starts (outcome "unfinished"), committed; return its id."""
        row = (routine_id, routine_name, level, utc_text(started), planned_seconds)

        def insert(connection: sqlite3.Connection) -> int:
            cursor = connection.execute(
                "INSERT INTO sessions (routine_id, routine_name, level, started_utc, "
                "planned_seconds) VALUES (?, ?, ?, ?, ?)",
                row,
            )
            if cursor.lastrowid is None:
                raise HistoryUnavailable(self.path, "the new session got no id")
            return cursor.lastrowid

        return self._write(insert)

    def finish(
        self,
        session_id: int,
        ended: datetime,
        outcome: Outcome,
        *,
        held_seconds: float,
        exercises_done: int,
        exercises_skipped: int,
        exercises_total: int,
        elapsed_seconds: float,
        muscle_seconds: Mapping[str, float],
        exercises: Sequence[ExerciseResult] = (),
    ) -> None:
        """Record how session `session_id` ended, with its seconds held per target muscle
        and what became of each exercise it reached (done or skipped; `position` is the
        exercise's place in the plan, so one never reached leaves a gap)."""
        if outcome not in OUTCOMES:
            endings = ", ".join(ending.value for ending in OUTCOMES)
            raise ValueError(f"outcome must be one of {endings}, got {outcome!r}")
        values = (
            utc_text(ended),
            Outcome(outcome).value,
            float(held_seconds),
            exercises_done,
            exercises_skipped,
            exercises_total,
            float(elapsed_seconds),
            session_id,
            Outcome.UNFINISHED.value,
        )
        muscles = [
            (session_id, muscle, float(seconds)) for muscle, seconds in muscle_seconds.items()
        ]
        exercise_rows = [
            (session_id, position, result.exercise, result.sides,
             float(result.planned_seconds), float(result.held_seconds), int(result.done),
             None if result.rating is None else result.rating.value)
            for position, result in enumerate(exercises, start=1)
            if result.reached
        ]  # fmt: skip

        def update(connection: sqlite3.Connection) -> None:
            cursor = connection.execute(
                "UPDATE sessions SET ended_utc = ?, outcome = ?, held_seconds = ?, "
                "exercises_done = ?, exercises_skipped = ?, exercises_total = ?, "
                "elapsed_seconds = ? WHERE id = ? AND outcome = ?",
                values,
            )
            if cursor.rowcount != 1:
                # Never overwrite an ending already recorded.
                raise HistoryUnavailable(self.path, f"no unfinished session {session_id} to finish")
            connection.executemany(
                "INSERT INTO session_muscles (session_id, muscle, seconds) VALUES (?, ?, ?)",
                muscles,
            )
            connection.executemany(
                "INSERT INTO session_exercises (session_id, position, exercise_id, sides, "
                "planned_seconds, held_seconds, done, rating) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                exercise_rows,
            )

        self._write(update)

    def sessions(
        self,
        since: date | None = None,
        limit: int | None = None,
        *,
        tz: tzinfo | None = None,
    ) -> list[SessionRecord]:
        """Recorded sessions, newest first: those started on or after `since`, at most `limit`.

        A date `since` is a day in `tz` (None: the system's local time zone); an aware
        datetime is taken as the exact moment.
        """
        import sqlite3

        parameters = _picked(since, limit, tz)
        connection = self._connection
        try:
            # One read transaction: both queries see the same snapshot.
            with _transaction(connection, "BEGIN"):
                rows = connection.execute(
                    f"SELECT {_COLUMNS} FROM sessions {_PICKED}", parameters
                ).fetchall()
                muscle_rows = connection.execute(
                    "SELECT session_id, muscle, seconds FROM session_muscles "
                    f"WHERE session_id IN (SELECT id FROM sessions {_PICKED}) "
                    "ORDER BY session_id, seconds DESC, muscle",
                    parameters,
                ).fetchall()
        except sqlite3.Error as error:
            raise HistoryUnavailable(self.path, _reason(error)) from error
        muscles: dict[object, dict[object, object]] = {}
        for session_id, muscle, seconds in muscle_rows:
            muscles.setdefault(session_id, {})[muscle] = seconds
        return self._readable(rows, lambda row: _session_record(row, muscles.get(row[0], {})))

    def exercises(
        self,
        since: date | None = None,
        limit: int | None = None,
        *,
        tz: tzinfo | None = None,
    ) -> list[ExerciseRecord]:
        """The exercises of the sessions `sessions(since, limit)` picks, newest session first,
        each session's in order. Damaged rows are left out and counted in `damaged`."""
        import sqlite3

        parameters = _picked(since, limit, tz)
        try:
            rows = self._connection.execute(
                "SELECT e.session_id, s.started_utc, s.routine_id, e.position, e.exercise_id, "
                "e.sides, e.planned_seconds, e.held_seconds, e.done, e.rating "
                "FROM session_exercises e JOIN sessions s ON s.id = e.session_id "
                f"WHERE e.session_id IN (SELECT id FROM sessions {_PICKED}) "
                "ORDER BY s.started_utc DESC, s.id DESC, e.position",
                parameters,
            ).fetchall()
        except sqlite3.Error as error:
            raise HistoryUnavailable(self.path, _reason(error)) from error
        return self._readable(rows, _exercise_record)

    def _readable(
        self, rows: Iterable[Sequence[Any]], read: Callable[[Sequence[Any]], _T]
    ) -> list[_T]:
        """`rows` read into records; a row no stretch wrote (edited by hand, a damaged
        disk) is left out and counted in `damaged`."""
        records = []
        self.damaged = 0
        for row in rows:
            try:
                records.append(read(row))
            except (ValueError, TypeError, OverflowError):
                self.damaged += 1
        return records

    def close(self) -> None:
        """Close the database; closing twice is harmless."""
        self._connection.close()

    def __enter__(self) -> History:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def record_reminder(self, happened: ReminderEvent) -> None:
        """Record what became of a reminder (sent, started, snoozed, skipped, missed)."""
        row = (utc_text(happened.at), happened.event.value, happened.routine, happened.reason)

        def insert(connection: sqlite3.Connection) -> None:
            connection.execute(
                "INSERT INTO reminders (at_utc, event, routine_id, reason) VALUES (?, ?, ?, ?)",
                row,
            )

        self._write(insert)

    def reminder_events(self, since: datetime) -> list[ReminderEvent]:
        """The reminders recorded at or after the moment `since`, oldest first; a damaged
        row is left out and counted in `damaged`."""
        import sqlite3

        try:
            rows = self._connection.execute(
                "SELECT at_utc, event, routine_id, reason FROM reminders WHERE at_utc >= ? "
                "ORDER BY at_utc, id",
                (utc_text(since),),
            ).fetchall()
        except sqlite3.Error as error:
            raise HistoryUnavailable(self.path, _reason(error)) from error
        return self._readable(rows, _reminder_event)

    def _write(self, action: Callable[[sqlite3.Connection], _T]) -> _T:
        """Run `action` in one immediate transaction; any sqlite3 error is HistoryUnavailable."""
        import sqlite3

        try:
            with _transaction(self._connection, "BEGIN IMMEDIATE"):
                return action(self._connection)
        except sqlite3.Error as error:
            raise HistoryUnavailable(self.path, _reason(error)) from error


def _session_record(row: Sequence[Any], muscles: dict[object, object]) -> SessionRecord:
    """One row as a record; ValueError (or TypeError, OverflowError) for a damaged one."""
    ended = row[5]
    return SessionRecord(
        id=_whole(row[0]),
        routine_id=_text(row[1]),
        routine_name=_text(row[2]),
        level=_text(row[3]),
        started_utc=_parse_utc(row[4]),
        ended_utc=None if ended is None else _parse_utc(ended),
        planned_seconds=_whole(row[6]),
        held_seconds=_seconds(row[7]),
        exercises_done=_whole(row[8]),
        exercises_skipped=_whole(row[9]),
        exercises_total=_whole(row[10]),
        elapsed_seconds=_seconds(row[11]),
        outcome=_text(row[12]),
        muscle_seconds={_text(muscle): _seconds(sec) for muscle, sec in muscles.items()},
    )


def _picked(since: date | None, limit: int | None, tz: tzinfo | None) -> tuple[str, int]:
    """The parameters of _PICKED: the first moment, and the limit (-1: none, to SQLite)."""
    if limit is not None and limit < 0:
        raise ValueError(f"limit cannot be negative, got {limit}")
    boundary = ""
    if since is not None:
        try:
            boundary = utc_text(_day_start(since, tz))
        except (ValueError, OverflowError):  # before year 1 in UTC: every session is later
            boundary = ""
    # SQLite's integers end at 2**63 - 1; no history holds that many sessions.
    return boundary, -1 if limit is None else min(limit, 2**62)


def _reminder_event(row: Sequence[Any]) -> ReminderEvent:
    at, event, routine, reason = row
    return ReminderEvent(
        _parse_utc(at),
        Event(_text(event)),
        _text(routine),
        None if reason is None else _text(reason),
    )


def _exercise_record(row: Sequence[Any]) -> ExerciseRecord:
    """One row of session_exercises as a record; ValueError for a damaged one."""
    if row[8] not in (0, 1):
        raise ValueError(f"not a yes or no: {row[8]!r}")
    return ExerciseRecord(
        session_id=_whole(row[0]),
        started_utc=_parse_utc(row[1]),
        routine_id=_text(row[2]),
        position=_whole(row[3]),
        exercise_id=_text(row[4]),
        sides=_text(row[5]),
        planned_seconds=_seconds(row[6]),
        held_seconds=_seconds(row[7]),
        done=bool(row[8]),
        rating=None if row[9] is None else Rating(_text(row[9])),
    )


# No session lasts a week (one lasts at most a day, and pauses do not count): more is damage.
_MOST_SECONDS = 7 * 24 * 3600


class _Undecodable(str):
    """Text in the file that is not UTF-8 (no stretch wrote it): its row is damaged."""


def _decode(data: bytes) -> str:
    """sqlite3's text factory: one bad row must not make every query fail."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _Undecodable(data.decode("utf-8", "replace"))


def _text(value: object) -> str:
    """Text as stored; text that was not UTF-8, or no text at all, is a damaged row."""
    if not isinstance(value, str) or isinstance(value, _Undecodable):
        raise ValueError(f"not text: {value!r}")
    return value


def _whole(value: object) -> int:
    """A count as stored: an integer, never text or a fraction."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"not a count: {value!r}")
    return value


def _seconds(value: object) -> float:
    """Seconds as stored: a finite number, not below zero."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"not a number of seconds: {value!r}")
    if not math.isfinite(value) or not 0 <= value <= _MOST_SECONDS:
        raise ValueError(f"not a number of seconds: {value!r}")
    return float(value)


def _parse_utc(text: object) -> datetime:
    """A stored time; one that cannot be read, or shown in local time, is a damaged row."""
    moment = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    moment = moment.astimezone(timezone.utc)
    moment.astimezone()  # raises OverflowError for times no local clock can show (year 1)
    return moment


def _wait_for_others(connection: sqlite3.Connection, seconds: float) -> None:
    connection.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")


def _check_file(path: Path) -> None:
    """Refuse, before SQLite opens it, anything at `path` that is not a SQLite database."""
    try:
        if not path.exists():
            return
        if path.is_dir():
            raise HistoryUnavailable(path, "this is a folder, not a database file")
        # A FIFO or a device would block the read below (or SQLite) for ever.
        if not stat.S_ISREG(path.stat().st_mode):
            raise HistoryUnavailable(path, f"not a regular file ({_MOVE_AWAY})")
        with path.open("rb") as file:
            header = file.read(len(_SQLITE_HEADER))
    except OSError as error:
        raise HistoryUnavailable(path, f"cannot read it: {os_reason(error)}") from error
    # An empty file is an empty database to SQLite; anything else must say it is one.
    if header and header != _SQLITE_HEADER:
        raise HistoryUnavailable(path, f"not a SQLite database ({_MOVE_AWAY})")


def _prepare(connection: sqlite3.Connection, path: Path, wait: float) -> None:
    """Busy timeout, foreign keys, WAL mode, and every migration still to apply."""
    _wait_for_others(connection, wait)
    connection.execute("PRAGMA foreign_keys = ON")
    _use_wal(connection)
    _migrate(connection, path)


def _use_wal(connection: sqlite3.Connection) -> None:
    """Switch the file to WAL mode (it stays so), unless another process is switching it now."""
    import sqlite3

    (mode,) = connection.execute("PRAGMA journal_mode").fetchone()
    if str(mode).lower() == "wal":
        return
    try:
        # Readers never block the writer, and a session ending waits for the other's commit.
        connection.execute("PRAGMA journal_mode = WAL")
    except sqlite3.OperationalError as error:
        # While another process sets up the same new file, the switch can fail at once
        # with "locked", busy timeout or not; that process switches it. Writers are
        # safe in either mode (BEGIN IMMEDIATE waits for the busy timeout).
        if "locked" not in str(error):
            raise


def _user_version(connection: sqlite3.Connection) -> int:
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    return int(version)


def _migrate(connection: sqlite3.Connection, path: Path) -> None:
    """Apply the migrations after the file's `user_version`, all in one transaction."""
    target = len(MIGRATIONS)
    version = _user_version(connection)
    if version == target:
        return
    if version > target:
        raise HistoryUnavailable(
            path, f"written by a newer stretchcli (schema {version}; this one knows {target})"
        )
    with _transaction(connection, "BEGIN IMMEDIATE"):
        # Another process may have migrated while this one waited for the lock.
        for number in range(_user_version(connection), target):
            for statement in _statements(MIGRATIONS[number]):
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {number + 1}")


@contextmanager
def _transaction(connection: sqlite3.Connection, begin: str) -> Iterator[None]:
    """Commit what the block did, or roll all of it back.

    Writers begin IMMEDIATE: the write lock is taken up front, so a busy database
    waits (the busy timeout) instead of failing half-way through.
    """
    connection.execute(begin)
    try:
        yield
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


def _statements(script: str) -> list[str]:
    """The statements of an SQL script, one by one.

    executescript() would commit first, so a failing migration could leave half a schema.
    """
    import sqlite3

    statements: list[str] = []
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \t\r\n;"):
                statements.append(pending.strip())
            pending = ""
    if pending.strip(" \t\r\n;"):
        statements.append(pending.strip())
    return statements


def _day_start(since: date, tz: tzinfo | None) -> datetime:
    """The moment `since` begins: an aware datetime as is, a day at midnight in `tz`."""
    if isinstance(since, datetime):
        if since.tzinfo is not None:
            return since
        naive = since
    else:
        naive = datetime.combine(since, time())
    # astimezone() on a naive datetime reads it as the system's local time.
    return naive.replace(tzinfo=tz) if tz is not None else naive.astimezone()


def _reason(error: Exception) -> str:
    """sqlite3's message, with what to do when the file itself is broken."""
    reason = str(error) or type(error).__name__
    if "not a database" in reason or "malformed" in reason:
        return f"{reason} ({_MOVE_AWAY})"
    return reason
