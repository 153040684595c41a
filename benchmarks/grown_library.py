"""How much slower is listing the library once free-exercise-db is imported? Target: 1.5x.

Two homes: one empty (the built-in library alone), one where `stretch import
free-exercise-db` has added the dataset's 123 stretches from the shared copy. `stretch
exercises` and `stretch exercises --muscle calves` run in each, alternating in hyperfine
blocks of 2 runs (see startup.py), and the medians are compared.

    .venv/bin/python benchmarks/grown_library.py [--quick] [DATASET_JSON]

DATASET_JSON defaults to ../shared/data/free-exercise-db/all-exercises.json beside the
checkout. Needs hyperfine. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from startup import alternate, print_medians

TARGET_RATIO = 1.5
SHARED_JSON = (
    Path(__file__).resolve().parents[2] / "shared/data/free-exercise-db/all-exercises.json"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 runs each instead of 40")
    parser.add_argument("dataset", nargs="?", type=Path, default=SHARED_JSON)
    args = parser.parse_args()
    hyperfine = shutil.which("hyperfine")
    if hyperfine is None or not args.dataset.is_file():
        print(f"needs hyperfine and the dataset at {args.dataset}", file=sys.stderr)
        return 1
    stretch = Path(sys.executable).parent / "stretch"
    with tempfile.TemporaryDirectory() as alone, tempfile.TemporaryDirectory() as grown:
        subprocess.run(
            [stretch, "import", "free-exercise-db", str(args.dataset)],
            check=True,
            capture_output=True,
            env={"STRETCHCLI_HOME": grown, "PATH": "/usr/bin:/bin"},
        )
        commands = {
            f"{name} ({'grown' if home == grown else 'built-in'})": (
                f"/usr/bin/env STRETCHCLI_HOME={home} {stretch} exercises{extra}"
            )
            for extra, name in (("", "exercises"), (" --muscle calves", "calves"))
            for home in (alone, grown)
        }
        env = {"PATH": "/usr/bin:/bin", "COLUMNS": "100"}
        times = alternate(hyperfine, commands, 5 if args.quick else 20, env)
    worst = 0.0
    names = list(commands)
    for base, measured in ((names[0], names[1]), (names[2], names[3])):
        ratio = print_medians({k: times[k] for k in (base, measured)}, base, measured)
        worst = max(worst, ratio)
        print(f"\n{measured} / {base}: {ratio:.3f}x\n")
    verdict = "within" if worst <= TARGET_RATIO else "OVER"
    print(f"worst ratio: {worst:.3f}x ({verdict} the {TARGET_RATIO}x target)")
    return 0 if worst <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
