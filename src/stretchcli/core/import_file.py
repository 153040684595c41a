"""The routine file `stretch import free-exercise-db` writes (pure: entries in, text out).

Each stretch of the dataset becomes one exercise in our format, read by core/dataset.py.
The dataset's own sentences become the steps, so they stay in the user's file and never
in this repository. An entry the reading is unsure of gets a comment above it saying
why it needs a look, and the report counts those reasons.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from typing import Any, NamedTuple

import yaml

from . import dataset
from .dataset import DEFAULT_DOSE, KIND_NOUNS, Kind
from .model import Sides, Span
from .muscles import known

DATASET = "free-exercise-db"
HOME = "https://github.com/yuhonas/free-exercise-db"
MARK = "# Written by `stretch import free-exercise-db`."
RENAMED_SUFFIX = "-imported"
# The checksum of everything below the header: a file whose body no longer matches was
# edited by hand, and is kept when an import replaces it.
_CHECKSUM = "# checksum: "
_HEADER = f"""\
{MARK} Running it again rewrites this file; a copy
# you edited is kept beside it as {DATASET}.yaml.previous (then .previous-2, ...).
# The exercises, their words and photos come from {HOME},
# which is in the public domain (The Unlicense). Doses that an entry does not state are
# stretchcli's defaults, and its sources say so.
"""
_BODY_START = "version: 1\nexercises:\n"


class Entry(NamedTuple):
    """One exercise of the dataset, as its JSON gives it (the fields we read)."""

    id: str
    name: str
    category: str
    level: str
    force: str | None
    equipment: str | None
    primary: tuple[str, ...]
    secondary: tuple[str, ...]
    instructions: tuple[str, ...]
    images: tuple[str, ...]  # relative to the dataset's exercises/ folder


class Imported(NamedTuple):
    """What an import makes of the dataset: the file's text and what to tell the person."""

    text: str
    kinds: Counter[Kind]
    renamed: tuple[tuple[str, str], ...]  # (dataset id as a slug, the id it got)
    looks: Mapping[str, tuple[str, ...]]  # why a look is needed -> the ids it concerns
    skipped: tuple[tuple[str, str], ...]  # (dataset id, why it was left out)
    with_photos: int  # exercises that name photos

    @property
    def total(self) -> int:
        return sum(self.kinds.values())


def entry_of(raw: object) -> Entry | None:
    """An entry of the dataset's JSON, or None when it is not in the dataset's shape."""
    if not isinstance(raw, dict):
        return None
    texts = {key: raw.get(key) for key in ("id", "name", "category", "level")}
    if not all(isinstance(value, str) and value for value in texts.values()):
        return None
    lists = {
        key: raw.get(key, [])
        for key in ("primaryMuscles", "secondaryMuscles", "instructions", "images")
    }
    if not all(isinstance(v, list) and all(isinstance(i, str) for i in v) for v in lists.values()):
        return None
    force, equipment = raw.get("force"), raw.get("equipment")
    return Entry(
        id=str(texts["id"]),
        name=_one_line(str(texts["name"])),
        category=str(texts["category"]),
        level=str(texts["level"]),
        force=force if isinstance(force, str) else None,
        equipment=equipment if isinstance(equipment, str) else None,
        primary=_names(lists["primaryMuscles"]),
        secondary=_names(lists["secondaryMuscles"]),
        instructions=tuple(_one_line(line) for line in lists["instructions"] if line.strip()),
        images=tuple(lists["images"]),
    )


def _one_line(text: str) -> str:
    """`text` with every run of white space (line breaks too) as one space: the file's
    comments and values must not take a line the dataset writes for them."""
    return " ".join(text.split())


def _names(names: list[str]) -> tuple[str, ...]:
    """Muscle names on one line each, blank ones left out."""
    return tuple(name for name in map(_one_line, names) if name)


def slug(entry_id: str) -> str:
    """The dataset's id as one of ours: "90_90_Hamstring" -> "90-90-hamstring"."""
    return re.sub(r"[^a-z0-9]+", "-", entry_id.lower()).strip("-")[:64].rstrip("-")


def build_file(
    entries: Sequence[Entry], taken: Collection[str], photos: Mapping[str, Sequence[str]]
) -> Imported:
    """The stretching entries as one routine file.

    `taken`: the ids the rest of the library uses (an entry's id among them is renamed);
    `photos`: each entry id's photos that are in place, as the file names them.
    """
    blocks, kinds, renamed, skipped = [], Counter[Kind](), [], []
    looks: dict[str, list[str]] = {}
    used = set(taken)
    with_photos = 0
    for entry in entries:
        if entry.category != "stretching":
            continue
        why_not = _why_left_out(entry)
        if why_not:
            skipped.append((entry.id, why_not))
            continue
        wanted = slug(entry.id)
        exercise_id = _free_id(wanted, used)
        used.add(exercise_id)
        if exercise_id != wanted:
            renamed.append((wanted, exercise_id))
        kind, fields, reasons = _exercise(entry, photos.get(entry.id, ()))
        kinds[kind] += 1
        with_photos += "images" in fields
        for reason in reasons:
            looks.setdefault(reason, []).append(exercise_id)
        blocks.append(_block(exercise_id, fields, reasons))
    body = _BODY_START + "".join(blocks)
    return Imported(
        f"{_HEADER}{_CHECKSUM}{_checksum(_HEADER + body)}\n{body}",
        kinds,
        tuple(renamed),
        {reason: tuple(ids) for reason, ids in looks.items()},
        tuple(skipped),
        with_photos,
    )


def written_by_import(text: str) -> bool:
    """Whether `text` is a file an import wrote (edited since or not)."""
    return text.startswith(MARK)


def edited(text: str) -> bool:
    """Whether a file an import wrote was changed since: all of it but the checksum line
    (its header comments too) no longer matches the checksum the import put there."""
    found = re.search(rf"^{_CHECKSUM}([0-9a-f]+)\n", text, re.MULTILINE)
    if found is None:
        return True
    rest = text[: found.start()] + text[found.end() :]
    return _checksum(rest) != found.group(1)


def _checksum(body: str) -> str:
    return hashlib.sha256(body.encode()).hexdigest()[:16]


def _why_left_out(entry: Entry) -> str | None:
    if not entry.name:
        return "no name"
    if not entry.instructions:
        return "no instructions"
    if not entry.primary:
        return "no muscles named"
    if not slug(entry.id):
        return "an id with no letters or digits"
    return None


def _free_id(wanted: str, used: Collection[str]) -> str:
    if wanted not in used:
        return wanted
    base = wanted[: 64 - len(RENAMED_SUFFIX) - 3]
    candidates = [f"{base}{RENAMED_SUFFIX}", *(f"{base}{RENAMED_SUFFIX}-{n}" for n in range(2, 99))]
    return next(candidate for candidate in candidates if candidate not in used)


def _exercise(entry: Entry, photos: Sequence[str]) -> tuple[Kind, dict[str, Any], list[str]]:
    """The exercise's fields in file order, and why it needs a look (if it does)."""
    text = " ".join(entry.instructions)
    kind = dataset.kind_of(entry.name, entry.equipment, entry.force, text)
    dose = dataset.dose_of(kind, entry.instructions)
    position = dataset.position_of(entry.instructions)
    target = dataset.muscle_names(entry.primary)
    secondary = tuple(m for m in dataset.muscle_names(entry.secondary) if m not in target)
    fields: dict[str, Any] = {"name": entry.name, "target": list(target)}
    if secondary:
        fields["secondary"] = list(secondary)
    fields["equipment"] = list(dataset.equipment_of(entry.equipment))
    if position is not None:
        fields["position"] = position.value
    level = dataset.LEVELS.get(entry.level)
    if level is not None:
        fields["difficulty"] = level.value
    fields["category"] = dataset.category_of(kind).value
    if dataset.sides_of(entry.instructions) is Sides.BOTH:
        fields["sides"] = Sides.BOTH.value
    fields["hold"] = _seconds(dose.hold)
    if dose.reps != Span(1, 1):
        fields["reps"] = _count(dose.reps)
    fields["steps"] = list(entry.instructions)
    if kind is Kind.PARTNER:
        fields["needs"] = ["partner"]
    if photos:
        fields["images"] = list(photos)
    fields["sources"] = _sources(entry, kind, dose.stated)
    reasons = []
    if not dose.stated:
        reasons.append("no hold or reps in its instructions: stretchcli's default is used")
    if position is None:
        reasons.append("no starting position in its instructions")
    if not photos:
        reasons.append("no photos")
    unknown = [name for name in (*target, *secondary) if not known(name)]
    if unknown:
        reasons.append(f"muscles stretchcli does not know: {', '.join(unknown)}")
    return kind, fields, reasons


def _sources(entry: Entry, kind: Kind, stated: bool) -> list[str]:
    sources = [f"{DATASET}, entry {entry.id} ({HOME}), public domain (The Unlicense)"]
    if not stated:
        default = DEFAULT_DOSE[kind]
        sources.append(
            f"The entry states no dose: {_dose_words(default.hold, default.reps)} is "
            f"stretchcli's default for a {KIND_NOUNS[kind]}, not the dataset's."
        )
    return sources


def _dose_words(hold: Span, reps: Span) -> str:
    seconds = f"{hold.low}-{hold.high} s" if hold.is_range else f"{hold.low} s"
    if reps == Span(1, 1):
        return f"a {seconds} hold"
    return f"{_count(reps)} reps of {seconds}"


def _seconds(span: Span) -> int | str:
    return span.low if not span.is_range else f"{span.low}-{span.high}s"


def _count(span: Span) -> int | str:
    return span.low if not span.is_range else f"{span.low}-{span.high}"


def _block(exercise_id: str, fields: dict[str, Any], reasons: Sequence[str]) -> str:
    """One exercise in the file: its reasons for a look as comments, then its fields."""
    body = yaml.safe_dump(
        {exercise_id: fields}, sort_keys=False, allow_unicode=True, width=92, indent=2
    )
    comments = "".join(f"  # needs a look: {_one_line(reason)}\n" for reason in reasons)
    return comments + "".join(f"  {line}\n" for line in body.splitlines())
