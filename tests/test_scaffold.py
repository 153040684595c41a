from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from stretchcli.core.errors import StretchError
from stretchcli.core.jsonout import routine_json
from stretchcli.core.library import Library
from stretchcli.core.loader import load_bytes
from stretchcli.core.model import ExerciseItem, Level, Routine
from stretchcli.core.scaffold import (
    STARTER_EXERCISES,
    check_new,
    new_routine_text,
    schema_text,
    title_from_id,
)
from stretchcli.core.schema import routine_file_schema
from stretchcli.core.timeline import build_plan
from stretchcli.storage.library_files import load_library

SCHEMA = "./routine.schema.json"

# A user routine with every kind of value a copy must carry over faithfully.
USER_FILE = """\
version: 1
exercises:
  wall-sit-stretch:
    name: "Wall Sit \\"Stretch\\""
    target: [glutes]
    sides: both
    hold: "20-40s"
    steps: [Sit against a wall, Cross one ankle over the other knee]
routines:
  busy:
    name: Busy Routine
    summary: "Ranges, overrides, timers and rests: all of them."
    level: advanced
    tags: [hips, "desk, office"]
    prep: "5-15s"
    switch: 3
    rest: 10
    first_side: left
    rounds: "2-3"
    items:
      - {timer: "Walk: then \\"march\\"", seconds: "1-2m"}
      - wall-sit-stretch
      - {exercise: pigeon-pose, hold: [40, 50], reps: "2-3", sets: 2, sides: none,
         rep_rest: 5, set_rest: "10-20s", note: "Easy # not a comment", prep: 15,
         switch: "8-10s",
         cues: [{at: start, say: "Breathe"}, {at: "-5s", say: "No"}, {at: "10s", say: "2024"}]}
      - {rest: 30}
      - {rest: "20-40s"}
      - kneeling-side-bend
"""


def loaded_routine(text: str, library: Library) -> Routine:
    """The one routine `text` defines, checked to load cleanly and to build a plan."""
    loaded = load_bytes(text.encode(), "new.yaml")
    assert loaded.problems == ()
    (routine,) = loaded.routines.values()
    exercises = {**library.exercises, **loaded.exercises}
    assert set(routine.exercise_ids) <= set(exercises)
    assert build_plan(routine, exercises).total_seconds > 0
    return routine


def without_id_and_name(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key not in ("id", "name")}


@pytest.fixture
def library() -> Library:
    return load_library()


def test_the_plain_skeleton_is_valid_and_runs(library: Library) -> None:
    text = new_routine_text("my-hips", schema_path=SCHEMA, exercises=library.exercises)
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=./routine.schema.json"
    for command in ("stretch session my-hips", "stretch plan my-hips", "stretch validate"):
        assert command in text
    assert "stretch schema" in text
    assert "README" in text
    routine = loaded_routine(text, library)
    assert routine.id == "my-hips"
    assert routine.name == "My Hips"
    assert routine.summary
    assert routine.level is Level.BEGINNER
    assert routine.exercise_ids == STARTER_EXERCISES
    assert "replace them" in text


def test_the_skeleton_shows_the_optional_keys_and_item_forms_as_comments() -> None:
    text = new_routine_text("my-hips", schema_path=SCHEMA)
    for commented in (
        "# prep: 10",
        "# switch: 5",
        "# rest: 0",
        "# rounds: 1",
        "# first_side: right",
        "# - {exercise: pigeon-pose, hold: 45, sets: 2}",
        '# - {timer: "Walk around", seconds: 60}',
        "# - {rest: 30}",
        "# exercises:",
    ):
        assert commented in text
    assert "version: 1" in text.splitlines()


def test_the_starter_items_name_each_exercise_and_its_dosage(library: Library) -> None:
    text = new_routine_text("my-hips", schema_path=SCHEMA, exercises=library.exercises)
    line = next(line for line in text.splitlines() if line.strip().startswith("- pigeon-pose"))
    assert re.search(r"# Pigeon Pose: hold 30s, 3 sets, each side$", line)


def test_the_commented_exercise_example_is_valid_once_uncommented() -> None:
    text = new_routine_text("my-hips", schema_path=SCHEMA)
    start = text.index("# exercises:")
    example = "\n".join(line[2:] for line in text[start:].splitlines())
    loaded = load_bytes(example.encode(), "example.yaml")
    assert loaded.problems == ()
    assert list(loaded.exercises) == ["wall-calf-stretch"]


def test_a_list_of_exercises_becomes_the_items_in_order(library: Library) -> None:
    ids = ["pigeon-pose", "kneeling-side-bend", "pigeon-pose"]
    text = new_routine_text(
        "my-hips", schema_path=SCHEMA, exercise_ids=ids, exercises=library.exercises
    )
    routine = loaded_routine(text, library)
    assert routine.exercise_ids == tuple(ids)
    assert routine.summary == "Pigeon Pose, Kneeling Side Bend and Pigeon Pose."
    item_lines = [line.strip() for line in text.splitlines() if line.startswith("      - ")]
    assert item_lines[1].startswith("- kneeling-side-bend")
    assert item_lines[1].endswith("# Kneeling Side Bend: hold 5-10s, 5 reps, each side")


@pytest.mark.parametrize("routine_id", ["glutes", "upper-glutes", "glute-medius", "desk", "hips"])
def test_a_copy_of_a_builtin_routine_has_its_items_and_settings(
    library: Library, routine_id: str
) -> None:
    source = library.routines[routine_id]
    text = new_routine_text(
        "my-copy", schema_path=SCHEMA, source=source, exercises=library.exercises
    )
    copy = loaded_routine(text, library)
    assert without_id_and_name(routine_json(copy)) == without_id_and_name(routine_json(source))
    assert copy.name == "My Copy"
    assert f'copy of the built-in routine "{routine_id}"' in text


def test_a_copy_under_the_builtin_id_says_it_replaces_it(library: Library) -> None:
    text = new_routine_text("glutes", schema_path=SCHEMA, source=library.routines["glutes"])
    assert "replaces the built-in one" in text
    loaded_routine(text, library)


def test_a_copy_of_a_user_routine_keeps_ranges_overrides_timers_and_rests(
    library: Library, user_routines: Path
) -> None:
    (user_routines / "busy.yaml").write_text(USER_FILE, encoding="utf-8")
    library = load_library()
    assert library.warnings == ()
    source = library.routines["busy"]
    text = new_routine_text(
        "not-busy", schema_path=SCHEMA, source=source, exercises=library.exercises
    )
    copy = loaded_routine(text, library)
    assert without_id_and_name(routine_json(copy)) == without_id_and_name(routine_json(source))
    # Ranges are written the way a person would write them.
    assert 'prep: "5-15s"' in text
    assert 'rounds: "2-3"' in text
    assert 'hold: "40-50s"' in text
    assert 'switch: "8-10s"' in text
    assert f"in {user_routines / 'busy.yaml'}" in text
    # The new file loads beside the source's file: the copy still finds its exercise.
    (user_routines / "not-busy.yaml").write_text(text, encoding="utf-8")
    both = load_library()
    assert both.warnings == ()
    assert {"busy", "not-busy"} <= set(both.routines)


def test_a_copy_of_a_bare_routine_adds_no_settings(library: Library) -> None:
    text = "routines:\n  bare:\n    name: Bare\n    items: [pigeon-pose]\n"
    source = loaded_routine(text, library)
    new = new_routine_text("my-bare", schema_path=SCHEMA, source=source)
    copy = loaded_routine(new, library)
    assert without_id_and_name(routine_json(copy)) == without_id_and_name(routine_json(source))
    assert copy.summary is None
    assert copy.level is None
    assert '# summary: "' in new


def test_a_copy_and_a_list_of_exercises_add_up(library: Library) -> None:
    source = library.routines["upper-glutes"]
    text = new_routine_text(
        "more",
        schema_path=SCHEMA,
        source=source,
        exercise_ids=["pigeon-pose"],
        exercises=library.exercises,
    )
    copy = loaded_routine(text, library)
    assert copy.exercise_ids == (*source.exercise_ids, "pigeon-pose")


@pytest.mark.parametrize(
    "text",
    [
        'quote " and backslash \\ and # hash',
        "line\nbreak and\ttab",
        "unicode: Étirement, ストレッチ, 🧘",
        "separators \u2028 \u2029 \x85 and \x7f \ufeff",
        "- looks like: a list, {or: a mapping}",
        "yes",
        "2024-01-01",
    ],
)
def test_any_text_survives_the_copy(library: Library, text: str) -> None:
    item = ExerciseItem("pigeon-pose", library.exercises["pigeon-pose"].origin, note=text.strip())
    source = library.routines["glutes"]._replace(summary=text.strip(), items=(item,))
    new = new_routine_text("odd", schema_path=SCHEMA, source=source, exercises={})
    copy = loaded_routine(new, library)
    assert copy.summary == text.strip()
    (copied,) = copy.items
    assert isinstance(copied, ExerciseItem)
    assert copied._replace(origin=item.origin) == item


@pytest.mark.parametrize("routine_id", ["123", "no", "null", "0x1f", "2024-01-01", "on"])
def test_ids_that_yaml_reads_as_other_values_stay_text(routine_id: str) -> None:
    text = new_routine_text(routine_id, schema_path=SCHEMA)
    loaded = load_bytes(text.encode(), "new.yaml")
    assert loaded.problems == ()
    assert list(loaded.routines) == [routine_id]


def test_titles_come_from_ids() -> None:
    assert title_from_id("my-hips") == "My Hips"
    assert title_from_id("hips-2") == "Hips 2"
    assert title_from_id("a--b") == "A B"


def test_check_new_accepts_a_new_id_and_known_exercises(library: Library) -> None:
    check_new("my-hips", ["pigeon-pose", "kneeling-side-bend"], library)
    check_new("glutes", [], library, source="glutes")  # a copy may replace the built-in


def test_check_new_refuses_a_built_in_id_unless_copying_that_routine(library: Library) -> None:
    for source in (None, "hips"):
        with pytest.raises(StretchError, match=r'"glutes" is a built-in routine.*--from glutes'):
            check_new("glutes", [], library, source=source)


@pytest.mark.parametrize(
    ("routine_id", "message"),
    [
        (
            "My Hips",
            '"My Hips" is not a valid routine id: use lowercase letters, digits and dashes, '
            'like "my-hips"',
        ),
        ("-hips", '"-hips" is not a valid routine id'),
        ("", '"" is not a valid routine id'),
        ("a" * 65, '"' + "a" * 65 + '" is too long for a routine id (65 characters; at most 64)'),
    ],
)
def test_check_new_refuses_an_invalid_id(library: Library, routine_id: str, message: str) -> None:
    with pytest.raises(StretchError) as caught:
        check_new(routine_id, [], library)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_check_new_refuses_unknown_exercises_with_a_suggestion(library: Library) -> None:
    with pytest.raises(StretchError) as caught:
        check_new("my-hips", ["pigeon-pos", "kneeling-side-bend", "zzz"], library)
    assert str(caught.value) == (
        'no exercise "pigeon-pos" (did you mean "pigeon-pose"?); no exercise "zzz"; '
        "`stretch exercises` lists them"
    )


def test_check_new_refuses_an_id_another_user_file_defines(user_routines: Path) -> None:
    (user_routines / "busy.yaml").write_text(USER_FILE, encoding="utf-8")
    with pytest.raises(StretchError) as caught:
        check_new("busy", [], load_library())
    assert str(caught.value) == (
        f'a routine "busy" is already defined at {user_routines / "busy.yaml"}:10:3; '
        "edit that file, or pick another name"
    )


def test_every_kind_of_new_file_passes_the_editor_schema(library: Library) -> None:
    source = load_bytes(USER_FILE.encode(), "busy.yaml").routines["busy"]
    texts = [
        new_routine_text("plain", schema_path=SCHEMA),
        new_routine_text("listed", schema_path=SCHEMA, exercise_ids=["pigeon-pose"]),
        new_routine_text("copied", schema_path=SCHEMA, source=library.routines["glutes"]),
        new_routine_text("busy-copy", schema_path=SCHEMA, source=source),
    ]
    for text in texts:
        jsonschema.Draft7Validator(routine_file_schema()).validate(yaml.safe_load(text))


def test_schema_text_is_the_schema_as_json() -> None:
    text = schema_text()
    assert text.endswith("}\n")
    assert json.loads(text) == routine_file_schema()
