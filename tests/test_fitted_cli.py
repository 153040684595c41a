"""`--for`, check-ins in the history, progression and `stretch progress`, end to end."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from stretchcli.core.model import ExerciseResult, Outcome, Rating
from stretchcli.storage.history import History
from stretchcli.storage.paths import history_path
from tests.conftest import Result
from tests.fakes import FakeClock

Run = Callable[..., Result]
E, R, T, P = Rating.EASY, Rating.RIGHT, Rating.TOO_MUCH, Rating.PAIN


def rated_session(when: datetime, ratings: Sequence[tuple[str, Rating]]) -> None:
    """One recorded session of upper-glutes: an exercise row for each (exercise, rating)."""
    rows = tuple(ExerciseResult(e, "both", 40, 40, True, True, rating) for e, rating in ratings)
    with History.open(history_path()) as store:
        session = store.start("upper-glutes", "Upper Glutes", "beginner", 240, when)
        store.finish(
            session,
            when + timedelta(minutes=4),
            Outcome.COMPLETED,
            held_seconds=40 * len(rows),
            exercises_done=len(rows),
            exercises_skipped=0,
            exercises_total=len(rows),
            elapsed_seconds=240,
            muscle_seconds={},
            exercises=rows,
        )


def rated_sessions(ratings: Sequence[tuple[str, Rating]], days_ago: int) -> None:
    """One recorded session a day, ending yesterday: each (exercise, rating) its own."""
    start = datetime.now(timezone.utc) - timedelta(days=days_ago)
    for day, rated in enumerate(ratings):
        rated_session(start + timedelta(days=day), [rated])


def write_config(home: Path, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.yaml").write_text(text)


def test_plan_for_ten_minutes_at_the_desk_from_the_built_in_library(run: Run) -> None:
    result = run("plan", "--for", "10m", "--focus", "hips", "--desk", "--json")
    assert result.exit_code == 0
    plan = json.loads(result.stdout)
    assert plan["routine"] == "for-10m-hips-desk"
    assert 540 <= plan["total_seconds"] <= 660
    assert plan["steps"][0]["kind"] == "timer"  # the warm-up
    again = json.loads(run("plan", "--for", "10m", "--focus", "hips", "--desk", "--json").stdout)
    assert again == plan  # the same day, the same session


def test_a_seed_picks_the_session(run: Run) -> None:
    plans = {
        run("plan", "--for", "10m", "--focus", "glutes", "--seed", str(seed), "--json").stdout
        for seed in range(6)
    }
    assert len(plans) > 1


def test_nothing_fits_is_one_line_and_exit_1(run: Run) -> None:
    result = run("session", "--for", "10m", "--focus", "calves", "--desk")
    assert result.exit_code == 1
    assert result.stderr == (
        "stretch: error: nothing fits --focus calves: no exercise in your library works "
        "calves (stretch import free-exercise-db adds some)\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["plan", "glutes", "--for", "10m"], "give a TARGET or --for, not both"),
        (["plan", "--focus", "hips"], "--focus, --position, --desk, --equipment and --seed need"),
        (["plan", "--for", "10-20m"], "one length, not a range"),
        (["plan", "--for", "20s"], "at least"),
        (["plan", "--for", "181m"], "must be at most 3 hours, got 3h1m"),
        (["plan", "--for", "10m", "--rounds", "2"], "--rounds would stretch a session"),
        (["plan", "--for", "10m", "--sets", "2", "--scale", "2"], "--sets and --scale would"),
        (["plan", "--for", "10m", "--routine", "x"], "--routine picks a routine in a file"),
        (["plan", "--for", "10m", "--equipment", "bands"], "no exercise in your library uses"),
        (["plan", "--for", "10m", "--focus", "elbow-pits"], "not a muscle stretchcli knows"),
    ],
)
def test_wrong_choices_are_usage_errors(run: Run, args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_save_writes_a_valid_commented_routine_that_runs_the_same(
    run: Run, stretch_home: Path
) -> None:
    shown = json.loads(run("plan", "--for", "10m", "--desk", "--seed", "4", "--json").stdout)
    result = run("plan", "--for", "10m", "--desk", "--seed", "4", "--save", "desk-ten")
    assert result.exit_code == 0
    saved = stretch_home / "routines" / "desk-ten.yaml"
    text = saved.read_text()
    assert "# Built by `stretch plan --for 10m --desk --seed 4`" in text
    assert "# Standing Glute Stretch: hold 20-30s, each side" in text
    assert run("validate").exit_code == 0
    again = json.loads(run("plan", "desk-ten", "--json").stdout)
    assert [s["label"] for s in again["steps"]] == [s["label"] for s in shown["steps"]]
    assert again["total_seconds"] == shown["total_seconds"]


@pytest.mark.usefixtures("fake_clock")
def test_sessions_built_on_the_same_day_differ(run: Run) -> None:
    first = run("session", "--for", "5m", "--focus", "hips", "--plain")
    second = run("session", "--for", "5m", "--focus", "hips", "--plain")
    assert first.exit_code == second.exit_code == 0
    with History.open(history_path()) as store:
        rows = store.exercises()
    sessions: dict[int, list[str]] = {}
    for row in reversed(rows):
        sessions.setdefault(row.session_id, []).append(row.exercise_id)
    assert {row.routine_id for row in rows} == {"for-5m-hips"}
    older, newer = sessions.values()
    assert older != newer


def test_progression_grows_a_hold_marks_it_and_says_why(run: Run, stretch_home: Path) -> None:
    write_config(stretch_home, "progression: true\n")
    rated_sessions([("standing-glute-stretch", r) for r in (E, R, E)], days_ago=3)
    table = run("plan", "upper-glutes")
    assert "25s ↑" in table.stdout  # 20-30 s at beginner: 20, then 25
    assert "↑ Standing Glute Stretch: 20s -> 25s: rated easy or about right 3 sessions" in (
        table.stdout
    )
    plan = json.loads(run("plan", "upper-glutes", "--json").stdout)
    (grown,) = plan["progression"]
    assert (grown["exercise"], grown["base"], grown["hold"]) == ("standing-glute-stretch", 20, 25)
    holds = {s["seconds"] for s in plan["steps"] if s["exercise"] == "standing-glute-stretch"}
    assert 25 in holds
    # --hold sets every hold: nothing grows then.
    held = json.loads(run("plan", "upper-glutes", "--hold", "30", "--json").stdout)
    assert held["progression"] == []
    assert {s["seconds"] for s in held["steps"] if s["kind"] == "hold"} == {30}


def test_hold_given_still_leaves_out_what_was_rated_pain(run: Run, stretch_home: Path) -> None:
    write_config(stretch_home, "progression: true\n")
    rated_sessions([("standing-glute-stretch", P)], days_ago=2)
    result = run("plan", "upper-glutes", "--hold", "30", "--json")
    assert "standing-glute-stretch" not in {
        s["exercise"] for s in json.loads(result.stdout)["steps"]
    }
    assert "stretch: left out: Standing Glute Stretch: rated pain on" in result.stderr


def test_one_session_counts_once_however_many_rounds_it_rated(run: Run, stretch_home: Path) -> None:
    # Three check-ins in one session (three rounds) are one session, not a run of three.
    write_config(stretch_home, "progression: true\n")
    rated_session(
        datetime.now(timezone.utc) - timedelta(days=1),
        [("standing-glute-stretch", rating) for rating in (E, T, E)],
    )
    (row,) = json.loads(run("progress", "--json").stdout)
    assert [r["rating"] for r in row["ratings"]] == ["too-much"]  # the session's worst
    assert row["hold"] == row["base"]


def test_a_hold_stepped_back_is_marked_down_with_its_reason(run: Run, stretch_home: Path) -> None:
    write_config(stretch_home, "progression: true\n")
    rated_sessions([("standing-glute-stretch", r) for r in (E, E, E, E, E, E, T, T)], days_ago=9)
    table = run("plan", "upper-glutes").stdout
    assert "25s ↓" in table
    assert "↓ Standing Glute Stretch: 30s -> 25s (base 20s): rated too much twice" in table
    (eased,) = json.loads(run("plan", "upper-glutes", "--json").stdout)["progression"]
    assert (eased["base"], eased["before"], eased["hold"]) == (20, 30, 25)


def test_a_hold_stepped_back_to_its_base_is_marked_down_too(run: Run, stretch_home: Path) -> None:
    write_config(stretch_home, "progression: true\n")
    rated_sessions([("standing-glute-stretch", r) for r in (E, E, R, T, T)], days_ago=6)
    table = run("plan", "upper-glutes").stdout
    assert "20s ↓" in table
    assert "↓ Standing Glute Stretch: 25s -> 20s: rated too much twice" in table


def test_progression_is_off_unless_asked(run: Run) -> None:
    rated_sessions([("standing-glute-stretch", E)] * 3, days_ago=3)
    plan = json.loads(run("plan", "upper-glutes", "--json").stdout)
    assert "progression" not in plan
    assert {s["seconds"] for s in plan["steps"] if s["kind"] == "hold"} == {20}


def test_a_routine_can_opt_in_and_pain_leaves_an_exercise_out(
    run: Run, user_routines: Path
) -> None:
    (user_routines / "mine.yaml").write_text(
        "routines:\n  mine:\n    name: Mine\n    progression: true\n"
        "    items: [standing-glute-stretch, seated-figure-four]\n"
    )
    rated_sessions([("seated-figure-four", E), ("seated-figure-four", P)], days_ago=2)
    result = run("plan", "mine", "--json")
    plan = json.loads(result.stdout)
    assert {s["exercise"] for s in plan["steps"]} == {"standing-glute-stretch"}
    assert plan["left_out"][0]["exercise"] == "seated-figure-four"
    assert "stretch: left out: Seated Figure-Four Stretch: rated pain on" in result.stderr
    assert "back on" in result.stderr


def test_a_built_session_leaves_out_what_was_rated_pain(run: Run) -> None:
    rated_sessions([("standing-hip-flexor-stretch", P)], days_ago=1)
    for seed in range(5):
        plan = json.loads(
            run("plan", "--for", "10m", "--desk", "--seed", str(seed), "--json").stdout
        )
        assert "standing-hip-flexor-stretch" not in {s["exercise"] for s in plan["steps"]}


def test_progress_lists_holds_check_ins_and_why(run: Run) -> None:
    assert "No check-ins yet" in run("progress").stdout
    rated_sessions(
        [("standing-glute-stretch", r) for r in (E, E, R, T)] + [("pigeon-pose", P)], days_ago=6
    )
    screen = run("progress").stdout
    assert "standing-glute-stretch" in screen
    assert "E E R T" in screen
    assert "rated pain on" in screen
    assert "Holds grow only in routines with `progression: true`" in screen
    rows = {row["exercise"]: row for row in json.loads(run("progress", "--json").stdout)}
    glute = rows["standing-glute-stretch"]
    assert (glute["base"], glute["hold"]) == (20, 25)
    assert [r["rating"] for r in glute["ratings"]] == ["easy", "easy", "about-right", "too-much"]
    assert glute["last_change"]["after"] == 25
    assert rows["pigeon-pose"]["left_out_until"] is not None


def test_ratings_given_in_a_plain_session_reach_the_history(
    run: Run, fake_clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    import contextlib

    from stretchcli.commands import session
    from stretchcli.core.engine import Command

    # A keyboard: stdin stands for a terminal, and "3" is pressed 2 s into the check-in
    # (prep 10, right 20, switch 5, left 20: the check-in starts at 55 s).
    monkeypatch.setattr(session, "stdin_terminal_fd", lambda: 0)
    monkeypatch.setattr(session, "key_input", lambda _fd: contextlib.nullcontext())
    fake_clock.keys = [(57.0, Command.RATE_TOO_MUCH)]
    result = run("session", "seated-figure-four", "--plain", "--checkin")
    assert result.exit_code == 0
    assert "[00:55] check-in  How was Seated Figure-Four Stretch?  6s" in result.stdout
    assert "[00:55]   keys: 1 easy, 2 about right, 3 too much, p pain; no answer" in (result.stdout)
    assert "[00:57]   rated: too much" in result.stdout
    rows = json.loads(run("history", "--exercises", "--json").stdout)
    assert [(r["exercise_id"], r["rating"]) for r in rows] == [("seated-figure-four", "too-much")]


@pytest.mark.usefixtures("fake_clock")
def test_plain_sessions_ask_nothing_unless_asked(run: Run) -> None:
    result = run("session", "seated-figure-four", "--plain")
    assert "check-in" not in result.stdout
    rows = json.loads(run("history", "--exercises", "--json").stdout)
    assert [r["rating"] for r in rows] == [None]


def test_a_saved_session_keeps_its_own_holds_not_todays_progressed_ones(
    run: Run, stretch_home: Path
) -> None:
    write_config(stretch_home, "progression: true\n")
    rated_sessions([("standing-glute-stretch", E)] * 3, days_ago=4)
    shown = run("plan", "--for", "10m", "--desk", "--seed", "4", "--save", "mine")
    assert "↑" in shown.stdout  # today's plan shows the grown hold...
    text = (stretch_home / "routines" / "mine.yaml").read_text()
    items = [line for line in text.splitlines() if line.strip().startswith("- {exercise:")]
    assert items
    assert not any("hold:" in line for line in items)  # ...the file keeps their own
    assert "progression: true" in text


@pytest.mark.parametrize(("length", "said"), [("1h30m", "1h30m"), ("3h", "3 hours")])
def test_sessions_may_be_asked_for_in_hours(run: Run, length: str, said: str) -> None:
    # The built-in library has about half an hour of hip stretches: the session says so.
    result = run("plan", "--for", length, "--focus", "hips", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["total_seconds"] > 1800
    assert f"the session is shorter than --for {said}" in result.stderr


@pytest.mark.parametrize(
    ("config", "args"),
    [
        ("prep: 30s\nswitch: 15s\nrest: 20s\n", ()),
        ("", ("--hold", "45", "--reps", "2")),
        ("level: advanced\n", ("--prep", "5s", "--rest", "10s")),
    ],
)
def test_a_built_session_fits_its_length_with_the_timing_it_runs_with(
    run: Run, stretch_home: Path, config: str, args: tuple[str, ...]
) -> None:
    write_config(stretch_home, config)
    for seed in range(4):
        result = run(
            "plan", "--for", "10m", "--focus", "hips", "--seed", str(seed), *args, "--json"
        )
        assert result.exit_code == 0, result.stderr
        assert abs(json.loads(result.stdout)["total_seconds"] - 600) <= 60


def test_a_built_session_still_fits_once_its_holds_have_grown(run: Run, stretch_home: Path) -> None:
    write_config(stretch_home, "progression: true\n")
    # Every hip exercise rated easy six sessions running: each hold two steps up.
    plan = json.loads(run("plan", "--for", "10m", "--focus", "hips", "--json").stdout)
    used = sorted({s["exercise"] for s in plan["steps"] if s["exercise"]})
    rated_sessions([(exercise, E) for _ in range(6) for exercise in used], days_ago=30)
    for seed in range(4):
        grown = json.loads(
            run("plan", "--for", "10m", "--focus", "hips", "--seed", str(seed), "--json").stdout
        )
        assert grown["progression"], "some hold grew"
        assert abs(grown["total_seconds"] - 600) <= 60


def test_save_refuses_the_name_of_an_exercise(run: Run, stretch_home: Path) -> None:
    result = run("plan", "--for", "5m", "--save", "pigeon-pose")
    assert result.exit_code == 1
    assert '"pigeon-pose" is the id of an exercise' in result.stderr
    assert not (stretch_home / "routines" / "pigeon-pose.yaml").exists()


def test_save_that_cannot_write_names_the_routine_not_a_temporary_file(
    run: Run, stretch_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stretchcli.storage import new_routine

    folder = stretch_home / "routines"

    def refused(_path: Path, _data: bytes) -> None:
        raise PermissionError(13, "Permission denied", str(folder / ".schema.json.tmp1x2y"))

    monkeypatch.setattr(new_routine, "create_new", refused)
    result = run("plan", "--for", "5m", "--save", "mine")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"stretch: error: cannot write {folder / 'mine.yaml'}: Permission denied"
    )
    assert ".tmp1x2y" not in result.stderr


def test_progress_with_an_unreadable_history_fails_as_history_does(
    run: Run, stretch_home: Path
) -> None:
    stretch_home.mkdir()
    (stretch_home / "history.sqlite3").symlink_to("history.sqlite3")  # a loop: unreadable
    shown = run("progress")
    assert shown.exit_code == 1
    assert shown.stderr.startswith(f"stretch: error: session history {stretch_home}")
    assert "No check-ins yet" not in shown.stdout


def test_pain_leaves_an_exercise_out_of_any_routine_progression_or_not(run: Run) -> None:
    rated_sessions([("supine-piriformis-stretch", P)], days_ago=1)
    result = run("plan", "upper-glutes", "--json")
    plan = json.loads(result.stdout)
    assert "supine-piriformis-stretch" not in {s["exercise"] for s in plan["steps"]}
    assert [left["exercise"] for left in plan["left_out"]] == ["supine-piriformis-stretch"]
    assert plan["progression"] == []
    assert "stretch: left out: Supine Piriformis Stretch: rated pain on" in result.stderr


def test_an_exercise_asked_for_by_name_runs_despite_pain_with_a_note(run: Run) -> None:
    rated_sessions([("supine-piriformis-stretch", P)], days_ago=1)
    result = run("plan", "supine-piriformis-stretch", "--json")
    assert result.exit_code == 0
    assert {s["exercise"] for s in json.loads(result.stdout)["steps"]} == {
        "supine-piriformis-stretch"
    }
    assert "go gently, stop if it hurts" in result.stderr


def test_building_or_showing_progress_creates_no_history(run: Run, stretch_home: Path) -> None:
    assert run("plan", "--for", "5m").exit_code == 0
    assert run("progress").exit_code == 0
    assert not (stretch_home / "history.sqlite3").exists()


def test_a_damaged_check_in_is_said_not_silently_dropped(run: Run) -> None:
    import sqlite3

    rated_sessions([("standing-glute-stretch", E)] * 3, days_ago=4)
    with sqlite3.connect(history_path()) as database:
        database.execute("UPDATE session_exercises SET rating = 'EASY' WHERE rowid = 1")
    result = run("progress")
    assert "1 exercise row with damaged values left out" in result.stderr


@pytest.mark.parametrize(
    "options",
    [
        ("--hold", "45", "--prep", "15s", "--reps", "2"),
        ("--switch", "12", "--rest", "20", "--level", "advanced", "--first-side", "left"),
    ],
)
def test_a_saved_session_keeps_the_command_lines_timing(
    run: Run, stretch_home: Path, options: tuple[str, ...]
) -> None:
    shown = json.loads(run("plan", "--for", "10m", "--seed", "2", *options, "--json").stdout)
    assert run("plan", "--for", "10m", "--seed", "2", *options, "--save", "mine").exit_code == 0
    again = json.loads(run("plan", "mine", "--json").stdout)
    assert [(s["label"], s["seconds"]) for s in again["steps"]] == [
        (s["label"], s["seconds"]) for s in shown["steps"]
    ]
    header = (stretch_home / "routines" / "mine.yaml").read_text()
    assert "--seed 2" in header.replace("\n# ", " ")
    assert options[0] in header


def test_a_scaled_plan_is_saved_as_the_holds_it_showed(run: Run) -> None:
    shown = json.loads(run("plan", "upper-glutes", "--scale", "1.5", "--json").stdout)
    assert run("plan", "upper-glutes", "--scale", "1.5", "--save", "longer").exit_code == 0
    again = json.loads(run("plan", "longer", "--json").stdout)
    assert [s["seconds"] for s in again["steps"]] == [s["seconds"] for s in shown["steps"]]


@pytest.mark.parametrize(
    ("config", "args"),
    [
        ("level: advanced\n", ("--scale", "2")),  # config.yaml's level, scaled
        ("", ("--hold", "2", "--scale", "0.1")),  # 0.2 s: at least a second, as planned
    ],
)
def test_a_scaled_save_holds_what_the_plan_showed_at_its_level(
    run: Run, stretch_home: Path, config: str, args: tuple[str, ...]
) -> None:
    write_config(stretch_home, config)
    shown = json.loads(run("plan", "upper-glutes", *args, "--json").stdout)
    assert run("plan", "upper-glutes", *args, "--save", "scaled").exit_code == 0
    again = json.loads(run("plan", "scaled", "--json").stdout)
    assert [s["seconds"] for s in again["steps"]] == [s["seconds"] for s in shown["steps"]]


def test_a_plan_says_an_unreadable_history_leaves_pain_unread(run: Run, stretch_home: Path) -> None:
    stretch_home.mkdir()
    (stretch_home / "history.sqlite3").write_bytes(b"not a database\n" * 40)
    result = run("plan", "upper-glutes")
    assert result.exit_code == 0
    (warning,) = result.stderr.splitlines()
    assert warning.endswith("; check-ins are not read: nothing is left out for pain")


def test_progress_says_check_ins_of_exercises_no_longer_defined_are_not_shown(run: Run) -> None:
    rated_sessions([("gone-stretch", E), ("standing-glute-stretch", R)], days_ago=3)
    shown = run("progress")
    assert shown.exit_code == 0
    assert "standing-glute-stretch" in shown.stdout
    assert shown.stderr == (
        "stretch: note: check-ins of 1 exercise(s) no longer in your library are not shown: "
        "gone-stretch\n"
    )
