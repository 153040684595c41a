from __future__ import annotations

import sys
from pathlib import Path

import pytest

from stretchcli.core.errors import RoutineFileError, StretchError
from stretchcli.core.library import find_target, looks_like_path, routine_in_file
from stretchcli.storage.library_files import load_library, read_file
from stretchcli.storage.paths import builtin_library_path, routines_dir, user_home

MY_STRETCH = """\
version: 1
exercises:
  my-stretch:
    name: My Stretch
    target: [glutes]
    hold: 20
    steps: [Sit down, Lean in]
"""

MY_ROUTINE = """\
routines:
  my-routine:
    name: My Routine
    items: [my-stretch, pigeon-pose]
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_user_folder_comes_from_stretchcli_home(stretch_home: Path) -> None:
    assert user_home() == stretch_home
    assert routines_dir() == stretch_home / "routines"


def test_without_stretchcli_home_the_platform_config_folder_is_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("STRETCHCLI_HOME")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    if sys.platform != "linux":
        pytest.skip("XDG_CONFIG_HOME is how Linux places config folders")
    assert user_home() == tmp_path / "xdg" / "stretchcli"


def test_the_builtin_library_loads_without_problems() -> None:
    loaded = read_file(builtin_library_path(), builtin=True)
    assert loaded.problems == ()
    assert len(loaded.exercises) >= 12
    assert {"glutes", "upper-glutes", "glute-medius", "desk", "hips"} <= set(loaded.routines)


def test_an_editable_install_reads_the_one_source_file_in_the_checkout() -> None:
    checkout_file = Path(__file__).resolve().parents[1] / "data" / "routines.yaml"
    assert builtin_library_path() == checkout_file


def test_user_files_are_loaded_and_can_use_builtin_exercises(user_routines: Path) -> None:
    write(user_routines, "mine.yaml", MY_STRETCH + MY_ROUTINE)
    library = load_library()
    assert library.routines["my-routine"].exercise_ids == ("my-stretch", "pigeon-pose")
    assert library.source("exercise", library.exercises["my-stretch"]) == str(
        user_routines / "mine.yaml"
    )
    assert library.source("exercise", library.exercises["pigeon-pose"]) == "built-in"
    assert library.warnings == ()


def test_a_routine_may_use_exercises_from_another_user_file(user_routines: Path) -> None:
    write(user_routines, "a-exercises.yaml", MY_STRETCH)
    write(user_routines, "b-routines.yaml", MY_ROUTINE)
    assert "my-routine" in load_library().routines


def test_a_user_definition_replaces_the_builtin_one_and_says_so(user_routines: Path) -> None:
    path = write(user_routines, "pigeon.yaml", MY_STRETCH.replace("my-stretch", "pigeon-pose"))
    library = load_library()
    pigeon = library.exercises["pigeon-pose"]
    assert pigeon.name == "My Stretch"
    assert library.source("exercise", pigeon) == f"{path} (replaces built-in)"
    # The built-in routines that use it now get the user's version.
    assert "glute-medius" in library.routines


def test_a_broken_user_file_is_a_warning_and_builtins_still_work(user_routines: Path) -> None:
    write(user_routines, "broken.yaml", "routines:\n  oops:\n    name: [\n")
    write(user_routines, "fine.yaml", MY_STRETCH)
    library = load_library()
    assert [p.format("warning") for p in library.warnings] == [
        f"{user_routines / 'broken.yaml'}:4:1: warning: not valid YAML: did not find expected "
        "node content (while parsing a flow node)"
    ]
    assert "glutes" in library.routines
    assert "my-stretch" in library.exercises


def test_a_broken_user_file_is_left_out_whole(user_routines: Path) -> None:
    write(user_routines, "half.yaml", MY_STRETCH + "  bad-one:\n    name: Bad\n")
    library = load_library()
    assert "my-stretch" not in library.exercises
    assert [p.message for p in library.warnings] == [
        'missing required key "hold"',
        'missing required key "steps"',
        'missing required key "target"',
    ]


def test_the_same_id_in_two_user_files_names_both_places(user_routines: Path) -> None:
    first = write(user_routines, "a.yaml", MY_STRETCH)
    second = write(user_routines, "b.yaml", MY_STRETCH)
    library = load_library()
    assert [p.format("warning") for p in library.warnings] == [
        f'{second}:3:3: warning: exercises.my-stretch: exercise "my-stretch" is defined twice: '
        f"first at {first}:3:3, again at {second}:3:3"
    ]
    assert "my-stretch" not in library.exercises


def test_a_duplicate_of_a_builtin_id_falls_back_to_the_builtin(user_routines: Path) -> None:
    text = MY_STRETCH.replace("my-stretch", "pigeon-pose")
    write(user_routines, "a.yaml", text)
    write(user_routines, "b.yaml", text)
    library = load_library()
    assert library.exercises["pigeon-pose"].origin.builtin
    assert len(library.warnings) == 1


def test_an_unknown_exercise_in_a_user_routine_drops_that_routine(user_routines: Path) -> None:
    write(user_routines, "r.yaml", MY_ROUTINE.replace("pigeon-pose", "pigeon-pos"))
    library = load_library()
    assert "my-routine" not in library.routines
    assert [p.format("warning") for p in library.warnings] == [
        f"{user_routines / 'r.yaml'}:4:13: warning: routines.my-routine.items[0]: "
        'no exercise "my-stretch" in any loaded file',
        f"{user_routines / 'r.yaml'}:4:25: warning: routines.my-routine.items[1]: "
        'no exercise "pigeon-pos" in any loaded file (did you mean "pigeon-pose"?)',
    ]


def test_problems_in_files_named_on_the_command_line_are_errors(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.yaml", MY_ROUTINE)
    with pytest.raises(RoutineFileError) as caught:
        load_library([bad])
    assert str(caught.value) == (
        f"{bad}:4:13: error: routines.my-routine.items[0]: "
        'no exercise "my-stretch" in any loaded file'
    )


def test_every_problem_of_every_named_file_is_reported(tmp_path: Path) -> None:
    one = write(tmp_path, "one.yaml", "exercises:\n  a:\n    name: A\n")
    two = write(tmp_path, "two.yaml", "nothing: here\n")
    with pytest.raises(RoutineFileError) as caught:
        load_library([one, two, tmp_path / "missing.yaml", tmp_path])
    assert [p.format() for p in caught.value.problems] == [
        f"{tmp_path}: error: is a folder, not a routine file",
        f"{tmp_path / 'missing.yaml'}: error: no such file",
        f'{one}:2:3: error: exercises.a: missing required key "hold"',
        f'{one}:2:3: error: exercises.a: missing required key "steps"',
        f'{one}:2:3: error: exercises.a: missing required key "target"',
        f"{two}:1:1: error: the file defines neither exercises nor routines",
        f'{two}:1:1: error: unknown key "nothing"',
    ]


def test_a_named_file_that_is_also_in_the_user_folder_is_read_once(user_routines: Path) -> None:
    path = write(user_routines, "mine.yaml", MY_STRETCH)
    library = load_library([path])
    assert library.warnings == ()
    assert "my-stretch" in library.exercises


def test_an_absurdly_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: costs no disk
    loaded = read_file(big)
    assert [p.format() for p in loaded.problems] == [
        f"{big}: error: is too large for a routine file (50.0 MiB; the limit is 2 MiB)"
    ]


def test_an_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "secret.yaml", MY_STRETCH)
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        # chmod 0 does not stop root (CI runs as root), so the refusal is simulated.
        if self == path:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", refuse)
    assert [p.format() for p in read_file(path).problems] == [
        f"{path}: error: permission denied: cannot read this file"
    ]


def test_targets_find_routines_first_then_exercises() -> None:
    library = load_library()
    assert find_target(library, "glutes").id == "glutes"
    one = find_target(library, "pigeon-pose")
    assert one.name == "Pigeon Pose"
    assert one.exercise_ids == ("pigeon-pose",)
    with pytest.raises(
        StretchError,
        match='no routine or exercise called "glutez" '
        r'\(did you mean "glutes"\?\)',
    ):
        find_target(library, "glutez")


def test_a_file_target_with_several_routines_needs_routine(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "two.yaml",
        MY_STRETCH + "routines:\n"
        "  one: {name: One, items: [my-stretch]}\n"
        "  two: {name: Two, items: [pigeon-pose]}\n",
    )
    library = load_library([path])
    with pytest.raises(StretchError) as caught:
        routine_in_file(library, str(path), None)
    assert str(caught.value) == f"{path} holds 2 routines; pick one with --routine: one, two"
    assert routine_in_file(library, str(path), "two").name == "Two"
    with pytest.raises(StretchError) as caught:
        routine_in_file(library, str(path), "tow")
    assert str(caught.value) == (
        f'{path} has no routine "tow" (did you mean "two"?); its routines: one, two'
    )


def test_a_file_target_with_one_exercise_runs_that_exercise(tmp_path: Path) -> None:
    path = write(tmp_path, "ex.yaml", MY_STRETCH)
    library = load_library([path])
    assert routine_in_file(library, str(path), None).exercise_ids == ("my-stretch",)


@pytest.mark.parametrize(
    ("target", "is_path"),
    [("glutes", False), ("my.yaml", True), ("a/b", True), ("x.yml", True), ("pigeon-pose", False)],
)
def test_what_looks_like_a_path(target: str, is_path: bool) -> None:
    assert looks_like_path(target) is is_path
