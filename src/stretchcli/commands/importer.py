"""`stretch import free-exercise-db [SOURCE]`: the dataset's stretches into the library.

It writes one routine file, `free-exercise-db.yaml`, into the user's routines folder and
the photos into the data folder's `photos/free-exercise-db/`. Running it again changes
nothing when nothing changed; a file it did not write is never replaced, and a copy the
person edited is kept beside the new one (storage/import_target.py).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path

from stretchcli.core.dataset import KIND_NOUNS
from stretchcli.core.durations import plural
from stretchcli.core.errors import ExitCode, StretchError
from stretchcli.core.import_file import DATASET, Entry, Imported, build_file, entry_of
from stretchcli.storage import dataset_source
from stretchcli.storage.import_target import (
    exercise_ids_besides,
    photo_entry,
    refuse_foreign,
    write_import,
)
from stretchcli.storage.paths import photos_dir, routines_dir, shown
from stretchcli.ui.output import Output
from stretchcli.ui.progress import progress_bar

_SHOWN_IDS = 6  # ids listed after each reason for a look; the file's comments have them all
_WRAP = 72  # columns of the listed ids, after their indent: within an 80-column terminal


def import_free_exercise_db(out: Output, source_given: str | None) -> ExitCode:
    """Import the stretches of free-exercise-db from `source_given` (None: the web), with
    their photos; exit code 1 when a photo could not be had (the rest is imported)."""
    target = routines_dir() / f"{DATASET}.yaml"
    refuse_foreign(target)  # before any download: nothing would come of it
    source = dataset_source.locate(source_given)
    if source.is_web:
        out.warn(f"Downloading {DATASET} from {source.label}")
    entries = [entry for entry in map(entry_of, dataset_source.read_entries(source)) if entry]
    stretches = [entry for entry in entries if entry.category == "stretching"]
    if not stretches:
        raise StretchError(f"{source.label} has no stretches: is it free-exercise-db?")
    folder = photos_dir() / DATASET
    fetched = _fetch_photos(out, source, stretches, folder)
    photos = {entry.id: _photos_in_place(entry, folder, target.parent) for entry in stretches}
    imported = build_file(stretches, exercise_ids_besides(target), photos)
    _check(imported)
    changed, kept = write_import(target, imported.text)
    for path, reason in sorted(fetched.failed.items()):
        out.warn(f"stretch: photo {path}: {reason}")
    if changed or fetched.written:
        _report(out, imported, target, folder, fetched.written)
    else:
        out.line(
            f"Nothing changed: {shown(target)} ({plural(imported.total, 'stretch')}) and its "
            "photos were already up to date."
        )
    if kept is not None:
        out.line(f"Your edited copy of the file is kept as {shown(kept)}")
    return ExitCode.FAILURE if fetched.failed else ExitCode.OK


def _fetch_photos(
    out: Output, source: dataset_source.Source, stretches: Sequence[Entry], folder: Path
) -> dataset_source.Fetched:
    paths = [path for entry in stretches for path in entry.images]
    if not source.is_web and source.photo_folder is None:
        out.warn(f"stretch: no photos beside {source.label}: importing without them")
        return dataset_source.Fetched(0, {})
    label = "Downloading photos" if source.is_web else "Copying photos"
    with progress_bar(out, label, len(paths)) as step:
        return dataset_source.fetch_photos(source, paths, folder, step)


def _photos_in_place(entry: Entry, folder: Path, beside: Path) -> list[str]:
    """The entry's photos that are in place, as its exercise names them: relative to the
    routine file, so that STRETCHCLI_HOME can move with everything in it."""
    return [
        photo_entry(folder / path, beside)
        for path in entry.images
        if dataset_source.photo_in_place(folder, path)
    ]


def _check(imported: Imported) -> None:
    """The file must load without a problem before it replaces anything."""
    from stretchcli.core.loader import load_bytes

    problems = load_bytes(imported.text.encode(), f"{DATASET}.yaml").problems
    if problems:
        raise StretchError(f"the import made a file with problems: {problems[0].format()}")


def _report(out: Output, imported: Imported, target: Path, folder: Path, new_photos: int) -> None:
    out.line(f"Imported {plural(imported.total, 'stretch')} into {shown(target)}:")
    kinds = [plural(n, KIND_NOUNS[kind]) for kind, n in imported.kinds.most_common()]
    out.line(f"  {', '.join(kinds)}")
    out.line(
        f"Photos in {shown(folder)}: for {plural(imported.with_photos, 'stretch')}"
        f" ({new_photos} new)"
    )
    if imported.renamed:
        out.line(f"Renamed, as the library already uses their ids: {len(imported.renamed)}")
        for was, now in imported.renamed:
            out.line(f"  {was} -> {now}")
    for entry_id, why in imported.skipped:
        out.warn(f"stretch: left out {entry_id}: {why}")
    looked = {i for ids in imported.looks.values() for i in ids}
    if looked:
        out.line(f"Need a look ({plural(len(looked), 'stretch')}; the file's comments say why):")
    for reason, ids in sorted(imported.looks.items(), key=lambda item: -len(item[1])):
        more = f" and {len(ids) - _SHOWN_IDS} more" if len(ids) > _SHOWN_IDS else ""
        out.line(f"  {len(ids)}: {reason}")
        # Wrapped between ids: a terminal would cut one in two.
        listed = f"{', '.join(ids[:_SHOWN_IDS])}{more}"
        for line in textwrap.wrap(listed, _WRAP, break_long_words=False, break_on_hyphens=False):
            out.line(f"      {line}")
