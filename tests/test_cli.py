"""The commands as a user runs them: output, exit codes, stderr kept apart."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from stretchcli import __version__
from tests.conftest import Result

Run = Callable[..., Result]

EXERCISE_KEYS = [
    "id",
    "name",
    "summary",
    "setup",
    "right_side",
    "target",
    "secondary",
    "body_part",
    "equipment",
    "position",
    "difficulty",
    "category",
    "sides",
    "hold",
    "reps",
    "sets",
    "rep_rest",
    "set_rest",
    "steps",
    "cues",
    "tips",
    "mistakes",
    "safety",
    "cautions",
    "faq",
    "desk_friendly",
    "aliases",
    "sources",
    "needs",
    "images",
]
ROUTINE_KEYS = [
    "id",
    "name",
    "summary",
    "level",
    "tags",
    "prep",
    "switch",
    "rest",
    "first_side",
    "rounds",
    "progression",
    "items",
]
STEP_KEYS = ["kind", "exercise", "side", "set", "sets", "rep", "reps", "seconds", "label"]


def table_lines(output: str) -> list[str]:
    """A plain listing (what a pipe gets) from its header row on."""
    lines = output.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith(("id ", "# ", " # ")))
    return lines[header:]


def ids_in_table(output: str) -> list[str]:
    return [line.split()[0] for line in table_lines(output)[1:] if line.strip()]


def test_version(run: Run) -> None:
    result = run("--version")
    assert (result.exit_code, result.stdout) == (0, f"stretchcli {__version__}\n")


def test_python_dash_m_runs_the_same_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "stretchcli", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, f"stretchcli {__version__}\n")


@pytest.mark.parametrize("command", ["exercises", "show", "routines", "plan", "validate", "schema"])
def test_every_command_has_help_with_an_example(run: Run, command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example: stretch " + command in result.stdout


def test_exercises_lists_the_whole_library(run: Run) -> None:
    result = run("exercises")
    assert result.exit_code == 0
    listed = ids_in_table(result.stdout)
    assert "pigeon-pose" in listed
    assert "seated-glute-stretch" in listed
    assert len(listed) == 13
    assert result.stdout.startswith("13 exercises, dosage at beginner level\n")
    lines = table_lines(result.stdout)
    assert lines[0].split() == ["id", "name", "target", "position", "difficulty", "sides", "dosage"]
    # One row per exercise on one line each, columns aligned: easy to grep and cut.
    assert len(lines) == 14
    name_column = lines[0].index("name")
    assert all(line[name_column - 2 : name_column] == "  " for line in lines)
    assert all(line[name_column] != " " for line in lines)


def test_a_terminal_gets_a_rich_table(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("NO_COLOR", "1")  # no colour codes, but still a terminal layout
    out = run("routines").stdout
    assert "\x1b[" not in out
    assert "───" in out
    assert "glute-medius" in out


def test_exercises_show_the_dosage_at_the_chosen_level(run: Run) -> None:
    beginner = run("exercises", "--search", "chair glute")
    advanced = run("exercises", "--search", "chair glute", "--level", "advanced")
    assert "3s x 8 reps" in beginner.stdout
    assert "5s x 10 reps" in advanced.stdout


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--position", "chair"], {"seated-figure-four", "chair-glute-stretch"}),
        (["--desk"], {"seated-figure-four", "chair-glute-stretch", "standing-glute-stretch",
                      "seated-glute-stretch", "standing-hip-flexor-stretch"}),
        (["--category", "foam-rolling"], {"foam-roller-glute-roll"}),
        (["--equipment", "foam"], {"foam-roller-glute-roll"}),
        (["--position", "supine"], {"supine-piriformis-stretch", "supine-knee-to-chest"}),
        (["--muscle", "adductor"], {"seated-hip-stretch-opposite-leg-behind"}),
        (["--position", "chair", "--desk", "--category", "stretching", "--difficulty",
          "beginner"], {"seated-figure-four", "chair-glute-stretch"}),
    ],
)  # fmt: skip
def test_exercise_filters(run: Run, options: list[str], expected: set[str]) -> None:
    result = run("exercises", *options, "--json")
    assert result.exit_code == 0
    assert {ex["id"] for ex in json.loads(result.stdout)} == expected


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("PIGEON", "pigeon-pose"),  # case does not matter
        ("figure four", "seated-figure-four"),  # an alias
        ("piriformis", "supine-piriformis-stretch"),  # a name
        ("obliques", "kneeling-side-bend"),  # a muscle
        ("lunge", "deep-lunge-glute-stretch"),  # part of an id
    ],
)
def test_search_looks_in_names_aliases_ids_and_muscles(run: Run, text: str, found: str) -> None:
    ids = [ex["id"] for ex in json.loads(run("exercises", "--search", text, "--json").stdout)]
    assert found in ids
    assert len(ids) < 12


def test_muscle_filter_matches_glutes_broadly(run: Run) -> None:
    found = {ex["id"] for ex in json.loads(run("exercises", "--muscle", "glute", "--json").stdout)}
    assert {"seated-glute-stretch", "pigeon-pose", "seated-figure-four"} <= found


def test_exercises_json_has_the_contract_keys(run: Run) -> None:
    data = json.loads(run("exercises", "--json").stdout)
    assert all(list(ex) == EXERCISE_KEYS for ex in data)
    pigeon = next(ex for ex in data if ex["id"] == "pigeon-pose")
    assert (pigeon["hold"], pigeon["sets"], pigeon["sides"]) == (30, 3, "both")


def test_no_match_is_said_on_stderr(run: Run) -> None:
    result = run("exercises", "--search", "handstand")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "No exercise matches those filters.\n"


def test_show_lays_out_one_exercise(run: Run) -> None:
    result = run("show", "pigeon-pose")
    assert result.exit_code == 0
    out = result.stdout
    for heading in (
        "Pigeon Pose",
        "Steps",
        "Tips",
        "Common mistakes",
        "Safety",
        "Questions",
        "Sources",
        "Dosage",
        "Defined in: built-in",
    ):
        assert heading in out
    assert re.search(r"^\s*1\. \S", out, re.MULTILINE)
    assert "30s x 3 sets" in out


def test_show_json_is_one_object(run: Run) -> None:
    data = json.loads(run("show", "pigeon-pose", "--json").stdout)
    assert list(data) == EXERCISE_KEYS
    assert data["id"] == "pigeon-pose"


def test_show_unknown_id_suggests_a_close_one(run: Run) -> None:
    result = run("show", "pigeon")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == 'stretch: error: no exercise "pigeon" (did you mean "pigeon-pose"?)\n'


def test_show_a_routine_id_points_to_plan(run: Run) -> None:
    result = run("show", "glutes")
    assert result.stderr == (
        'stretch: error: no exercise "glutes" (glutes is a routine: try `stretch plan glutes`)\n'
    )


def test_routines_lists_the_builtin_routines(run: Run) -> None:
    result = run("routines")
    assert result.exit_code == 0
    assert set(ids_in_table(result.stdout)) == {
        "desk",
        "glute-medius",
        "glutes",
        "hips",
        "upper-glutes",
    }
    assert "built-in" in result.stdout


def test_routines_mark_a_user_replacement(run: Run, user_routines: Path) -> None:
    (user_routines / "mine.yaml").write_text(
        "routines:\n  desk:\n    name: My Desk Break\n    items: [chair-glute-stretch]\n"
    )
    result = run("routines")
    assert "My Desk Break" in result.stdout
    assert "(replaces built-in)" in result.stdout
    routines = json.loads(run("routines", "--json").stdout)
    assert all(list(r) == ROUTINE_KEYS for r in routines)
    assert next(r for r in routines if r["id"] == "desk")["items"] == ["chair-glute-stretch"]


def test_a_broken_user_file_warns_but_builtins_run(run: Run, user_routines: Path) -> None:
    (user_routines / "broken.yaml").write_text("routines: [\n")
    result = run("plan", "glutes", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["routine"] == "glutes"
    assert f"{user_routines / 'broken.yaml'}:2:1: warning: not valid YAML" in result.stderr


def test_plan_table_shows_start_times_and_the_total(run: Run) -> None:
    result = run("plan", "upper-glutes")
    assert result.exit_code == 0
    data = json.loads(run("plan", "upper-glutes", "--json").stdout)
    total = data["total_seconds"]
    assert f"total {total // 60:02d}:{total % 60:02d}" in result.stdout
    assert "00:00" in result.stdout
    assert "Switch to the left side" in result.stdout


def test_plan_json_has_the_contract_shape(run: Run) -> None:
    data = json.loads(run("plan", "glutes", "--json").stdout)
    assert list(data) == ["routine", "name", "level", "total_seconds", "steps"]
    assert all(list(step) == STEP_KEYS for step in data["steps"])
    assert data["total_seconds"] == sum(step["seconds"] for step in data["steps"])
    kinds = {step["kind"] for step in data["steps"]}
    assert kinds <= {"prep", "hold", "switch", "rep-rest", "set-rest", "rest", "timer"}


def test_plan_options_change_the_timeline(run: Run) -> None:
    def holds(*options: str) -> list[int]:
        data = json.loads(run("plan", "pigeon-pose", "--json", *options).stdout)
        return [s["seconds"] for s in data["steps"] if s["kind"] == "hold"]

    assert holds() == [30] * 6
    assert holds("--hold", "45") == [45] * 6
    assert holds("--hold", "1m", "--sets", "1") == [60, 60]
    assert holds("--scale", "0.5", "--sets", "2") == [15] * 4
    data = json.loads(
        run(
            "plan",
            "pigeon-pose",
            "--json",
            "--prep",
            "0",
            "--switch",
            "2",
            "--sets",
            "1",
            "--first-side",
            "left",
        ).stdout
    )
    assert [(s["kind"], s["side"], s["seconds"]) for s in data["steps"]] == [
        ("hold", "left", 30),
        ("switch", "right", 2),
        ("hold", "right", 30),
    ]
    data = json.loads(run("plan", "upper-glutes", "--json", "--rest", "20", "--rounds", "2").stdout)
    assert sum(s["kind"] == "rest" for s in data["steps"]) == 7


def test_plan_a_file_target(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("routines:\n  quick:\n    name: Quick\n    items: [pigeon-pose]\n")
    data = json.loads(run("plan", str(path), "--json").stdout)
    assert (data["routine"], data["name"]) == ("quick", "Quick")


def test_plan_a_broken_file_target_reports_every_problem(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("routines:\n  quick:\n    name: Quick\n    items: [pigeonpose, {rest: x}]\n")
    result = run("plan", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f'{path}:4:13: error: routines.quick.items[0]: no exercise "pigeonpose" in any loaded '
        'file (did you mean "pigeon-pose"?)',
        f'{path}:4:32: error: routines.quick.items[1].rest: expected seconds like 30 or "20-30s", '
        'got "x"',
    ]


def test_routine_option_needs_a_file_target(run: Run) -> None:
    result = run("plan", "glutes", "--routine", "hips")
    assert result.exit_code == 2
    assert result.stderr == (
        "stretch: error: --routine picks a routine inside a file given as TARGET\n"
    )


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (
            ["plan", "glutes", "--hold", "thirty"],
            "stretch plan: error: Invalid value for '--hold': expected seconds like 30 or "
            '"20-30s", got "thirty" (see \'stretch plan --help\')',
        ),
        (
            ["plan", "glutes", "--level", "expert"],
            "stretch plan: error: Invalid value for '--level': 'expert' is not one of 'beginner', "
            "'intermediate', 'advanced'. (see 'stretch plan --help')",
        ),
        (
            ["plan", "glutes", "--reps", "0"],
            "stretch plan: error: Invalid value for '--reps': must be at least 1, got 0 "
            "(see 'stretch plan --help')",
        ),
        (
            ["plan"],
            "stretch: error: give a TARGET (a routine, an exercise or a file), or --for, "
            "e.g. --for 10m",
        ),
        (
            ["plan", "glutes", "--frobnicate"],
            "stretch plan: error: No such option: --frobnicate (see 'stretch plan --help')",
        ),
        (["stretchy"], "stretch: error: No such command 'stretchy'. (see 'stretch --help')"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(run: Run, args: list[str], stderr: str) -> None:
    result = run(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == stderr + "\n"


def test_unknown_target_exits_1_with_a_suggestion(run: Run) -> None:
    result = run("plan", "glute")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        'stretch: error: no routine or exercise called "glute" (did you mean'
    )


def test_validate_good_and_bad_files(run: Run, tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("routines:\n  r:\n    name: R\n    items: [pigeon-pose]\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("routines:\n  r2:\n    name: R\n    items: []\n    level: hard\n")
    ok = run("validate", str(good))
    assert (ok.exit_code, ok.stdout) == (0, f"{good}: ok (0 exercises, 1 routine)\n")
    result = run("validate", str(good), str(bad))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{bad}:4:12: error: routines.r2.items: a routine needs at least one item",
        f"{bad}:5:12: error: routines.r2.level: expected one of beginner, intermediate, "
        'advanced, got "hard"',
    ]
    assert result.stderr == "stretch: 2 problems found\n"


def test_validate_without_files_checks_the_user_folder(run: Run, user_routines: Path) -> None:
    empty = run("validate")
    assert (empty.exit_code, empty.stdout) == (0, f"No routine files in {user_routines}\n")
    (user_routines / "x.yaml").write_text("exercises:\n  x:\n    name: X\n")
    result = run("validate")
    assert result.exit_code == 1
    assert result.stdout.count("missing required key") == 3


def test_schema_is_json_schema(run: Run) -> None:
    data = json.loads(run("schema").stdout)
    assert data["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert set(data["definitions"]) >= {"exercise", "routine", "duration", "cue"}


def test_plain_output_when_not_a_terminal_or_no_color(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "\x1b[" not in run("show", "pigeon-pose").stdout  # captured: not a terminal
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run("show", "pigeon-pose").stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run("show", "pigeon-pose").stdout


@pytest.mark.parametrize("value", ["nan", "NaN", "-nan", "inf", "-inf", "infinity"])
@pytest.mark.parametrize(("command", "option"), [("plan", "--scale"), ("session", "--speed")])
def test_float_options_refuse_what_is_no_number(
    run: Run, command: str, option: str, value: str
) -> None:
    result = run(command, "pigeon-pose", option, value)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"stretch {command}: error: Invalid value for '{option}': ")
    assert len(result.stderr.splitlines()) == 1


def test_show_gives_the_set_up_before_the_steps(run: Run) -> None:
    shown = run("show", "pigeon-pose").stdout
    set_up = "On hands and knees, bring the right knee behind the right wrist"
    assert set_up in shown
    assert shown.index("Set-up") < shown.index(set_up) < shown.index("Steps")
    # What "right side" means, and the left side's mirror of it, after the set-up.
    right = "Right side: right knee forward, left leg back"
    left = "Left side: left knee forward, right leg back"
    assert shown.index(set_up) < shown.index(right) < shown.index(left) < shown.index("Steps")
    assert json.loads(run("show", "pigeon-pose", "--json").stdout)["setup"].startswith(set_up)


def test_one_exercise_is_one_exercise(run: Run) -> None:
    listed = run("exercises", "--search", "foam")
    assert listed.stdout.startswith("1 exercise, dosage at beginner level\n")
