"""Every JSON shape stretch prints (docs/routine-format.md, "JSON output"), and the CSV of history.

Exercises and routines come out in the file format's own keys with every default
filled in: without its `id` (the key it is filed under) each object is valid input
for a routine file.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .durations import span_json, utc_text
from .model import (
    Cue,
    Exercise,
    ExerciseItem,
    ExerciseRecord,
    Item,
    Plan,
    RestItem,
    Routine,
    SessionRecord,
    Span,
    Step,
)

JsonObject = dict[str, Any]


def _optional_span(span: Span | None) -> int | list[int] | None:
    return span_json(span) if span is not None else None


def _cues(cues: tuple[Cue, ...]) -> list[JsonObject]:
    return [{"at": str(cue.at), "say": cue.say} for cue in cues]


def exercise_json(exercise: Exercise) -> JsonObject:
    return {
        "id": exercise.id,
        "name": exercise.name,
        "summary": exercise.summary,
        "setup": exercise.setup,
        "right_side": exercise.right_side,
        "target": list(exercise.target),
        "secondary": list(exercise.secondary),
        "body_part": exercise.body_part,
        "equipment": list(exercise.equipment),
        "position": exercise.position.value if exercise.position else None,
        "difficulty": exercise.difficulty.value,
        "category": exercise.category.value,
        "sides": exercise.sides.value,
        "hold": span_json(exercise.hold),
        "reps": span_json(exercise.reps),
        "sets": span_json(exercise.sets),
        "rep_rest": span_json(exercise.rep_rest),
        # null: the routine's switch time, which only a routine knows.
        "set_rest": _optional_span(exercise.set_rest),
        "steps": list(exercise.steps),
        "cues": _cues(exercise.cues),
        "tips": list(exercise.tips),
        "mistakes": list(exercise.mistakes),
        "safety": list(exercise.safety),
        "cautions": [
            {"condition": caution.condition.value, "advice": caution.advice}
            for caution in exercise.cautions
        ],
        "faq": [{"q": faq.question, "a": faq.answer} for faq in exercise.faq],
        "desk_friendly": exercise.desk_friendly,
        "aliases": list(exercise.aliases),
        "sources": list(exercise.sources),
        "needs": [need.value for need in exercise.needs],
        "images": list(exercise.images),
    }


def _item_json(item: Item) -> str | JsonObject:
    if isinstance(item, RestItem):
        return {"rest": span_json(item.seconds)}
    if not isinstance(item, ExerciseItem):
        return {"timer": item.label, "seconds": span_json(item.seconds)}
    if not item.has_overrides:
        return item.exercise
    overrides: JsonObject = {
        "hold": _optional_span(item.hold),
        "reps": _optional_span(item.reps),
        "sets": _optional_span(item.sets),
        "sides": item.sides.value if item.sides else None,
        "rep_rest": _optional_span(item.rep_rest),
        "set_rest": _optional_span(item.set_rest),
        "cues": _cues(item.cues) if item.cues is not None else None,
        "note": item.note,
        "prep": _optional_span(item.prep),
        "switch": _optional_span(item.switch),
    }
    return {"exercise": item.exercise} | {k: v for k, v in overrides.items() if v is not None}


def routine_json(routine: Routine) -> JsonObject:
    return {
        "id": routine.id,
        "name": routine.name,
        "summary": routine.summary,
        "level": routine.level.value if routine.level else None,
        "tags": list(routine.tags),
        "prep": span_json(routine.prep),
        "switch": span_json(routine.switch),
        "rest": span_json(routine.rest),
        "first_side": routine.first_side.value,
        "rounds": span_json(routine.rounds),
        "progression": routine.progression,
        "items": [_item_json(item) for item in routine.items],
    }


def _step_json(step: Step) -> JsonObject:
    return {
        "kind": step.kind.value,
        "exercise": step.exercise,
        "side": step.side.value if step.side else None,
        "set": step.set,
        "sets": step.sets,
        "rep": step.rep,
        "reps": step.reps,
        "seconds": step.seconds,
        "label": step.label,
    }


def plan_json(plan: Plan) -> JsonObject:
    return {
        "routine": plan.routine_id,
        "name": plan.name,
        "level": plan.level.value,
        "total_seconds": plan.total_seconds,
        "steps": [_step_json(step) for step in plan.steps],
    }


# The stable export fields: the database's column names, and the seconds per muscle.
FIELDS = (
    "id",
    "routine_id",
    "routine_name",
    "level",
    "started_utc",
    "ended_utc",
    "planned_seconds",
    "held_seconds",
    "exercises_done",
    "exercises_skipped",
    "exercises_total",
    "elapsed_seconds",
    "outcome",
    "muscles",
)


def _most_first(pair: tuple[str, float]) -> tuple[float, str]:
    return -pair[1], pair[0]


def records_json(records: Iterable[SessionRecord]) -> list[dict[str, Any]]:
    """Every field of every session, by FIELDS; times in UTC with Z, muscles an object."""
    return [
        {
            "id": record.id,
            "routine_id": record.routine_id,
            "routine_name": record.routine_name,
            "level": record.level,
            "started_utc": utc_text(record.started_utc),
            "ended_utc": None if record.ended_utc is None else utc_text(record.ended_utc),
            "planned_seconds": record.planned_seconds,
            "held_seconds": tenths(record.held_seconds),
            "exercises_done": record.exercises_done,
            "exercises_skipped": record.exercises_skipped,
            "exercises_total": record.exercises_total,
            "elapsed_seconds": tenths(record.elapsed_seconds),
            "outcome": record.outcome,
            "muscles": {
                muscle: tenths(seconds)
                for muscle, seconds in sorted(record.muscle_seconds.items(), key=_most_first)
            },
        }
        for record in records
    ]


def tenths(seconds: float) -> float:
    """Seconds as exports give them: to a tenth (the clock's float noise is no data)."""
    return round(seconds, 1)


def _number(value: object) -> str:
    """A number for CSV: 120.0 as "120", 12.5 as "12.5"; None as empty."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# The export fields of `--exercises`: one row per exercise of each session.
EXERCISE_FIELDS = (
    "session_id",
    "started_utc",
    "routine_id",
    "position",
    "exercise_id",
    "sides",
    "planned_seconds",
    "held_seconds",
    "done",
    "rating",
)


def exercise_records_json(records: Iterable[ExerciseRecord]) -> list[dict[str, Any]]:
    """Every exercise row by EXERCISE_FIELDS; `done` is true or false."""
    return [
        {
            "session_id": record.session_id,
            "started_utc": utc_text(record.started_utc),
            "routine_id": record.routine_id,
            "position": record.position,
            "exercise_id": record.exercise_id,
            "sides": record.sides,
            "planned_seconds": tenths(record.planned_seconds),
            "held_seconds": tenths(record.held_seconds),
            "done": record.done,
            "rating": None if record.rating is None else record.rating.value,
        }
        for record in records
    ]


def exercise_records_csv(records: Iterable[ExerciseRecord]) -> str:
    """The exercise rows as CSV with a header row of EXERCISE_FIELDS; done as yes or no."""
    rows = exercise_records_json(records)
    for row in rows:
        row["done"] = "yes" if row["done"] else "no"
    return _csv(EXERCISE_FIELDS, ([_number(value) for value in row.values()] for row in rows))


def _csv(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    import csv  # only --csv pays for it
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def records_csv(records: Iterable[SessionRecord]) -> str:
    """Every field of every session as CSV with a header row of FIELDS.

    The `muscles` column reads "glutes=120;hamstrings=30" (seconds held), most first.
    """

    def cells(row: dict[str, Any]) -> list[str]:
        muscles = row.pop("muscles")
        values = [_number(value) for value in row.values()]
        return [*values, ";".join(f"{name}={_number(sec)}" for name, sec in muscles.items())]

    return _csv(FIELDS, (cells(row) for row in records_json(records)))
