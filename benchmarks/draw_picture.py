"""How long does a pose's photo take to draw? Target: load + draw under 50 ms from cold.

Times, with time.perf_counter, over 30 runs each (median and max):

  - cold: `load` with its cache cleared (both photos of the pose decoded, and cropped to
    where they differ), then `draw` in truecolor half blocks at 60 columns x 30 rows: what
    `stretch show` pays for a photo, and a session when a step with a new photo begins;
  - warm: `draw` alone, the photo already decoded: what each redraw pays;
  - kitty, iTerm2 and sixel: `draw` alone at 60 columns x 30 rows;

and, apart, the one-time costs a fresh process pays: `import PIL.Image` (the medians of
`python -c "import PIL.Image"` less `python -c pass`, alternated) and the first load +
draw in a fresh process, imports and all.

    .venv/bin/python benchmarks/draw_picture.py            # the first free-exercise-db photo
    .venv/bin/python benchmarks/draw_picture.py PHOTO      # any photo
    .venv/bin/python benchmarks/draw_picture.py --quick    # 10 runs, for a smoke check

The default photo is from the public-domain free-exercise-db (../shared/data). Prints a
Markdown table; exits 1 when the cold median is at or over the target.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from stretchcli.ui import pictures
from stretchcli.ui.pictures import Graphics

ROOT = Path(__file__).resolve().parents[1]
PHOTOS = ROOT.parent / "shared" / "data" / "free-exercise-db" / "images"
TARGET_MS = 50.0
COLUMNS, ROWS = 60, 30
IMPORT_RUNS = 10


def default_photo() -> Path | None:
    found = sorted(PHOTOS.glob("*/0.jpg"))
    return found[0] if found else None


def timed(action: Callable[[], object], runs: int) -> list[float]:
    """Milliseconds for each of `runs` calls of `action`."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def partner(photo: Path) -> Path | None:
    """The pose's other photo (0.jpg and 1.jpg), which `load` crops the pair by."""
    other = photo.with_name("1.jpg" if photo.name == "0.jpg" else "0.jpg")
    return other if other.is_file() else None


def cold(photo: Path) -> None:
    pictures.clear_cache()
    pictures.draw(pictures.load(photo, other=partner(photo)), COLUMNS, ROWS, Graphics.TRUECOLOR)


def process_ms(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return (time.perf_counter() - start) * 1000


def pillow_import_ms() -> float:
    """The median cost of `import PIL.Image` over a bare interpreter, the two alternated
    so the machine's drifting load weighs on both alike."""
    bare, pillow = [], []
    for _ in range(IMPORT_RUNS):
        bare.append(process_ms("pass"))
        pillow.append(process_ms("import PIL.Image"))
    return statistics.median(pillow) - statistics.median(bare)


def first_draw_ms(photo: Path) -> float:
    """Load + draw in a fresh process, timed inside it: the imports they pull in and all."""
    code = (
        "import time, sys; from pathlib import Path; start = time.perf_counter(); "
        "from stretchcli.ui import pictures as p; "
        f"other = {str(partner(photo))!r}; "
        f"image = p.load(Path({str(photo)!r}), other=Path(other) if other != 'None' else None); "
        f"p.draw(image, {COLUMNS}, {ROWS}, p.Graphics.TRUECOLOR); "
        "print((time.perf_counter() - start) * 1000)"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return float(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("photo", nargs="?", type=Path, help="a photo (default: free-exercise-db)")
    parser.add_argument("--quick", action="store_true", help="10 runs instead of 30")
    args = parser.parse_args()
    photo = args.photo or default_photo()
    if photo is None or not photo.is_file():
        print(f"benchmarks/draw_picture.py: no photo at {photo or PHOTOS}", file=sys.stderr)
        return 1
    runs = 10 if args.quick else 30
    cold(photo)  # the imports, once, before any run is timed
    image = pictures.load(photo, other=partner(photo))
    results = {
        "cold: load + truecolor": timed(lambda: cold(photo), runs),
        **{
            f"warm: {graphics.value}": timed(
                functools.partial(pictures.draw, image, COLUMNS, ROWS, graphics), runs
            )
            for graphics in Graphics
        },
    }
    columns, rows = pictures.cells_for(image, COLUMNS, ROWS)
    print(f"{photo.name} in {photo.parent.name}: decoded {image.width}x{image.height}, drawn in")
    print(f"{columns}x{rows} of {COLUMNS}x{ROWS} cells, {runs} runs each\n")
    print("| what | median (ms) | max (ms) |")
    print("|---|---|---|")
    for name, times in results.items():
        print(f"| {name} | {statistics.median(times):.1f} | {max(times):.1f} |")
    print(f"\nimport PIL.Image, once a process: {pillow_import_ms():.1f} ms")
    print(f"first load + draw in a fresh process, imports and all: {first_draw_ms(photo):.1f} ms")
    cold_median = statistics.median(results["cold: load + truecolor"])
    verdict = "within" if cold_median < TARGET_MS else "OVER"
    print(
        f"\ncold load + draw: {cold_median:.1f} ms median ({verdict} the {TARGET_MS:.0f} ms target)"
    )
    return 0 if cold_median < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
