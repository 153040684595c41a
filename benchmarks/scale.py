"""A big user folder must not slow the listings: within 1.5x of the built-in library alone.

Builds a user folder of 100 routine files holding 1,000 exercises and 200 routines
from the public-domain free-exercise-db (../shared/data/free-exercise-db), checks
that it validates, then times `stretch exercises` and `stretch routines` with that
folder and with an empty one, in one hyperfine run (warm: the file cache is filled
by the warm-up runs, as it is for anyone who has run stretch once).

    .venv/bin/python benchmarks/scale.py            # 30 runs each
    .venv/bin/python benchmarks/scale.py --quick    # 10 runs

Needs hyperfine (Debian: apt-get install hyperfine). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
DATASET = ROOT.parent / "shared" / "data" / "free-exercise-db" / "all-exercises.json"
FILES, EXERCISES, ROUTINES = 100, 1000, 200
TARGET_RATIO = 1.5
CATEGORIES = {"stretching": "stretching", "cardio": "warm-up"}  # the rest: mobility
LEVELS = {"beginner": "beginner", "intermediate": "intermediate", "expert": "advanced"}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def _exercise(record: dict[str, Any]) -> dict[str, Any]:
    equipment = record.get("equipment") or "body only"
    return {
        "name": record["name"],
        "target": record["primaryMuscles"] or ["full body"],
        "secondary": record["secondaryMuscles"],
        "equipment": ["body weight"] if equipment == "body only" else [equipment],
        "difficulty": LEVELS.get(record["level"], "beginner"),
        "category": CATEGORIES.get(record["category"], "mobility"),
        "hold": "20-40s" if record["category"] == "stretching" else 20,
        "steps": [step for step in record["instructions"] if step.strip()] or [record["name"]],
    }


def build_folder(folder: Path) -> None:
    """100 files of 10 exercises and 2 routines each; routines also use other files' ids."""
    records = json.loads(DATASET.read_text(encoding="utf-8"))
    exercises: list[tuple[str, dict[str, Any]]] = []
    while len(exercises) < EXERCISES:  # 873 records: the rest again, as variants
        round_ = len(exercises) // len(records)
        for record in records[: EXERCISES - len(exercises)]:
            ex_id = _slug(record["id"]) + (f"-v{round_ + 1}" if round_ else "")
            exercises.append((ex_id, _exercise(record)))
    folder.mkdir(parents=True)
    per_file = EXERCISES // FILES
    for number in range(FILES):
        mine = exercises[number * per_file : (number + 1) * per_file]
        elsewhere = exercises[((number + 1) % FILES) * per_file][0]
        routines = {
            f"set-{number:03d}-{part}": {
                "name": f"Practice set {number}.{part}",
                "items": [ex_id for ex_id, _ in mine[part * 5 : part * 5 + 5]]
                + [{"rest": 30}, {"exercise": elsewhere, "sets": 2}],
            }
            for part in (0, 1)
        }
        document = {"version": 1, "exercises": dict(mine), "routines": routines}
        text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
        (folder / f"collection-{number:03d}.yaml").write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 runs instead of 30")
    # (30 runs: 6 alternating blocks of 5)
    args = parser.parse_args()
    hyperfine = shutil.which("hyperfine")
    if hyperfine is None:
        print("benchmarks/scale.py needs hyperfine (apt-get install hyperfine)", file=sys.stderr)
        return 1
    stretch = Path(sys.executable).parent / "stretch"
    with tempfile.TemporaryDirectory() as scratch:
        big, empty = Path(scratch) / "big", Path(scratch) / "empty"
        build_folder(big / "routines")
        empty.mkdir()
        check = subprocess.run(
            [str(stretch), "validate"], env={"STRETCHCLI_HOME": str(big)}, capture_output=True,
            text=True, check=False,
        )  # fmt: skip
        if check.returncode != 0:
            print(check.stdout[-2000:], check.stderr[-2000:], file=sys.stderr)
            return 1
        report = Path(scratch) / "report.json"
        commands = []
        for listing in ("exercises", "routines"):
            for label, home in (("built-in only", empty), ("100 user files", big)):
                commands += ["--command-name", f"{listing}, {label}",
                             f"env STRETCHCLI_HOME={home} {stretch} {listing}"]  # fmt: skip
        # Short alternating blocks, as in startup.py: the machine's drifting load weighs on
        # all four commands alike, instead of on whichever ran in a busy minute.
        rounds = 2 if args.quick else 6
        times: dict[str, list[float]] = {}
        for _ in range(rounds):
            subprocess.run(
                [hyperfine, "-N", "--warmup", "2", "--runs", "5", "--export-json", str(report),
                 *commands],
                check=True, capture_output=True,
            )  # fmt: skip
            for result in json.loads(report.read_text())["results"]:
                times.setdefault(result["command"], []).extend(result["times"])
        results = {
            name: {"median": statistics.median(runs), "min": min(runs), "times": runs}
            for name, runs in times.items()
        }
    print(f"User folder: {FILES} files, {EXERCISES} exercises, {ROUTINES} routines (validated)\n")
    print("| command | median (ms) | min (ms) | runs |")
    print("|---|---|---|---|")
    for name, result in results.items():
        print(f"| {name} | {result['median'] * 1000:.1f} | {result['min'] * 1000:.1f} "
              f"| {len(result['times'])} |")  # fmt: skip
    worst = 0.0
    for listing in ("exercises", "routines"):
        ratio = (results[f"{listing}, 100 user files"]["median"]
                 / results[f"{listing}, built-in only"]["median"])  # fmt: skip
        worst = max(worst, ratio)
        print(f"\n{listing}: {ratio:.3f}x the built-in library alone")
    verdict = "within" if worst <= TARGET_RATIO else "OVER"
    print(f"\nworst: {worst:.3f}x ({verdict} the {TARGET_RATIO}x target)")
    return 0 if worst <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
