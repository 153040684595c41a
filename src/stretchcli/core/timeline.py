"""A routine plus options -> the exact steps a session runs (docs/routine-format.md, timeline).

Pure: no I/O, no clock. Values resolve option > item override > routine > exercise >
default, where the options are the command line's with config.yaml's filled in
(core/settings.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise
from typing import NamedTuple, TypedDict

from .durations import MAX_SECONDS
from .errors import UsageError
from .model import (
    Exercise,
    ExerciseItem,
    Item,
    Level,
    Plan,
    RestItem,
    Routine,
    Side,
    Sides,
    Span,
    Step,
    StepKind,
    TimerItem,
)


class SessionTooLong(UsageError):
    """The options given would make a session past the limits (exit code 2)."""


class PlanOptions(NamedTuple):
    """What the command line overrides; None leaves the routine's own value."""

    level: Level | None = None
    hold: Span | None = None
    scale: float | None = None  # multiplies every hold, after `hold` and the level
    reps: Span | None = None
    sets: Span | None = None
    prep: Span | None = None
    switch: Span | None = None
    rest: Span | None = None
    rounds: Span | None = None
    first_side: Side | None = None


def _session_level(routine: Routine, options: PlanOptions) -> Level:
    return options.level or routine.level or Level.BEGINNER


# A session can be at most this long, so that no file or option can make stretchcli build
# millions of steps: checked by arithmetic (plan_size) before a single step is built.
MAX_SESSION_SECONDS = 24 * 3600
MAX_SESSION_STEPS = 100_000


class PlanSize(NamedTuple):
    steps: int
    seconds: int

    def too_long(self) -> str | None:
        """Why a session of this size is refused, or None when it is within the limits."""
        if self.steps > MAX_SESSION_STEPS:
            return f"makes {self.steps:,} steps; a session has at most {MAX_SESSION_STEPS:,}"
        if self.seconds > MAX_SESSION_SECONDS:
            hours = MAX_SESSION_SECONDS // 3600
            return f"lasts {self.seconds / 3600:,.1f} hours; a session lasts at most {hours}"
        return None


def hold_seconds(span: Span, level: Level, scale: float | None) -> int:
    """A hold's seconds at `level`, times --scale (rounded half up), within 1 s and the
    longest duration a file may give."""
    hold = span.at(level)
    if scale is not None:
        hold = int(hold * scale + 0.5)
    return min(max(hold, 1), MAX_SECONDS)


class _Setup(NamedTuple):
    """What a routine and options come to before any step: shared by counting and building."""

    level: Level
    rounds: int
    rest: int  # between two items
    builder: _StepBuilder


def _setup(routine: Routine, exercises: Mapping[str, Exercise], options: PlanOptions) -> _Setup:
    level = _session_level(routine, options)
    return _Setup(
        level,
        (options.rounds or routine.rounds).at(level),
        (options.rest or routine.rest).at(level),
        _StepBuilder(routine, exercises, options, level),
    )


def _rest_between(first: Item, second: Item) -> bool:
    """Whether the routine's rest goes between these two items (not next to a rest item)."""
    return not isinstance(first, RestItem) and not isinstance(second, RestItem)


def plan_size(
    routine: Routine, exercises: Mapping[str, Exercise], options: PlanOptions | None = None
) -> PlanSize:
    """How many steps `build_plan` would make, and their total seconds, without making them."""
    setup = _setup(routine, exercises, options or PlanOptions())
    steps = seconds = 0
    for item in routine.items:
        size = setup.builder.size(item)
        steps += size.steps
        seconds += size.seconds
    rests = 0
    if setup.rest > 0 and routine.items:
        within = sum(_rest_between(a, b) for a, b in pairwise(routine.items))
        across = _rest_between(routine.items[-1], routine.items[0])
        rests = setup.rounds * within + (setup.rounds - 1) * across
    return PlanSize(steps * setup.rounds + rests, seconds * setup.rounds + rests * setup.rest)


def build_plan(
    routine: Routine, exercises: Mapping[str, Exercise], options: PlanOptions | None = None
) -> Plan:
    """Every step of `routine`; `exercises` must define every exercise it names.

    Raises SessionTooLong, before building anything, when the session would pass the limits.
    """
    options = options or PlanOptions()
    why = plan_size(routine, exercises, options).too_long()
    if why is not None:
        raise SessionTooLong(f"{routine.id}: this session {why}")
    level, rounds, rest, builder = _setup(routine, exercises, options)
    sequence = [(number, item) for number in range(1, rounds + 1) for item in routine.items]
    steps: list[Step] = []
    previous: Item | None = None
    for block, (number, item) in enumerate(sequence):
        if previous is not None and rest > 0 and _rest_between(previous, item):
            steps.append(Step(StepKind.REST, rest, "Rest", round=number, rounds=rounds))
        steps.extend(builder.item(item, {"round": number, "rounds": rounds, "block": block}))
        previous = item
    return Plan(routine.id, routine.name, level, _name_next(steps))


def _name_next(steps: list[Step]) -> tuple[Step, ...]:
    """Rests say what comes next, so the person knows what to get ready for."""
    named = list(steps)
    upcoming: Step | None = None
    for index in range(len(named) - 1, -1, -1):  # from the end: one pass, however many rests
        step = named[index]
        if step.kind is not StepKind.REST:
            upcoming = step
        elif upcoming is not None:
            what = upcoming.exercise_name or upcoming.label
            named[index] = step._replace(label=f"Rest, next: {what}")
    return tuple(named)


class _Dose(NamedTuple):
    """What one exercise item comes to at the session's level, options applied."""

    prep: int
    switch: int
    hold: int
    reps: int
    sets: int
    rep_rest: int
    set_rest: int
    sides: tuple[Side | None, ...]


class _Place(TypedDict):
    """Where an item's steps stand in the session, the same for each of them."""

    round: int
    rounds: int
    block: int


class _StepBuilder:
    def __init__(
        self,
        routine: Routine,
        exercises: Mapping[str, Exercise],
        options: PlanOptions,
        level: Level,
    ) -> None:
        self.exercises = exercises
        self.options = options
        self.level = level
        self.routine = routine
        self.first_side = options.first_side or routine.first_side

    def _prep(self, item: ExerciseItem) -> int:
        return (self.options.prep or item.prep or self.routine.prep).at(self.level)

    def _switch(self, item: ExerciseItem) -> int:
        return (self.options.switch or item.switch or self.routine.switch).at(self.level)

    def item(self, item: Item, place: _Place) -> list[Step]:
        """The steps of one item; `place` is its round, rounds and block, for every step."""
        if isinstance(item, TimerItem):
            return [Step(StepKind.TIMER, item.seconds.at(self.level), item.label, **place)]
        if isinstance(item, RestItem):
            return [Step(StepKind.REST, item.seconds.at(self.level), "Rest", **place)]
        return self.exercise(item, place)

    def _hold_seconds(self, item: ExerciseItem, exercise: Exercise) -> int:
        return hold_seconds(
            self.options.hold or item.hold or exercise.hold, self.level, self.options.scale
        )

    def _dose(self, item: ExerciseItem, exercise: Exercise) -> _Dose:
        at = self.level
        set_rest_span = item.set_rest or exercise.set_rest
        both = (item.sides or exercise.sides) is Sides.BOTH
        switch = self._switch(item)
        return _Dose(
            prep=self._prep(item),
            switch=switch,
            hold=self._hold_seconds(item, exercise),
            reps=(self.options.reps or item.reps or exercise.reps).at(at),
            sets=(self.options.sets or item.sets or exercise.sets).at(at),
            rep_rest=(item.rep_rest or exercise.rep_rest).at(at),
            set_rest=set_rest_span.at(at) if set_rest_span is not None else switch,
            sides=(self.first_side, self.first_side.other) if both else (None,),
        )

    def size(self, item: Item) -> PlanSize:
        """The steps and seconds of one item, counted as `item` would make them."""
        if not isinstance(item, ExerciseItem):
            return PlanSize(1, item.seconds.at(self.level))
        dose = self._dose(item, self.exercises[item.exercise])
        per_side = PlanSize(
            dose.reps + (dose.reps - 1) * (dose.rep_rest > 0),
            dose.reps * dose.hold + (dose.reps - 1) * dose.rep_rest,
        )
        switches = (len(dose.sides) - 1) * (dose.switch > 0 and dose.sides[0] is not None)
        per_set = PlanSize(
            len(dose.sides) * per_side.steps + switches,
            len(dose.sides) * per_side.seconds + switches * dose.switch,
        )
        set_rests = (dose.sets - 1) * (dose.set_rest > 0)
        return PlanSize(
            (dose.prep > 0) + dose.sets * per_set.steps + set_rests,
            dose.prep + dose.sets * per_set.seconds + set_rests * dose.set_rest,
        )

    def exercise(self, item: ExerciseItem, place: _Place) -> list[Step]:
        exercise = self.exercises[item.exercise]
        prep, switch, hold, reps, sets, rep_rest, set_rest, sides = self._dose(item, exercise)
        cue_list = item.cues if item.cues is not None else exercise.cues
        offsets = [(cue.at.offset_in(hold), cue.say) for cue in cue_list]
        cues = tuple(sorted((o, say) for o, say in offsets if o is not None))

        def step(kind: StepKind, seconds: int, label: str, **where: object) -> Step:
            return Step(
                kind,
                seconds,
                label,
                exercise=exercise.id,
                exercise_name=exercise.name,
                sets=sets,
                reps=reps,
                note=item.note,
                **place,
                **where,  # type: ignore[arg-type]
            )

        steps: list[Step] = []
        if prep > 0:
            steps.append(step(StepKind.PREP, prep, f"Get ready: {exercise.name}"))
        for set_number in range(1, sets + 1):
            if set_number > 1 and set_rest > 0:
                steps.append(
                    step(
                        StepKind.SET_REST,
                        set_rest,
                        f"Rest before set {set_number} of {sets}",
                        set=set_number,
                    )
                )
            for side_index, side in enumerate(sides):
                where = {"side": side, "set": set_number}
                if side_index > 0 and switch > 0 and side is not None:
                    steps.append(
                        step(
                            StepKind.SWITCH,
                            switch,
                            f"Switch to the {side.value} side",
                            **where,
                        )
                    )
                for rep in range(1, reps + 1):
                    if rep > 1 and rep_rest > 0:
                        steps.append(
                            step(
                                StepKind.REP_REST,
                                rep_rest,
                                f"Relax, then rep {rep} of {reps}",
                                rep=rep,
                                **where,
                            )
                        )
                    label = f"{exercise.name}, {side.value} side" if side else exercise.name
                    steps.append(step(StepKind.HOLD, hold, label, rep=rep, cues=cues, **where))
        return steps


# How long a check-in waits for its one key; answering moves on at once. Our choice: long
# enough to find a key with the eyes closed, short enough that no answer costs little.
CHECKIN_SECONDS = 6


def with_checkins(plan: Plan, seconds: int = CHECKIN_SECONDS) -> Plan:
    """`plan` with a check-in after each exercise's last step: how did it feel?"""
    steps: list[Step] = []
    for index, step in enumerate(plan.steps):
        steps.append(step)
        following = plan.steps[index + 1] if index + 1 < len(plan.steps) else None
        last_of_exercise = step.exercise is not None and (
            following is None or following.block != step.block
        )
        if last_of_exercise:
            steps.append(
                step._replace(
                    kind=StepKind.CHECKIN,
                    seconds=seconds,
                    label=f"How was {step.exercise_name}?",
                    side=None,
                    cues=(),
                )
            )
    return plan._replace(steps=tuple(steps))
