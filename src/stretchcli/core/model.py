"""The data model: immutable records and enums shared by the core and the shell.

Records are `typing.NamedTuple`s rather than frozen dataclasses: as immutable and
as typed, but about six times cheaper to define at import (0.1 ms against 0.75 ms
each), which matters for a listing that must start within 1.25x of its bare
imports (docs/benchmarks.md). Change a record with `record._replace(field=...)`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Literal, NamedTuple

from .errors import ExitCode, Problem

if TYPE_CHECKING:  # only config.yaml's reader needs the module itself
    from .reminders import DailyTarget, Reminders


class Level(Enum):
    """How hard a session is; picks the value of every range (low, middle or high)."""

    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class Side(Enum):
    RIGHT = "right"
    LEFT = "left"

    @property
    def other(self) -> Side:
        return Side.LEFT if self is Side.RIGHT else Side.RIGHT


class Sides(Enum):
    """Whether an exercise is done once, or on the right and on the left."""

    BOTH = "both"
    NONE = "none"


class Position(Enum):
    FLOOR_SEATED = "floor-seated"
    CHAIR = "chair"
    STANDING = "standing"
    SUPINE = "supine"
    PRONE = "prone"
    KNEELING = "kneeling"
    ALL_FOURS = "all-fours"
    SIDE_LYING = "side-lying"
    FOAM_ROLLER = "foam-roller"


class Category(Enum):
    STRETCHING = "stretching"
    MOBILITY = "mobility"
    FOAM_ROLLING = "foam-rolling"
    WARM_UP = "warm-up"


class StepKind(Enum):
    PREP = "prep"
    HOLD = "hold"
    SWITCH = "switch"
    REP_REST = "rep-rest"
    SET_REST = "set-rest"
    REST = "rest"
    TIMER = "timer"
    CHECKIN = "check-in"  # after an exercise's last hold: a key rates how it felt


class Span(NamedTuple):
    """A whole number or an inclusive range of them (seconds or a count)."""

    low: int
    high: int

    @classmethod
    def fixed(cls, value: int) -> Span:
        return cls(value, value)

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    def at(self, level: Level) -> int:
        """The value a session at `level` uses: low, midpoint rounded half up, or high."""
        if level is Level.BEGINNER:
            return self.low
        if level is Level.ADVANCED:
            return self.high
        return (self.low + self.high + 1) // 2


class CueTime(NamedTuple):
    """When a cue is said during a hold: start, half, end, or seconds from start or end."""

    anchor: Literal["start", "half", "end", "from-start", "from-end"]
    seconds: int = 0

    def offset_in(self, hold: int) -> int | None:
        """Seconds after the hold starts, or None when the cue falls outside this hold."""
        if self.anchor == "start":
            return 0
        if self.anchor == "half":
            return hold // 2
        if self.anchor == "end":
            # The final second: a cue at the very end would vanish with the hold.
            return hold - 1
        offset = self.seconds if self.anchor == "from-start" else hold - self.seconds
        return offset if 0 <= offset < hold else None

    def __str__(self) -> str:
        if self.anchor == "from-start":
            return f"{self.seconds}s"
        if self.anchor == "from-end":
            return f"-{self.seconds}s"
        return self.anchor


class Cue(NamedTuple):
    at: CueTime
    say: str


class Faq(NamedTuple):
    question: str
    answer: str


class Condition(Enum):
    """Health conditions an exercise may carry a caution for (config.yaml's `conditions`)."""

    HIP_REPLACEMENT = "hip-replacement"
    KNEE = "knee"
    PREGNANCY = "pregnancy"
    OSTEOPOROSIS = "osteoporosis"
    LOW_BACK_DISC = "low-back-disc"
    NERVE_SYMPTOMS = "nerve-symptoms"
    BLOOD_THINNERS = "blood-thinners"
    VARICOSE_VEINS = "varicose-veins"


class Need(Enum):
    """What an exercise needs besides the person and their equipment."""

    PARTNER = "partner"  # a second person


class Caution(NamedTuple):
    """What a person with `condition` should do instead, or when to stop."""

    condition: Condition
    advice: str


class Origin(NamedTuple):
    """Where a definition was written: the file as the user named it, and its line."""

    path: str
    line: int
    column: int
    builtin: bool = False
    doc_path: str = ""  # where in the document, e.g. "routines.glutes.items[2]"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"

    def problem(self, message: str) -> Problem:
        """A problem located at this definition."""
        return Problem(self.path, self.line, self.column, self.doc_path, message)


BODY_WEIGHT = "body weight"


def cautions_for(exercise: Exercise, conditions: Iterable[Condition]) -> tuple[Caution, ...]:
    """The exercise's cautions for any of `conditions`."""
    wanted = set(conditions)
    return tuple(caution for caution in exercise.cautions if caution.condition in wanted)


class Exercise(NamedTuple):
    id: str
    name: str
    target: tuple[str, ...]
    hold: Span
    steps: tuple[str, ...]
    origin: Origin
    summary: str | None = None
    secondary: tuple[str, ...] = ()
    body_part: str | None = None
    equipment: tuple[str, ...] = (BODY_WEIGHT,)
    position: Position | None = None
    difficulty: Level = Level.BEGINNER
    category: Category = Category.STRETCHING
    sides: Sides = Sides.NONE
    reps: Span = Span(1, 1)
    sets: Span = Span(1, 1)
    rep_rest: Span = Span(0, 0)
    # None means "the routine's switch time", which is only known in a routine.
    set_rest: Span | None = None
    cues: tuple[Cue, ...] = ()
    tips: tuple[str, ...] = ()
    mistakes: tuple[str, ...] = ()
    safety: tuple[str, ...] = ()
    faq: tuple[Faq, ...] = ()
    desk_friendly: bool = False
    aliases: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    # One sentence, spoken during prep, that gets a person into position (right side first).
    setup: str | None = None
    cautions: tuple[Caution, ...] = ()
    # What "right side" means for it, in a few words ("right knee down, left foot
    # forward"); the left side's line is this one mirrored (core/sides.py).
    right_side: str | None = None
    needs: tuple[Need, ...] = ()
    # Photos of the pose, as written (relative to the exercise's file): the first is the
    # start position, the second (when there is one) the end of the move.
    images: tuple[str, ...] = ()
    image_origins: tuple[Origin, ...] = ()  # where each entry of `images` is written


class ExerciseItem(NamedTuple):
    """An exercise in a routine; every field left None falls back to the exercise."""

    exercise: str
    origin: Origin
    hold: Span | None = None
    reps: Span | None = None
    sets: Span | None = None
    sides: Sides | None = None
    rep_rest: Span | None = None
    set_rest: Span | None = None
    cues: tuple[Cue, ...] | None = None
    note: str | None = None
    # A floor exercise after a standing one needs longer to get into position, and pigeon
    # longer to change sides than a chair stretch: these replace the routine's own.
    prep: Span | None = None
    switch: Span | None = None

    @property
    def has_overrides(self) -> bool:
        """Whether any field after the id and origin replaces the exercise's own."""
        return any(value is not None for value in self[2:])


class TimerItem(NamedTuple):
    label: str
    seconds: Span


class RestItem(NamedTuple):
    seconds: Span


Item = ExerciseItem | TimerItem | RestItem

DEFAULT_PREP = Span(10, 10)
DEFAULT_SWITCH = Span(5, 5)
NO_TIME = Span(0, 0)


class Routine(NamedTuple):
    id: str
    name: str
    items: tuple[Item, ...]
    origin: Origin
    summary: str | None = None
    level: Level | None = None
    tags: tuple[str, ...] = ()
    prep: Span = DEFAULT_PREP
    switch: Span = DEFAULT_SWITCH
    rest: Span = NO_TIME
    first_side: Side = Side.RIGHT
    rounds: Span = Span(1, 1)
    # Holds grow with check-ins rated easy (core/progression.py); config.yaml can turn it
    # on for every routine.
    progression: bool = False

    @property
    def exercise_ids(self) -> tuple[str, ...]:
        return tuple(item.exercise for item in self.items if isinstance(item, ExerciseItem))


class SoundMode(Enum):
    """How a session sounds: a chime of its own for each event, the terminal bell, or none."""

    CHIME = "chime"
    BELL = "bell"
    OFF = "off"


class Defaults(NamedTuple):
    """The user's config.yaml: what a session uses unless the command line says otherwise."""

    sound: SoundMode | None = None
    voice: bool | None = None
    level: Level | None = None
    prep: Span | None = None
    switch: Span | None = None
    rest: Span | None = None
    first_side: Side | None = None
    conditions: tuple[Condition, ...] = ()  # the person's, for the cautions that apply
    reminders: Reminders | None = None  # None: no movement-break reminders (the default)
    daily: tuple[DailyTarget, ...] = ()  # routines to do a number of times a day
    checkin: bool | None = None  # None: a check-in after each exercise in the live display
    progression: bool | None = None  # True: holds progress in every routine


class LoadedFile(NamedTuple):
    """What one routine file defines, and what is wrong with it."""

    path: str
    exercises: Mapping[str, Exercise]
    routines: Mapping[str, Routine]
    problems: tuple[Problem, ...] = ()
    # Every well-formed exercise item, also in routines left out for other problems,
    # so that an unknown exercise id is reported in the same run as the rest.
    references: tuple[ExerciseItem, ...] = ()
    # Exercise ids the file defines with problems (so left out): a reference to one is
    # no second problem, the definition's own is enough.
    rejected: tuple[str, ...] = ()
    # What is worth a word but not a failure (a muscle the vocabulary does not know):
    # warnings, errors only for `stretch validate --strict`.
    notices: tuple[Problem, ...] = ()


class Step(NamedTuple):
    """One timed step of a session. `cues` are (seconds after the step starts, text)."""

    kind: StepKind
    seconds: int
    label: str
    exercise: str | None = None
    exercise_name: str | None = None
    side: Side | None = None
    set: int = 1
    sets: int = 1
    rep: int = 1
    reps: int = 1
    round: int = 1
    rounds: int = 1
    # Which item of the session (counting across rounds) the step belongs to;
    # rests between items belong to none (-1). Skipping an exercise skips its block.
    block: int = -1
    note: str | None = None
    cues: tuple[tuple[int, str], ...] = ()

    @property
    def counted(self) -> bool:
        """Whether set and rep counts belong to this step: an exercise's steps, not its prep."""
        return self.exercise is not None and self.kind not in (StepKind.PREP, StepKind.CHECKIN)


class Plan(NamedTuple):
    """A routine resolved into the steps a session runs."""

    routine_id: str
    name: str
    level: Level
    steps: tuple[Step, ...]

    @property
    def total_seconds(self) -> int:
        return sum(step.seconds for step in self.steps)

    def first_hold_of_block(self, index: int) -> Step | None:
        """The first hold after step `index` in the same block: where a prep leads."""
        block = self.steps[index].block
        for step in self.steps[index + 1 :]:
            if step.block != block:
                return None
            if step.kind is StepKind.HOLD:
                return step
        return None


class Rating(str, Enum):
    """How an exercise felt, from the check-in after it (one key); the history stores the value."""

    EASY = "easy"  # key 1
    RIGHT = "about-right"  # key 2
    TOO_MUCH = "too-much"  # key 3
    PAIN = "pain"  # key p, also during a hold, which ends the exercise

    @property
    def words(self) -> str:
        """As a person reads it: "about right"."""
        return self.value.replace("-", " ")


class Outcome(str, Enum):
    """How a session ended; the history stores the value."""

    COMPLETED = "completed"  # every step done (the only outcome that counts for a streak)
    QUIT = "quit"  # the person pressed q
    INTERRUPTED = "interrupted"  # Ctrl-C
    TERMINATED = "terminated"  # SIGTERM
    UNFINISHED = "unfinished"  # recorded as started, never ended (the process was killed)

    @property
    def exit_code(self) -> ExitCode:
        """What `stretch session` returns after this outcome."""
        return _OUTCOME_EXIT_CODES.get(self, ExitCode.OK)


_OUTCOME_EXIT_CODES = {
    Outcome.INTERRUPTED: ExitCode.INTERRUPTED,
    Outcome.TERMINATED: ExitCode.TERMINATED,
}


class ExerciseResult(NamedTuple):
    """What became of one exercise of a session's plan (one block of its steps)."""

    exercise: str
    sides: str  # "both", "right", "left" or "none": the sides its holds are on
    planned_seconds: float  # its hold steps, as planned
    held_seconds: float  # of those, actually held: pauses and skipped remainders left out
    reached: bool  # the session got to its hold (or went past it)
    done: bool  # held at least half of the plan (engine.DONE_SHARE)
    rating: Rating | None = None  # from the check-in; None when not asked or not answered


class ExerciseRecord(NamedTuple):
    """One row of `session_exercises`, with the session it belongs to."""

    session_id: int
    started_utc: datetime
    routine_id: str
    position: int  # 1 for the session's first exercise
    exercise_id: str
    sides: str
    planned_seconds: float
    held_seconds: float
    done: bool
    rating: Rating | None = None  # from the check-in, when one was given


class SessionRecord(NamedTuple):
    """One row of `sessions`, times as aware UTC datetimes, with its seconds per muscle."""

    id: int
    routine_id: str
    routine_name: str
    level: str
    started_utc: datetime
    ended_utc: datetime | None  # None while running, or when the process was killed
    planned_seconds: int
    held_seconds: float
    exercises_done: int
    exercises_skipped: int
    exercises_total: int
    elapsed_seconds: float
    outcome: str  # an Outcome's value, as stored (an old or odd row may hold another)
    muscle_seconds: dict[str, float]  # seconds held per target muscle
