"""What files, folders and terminals really do: no traceback, a located problem, the rest works.

One test (or table) per class of failure found by the red-team pass of issue 9.
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

from tests.conftest import Result
from tests.fakes import signalled_session

Run = Callable[..., Result]
STRETCH = Path(sys.executable).parent / "stretch"
WALK = "version: 1\nroutines:\n  walk:\n    name: Walk\n    items: [{timer: Walk, seconds: 60}]\n"
NOT_UTF8 = os.fsdecode(b"caf\xe9")  # a name whose bytes are Latin-1, as old disks have them


def test_a_symlink_loop_is_one_problem_per_file_and_the_rest_loads(
    run: Run, user_routines: Path
) -> None:
    (user_routines / "a.yaml").symlink_to("b.yaml")
    (user_routines / "b.yaml").symlink_to("a.yaml")
    (user_routines / "walk.yaml").write_text(WALK)
    listed = run("routines")
    assert listed.exit_code == 0
    assert "walk" in listed.stdout
    assert "glutes" in listed.stdout
    assert f"{user_routines / 'a.yaml'}: warning: cannot read this file: " in listed.stderr
    checked = run("validate")
    assert checked.exit_code == 1
    loop = "error: cannot read this file: Too many levels of symbolic links"
    assert checked.stdout.splitlines()[:2] == [
        f"{user_routines / 'a.yaml'}: {loop}",
        f"{user_routines / 'b.yaml'}: {loop}",
    ]
    named = run("plan", str(user_routines / "a.yaml"))
    assert named.exit_code == 1
    assert "Traceback" not in named.stderr


def test_a_file_name_that_is_not_utf8_works_and_is_shown_escaped(
    run: Run, user_routines: Path
) -> None:
    path = user_routines / f"{NOT_UTF8}.yaml"
    path.write_text(WALK)
    shown = f"{user_routines}/caf\\xe9.yaml"
    assert run("validate").stdout == f"{shown}: ok (0 exercises, 1 routine)\n"
    listed = run("routines")
    assert listed.exit_code == 0
    assert listed.stdout.splitlines()[-1].endswith(shown)
    planned = run("plan", str(path), "--json")
    assert (planned.exit_code, planned.stderr) == (0, "")


def test_a_home_folder_that_is_not_utf8_works(tmp_path: Path) -> None:
    home = tmp_path / f"home-{NOT_UTF8}"
    env_bytes = {os.fsencode(k): os.fsencode(v) for k, v in os.environ.items()}
    env_bytes[b"STRETCHCLI_HOME"] = os.fsencode(home)
    for command in (["where"], ["exercises", "--desk"], ["new", "mine"], ["routines"]):
        done = subprocess.run(
            [str(STRETCH), *command], capture_output=True, env=env_bytes, timeout=60, check=False
        )
        assert done.returncode == 0, (command, done.stderr)
        assert b"Traceback" not in done.stderr
    where = subprocess.run([str(STRETCH), "where"], capture_output=True, env=env_bytes, check=True)
    assert b"home-caf\\xe9/routines" in where.stdout


@pytest.mark.parametrize(
    "command",
    [
        ["show", "pigeon-pose"],
        ["plan", "glutes"],
        ["exercises"],
        ["routines"],
        ["history"],
        ["session", "upper-glutes", "--speed", "1000", "--plain", "--no-sound"],
    ],
)
def test_an_output_encoding_without_the_characters_never_crashes(
    user_routines: Path, command: list[str]
) -> None:
    # Characters Latin-1 lacks, in what the commands print: names, steps, the history bars.
    (user_routines / "arrows.yaml").write_text(
        WALK.replace("name: Walk", "name: Walk → Stretch ✓").replace("walk:", "upper-glutes:")
    )
    home = str(user_routines.parent)
    env = dict(os.environ, PYTHONIOENCODING="latin-1", STRETCHCLI_HOME=home)
    done = subprocess.run(
        [str(STRETCH), *command], capture_output=True, env=env, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr


def test_an_error_message_with_characters_the_encoding_lacks_is_still_one_line(
    stretch_home: Path,
) -> None:
    env = dict(os.environ, PYTHONIOENCODING="latin-1", STRETCHCLI_HOME=str(stretch_home))
    done = subprocess.run(
        [str(STRETCH), "show", "pigeon→"], capture_output=True, env=env, timeout=60, check=False
    )
    assert done.returncode == 1
    assert (
        done.stderr
        == b'stretch: error: no exercise "pigeon\\u2192" (did you mean "pigeon-pose"?)\n'
    )


HUGE = """\
version: 1
exercises:
  big:
    name: Big
    target: [glutes]
    hold: 1
    reps: 1000
    sets: 1000
    sides: both
    steps: [Do it.]
routines:
  huge:
    name: Huge
    rounds: 1000
    items: [big]
"""


def test_a_file_within_each_limit_but_huge_as_a_whole_is_a_located_error(
    run: Run, tmp_path: Path, user_routines: Path
) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text(HUGE)
    checked = run("validate", str(path))
    assert checked.exit_code == 1
    assert checked.stdout.splitlines() == [
        f"{path}:3:3: error: exercises.big: run on its own, this exercise makes 2,002,000 steps; "
        "a session has at most 100,000",
        f"{path}:12:3: error: routines.huge: this routine makes 2,002,000,000 steps; "
        "a session has at most 100,000",
    ]
    # In the user folder it is left out with a warning, and everything else still lists.
    (user_routines / "huge.yaml").write_text(HUGE)
    listed = run("routines")
    assert listed.exit_code == 0
    assert "huge" not in listed.stdout
    assert "glutes" in listed.stdout


def test_options_past_the_session_limits_are_a_usage_error(run: Run) -> None:
    result = run("plan", "glutes", "--reps", "1000", "--sets", "1000", "--rounds", "1000")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "stretch: error: glutes: this session makes 22,010,001,000 steps; "
        "a session has at most 100,000\n"
    )
    long_day = run("session", "glutes", "--hold", "3600", "--rounds", "3", "--plain")
    assert long_day.exit_code == 2
    assert "a session lasts at most 24" in long_day.stderr


def test_did_you_mean_is_bounded_however_many_ids_are_misspelled(run: Run, tmp_path: Path) -> None:
    exercises = "".join(
        f"  stretch-number-{i}:\n    name: S{i}\n    target: [glutes]\n    hold: 10\n"
        "    steps: [x]\n"
        for i in range(1000)
    )
    items = "".join(f"      - strech-number-{i}x\n" for i in range(1000))
    path = tmp_path / "typos.yaml"
    path.write_text(f"version: 1\nexercises:\n{exercises}routines:\n  r:\n    name: R\n"
                    f"    items:\n{items}")  # fmt: skip
    result = run("validate", str(path))
    lines = result.stdout.splitlines()
    assert len(lines) == 1000
    assert lines[0].endswith('no exercise "strech-number-0x" in any loaded file '
                             '(did you mean "stretch-number-0"?)')  # fmt: skip
    # Each hint weighs the typo against all 1,012 ids; 20,000 comparisons buy 19 hints.
    assert sum("did you mean" in line for line in lines) == 19
    assert lines[-1].endswith('no exercise "strech-number-999x" in any loaded file')


@pytest.mark.usefixtures("fake_clock")
def test_a_fifo_as_the_history_file_is_refused_without_blocking(
    run: Run, stretch_home: Path
) -> None:
    stretch_home.mkdir()
    os.mkfifo(stretch_home / "history.sqlite3")  # opening it to read would wait for ever
    ran = run("session", "pigeon-pose", "--hold", "1", "--prep", "0", "--sets", "1",
              "--no-sound")  # fmt: skip
    assert ran.exit_code == 0
    assert ran.stderr == (
        f"stretch: warning: session history {stretch_home / 'history.sqlite3'}: not a regular "
        "file (left as it is; move it away to start a new history); history is off for this "
        "session\n"
    )
    shown = run("history")
    assert shown.exit_code == 1
    assert len(shown.stderr.splitlines()) == 1


@pytest.mark.usefixtures("fake_clock")
def test_a_history_held_by_another_stretch_does_not_hold_up_the_start(
    run: Run, stretch_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from stretchcli.storage import history

    with history.History.open():  # create it
        pass
    waits: list[float] = []
    real_open = history.History.open.__func__  # type: ignore[attr-defined]

    def spy(cls: type[history.History], path: Path | None = None, *, wait: float) -> object:
        waits.append(wait)
        return real_open(cls, path, wait=wait)

    monkeypatch.setattr(history.History, "open", classmethod(spy))
    holder = sqlite3.connect(stretch_home / "history.sqlite3", isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        ran = run("session", "pigeon-pose", "--hold", "1", "--prep", "0", "--sets", "1",
                  "--no-sound")  # fmt: skip
    finally:
        holder.close()
    assert ran.exit_code == 0
    # Read for check-ins, then opened to record: neither waits long.
    assert set(waits) == {history.START_WAIT_SECONDS}
    assert history.START_WAIT_SECONDS <= 0.5
    assert ran.stderr.endswith("database is locked; history is off for this session\n")


def test_a_routines_folder_that_cannot_be_read_is_said_not_ignored(
    run: Run, stretch_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = stretch_home / "routines"
    folder.mkdir(parents=True)
    real_iterdir = Path.iterdir

    def unreadable(self: Path) -> object:
        if self == folder:
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", unreadable)  # root reads any folder: pretend
    listed = run("routines")
    assert listed.exit_code == 0
    assert listed.stderr.splitlines()[0] == (
        f"{folder}: warning: cannot read this folder: Permission denied"
    )
    assert (
        run("where").stdout.splitlines()[0].endswith("(cannot read this folder: Permission denied)")
    )


def test_new_when_the_routines_folder_is_a_file(run: Run, stretch_home: Path) -> None:
    stretch_home.mkdir()
    (stretch_home / "routines").write_text("not a folder")
    made = run("new", "abc")
    assert made.exit_code == 1
    assert made.stderr.splitlines()[-1] == (
        f"stretch: error: {stretch_home / 'routines'} is a file, not a folder: move it away so "
        "that your routines can be kept there"
    )
    assert (stretch_home / "routines").read_text() == "not a folder"


@pytest.mark.parametrize(
    "damage",
    [
        "planned_seconds = 'lots'",
        "held_seconds = 'inf'",
        "elapsed_seconds = 1e999",  # infinity
        "held_seconds = 1e308",  # finite, but no session lasts that long
        "exercises_done = 2.5",
        "started_utc = '0001-01-01T00:00:00+05:00'",  # before year 1 in UTC
        "started_utc = 'not a date'",
        "ended_utc = '2026-13-40T99:00:00Z'",
    ],
)
def test_a_damaged_history_row_is_left_out_with_one_warning(
    run: Run, stretch_home: Path, damage: str
) -> None:
    import sqlite3
    from datetime import datetime, timezone

    from stretchcli.storage.history import History

    with History.open() as store:
        for day in (20, 21):
            started = datetime(2026, 11, day, 9, tzinfo=timezone.utc)
            store.start("glutes", "Glutes and Hips", "beginner", 605, started)
    with sqlite3.connect(stretch_home / "history.sqlite3") as connection:
        connection.execute(f"UPDATE sessions SET {damage} WHERE id = 1")
    for command in (["history"], ["history", "--json"], ["history", "--csv"]):
        result = run(*command)
        assert result.exit_code == 0, result.stderr
        assert result.stderr == (
            f"stretch: warning: session history {stretch_home / 'history.sqlite3'}: "
            "1 session with damaged values left out\n"
        )
    (kept,) = json.loads(run("history", "--json").stdout)
    assert kept["id"] == 2


ONE = """\
version: 1
exercises:
  x:
    name: X
    target: [glutes]
    hold: 10
    steps: [Stand.]
routines:
  r:
    name: R
    items: [x]
"""


def test_one_file_under_several_names_is_loaded_once(
    run: Run, tmp_path: Path, user_routines: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.yaml").write_text(ONE)
    monkeypatch.chdir(tmp_path)
    checked = run("validate", "a.yaml", "./a.yaml", str(tmp_path / "a.yaml"))
    assert (checked.exit_code, checked.stderr) == (0, "")
    assert checked.stdout.splitlines() == [f"{tmp_path / 'a.yaml'}: ok (1 exercise, 1 routine)"]
    planned = run("plan", "./a.yaml", "-L", "a.yaml", "--json")
    assert (planned.exit_code, planned.stderr) == (0, "")
    # A link beside the file in the routines folder: the file counts once, as itself.
    (user_routines / "mine.yaml").write_text(ONE)
    (user_routines / "zz-link.yaml").symlink_to("mine.yaml")
    listed = run("routines")
    assert (listed.exit_code, listed.stderr) == (0, "")
    assert listed.stdout.splitlines()[-1].split() == [
        "upper-glutes", "Upper", "Glutes", "beginner", "4", "03:53", "built-in"
    ]  # fmt: skip
    assert f"{user_routines / 'mine.yaml'}" in listed.stdout
    assert "zz-link" not in listed.stdout


@pytest.mark.parametrize(
    ("written", "hold", "reps"),
    [("030", 30, 30), ("010", 10, 10), ("0010", 10, 10), ("1_0", 10, 10), ("0x1F", 31, 31)],
)
def test_numbers_are_read_as_people_mean_them(written: str, hold: int, reps: int) -> None:
    from stretchcli.core.loader import load_bytes

    text = ONE.replace("hold: 10", f"hold: {written}\n    reps: {written}")
    loaded = load_bytes(text.encode(), "n.yaml")
    assert loaded.problems == ()
    exercise = loaded.exercises["x"]
    assert (exercise.hold.low, exercise.reps.low) == (hold, reps)


@pytest.mark.parametrize("written", ["1:30", "0:30", "2:05"])
def test_minutes_and_seconds_with_a_colon_are_refused_alike_with_what_to_write(
    written: str,
) -> None:
    from stretchcli.core.loader import load_bytes

    loaded = load_bytes(ONE.replace("hold: 10", f"hold: {written}").encode(), "c.yaml")
    minutes, seconds = (int(part) for part in written.split(":"))
    (problem,) = loaded.problems
    assert problem.message == (
        f'expected seconds like 30 or "20-30s", got "{written}" '
        f'(for {minutes} min {seconds} s, write "{minutes}m{seconds}s")'
    )


def test_a_speech_program_that_ignores_sigterm_never_piles_up(tmp_path: Path) -> None:
    from stretchcli.ui.sound import Sound

    pids = tmp_path / "pids"
    stubborn = tmp_path / "espeak-ng"
    stubborn.write_text(f"#!/bin/sh\ntrap '' TERM\necho $$ >> {pids}\nexec sleep 30\n")
    stubborn.chmod(0o755)
    sound = Sound(None, speaker=str(stubborn))

    def alive() -> list[int]:
        started = [int(pid) for pid in pids.read_text().split()] if pids.exists() else []
        running = []
        for pid in started:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                continue
            running.append(pid)
        return running

    for line in range(10):
        sound.say(f"line {line}")
    assert len(alive()) <= 1
    sound.hush()
    assert alive() == []


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGHUP, 129), (signal.SIGQUIT, 131)])
def test_the_window_closing_or_ctrl_backslash_end_the_session_cleanly(
    stretch_home: Path, sig: signal.Signals, code: int
) -> None:
    env = dict(os.environ, STRETCHCLI_HOME=str(stretch_home))
    process = signalled_session(env, [sig])
    out, err = process.communicate(timeout=30)
    assert process.returncode == code
    assert "Session terminated: Glutes and Hips" in out.decode()
    assert b"Traceback" not in err
    shown = subprocess.run(
        [str(STRETCH), "history", "--json"], capture_output=True, env=env, check=True
    )
    (record,) = json.loads(shown.stdout)
    assert record["outcome"] == "terminated"


def _entries_replaced_by(cache: Path, make: Callable[[Path], None]) -> None:
    for entry in cache.glob("*.json"):
        entry.unlink()
        make(entry)


@pytest.mark.parametrize("planted", ["fifo", "zero", "edited"])
def test_a_cache_entry_that_is_no_file_of_ours_is_rebuilt_without_waiting(
    run: Run, stretch_home: Path, planted: str
) -> None:
    assert run("exercises", "--json").exit_code == 0  # fills the cache
    cache = stretch_home / "cache"
    if planted == "fifo":  # opening it to read would wait for a writer for ever
        _entries_replaced_by(cache, os.mkfifo)
    elif planted == "zero":  # reading a line of it would never end
        _entries_replaced_by(cache, lambda entry: entry.symlink_to("/dev/zero"))
    else:  # a name turned into a number: valid JSON, wrong kind
        for entry in cache.glob("*.json"):
            entry.write_bytes(entry.read_bytes().replace(b'"Pigeon Pose"', b"12345"))
    listed = run("exercises")
    assert (listed.exit_code, listed.stderr) == (0, "")
    assert "Pigeon Pose" in listed.stdout
    assert "Pigeon Pose" in run("show", "pigeon-pose").stdout


def test_a_burst_of_signals_never_prints_a_traceback(stretch_home: Path) -> None:
    env = dict(os.environ, STRETCHCLI_HOME=str(stretch_home))
    for _ in range(3):
        process = signalled_session(env, [signal.SIGHUP] * 50)
        _, err = process.communicate(timeout=30)
        # Ended by the first (129), or by a later one after the handlers were put back.
        assert process.returncode in (129, -signal.SIGHUP), err
        assert b"Traceback" not in err


def test_hard_links_to_one_file_are_loaded_once(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.yaml").write_text(ONE)
    os.link(tmp_path / "a.yaml", tmp_path / "h.yaml")
    monkeypatch.chdir(tmp_path)
    checked = run("validate", "a.yaml", "h.yaml")
    assert (checked.exit_code, checked.stdout) == (0, "h.yaml: ok (1 exercise, 1 routine)\n")


@pytest.mark.parametrize("name", ["A", "x.yaml", "-x", "a\nb", "a\tb", "my hips"])
def test_edit_takes_an_id_and_nothing_else(run: Run, name: str) -> None:
    result = run("edit", "--", name)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert "is not the name of a routine file" in result.stderr


def test_a_looping_link_as_the_history_is_trouble_not_an_empty_history(
    run: Run, stretch_home: Path
) -> None:
    stretch_home.mkdir()
    (stretch_home / "history.sqlite3").symlink_to("history.sqlite3")
    shown = run("history")
    assert shown.exit_code == 1
    assert shown.stderr.startswith(f"stretch: error: session history {stretch_home}")
    assert len(shown.stderr.splitlines()) == 1


ESCAPES = """\
version: 1
exercises:
  trick:
    name: "Trick \\e]0;owned\\a \\e[2J"
    target: ["glutes \\e]52;c;cm0gLXJmIH4=\\e\\\\"]
    hold: 10
    summary: "C1 \\x9b31m and a separator \\u2028 here"
    steps: ["Step \\e[31mred\\e[0m"]
    cues: [{at: start, say: "Cue \\e[5m"}]
routines:
  tricky:
    name: "Tricky \\e[2J"
    items: [trick]
"""
RAW = ("\x1b", "\x9b", "\u2028", "\x07")


def _no_raw_controls(text: str) -> None:
    for raw in RAW:
        assert raw not in text, f"{raw!r} reached the output"


@pytest.mark.usefixtures("fake_clock")
def test_escape_sequences_in_a_file_never_reach_the_terminal(run: Run, user_routines: Path) -> None:
    (user_routines / "tricks.yaml").write_text(ESCAPES)
    for command in (
        ["exercises"], ["exercises", "--json"], ["show", "trick"], ["show", "trick", "--json"],
        ["routines"], ["plan", "tricky"], ["plan", "tricky", "--json"],
        ["session", "tricky", "--plain", "--no-sound"], ["history"], ["history", "--csv"],
        ["history", "--json"], ["validate"],
    ):  # fmt: skip
        result = run(*command)
        assert result.exit_code == 0, (command, result.stderr)
        _no_raw_controls(result.stdout + result.stderr)
    shown = run("show", "trick").stdout
    assert "Trick \\x1b]0;owned\\x07 \\x1b[2J" in shown


def test_a_bad_value_or_key_with_escapes_or_a_newline_is_one_quoted_line(
    run: Run, tmp_path: Path
) -> None:
    bad = tmp_path / "bad\nname.yaml"
    bad.write_text(
        "version: 1\nexercises:\n  x:\n    name: X\n    target: [glutes]\n    steps: [s]\n"
        '    hold: "\\e]52;c;eHh4\\e\\\\"\n    "sneaky\\nkey": 1\n'
    )
    result = run("validate", str(bad))
    assert result.exit_code == 1
    _no_raw_controls(result.stdout + result.stderr)
    lines = result.stdout.splitlines()
    assert len(lines) == 2  # two problems, one line each: nothing forged
    assert all(line.startswith(f"{tmp_path}/bad\\x0aname.yaml:") for line in lines)
    target = run("plan", "no\x1b[2Jsuch")
    assert target.exit_code == 1
    _no_raw_controls(target.stderr)
    assert len(target.stderr.splitlines()) == 1


def test_a_name_longer_than_a_line_is_refused_with_its_length(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    path.write_text(ONE.replace("name: X", "name: " + "Very " * 20))
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{path}:4:11: error: exercises.x.name: is too long for a name (99 characters; "
        "at most 80): say more in summary"
    )


def test_a_long_title_keeps_to_one_line_and_the_countdown_stays() -> None:
    import io

    from rich.console import Console

    from stretchcli.core.engine import start
    from stretchcli.core.model import Origin, Routine, Span, TimerItem
    from stretchcli.core.timeline import build_plan
    from stretchcli.ui.big_digits import big_digits
    from stretchcli.ui.session_screen import render

    label = "Walk around the room slowly and breathe, " * 8  # a timer's label has no limit
    here = Origin("t.yaml", 1, 1)
    plan = build_plan(Routine("r", "R", (TimerItem(label, Span(30, 30)),), here), {})
    session, _ = start(plan, 0.0)
    out = io.StringIO()
    Console(file=out, width=80, color_system=None).print(render(session, 0.0, {}, 80, 24))
    screen = out.getvalue()
    assert sum("Walk around" in line for line in screen.splitlines()) == 1
    assert big_digits("0:30", 2)[0].strip() in screen


def test_a_terminal_without_block_characters_gets_ascii_drawings() -> None:
    import io

    from stretchcli.core.engine import start
    from stretchcli.core.model import Origin, Routine, Span, TimerItem
    from stretchcli.core.timeline import build_plan
    from stretchcli.ui.output import Output
    from stretchcli.ui.session_screen import render

    raw = io.BytesIO()
    latin1 = io.TextIOWrapper(raw, encoding="latin-1", errors="strict", write_through=True)
    out = Output(latin1, io.StringIO())
    here = Origin("t.yaml", 1, 1)
    plan = build_plan(Routine("r", "R", (TimerItem("Walk", Span(30, 30)),), here), {})
    session, _ = start(plan, 0.0)
    out.show(render(session, 10.0, {}, 80, 24))  # strict latin-1: any block would raise
    screen = raw.getvalue().decode("latin-1")
    assert "######      ######  ######" in screen  # the big 0:20, in #
    assert "#" * 20 in screen  # the bars, in # and .
    assert "█" not in screen


def test_a_copy_of_a_routine_with_escapes_is_a_valid_text_file(
    run: Run, user_routines: Path
) -> None:
    (user_routines / "tricks.yaml").write_text(ESCAPES)
    assert run("new", "copy", "--from", "tricky").exit_code == 0
    written = (user_routines / "copy.yaml").read_bytes()
    assert b"\x1b" not in written
    checked = run("validate", str(user_routines / "copy.yaml"))
    assert (checked.exit_code, checked.stderr) == (0, "")


@pytest.mark.usefixtures("fake_clock")
def test_the_history_records_the_name_as_written_and_shows_it_escaped(
    run: Run, user_routines: Path
) -> None:
    (user_routines / "tricks.yaml").write_text(ESCAPES)
    assert run("session", "tricky", "--plain", "--no-sound").exit_code == 0
    (record,) = json.loads(run("history", "--json").stdout)
    assert record["routine_name"] == "Tricky \x1b[2J"  # the data, as in plan --json
    listed = run("history").stdout
    assert "Tricky \\x1b[2J" in listed


def test_a_long_cue_gives_way_before_the_progress_bars() -> None:
    import io

    from rich.console import Console

    from stretchcli.core.engine import start
    from stretchcli.core.model import Cue, CueTime, Exercise, ExerciseItem, Origin, Routine, Span
    from stretchcli.core.timeline import build_plan
    from stretchcli.ui.session_screen import render

    here = Origin("t.yaml", 1, 1)
    talky = Exercise("short", "Short", ("glutes",), Span(30, 30), ("Stand.",), here,
                     cues=(Cue(CueTime("start"), "W" * 2000),))  # fmt: skip
    routine = Routine("r", "R", (ExerciseItem("short", here),), here, prep=Span(0, 0))
    plan = build_plan(routine, {"short": talky})
    session, _ = start(plan, 0.0)
    out = io.StringIO()
    Console(file=out, width=80, color_system=None).print(
        render(session, 1.0, {"short": talky}, 80, 24)
    )
    screen = out.getvalue()
    assert "left" in screen.splitlines()[1]  # the session's progress line
    assert "WWW…" in screen  # the cue, on one line


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
@pytest.mark.parametrize(
    ("change", "where"),
    [
        # A wrong value, after a name with breaks YAML counts but editors do not.
        ({"hold: 10": "hold: lots", "name: X": 'name: "é\u2028x\u2029y\u0085z"'}, "6:11"),
        # A control character after text beyond ASCII (libyaml gives a byte offset).
        ({"[Stand.]": "[Stéé\x07.]"}, "7:17"),
        # Bytes that are not UTF-8, after some that are.
        ({"[Stand.]": "[Stéé\udcff.]"}, "7:17"),
    ],
    ids=["line-separators", "control-character", "invalid-utf8"],
)
def test_problems_are_located_where_an_editor_shows_them(
    change: dict[str, str], where: str, line_end: str
) -> None:
    from stretchcli.core.loader import load_bytes

    text = ONE
    for old, new in change.items():
        text = text.replace(old, new)
    data = text.replace("\n", line_end).encode("utf-8", "surrogateescape")
    (problem,) = load_bytes(data, "e.yaml").problems
    assert problem.format().startswith(f"e.yaml:{where}: error: ")


def test_an_exercise_with_problems_is_reported_once_not_again_where_used(
    run: Run, tmp_path: Path, user_routines: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(ONE.replace("hold: 10", "hold: lots"))
    checked = run("validate", str(bad))
    assert checked.exit_code == 1
    assert checked.stdout.splitlines() == [
        f'{bad}:6:11: error: exercises.x.hold: expected seconds like 30 or "20-30s", got "lots"'
    ]
    # Defined twice in the routines folder: the two definitions are the problem, and the
    # routines that use it are not told it does not exist.
    (user_routines / "a.yaml").write_text(ONE)
    (user_routines / "b.yaml").write_text(ONE)
    twice = run("validate")
    assert twice.exit_code == 1
    assert [line.split(": error: ")[1].split(":")[0] for line in twice.stdout.splitlines()] == [
        "exercises.x",
        "routines.r",
    ]


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "own-file", "link"])
def test_new_leaves_a_schema_file_it_did_not_write_alone(
    run: Run, user_routines: Path, tmp_path: Path, kind: str
) -> None:
    schema = user_routines / "routine.schema.json"
    kept = tmp_path / "dotfiles-schema.json"
    kept.write_text('{"mine": true}\n')
    if kind == "fifo":
        os.mkfifo(schema)
    elif kind == "dev-zero":
        schema.symlink_to("/dev/zero")
    elif kind == "own-file":
        schema.write_text('{"mine": true}\n')
    else:
        schema.symlink_to(kept)
    before = os.lstat(schema)
    made = run("new", "foo")  # would hang on the FIFO, or fill memory from /dev/zero
    assert made.exit_code == 0
    assert (user_routines / "foo.yaml").exists()
    after = os.lstat(schema)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert kept.read_text() == '{"mine": true}\n'


def test_new_brings_its_own_old_schema_up_to_date(run: Run, user_routines: Path) -> None:
    from stretchcli.core.schema import SCHEMA_ID

    schema = user_routines / "routine.schema.json"
    schema.write_text(json.dumps({"$id": SCHEMA_ID, "title": "an older one"}))
    assert run("new", "foo").exit_code == 0
    assert json.loads(schema.read_text())["title"] == "stretchcli routine file"


def test_a_home_with_an_unknown_users_tilde_is_one_line_of_error(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STRETCHCLI_HOME", "~no-such-user-here/x")
    for command in (["where"], ["routines"], ["history"]):
        result = run(*command)
        assert result.exit_code == 1
        assert result.stderr == (
            "stretch: error: STRETCHCLI_HOME=~no-such-user-here/x: cannot find the home "
            'folder its "~" names; set it to a full path\n'
        )
    from stretchcli.cli.completion import complete_target

    assert complete_target("~no-such-user-here/") == []
    assert complete_target("gl") == []  # no library to offer ids from, and no traceback


def test_history_options_past_any_history_are_no_crash(run: Run) -> None:
    assert run("history", "--limit", "9223372036854775808").exit_code == 2
    assert run("history", "--since", "0001-01-01").exit_code == 0


@pytest.mark.parametrize("written", ["9" * 5000, "!!int " + "9" * 5000, '"' + "9" * 5000 + 's"'])
def test_a_number_of_thousands_of_digits_is_refused_in_a_short_line(written: str) -> None:
    from stretchcli.core.loader import load_bytes

    (problem,) = load_bytes(ONE.replace("hold: 10", f"hold: {written}").encode(), "n.yaml").problems
    assert problem.message == ('expected seconds like 30 or "20-30s", got "' + "9" * 40 + '..."')


def test_an_option_of_thousands_of_digits_is_a_short_usage_error(run: Run) -> None:
    result = run("plan", "glutes", "--hold", "9" * 5000)
    assert result.exit_code == 2
    assert "sys.set_int_max_str_digits" not in result.stderr
    assert len(result.stderr) < 300


def test_too_many_values_without_aliases_says_to_split_the_file() -> None:
    from stretchcli.core.yamlread import MAX_NODES, YamlSyntaxError, parse

    with pytest.raises(YamlSyntaxError) as caught:
        parse("[" + "1," * (MAX_NODES + 1) + "1]")
    assert "split it into files" in str(caught.value.message)


def test_a_time_before_year_1000_is_written_as_iso_8601() -> None:
    from datetime import datetime, timezone

    from stretchcli.core.durations import utc_text

    assert utc_text(datetime(2, 1, 1, tzinfo=timezone.utc)) == "0002-01-01T00:00:00Z"
    assert utc_text(datetime(2026, 11, 22, 3, 4, 5, tzinfo=timezone.utc)) == (
        "2026-11-22T03:04:05Z"
    )


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"name: X": "name: X\n    setup: " + "word " * 100}, "exercises.x.setup"),
        ({"hold: 10": "hold: 10\n    cues: [{at: start, say: " + "word " * 100 + "}]"},
         "exercises.x.cues[0].say"),
    ],
)  # fmt: skip
def test_text_said_aloud_is_short_enough_to_say(change: dict[str, str], where: str) -> None:
    from stretchcli.core.loader import load_bytes

    text = ONE
    for old, new in change.items():
        text = text.replace(old, new)
    (problem,) = load_bytes(text.encode(), "s.yaml").problems
    assert problem.path == where
    assert problem.message == (
        "is too long to say during a session (499 characters; at most 300): put the rest in "
        "steps or tips"
    )
