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
    # Alternate the two in short blocks rather than run 40 of one, then 40 of the other:
    # the machine's load drifts over a minute, and should weigh on both alike.
    # Blocks of 2 runs: a burst of load on this 2-CPU machine lasts a few seconds, and
    # with blocks of 5 one command could take a whole burst while the other missed it.
    rounds, runs = (5, "2") if args.quick else (20, "2")
    times: dict[str, list[float]] = {"floor": [], "stretch exercises": []}
    with tempfile.TemporaryDirectory() as home:
        report = Path(home) / "report.json"
        for _ in range(rounds):
            subprocess.run(
                [hyperfine, "-N", "--warmup", "1", "--runs", runs, "--export-json", str(report),
                 "--command-name", "floor", floor, "--command-name", "stretch exercises", ours],
                check=True,
                capture_output=True,
                # An empty user folder: the built-in library alone, as the target says.
                env={"STRETCHCLI_HOME": home, "PATH": f"{bin_dir}:/usr/bin:/bin", "COLUMNS": "100"},
            )  # fmt: skip
            for result in json.loads(report.read_text())["results"]:
                times[result["command"]] += result["times"]
    results = {
        name: {"median": statistics.median(samples), "min": min(samples), "times": samples}
        for name, samples in times.items()
    }
    floor_median = results["floor"]["median"]
    ours_median = results["stretch exercises"]["median"]
    ratio = ours_median / floor_median
    print("| command | median (ms) | min (ms) | runs |")
    print("|---|---|---|---|")
    for name, result in results.items():
        print(
            f"| {name} | {result['median'] * 1000:.1f} | {result['min'] * 1000:.1f} "
            f"| {len(result['times'])} |"
        )
    verdict = "within" if ratio <= TARGET_RATIO else "OVER"
    print(f"\nratio: {ratio:.3f}x the floor ({verdict} the {TARGET_RATIO}x target)")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
