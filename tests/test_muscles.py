"""The muscle vocabulary: every glute stretch found however it is asked for."""

from __future__ import annotations

import json
from collections.abc import Callable

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
    assert ids("hip-flexors") == {"deep-lunge-glute-stretch", "pigeon-pose"}
    assert ids("groin") == ids("adductors") == {"seated-hip-stretch-opposite-leg-behind"}


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
            "exercises": 0} in rows  # fmt: skip


def test_muscle_values_complete_from_ids_and_aliases() -> None:
    from stretchcli.cli.completion import complete_muscle

    assert complete_muscle("glute") == [
        "glute", "glute-max", "glute-med", "glute-min", "gluteals", "glutes",
        "gluteus-max", "gluteus-maximus", "gluteus-med", "gluteus-medius", "gluteus-min",
        "gluteus-minimus",
    ]  # fmt: skip
    assert complete_muscle("ham") == ["hams", "hamstring", "hamstrings"]
