"""`session` as a function on a fake clock: the summary, the exit code, the history row."""

from __future__ import annotations

import json

import pytest

from stretchcli.commands.history import history
from stretchcli.commands.session import SessionRequest, session
from stretchcli.core.engine import Command
from stretchcli.core.errors import ExitCode
from stretchcli.core.model import Span
from stretchcli.core.timeline import PlanOptions
from tests.commands.conftest import Captured
from tests.fakes import FakeClock

SHORT = PlanOptions(hold=Span(4, 4), sets=Span(1, 1), prep=Span(0, 0), switch=Span(1, 1))
QUIET = SessionRequest(sound=False)


def recorded() -> list[dict[str, object]]:
    output = Captured()
    history(output, None, None, as_json=True, as_csv=False)
    records: list[dict[str, object]] = json.loads(output.stdout)
    return records


@pytest.mark.usefixtures("fake_clock")
def test_a_completed_session_is_summarised_and_recorded(output: Captured) -> None:
    assert session(output, "pigeon-pose", None, SHORT, QUIET, []) is ExitCode.OK
    assert output.stdout.splitlines()[-4:] == [
        "Session completed: Pigeon Pose",
        "Time holding stretches: 00:08",
        "Exercises done: 1 of 1, skipped: 0",
        "Total time: 00:09",
    ]
    (row,) = recorded()
    assert (row["outcome"], row["held_seconds"], row["elapsed_seconds"]) == ("completed", 8.0, 9.0)


def test_quitting_is_a_success_and_recorded_as_quit(
    output: Captured, fake_clock: FakeClock
) -> None:
    fake_clock.keys = [(2.0, Command.QUIT)]
    assert session(output, "pigeon-pose", None, SHORT, QUIET, []) is ExitCode.OK
    assert "Session quit: Pigeon Pose" in output.stdout
    assert [row["outcome"] for row in recorded()] == ["quit"]


def test_ctrl_c_mid_session_exits_130_and_keeps_the_hold(
    output: Captured, fake_clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    wait = fake_clock.wait

    def interrupted_at_3s(timeout: float | None) -> list[Command]:
        if fake_clock.time - fake_clock.start >= 3.0:
            raise KeyboardInterrupt
        return wait(timeout)

    monkeypatch.setattr(fake_clock, "wait", interrupted_at_3s)
    assert session(output, "pigeon-pose", None, SHORT, QUIET, []) is ExitCode.INTERRUPTED
    assert "Session interrupted: Pigeon Pose" in output.stdout
    (row,) = recorded()
    assert row["outcome"] == "interrupted"


@pytest.mark.usefixtures("fake_clock")
def test_a_sped_up_session_is_not_recorded(output: Captured) -> None:
    fast = QUIET._replace(speed=50.0)
    assert session(output, "pigeon-pose", None, SHORT, fast, []) is ExitCode.OK
    assert recorded() == []


@pytest.mark.usefixtures("fake_clock")
def test_voice_with_no_speech_program_is_one_warning(
    output: Captured, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "")
    session(output, "pigeon-pose", None, SHORT, QUIET._replace(voice=True), [])
    assert output.stderr.splitlines() == [
        "stretch: warning: --voice found no speech program (say, espeak-ng, espeak, spd-say); "
        "going on without a voice"
    ]
