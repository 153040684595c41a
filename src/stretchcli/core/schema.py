"""A JSON Schema of the routine file format, for editors with a YAML language server.

It mirrors the loader's rules closely enough to complete keys and flag most
mistakes while typing; the loader stays the judge (it also checks references,
duplicate keys and ranges that go down).
"""

from __future__ import annotations

from typing import Any

from .durations import MAX_COUNT, MAX_SECONDS
from .loader import (
    CUE_ANCHORS,
    EXERCISE_REQUIRED,
    ID_PATTERN,
    MAX_NAME_LENGTH,
    MAX_SPOKEN_LENGTH,
    ROUTINE_REQUIRED,
)
from .model import Category, Condition, Level, Need, Position, Side, Sides

SCHEMA_ID = "https://stretchcli.invalid/routine-file.schema.json"

_SINGLE_DURATION = r"\s*(\d+\s*m\s*(\d+\s*s)?|\d+\s*s?)\s*"
_DURATION_TEXT = rf"^{_SINGLE_DURATION}(-{_SINGLE_DURATION})?$"
_COUNT_TEXT = r"^\s*\d+\s*(-\s*\d+\s*)?$"
_CUE_AT = r"^\s*-?\s*(\d+\s*m\s*(\d+\s*s)?|\d+\s*s?)\s*$"

Schema = dict[str, Any]


def _values(enum: Any) -> list[str]:
    return [member.value for member in enum]


def _ref(name: str) -> Schema:
    return {"$ref": f"#/definitions/{name}"}


def _text(description: str) -> Schema:
    return {"type": "string", "minLength": 1, "description": description}


def _texts(description: str) -> Schema:
    return {
        "description": description + " (a single string is a list of one)",
        "anyOf": [
            {"type": "string", "minLength": 1},
            {"type": "array", "items": {"type": "string"}},
        ],
    }


def _object(properties: Schema, required: tuple[str, ...] = ()) -> Schema:
    # Optional keys may be left empty (null): the loader reads that as "not set".
    props = {
        key: value if key in required else {"anyOf": [value, {"type": "null"}]}
        for key, value in properties.items()
    }
    return {
        "type": "object",
        "properties": props,
        "required": list(required),
        "additionalProperties": False,
    }


def _durations(minimum: int) -> Schema:
    single = {
        "anyOf": [
            {"type": "integer", "minimum": minimum, "maximum": MAX_SECONDS},
            {"type": "string", "pattern": rf"^{_SINGLE_DURATION}$"},
        ]
    }
    return {
        "description": 'seconds: 30, "45s", "1m30s", or a range "20-30s" / [20, 30]',
        "anyOf": [
            {"type": "integer", "minimum": minimum, "maximum": MAX_SECONDS},
            {"type": "string", "pattern": _DURATION_TEXT},
            {"type": "array", "items": single, "minItems": 2, "maxItems": 2},
        ],
    }


def _overrides() -> Schema:
    return {
        "hold": _ref("hold"),
        "reps": _ref("count"),
        "sets": _ref("count"),
        "sides": {"enum": _values(Sides)},
        "rep_rest": _ref("duration"),
        "set_rest": _ref("duration"),
        "cues": {"type": "array", "items": _ref("cue")},
    }


def routine_file_schema() -> Schema:
    """The schema as a JSON-ready dict (draft-07, which editors support best)."""
    id_pattern = f"^{ID_PATTERN.pattern}$"
    exercise = _object(
        {
            "name": {**_text("display name"), "maxLength": MAX_NAME_LENGTH},
            "summary": _text("one or two sentences"),
            "setup": {
                **_text("one sentence, spoken during prep, to get into position"),
                "maxLength": MAX_SPOKEN_LENGTH,
            },
            "right_side": {
                **_text("what the right side means, e.g. right knee down, left foot forward"),
                "maxLength": MAX_SPOKEN_LENGTH,
            },
            "target": _texts("muscles stretched most"),
            "secondary": _texts("other muscles"),
            "body_part": _text("e.g. legs, hips, back"),
            "equipment": _texts("default [body weight]"),
            "position": {"enum": _values(Position)},
            "difficulty": {"enum": _values(Level)},
            "category": {"enum": _values(Category)},
            "sides": {"enum": _values(Sides), "description": "both: right and left"},
            **_overrides(),
            "steps": _texts("how to get into position and perform it"),
            "tips": _texts("tips"),
            "mistakes": _texts("common mistakes"),
            "safety": _texts("safety notes"),
            "cautions": {
                "type": "array",
                "description": "what to do instead, or when to stop, with a condition",
                "items": _object(
                    {
                        "condition": {"enum": _values(Condition)},
                        "advice": _text("what to do instead, or when to stop"),
                    },
                    ("condition", "advice"),
                ),
            },
            "faq": {
                "type": "array",
                "items": _object({"q": _text("question"), "a": _text("answer")}, ("q", "a")),
            },
            "desk_friendly": {"type": "boolean"},
            "aliases": _texts("other names, searched by `stretch exercises --search`"),
            "sources": _texts("where the facts come from"),
            "needs": {
                "type": "array",
                "description": "what it needs besides you: partner (a second person)",
                "items": {"enum": _values(Need)},
            },
            "images": _texts("photos of the pose, relative to this file: start, then end"),
        },
        EXERCISE_REQUIRED,
    )
    exercise_item = _object(
        {
            "exercise": {"type": "string", "pattern": id_pattern},
            **_overrides(),
            "note": _text("a line shown during the exercise"),
            "prep": _ref("duration"),
            "switch": _ref("duration"),
        },
        ("exercise",),
    )
    items = {
        "type": "array",
        "minItems": 1,
        "items": {
            "anyOf": [
                {"type": "string", "pattern": id_pattern, "description": "an exercise id"},
                exercise_item,
                _object(
                    {"timer": _text("what to do"), "seconds": _ref("hold")}, ("timer", "seconds")
                ),
                _object({"rest": _ref("hold")}, ("rest",)),
            ]
        },
    }
    routine = _object(
        {
            "name": {**_text("display name"), "maxLength": MAX_NAME_LENGTH},
            "summary": _text("what the routine is for"),
            "level": {"enum": _values(Level)},
            "tags": _texts("tags"),
            "prep": _ref("duration"),
            "switch": _ref("duration"),
            "rest": _ref("duration"),
            "first_side": {"enum": _values(Side)},
            "rounds": _ref("count"),
            "progression": {
                "type": "boolean",
                "description": "holds grow after sessions rated easy (check-ins)",
            },
            "items": items,
        },
        ROUTINE_REQUIRED,
    )
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "stretchcli routine file",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "version": {"const": 1},
            "exercises": {
                "type": "object",
                "propertyNames": {"pattern": id_pattern},
                "additionalProperties": _ref("exercise"),
            },
            "routines": {
                "type": "object",
                "propertyNames": {"pattern": id_pattern},
                "additionalProperties": _ref("routine"),
            },
        },
        "anyOf": [{"required": ["exercises"]}, {"required": ["routines"]}],
        "definitions": {
            "duration": _durations(0),
            "hold": _durations(1),
            "count": {
                "anyOf": [
                    {"type": "integer", "minimum": 1, "maximum": MAX_COUNT},
                    {"type": "string", "pattern": _COUNT_TEXT},
                    {
                        "type": "array",
                        "items": {"type": "integer", "minimum": 1, "maximum": MAX_COUNT},
                        "minItems": 2,
                        "maxItems": 2,
                    },
                ]
            },
            "cue": _object(
                {
                    "at": {
                        "anyOf": [
                            {"enum": list(CUE_ANCHORS)},
                            {"type": "integer"},
                            {"type": "string", "pattern": _CUE_AT},
                        ]
                    },
                    "say": {
                        **_text("what to say during the hold"),
                        "maxLength": MAX_SPOKEN_LENGTH,
                    },
                },
                ("at", "say"),
            ),
            "exercise": exercise,
            "routine": routine,
        },
    }
