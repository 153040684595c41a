"""How much slower is `stretch exercises` than importing its stack? Target: at most 1.25x.

The floor is `python -c "import typer, rich.console, rich.table, yaml"`: what any
typer + rich + PyYAML program pays before doing anything. The two commands
alternate in hyperfine blocks of 2 runs and the medians of all runs are compared,
so the machine's drifting load hits both alike and the ratio is what counts.

    .venv/bin/python benchmarks/startup.py              # 40 runs each, output to a pipe
    .venv/bin/python benchmarks/startup.py --terminal   # both under `script`: a real pty,
                                                        # so stretch draws its rich table
    .venv/bin/python benchmarks/startup.py --quick      # 10 runs, for a smoke check

Needs hyperfine (Debian: apt-get install hyperfine). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

TARGET_RATIO = 1.25


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 runs instead of 40")
    parser.add_argument("--terminal", action="store_true", help="run both in a pseudo-terminal")
    args = parser.parse_args()
    hyperfine = shutil.which("hyperfine")
    if hyperfine is None:
        print("benchmarks/startup.py needs hyperfine (apt-get install hyperfine)", file=sys.stderr)
        return 1
    bin_dir = Path(sys.executable).parent
    floor = f"{sys.executable} -c 'import typer, rich.console, rich.table, yaml'"
    ours = f"{bin_dir / 'stretch'} exercises"
    if args.terminal:
        floor, ours = (f'script -qec "{command}" /dev/null' for command in (floor, ours))
    rounds = 5 if args.quick else 20
    with tempfile.TemporaryDirectory() as home:
        # An empty user folder: the built-in library alone, as the target says.
        env = {"STRETCHCLI_HOME": home, "PATH": f"{bin_dir}:/usr/bin:/bin", "COLUMNS": "100"}
        times = alternate(hyperfine, {"floor": floor, "stretch exercises": ours}, rounds, env)
    ratio = print_medians(times, "floor", "stretch exercises")
    verdict = "within" if ratio <= TARGET_RATIO else "OVER"
    print(f"\nratio: {ratio:.3f}x the floor ({verdict} the {TARGET_RATIO}x target)")
    return 0 if ratio <= TARGET_RATIO else 1


def alternate(
    hyperfine: str, commands: dict[str, str], rounds: int, env: dict[str, str]
) -> dict[str, list[float]]:
    """Each command's run times in seconds: `rounds` hyperfine blocks of 2 runs of each."""
    # Alternate the commands in short blocks rather than run 40 of one, then 40 of the
    # other: the machine's load drifts over a minute, and should weigh on all alike.
    # Blocks of 2 runs: a burst of load on this 2-CPU machine lasts a few seconds, and
    # with blocks of 5 one command could take a whole burst while the other missed it.
    times: dict[str, list[float]] = {name: [] for name in commands}
    named = [part for name, command in commands.items() for part in ("-n", name, command)]
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        for _ in range(rounds):
            subprocess.run(
                [hyperfine, "-N", "--warmup", "1", "--runs", "2", "--export-json", str(report),
                 *named],
                check=True,
                capture_output=True,
                env=env,
            )  # fmt: skip
            for result in json.loads(report.read_text())["results"]:
                times[result["command"]] += result["times"]
    return times


def print_medians(times: dict[str, list[float]], base: str, measured: str) -> float:
    """A Markdown table of each command's median and minimum; the ratio of two medians."""
    print("| command | median (ms) | min (ms) | runs |")
    print("|---|---|---|---|")
    for name, samples in times.items():
        print(
            f"| {name} | {statistics.median(samples) * 1000:.1f} | {min(samples) * 1000:.1f} "
            f"| {len(samples)} |"
        )
    return statistics.median(times[measured]) / statistics.median(times[base])


if __name__ == "__main__":
    sys.exit(main())
