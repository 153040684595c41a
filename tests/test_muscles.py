"""The muscle vocabulary: every glute stretch found however it is asked for."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from stretchcli.core import muscles, stats
from stretchcli.core.muscles import TERMS, find, group_of, names_match, within
from tests.conftest import Result

Run = Callable[..., Result]
GLUTE_STRETCHES = 12  # every exercise of the built-in library works the glutes


@pytest.mark.parametrize("asked", ["glutes", "glute", "butt", "Glutes", "GLUTEALS", "buttocks"])
def test_every_glute_stretch_is_found_by_any_name_for_the_glutes(run: Run, asked: str) -> None:
    found = json.loads(run("exercises", "--muscle", asked, "--json").stdout)
    assert len(found) == GLUTE_STRETCHES


def test_a_muscle_finds_what_works_it_and_a_group_what_works_any_of_it(run: Run) -> None:
    def ids(muscle: str) -> set[str]:
        return {e["id"] for e in json.loads(run("exercises", "--muscle", muscle, "--json").stdout)}

    medius = ids("gluteus-medius")
    assert ids("gluteus medius") == ids("glute med") == medius
    assert "pigeon-pose" in medius
    assert "seated-glute-stretch" not in medius  # "glutes" as a whole is not the medius
    assert ids("piriformis") <= ids("deep-rotators") <= ids("glutes")
    assert ids("hip-flexors") == {
        "deep-lunge-glute-stretch",
        "pigeon-pose",
        "standing-hip-flexor-stretch",
    }
    assert ids("groin") == ids("adductors") == {"seated-hip-stretch-opposite-leg-behind"}
    # The gluteus medius and minimus move the leg out to the side: the abductors find them,
    # while the history's totals still count them as glutes.
    assert medius <= ids("abductors") == ids("outer hip")
    assert "supine-knee-to-chest" in ids("abductors")
    assert group_of("gluteus medius") == "glutes"


def test_the_helps_own_example_finds_something(run: Run) -> None:
    listed = run("exercises", "--muscle", "glutes", "--position", "chair", "--json")
    assert {e["id"] for e in json.loads(listed.stdout)} == {
        "chair-glute-stretch",
        "seated-figure-four",
    }


def test_the_vocabulary_is_one_tree_with_unique_names() -> None:
    ids = [term.id for term in TERMS]
    assert len(ids) == len(set(ids))
    names = [muscles.key(n) for term in TERMS for n in (term.id, *term.aliases)]
    assert len(names) == len(set(names))  # no name means two things
    for term in TERMS:
        assert term.part_of is None or term.part_of in ids
    assert {"glutes", "hips", "hip-flexors", "adductors", "hamstrings", "quadriceps",
            "calves", "it-band", "lower-back", "obliques"} <= set(ids)  # fmt: skip
    glutes = find("glutes")
    assert glutes is not None
    assert within(glutes) >= {"gluteus-maximus", "gluteus-medius", "gluteus-minimus",
                              "piriformis"}  # fmt: skip


def test_groups_for_totals_and_names_the_vocabulary_does_not_know() -> None:
    assert group_of("gluteus medius") == group_of("piriformis") == "glutes"
    assert group_of("Hams") == "hamstrings"
    assert group_of("hips") == "hips"
    assert group_of("funny bone") == "funny bone"
    assert names_match("funny", ["funny bone"])  # unknown names still match by their words
    assert not names_match("glutes", ["funny bone"])
    # Old history rows name single muscles: their minutes join the group's.
    assert stats.group_of("gluteus maximus") == "glutes"


def test_stretch_muscles_lists_the_vocabulary_with_counts(run: Run) -> None:
    listed = run("muscles")
    assert listed.exit_code == 0
    lines = listed.stdout.splitlines()
    assert lines[0].split() == ["muscle", "exercises", "also", "called"]
    glutes = next(line for line in lines if line.split()[0] == "glutes")
    assert glutes.startswith("  glutes")  # indented under the hips
    assert glutes.split()[1] == str(GLUTE_STRETCHES)
    rows = json.loads(run("muscles", "--json").stdout)
    assert len(rows) == len(TERMS)
    assert {"id": "quadriceps", "part_of": "legs", "aliases": ["quads", "quad", "front of thigh"],
            "exercises": 1} in rows  # fmt: skip


def test_muscle_values_complete_from_ids_and_aliases() -> None:
    from stretchcli.cli.completion import complete_muscle

    assert complete_muscle("glute") == [
        "glute", "glute-max", "glute-med", "glute-min", "gluteals", "glutes",
        "gluteus-max", "gluteus-maximus", "gluteus-med", "gluteus-medius", "gluteus-min",
        "gluteus-minimus",
    ]  # fmt: skip
    assert complete_muscle("ham") == ["hams", "hamstring", "hamstrings"]


MISSPELLED = """\
exercises:
  x:
    name: X
    target: [glutes, gluteus medus]
    secondary: hamstrngs
    hold: 10
    steps: [Stand.]
"""


def test_an_unknown_muscle_is_a_warning_and_strict_makes_it_an_error(
    run: Run, tmp_path: Path
) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(MISSPELLED)
    checked = run("validate", str(path))
    assert checked.exit_code == 0
    assert checked.stdout.splitlines() == [
        f"{path}:4:22: warning: exercises.x.target[1]: a muscle stretchcli does not know: "
        '"gluteus medus" (did you mean "gluteus-medius"?)',
        f"{path}:5:16: warning: exercises.x.secondary: a muscle stretchcli does not know: "
        '"hamstrngs" (did you mean "hamstrings"?)',
        f"{path}: ok (1 exercise, 0 routines)",
    ]
    strict = run("validate", "--strict", str(path))
    assert strict.exit_code == 1
    assert [line.split(": ")[1] for line in strict.stdout.splitlines()] == ["error", "error"]
    # Listings do not repeat it on every command: the exercise is there, named as written.
    listed = run("exercises", "-L", str(path), "--muscle", "gluteus medus", "--json")
    assert (listed.exit_code, listed.stderr) == (0, "")
    assert [e["id"] for e in json.loads(listed.stdout)] == ["x"]


def test_every_muscle_of_the_built_in_library_is_in_the_vocabulary() -> None:
    from stretchcli.storage.library_files import read_file
    from stretchcli.storage.paths import builtin_library_path

    assert read_file(builtin_library_path(), builtin=True).notices == ()


def test_a_muscle_the_vocabulary_does_not_know_gets_a_hint(run: Run) -> None:
    listed = run("exercises", "--muscle", "glutues")
    assert listed.exit_code == 0
    assert listed.stderr.splitlines() == [
        "No exercise matches those filters.",
        'No muscle "glutues" is in the vocabulary (did you mean "glutes"?); '
        "`stretch muscles` lists them.",
    ]
    # A known muscle that nothing works is no typo: no hint.
    assert "vocabulary" not in run("exercises", "--muscle", "calves").stderr
