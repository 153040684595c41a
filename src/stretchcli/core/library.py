"""Merging checked files into one library, and what a TARGET names (pure).

Files are merged in this order, and later ones win:

1. the built-in library (`data/routines.yaml`, shipped inside the package);
2. every `*.yaml` in the user's routines folder;
3. files named on the command line (`--library FILE`, or a file given as TARGET).

A user definition whose id is built in replaces the built-in one. A problem in
a file of the user folder is a warning: that file is left out and everything
else still works. A problem in a file named on the command line is an error.
Reading the files is `storage.library_files`' job.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from .errors import Problem, RoutineFileError, StretchError, did_you_mean
from .model import Exercise, ExerciseItem, LoadedFile, Origin, Routine
from .timeline import PlanSize, plan_size

# "Did you mean" compares an unknown id with every known one: one load makes at most this
# many comparisons (about 0.4 s) for its hints, then reports the rest without one. Without a
# bound, n misspelled references among n ids cost n * n (1,000 of them took 20 s).
HINT_COMPARISONS = 20_000


class Library(NamedTuple):
    """Every exercise and routine in effect, with notes on what was replaced or left out."""

    exercises: dict[str, Exercise]
    routines: dict[str, Routine]
    # ("exercise" | "routine", id) of user definitions that replace a built-in one.
    replaced: frozenset[tuple[str, str]] = frozenset()
    warnings: tuple[Problem, ...] = ()
    # Worth a word from `stretch validate` (not from every listing): see LoadedFile.notices.
    notices: tuple[Problem, ...] = ()
    # Each routine's size at its own level, counted once while merging (listings show it).
    sizes: Mapping[str, PlanSize] | None = None

    def source(self, kind: str, definition: Exercise | Routine) -> str:
        """Where a definition comes from, as listings show it."""
        if definition.origin.builtin:
            return "built-in"
        note = " (replaces built-in)" if (kind, definition.id) in self.replaced else ""
        return definition.origin.path + note


def merge_library(
    builtin: LoadedFile,
    user_files: Iterable[LoadedFile],
    named_files: Iterable[LoadedFile],
    *,
    notices_fail: bool = False,
) -> Library:
    """One library from checked files; raises RoutineFileError for problems in `named_files`
    (and, with `notices_fail`, for their notices: `stretch validate --strict`)."""
    if builtin.problems:
        raise RoutineFileError(builtin.problems)
    merger = _Merger(builtin)
    merger.notices_fail = notices_fail
    for loaded in user_files:
        merger.add(loaded, strict=False)
    for loaded in named_files:
        merger.add(loaded, strict=True)
    return merger.finish()


class _Merger:
    """Folds files into one library, sorting problems into errors and warnings."""

    def __init__(self, builtin: LoadedFile) -> None:
        self.builtin = builtin
        self.exercises = dict(builtin.exercises)
        self.routines = dict(builtin.routines)
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.notices_fail = False
        self.notices: list[Problem] = []
        self.replaced: set[tuple[str, str]] = set()
        self.strict_files: set[str] = set()
        # id -> where a user file first defined it, to catch the same id twice.
        self.user_defined: dict[tuple[str, str], Origin] = {}
        self.dropped: set[tuple[str, str]] = set()
        self.strict_references: list[ExerciseItem] = []
        self.rejected: set[str] = set()  # exercise ids defined with problems
        self.hints: dict[str, str] = {}  # unknown id -> its "did you mean"
        self.compared = 0  # comparisons spent on hints
        self.sizes: dict[str, PlanSize] = {}

    def _report(self, problems: Iterable[Problem], strict: bool) -> None:
        (self.errors if strict else self.warnings).extend(problems)

    def add(self, loaded: LoadedFile, *, strict: bool) -> None:
        # A notice is said by `stretch validate`; an error only when asked to be strict.
        (self.errors if strict and self.notices_fail else self.notices).extend(loaded.notices)
        if strict:
            self.strict_files.add(loaded.path)
            self.strict_references.extend(loaded.references)
            self.rejected.update(loaded.rejected)
        if loaded.problems:
            self._report(loaded.problems, strict)
            if not strict:
                return  # a broken user file is left out whole
        self._add_all("exercise", loaded.exercises, self.exercises, strict)
        self._add_all("routine", loaded.routines, self.routines, strict)

    def _add_all(
        self,
        kind: str,
        new: Mapping[str, Exercise] | Mapping[str, Routine],
        into: dict[str, Exercise] | dict[str, Routine],
        strict: bool,
    ) -> None:
        for def_id, definition in new.items():
            key = (kind, def_id)
            first = self.user_defined.get(key)
            if first is not None:
                where = definition.origin
                twice = f'{kind} "{def_id}" is defined twice: first at {first}, again at {where}'
                self._report(
                    [where.problem(twice)],
                    strict or first.path in self.strict_files,
                )
                # Neither copy is trusted to be the one meant; a built-in one stays.
                self.dropped.add(key)
                self.replaced.discard(key)
                builtin = getattr(self.builtin, kind + "s").get(def_id)
                if builtin is None:
                    into.pop(def_id, None)
                else:
                    into[def_id] = builtin
                continue
            self.user_defined[key] = definition.origin
            if key in self.dropped:
                continue
            if def_id in into and into[def_id].origin.builtin:
                self.replaced.add(key)
            into[def_id] = definition  # type: ignore[assignment]

    def finish(self) -> Library:
        self._check_references()
        self._check_sizes()
        if self.errors:
            raise RoutineFileError(self.errors)
        return Library(
            self.exercises,
            self.routines,
            frozenset(self.replaced),
            tuple(sorted(set(self.warnings))),
            tuple(sorted(set(self.notices))),
            self.sizes,
        )

    def _check_sizes(self) -> None:
        """Leave out a routine too long to run, before anything builds its steps.

        (An exercise too long on its own is a problem of its file: see the loader.)
        """
        for routine_id, routine in list(self.routines.items()):
            size = plan_size(routine, self.exercises)
            why = size.too_long()
            if why is None:
                self.sizes[routine_id] = size
                continue
            del self.routines[routine_id]
            where = routine.origin
            message = f"this routine {why}"
            problem = where.problem(message)
            self._report([problem], where.path in self.strict_files)

    def _check_references(self) -> None:
        # Named files: every reference, also in their routines left out for other problems;
        # not one to an exercise reported already (defined with problems, or twice).
        self.errors.extend(
            self._unknown_exercise(item)
            for item in self.strict_references
            if item.exercise not in self.exercises
            and item.exercise not in self.rejected
            and ("exercise", item.exercise) not in self.dropped
        )
        for routine_id, routine in list(self.routines.items()):
            unknown = [
                item
                for item in routine.items
                if isinstance(item, ExerciseItem) and item.exercise not in self.exercises
            ]
            if not unknown:
                continue
            del self.routines[routine_id]
            if routine.origin.path not in self.strict_files:  # named files: reported above
                self.warnings.extend(self._unknown_exercise(item) for item in unknown)

    def _unknown_exercise(self, item: ExerciseItem) -> Problem:
        where = item.origin
        message = f'no exercise "{item.exercise}" in any loaded file{self._hint(item.exercise)}'
        return where.problem(message)

    def _hint(self, word: str) -> str:
        """ "did you mean" for an unknown id, while the comparisons allowed last."""
        if word not in self.hints and self.compared + len(self.exercises) <= HINT_COMPARISONS:
            self.compared += len(self.exercises)
            self.hints[word] = did_you_mean(word, self.exercises)
        return self.hints.get(word, "")


# -- what a TARGET names ---------------------------------------------------------


def looks_like_path(target: str) -> bool:
    return "/" in target or "\\" in target or target.endswith((".yaml", ".yml"))


def exercise_as_routine(exercise: Exercise) -> Routine:
    """A one-exercise session, for `stretch session pigeon-pose`."""
    item = ExerciseItem(exercise.id, exercise.origin)
    return Routine(id=exercise.id, name=exercise.name, items=(item,), origin=exercise.origin)


def find_target(library: Library, target: str) -> Routine:
    """A routine id, else an exercise id; routines win when both exist."""
    if target in library.routines:
        return library.routines[target]
    if target in library.exercises:
        return exercise_as_routine(library.exercises[target])
    known = [*library.routines, *library.exercises]
    raise StretchError(f'no routine or exercise called "{target}"{did_you_mean(target, known)}')


def find_exercise(library: Library, exercise_id: str) -> Exercise:
    """The exercise `exercise_id`; an unknown id names a close one, or the routine it is."""
    exercise = library.exercises.get(exercise_id)
    if exercise is not None:
        return exercise
    hint = did_you_mean(exercise_id, library.exercises)
    if not hint and exercise_id in library.routines:
        hint = f" ({exercise_id} is a routine: try `stretch plan {exercise_id}`)"
    raise StretchError(f'no exercise "{exercise_id}"{hint}')


def routine_in_file(library: Library, path: str, routine_id: str | None) -> Routine:
    """The routine a file given as TARGET means (`--routine` picks among several)."""
    in_file = {rid: r for rid, r in library.routines.items() if r.origin.path == path}
    if routine_id is not None:
        if routine_id in in_file:
            return in_file[routine_id]
        listed = ", ".join(sorted(in_file)) or "none"
        raise StretchError(
            f'{path} has no routine "{routine_id}"{did_you_mean(routine_id, in_file)}; '
            f"its routines: {listed}"
        )
    if len(in_file) == 1:
        return next(iter(in_file.values()))
    if in_file:
        raise StretchError(
            f"{path} holds {len(in_file)} routines; pick one with --routine: "
            + ", ".join(sorted(in_file))
        )
    exercises = [e for e in library.exercises.values() if e.origin.path == path]
    if len(exercises) == 1:
        return exercise_as_routine(exercises[0])
    raise StretchError(f"{path} defines no routine to run")
