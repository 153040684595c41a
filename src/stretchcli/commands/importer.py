"""`stretch import free-exercise-db [SOURCE]`: the dataset's stretches into the library.

It writes one routine file, `free-exercise-db.yaml`, into the user's routines folder and
the photos into the data folder's `photos/free-exercise-db/`. Running it again changes
nothing when nothing changed; a file it did not write is never replaced, and a copy the
person edited is kept beside the new one (storage/import_target.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from stretchcli.core.dataset import KIND_NOUNS
from stretchcli.core.durations import plural
from stretchcli.core.errors import ExitCode, StretchError
from stretchcli.core.import_file import DATASET, Entry, Imported, build_file, entry_of
from stretchcli.storage import dataset_source
from stretchcli.storage.import_target import photo_entry, refuse_foreign, write_import
from stretchcli.storage.paths import photos_dir, routines_dir, shown
from stretchcli.ui.output import Output
from stretchcli.ui.progress import progress_bar

_SHOWN_IDS = 6  # ids listed after each reason for a look; the file's comments have them all


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
    imported = build_file(stretches, _ids_taken(target), photos)
    _check(imported)
    changed, kept = write_import(target, imported.text)
    if kept is not None:
        out.line(f"kept your edited copy as {shown(kept)}")
    _report(out, imported, target, folder, fetched)
    if not changed and not fetched.written:
        out.line("Nothing changed: the file and its photos were already up to date.")
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
        if dataset_source.is_photo_path(path) and (folder / path).is_file()
    ]


def _ids_taken(target: Path) -> set[str]:
    """The ids the rest of the library uses (the import's own file left out)."""
    from stretchcli.storage.library_files import load_library

    library = load_library()
    mine = shown(target)
    return {id_ for id_, exercise in library.exercises.items() if exercise.origin.path != mine}


def _check(imported: Imported) -> None:
    """The file must load without a problem before it replaces anything."""
    from stretchcli.core.loader import load_bytes

    problems = load_bytes(imported.text.encode(), f"{DATASET}.yaml").problems
    if problems:
        raise StretchError(f"the import made a file with problems: {problems[0].format()}")


def _report(
    out: Output,
    imported: Imported,
    target: Path,
    folder: Path,
    fetched: dataset_source.Fetched,
) -> None:
    out.line(f"Imported {plural(imported.total, 'stretch')} into {shown(target)}:")
    kinds = [plural(n, KIND_NOUNS[kind]) for kind, n in imported.kinds.most_common()]
    out.line(f"  {', '.join(kinds)}")
    out.line(
        f"Photos in {shown(folder)}: for {plural(imported.with_photos, 'stretch')}"
        f" ({fetched.written} new)"
    )
    for path, reason in sorted(fetched.failed.items()):
        out.warn(f"stretch: photo {path}: {reason}")
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
        out.line(f"  {len(ids)}: {reason} ({', '.join(ids[:_SHOWN_IDS])}{more})")
