"""`stretch remind install`, `uninstall` and `status`: the scheduled job that nudges.

install writes the job's files (listed on screen) and asks the platform's scheduler to
run `stretch nudge` every minute; where the scheduler cannot be reached (no systemd user
instance, as in many containers) the files stay, the command to turn them on is shown,
and the exit code is 1. uninstall turns the job off and removes exactly those files.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from stretchcli.core.errors import ExitCode, StretchError, os_reason
from stretchcli.core.reminders import when
from stretchcli.storage import scheduler
from stretchcli.storage.atomic import replace_with
from stretchcli.storage.paths import shown
from stretchcli.ui.output import Output

from .breaks import load_day


class Scheduling(NamedTuple):
    """Which scheduler, for whom: this platform's and this user's unless a test says."""

    runner: scheduler.Runner = scheduler.run
    platform: str | None = None
    home: Path | None = None

    def job(self) -> scheduler.Job:
        return scheduler.job(self.platform, self.home)


DEFAULT = Scheduling()


def install(out: Output, where: Scheduling = DEFAULT) -> ExitCode:
    runner, job = where.runner, where.job()
    for path in job.files:
        if scheduler.present(path) and not scheduler.ours(path):
            raise StretchError(f"{shown(path)} exists and stretchcli did not write it: left alone")
    for path, text in job.files.items():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            replace_with(path, text.encode())
        except OSError as error:
            raise StretchError(f"cannot write {shown(path)}: {os_reason(error)}") from None
        out.line(f"wrote {shown(path)}")
    for words in job.enable:
        code, said = runner(words)
        if code != 0:
            out.warn(
                f"stretch: could not reach the scheduler ({' '.join(words)}: "
                f"{said or f'exit code {code}'}); the files are written: turn the job on "
                f"with: {job.manual}"
            )
            return ExitCode.FAILURE
    out.line("installed: `stretch nudge` runs every minute and notifies when a break is due")
    if load_day(out).defaults.reminders is None:
        out.warn("stretch: warning: reminders are off in config.yaml: add `reminders: true`")
    return ExitCode.OK


def _ours(job: scheduler.Job) -> tuple[list[Path], bool]:
    """The job's files that install wrote, and whether the job is ours to turn on or off:
    a job of the same name whose files stretchcli did not write is left as it is."""
    written = [path for path in job.files if scheduler.ours(path)]
    return written, bool(written) or not job.files


def uninstall(out: Output, where: Scheduling = DEFAULT) -> ExitCode:
    runner, job = where.runner, where.job()
    if _ours(job)[1]:
        for words in job.disable:
            runner(words)  # not on, or no scheduler: removing the files is what counts
    removed = 0
    for path in job.files:
        if not scheduler.present(path):
            continue
        if not scheduler.ours(path):
            out.warn(f"stretch: warning: {shown(path)} was not written by stretchcli: left alone")
            continue
        try:
            path.unlink()
        except OSError as error:
            raise StretchError(f"cannot remove {shown(path)}: {os_reason(error)}") from None
        removed += 1
        out.line(f"removed {shown(path)}")
    if job.files and job.enable:
        runner(job.enable[0])  # systemd: forget the removed units (daemon-reload)
    out.line("uninstalled" if removed or not job.files else "nothing was installed")
    return ExitCode.OK


def status(out: Output, where: Scheduling = DEFAULT, now: datetime | None = None) -> ExitCode:
    runner, job = where.runner, where.job()
    written, ours = _ours(job)
    code, _ = runner(job.query) if ours else (1, "")
    if code == 0:
        state = "installed and on"
    elif written:
        state = f"installed but not on (turn it on with: {job.manual})"
    else:
        state = "not installed (`stretch remind install`)"
    out.line(f"scheduled job: {state}")
    for path in written:
        out.line(f"  {shown(path)}")
    day = load_day(out, now)
    due = day.due
    if day.defaults.reminders is None:
        out.line("next break: none, reminders are off in config.yaml")
    else:
        out.line(f"next break: {when(due, day.now) if due else 'none ahead'}")
    return ExitCode.OK
