"""Does every step of a real-time session start on time? Target: within 50 ms, end included.

Runs `stretch session upper-glutes --hold 4 --prep 2 --switch 1 --sets 2 --rest 1 --plain
--no-sound` (87 s, 35 steps of five kinds: prep, hold, switch, set-rest, rest; holds with
cues) at real speed, reads its output as it comes and stamps each line with
time.monotonic() on arrival. The first step line is the zero point, so start-up is left
out; step i is due at the sum of the planned seconds before it (`stretch plan --json` with
the same options), and the first summary line at the planned total.

    .venv/bin/python benchmarks/session_timing.py           # the 87 s session
    .venv/bin/python benchmarks/session_timing.py --quick   # a 16 s session, for a smoke check

Each step line's "[MM:SS]" must also read the floor of its planned start. Prints a
Markdown table; exits 1 when a step or the end is more than 50 ms off, or a line is wrong.
"""

from __future__ import annotations

import argparse
import json
import math
import shlex
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from itertools import accumulate
from pathlib import Path

TARGET_MS = 50.0
FULL = shlex.split("upper-glutes --hold 4 --prep 2 --switch 1 --sets 2 --rest 1")  # 87 s
QUICK = shlex.split("upper-glutes --hold 1 --prep 1 --switch 1")  # 16 s
SUMMARY = (b"Session completed", b"Time holding", b"Exercises done", b"Total time")


def clock_text(seconds: float) -> str:
    whole = math.floor(seconds)
    return f"[{whole // 60:02d}:{whole % 60:02d}]"


def percentile(values: list[float], share: float) -> float:
    """Nearest rank: the smallest value with at least `share` of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def run(
    command: list[str], env: dict[str, str], limit: float
) -> tuple[list[tuple[float, bytes]], int]:
    """Every line the command prints, each with its arrival on time.monotonic(); the exit code."""
    lines: list[tuple[float, bytes]] = []
    with subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, bufsize=0, env=env
    ) as process:
        assert process.stdout is not None
        watchdog = threading.Timer(limit, process.kill)
        watchdog.start()
        try:
            # Unbuffered: readline returns as soon as the line's newline is in.
            for line in iter(process.stdout.readline, b""):
                lines.append((time.monotonic(), line.rstrip(b"\r\n")))
            code = process.wait()
        finally:
            watchdog.cancel()
    return lines, code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a 16 s session instead of 87 s")
    args = parser.parse_args()
    stretch = str(Path(sys.executable).parent / "stretch")
    options = QUICK if args.quick else FULL
    with tempfile.TemporaryDirectory() as home:
        env = {"STRETCHCLI_HOME": home, "PATH": f"{Path(stretch).parent}:/usr/bin:/bin"}
        # Also warms the cache of checked routine files, as a second run would find it.
        planned = json.loads(
            subprocess.run(
                [stretch, "plan", *options, "--json"], env=env, capture_output=True, check=True
            ).stdout
        )
        command = [stretch, "session", *options, "--plain", "--no-sound"]
        print(f"command: STRETCHCLI_HOME={home} {shlex.join(command)}\n")
        lines, code = run(command, env, limit=planned["total_seconds"] + 60)
    steps = planned["steps"]
    starts = list(accumulate((step["seconds"] for step in steps), initial=0))
    total = planned["total_seconds"]
    step_lines = [
        (at, line) for at, line in lines if line.startswith(b"[") and b"  cue:" not in line
    ]
    ends = [at for at, line in lines if line.startswith(SUMMARY)]
    problems: list[str] = []
    if code != 0:
        problems.append(f"exit code {code}")
    if len(step_lines) != len(steps):
        problems.append(f"{len(step_lines)} step lines for {len(steps)} planned steps")
    if not step_lines or not ends:
        for problem in [*problems, "no step line or no summary"]:
            print(f"problem: {problem}")
        return 1
    zero = step_lines[0][0]
    delays: list[tuple[float, int, str]] = []  # ms late, step index, line
    for index, ((at, line), step) in enumerate(zip(step_lines, steps, strict=False)):
        text = line.decode("utf-8", "replace")
        delays.append(((at - zero - starts[index]) * 1000, index, text))
        expected = f"{clock_text(starts[index])} {step['kind']} "
        if not text.startswith(expected):
            problems.append(f"step {index + 1}: expected {expected!r}..., got {text!r}")
    end_ms = (ends[0] - zero - total) * 1000
    late = [ms for ms, _, _ in delays]
    worst = max(max(abs(ms) for ms in late), abs(end_ms))
    ok = worst <= TARGET_MS and not problems
    verdict = "within" if worst <= TARGET_MS else "OVER"
    print(
        "| steps | planned (s) | median (ms) | p95 (ms) | max (ms) | earliest (ms) | end (ms) "
        "| target 50 ms |"
    )
    print("|---|---|---|---|---|---|---|---|")
    print(
        f"| {len(delays)} | {total} | {statistics.median(late):.1f} "
        f"| {percentile(late, 0.95):.1f} | {max(late):.1f} | {min(late):.1f} | {end_ms:.1f} "
        f"| {verdict} |"
    )
    print("\nlatest steps (ms after their planned start):")
    for ms, index, text in sorted(delays, reverse=True)[:3]:
        print(f"- step {index + 1} at {starts[index]} s: {ms:.1f} ms  `{text}`")
    for problem in problems:
        print(f"problem: {problem}")
    print(f"\nworst: {worst:.1f} ms off the plan ({verdict} the {TARGET_MS:.0f} ms target)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
