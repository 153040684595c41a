"""`exercises`, `show` and `routines` as functions: what they print and return."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stretchcli.commands import browse
from stretchcli.core.catalog import ExerciseFilter
from stretchcli.core.errors import ExitCode, StretchError
from stretchcli.core.model import Level, Position
from tests.commands.conftest import Captured

CHAIR = ExerciseFilter(position=Position.CHAIR)


def test_exercises_lists_the_matches_as_plain_columns(output: Captured) -> None:
    code = browse.exercises(output, CHAIR, Level.ADVANCED, [], as_json=False)
    assert code is ExitCode.OK
    lines = output.stdout_text.splitlines()
    assert lines[0] == "2 exercises, dosage at advanced level"
    assert [line.split()[0] for line in lines[3:]] == ["chair-glute-stretch", "seated-figure-four"]
    assert output.stderr_text == ""


def test_exercises_json_is_one_render_step(output: Captured) -> None:
    browse.exercises(output, CHAIR, None, [], as_json=True)
    assert [entry["id"] for entry in json.loads(output.stdout_text)] == [
        "chair-glute-stretch",
        "seated-figure-four",
    ]


def test_no_match_is_a_note_on_stderr_and_still_ok(output: Captured) -> None:
    none = ExerciseFilter(search="no such stretch")
    assert browse.exercises(output, none, None, [], as_json=False) is ExitCode.OK
    assert (output.stdout_text, output.stderr_text) == ("", "No exercise matches those filters.\n")
    output_json = Captured()
    browse.exercises(output_json, none, None, [], as_json=True)
    assert json.loads(output_json.stdout_text) == []


def test_show_an_unknown_id_raises_with_a_suggestion(output: Captured) -> None:
    with pytest.raises(
        StretchError, match=r'no exercise "pigeon" \(did you mean "pigeon-pose"\?\)'
    ):
        browse.show(output, "pigeon", [], as_json=False)
    with pytest.raises(StretchError, match=r"glutes is a routine: try `stretch plan glutes`"):
        browse.show(output, "glutes", [], as_json=False)


def test_show_prints_the_page_or_the_object(output: Captured) -> None:
    assert browse.show(output, "pigeon-pose", [], as_json=False) is ExitCode.OK
    assert output.stdout_text.startswith("Pigeon Pose  (pigeon-pose)")
    as_json = Captured()
    browse.show(as_json, "pigeon-pose", [], as_json=True)
    assert json.loads(as_json.stdout_text)["id"] == "pigeon-pose"


def test_routines_warn_about_a_broken_file_of_the_user(
    output: Captured, user_routines: Path
) -> None:
    (user_routines / "broken.yaml").write_text("version: 1\nroutines: [\n")
    assert browse.routines(output, [], as_json=True) is ExitCode.OK
    assert "glutes" in {routine["id"] for routine in json.loads(output.stdout_text)}
    warnings = output.stderr_text.splitlines()
    assert warnings[0].startswith(f"{user_routines / 'broken.yaml'}:")
    assert ": warning: " in warnings[0]
    assert warnings[-1] == (
        "stretch: warning: what has problems above is left out; `stretch validate` checks"
    )
