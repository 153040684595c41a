"""Listings and details for the terminal: rich renderables, or plain text off a terminal."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from stretchcli.core.catalog import dosage, dosage_ranges
from stretchcli.core.durations import format_clock, format_seconds
from stretchcli.core.library import Library
from stretchcli.core.model import (
    Condition,
    CueTime,
    Exercise,
    Level,
    Need,
    Plan,
    Routine,
    Side,
    Sides,
    Step,
    StepKind,
    cautions_for,
)
from stretchcli.core.sides import side_line

from .grid import Grid


def _dosage_ranges(exercise: Exercise) -> str:
    """The dosage as written, ranges kept: "3-5s hold, 8-10 reps, 2s between reps, each side"."""
    ranges = dosage_ranges(exercise)
    parts = [f"{ranges.hold} hold"]
    parts += [f"{ranges.reps} reps"] if ranges.reps else []
    parts += [f"{ranges.sets} sets"] if ranges.sets else []
    parts += [f"{ranges.rep_rest} between reps"] if ranges.rep_rest else []
    parts += ["each side"] if ranges.each_side else []
    return ", ".join(parts)


def exercises_grid(
    exercises: Iterable[Exercise], level: Level, conditions: Sequence[Condition] = ()
) -> Grid:
    """The listing; with the person's `conditions` (config.yaml), a column marks each
    exercise that carries a caution for one of them."""
    rows = [
        (
            exercise.id,
            exercise.name,
            ", ".join(exercise.target),
            exercise.position.value if exercise.position else "",
            exercise.difficulty.value,
            exercise.sides.value,
            dosage(exercise, level),
            *(
                [", ".join(c.condition.value for c in cautions_for(exercise, conditions))]
                if conditions
                else []
            ),
        )
        for exercise in exercises
    ]
    headers: tuple[str, ...] = ("id", "name", "target", "position", "difficulty", "sides")
    headers += ("dosage", "caution") if conditions else ("dosage",)
    title = f"{len(rows)} exercise{'' if len(rows) == 1 else 's'}, dosage at {level.value} level"
    if conditions:
        title += "; caution: see `stretch show ID` before doing one"
    keep = frozenset({0, 3, 4, 5})
    # With a caution column the target goes too, before any word is cut in two.
    drop: tuple[int, ...] = (5, 4, 3, 2) if conditions else (5, 4, 3)
    return Grid(headers, rows, title=title, keep_whole=keep, drop_first=drop)


def routines_grid(library: Library, totals: Iterable[tuple[Routine, int]]) -> Grid:
    """`totals` pairs each routine with its total seconds at its own level."""
    rows = [
        (
            routine.id,
            routine.name,
            (routine.level or Level.BEGINNER).value,
            str(len(routine.exercise_ids)),
            format_clock(total),
            library.source("routine", routine),
        )
        for routine, total in totals
    ]
    headers = ("id", "name", "level", "exercises", "total", "source")
    return Grid(
        headers, rows, frozenset({3, 4}), keep_whole=frozenset({0, 2, 3, 4}), drop_first=(2, 3)
    )


def _section(title: str, lines: Iterable[str], numbered: bool = False) -> list[RenderableType]:
    entries = list(lines)
    if not entries:
        return []
    body = Table.grid(padding=(0, 1))
    body.add_column(justify="right", no_wrap=True)
    body.add_column()
    for number, line in enumerate(entries, start=1):
        body.add_row(f"{number}." if numbered else "-", Text(line))
    return [Text(""), Text(title, style="bold"), body]


def _when(at: CueTime) -> str:
    """A cue's time as a person says it: "halfway", "10s in", "5s before the end"."""
    if at.anchor == "from-start":
        return f"{format_seconds(at.seconds)} in"
    if at.anchor == "from-end":
        return f"{format_seconds(at.seconds)} before the end"
    return {"start": "at the start", "half": "halfway", "end": "at the end"}[at.anchor]


def exercise_detail(
    exercise: Exercise, library: Library, conditions: Sequence[Condition] = ()
) -> Group:
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    rows = [
        ("Target", ", ".join(exercise.target)),
        ("Also works", ", ".join(exercise.secondary)),
        ("Body part", exercise.body_part or ""),
        ("Position", exercise.position.value if exercise.position else ""),
        ("Equipment", ", ".join(exercise.equipment)),
        ("Needs", "a partner" if Need.PARTNER in exercise.needs else ""),
        ("Difficulty", exercise.difficulty.value),
        ("Category", exercise.category.value),
        ("Sides", "right, then left" if exercise.sides is Sides.BOTH else "once"),
        ("Desk friendly", "yes" if exercise.desk_friendly else "no"),
        ("Dosage", _dosage_ranges(exercise)),
    ]
    for level in Level:
        rows.append((f"  {level.value}", dosage(exercise, level)))
    for label, value in rows:
        if value:
            facts.add_row(label, Text(value))
    title = Text.assemble((exercise.name, "bold"), f"  ({exercise.id})")
    parts: list[RenderableType] = [title]
    yours = cautions_for(exercise, conditions)
    if yours:  # the person's own conditions: before anything else
        parts += [Text("Caution for you", style="bold red")]
        parts += [Text(f"- {c.condition.value}: {c.advice}", style="red") for c in yours]
        parts.append(Text(""))
    if exercise.summary:
        parts.append(Text(exercise.summary))
    parts += [Text(""), facts]
    parts += _section("Set-up", [exercise.setup] if exercise.setup else [])
    sides = [side_line(exercise, side) or "" for side in Side] if exercise.right_side else []
    parts += _section("Sides", sides)
    parts += _section("Steps", exercise.steps, numbered=True)
    parts += _section(
        "Cues during each hold", (f"{_when(cue.at)}: {cue.say}" for cue in exercise.cues)
    )
    parts += _section("Tips", exercise.tips)
    parts += _section("Common mistakes", exercise.mistakes)
    parts += _section("Safety", exercise.safety)
    parts += _section("Cautions", (f"{c.condition.value}: {c.advice}" for c in exercise.cautions))
    if exercise.faq:
        parts += [Text(""), Text("Questions", style="bold")]
        for number, faq in enumerate(exercise.faq):
            parts += [Text("")] if number else []
            parts += [Text("Q: " + faq.question, style="italic"), Text("A: " + faq.answer)]
    parts += _section("Also called", exercise.aliases)
    parts += _section("Sources", exercise.sources)
    parts += [Text(""), Text(f"Defined in: {library.source('exercise', exercise)}", style="dim")]
    return Group(*parts)


def _marked(time: str, step: Step, marks: Mapping[str, str]) -> str:
    mark = marks.get(step.exercise or "") if step.kind is StepKind.HOLD else None
    return f"{time} {mark}" if mark else time


def plan_grid(plan: Plan, marks: Mapping[str, str] | None = None) -> Grid:
    """Every step with its start; `marks` (exercise id -> a mark) flag holds that
    progression changed, next to their time."""
    marks = marks or {}
    title = (
        f"{plan.name} ({plan.routine_id}), {plan.level.value} level, "
        f"{len(plan.steps)} steps, total {format_clock(plan.total_seconds)}"
    )
    rows = []
    elapsed = 0
    for number, step in enumerate(plan.steps, start=1):
        rows.append(
            (
                str(number),
                format_clock(elapsed),
                step.kind.value,
                step.label,
                step.side.value if step.side else "",
                f"{step.set}/{step.sets}" if step.counted and step.sets > 1 else "",
                f"{step.rep}/{step.reps}" if step.counted and step.reps > 1 else "",
                _marked(format_seconds(step.seconds), step, marks),
            )
        )
        elapsed += step.seconds
    headers = ("#", "start", "kind", "step", "side", "set", "rep", "time")
    footer = ("", format_clock(elapsed), "", "end", "", "", "", "")
    keep = frozenset({0, 1, 2, 4, 5, 6, 7})
    return Grid(headers, rows, frozenset({0, 1, 5, 6, 7}), title, footer, keep, drop_first=(0, 2))
