"""Every run of eight words in the seed articles, kept as short hashes.

The built-in library must say everything in its own words: no run of eight words from
an article the facts come from may stand in it. The articles live beside the project
(../shared/seeds), not in it, so the test compares hashes of their runs, kept in
tests/data/seed_runs.txt, and runs wherever the project is checked out.

Regenerate the file after the seeds change: `python -m tests.seed_runs`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

RUN = 8
HASHES = Path(__file__).parent / "data" / "seed_runs.txt"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def words(text: str) -> list[str]:
    """Lower-case words, apostrophes kept and curly ones made straight."""
    return re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))


def runs(texts: Iterable[str]) -> Iterator[str]:
    """Each run of RUN words inside one of `texts`: a run never spans two of them."""
    for text in texts:
        found = words(text)
        for start in range(len(found) - RUN + 1):
            yield " ".join(found[start : start + RUN])


def digest(run: str) -> str:
    # 48 bits: for the few thousand runs of the seeds, a false match is about a chance
    # in ten thousand million per run of ours.
    return hashlib.blake2b(run.encode(), digest_size=6).hexdigest()


def seed_hashes() -> frozenset[str]:
    return frozenset(HASHES.read_text(encoding="ascii").split())


def main() -> None:
    texts = [seed.read_text(encoding="utf-8") for seed in sorted(SEEDS.glob("*.txt"))]
    hashes = sorted({digest(run) for run in runs(texts)})
    HASHES.write_text("\n".join(hashes) + "\n", encoding="ascii")
    print(f"{HASHES}: {len(hashes)} runs of {RUN} words from {len(texts)} articles")


if __name__ == "__main__":
    main()
