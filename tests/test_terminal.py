"""The real `stretch session` in a pseudo-terminal, read through a terminal emulator.

What a person would see and do: the countdown running, the switch to the left
side, a space that freezes the screen, q that ends with a summary, and the
terminal's settings as they were. The session runs at --speed 4 on a short
plan; every wait is for something to appear on the screen, with a generous
limit, so a slow machine makes the test slower, not flaky.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")
pyte = pytest.importorskip("pyte")

from stretchcli.ui.big_digits import big_digits  # noqa: E402 - after the skips above

STRETCH = Path(sys.executable).parent / "stretch"
LIMIT = 30.0  # seconds to wait for what should appear; a slow machine only waits longer

pytestmark = pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals are POSIX")


class Terminal:
    """A shell in a pseudo-terminal (80x24 unless asked), its output kept on an emulated
    screen."""

    def __init__(self, home: Path, columns: int = 80, lines: int = 24) -> None:
        self.home = home
        self.screen = pyte.Screen(columns, lines)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = b""  # everything written, for what pyte does not emulate
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home),
            "STRETCHCLI_HOME": str(home / "stretch"),
            "TERM": "xterm-256color",
            "PS1": "$ ",
            "LANG": "C.UTF-8",
        }
        self.child = pexpect.spawn(
            "/bin/bash",
            ["--norc", "--noprofile"],
            env=env,
            dimensions=(lines, columns),
            cwd=str(home),
        )

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def pump(self, seconds: float = 0.05) -> None:
        with contextlib.suppress(pexpect.TIMEOUT):  # nothing new to show yet
            data = self.child.read_nonblocking(65536, timeout=seconds)
            self.raw += data
            self.stream.feed(data)

    def wait_for(self, seen: Callable[[str], bool], what: str) -> str:
        end = time.monotonic() + LIMIT
        while time.monotonic() < end:
            self.pump()
            if seen(self.text()):
                return self.text()
        raise AssertionError(f"never saw {what}; the screen:\n{self.text()}")

    def run(self, line: str) -> None:
        self.child.sendline(line)

    def run_session(self, args: str) -> None:
        """`stretch session ARGS`, then its exit code on the screen; the terminal's
        settings saved before and after, for `assert_settings_restored`."""
        self.run(f"stty -g > {self.home / 'stty-before'}")
        self.run(f"{STRETCH} session {args}; echo EXIT=$?; stty -g > {self.home / 'stty-after'}")

    def assert_settings_restored(self) -> None:
        after = self.home / "stty-after"
        self.wait_for(lambda _: after.exists() and after.read_text() != "", "stty saved")
        assert after.read_text() == (self.home / "stty-before").read_text()

    def close(self) -> None:
        self.child.close(force=True)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = Terminal(tmp_path)
    yield term
    term.close()


def countdown_rows(screen: str) -> list[str]:
    """The rows of the big countdown digits on the screen."""
    return [row for row in screen.splitlines() if "██" in row and "░" not in row]


def assert_frozen(terminal: Terminal, seconds: float) -> list[str]:
    """The countdown stays as it is for `seconds`; its rows."""
    # A frame may be half written when the caller saw it: take it once it is whole.
    terminal.pump(0.2)
    frozen = countdown_rows(terminal.text())
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        terminal.pump(0.1)
    assert countdown_rows(terminal.text()) == frozen
    return frozen


def test_a_session_as_a_person_sees_it(terminal: Terminal) -> None:
    terminal.run_session("pigeon-pose --sets 1 --prep 2 --hold 12 --speed 4 --no-sound")
    # The safety line before the first hold; waited for with the banner, as a frame may be
    # caught half written on a loaded machine.
    first = terminal.wait_for(
        lambda s: "G E T   R E A D Y" in s and "never force" in s, "the prep with its safety line"
    )
    assert "Pigeon Pose" in first

    held = terminal.wait_for(lambda s: "R I G H T   S I D E" in s, "the right side")
    assert "exercise 1 of 1" in held
    # The big countdown is on the screen, drawn in the block font...
    rows = countdown_rows(held)
    assert len(rows) == 5
    # ...and it runs.
    terminal.wait_for(lambda s: countdown_rows(s) != rows, "the countdown moving")

    terminal.wait_for(lambda s: "Switch to the left side" in s, "the switch")
    terminal.wait_for(lambda s: "L E F T   S I D E" in s, "the left side")

    terminal.child.send(" ")
    terminal.wait_for(lambda s: "PAUSED" in s, "the pause")
    assert_frozen(terminal, 1.5)  # 6 s of session time at --speed 4

    terminal.child.send("q")
    # "EXIT=$?" is on screen from the typed command itself: wait for a real status.
    done = terminal.wait_for(lambda s: re.search(r"EXIT=\d", s) is not None, "the end")
    assert "Session quit: Pigeon Pose" in done
    assert "EXIT=0" in done
    terminal.assert_settings_restored()


def test_the_countdown_font_shows_the_remaining_seconds(terminal: Terminal) -> None:
    terminal.run(f"{STRETCH} session seated-figure-four --prep 2 --hold 20 --speed 1 --no-sound")
    terminal.wait_for(lambda s: "R I G H T   S I D E" in s, "the hold")
    # At --speed 1 the hold shows 0:20 and counts down a second at a time.
    wanted = [big_digits(f"0:{n:02d}") for n in (19, 18, 17)]
    screen = terminal.wait_for(
        lambda s: any(all(r.strip() in s for r in digits) for digits in wanted),
        "0:19, 0:18 or 0:17 in big digits",
    )
    assert "set 1 of 1" not in screen  # counts show only when there are several
    terminal.child.sendcontrol("c")
    # The summary, then the one-line notice: wait for the last of them to be shown.
    done = terminal.wait_for(lambda s: "stretch: interrupted" in s, "the end after Ctrl-C")
    assert "Session interrupted: Seated Figure-Four Stretch" in done


def test_ctrl_backslash_restores_the_terminal_and_records_the_session(
    terminal: Terminal, tmp_path: Path
) -> None:
    terminal.run_session("pigeon-pose --prep 2 --hold 30 --no-sound")
    terminal.wait_for(lambda s: "G E T   R E A D Y" in s, "the session")
    terminal.child.send("\x1c")  # Ctrl-\: SIGQUIT, which killed the session outright before
    done = terminal.wait_for(lambda s: re.search(r"EXIT=\d", s) is not None, "the end")
    assert "Session terminated: Pigeon Pose" in done
    assert "EXIT=131" in done
    terminal.assert_settings_restored()
    saved = tmp_path / "history.json"
    terminal.run(f"{STRETCH} history --json > {saved}.part && mv {saved}.part {saved}")
    terminal.wait_for(
        lambda _: saved.exists() and '"outcome": "terminated"' in saved.read_text(),
        "the session recorded as terminated",
    )


def test_ctrl_z_hands_the_terminal_back_and_fg_resumes_paused(
    terminal: Terminal, tmp_path: Path
) -> None:
    before, stopped = tmp_path / "stty-before", tmp_path / "stty-stopped"
    terminal.run(f"stty -g > {before}")
    terminal.run(f"{STRETCH} session pigeon-pose --prep 2 --hold 30 --speed 4 --no-sound")
    terminal.wait_for(lambda s: "R I G H T   S I D E" in s, "the hold")
    written = len(terminal.raw)
    terminal.child.sendcontrol("z")
    # The shell has the terminal back, as it was: off the alternate screen (which pyte
    # does not emulate, so read what was written), the cursor shown, echo on.
    terminal.wait_for(lambda s: "Stopped" in s, "the shell's word that it stopped")
    handed_back = terminal.raw[written:]
    assert b"\x1b[?1049l" in handed_back
    assert b"\x1b[?25h" in handed_back
    terminal.run(f"stty -g > {stopped}")
    terminal.wait_for(lambda _: stopped.exists() and stopped.read_text() != "", "stty saved")
    assert stopped.read_text() == before.read_text()

    terminal.run("fg")
    paused = terminal.wait_for(lambda s: "PAUSED" in s, "the session, redrawn and paused")
    assert "R I G H T   S I D E" in paused
    frozen = assert_frozen(terminal, 1.0)  # 4 s of session time at --speed 4
    # Keys work again at once, with no Enter: a space resumes, q quits.
    terminal.child.send(" ")
    terminal.wait_for(lambda s: "PAUSED" not in s and countdown_rows(s) != frozen, "resumed")
    terminal.child.send("q")
    terminal.wait_for(lambda s: "Session quit: Pigeon Pose" in s, "the summary")


def test_plain_mode_on_a_terminal_reads_keys_without_echo(terminal: Terminal) -> None:
    terminal.run_session("pigeon-pose --plain --prep 1 --hold 30 --no-sound")
    terminal.wait_for(lambda s: "RIGHT side" in s, "the first hold, one line")
    terminal.child.send(" ")
    paused = terminal.wait_for(lambda s: "paused (space to resume)" in s, "the pause line")
    assert "RIGHT side" in paused
    terminal.child.send("n")  # to the switch, still paused: a line for it
    terminal.wait_for(lambda s: "switch  Switch to the left side" in s, "next, without Enter")
    terminal.child.send("q")
    done = terminal.wait_for(lambda s: re.search(r"EXIT=\d", s) is not None, "the end")
    assert "Session quit: Pigeon Pose" in done
    assert "EXIT=0" in done
    # No key was echoed onto the lines.
    assert not any(line.rstrip().endswith((" n", " q")) for line in done.splitlines())
    terminal.assert_settings_restored()


def test_cautions_are_read_and_answered_before_the_full_screen_covers_them(
    terminal: Terminal,
) -> None:
    (terminal.home / "stretch").mkdir()
    (terminal.home / "stretch" / "config.yaml").write_text("conditions: [hip-replacement]\n")
    terminal.run_session("hips --prep 2 --speed 4 --no-sound")
    asked = terminal.wait_for(lambda s: "Leave out the exercises" in s, "the question")
    assert "stretch: caution: Pigeon Pose (hip-replacement)" in asked
    assert "[Y/n]" in asked
    terminal.child.send("\r")  # Enter: yes, the safe default
    # Of the hip openers, only the kneeling side bend has no caution for a hip replacement.
    shown = terminal.wait_for(lambda s: "Kneeling Side Bend" in s, "the first exercise")
    assert "Deep Lunge" not in shown
    terminal.child.send("q")
    done = terminal.wait_for(lambda s: re.search(r"EXIT=\d", s) is not None, "the end")
    assert "EXIT=0" in done
    assert b"left out: Deep Lunge Glute Stretch; Pigeon Pose" in terminal.raw
    terminal.assert_settings_restored()


def reminders_due_now(terminal: Terminal) -> None:
    """A config.yaml whose first break of today is due at once (any time after 00:05)."""
    from datetime import datetime

    now = datetime.now().astimezone()
    if now.hour == 0 and now.minute < 6:
        pytest.skip("the first break of the day is not due until 00:05")
    home = terminal.home / "stretch"
    home.mkdir()
    (home / "config.yaml").write_text(
        'reminders:\n  every: 5m\n  active: "Mon-Sun 00:00-24:00"\n  snooze: 10m\n'
    )


def test_remind_in_a_terminal_snoozes_with_z_and_ctrl_c_ends_it(terminal: Terminal) -> None:
    reminders_due_now(terminal)
    # No notification server and no notify-send: the terminal's own notification.
    terminal.run("export PATH=/nonexistent:$PATH DBUS_SESSION_BUS_ADDRESS=")
    terminal.run(f"stty -g > {terminal.home / 'stty-before'}")
    terminal.run(f"{STRETCH} remind; echo EXIT=$?; stty -g > {terminal.home / 'stty-after'}")
    asked = terminal.wait_for(lambda s: "Enter starts it" in s, "the break prompt")
    assert "Desk Break (05:45) is due. Enter starts it · z snoozes 10m · x skips" in asked
    assert b"\x1b]777;notify;Time for a movement break;Desk Break (05:45)" in terminal.raw
    terminal.child.send("z")
    terminal.wait_for(lambda s: "next break" in s and "snoozed for 10m" in s, "the snooze")
    terminal.child.sendintr()
    done = terminal.wait_for(lambda s: re.search(r"EXIT=\d", s) is not None, "the end")
    assert "EXIT=130" in done
    terminal.assert_settings_restored()


def test_remind_keeps_reading_single_keys_after_ctrl_z_and_fg(terminal: Terminal) -> None:
    reminders_due_now(terminal)
    terminal.run("export PATH=/nonexistent:$PATH DBUS_SESSION_BUS_ADDRESS=")
    terminal.run(f"{STRETCH} remind; echo EXIT=$?")
    terminal.wait_for(lambda s: "Enter starts it" in s, "the break prompt")
    terminal.child.sendcontrol("z")
    terminal.wait_for(lambda s: "Stopped" in s, "the shell taking the terminal back")
    terminal.run("fg")
    terminal.pump(0.5)
    terminal.child.send("z")  # one key, no Enter: cbreak again after fg
    terminal.wait_for(lambda s: "snoozed for 10m" in s, "the snooze after fg")
    terminal.child.sendintr()
    terminal.wait_for(lambda s: re.search(r"EXIT=\d", s) is not None, "the end")


def test_a_check_in_is_answered_with_one_key_and_kept_in_the_history(terminal: Terminal) -> None:
    # At full speed, so that it is recorded: 1 s prep, 2 s a side, 1 s switch.
    terminal.run_session("seated-figure-four --prep 1 --hold 2 --switch 1 --no-sound")
    asked = terminal.wait_for(lambda s: "H O W   W A S   I T ?" in s, "the check-in")
    assert "Seated Figure-Four Stretch" in asked
    assert "1  easy" in asked
    assert "p  pain" in asked
    terminal.child.send("3")
    done = terminal.wait_for(lambda s: "EXIT=" in s, "the session's end")
    assert "EXIT=0" in done
    terminal.assert_settings_restored()
    terminal.run(f"{STRETCH} history --exercises --csv | tail -1 | cut -d, -f5,10")
    terminal.wait_for(lambda s: "seated-figure-four,too-much" in s, "the rating kept")


def test_closing_the_window_ends_the_session_recorded_with_its_check_ins(tmp_path: Path) -> None:
    # The session alone in a pseudo-terminal, as in a terminal window; closing the master
    # side is what closing the window does: SIGHUP, then SIGCONT, then a terminal that
    # fails every read and write.
    home = tmp_path / "stretch"
    errors = tmp_path / "stderr"
    command = (
        f"exec {STRETCH} session glutes --sets 1 --prep 1 --hold 2 --switch 1 --no-sound"
        f" 2> {errors}"
    )
    env = dict(os.environ, STRETCHCLI_HOME=str(home), TERM="xterm-256color")
    child = pexpect.spawn("/bin/sh", ["-c", command], env=env, dimensions=(24, 80))
    screen = pyte.Screen(80, 24)
    stream = pyte.ByteStream(screen)
    end = time.monotonic() + LIMIT
    warmed_up = answered = False
    while time.monotonic() < end:
        with contextlib.suppress(pexpect.TIMEOUT):
            stream.feed(child.read_nonblocking(65536, timeout=0.05))
        shown = "\n".join(screen.display)
        if not warmed_up and "Warm up" in shown:
            child.send("n")  # the routine's minute of warm-up, skipped
            warmed_up = True
        elif not answered and "H O W   W A S   I T ?" in shown:
            child.send("1")
            answered = True
        elif answered and "G E T   R E A D Y" in shown:
            break  # the next exercise's prep: the window closes now
    else:
        raise AssertionError(f"never reached the second exercise; the screen:\n{shown}")
    os.close(child.child_fd)
    _, status = os.waitpid(child.pid, 0)
    child.closed = True  # the descriptor is gone; pexpect must not close it again
    assert os.waitstatus_to_exitcode(status) == 129
    assert "Traceback" not in errors.read_text()
    shown_history = subprocess.run(
        [str(STRETCH), "history", "--exercises", "--json"],
        capture_output=True,
        env=env,
        check=True,
    )
    first = json.loads(shown_history.stdout)[0]
    assert first["rating"] == "easy"
    sessions = subprocess.run(
        [str(STRETCH), "history", "--json"], capture_output=True, env=env, check=True
    )
    assert json.loads(sessions.stdout)[0]["outcome"] == "terminated"


def test_a_dumb_terminal_gets_the_plain_lines(tmp_path: Path) -> None:
    env = dict(os.environ, STRETCHCLI_HOME=str(tmp_path / "stretch"), TERM="dumb")
    args = ["session", "pigeon-pose", "--sets", "1", "--prep", "1", "--hold", "2", "--no-sound"]
    child = pexpect.spawn(str(STRETCH), [*args, "--speed", "4"], env=env, dimensions=(24, 80))
    child.expect(pexpect.EOF, timeout=LIMIT)
    child.close()
    written = child.before
    assert child.exitstatus == 0
    assert b"\x1b[?1049h" not in written  # no full screen
    assert b"RIGHT side" in written
