"""Sessions recorded by `stretch session`, shown by `stretch history`: nothing is ever lost.

Sped-up sessions are demos and are not recorded, so the sessions here run at real
speed, on a fake clock (the `fake_clock` fixture): each two-second plan takes no time.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from stretchcli.core.engine import Command
from stretchcli.core.model import Outcome
from tests.conftest import Result
from tests.fakes import FakeClock

pytestmark = pytest.mark.usefixtures("fake_clock")
Run = Callable[..., Result]
STRETCH = Path(sys.executable).parent / "stretch"
SHORT = ("pigeon-pose", "--hold", "1", "--prep", "0", "--sets", "1", "--switch", "0",
         "--no-sound")  # fmt: skip


def test_a_session_is_recorded_and_shown(run: Run, stretch_home: Path) -> None:
    assert (
        run("history").stdout
        == "No sessions recorded yet. Start one with: stretch session glutes\n"
    )
    assert not (stretch_home / "history.sqlite3").exists()  # looking created nothing
    assert run("session", *SHORT).exit_code == 0
    records = json.loads(run("history", "--json").stdout)
    assert len(records) == 1
    record = records[0]
    assert (record["routine_id"], record["outcome"], record["planned_seconds"]) == (
        "pigeon-pose", "completed", 2
    )  # fmt: skip
    assert (record["exercises_done"], record["exercises_total"]) == (1, 1)
    assert record["held_seconds"] > 1.5
    assert set(record["muscles"]) == {"glutes"}  # medius and maximus, one group
    shown = run("history").stdout
    assert "Current streak: 1 day" in shown
    assert "Pigeon" in shown
    csv = run("history", "--csv").stdout.splitlines()
    assert csv[0].split(",")[:3] == ["id", "routine_id", "routine_name"]
    assert csv[1].split(",")[1] == "pigeon-pose"


def test_sped_up_sessions_are_demos_and_not_recorded(run: Run) -> None:
    assert run("session", "pigeon-pose", "--speed", "500", "--no-sound").exit_code == 0
    assert json.loads(run("history", "--json").stdout) == []


def test_limit_since_and_one_export_at_a_time(run: Run) -> None:
    run("session", *SHORT)
    run("session", *SHORT)
    assert len(json.loads(run("history", "--json", "--limit", "1").stdout)) == 1
    assert json.loads(run("history", "--json", "--since", "2999-01-01").stdout) == []
    assert len(json.loads(run("history", "--json", "--since", "2000-01-01").stdout)) == 2
    both = run("history", "--json", "--csv")
    assert (both.exit_code, both.stderr) == (
        2, "stretch: error: --json and --csv print the same sessions: choose one\n"
    )  # fmt: skip
    bad = run("history", "--since", "yesterday")
    assert bad.exit_code == 2


def test_a_killed_session_stays_recorded_as_unfinished(run: Run, stretch_home: Path) -> None:
    env = dict(os.environ, STRETCHCLI_HOME=str(stretch_home))
    with subprocess.Popen(
        [str(STRETCH), "session", "glutes", "--no-sound"], stdout=subprocess.PIPE, env=env
    ) as process:
        assert process.stdout is not None
        assert process.stdout.readline().startswith(b"[00:00]")  # running, so recorded
        process.send_signal(signal.SIGKILL)
        process.wait(30)
    result = run("history", "--json")
    assert result.exit_code == 0
    (record,) = json.loads(result.stdout)
    assert (record["routine_id"], record["outcome"], record["ended_utc"]) == (
        "glutes", "unfinished", None
    )  # fmt: skip


def test_a_corrupt_history_is_left_alone_and_sessions_still_run(
    run: Run, stretch_home: Path
) -> None:
    stretch_home.mkdir(parents=True)
    database = stretch_home / "history.sqlite3"
    database.write_bytes(b"this is not a database\n" * 50)
    before = database.read_bytes()
    result = run("session", *SHORT)
    assert result.exit_code == 0
    assert "Session completed" in result.stdout
    warnings = result.stderr.splitlines()
    assert len(warnings) == 1
    assert warnings[0].startswith(f"stretch: warning: session history {database}: ")
    assert warnings[0].endswith("; history is off for this session")
    shown = run("history")
    assert shown.exit_code == 1
    assert shown.stderr.startswith(f"stretch: error: session history {database}: ")
    assert database.read_bytes() == before  # never deleted, truncated or rewritten


def test_each_exercise_reached_is_recorded_done_or_skipped(run: Run, fake_clock: FakeClock) -> None:
    # The warm-up (60 s), the first exercise held in full, then `s` 1 s into the second
    # and `q` 1 s into the third: done, skipped, skipped; the rest never reached.
    fake_clock.keys = [(69.0, Command.SKIP_EXERCISE), (70.5, Command.QUIT)]
    ended = run("session", "glutes", "--hold", "4", "--prep", "0", "--switch", "0",
                "--sets", "1", "--reps", "1", "--no-sound")  # fmt: skip
    assert ended.exit_code == 0  # q is a way to end, not a failure
    (session,) = json.loads(run("history", "--json").stdout)
    assert (session["exercises_done"], session["exercises_skipped"]) == (1, 2)
    rows = json.loads(run("history", "--json", "--exercises").stdout)
    assert [(r["position"], r["exercise_id"], r["sides"], r["done"]) for r in rows] == [
        (1, "standing-glute-stretch", "both", True),
        (2, "deep-lunge-glute-stretch", "right", False),  # the left side never came
        (3, "kneeling-side-bend", "right", False),
    ]
    assert [(r["planned_seconds"], r["held_seconds"]) for r in rows] == [
        (8.0, 8.0), (8.0, 1.0), (8.0, 1.5),
    ]  # fmt: skip
    assert {r["session_id"] for r in rows} == {session["id"]}
    csv = run("history", "--csv", "--exercises").stdout.splitlines()
    assert csv[0] == (
        "session_id,started_utc,routine_id,position,exercise_id,sides,planned_seconds,"
        "held_seconds,done,rating"
    )
    assert csv[3].endswith(",glutes,3,kneeling-side-bend,right,8,1.5,no,")
    table = run("history", "--exercises").stdout
    assert "standing-glute-stretch" in table
    assert "skipped" in table


def test_tapping_through_a_routine_does_not_count_for_the_streak(
    run: Run, fake_clock: FakeClock
) -> None:
    fake_clock.keys = [(0.2 * n, Command.NEXT) for n in range(1, 200)]
    ended = run("session", "glutes", "--no-sound")
    assert ended.exit_code == 0  # it did reach its end
    assert "Session quit" in ended.stdout
    (session,) = json.loads(run("history", "--json").stdout)
    assert session["outcome"] == "quit"
    assert session["exercises_done"] == 0
    assert "Current streak: 0 days" in run("history").stdout


def test_exported_seconds_are_rounded_to_a_tenth(run: Run) -> None:
    from datetime import datetime, timezone

    from stretchcli.core.model import ExerciseResult
    from stretchcli.storage.history import History

    with History.open() as store:
        started = datetime(2026, 11, 2, 8, tzinfo=timezone.utc)
        session = store.start("glutes", "Glutes", "beginner", 60, started)
        store.finish(
            session, started, Outcome.COMPLETED, held_seconds=29.999999, exercises_done=1,
            exercises_skipped=0, exercises_total=1, elapsed_seconds=61.04999,
            muscle_seconds={"glutes": 29.96},
            exercises=[ExerciseResult("pigeon-pose", "right", 30.0, 29.999999, True, True)],
        )  # fmt: skip
    (record,) = json.loads(run("history", "--json").stdout)
    assert (record["held_seconds"], record["elapsed_seconds"]) == (30.0, 61.0)
    assert record["muscles"] == {"glutes": 30.0}
    (row,) = json.loads(run("history", "--json", "--exercises").stdout)
    assert row["held_seconds"] == 30.0


def test_exercises_of_sessions_that_recorded_none_say_so(run: Run) -> None:
    assert run("history", "--exercises").stdout.startswith("No sessions recorded yet.")
    run("plan", "--for", "5m")  # reads the history, which leaves an empty one behind
    assert run("history", "--exercises").stdout.startswith("No sessions recorded yet.")
    run("session", *SHORT)
    assert run("history", "--exercises", "--since", "2099-01-01").stdout.startswith(
        "No exercises recorded for these sessions"
    )
