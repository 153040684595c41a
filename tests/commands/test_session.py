"""`session` as a function on a fake clock: the summary, the exit code, the history row."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from stretchcli.commands.history import history
from stretchcli.commands.session import Timing, session
from stretchcli.core.engine import Command
from stretchcli.core.errors import ExitCode
from stretchcli.core.model import Span
from stretchcli.core.settings import SessionRequest
from stretchcli.core.timeline import PlanOptions
from tests.commands.conftest import Captured
from tests.fakes import FakeClock

SHORT = PlanOptions(hold=Span(4, 4), sets=Span(1, 1), prep=Span(0, 0), switch=Span(1, 1))
QUIET = SessionRequest(sound=False)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def on(clock: FakeClock) -> Timing:
    return Timing(clock.now, clock.wait)


def recorded() -> list[dict[str, object]]:
    output = Captured()
    history(output, None, None, as_json=True, as_csv=False)
    records: list[dict[str, object]] = json.loads(output.stdout_text)
    return records


def test_a_completed_session_is_summarised_and_recorded(output: Captured, clock: FakeClock) -> None:
    assert session(output, "pigeon-pose", None, SHORT, QUIET, [], on(clock)) is ExitCode.OK
    assert output.stdout_text.splitlines()[-4:] == [
        "Session completed: Pigeon Pose",
        "Time holding stretches: 00:08",
        "Exercises done: 1 of 1, skipped: 0",
        "Total time: 00:09",
    ]
    (row,) = recorded()
    assert (row["outcome"], row["held_seconds"], row["elapsed_seconds"]) == ("completed", 8.0, 9.0)


def test_quitting_is_a_success_and_recorded_as_quit(output: Captured, clock: FakeClock) -> None:
    clock.keys = [(2.0, Command.QUIT)]
    assert session(output, "pigeon-pose", None, SHORT, QUIET, [], on(clock)) is ExitCode.OK
    assert "Session quit: Pigeon Pose" in output.stdout_text
    assert [row["outcome"] for row in recorded()] == ["quit"]


def test_ctrl_c_mid_session_exits_130_and_keeps_the_hold(
    output: Captured, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    wait = clock.wait

    def interrupted_at_3s(timeout: float | None) -> list[Command]:
        if clock.time - clock.start >= 3.0:
            raise KeyboardInterrupt
        return wait(timeout)

    monkeypatch.setattr(clock, "wait", interrupted_at_3s)
    assert session(output, "pigeon-pose", None, SHORT, QUIET, [], on(clock)) is ExitCode.INTERRUPTED
    assert "Session interrupted: Pigeon Pose" in output.stdout_text
    (row,) = recorded()
    assert row["outcome"] == "interrupted"


def test_a_sped_up_session_is_not_recorded(output: Captured, clock: FakeClock) -> None:
    fast = QUIET._replace(speed=50.0)
    assert session(output, "pigeon-pose", None, SHORT, fast, [], on(clock)) is ExitCode.OK
    assert recorded() == []


def test_voice_with_no_speech_program_is_one_warning(
    output: Captured, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "")
    session(output, "pigeon-pose", None, SHORT, QUIET._replace(voice=True), [], on(clock))
    assert output.stderr_text.splitlines() == [
        "stretch: warning: --voice found no speech program (say, espeak-ng, espeak, spd-say); "
        "going on without a voice"
    ]


def test_a_person_who_keeps_the_cautioned_exercises_is_asked_once_and_not_nagged() -> None:
    from stretchcli.commands.loading import LEAVE_OUT_QUESTION, with_cautions_said
    from stretchcli.core.model import Condition
    from stretchcli.storage.library_files import load_library

    library = load_library()
    hips = library.routines["hips"]
    asked: list[tuple[str, bool]] = []

    def answer(no: bool) -> Callable[[str, bool], bool]:
        def ask(question: str, default: bool) -> bool:
            asked.append((question, default))
            return not no

        return ask

    kept_out = Captured()
    short = with_cautions_said(kept_out, hips, library, [Condition.HIP_REPLACEMENT], False,
                               answer(no=False))  # fmt: skip
    assert short.exercise_ids == ("kneeling-side-bend",)
    assert asked == [(LEAVE_OUT_QUESTION, True)]  # yes, leave them out, by default
    kept = Captured()
    whole = with_cautions_said(kept, hips, library, [Condition.HIP_REPLACEMENT], False,
                               answer(no=True))  # fmt: skip
    assert whole == hips
    # Asked and answered: no "--skip-cautioned" hint after the answer.
    assert "--skip-cautioned" not in kept.stderr_text
    assert "stretch: caution: Pigeon Pose (hip-replacement)" in kept.stderr_text
