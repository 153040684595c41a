"""Sessions built to fit the person: `--for 10m --focus hips --desk` (pure).

The rules, in order (docs/routine-format.md, "Sessions built to fit"):

1. Focus. Each `--focus` term must be in the muscle vocabulary (core/muscles.py), else
   a usage error with a hint. None means the lower body, balanced: LOWER_BODY's groups,
   each kept only where the library has a candidate (a note names those dropped).
   An explicit term with no candidate is NothingFits. A region (hips) is spread across
   its groups that have candidates, so ten minutes of hips is not ten of glutes. An
   exercise works a term when one of its `target` muscles is the term or under it;
   secondary muscles do not count (a stretch that only brushes a muscle does not cover it).
2. Candidates: every exercise less those each filter removes, in this order, the first
   that removes one keeping the reason: needs (a partner); a caution for the person's
   conditions; rated pain in the last PAIN_DAYS; difficulty above --level; the place
   (--desk: chair or standing, no foam rolling, nothing beyond DESK_THINGS; --position:
   those positions; no position fails either); equipment beyond AT_HAND not named with
   --equipment. When a term is left with nothing, one line says which filter removed
   which exercises (at most MOST_IDS_SAID ids each). A note says what a reason the
   person did not pick here (a partner, a caution, pain, the level, equipment) left out
   of the focus, unless the place asked for rules it out anyway.
3. Preference: least recently done first (never done before any), ties in an order
   shuffled once by `random.Random(seed)`: the same seed and inputs, the same session.
4. Time: each exercise costs what the timeline makes of it alone, with the session's own
   timing (`Want.timing`: the level, config.yaml's prep, switch and rest, --hold and
   --reps; plan_size), plus the rest before it; the exercises handed in carry the holds
   progression will give them, so a progressed session still fits. Exercises at one
   set are taken in turn for each focus slot (a region's groups are slots; each
   explicit term gets one first), the best-ranked one that still fits, until the total
   is within the tolerance of --for (when that leaves an explicit term no room, again
   with each slot's shortest first); then sets are added in turn, up to the exercise's
   own most, or up to MOST_REPEATS for a static stretch, each only while the total
   stays within the tolerance. Whatever the library allows short of that is the
   session, with a note; when not even one exercise fits, or an explicit term cannot
   get one, NothingFits.
5. Order: by starting position (POSITION_RANK), so the person gets down once.
6. Warm-up: a timer first from WARM_UP_FROM seconds on, counted in the total.
7. Variety: a session with the same exercises, in the same order, as the last one of
   the same routine id (`previous`) is built again with the next seeds, up to
   VARIETY_TRIES; when every one is the same (a tiny pool), the first is kept.
8. The routine: an id that names the choices (`routine_id`), a name and a summary that
   say the focus, place and level, tagged "generated".

No clock and no I/O: `now`, the history (`used`) and the seed come in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import NamedTuple

from . import muscles
from .durations import format_seconds, spoken_length
from .errors import StretchError, UsageError, did_you_mean
from .model import (
    BODY_WEIGHT,
    Category,
    Condition,
    Exercise,
    ExerciseItem,
    ExerciseRecord,
    Item,
    Level,
    Origin,
    Position,
    Rating,
    Routine,
    Span,
    TimerItem,
    cautions_for,
)
from .progression import PAIN_DAYS, kept_out
from .text import visible
from .timeline import PlanOptions, plan_size

# The balanced default: the lower body's groups (core/muscles.py ids).
LOWER_BODY = (
    "glutes", "hip-flexors", "adductors", "hamstrings", "quadriceps", "calves", "lower-back",
)  # fmt: skip
# What needs nothing bought: a floor (a mat or a carpet), a chair, a wall.
AT_HAND = frozenset({BODY_WEIGHT, "mat", "chair", "wall"})
# At a desk there is no floor to lie on, but there is the desk itself.
DESK_THINGS = frozenset({BODY_WEIGHT, "chair", "desk", "wall"})
DESK_POSITIONS = frozenset({Position.CHAIR, Position.STANDING})
# The sources say to warm up first (walking, jogging on the spot, jumping jacks or dynamic
# hip movement) but give no duration: 60 s, from 8 minutes on, is our choice.
WARM_UP_FROM = 480
WARM_UP_SECONDS = 60
DESK_WARM_UP = "Warm up: march on the spot and swing your arms"
FLOOR_WARM_UP = "Warm up: walk or jog on the spot, or do easy leg swings"
# Repeating a static stretch 2-4 times is the ACSM's guidance (Garber CE et al. 2011,
# "Quantity and quality of exercise...", Med Sci Sports Exerc 43(7):1334-59): a static
# stretch may be given up to 4 sets to fill the time.
MOST_REPEATS = 4
# Our choice: within 10 % of --for, but never tighter than 30 s (one exercise's worth
# of slack for short sessions).
TOLERANCE_SHARE = 10  # percent
TOLERANCE_LEAST = 30
VARIETY_TRIES = 5  # our choice: enough for a small pool to show another order
# Standing, kneeling, all fours, seated, lying: the order that gets a person down to the
# floor once. Foam rolling after, then exercises with no position.
POSITION_RANK = {
    Position.STANDING: 0,
    Position.KNEELING: 1,
    Position.ALL_FOURS: 2,
    Position.CHAIR: 3,
    Position.FLOOR_SEATED: 3,
    Position.SUPINE: 4,
    Position.PRONE: 4,
    Position.SIDE_LYING: 4,
    Position.FOAM_ROLLER: 5,
}
NO_POSITION_RANK = 6
MOST_IDS_SAID = 3  # per reason, so a message stays one readable line
GENERATED = Origin("generated", 1, 1)
IMPORT_HINT = "stretch import free-exercise-db adds some"
_LEVELS = (Level.BEGINNER, Level.INTERMEDIATE, Level.ADVANCED)


class Want(NamedTuple):
    """What the person asked for on the command line (and their conditions)."""

    seconds: int  # --for
    focus: tuple[str, ...] = ()  # as typed; () = the lower body, balanced
    positions: frozenset[Position] = frozenset()  # --position; empty = any
    desk: bool = False
    equipment: frozenset[str] = frozenset()  # --equipment, besides what is always at hand
    level: Level = Level.BEGINNER
    seed: int = 0
    conditions: tuple[Condition, ...] = ()  # config.yaml's
    # How the session's timeline will be built (config.yaml and the command line); its
    # level is `level`'s. Rounds, sets and scale would stretch a fitted session: the
    # command line refuses them with --for.
    timing: PlanOptions = PlanOptions()

    @property
    def options(self) -> PlanOptions:
        return self.timing._replace(level=self.level)


class Used(NamedTuple):
    """What the history says of one exercise."""

    last_done: datetime | None  # the latest session that did it
    pain_on: datetime | None  # the latest check-in rated pain, if any


NEVER_USED = Used(None, None)


def usage(records: Iterable[ExerciseRecord]) -> dict[str, Used]:
    """What the history's rows say of each exercise: when it was last done, and last
    rated pain."""
    done: dict[str, datetime] = {}
    pain: dict[str, datetime] = {}
    for record in sorted(records, key=lambda r: r.started_utc):  # the latest is kept
        if record.done:
            done[record.exercise_id] = record.started_utc
        if record.rating is Rating.PAIN:
            pain[record.exercise_id] = record.started_utc
    return {key: Used(done.get(key), pain.get(key)) for key in done.keys() | pain.keys()}


class Generated(NamedTuple):
    routine: Routine
    # One line each: what was left out and why, a focus with nothing in the library, a
    # session shorter than asked.
    notes: tuple[str, ...]
    terms: tuple[str, ...]  # the focus kept, as vocabulary ids


class NothingFits(StretchError):
    """No session can be built from these wishes; the message is the whole explanation."""


# -- 1. focus -------------------------------------------------------------------------


class _Focus(NamedTuple):
    typed: str  # as on the command line ("calf"); the id for the default focus
    term: str  # the vocabulary id ("calves")
    explicit: bool  # asked for with --focus: it must be covered


def _focus(want: Want) -> list[_Focus]:
    """The focus as vocabulary ids; an unknown term is a usage error with a hint."""
    if not want.focus:
        return [_Focus(term, term, explicit=False) for term in LOWER_BODY]
    found: dict[str, _Focus] = {}
    for typed in want.focus:
        term = muscles.find(typed)
        if term is None:
            hint = did_you_mean(muscles.key(typed), muscles.names())
            raise UsageError(
                f"--focus {typed}: not a muscle stretchcli knows{hint}; "
                "`stretch muscles` lists them"
            )
        found.setdefault(term.id, _Focus(typed, term.id, explicit=True))
    return list(found.values())


def works(exercise: Exercise, term: str) -> bool:
    """Whether one of the exercise's target muscles is `term` or under it."""
    return muscles.names_match(term, exercise.target)


def _groups_under(term: str) -> tuple[str, ...]:
    """A region's groups (hips: glutes, hip-flexors...); a term below a region has none."""
    found = muscles.find(term)
    if found is None or found.part_of is not None:
        return ()
    return tuple(each.id for each in muscles.TERMS if each.part_of == term)


def _words(term: str) -> str:
    return term.replace("-", " ")


# -- 2. candidates ----------------------------------------------------------------------


class _Filter(NamedTuple):
    one: str  # why one exercise is left out: "needs a partner"
    many: str  # why several are: "need a partner"
    keeps: Callable[[Exercise], bool]
    detail: Callable[[Exercise], tuple[str, ...]]  # what of it: ("floor-seated",), ("strap",)
    noted: bool  # said in a note: a reason the person did not choose on this command line
    # The note lists the details (the equipment to name), not the exercises.
    note_details: bool = False


def _filters(want: Want, used: Mapping[str, Used], now: datetime) -> list[_Filter]:
    """The filters, in order; the place filters only when asked for."""
    filters = [*_safety_filters(want, used, now), _level_filter(want.level)]
    if want.desk:
        filters.append(_desk_filter())
    if want.positions:
        filters.append(_position_filter(want.positions))
    filters.append(_equipment_filter(want.equipment))
    return filters


def _safety_filters(want: Want, used: Mapping[str, Used], now: datetime) -> list[_Filter]:
    def pain_on(exercise: Exercise) -> datetime | None:
        return used.get(exercise.id, NEVER_USED).pain_on

    def no_pain(exercise: Exercise) -> bool:
        return not kept_out(pain_on(exercise), now)

    def pain_days(exercise: Exercise) -> tuple[str, ...]:
        pain = pain_on(exercise)
        days = (now.astimezone().date() - pain.astimezone().date()).days if pain else 0
        return ("today" if days <= 0 else f"{days} day{'' if days == 1 else 's'} ago",)

    def conditions(exercise: Exercise) -> tuple[str, ...]:
        return tuple(c.condition.value for c in cautions_for(exercise, want.conditions))

    return [
        _Filter(
            "needs a partner",
            "need a partner",
            lambda e: not e.needs,
            lambda e: tuple(need.value for need in e.needs),
            noted=True,
        ),
        _Filter(
            "has a caution for your conditions (config.yaml)",
            "have a caution for your conditions (config.yaml)",
            lambda e: not cautions_for(e, want.conditions),
            conditions,
            noted=True,
        ),
        _Filter(
            f"was rated pain in the last {PAIN_DAYS} days",
            f"were rated pain in the last {PAIN_DAYS} days",
            no_pain,
            pain_days,
            noted=True,
        ),
    ]


def _level_filter(level: Level) -> _Filter:
    allowed = _LEVELS[: _LEVELS.index(level) + 1]
    return _Filter(
        f"is above --level {level.value}",
        f"are above --level {level.value}",
        lambda e: e.difficulty in allowed,
        lambda e: (e.difficulty.value,),
        noted=True,
    )


def _check_equipment(want: Want, exercises: Mapping[str, Exercise]) -> None:
    """An --equipment no exercise in the library uses is a typo, or a thing that changes
    nothing: a usage error with the names the library does use."""
    used = {thing.casefold(): thing for e in exercises.values() for thing in e.equipment}
    for thing in sorted(want.equipment):
        if thing.casefold() in used or thing.casefold() in AT_HAND:
            continue
        names = sorted(set(used.values()) - AT_HAND)
        hint = did_you_mean(thing, names)
        listed = ", ".join(f'"{name}"' for name in names) or "none beyond a floor, chair and wall"
        raise UsageError(
            f"--equipment {visible(thing)}: no exercise in your library uses it{hint}; "
            f"those it uses: {listed}"
        )


def _missing(exercise: Exercise, have: frozenset[str]) -> list[str]:
    """The exercise's equipment not in `have` (compared without case)."""
    folded = {thing.casefold() for thing in have}
    return [thing for thing in exercise.equipment if thing.casefold() not in folded]


def _desk_filter() -> _Filter:
    def at_desk(exercise: Exercise) -> bool:
        return (
            exercise.position in DESK_POSITIONS
            and exercise.category is not Category.FOAM_ROLLING
            and not _missing(exercise, DESK_THINGS)
        )

    def why_not(exercise: Exercise) -> tuple[str, ...]:
        if exercise.position not in DESK_POSITIONS:
            return _position_name(exercise)
        return tuple(_missing(exercise, DESK_THINGS)) or ("foam rolling",)

    return _Filter(
        "is not chair or standing (--desk)",
        "are not chair or standing (--desk)",
        at_desk,
        why_not,
        noted=False,
    )


def _position_filter(positions: frozenset[Position]) -> _Filter:
    places = " or ".join(sorted(position.value for position in positions))
    return _Filter(
        f"does not start in {places} (--position)",
        f"do not start in {places} (--position)",
        lambda e: e.position in positions,
        _position_name,
        noted=False,
    )


def _equipment_filter(named: frozenset[str]) -> _Filter:
    have = AT_HAND | named
    return _Filter(
        "needs equipment you did not name (--equipment)",
        "need equipment you did not name (--equipment)",
        lambda e: not _missing(e, have),
        lambda e: tuple(_missing(e, have)),
        noted=True,
        note_details=True,
    )


def _position_name(exercise: Exercise) -> tuple[str, ...]:
    return (exercise.position.value if exercise.position is not None else "no position",)


class _Sifted(NamedTuple):
    kept: list[Exercise]
    removed: dict[str, _Filter]  # exercise id -> the first filter that left it out
    filters: Sequence[_Filter]  # in the order they apply

    def gone(self, exercises: Sequence[Exercise]) -> list[tuple[_Filter, list[Exercise]]]:
        """Which filter left out which of `exercises`, in the filters' order, ids sorted."""
        ordered = sorted(exercises, key=lambda exercise: exercise.id)
        found = [
            (each, [e for e in ordered if self.removed.get(e.id) is each]) for each in self.filters
        ]
        return [(each, those) for each, those in found if those]


def _sift(exercises: Mapping[str, Exercise], filters: Sequence[_Filter]) -> _Sifted:
    kept: list[Exercise] = []
    removed: dict[str, _Filter] = {}
    for exercise in exercises.values():
        first = next((each for each in filters if not each.keeps(exercise)), None)
        if first is None:
            kept.append(exercise)
        else:
            removed[exercise.id] = first
    return _Sifted(kept, removed, filters)


def _some(parts: Sequence[str]) -> str:
    """At most MOST_IDS_SAID of `parts`, then how many more."""
    shown = ", ".join(visible(part) for part in parts[:MOST_IDS_SAID])
    more = len(parts) - MOST_IDS_SAID
    return f"{shown} and {more} more" if more > 0 else shown


def _why_none(what: str, working: Sequence[Exercise], sifted: _Sifted) -> str:
    """Why none of `working` (the exercises for `what`) is left: each filter and its ids.

    "2 exercises work calves; both are not chair or standing (--desk): floor-calf
    (floor-seated), roll-calf (foam-roller)".
    """
    if not working:
        return f"no exercise in your library works {what} ({IMPORT_HINT})"
    one = len(working) == 1
    head = f"{len(working)} exercise{'' if one else 's'} work{'s' if one else ''} {what}"
    clauses = [_clause(each, gone, len(working)) for each, gone in sifted.gone(working)]
    return "; ".join([head, *clauses])


def _clause(reason: _Filter, gone: Sequence[Exercise], working: int) -> str:
    count = len(gone)
    if count == working:
        who = "it" if count == 1 else "both" if count == 2 else f"all {count}"
    else:
        who = str(count)
    why = reason.one if count == 1 else reason.many
    said = [f"{exercise.id} ({', '.join(reason.detail(exercise))})" for exercise in gone]
    return f"{who} {why}: {_some(said)}"


def _left_out_notes(relevant: Sequence[Exercise], sifted: _Sifted) -> list[str]:
    """A note per reason the person did not choose here (a caution, pain, equipment...)
    that left out an exercise for the focus. One the place asked for rules out anyway
    (pigeon pose at a desk) is not worth a word."""
    places = [each for each in sifted.filters if not each.noted]
    anywhere = [e for e in relevant if all(place.keeps(e) for place in places)]
    notes = []
    for reason, gone in sifted.gone(anywhere):
        if not reason.noted:
            continue
        one = len(gone) == 1
        notes.append(
            f"left out {len(gone)} exercise{'' if one else 's'} that "
            f"{reason.one if one else reason.many}: {_listed(gone, reason)}"
        )
    return notes


def _listed(gone: Sequence[Exercise], reason: _Filter) -> str:
    """The exercises' ids, or what would bring them back (each piece once, whatever its case)."""
    if not reason.note_details:
        return _some([exercise.id for exercise in gone])
    pieces: dict[str, str] = {}
    for piece in (piece for exercise in gone for piece in reason.detail(exercise)):
        pieces.setdefault(piece.casefold(), piece)
    return _some(list(pieces.values()))


# -- 3. preference ------------------------------------------------------------------


def _ranked(candidates: Sequence[Exercise], used: Mapping[str, Used], seed: int) -> list[Exercise]:
    """Never done first, then least recently done; ties in the seed's shuffled order."""
    import random  # a few milliseconds at import: only a session being built pays for it

    shuffled = sorted(candidates, key=lambda exercise: exercise.id)  # whatever the input order
    random.Random(seed).shuffle(shuffled)

    def last(exercise: Exercise) -> tuple[int, float]:
        done = used.get(exercise.id, NEVER_USED).last_done
        return (0, 0.0) if done is None else (1, done.timestamp())

    return sorted(shuffled, key=last)  # stable: the shuffle breaks the ties


class _Slot(NamedTuple):
    """One turn of the round-robin: a focus term, or one of a region's groups."""

    focus: _Focus
    group: str
    ranked: tuple[Exercise, ...]  # the candidates that work it, best first
    first: bool  # the focus term's first slot


def _slots_of(focus: _Focus, ranked: Sequence[Exercise]) -> list[_Slot]:
    """A region's groups that have candidates, then the region itself for exercises that
    name it but none of its groups ("hips"); any other term is one slot."""
    groups = _groups_under(focus.term)
    lists = [(group, [e for e in ranked if works(e, group)]) for group in groups]
    loose = [e for e in ranked if works(e, focus.term) and not any(works(e, g) for g in groups)]
    lists.append((focus.term, loose))
    filled = [(group, tuple(those)) for group, those in lists if those]
    return [_Slot(focus, group, those, n == 0) for n, (group, those) in enumerate(filled)]


def _interleaved(per_focus: Sequence[Sequence[_Slot]]) -> list[_Slot]:
    """Each focus's first slot, then each one's second...: every term gets its turn first."""
    deepest = max((len(slots) for slots in per_focus), default=0)
    return [slots[n] for n in range(deepest) for slots in per_focus if n < len(slots)]


# -- 4. time --------------------------------------------------------------------------


def tolerance(seconds: int) -> int:
    """How far the total may land from --for: 10 %, at least 30 s."""
    return max(seconds * TOLERANCE_SHARE // 100, TOLERANCE_LEAST)


class _Budget(NamedTuple):
    enough: int  # the total may stop here
    most: int  # and may not pass this

    @classmethod
    def of(cls, seconds: int) -> _Budget:
        return cls(seconds - tolerance(seconds), seconds + tolerance(seconds))


class _Costs:
    """Seconds of one exercise at a number of sets, as the timeline builds it alone, and
    the rest the session puts between two items."""

    def __init__(self, exercises: Mapping[str, Exercise], options: PlanOptions) -> None:
        self.exercises = exercises
        self.options = options
        two = Routine("cost", "cost", (TimerItem("a", Span.fixed(1)),) * 2, GENERATED)
        self.rest = plan_size(two, exercises, options).seconds - 2
        self._known: dict[tuple[str, int], int] = {}

    def alone(self, exercise: Exercise, sets: int = 1) -> int:
        key = (exercise.id, sets)
        if key not in self._known:
            routine = Routine("cost", "cost", (_item(exercise, sets),), GENERATED)
            self._known[key] = plan_size(routine, self.exercises, self.options).seconds
        return self._known[key]

    def __call__(self, exercise: Exercise, sets: int = 1) -> int:
        """What taking it adds: itself and the rest before it (the first's rest is taken
        back in `start`)."""
        return self.alone(exercise, sets) + self.rest

    def start(self, warm_up: int) -> int:
        """The total before any exercise: the warm-up, or minus the rest the first
        exercise will not have, there being nothing before it."""
        return warm_up if warm_up else -self.rest


def _item(exercise: Exercise, sets: int) -> ExerciseItem:
    """An item at `sets` sets; an exercise that always does that many needs no override."""
    same = exercise.sets == Span.fixed(sets)
    return ExerciseItem(exercise.id, GENERATED, sets=None if same else Span.fixed(sets))


def _most_sets(exercise: Exercise) -> int:
    """Its own most sets; a static stretch (one hold a side) up to MOST_REPEATS."""
    static = exercise.reps.high == 1
    return max(exercise.sets.high, MOST_REPEATS) if static else exercise.sets.high


def _take(
    slots: Sequence[_Slot], budget: _Budget, costs: _Costs, total: int
) -> tuple[list[Exercise], int]:
    """Exercises at one set, in turn for each slot, the best-ranked that still fits,
    until the total is enough or nothing more fits."""
    chosen: list[Exercise] = []
    taken: set[str] = set()
    first_round = True
    while True:
        before = len(chosen)
        for slot in slots:
            covered = any(works(e, slot.focus.term) for e in chosen)
            must = first_round and slot.first and slot.focus.explicit and not covered
            if total >= budget.enough and not must:
                continue
            fits = (e for e in slot.ranked if e.id not in taken and total + costs(e) <= budget.most)
            pick = next(fits, None)
            if pick is not None:
                chosen.append(pick)
                taken.add(pick.id)
                total += costs(pick)
        first_round = False
        if len(chosen) == before or total >= budget.enough:
            return chosen, total


def _grow(
    chosen: Sequence[Exercise], budget: _Budget, costs: _Costs, total: int
) -> tuple[list[int], int]:
    """More sets, in turn in the chosen order, while the total is short and each fits."""
    sets = [1] * len(chosen)
    grown = True
    while total < budget.enough and grown:
        grown = False
        for index, exercise in enumerate(chosen):
            if total >= budget.enough or sets[index] >= _most_sets(exercise):
                continue
            more = costs(exercise, sets[index] + 1) - costs(exercise, sets[index])
            if total + more <= budget.most:
                sets[index] += 1
                total += more
                grown = True
    return sets, total


class _Pick(NamedTuple):
    exercise: Exercise
    sets: int


class _Filled(NamedTuple):
    picks: list[_Pick]  # in the order chosen
    total: int  # seconds, the warm-up included
    warm_up: int


def _fill(slots: Sequence[_Slot], want: Want, costs: _Costs) -> _Filled:
    """The exercises and their sets; NothingFits when --for is too short for them."""
    budget = _Budget.of(want.seconds)
    warm_up = WARM_UP_SECONDS if want.seconds >= WARM_UP_FROM else 0
    chosen, total = _take(slots, budget, costs, costs.start(warm_up))
    if not chosen:
        raise _too_short(want, [e for slot in slots for e in slot.ranked], costs, warm_up)
    uncovered = _uncovered(slots, chosen)
    if uncovered is not None:
        # The best-ranked picks left no room for every focus: the shortest of each, then.
        shortest = [slot._replace(ranked=tuple(sorted(slot.ranked, key=costs))) for slot in slots]
        chosen, total = _take(shortest, budget, costs, costs.start(warm_up))
        if _uncovered(shortest, chosen) is not None:
            raise _too_short_for(want, uncovered, costs)
    sets, total = _grow(chosen, budget, costs, total)
    return _Filled([_Pick(e, n) for e, n in zip(chosen, sets, strict=True)], total, warm_up)


def _uncovered(slots: Sequence[_Slot], chosen: Sequence[Exercise]) -> _Slot | None:
    """The first explicit focus no chosen exercise works, if any."""
    for slot in slots:
        covered = any(works(e, slot.focus.term) for e in chosen)
        if slot.first and slot.focus.explicit and not covered:
            return slot
    return None


def _too_short(
    want: Want, candidates: Sequence[Exercise], costs: _Costs, warm_up: int
) -> NothingFits:
    shortest = min(candidates, key=lambda e: (costs.alone(e), e.id))
    after = f" after the {format_seconds(warm_up)} warm-up" if warm_up else ""
    needs = costs(shortest) if warm_up else costs.alone(shortest)  # a rest after a warm-up
    return NothingFits(
        f"--for {spoken_length(want.seconds)} is shorter than any exercise that fits"
        f"{after}: the shortest, {shortest.id}, takes {format_seconds(needs)}"
    )


def _too_short_for(want: Want, slot: _Slot, costs: _Costs) -> NothingFits:
    shortest = min(slot.ranked, key=lambda e: (costs.alone(e), e.id))
    return NothingFits(
        f"--for {spoken_length(want.seconds)} is too short to cover every --focus: "
        f"nothing for {slot.focus.typed} fits after the others (the shortest, "
        f"{shortest.id}, takes {format_seconds(costs.alone(shortest))}); ask for more time"
    )


def _short_note(want: Want, filled: _Filled) -> str | None:
    if filled.total >= _Budget.of(want.seconds).enough:
        return None
    exercises = format_seconds(filled.total - filled.warm_up)
    with_warm_up = f" ({format_seconds(filled.total)} with the warm-up)" if filled.warm_up else ""
    return (
        f"only {exercises} of exercises fit these choices{with_warm_up}; "
        f"the session is shorter than --for {spoken_length(want.seconds)}"
    )


# -- the session ----------------------------------------------------------------------


def generate(
    want: Want,
    exercises: Mapping[str, Exercise],
    used: Mapping[str, Used],
    now: datetime,
    previous: Sequence[str] = (),
) -> Generated:
    """The session `want` asks for, not the same as `previous` where another can be built.

    Raises UsageError for an unknown --focus, NothingFits when no session fits.
    """
    made = _generate(want, exercises, used, now)
    if not previous or made.routine.exercise_ids != tuple(previous):
        return made
    for more in range(1, VARIETY_TRIES + 1):
        try:
            other = _generate(want._replace(seed=want.seed + more), exercises, used, now)
        except NothingFits:  # another order may not cover every focus in the time
            continue
        if other.routine.exercise_ids != tuple(previous):
            return other
    return made


class _Pool(NamedTuple):
    """The focus slots, and the notes on what the focus lost."""

    slots: list[_Slot]
    terms: list[str]  # the focus terms kept
    notes: list[str]


def _pool(
    want: Want, exercises: Mapping[str, Exercise], used: Mapping[str, Used], now: datetime
) -> _Pool:
    """Rules 1 to 3: the focus, its candidates, ranked, as round-robin slots."""
    focus = _focus(want)
    _check_equipment(want, exercises)
    sifted = _sift(exercises, _filters(want, used, now))
    ranked = _ranked(sifted.kept, used, want.seed)
    per_focus = [_slots_of(each, ranked) for each in focus]
    kept = [each for each, slots in zip(focus, per_focus, strict=True) if slots]
    for each, slots in zip(focus, per_focus, strict=True):
        if not slots and each.explicit:
            working = [e for e in exercises.values() if works(e, each.term)]
            why = _why_none(_words(each.term), working, sifted)
            raise NothingFits(f"nothing fits --focus {each.typed}: {why}")
    notes = _dropped_notes([f for f in focus if f not in kept], exercises, sifted)
    if not kept:
        raise _nothing_in_lower_body(exercises, sifted)
    relevant = [e for e in exercises.values() if any(works(e, f.term) for f in kept)]
    notes += _left_out_notes(relevant, sifted)
    slots = _interleaved([slots for slots in per_focus if slots])
    return _Pool(slots, [each.term for each in kept], notes)


def _dropped_notes(
    dropped: Sequence[_Focus], exercises: Mapping[str, Exercise], sifted: _Sifted
) -> list[str]:
    """Notes on the default focus's groups left out: none in the library, or none left."""
    absent: list[str] = []
    notes: list[str] = []
    for each in dropped:
        working = [e for e in exercises.values() if works(e, each.term)]
        if working:
            why = _why_none(_words(each.term), working, sifted)
            notes.append(f"the session leaves out {_words(each.term)}: {why}")
        else:
            absent.append(_words(each.term))
    if absent:
        listed = ", ".join(absent[:-1]) + " or " + absent[-1] if len(absent) > 1 else absent[0]
        notes.insert(0, f"no exercise for {listed} in your library ({IMPORT_HINT})")
    return notes


def _nothing_in_lower_body(exercises: Mapping[str, Exercise], sifted: _Sifted) -> NothingFits:
    working = [e for e in exercises.values() if any(works(e, term) for term in LOWER_BODY)]
    return NothingFits(
        "nothing fits the whole lower body: " + _why_none("the lower body", working, sifted)
    )


def _generate(
    want: Want, exercises: Mapping[str, Exercise], used: Mapping[str, Used], now: datetime
) -> Generated:
    pool = _pool(want, exercises, used, now)
    filled = _fill(pool.slots, want, _Costs(exercises, want.options))
    short = _short_note(want, filled)
    notes = [*pool.notes, *([short] if short else [])]
    routine = _routine(want, pool.terms, filled)
    return Generated(routine, tuple(notes), tuple(pool.terms))


def routine_id(want: Want) -> str:
    """The generated routine's id, naming the choices (not the seed): for-10m-hips-desk."""
    focus = [_term_id(typed) for typed in want.focus] or ["lower-body"]
    place = (["desk"] if want.desk else []) + sorted(p.value for p in want.positions)
    words = ["for", format_seconds(want.seconds), *dict.fromkeys(focus), *place]
    slug = re.sub(r"[^a-z0-9]+", "-", "-".join(words).lower()).strip("-")
    return slug[:64].rstrip("-")  # an id is at most 64 characters (core/loader.py)


def _term_id(typed: str) -> str:
    term = muscles.find(typed)
    return term.id if term is not None else muscles.key(typed)


def _name(want: Want, terms: Sequence[str]) -> str:
    minutes, rest = divmod(want.seconds, 60)
    length = f"{minutes}-minute" if minutes and not rest else format_seconds(want.seconds)
    focus = ", ".join(_words(term) for term in terms) if want.focus else "the whole lower body"
    return f"{length} session: {focus}{_place(want, short=True)}"


def _place(want: Want, short: bool) -> str:
    if want.desk:
        return ", at the desk" if short else ", at the desk (on a chair or standing)"
    if want.positions:
        places = " or ".join(sorted(position.value for position in want.positions))
        return f", {places}" if short else f", starting {places}"
    return "" if short else ", in any position"


def _routine(want: Want, terms: Sequence[str], filled: _Filled) -> Routine:
    # Stable: within a rank, the order they were chosen in.
    ordered = sorted(filled.picks, key=lambda pick: _position_rank(pick.exercise))
    items: list[Item] = []
    if filled.warm_up:
        label = DESK_WARM_UP if want.desk else FLOOR_WARM_UP
        items.append(TimerItem(label, Span.fixed(filled.warm_up)))
    items += [_item(pick.exercise, pick.sets) for pick in ordered]
    return Routine(
        id=routine_id(want),
        name=_name(want, terms),
        items=tuple(items),
        origin=GENERATED,
        summary=_summary(want, terms, filled),
        level=want.level,
        tags=("generated",),
    )


def _summary(want: Want, terms: Sequence[str], filled: _Filled) -> str:
    focus = ", ".join(_words(term) for term in terms)
    if not want.focus:
        focus = f"the whole lower body ({focus})"
    repeats = any(p.sets > 1 and p.exercise.reps.high == 1 for p in filled.picks)
    acsm = " Repeats of 2-4 per stretch follow ACSM guidance." if repeats else ""
    return (
        f"Built by stretchcli for {format_seconds(want.seconds)}: {focus}"
        f"{_place(want, short=False)}, {want.level.value} level.{acsm}"
    )


def _position_rank(exercise: Exercise) -> int:
    if exercise.position is None:
        return NO_POSITION_RANK
    return POSITION_RANK[exercise.position]
