"""`stretch remind install`, `uninstall` and `status`: the files, and the scheduler's commands
(a recording stand-in, and a stand-in `systemctl` on PATH for the real command line)."""

from __future__ import annotations

import os
import plistlib
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from stretchcli.commands.schedule import Scheduling, install, status, uninstall
from stretchcli.core.errors import StretchError
from stretchcli.storage import scheduler
from tests.commands.conftest import Captured
from tests.conftest import Result


class Scheduler:
    """Records each command; answers with `code`."""

    def __init__(self, code: int = 0, said: str = "") -> None:
        self.code, self.said = code, said
        self.commands: list[list[str]] = []

    def __call__(self, words: Sequence[str]) -> tuple[int, str]:
        self.commands.append(list(words))
        return self.code, self.said


@pytest.fixture
def config_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Path:
    request.getfixturevalue("stretch_home")  # and STRETCHCLI_HOME in a folder of its own
    folder = tmp_path / "xdg-config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    return folder / "systemd" / "user"


def test_install_writes_a_timer_and_service_and_turns_the_timer_on(config_home: Path) -> None:
    out = Captured()
    systemd = Scheduler()
    assert install(out, Scheduling(systemd, "linux")) == 0
    service, timer = (
        config_home / "stretchcli-nudge.service",
        config_home / "stretchcli-nudge.timer",
    )
    assert out.stdout_text.splitlines()[:2] == [f"wrote {service}", f"wrote {timer}"]
    assert systemd.commands == [
        ["systemctl", "--user", "daemon-reload"],
        ["systemctl", "--user", "enable", "--now", "stretchcli-nudge.timer"],
    ]
    assert f'ExecStart="{sys.executable}" "-m" "stretchcli" "nudge"' in service.read_text()
    assert "Persistent=true" in timer.read_text()  # catches up after sleep
    assert "reminders are off" in out.stderr_text  # and says what else is needed
    assert {p.name for p in config_home.parent.parent.rglob("*") if p.is_file()} == {
        service.name,
        timer.name,
    }  # nothing else written in the config folder


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_the_unit_files_pass_systemd_analyze_verify(config_home: Path, tmp_path: Path) -> None:
    install(Captured(), Scheduling(Scheduler(), "linux"))
    env = {**os.environ, "XDG_RUNTIME_DIR": str(tmp_path)}

    def verify(*names: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["systemd-analyze", "--user", "verify", *names], cwd=config_home,
                              env=env, capture_output=True, text=True, check=False)  # fmt: skip

    checked = verify("stretchcli-nudge.timer", "stretchcli-nudge.service")
    assert (checked.returncode, checked.stdout + checked.stderr) == (0, "")
    # The check can fail: a unit with a mistake in it does.
    (config_home / "broken.service").write_text("[Service]\nExecStart=relative/path\n")
    assert verify("broken.service").returncode != 0


def test_without_a_scheduler_the_files_stay_with_how_to_turn_them_on(config_home: Path) -> None:
    out = Captured()
    unreachable = Scheduler(1, "Failed to connect to bus: No medium found")
    assert install(out, Scheduling(unreachable, "linux")) == 1
    assert (config_home / "stretchcli-nudge.timer").exists()
    assert "could not reach the scheduler (systemctl --user daemon-reload: Failed to connect" in (
        out.stderr_text
    )
    assert "systemctl --user enable --now stretchcli-nudge.timer" in out.stderr_text
    shown = Captured()
    status(shown, Scheduling(Scheduler(3), "linux"))
    assert shown.stdout_text.startswith("scheduled job: installed but not on (turn it on with:")
    removed = Captured()
    assert uninstall(removed, Scheduling(Scheduler(1), "linux")) == 0  # still removes them
    assert not list(config_home.iterdir())


def test_uninstall_removes_only_what_install_wrote(config_home: Path) -> None:
    config_home.mkdir(parents=True)
    theirs = config_home / "stretchcli-nudge.timer"
    theirs.write_text("[Timer]\nOnCalendar=daily\n")
    with pytest.raises(StretchError, match="exists and stretchcli did not write it: left alone"):
        install(Captured(), Scheduling(Scheduler(), "linux"))
    out = Captured()
    uninstall(out, Scheduling(Scheduler(), "linux"))
    assert theirs.read_text() == "[Timer]\nOnCalendar=daily\n"
    assert "was not written by stretchcli: left alone" in out.stderr_text


@pytest.mark.usefixtures("config_home")
def test_status_says_whether_the_job_is_on() -> None:
    out = Captured()
    status(out, Scheduling(Scheduler(4), "linux"))
    assert out.stdout_text.splitlines() == [
        "scheduled job: not installed (`stretch remind install`)",
        "next break: none, reminders are off in config.yaml",
    ]
    install(Captured(), Scheduling(Scheduler(), "linux"))
    on = Captured()
    status(on, Scheduling(Scheduler(0), "linux"))
    assert on.stdout_text.splitlines()[0] == "scheduled job: installed and on"


def test_macos_gets_a_launchd_agent_and_windows_a_task(tmp_path: Path) -> None:
    agent = scheduler.job("darwin", tmp_path)
    ((path, text),) = agent.files.items()
    assert path == tmp_path / "Library" / "LaunchAgents" / "org.stretchcli.nudge.plist"
    parsed = plistlib.loads(text.encode())
    assert parsed["ProgramArguments"] == [sys.executable, "-m", "stretchcli", "nudge"]
    assert parsed["StartInterval"] == 60
    assert agent.enable == [["launchctl", "load", "-w", str(path)]]
    task = scheduler.job("win32", tmp_path)
    assert task.files == {}
    assert task.enable[0][:8] == ["schtasks", "/Create", "/F", "/SC", "MINUTE", "/MO", "1", "/TN"]


@pytest.mark.usefixtures("config_home")
def test_the_command_line_runs_systemctl_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Callable[..., Result]
) -> None:
    log = tmp_path / "systemctl.log"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    stand_in = bin_dir / "systemctl"
    stand_in.write_text(f'#!/bin/sh\necho "$@" >> {log}\n')
    stand_in.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(sys, "platform", "linux")
    result = run("remind", "install")
    assert result.exit_code == 0, result.stderr
    assert log.read_text().splitlines() == [
        "--user daemon-reload",
        "--user enable --now stretchcli-nudge.timer",
    ]
    assert run("remind", "uninstall").exit_code == 0
    assert log.read_text().splitlines()[2:] == [
        "--user disable --now stretchcli-nudge.timer",
        "--user daemon-reload",
    ]


def test_a_fifo_or_a_link_in_the_way_is_refused_not_opened_or_replaced(config_home: Path) -> None:
    config_home.mkdir(parents=True)
    fifo = config_home / "stretchcli-nudge.service"
    os.mkfifo(fifo)
    with pytest.raises(StretchError, match="stretchcli did not write it: left alone"):
        install(Captured(), Scheduling(Scheduler(), "linux"))  # at once: the FIFO is not read
    shown = Captured()
    status(shown, Scheduling(Scheduler(0), "linux"))
    assert shown.stdout_text.startswith("scheduled job: not installed")
    fifo.unlink()
    link = config_home / "stretchcli-nudge.timer"
    link.symlink_to(config_home / "nowhere")
    with pytest.raises(StretchError, match="left alone"):
        install(Captured(), Scheduling(Scheduler(), "linux"))
    assert link.is_symlink()


def test_uninstall_leaves_a_job_of_the_same_name_that_is_not_ours_on(config_home: Path) -> None:
    config_home.mkdir(parents=True)
    (config_home / "stretchcli-nudge.timer").write_text("[Timer]\nOnCalendar=daily\n")
    systemd = Scheduler()
    uninstall(Captured(), Scheduling(systemd, "linux"))
    assert ["systemctl", "--user", "disable", "--now", "stretchcli-nudge.timer"] not in (
        systemd.commands
    )


def test_a_dollar_in_the_home_folder_is_kept_as_it_is(
    config_home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("STRETCHCLI_HOME", str(tmp_path / "my$home 100%"))
    install(Captured(), Scheduling(Scheduler(), "linux"))
    service = (config_home / "stretchcli-nudge.service").read_text()
    assert f'Environment="STRETCHCLI_HOME={tmp_path}/my$home 100%%"' in service
