"""The session's sounds: short tones made here, played through the platform's player.

Each event has a sound of its own, so a person on the mat can tell them apart with
their eyes closed. The tones are synthesised with the standard library's `wave` (no
file is downloaded or shipped) into the user's stretchcli cache folder, once per
version of the tones, and played by the first player found: `pw-play`, `paplay` or
`aplay` on Linux, `afplay` on macOS, `winsound` on Windows. A player is started
without a shell and never waited for; at most one plays at a time.
"""

from __future__ import annotations

import contextlib
import math
import shutil
import struct
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from stretchcli.core.coaching import Sound
from stretchcli.storage.atomic import create_new
from stretchcli.storage.paths import cache_dir

RATE = 22050  # samples a second: plenty for short tones, and small files
VOLUME = 0.35  # of full scale: clear, never harsh
FADE = 0.008  # seconds of fade in and out, so no tone starts or ends with a click
TONES_VERSION = 1  # raise when a tone changes: the files are made again under a new name

# (frequency in Hz, seconds) for each tone in turn; 0 Hz is a silence.
TONES: dict[Sound, tuple[tuple[float, float], ...]] = {
    Sound.GET_READY: ((523.25, 0.12), (0, 0.04), (659.25, 0.16)),  # C5 then E5: rising
    Sound.HOLD: ((783.99, 0.28),),  # G5, one clear note: go
    Sound.TICK: ((1046.5, 0.05),),  # C6, a short click of a note
    Sound.SWITCH: ((659.25, 0.1), (0, 0.04), (523.25, 0.1), (0, 0.04), (659.25, 0.1)),
    Sound.REST: ((392.0, 0.4),),  # G4, low and long: ease off
    Sound.DONE: ((523.25, 0.14), (659.25, 0.14), (783.99, 0.14), (1046.5, 0.3)),  # arpeggio
}
PLAYERS = ("pw-play", "paplay", "aplay") if sys.platform.startswith("linux") else ("afplay",)


def seconds_of(sound: Sound) -> float:
    """How long `sound` lasts."""
    return sum(seconds for _, seconds in TONES[sound])


def samples(tones: Sequence[tuple[float, float]]) -> bytes:
    """16-bit mono PCM of the tones, one after the other."""
    frames = bytearray()
    for frequency, seconds in tones:
        count = round(seconds * RATE)
        fade = max(1, round(FADE * RATE))
        for index in range(count):
            envelope = min(1.0, index / fade, (count - 1 - index) / fade)
            value = math.sin(2 * math.pi * frequency * index / RATE) if frequency else 0.0
            frames += struct.pack("<h", round(32767 * VOLUME * envelope * value))
    return bytes(frames)


def wav_bytes(tones: Sequence[tuple[float, float]]) -> bytes:
    import io
    import wave

    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(samples(tones))
    return out.getvalue()


def sound_file(sound: Sound, folder: Path | None = None) -> Path | None:
    """The WAV file of `sound`, made on first use; None when it cannot be written."""
    folder = (folder or cache_dir()) / f"sounds-{TONES_VERSION}"
    path = folder / f"{sound.value}.wav"
    if path.is_file():
        return path
    try:
        folder.mkdir(parents=True, exist_ok=True)
        create_new(path, wav_bytes(TONES[sound]))
    except FileExistsError:
        pass  # another stretch made it meanwhile
    except OSError:
        return None  # a read-only or full cache: the bell stands in
    return path if path.is_file() else None


def find_player() -> str | None:
    """The first sound player on PATH ("winsound" on Windows), or None."""
    if sys.platform == "win32":
        return "winsound"
    for name in PLAYERS:
        path = shutil.which(name)
        if path is not None:
            return path
    return None


class Player:
    """Plays the session's sounds through `program`, one at a time, never waiting."""

    def __init__(self, program: str, folder: Path | None = None) -> None:
        self.program = program
        self.folder = folder
        self._playing: subprocess.Popen[bytes] | None = None

    def play(self, sound: Sound) -> bool:
        """Start `sound`; False when it cannot be (the caller rings the bell instead)."""
        path = sound_file(sound, self.folder)
        if path is None:
            return False
        self.stop()
        if self.program == "winsound":
            return _play_on_windows(path)
        try:
            self._playing = subprocess.Popen(
                [self.program, str(path)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # Ctrl-C is for stretch
            )
        except OSError:
            return False
        return True

    def wait(self, limit: float) -> None:
        """Let the sound playing finish, for at most `limit` seconds."""
        if self._playing is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._playing.wait(timeout=limit)

    def stop(self) -> None:
        """Cut a sound still playing: the newer one matters more (sounds are short)."""
        from .sound import kill_at_once

        playing, self._playing = self._playing, None
        if playing is not None:
            kill_at_once(playing)


def _play_on_windows(path: Path) -> bool:
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import winsound

        winsound.PlaySound(str(path), winsound.SND_FILENAME | winsound.SND_ASYNC)
        return True
    return False  # pragma: no cover - "winsound" is only ever found on Windows
