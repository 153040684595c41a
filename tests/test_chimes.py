"""The session's sounds: real audio of the stated length, played by the player on PATH."""

from __future__ import annotations

import os
import time
import wave
from pathlib import Path

import pytest

from stretchcli.cli.app import sound_flag_as_option
from stretchcli.core.coaching import Sound
from stretchcli.core.model import SoundMode
from stretchcli.ui.chimes import RATE, TONES, Player, find_player, seconds_of, sound_file
from stretchcli.ui.sound import session_sound

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the fake player is a shell script")


def fake_player(folder: Path, name: str = "paplay") -> tuple[Path, Path]:
    """A player that logs the file it was asked to play, one line each."""
    log = folder / "played"
    player = folder / name
    player.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{log}"\n')
    player.chmod(0o755)
    return player, log


def wait_for_lines(log: Path, count: int) -> list[str]:
    deadline = time.monotonic() + 10  # a slow machine waits longer, never fails sooner
    while time.monotonic() < deadline:
        if log.exists() and len(lines := log.read_text().splitlines()) >= count:
            return lines
        time.sleep(0.01)
    raise AssertionError(f"the player logged {log.read_text() if log.exists() else 'nothing'}")


@pytest.mark.parametrize("sound", list(Sound))
def test_each_sound_is_a_real_wav_of_its_stated_length(sound: Sound, tmp_path: Path) -> None:
    path = sound_file(sound, tmp_path)
    assert path is not None
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, RATE)
        seconds = wav.getnframes() / wav.getframerate()
        frames = wav.readframes(wav.getnframes())
    assert seconds == pytest.approx(seconds_of(sound), abs=0.01)
    assert 0.04 <= seconds <= 1.0  # short: a cue, never a tune
    assert max(frames) > 0  # not silence


def test_the_sounds_differ_from_one_another(tmp_path: Path) -> None:
    contents = {sound_file(sound, tmp_path).read_bytes() for sound in Sound}  # type: ignore[union-attr]
    assert len(contents) == len(Sound)
    assert len({TONES[sound] for sound in Sound}) == len(Sound)


def test_each_event_plays_its_own_file_through_the_player(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    player, log = fake_player(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_player() == str(player)
    chimes = Player(str(player), tmp_path / "cache")
    for count, sound in enumerate((Sound.GET_READY, Sound.HOLD, Sound.DONE), start=1):
        assert chimes.play(sound)
        wait_for_lines(log, count)
    played = wait_for_lines(log, 3)
    chimes.stop()
    assert [Path(line).name for line in played] == ["get-ready.wav", "hold.wav", "done.wav"]


def test_chime_mode_without_a_player_falls_back_to_the_bell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setenv("PATH", str(tmp_path))  # no player here
    screen = io.StringIO()
    sound = session_sound(SoundMode.CHIME, False, screen, io.StringIO(), lambda _: None)
    sound.play(Sound.HOLD)
    assert screen.getvalue() == "\a"
    silent = session_sound(SoundMode.OFF, False, screen, io.StringIO(), lambda _: None)
    silent.play(Sound.HOLD)
    assert screen.getvalue() == "\a"


def test_the_old_sound_flag_still_means_sound_on() -> None:
    assert sound_flag_as_option(["session", "glutes", "--sound"]) == [
        "session", "glutes", "--sound=chime"
    ]  # fmt: skip
    assert sound_flag_as_option(["session", "glutes", "--sound", "--plain"]) == [
        "session", "glutes", "--sound=chime", "--plain"
    ]  # fmt: skip
    assert sound_flag_as_option(["session", "glutes", "--sound", "bell"]) == [
        "session", "glutes", "--sound", "bell"
    ]  # fmt: skip
    assert sound_flag_as_option(["new", "--", "--sound"]) == ["new", "--", "--sound"]


def test_a_wrong_sound_names_the_values(capsys: pytest.CaptureFixture[str]) -> None:
    from stretchcli.cli.app import main

    assert main(["session", "pigeon-pose", "--sound", "loud"]) == 2
    error = capsys.readouterr().err
    assert "Invalid value for '--sound'" in error
    assert "'chime', 'bell', 'off'" in error
