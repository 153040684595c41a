"""`stretch session` off a terminal: one flushed line per step, then a summary."""

from __future__ import annotations

import json
import os
import re
import signal
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result
from tests.fakes import signalled_session

Run = Callable[..., Result]
STRETCH = Path(sys.executable).parent / "stretch"
STEP_LINE = re.compile(r"^\[(\d\d):(\d\d)\] (\S+)  ")


def step_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if STEP_LINE.match(line) and "cue:" not in line]


def test_a_whole_session_prints_every_step_at_its_planned_time(run: Run) -> None:
    planned = json.loads(run("plan", "upper-glutes", "--json").stdout)["steps"]
    result = run("session", "upper-glutes", "--speed", "1000", "--no-sound")
    assert result.exit_code == 0
    lines = step_lines(result.stdout)
    assert len(lines) == len(planned)
    start = 0
    for line, step in zip(lines, planned, strict=True):
        match = STEP_LINE.match(line)
        assert match is not None
        minutes, seconds, kind = match.groups()
        assert (int(minutes) * 60 + int(seconds), kind) == (start, step["kind"])
        start += step["seconds"]
    assert lines[1] == "[00:10] hold  Standing Glute Stretch  RIGHT side  20s"
    assert "[00:10]   cue: " in result.stdout
    everything = result.stdout.splitlines()
    assert everything[0].startswith("[00:00] safety: Ease in and never force a stretch.")
    assert [line for line in everything if "safety:" in line] == everything[:1]  # once
    # Each prep gives what the first side means, the set-up and the numbered steps, and
    # each switch what the next side means, so NO_COLOR and a reader lose nothing.
    prep = everything.index("[00:00] prep  Get ready: Standing Glute Stretch  10s")
    assert everything[prep + 1] == (
        "[00:00]   Right side: right ankle over the left knee, left foot down"
    )
    assert everything[prep + 2].startswith("[00:00]   set-up: Stand on your left leg")
    assert everything[prep + 3].startswith("[00:00]   1. ")
    switch = everything.index("[00:30] switch  Switch to the left side  5s")
    assert everything[switch + 1] == (
        "[00:30]   Left side: left ankle over the right knee, right foot down"
    )
    assert result.stdout.splitlines()[-4:] == [
        "Session completed: Upper Glutes",
        "Time holding stretches: 02:40",
        "Exercises done: 4 of 4, skipped: 0",
        "Total time: 03:53",
    ]


def test_options_shape_the_session_like_the_plan(run: Run) -> None:
    result = run("session", "pigeon-pose", "--sets", "2", "--hold", "5", "--prep", "0",
                 "--first-side", "left", "--speed", "500", "--no-sound")  # fmt: skip
    assert [line.split("  ")[0] for line in step_lines(result.stdout)] == [
        "[00:00] hold", "[00:05] switch", "[00:10] hold", "[00:15] set-rest", "[00:20] hold",
        "[00:25] switch", "[00:30] hold",
    ]  # fmt: skip
    assert "LEFT side" in step_lines(result.stdout)[0]


def test_voice_with_no_speech_program_warns_once_and_goes_on(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no say, espeak-ng, espeak or spd-say here
    result = run("session", "chair-glute-stretch", "--voice", "--speed", "1000")
    assert result.exit_code == 0
    assert result.stderr == (
        "stretch: warning: --voice found no speech program (say, espeak-ng, espeak, spd-say); "
        "going on without a voice\n"
    )
    assert "Session completed" in result.stdout


def test_an_unknown_target_fails_before_anything_starts(run: Run) -> None:
    result = run("session", "glutez")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith('stretch: error: no routine or exercise called "glutez"')


def test_no_bell_characters_in_output_that_is_not_a_terminal(run: Run) -> None:
    assert "\a" not in run("session", "chair-glute-stretch", "--speed", "1000").stdout


@pytest.mark.parametrize(
    ("sig", "code", "how"),
    [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")],
)
def test_a_signal_ends_the_session_with_its_summary(
    stretch_home: Path, sig: signal.Signals, code: int, how: str
) -> None:
    env = dict(os.environ, STRETCHCLI_HOME=str(stretch_home))
    process = signalled_session(env, [sig])  # sent once its first step shows
    out, err = process.communicate(timeout=30)
    assert process.returncode == code
    assert f"Session {how}: Glutes and Hips" in out.decode()
    assert "Traceback" not in err.decode()


def test_starting_on_the_left_the_set_up_and_steps_are_for_the_left(run: Run) -> None:
    result = run("session", "pigeon-pose", "--first-side", "left", "--sets", "1",
                 "--speed", "1000", "--no-sound")  # fmt: skip
    lines = result.stdout.splitlines()
    assert "[00:00]   Left side: left knee forward, right leg back" in lines
    set_up = next(line for line in lines if "set-up:" in line)
    assert "bring the left knee behind the left wrist" in set_up
    assert "toward the right hip" in set_up
    assert any("2. Slide your left knee forward" in line for line in lines)
