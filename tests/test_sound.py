"""Bell and speech: speech runs without a shell and never holds up the session."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest

from stretchcli.ui.sound import Sound, find_speaker


def fake_speaker(folder: Path, name: str, record: Path, *, pause: float = 0) -> Path:
    """A speech program that writes its arguments to `record`, then waits `pause` s."""
    script = folder / name
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{record}"\nsleep {pause}\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def test_the_bell_rings_on_the_terminal_and_nowhere_else() -> None:
    out = io.StringIO()
    Sound(out, speaker=None).bell()
    assert out.getvalue() == "\a"
    Sound(None, speaker=None).bell()  # no terminal: silently nothing


def test_the_first_speech_program_on_path_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_speaker() is None
    fake_speaker(tmp_path, "spd-say", tmp_path / "said")
    fake_speaker(tmp_path, "espeak-ng", tmp_path / "said")
    assert find_speaker() == str(tmp_path / "espeak-ng")


@pytest.mark.skipif(os.name != "posix", reason="the fake speaker is a shell script")
def test_speech_never_holds_up_the_session(tmp_path: Path) -> None:
    sound = Sound(None, speaker=str(fake_speaker(tmp_path, "say", tmp_path / "said", pause=30)))
    sound.say("Switch to the left side")
    process = sound._speaking
    assert process is not None
    assert process.poll() is None  # a 30 s speech is still going: say() did not wait
    sound.hush()
    assert process.wait(10) != 0  # hushed: stopped, not finished


@pytest.mark.skipif(os.name != "posix", reason="the fake speaker is a shell script")
def test_speech_text_is_one_argument_no_shell_reads(tmp_path: Path) -> None:
    record = tmp_path / "said"
    sound = Sound(None, speaker=str(fake_speaker(tmp_path, "espeak-ng", record)))
    text = 'Pigeon Pose; rm -rf "$HOME" && echo `whoami`'
    sound.say(text)
    assert sound._speaking is not None
    assert sound._speaking.wait(10) == 0
    assert record.read_text() == text + "\n"


@pytest.mark.skipif(os.name != "posix", reason="the fake speaker is a shell script")
@pytest.mark.parametrize(
    "text",
    ["- 5 seconds left", "-\u00a0-5 seconds left", "\u2014 -5 seconds left", "_-5 seconds left"],
)
def test_a_leading_dash_is_not_taken_for_an_option(tmp_path: Path, text: str) -> None:
    record = tmp_path / "said"
    sound = Sound(None, speaker=str(fake_speaker(tmp_path, "say", record)))
    sound.say(text)
    assert sound._speaking is not None
    sound._speaking.wait(10)
    assert record.read_text() == "5 seconds left\n"


def logging_speaker(folder: Path, pause: float) -> tuple[Path, Path]:
    """A speech program that appends each line it says to a log, taking `pause` s a line."""
    log = folder / "said.log"
    script = folder / "espeak-ng"
    script.write_text(f'#!/bin/sh\nsleep {pause}\nprintf "%s\\n" "$1" >> "{log}"\n')
    script.chmod(0o755)
    return script, log


@pytest.mark.skipif(os.name != "posix", reason="the fake speaker is a shell script")
def test_lines_queue_and_a_step_change_drops_only_cues(tmp_path: Path) -> None:
    speaker, log = logging_speaker(tmp_path, 0.2)
    sound = Sound(None, speaker=str(speaker))
    sound.say("Right side. Pigeon Pose, 30 seconds.", keep=True)
    sound.say("Breathe out.")  # a cue, waiting
    sound.say("Switch to the left side.", keep=True)  # the next step's announcement
    assert sound.waiting
    sound.forget_waiting()  # the step is over: the cue goes, the announcement stays
    sound.drain(10)
    assert log.read_text().splitlines() == [
        "Right side. Pigeon Pose, 30 seconds.",
        "Switch to the left side.",
    ]


@pytest.mark.skipif(os.name != "posix", reason="the fake speaker is a shell script")
def test_a_speech_program_that_hangs_is_stopped_and_said_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stuck = tmp_path / "espeak-ng"
    stuck.write_text("#!/bin/sh\ntrap '' TERM\nexec sleep 1000\n")
    stuck.chmod(0o755)
    sound = Sound(None, speaker=str(stuck))
    sound.say("One two three.")
    process = sound._speaking
    assert process is not None
    monkeypatch.setattr(sound, "_deadline", 0.0)  # as if ten times its estimate had passed
    sound.pump()
    assert process.wait(5) != 0  # killed, not left behind
    assert sound.speaker is None
    assert sound.trouble is not None
    assert "took far longer than a line should" in sound.trouble
    sound.say("Nothing more is tried.")
    assert sound._speaking is None


def test_a_speech_program_that_cannot_run_is_said_once(tmp_path: Path) -> None:
    sound = Sound(None, speaker=str(tmp_path / "gone"))
    sound.say("Right side.")
    assert sound.speaker is None
    assert sound.trouble is not None
    assert sound.trouble.startswith("stretch: warning: cannot run ")
