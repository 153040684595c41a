"""Work a routine file can ask for grows linearly with its size, or is bounded (issue 9).

For each kind of file that once took quadratic time or unbounded memory, files of 1x,
10x and 100x a base size are generated, and the time of one command on each is taken
(the median of 3 runs, cold cache: the file is read and checked every time). Linear
work costs about 10x per step; bounded work about the same. Start-up is included, so
the small files read high.

    .venv/bin/python benchmarks/linear.py            # prints a Markdown table
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

STRETCH = Path(sys.executable).parent / "stretch"
MAX_BYTES = 2 * 1024 * 1024  # the file-size limit: the largest size must stay under it


def typos(n: int) -> str:
    """n exercises, and a routine of n references to ids that do not exist."""
    exercises = "".join(
        f"  stretch-{i}:\n    name: S{i}\n    target: [glutes]\n    hold: 10\n    steps: [x]\n"
        for i in range(n)
    )
    items = "".join(f"      - strech-{i}x\n" for i in range(n))
    return f"version: 1\nexercises:\n{exercises}routines:\n  r:\n    name: R\n    items:\n{items}"


def timers(n: int) -> str:
    """A routine of n timers with rests between them, 40 rounds."""
    items = "".join(f"      - {{timer: T{i}, seconds: 1}}\n" for i in range(n))
    head = "version: 1\nroutines:\n  t:\n    name: T\n    rest: 1\n    rounds: 40\n"
    return f"{head}    items:\n{items}"


def doses(n: int) -> str:
    """n exercises, each at the largest dose the keys allow, and a routine of them all."""
    exercises = "".join(
        f"  big-{i}:\n    name: B{i}\n    target: [glutes]\n    hold: 1\n    reps: 1000\n"
        f"    sets: 1000\n    sides: both\n    steps: [x]\n"
        for i in range(n)
    )
    items = "".join(f"      - big-{i}\n" for i in range(n))
    return (f"version: 1\nexercises:\n{exercises}routines:\n  r:\n    name: R\n    rounds: 1000\n"
            f"    items:\n{items}")  # fmt: skip


CASES: list[tuple[str, Callable[[int], str], int, list[str]]] = [
    ("misspelled references, `validate`", typos, 20, ["validate"]),
    ("timers with rests, `plan --json`", timers, 5, ["plan", "--json"]),
    ("huge doses, `validate`", doses, 10, ["validate"]),
]


def _seconds(command: list[str], home: Path) -> float:
    runs = []
    for _ in range(3):
        for entry in (home / "cache").glob("*"):
            entry.unlink()  # cold: check the file every time
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, env={"STRETCHCLI_HOME": str(home)},
                       check=False)  # fmt: skip
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> int:
    print("| file | size 1x | 10x | 100x | 100x / 10x |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch) / "home"
        (home / "cache").mkdir(parents=True)
        for title, make, base, command in CASES:
            cells, times = [], []
            for factor in (1, 10, 100):
                path = Path(scratch) / f"{make.__name__}-{factor}.yaml"
                path.write_text(make(base * factor))
                size = path.stat().st_size
                if size > MAX_BYTES:
                    raise SystemExit(f"{path.name} is {size} bytes, over the file limit")
                if command[0] == "validate":
                    args = [str(STRETCH), "validate", str(path)]
                else:
                    args = [str(STRETCH), command[0], str(path), *command[1:]]
                seconds = _seconds(args, home)
                times.append(seconds)
                cells.append(f"{seconds:.2f} s ({size // 1024} KB)")
            ratio = times[2] / times[1]
            print(f"| {title} | {cells[0]} | {cells[1]} | {cells[2]} | {ratio:.1f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
