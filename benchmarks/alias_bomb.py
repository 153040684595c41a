"""An alias bomb must fail fast, in bounded memory. Measured with /usr/bin/time -v.

Writes a "billion laughs" file (9 aliases of 9 aliases, 9 levels deep: 387 million
values once expanded) and times `stretch validate` on it, beside `stretch validate`
on the built-in library for scale.

    .venv/bin/python benchmarks/alias_bomb.py
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def bomb() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


def measure(stretch: Path, target: Path, home: str) -> tuple[float, int, int]:
    done = subprocess.run(
        ["/usr/bin/time", "-v", str(stretch), "validate", str(target)],
        capture_output=True,
        text=True,
        env={"STRETCHCLI_HOME": home, "PATH": "/usr/bin:/bin"},
        check=False,
    )
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+(?:\.\d+)?)", done.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    if wall is None or rss is None:
        raise SystemExit(f"unexpected /usr/bin/time output:\n{done.stderr}")
    seconds = float(wall.group(1) or 0) * 60 + float(wall.group(2))
    return seconds, int(rss.group(1)), done.returncode


def main() -> int:
    stretch = Path(sys.executable).parent / "stretch"
    with tempfile.TemporaryDirectory() as home:
        path = Path(home) / "bomb.yaml"
        path.write_text(bomb())
        print("| file | wall (s) | max RSS (MiB) | exit |")
        print("|---|---|---|---|")
        for name, target in (
            ("alias bomb", path),
            ("built-in library", ROOT / "data" / "routines.yaml"),
        ):
            seconds, rss, code = measure(stretch, target, home)
            print(f"| {name} | {seconds:.2f} | {rss / 1024:.1f} | {code} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
