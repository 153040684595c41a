"""Every test runs with its own empty stretchcli home, never the real one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from stretchcli.cli.app import main
from tests.fakes import FakeClock


@pytest.fixture(autouse=True)
def stretch_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point STRETCHCLI_HOME at a temp folder and fix the output width."""
    home = tmp_path / "stretch-home"
    monkeypatch.setenv("STRETCHCLI_HOME", str(home))
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture
def user_routines(stretch_home: Path) -> Path:
    """The user's routines folder, created."""
    folder = stretch_home / "routines"
    folder.mkdir(parents=True)
    return folder


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run the real command line (`main`) and capture what it prints."""

    def _run(*args: str) -> Result:
        code = main(list(args))
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return _run


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """Sessions started through the command line run on a fake clock: no waiting at all."""
    from stretchcli.commands import session

    clock = FakeClock()
    monkeypatch.setattr(
        session, "session_timing", lambda _speed, _key_fd: session.Timing(clock.now, clock.wait)
    )
    return clock
