"""The JSON Schema agrees with the loader on real files (checked with jsonschema)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest
import yaml

from stretchcli.core import loader
from stretchcli.core.schema import routine_file_schema
from stretchcli.storage.paths import builtin_library_path
from tests.conftest import Result

SCHEMA = routine_file_schema()


def validate(document: Any) -> None:
    jsonschema.Draft7Validator(SCHEMA).validate(document)


def test_the_schema_is_a_valid_draft_7_schema() -> None:
    jsonschema.Draft7Validator.check_schema(SCHEMA)


def test_the_builtin_library_passes_the_schema() -> None:
    validate(yaml.safe_load(builtin_library_path().read_text(encoding="utf-8")))


def test_json_output_is_valid_file_input(run: Callable[..., Result]) -> None:
    exercises = json.loads(run("exercises", "--json").stdout)
    routines = json.loads(run("routines", "--json").stdout)
    validate(
        {
            "version": 1,
            "exercises": {ex.pop("id"): ex for ex in exercises},
            "routines": {r.pop("id"): r for r in routines},
        }
    )


@pytest.mark.parametrize(
    "document",
    [
        {"exercises": {"x": {"name": "X", "target": ["glutes"], "steps": ["a"]}}},  # no hold
        {"exercises": {"x": {"name": "X", "target": ["g"], "hold": "thirty", "steps": ["a"]}}},
        {"exercises": {"Bad Id": {"name": "X", "target": ["g"], "hold": 30, "steps": ["a"]}}},
        {"routines": {"r": {"name": "R", "items": []}}},
        {"routines": {"r": {"name": "R", "items": [{"rest": 30, "timer": "x"}]}}},
        {"routines": {"r": {"name": "R", "items": ["a"], "level": "expert"}}},
        {"version": 2, "routines": {"r": {"name": "R", "items": ["a"]}}},
        {"version": 1},
        {"exercise": {}},
    ],
)
def test_the_schema_rejects_what_the_loader_rejects(document: Any) -> None:
    with pytest.raises(jsonschema.ValidationError):
        validate(document)


def test_the_schema_names_exactly_the_keys_the_loader_knows() -> None:
    definitions = SCHEMA["definitions"]
    assert set(SCHEMA["properties"]) == set(loader.FILE_KEYS)
    assert set(definitions["exercise"]["properties"]) == set(loader.EXERCISE_KEYS)
    assert set(definitions["routine"]["properties"]) == set(loader.ROUTINE_KEYS)
    assert set(definitions["exercise"]["required"]) == set(loader.EXERCISE_REQUIRED)
    assert set(definitions["routine"]["required"]) == set(loader.ROUTINE_REQUIRED)


def test_counts_beyond_the_loaders_limit_fail_the_schema_too() -> None:
    too_many = {"version": 1, "routines": {"r": {"name": "R", "items": ["a"], "rounds": [1, 1001]}}}
    with pytest.raises(jsonschema.ValidationError):
        validate(too_many)
