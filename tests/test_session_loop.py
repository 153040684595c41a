"""The session loop, driven by a fake clock: what plain mode prints, and when it says it was."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
from rich.console import Console

from stretchcli.core.coaching import NERVE_LINE, SAFETY_LINE
from stretchcli.core.coaching import Sound as SoundKind
from stretchcli.core.engine import Command
from stretchcli.core.model import (
    Cue,
    CueTime,
    Exercise,
    ExerciseItem,
    Origin,
    Outcome,
    Routine,
    Sides,
    Span,
)
from stretchcli.core.timeline import build_plan
from stretchcli.ui.session_loop import SessionResult, run_session
from stretchcli.ui.signals import Suspension
from stretchcli.ui.sound import Sound
from tests.fakes import FakeClock

HERE = Origin("test.yaml", 1, 1)
LUNGE = Exercise(
    "lunge",
    "Lunge",
    ("glutes",),
    Span(20, 20),
    ("Step forward.",),
    HERE,
    sides=Sides.BOTH,
    cues=(Cue(CueTime("from-start", 10), "Breathe out."),),
)
PLAN = build_plan(
    Routine(id="r", name="R", items=(ExerciseItem("lunge", HERE),), origin=HERE, prep=Span(5, 5)),
    {"lunge": LUNGE},
)


def without_pauses(lines: list[str]) -> list[str]:
    return [line for line in lines if not line.endswith(("(space to resume)", "resumed"))]


def run_plain(clock: FakeClock) -> tuple[list[str], Outcome]:
    out = io.StringIO()
    console = Console(file=out, width=80, color_system=None)
    result = run_session(
        PLAN,
        {"lunge": LUNGE},
        console,
        Sound(None, speaker=None),
        live=False,
        now=clock.now,
        wait=clock.wait,
    )
    return out.getvalue().splitlines(), result.outcome


ON_TIME = [
    f"[00:00] safety: {SAFETY_LINE} {NERVE_LINE}",
    "[00:00] prep  Get ready: Lunge  5s",
    "[00:00]   1. Step forward.",
    "[00:05] hold  Lunge  RIGHT side  20s",
    "[00:15]   cue: Breathe out.",
    "[00:25] switch  Switch to the left side  5s",
    "[00:30] hold  Lunge  LEFT side  20s",
    "[00:40]   cue: Breathe out.",
]


def test_plain_lines_follow_the_plan() -> None:
    lines, outcome = run_plain(FakeClock())
    assert lines == ON_TIME
    assert outcome is Outcome.COMPLETED


def test_a_stall_shifts_no_stamp_of_a_cue_or_a_step() -> None:
    # The wake-up for the cue at 00:15 comes 2 s late, and so does the one at 00:40
    # (which also carries the end of the session past its time).
    lines, outcome = run_plain(FakeClock(stalls=[(15.0, 2.0), (40.0, 7.0)]))
    assert lines == ON_TIME
    assert outcome is Outcome.COMPLETED


def test_a_stall_past_several_steps_prints_each_at_its_own_time() -> None:
    lines, _ = run_plain(FakeClock(stalls=[(5.0, 40.0)]))
    assert lines == ON_TIME


def test_a_quit_key_ends_the_session_where_it_is() -> None:
    lines, outcome = run_plain(FakeClock(keys=[(12.0, Command.QUIT)]))
    assert lines == ON_TIME[:4]
    assert outcome is Outcome.QUIT


def test_next_while_paused_starts_the_next_step_at_the_paused_moment() -> None:
    clock = FakeClock(keys=[(8.0, Command.TOGGLE_PAUSE), (20.0, Command.NEXT),
                            (30.0, Command.TOGGLE_PAUSE)])  # fmt: skip
    lines, outcome = run_plain(clock)
    # Paused at 00:08 (session time stands still), `next` there starts the switch at 00:08.
    assert lines[:7] == [
        *ON_TIME[:4],
        "[00:08] paused (space to resume)",
        "[00:08] switch  Switch to the left side  5s",
        "[00:08] resumed",
    ]
    assert outcome is Outcome.COMPLETED


def test_the_loop_sleeps_until_the_next_thing_to_do() -> None:
    clock = FakeClock()
    run_plain(clock)
    # At most once a second (the countdown's tick), never spinning on zero timeouts.
    assert len(clock.waits) <= PLAN.total_seconds + 2
    assert all(timeout is not None and 0 < timeout <= 1 for timeout in clock.waits)


def test_stamps_survive_float_rounding_of_a_large_clock() -> None:
    # On this clock reading, (start + 5) + 20 - start comes out a hair under 25: the
    # floor of that must still stamp the second the step was due.
    clock = FakeClock(start=1018.6378273586294)
    lines, _ = run_plain(clock)
    assert lines == ON_TIME
    # And waking at a cue's time finds it due: the loop never asks to wait for nothing.
    assert all(timeout is not None and timeout > 0 for timeout in clock.waits)


class CtrlZ:
    """Presses Ctrl-Z at `moment` (seconds after the start) while the loop waits; the
    process then stays stopped for `stopped_for` seconds of the clock."""

    def __init__(self, clock: FakeClock, moment: float, stopped_for: float) -> None:
        self.clock = clock
        self.moment = moment
        self.stopped_for = stopped_for
        self.suspension = Suspension(clock.now, stop=self.stop)
        self.events: list[str] = []

    def wait(self, timeout: float | None) -> list[Command]:
        due = self.clock.start + self.moment
        if self.moment >= 0 and (timeout is None or self.clock.time + timeout >= due):
            self.clock.time, self.moment = max(self.clock.time, due), -1
            self.suspension.ask()  # the loop is waiting: this wakes it
        return self.clock.wait(timeout)

    def stop(self) -> None:
        self.events.append("stopped")
        self.clock.time += self.stopped_for

    @contextlib.contextmanager
    def keyboard(self) -> Iterator[None]:
        self.events.append("keys taken")
        try:
            yield
        finally:
            self.events.append("keys handed back")


def run_with_ctrl_z(ctrl_z: CtrlZ, *, keyboard: bool) -> tuple[list[str], SessionResult]:
    out = io.StringIO()
    result = run_session(
        PLAN,
        {"lunge": LUNGE},
        Console(file=out, width=80, color_system=None),
        Sound(None, speaker=None),
        live=False,
        now=ctrl_z.clock.now,
        wait=ctrl_z.wait,
        keys=ctrl_z.keyboard if keyboard else None,
        suspension=ctrl_z.suspension,
    )
    return out.getvalue().splitlines(), result


def test_ctrl_z_stops_the_session_clock_while_the_process_is_stopped() -> None:
    # Stopped for ten minutes in the middle of the first hold, with no keyboard to
    # resume it: the session carries on where it stopped, every stamp as planned.
    ctrl_z = CtrlZ(FakeClock(), moment=12.0, stopped_for=600.0)
    lines, result = run_with_ctrl_z(ctrl_z, keyboard=False)
    assert lines == ON_TIME
    assert result.outcome is Outcome.COMPLETED
    assert ctrl_z.events == ["stopped"]
    assert result.summary.held_seconds == 40.0  # not 600 s of holding
    assert result.summary.elapsed_seconds == PLAN.total_seconds


def test_ctrl_z_hands_the_keyboard_back_and_resumes_still_paused() -> None:
    clock = FakeClock(keys=[(700.0, Command.TOGGLE_PAUSE)])  # space, well after `fg`
    ctrl_z = CtrlZ(clock, moment=12.0, stopped_for=600.0)
    lines, result = run_with_ctrl_z(ctrl_z, keyboard=True)
    assert ctrl_z.events == [
        "keys taken",
        "keys handed back",
        "stopped",
        "keys taken",
        "keys handed back",
    ]
    # Paused at 00:12: the rest of the session came after the space, on time from there.
    assert without_pauses(lines) == ON_TIME
    assert "[00:12] paused (space to resume)" in lines
    assert result.outcome is Outcome.COMPLETED
    assert result.summary.held_seconds == 40.0
    # Waiting while paused blocks on the keyboard: nothing ticks while nobody is there.
    assert None in clock.waits


def test_ctrl_z_while_paused_leaves_it_paused() -> None:
    clock = FakeClock(keys=[(8.0, Command.TOGGLE_PAUSE), (900.0, Command.TOGGLE_PAUSE)])
    ctrl_z = CtrlZ(clock, moment=50.0, stopped_for=600.0)  # 50 s into the pause
    lines, result = run_with_ctrl_z(ctrl_z, keyboard=True)
    assert ctrl_z.events.count("stopped") == 1
    assert without_pauses(lines) == ON_TIME
    assert result.summary.held_seconds == 40.0


def test_ctrl_c_keeps_the_part_of_the_hold_already_done() -> None:
    clock = FakeClock()

    def wait(timeout: float | None) -> list[Command]:
        if clock.time >= clock.start + 12.0:
            raise KeyboardInterrupt  # 7 s into the right side's hold
        return clock.wait(timeout)

    out = io.StringIO()
    result = run_session(
        PLAN, {"lunge": LUNGE}, Console(file=out), Sound(None, speaker=None),
        live=False, now=clock.now, wait=wait,
    )  # fmt: skip
    assert result.outcome is Outcome.INTERRUPTED
    assert result.summary.held_seconds == 7.0


def test_tapping_next_to_the_end_is_recorded_as_quit_not_completed() -> None:
    taps = [(0.5 * n, Command.NEXT) for n in range(1, len(PLAN.steps) + 1)]
    lines, outcome = run_plain(FakeClock(keys=taps))
    assert outcome is Outcome.QUIT
    steps = [line for line in lines if line.split()[1] in {"prep", "hold", "switch"}]
    assert len(steps) == len(PLAN.steps)  # it did go through every step


def test_a_signal_while_stopped_records_the_session_as_it_was_when_stopped() -> None:
    from stretchcli.ui.signals import Terminated

    class ClosedWhileStopped(CtrlZ):
        def stop(self) -> None:
            self.clock.time += 600.0
            raise Terminated(1)  # SIGHUP: the window closed while stopped

    ctrl_z = ClosedWhileStopped(FakeClock(), moment=12.0, stopped_for=0.0)
    _, result = run_with_ctrl_z(ctrl_z, keyboard=True)
    assert result.outcome is Outcome.TERMINATED
    assert result.exit_code == 129
    assert result.summary.held_seconds == 7.0  # 00:05 to 00:12, not the ten minutes after
    assert result.summary.elapsed_seconds == 12.0


def test_a_stop_no_handler_saw_is_left_out_once_continued() -> None:
    # SIGSTOP at about 00:12, SIGCONT ten minutes later: the loop last waited until 00:13
    # at most (it wakes each second), so at most a second of the stop is counted.
    clock = FakeClock()
    suspension = Suspension(clock.now, stop=lambda: pytest.fail("already stopped"))
    continued = []

    def wait(timeout: float | None) -> list[Command]:
        if not continued and clock.time >= clock.start + 12.0:
            continued.append(True)
            clock.time += 600.0
            suspension.continued()  # what SIGCONT does
        return clock.wait(timeout)

    result = run_session(
        PLAN, {"lunge": LUNGE}, Console(file=io.StringIO()), Sound(None, speaker=None),
        live=False, now=clock.now, wait=wait, suspension=suspension,
    )  # fmt: skip
    assert result.outcome is Outcome.COMPLETED
    assert result.summary.held_seconds == 40.0
    assert result.summary.elapsed_seconds <= PLAN.total_seconds + 1.0


class LoggedSound(Sound):
    """A voice that only writes down what it was asked to do."""

    def __init__(self) -> None:
        super().__init__(None, speaker="logged")
        self.log: list[str] = []

    def say(self, text: str, *, keep: bool = False) -> None:
        self.log.append(f"say {text}" + ("" if keep else " (a cue or count)"))

    def play(self, sound: SoundKind) -> None:
        self.log.append(f"play {sound.value}")

    def hush(self) -> None:
        self.log.append("hush")

    def drain(self, limit: float) -> None:
        assert limit > 0
        self.log.append("drain")  # the last words said, then all stopped


def test_the_session_is_announced_and_nothing_is_cut_without_a_key() -> None:
    clock = FakeClock()
    sound = LoggedSound()
    run_session(
        PLAN, {"lunge": LUNGE}, Console(file=io.StringIO()), sound,
        live=False, now=clock.now, wait=clock.wait,
    )  # fmt: skip
    # A 5 s prep has no time for the first step after the safety line: it is left out.
    assert sound.log[:2] == ["play get-ready", f"say {SAFETY_LINE} {NERVE_LINE} Next: Lunge."]
    assert "say Right side. Lunge, 20 seconds." in sound.log
    assert "say Breathe out. (a cue or count)" in sound.log
    assert "say Switch to the left side." in sound.log
    assert sound.log.count("say three (a cue or count)") == 2
    assert sound.log[-3:] == ["play done", "say Session complete.", "drain"]
    # Only the end of the session stops the voice (what is left of it, if anything).
    assert sound.log.count("hush") == 0


def test_a_key_that_moves_on_cuts_the_voice_short() -> None:
    clock = FakeClock(keys=[(7.0, Command.NEXT)])
    sound = LoggedSound()
    run_session(
        PLAN, {"lunge": LUNGE}, Console(file=io.StringIO()), sound,
        live=False, now=clock.now, wait=clock.wait,
    )  # fmt: skip
    hush = sound.log.index("hush")
    assert sound.log[hush + 1 : hush + 3] == ["play switch", "say Switch to the left side."]


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="pseudo-terminals are POSIX")
def test_after_the_window_closed_what_is_left_to_write_goes_nowhere_and_fails_nothing() -> None:
    # Standard output on a terminal whose window has closed fails every write (EIO): what
    # is left (the summary, Python's last flush at exit, which would exit 120) must not.
    gone = (
        "import os, sys\n"
        "from stretchcli.ui.session_loop import leave_the_gone_terminal\n"
        "master, slave = os.openpty()\n"
        "os.dup2(slave, 1)\n"
        "os.close(master)\n"
        "try:\n"
        "    os.write(1, b'x')\n"
        "    sys.exit(3)  # the terminal was meant to be gone\n"
        "except OSError:\n"
        "    pass\n"
        "leave_the_gone_terminal()\n"
        "os.write(1, b'Session terminated\\n')\n"
        "print('and at exit')\n"
    )
    ran = subprocess.run([sys.executable, "-c", gone], stderr=subprocess.PIPE, check=False)
    assert (ran.returncode, ran.stderr) == (0, b"")
    # Output to a pipe or a file is not the terminal: it is left as it is.
    piped = "from stretchcli.ui.session_loop import leave_the_gone_terminal\n"
    piped += "leave_the_gone_terminal()\nprint('kept')\n"
    kept = subprocess.run([sys.executable, "-c", piped], capture_output=True, check=True)
    assert kept.stdout == b"kept\n"
