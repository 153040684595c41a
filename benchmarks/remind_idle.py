"""What does `stretch remind` cost while it waits for a break? Targets: under 40 MB
resident, and no CPU measurable between breaks over a 10-minute wait.

Runs `stretch remind` in a pseudo-terminal (`script -qec`, as a person would) under
/usr/bin/time -v, with reminders set so that the next break is a day away, lets it wait,
then sends Ctrl-C through the terminal. A second run that waits 3 s takes off what is not
waiting (start-up, loading, the first sleep):

    CPU while waiting = (long user + sys) - (short user + sys), over (long wall - short wall)

    .venv/bin/python benchmarks/remind_idle.py           # a 10-minute wait
    .venv/bin/python benchmarks/remind_idle.py --quick   # a 1-minute wait

Needs /usr/bin/time (Debian: apt-get install time) and script (util-linux). Prints a
Markdown table; exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_RSS_MB = 40.0
# Active tomorrow only: the next break is at least a day away, whenever this runs.
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
TOMORROW = DAYS[(time.localtime().tm_wday + 1) % 7]
CONFIG = f'reminders:\n  every: 60m\n  active: "{TOMORROW} 00:00-24:00"\n'


def timed_wait(stretch: Path, home: Path, seconds: float) -> tuple[float, float, float]:
    """(wall, cpu, max RSS in MB) of `stretch remind` left waiting for `seconds`."""
    report = home / "time.txt"
    inner = shlex.join(["/usr/bin/time", "-v", "-o", str(report), str(stretch), "remind"])
    env = {**os.environ, "STRETCHCLI_HOME": str(home), "DBUS_SESSION_BUS_ADDRESS": ""}
    child = subprocess.Popen(
        ["script", "-qec", inner, "/dev/null"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        env=env,
    )
    time.sleep(seconds)
    assert child.stdin is not None
    child.stdin.write(b"\x03")  # Ctrl-C, typed at the terminal
    child.stdin.flush()
    child.wait(30)
    text = report.read_text()
    user = float(_field(text, r"User time \(seconds\): ([\d.]+)"))
    system = float(_field(text, r"System time \(seconds\): ([\d.]+)"))
    rss_kb = float(_field(text, r"Maximum resident set size \(kbytes\): (\d+)"))
    minutes, secs = _field(text, r"Elapsed \(wall clock\) time.*: (?:\d+:)?(\d+):([\d.]+)", 2)
    return float(minutes) * 60 + float(secs), user + system, rss_kb / 1024


def _field(text: str, pattern: str, groups: int = 1) -> str | tuple[str, ...]:  # type: ignore[return]
    found = re.search(pattern, text)
    if found is None:
        raise SystemExit(f"unexpected /usr/bin/time output:\n{text}")
    return found.group(1) if groups == 1 else found.groups()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="wait 1 minute instead of 10")
    args = parser.parse_args()
    stretch = Path(sys.executable).parent / "stretch"
    wait = 60.0 if args.quick else 600.0
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        (home / "config.yaml").write_text(CONFIG)
        short = timed_wait(stretch, home, 3.0)
        long = timed_wait(stretch, home, wait)
    idle_cpu = max(0.0, long[1] - short[1])
    idle_wall = long[0] - short[0]
    percent = idle_cpu / idle_wall * 100 if idle_wall > 0 else 0.0
    print("| run | wall (s) | user + sys (s) | max RSS (MB) |")
    print("|---|---|---|---|")
    print(f"| 3 s wait | {short[0]:.2f} | {short[1]:.2f} | {short[2]:.1f} |")
    print(f"| {wait:.0f} s wait | {long[0]:.2f} | {long[1]:.2f} | {long[2]:.1f} |")
    print(
        f"\nCPU while waiting: {idle_cpu:.2f} s over {idle_wall:.0f} s ({percent:.3f} %); "
        f"max RSS {long[2]:.1f} MB (target under {TARGET_RSS_MB:.0f} MB)"
    )
    return 0 if long[2] < TARGET_RSS_MB and idle_cpu < 0.05 else 1


if __name__ == "__main__":
    sys.exit(main())
