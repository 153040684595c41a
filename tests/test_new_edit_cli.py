"""`stretch new` and `stretch edit` as a user runs them, with a fake editor."""

from __future__ import annotations

import json
import stat
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result

Run = Callable[..., Result]


def fake_editor(tmp_path: Path, content: str) -> str:
    """An editor that replaces the file it is given with `content`, as a person might."""
    wanted = tmp_path / "wanted.yaml"
    wanted.write_text(content)
    script = tmp_path / "fake-editor"
    script.write_text(
        f"#!{sys.executable}\nimport shutil, sys\nshutil.copyfile({str(wanted)!r}, sys.argv[-1])\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_new_then_session_without_reading_the_source(run: Run, stretch_home: Path) -> None:
    made = run("new", "my-hips", "--exercise", "pigeon-pose", "--exercise", "kneeling-side-bend")
    path = stretch_home / "routines" / "my-hips.yaml"
    assert made.exit_code == 0
    assert made.stdout.splitlines()[0] == f"Wrote {path}"
    assert (stretch_home / "routines" / "routine.schema.json").exists()
    assert path.read_text().startswith("# yaml-language-server: $schema=./routine.schema.json\n")
    assert run("validate").exit_code == 0
    plan = json.loads(run("plan", "my-hips", "--json").stdout)
    assert [s["exercise"] for s in plan["steps"] if s["kind"] == "prep"] == [
        "pigeon-pose", "kneeling-side-bend"
    ]  # fmt: skip
    session = run("session", "my-hips", "--speed", "1000", "--no-sound")
    assert "Session completed: My Hips" in session.stdout


def test_new_from_a_routine_copies_it(run: Run) -> None:
    assert run("new", "my-desk", "--from", "desk").exit_code == 0
    mine = json.loads(run("plan", "my-desk", "--json").stdout)
    theirs = json.loads(run("plan", "desk", "--json").stdout)
    assert mine["steps"] == theirs["steps"]


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["new", "My Hips"], '"My Hips" is not a valid routine id', 2),  # as edit says it
        (["new", "x", "--exercise", "pigeon"],
         'no exercise "pigeon" (did you mean "pigeon-pose"?)', 1),
        (["new", "x", "--from", "deks"], 'no routine or exercise called "deks"', 1),
    ],
)  # fmt: skip
def test_new_refuses_with_one_line(run: Run, args: list[str], message: str, code: int) -> None:
    result = run(*args)
    assert result.exit_code == code
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_new_never_overwrites(run: Run, stretch_home: Path) -> None:
    path = stretch_home / "routines" / "mine.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("# my precious file\n")
    result = run("new", "mine")
    assert result.exit_code == 1
    assert f"{path} already exists; edit it with: stretch edit mine" in result.stderr
    assert path.read_text() == "# my precious file\n"


def test_edit_saves_a_good_change(
    run: Run, stretch_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("new", "mine")
    good = "routines:\n  mine:\n    name: Mine Now\n    items: [pigeon-pose]\n"
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, good))
    monkeypatch.delenv("VISUAL", raising=False)
    result = run("edit", "mine")
    assert result.exit_code == 0
    path = stretch_home / "routines" / "mine.yaml"
    assert result.stdout.splitlines()[-1] == f"{path}: ok (0 exercises, 1 routine)"
    assert path.read_text() == good


def test_edit_reports_a_broken_change_and_loses_nothing(
    run: Run, stretch_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("new", "mine")
    path = stretch_home / "routines" / "mine.yaml"
    before = path.read_text()
    broken = "routines:\n  mine:\n    name: Mine\n    items: [pigeon-pos]\n"
    monkeypatch.setenv("EDITOR", fake_editor(tmp_path, broken))
    result = run("edit", "mine")  # no terminal: no reopening, no keeping a broken file
    assert result.exit_code == 1
    assert f'{path}:4:13: error: routines.mine.items[0]: no exercise "pigeon-pos"' in result.stdout
    assert path.read_text() == before
    assert Path(f"{path}.rejected").read_text() == broken
    assert sorted(p.name for p in path.parent.iterdir()) == [
        "mine.yaml", "mine.yaml.rejected", "routine.schema.json"
    ]  # fmt: skip


@pytest.mark.usefixtures("user_routines")
def test_edit_a_file_that_does_not_exist(run: Run) -> None:
    result = run("edit", "nothing")
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("create it with: stretch new nothing")


def test_a_built_in_id_is_replaced_only_on_purpose(run: Run, stretch_home: Path) -> None:
    path = stretch_home / "routines" / "glutes.yaml"
    refused = run("new", "glutes")
    assert refused.exit_code == 1
    assert "--from glutes" in refused.stderr
    assert not path.exists()
    edited = run("edit", "glutes")
    assert edited.exit_code == 1
    assert edited.stderr == (
        'stretch: error: "glutes" is a built-in routine, not a file of yours; to change it, '
        "start from a copy: stretch new glutes --from glutes\n"
    )
    copied = run("new", "glutes", "--from", "glutes")
    assert copied.exit_code == 0
    assert "It replaces the built-in glutes" in copied.stdout
    assert path.exists()
    listed = run("routines")
    assert f"{path} (replaces built-in)" in listed.stdout


def test_edit_of_a_routine_defined_in_another_file_names_that_file(
    run: Run, stretch_home: Path
) -> None:
    other = stretch_home / "routines" / "other.yaml"
    other.parent.mkdir(parents=True)
    other.write_text("routines:\n  zz:\n    name: Z\n    items: [pigeon-pose]\n")
    result = run("edit", "zz")
    assert result.exit_code == 1
    wanted = f'stretch: error: "zz" is defined in {other}, not in a file of its own\n'
    assert result.stderr == wanted
