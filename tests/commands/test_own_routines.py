"""`new`, `edit`, `validate`, `schema` and `where` as functions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stretchcli.commands import own_routines
from stretchcli.core.errors import ExitCode, StretchError, UsageError
from stretchcli.ui.editor import KEEP_QUESTION, REOPEN_QUESTION
from tests.commands.conftest import Captured

GOOD = "version: 1\nroutines:\n  mine:\n    name: Mine\n    items: [pigeon-pose]\n"
BAD = "version: 1\nroutines:\n  mine:\n    name: Mine\n    items: [pigeon-pos]\n"


def never(question: str, _default: bool) -> bool:
    raise AssertionError(f"asked {question!r} with no one there")


def test_new_writes_a_valid_file_and_says_what_next(output: Captured, stretch_home: Path) -> None:
    assert own_routines.new(output, "my-hips", None, ["pigeon-pose"]) is ExitCode.OK
    path = stretch_home / "routines" / "my-hips.yaml"
    assert output.stdout_text.splitlines() == [
        f"Wrote {path}",
        "Next: stretch edit my-hips   then: stretch session my-hips",
    ]
    checked = Captured()
    assert own_routines.validate(checked, [path]) is ExitCode.OK
    assert checked.stdout_text == f"{path}: ok (0 exercises, 1 routine)\n"


def test_validate_reports_problems_and_exits_1(output: Captured, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD)
    assert own_routines.validate(output, [path]) is ExitCode.FAILURE
    assert output.stdout_text.startswith(f"{path}:5:13: error: routines.mine.items[0]: no exercise")
    assert output.stderr_text == "stretch: 1 problem found\n"


def test_validate_with_nothing_to_check(output: Captured, stretch_home: Path) -> None:
    assert own_routines.validate(output, []) is ExitCode.OK
    assert output.stdout_text == f"No routine files in {stretch_home / 'routines'}\n"


def test_validate_picks_out_the_config(output: Captured, stretch_home: Path) -> None:
    (stretch_home / "routines").mkdir(parents=True)
    (stretch_home / "routines" / "mine.yaml").write_text(GOOD)
    (stretch_home / "config.yaml").write_text("level: advanced\n")
    assert own_routines.validate(output, []) is ExitCode.OK
    assert output.stdout_text.splitlines() == [
        f"{stretch_home / 'routines' / 'mine.yaml'}: ok (0 exercises, 1 routine)",
        f"{stretch_home / 'config.yaml'}: ok (settings)",
    ]


@pytest.fixture
def mine_broken_by_the_editor(
    stretch_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The user's routines folder with mine.yaml, and an editor that breaks what it edits."""
    folder = stretch_home / "routines"
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text(GOOD)
    editor = tmp_path / "breaks-it"
    editor.write_text(f"#!/bin/sh\nprintf '%s' '{BAD}' > \"$1\"\n")
    editor.chmod(0o755)
    monkeypatch.setenv("VISUAL", str(editor))
    return folder


def test_edit_without_a_terminal_never_asks(
    output: Captured, mine_broken_by_the_editor: Path
) -> None:
    folder = mine_broken_by_the_editor
    assert own_routines.edit(output, "mine", never, interactive=False) is ExitCode.FAILURE
    assert (folder / "mine.yaml").read_text() == GOOD  # the broken version was not kept
    assert (folder / "mine.yaml.rejected").exists()


def test_edit_a_missing_file(output: Captured) -> None:
    with pytest.raises(StretchError, match="does not exist; create it with: stretch new nope"):
        own_routines.edit(output, "nope", never, interactive=True)


def test_schema_and_where(output: Captured) -> None:
    assert own_routines.schema(output) is ExitCode.OK
    assert json.loads(output.stdout_text)["$schema"].startswith("http://json-schema.org/draft-07")
    places = Captured()
    assert own_routines.where(places) is ExitCode.OK
    labels = [line.split("  ")[0].strip() for line in places.stdout_text.splitlines()]
    assert labels == ["routines", "config", "history", "photos", "cache", "built-in library"]


@pytest.mark.usefixtures("mine_broken_by_the_editor")
def test_edit_asks_with_enter_reopening_and_never_keeping_a_broken_file(output: Captured) -> None:
    asked: list[tuple[str, bool]] = []

    def answer_no(question: str, default: bool) -> bool:
        asked.append((question, default))
        return False

    assert own_routines.edit(output, "mine", answer_no, interactive=True) is ExitCode.FAILURE
    assert asked == [(REOPEN_QUESTION, True), (KEEP_QUESTION, False)]


@pytest.mark.parametrize("name", ["../mine", "../../etc/passwd", "/tmp/mine", ".hidden", "..", ""])
def test_edit_opens_nothing_outside_the_routines_folder(
    output: Captured, mine_broken_by_the_editor: Path, name: str
) -> None:
    (mine_broken_by_the_editor.parent / "mine.yaml").write_text(GOOD)  # one level up
    with pytest.raises(UsageError, match="is not the name of a routine file"):
        own_routines.edit(output, name, never, interactive=False)
    assert (mine_broken_by_the_editor.parent / "mine.yaml").read_text() == GOOD
