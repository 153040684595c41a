"""What a session says and sounds like, planned so that speech is never cut off.

A person on the mat cannot read the screen, so every step is announced, and each
event has a sound of its own. Speech is planned, not fired: each utterance's
length is estimated before it is queued, and a cue that could not finish before
the next fixed utterance (the 3-2-1 of a long hold, or the next step's
announcement) is dropped whole, with the reason, instead of being started and cut.
Only a key the person pressed cuts speech short (`Hush`).

Pure: the engine's effects and an estimate of speaking time come in, and `Say`,
`Play`, `Hush` and `Dropped` actions go out, for ui/sound.py to carry out.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from enum import Enum
from typing import NamedTuple

from .engine import (
    RATINGS,
    Command,
    CountdownBeep,
    CueDue,
    Effect,
    Session,
    SessionEnded,
    StepStarted,
)
from .model import Exercise, Plan, Step, StepKind
from .sides import side_line_at

# Spoken once, as the session starts (and shown on the screen before the first hold).
SAFETY_LINE = (
    "Ease in and never force a stretch. Stop at sharp pain, numbness or tingling, "
    "and see a professional if pain persists."
)
# For every session, whatever the person's conditions: nerve symptoms. Said after the
# safety line too: a person on the mat with eyes closed needs the urgent-care signs most.
NERVE_LINE = (
    "Stop if numbness, tingling or pain runs down a leg. Get urgent care for numbness in "
    "the groin or seat, bladder or bowel changes, or leg weakness."
)
SHORT_HOLD = 6  # seconds: a hold this short gets only its count, never a cue
COUNTED_HOLD = 10  # seconds: a hold this long has its last 3 seconds counted aloud
COUNT_WORDS = {3: "three", 2: "two", 1: "one"}
# A prep is planned for its words at the rate known before the session, and a voice may
# turn out slower: this much more time keeps the set-up whole.
ROOM_TO_SPARE = 1.2
# Keys that move away from what is being said: it stops at once.
INTERRUPTING = frozenset(
    {Command.NEXT, Command.BACK, Command.SKIP_EXERCISE, Command.QUIT, *RATINGS}
)
# Said at a check-in: the keys, so a person with their eyes closed knows what to press.
CHECKIN_WORDS = "How was that? 1, easy. 2, about right. 3, too much. P, pain."


class Sound(Enum):
    """The distinct sounds of a session."""

    GET_READY = "get-ready"
    HOLD = "hold"
    TICK = "tick"
    SWITCH = "switch"
    REST = "rest"
    DONE = "done"


class Say(NamedTuple):
    text: str
    at: float  # session time it was queued
    until: float  # when it is expected to have finished
    # An announcement (a step, the end) is said even late; a cue or a count still waiting
    # when its step is over is dropped.
    keep: bool = False


class Play(NamedTuple):
    sound: Sound
    at: float


class Hush(NamedTuple):
    """Stop what is being said, and drop what waits: the person moved on."""

    at: float


class Dropped(NamedTuple):
    """A cue left unsaid, and why: it would have been cut."""

    text: str
    at: float
    reason: str


Action = Say | Play | Hush | Dropped
# Seconds of session time a text takes to say.
Estimate = Callable[[str], float]


def speaking_seconds(words_per_second: float, start_up: float = 0.3) -> Estimate:
    """An estimate from a speaking rate: a speech program's start, then its words."""

    def estimate(text: str) -> float:
        return start_up + len(text.split()) / words_per_second

    return estimate


class Coach:
    """Turns a session's effects into what to say and play, one batch at a time."""

    def __init__(
        self, exercises: Mapping[str, Exercise], *, voice: bool, estimate: Estimate
    ) -> None:
        self.exercises = exercises
        self.voice = voice
        self.estimate = estimate
        self.busy_until = float("-inf")  # when the speech queued so far should be over
        self.started = False

    def react(
        self, session: Session, effects: Sequence[Effect], command: Command | None = None
    ) -> list[Action]:
        """What to do for `effects`, which `command` (None: time passing) brought about."""
        actions: list[Action] = []
        if command in INTERRUPTING and effects:
            moment = effects[0].at
            actions.append(Hush(moment))
            self.busy_until = moment
        said_with_a_step: set[int] = set()  # start cues, said with their step's announcement
        for index, effect in enumerate(effects):
            if isinstance(effect, StepStarted):
                later = effects[index + 1 :]
                start_cues = [e for e in later if isinstance(e, CueDue) and e.at == effect.at]
                said_with_a_step.update(id(cue) for cue in start_cues)
                actions += self._step(session, effect, start_cues)
            elif isinstance(effect, CueDue):
                if id(effect) not in said_with_a_step:
                    actions += self._cue(session, effect)
            elif isinstance(effect, CountdownBeep):
                actions += self._count(session, effect)
            elif isinstance(effect, SessionEnded) and not effect.quit:
                ending = self._say("Session complete.", effect.at, keep=True)
                actions += [Play(Sound.DONE, effect.at), *ending]
        return actions

    # -- steps ------------------------------------------------------------------

    def _step(self, session: Session, effect: StepStarted, cues: list[CueDue]) -> list[Action]:
        step, at = effect.step, effect.at
        if step.kind is StepKind.REP_REST:
            return []  # a breath between two reps: the next rep's own sound marks it
        actions: list[Action] = [Play(_sound_of(step), at)]
        words, extra = _announcement_parts(session.plan, effect.step_index, self.exercises)
        if not self.started:
            self.started = True
            words = f"{SAFETY_LINE} {NERVE_LINE} {words}"  # said whatever time it takes
        if not self.voice:
            return actions
        limit = self._next_fixed(session, effect.step_index, at)
        if extra and self._end_if_said(f"{words} {extra}", at) <= limit:
            words = f"{words} {extra}"
        elif extra:  # the set-up or side is on the screen, and the steps too
            actions.append(Dropped(extra, at, "it would not finish before the hold"))
        for cue in cues:
            if step.seconds <= SHORT_HOLD:
                actions.append(Dropped(cue.text, at, "a hold this short gets only its count"))
            elif self._end_if_said(f"{words} {cue.text}", at) <= limit:
                words = f"{words} {cue.text}"
            else:
                actions.append(Dropped(cue.text, at, "it would not finish before the count"))
        return actions + self._say(words, at, keep=True)

    def _cue(self, session: Session, effect: CueDue) -> list[Action]:
        if not self.voice:
            return []
        step = session.step
        if step.seconds <= SHORT_HOLD:
            return [Dropped(effect.text, effect.at, "a hold this short gets only its count")]
        limit = self._next_fixed(session, session.step_index, session.step_start())
        if self._end_if_said(effect.text, effect.at) > limit:
            return [Dropped(effect.text, effect.at, "it would not finish before the count")]
        return self._say(effect.text, effect.at)

    def _count(self, session: Session, effect: CountdownBeep) -> list[Action]:
        # Only long holds count down; a short rep has its tick at its start instead.
        if session.step.seconds + session.extension < COUNTED_HOLD:
            return []
        if not self.voice:
            return [Play(Sound.TICK, effect.at)]
        return self._say(COUNT_WORDS.get(effect.seconds_left, str(effect.seconds_left)), effect.at)

    # -- timing -----------------------------------------------------------------

    def _say(self, text: str, at: float, *, keep: bool = False) -> list[Action]:
        if not self.voice:
            return []
        until = self._end_if_said(text, at)
        self.busy_until = until
        return [Say(text, at, until, keep)]

    def _end_if_said(self, text: str, at: float) -> float:
        return max(at, self.busy_until) + self.estimate(text)

    def _next_fixed(self, session: Session, index: int, start: float) -> float:
        """When the next utterance that must be said is due: the 3-2-1 of a counted hold,
        else the next step's announcement."""
        step = session.plan.steps[index]
        deadline = start + step.seconds + (session.extension if index == session.step_index else 0)
        counted = step.kind is StepKind.HOLD and step.seconds >= COUNTED_HOLD
        return deadline - 3 if counted else deadline


def room_to_speak(plan: Plan, exercises: Mapping[str, Exercise], estimate: Estimate) -> Plan:
    """`plan` with each prep long enough to say what comes next and its set-up (the first
    one the safety line too), at the speaking rate `estimate` knows now.

    A person on the mat needs the set-up more than a prep kept to its 10 s; with a voice, a
    prep that is too short for its words is made longer by what it lacks.
    """
    steps = []
    for index, step in enumerate(plan.steps):
        if step.kind is StepKind.PREP:
            parts = [*_announcement_parts(plan, index, exercises)]
            if index == 0:
                parts[:0] = [SAFETY_LINE, NERVE_LINE]
            needed = estimate(" ".join(part for part in parts if part)) * ROOM_TO_SPARE
            lacking = math.ceil(needed - step.seconds)
            step = step._replace(seconds=step.seconds + max(lacking, 0))
        steps.append(step)
    return plan._replace(steps=tuple(steps))


def _sound_of(step: Step) -> Sound:
    if step.kind is StepKind.HOLD:
        # A short rep after the first: a tick, not a fanfare every 3 seconds.
        return Sound.TICK if step.rep > 1 and step.seconds <= SHORT_HOLD else Sound.HOLD
    if step.kind is StepKind.SWITCH:
        return Sound.SWITCH
    if step.kind in (StepKind.REST, StepKind.SET_REST, StepKind.CHECKIN):
        return Sound.REST
    return Sound.GET_READY  # prep, timer


def announcement(plan: Plan, index: int, exercises: Mapping[str, Exercise]) -> str:
    """What is said as step `index` starts, when there is time for all of it."""
    words, extra = _announcement_parts(plan, index, exercises)
    return f"{words} {extra}" if extra else words


def _announcement_parts(
    plan: Plan, index: int, exercises: Mapping[str, Exercise]
) -> tuple[str, str]:
    """What must be said as step `index` starts, and what is said too if there is time.

    A prep must say what comes next, the person's cautions for it (a session's exercises
    carry only those for their own conditions) and what its first side means ("Right
    side: right knee down, left foot forward"), and says the set-up (or, with none, the
    first step) if there is time. A switch says what the new side means in place of
    "Switch to the left side" (short enough for a switch of 5 s); a rest between sets
    says it if there is time.
    """
    step = plan.steps[index]
    side = side_line_at(plan, index, exercises) or ""
    if step.kind is StepKind.PREP:
        exercise = exercises.get(step.exercise or "")
        name = step.exercise_name or (exercise.name if exercise else "")
        setup = (exercise.setup or exercise.steps[0]) if exercise else ""
        cautions = [f"Caution: {c.advice}" for c in exercise.cautions] if exercise else []
        must = _sentences(f"Next: {name}", *cautions, side)
        return must, _sentences(setup) if setup else ""
    if step.kind is StepKind.SWITCH and side:
        return _sentences("Switch", side), ""
    return _announcement(step, exercises), _sentences(side)


def _announcement(step: Step, exercises: Mapping[str, Exercise]) -> str:
    exercise = exercises.get(step.exercise or "")
    name = step.exercise_name or (exercise.name if exercise else "")
    if step.kind is StepKind.HOLD:
        if step.rep > 1:
            return f"Rep {step.rep} of {step.reps}."
        side = f"{step.side.value.capitalize()} side" if step.side else ""
        sets = f"Set {step.set} of {step.sets}" if step.sets > 1 else ""
        dose = (
            f"{name}, {step.reps} reps of {spoken_seconds(step.seconds)}"
            if step.reps > 1
            else f"{name}, {spoken_seconds(step.seconds)}"
        )
        return _sentences(side, sets, dose)
    if step.kind is StepKind.SWITCH:
        return _sentences(step.label)
    if step.kind is StepKind.TIMER:
        return _sentences(step.label, spoken_seconds(step.seconds))
    if step.kind is StepKind.CHECKIN:
        return CHECKIN_WORDS
    return _sentences(f"Rest, {spoken_seconds(step.seconds)}")


def spoken_seconds(seconds: int) -> str:
    """A duration as a person says it: "30 seconds", "1 minute 30 seconds"."""
    minutes, rest = divmod(seconds, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    if rest or not minutes:
        parts.append(f"{rest} second{'s' if rest != 1 else ''}")
    return " ".join(parts)


def _sentences(*parts: str) -> str:
    """Parts as sentences: each ends with a full stop, empty ones are left out."""
    return " ".join(
        part if part.endswith((".", "!", "?")) else f"{part}." for part in parts if part.strip()
    )
