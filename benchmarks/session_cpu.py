"""How much CPU does a running session take? Target: below 0.2 % of one core.

Times `stretch session upper-glutes --no-sound` (3 min 53 s at real speed) with
/usr/bin/time -v, twice: with --plain and its output
to a pipe, and as the live display in a pseudo-terminal (`script -qec`, 80x24, with
/usr/bin/time inside it, so the process measured is stretch and not script). What is not
the steady second-by-second work (start-up, the plan, each step's first full frame) is taken
off by timing the same routine with every step 1 s long (`--hold 1 --prep 1 --switch 1
--rest 1`: the same steps, a few seconds in all) the same way, three times (medians):

    CPU % = ((user + sys) - (short user + sys)) / (wall - short wall) * 100

    .venv/bin/python benchmarks/session_cpu.py           # the 3:53 session, each mode
    .venv/bin/python benchmarks/session_cpu.py --quick   # a 16 s session, for a smoke check

--quick runs sixteen 1 s steps: a new step every second is a heavier live redraw than a
real session's, so its live figure runs about twice the full one.

Needs /usr/bin/time (Debian: apt-get install time) and script (util-linux). Prints a
Markdown table; exits 1 when a mode is at or over 0.2 %, or a session did not complete.
"""

from __future__ import annotations

import argparse
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

TARGET_PERCENT = 0.2
FULL = ["upper-glutes"]  # 3 min 40 s
QUICK = shlex.split("upper-glutes --hold 1 --prep 1 --switch 1")  # 16 s
SHORTENED = shlex.split("--hold 1 --prep 1 --switch 1 --rest 1")  # the same steps, 1 s each
BASELINE_RUNS = 3


class Usage(NamedTuple):
    wall: float
    user: float
    sys: float

    @property
    def cpu(self) -> float:
        return self.user + self.sys


def parse(report: str) -> Usage:
    user = re.search(r"User time \(seconds\): ([\d.]+)", report)
    system = re.search(r"System time \(seconds\): ([\d.]+)", report)
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):(\d+(?:\.\d+)?)", report)
    if user is None or system is None or wall is None:
        raise SystemExit(f"unexpected /usr/bin/time output:\n{report}")
    hours, minutes, seconds = wall.groups()
    elapsed = float(hours or 0) * 3600 + float(minutes) * 60 + float(seconds)
    return Usage(elapsed, float(user.group(1)), float(system.group(1)))


def command_for(stretch: str, options: list[str], live: bool, report: Path) -> list[str]:
    """/usr/bin/time around the session; for the live display, all of that inside script."""
    timed = ["/usr/bin/time", "-v", "-o", str(report), stretch, "session", *options, "--no-sound"]
    if live:
        return ["script", "-qec", shlex.join(timed), "/dev/null"]
    return [*timed, "--plain"]


def measure(command: list[str], env: dict[str, str], report: Path) -> Usage:
    done = subprocess.run(
        command, stdin=subprocess.DEVNULL, capture_output=True, env=env, check=False
    )
    if done.returncode != 0 or b"Session completed" not in done.stdout:
        raise SystemExit(
            f"{shlex.join(command)} did not complete (exit {done.returncode}):\n"
            f"{done.stdout[-2000:].decode('utf-8', 'replace')}{done.stderr.decode()}"
        )
    return parse(report.read_text())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a 16 s session instead of 3:40")
    args = parser.parse_args()
    stretch = str(Path(sys.executable).parent / "stretch")
    options = QUICK if args.quick else FULL
    rows: list[str] = []
    commands: list[str] = []
    ok = True
    with tempfile.TemporaryDirectory() as home:
        report = Path(home) / "time.txt"
        env = {
            "STRETCHCLI_HOME": home,
            "PATH": f"{Path(stretch).parent}:/usr/bin:/bin",
            "COLUMNS": "80",
            "LINES": "24",
        }
        # Warm the cache of checked routine files, as any later run finds it.
        subprocess.run([stretch, "plan", *options], env=env, capture_output=True, check=True)
        for mode, live in (("plain", False), ("live", True)):
            base_command = command_for(stretch, [*options, *SHORTENED], live, report)
            bases = [measure(base_command, env, report) for _ in range(BASELINE_RUNS)]
            base = Usage(*(statistics.median(values) for values in zip(*bases, strict=True)))
            command = command_for(stretch, options, live, report)
            used = measure(command, env, report)
            percent = (used.cpu - base.cpu) / (used.wall - base.wall) * 100
            ok = ok and percent < TARGET_PERCENT
            rows.append(
                f"| {mode} | {used.wall:.2f} | {used.user:.2f} | {used.sys:.2f} "
                f"| {base.cpu:.2f} | {base.wall:.2f} | {percent:.3f} "
                f"| {'below' if percent < TARGET_PERCENT else 'OVER'} |"
            )
            prefix = f"STRETCHCLI_HOME={home} COLUMNS=80 LINES=24"
            commands.append(f"{mode}: {prefix} {shlex.join(command)}")
            commands.append(
                f"{mode} shortened (x{BASELINE_RUNS}): {prefix} {shlex.join(base_command)}"
            )
    for line in commands:
        print(line)
    print()
    print(
        "| mode | wall (s) | user (s) | sys (s) | shortened CPU (s) | shortened wall (s) "
        f"| CPU % of one core | target {TARGET_PERCENT} % |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(row)
    verdict = "below" if ok else "NOT below"
    print(f"\n{verdict} the {TARGET_PERCENT} % target in every mode")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
