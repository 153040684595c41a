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
