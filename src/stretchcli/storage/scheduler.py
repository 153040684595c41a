"""The per-user scheduled job that runs `stretch nudge`: its files, and the scheduler's
own commands to turn it on and off.

Linux: a systemd user timer and service in `$XDG_CONFIG_HOME/systemd/user` (the timer
is Persistent, so a check missed while the machine slept runs when it wakes). macOS: a
launchd agent in `~/Library/LaunchAgents`. Windows: a Task Scheduler task (no file).
Nothing is written anywhere else, and every file written starts with MARK, so that
`uninstall` removes only what `install` wrote. Commands are lists of words: no shell.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

MARK = "Written by `stretch remind install`; `stretch remind uninstall` removes it."
UNIT = "stretchcli-nudge"
AGENT = "org.stretchcli.nudge"
CHECK_EVERY = 60  # seconds between two checks for a due break: nudge is cheap

# Runs a command: its words in, (exit code, what it printed) out.
Runner = Callable[[Sequence[str]], tuple[int, str]]


class Job(NamedTuple):
    """What `install` puts in place on one platform."""

    files: dict[Path, str]  # path -> text
    enable: list[list[str]]  # the scheduler's commands that turn it on, in order
    disable: list[list[str]]  # and off (failures ignored)
    query: list[str]  # exit 0 when it is on
    manual: str  # what to type where the scheduler cannot be reached


def run(words: Sequence[str]) -> tuple[int, str]:
    try:
        done = subprocess.run(list(words), capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return 127, str(error)
    return done.returncode, (done.stdout + done.stderr).strip()


def nudge_command() -> list[str]:
    """`stretch nudge` as this Python and this stretchcli run it."""
    return [sys.executable, "-m", "stretchcli", "nudge"]


def job(platform: str | None = None, home: Path | None = None) -> Job:
    """The job for `platform` (default: this one), under the user's `home` folder."""
    platform = platform or sys.platform
    home = home or Path.home()
    if platform == "darwin":
        return _launchd(home)
    if platform == "win32":
        return _task_scheduler()
    return _systemd(home)


def systemd_folder(home: Path) -> Path:
    config = os.environ.get("XDG_CONFIG_HOME", "").strip()
    return (Path(config) if config else home / ".config") / "systemd" / "user"


def _systemd_word(word: str, *, command: bool = True) -> str:
    """One quoted word as systemd reads it: "%" starts a specifier everywhere, "$" a
    variable only in a command line (ExecStart), not in Environment=."""
    escaped = word.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
    return '"' + (escaped.replace("$", "$$") if command else escaped) + '"'


def _environment() -> list[str]:
    """STRETCHCLI_HOME, when set, goes with the job: the same folders as this shell."""
    value = os.environ.get("STRETCHCLI_HOME", "").strip()
    setting = _systemd_word(f"STRETCHCLI_HOME={value}", command=False)
    return [f"Environment={setting}"] if value else []


def _systemd(home: Path) -> Job:
    folder = systemd_folder(home)
    service = "\n".join(
        [
            f"# {MARK}",
            "[Unit]",
            "Description=stretchcli: a movement-break notification, if one is due",
            "",
            "[Service]",
            "Type=oneshot",
            f"ExecStart={' '.join(_systemd_word(w) for w in nudge_command())}",
            *_environment(),
            # nudge waits up to two minutes for a press of Start or Snooze.
            "TimeoutStartSec=180",
            "",
        ]
    )
    timer = "\n".join(
        [
            f"# {MARK}",
            "[Unit]",
            "Description=stretchcli: check every minute whether a movement break is due",
            "",
            "[Timer]",
            "OnCalendar=minutely",
            "AccuracySec=10s",
            "Persistent=true",
            "",
            "[Install]",
            "WantedBy=timers.target",
            "",
        ]
    )
    systemctl = ["systemctl", "--user"]
    return Job(
        files={folder / f"{UNIT}.service": service, folder / f"{UNIT}.timer": timer},
        enable=[[*systemctl, "daemon-reload"], [*systemctl, "enable", "--now", f"{UNIT}.timer"]],
        disable=[[*systemctl, "disable", "--now", f"{UNIT}.timer"]],
        query=[*systemctl, "is-active", "--quiet", f"{UNIT}.timer"],
        manual=f"systemctl --user daemon-reload && systemctl --user enable --now {UNIT}.timer",
    )


def _launchd(home: Path) -> Job:
    import plistlib

    path = home / "Library" / "LaunchAgents" / f"{AGENT}.plist"
    agent: dict[str, object] = {
        "Label": AGENT,
        "ProgramArguments": nudge_command(),
        "StartInterval": CHECK_EVERY,
        "RunAtLoad": True,
    }
    value = os.environ.get("STRETCHCLI_HOME", "").strip()
    if value:
        agent["EnvironmentVariables"] = {"STRETCHCLI_HOME": value}
    body = plistlib.dumps(agent).decode()
    # The mark as an XML comment after the declaration: plist readers skip it.
    first, rest = body.split("\n", 1)
    text = f"{first}\n<!-- {MARK} -->\n{rest}"
    return Job(
        files={path: text},
        enable=[["launchctl", "load", "-w", str(path)]],
        disable=[["launchctl", "unload", "-w", str(path)]],
        query=["launchctl", "list", AGENT],
        manual=f"launchctl load -w {path}",
    )


def _task_scheduler() -> Job:
    action = subprocess.list2cmdline(nudge_command())
    create = ["schtasks", "/Create", "/F", "/SC", "MINUTE", "/MO", "1", "/TN", UNIT, "/TR", action]
    return Job(
        files={},
        enable=[create],
        disable=[["schtasks", "/Delete", "/F", "/TN", UNIT]],
        query=["schtasks", "/Query", "/TN", UNIT],
        manual=subprocess.list2cmdline(create),
    )


def ours(path: Path) -> bool:
    """Whether `path` is a file `install` wrote (it carries MARK). A link, a FIFO or a
    folder is never ours, and is not opened (a FIFO would hold the command up)."""
    import stat

    try:
        if not stat.S_ISREG(path.lstat().st_mode):
            return False
        with path.open(encoding="utf-8", errors="replace") as file:
            return MARK in file.read(4096)
    except OSError:
        return False


def present(path: Path) -> bool:
    """Whether anything is at `path`, a dangling link included."""
    return path.is_symlink() or path.exists()
