from __future__ import annotations

import json
import os
import shlex
import signal
import stat
import sys
from pathlib import Path
from typing import Any

import pytest

from stretchcli.core.errors import StretchError
from stretchcli.core.scaffold import SCHEMA_FILE, new_routine_text, schema_text
from stretchcli.storage.library_files import load_library
from stretchcli.storage.new_routine import write_new_file
from stretchcli.ui.editor import (
    KEEP_QUESTION,
    REOPEN_QUESTION,
    EditResult,
    edit_file,
    editor_command,
    rejected_path,
)

GOOD = """\
version: 1
routines:
  my-hips:
    name: My Hips
    items:
      - pigeon-pose
      - {rest: 30}
"""

# Line 6 misspells a key, line 7 an exercise id, line 8 a duration.
BROKEN = """\
version: 1
routines:
  my-hips:
    name: My Hips
    items:
      - {exercise: kneeling-side-bend, holds: 30}
      - pigeon-pos
      - {rest: thirty}
"""

# Runs as the user's editor: logs what it was given, then does the next planned action.
FAKE_EDITOR = """\
import json
import os
import signal
import sys
from pathlib import Path

here = Path(__file__).parent
target = Path(sys.argv[-1])
seen = target.read_text(encoding="utf-8") if target.exists() else None
with (here / "calls.jsonl").open("a", encoding="utf-8") as log:
    log.write(json.dumps({"argv": sys.argv[1:], "seen": seen}) + "\\n")
number = len((here / "calls.jsonl").read_text(encoding="utf-8").splitlines())
action = json.loads((here / f"{number}.json").read_text(encoding="utf-8"))
if "write" in action:
    target.write_text(action["write"], encoding="utf-8")
if action.get("delete"):
    target.unlink()
if action.get("interrupt"):  # what Ctrl-C in the terminal also sends to stretch
    os.kill(os.getppid(), signal.SIGINT)
sys.exit(action.get("exit", 0))
"""


class FakeEditor:
    """A real program run as $VISUAL, whose every run follows a planned action."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir()
        self.folder = folder
        self.script = folder / "fake-editor"
        self.script.write_text(f"#!{sys.executable}\n{FAKE_EDITOR}", encoding="utf-8")
        self.script.chmod(self.script.stat().st_mode | stat.S_IXUSR)

    def plan(self, *actions: dict[str, Any]) -> None:
        """What the next runs do, in order; the log starts again."""
        (self.folder / "calls.jsonl").unlink(missing_ok=True)
        for number, action in enumerate(actions, start=1):
            (self.folder / f"{number}.json").write_text(json.dumps(action), encoding="utf-8")

    def calls(self) -> list[dict[str, Any]]:
        log = self.folder / "calls.jsonl"
        if not log.exists():
            return []
        return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


class Answers:
    """Plays the user: answers each question in turn and records what was said."""

    def __init__(self, *answers: bool) -> None:
        self.answers = list(answers)
        self.questions: list[str] = []
        self.reports: list[str] = []

    def confirm(self, question: str, _default: bool) -> bool:
        self.questions.append(question)
        return self.answers.pop(0)

    def report(self, message: str) -> None:
        self.reports.append(message)


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeEditor:
    fake = FakeEditor(tmp_path / "fake")
    monkeypatch.setenv("VISUAL", shlex.quote(str(fake.script)))
    monkeypatch.delenv("EDITOR", raising=False)
    return fake


@pytest.fixture
def routine_file(user_routines: Path) -> Path:
    path = user_routines / "my-hips.yaml"
    path.write_text(GOOD.replace("pigeon-pose", "seated-glute-stretch"), encoding="utf-8")
    return path


def edit(path: Path, answers: Answers, **options: Any) -> EditResult:
    return edit_file(path, confirm=answers.confirm, report=answers.report, **options)


def leftovers(folder: Path) -> list[str]:
    """Hidden files: copies and temporary files that should be gone."""
    return sorted(path.name for path in folder.iterdir() if path.name.startswith("."))


# -- write_new_file -----------------------------------------------------------------


def test_a_new_file_is_written_with_its_schema(stretch_home: Path) -> None:
    folder = stretch_home / "routines"  # not there yet: it is created
    text = new_routine_text("my-hips", schema_path=f"./{SCHEMA_FILE}")
    path = write_new_file(folder, "my-hips", text, schema_text())
    assert path == folder / "my-hips.yaml"
    assert path.read_text(encoding="utf-8") == text
    assert (folder / SCHEMA_FILE).read_text(encoding="utf-8") == schema_text()
    assert sorted(p.name for p in folder.iterdir()) == ["my-hips.yaml", SCHEMA_FILE]
    assert "my-hips" in load_library().routines


def test_a_new_file_never_replaces_an_existing_one(routine_file: Path) -> None:
    before = routine_file.read_bytes()
    with pytest.raises(StretchError) as caught:
        write_new_file(routine_file.parent, "my-hips", "routines: {}\n", schema_text())
    assert str(caught.value) == f"{routine_file} already exists; edit it with: stretch edit my-hips"
    assert routine_file.read_bytes() == before
    assert leftovers(routine_file.parent) == []


def test_an_old_schema_is_brought_up_to_date(user_routines: Path) -> None:
    old = '{"$id": "https://stretchcli.invalid/routine-file.schema.json"}'
    (user_routines / SCHEMA_FILE).write_text(old, encoding="utf-8")
    write_new_file(user_routines, "my-hips", GOOD, schema_text())
    assert (user_routines / SCHEMA_FILE).read_text(encoding="utf-8") == schema_text()
    assert leftovers(user_routines) == []


def test_a_folder_that_cannot_be_made_is_one_line_of_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(StretchError) as caught:
        write_new_file(blocker / "routines", "my-hips", GOOD, schema_text())
    assert str(caught.value).startswith("cannot write ")
    assert "\n" not in str(caught.value)


# -- editor_command -----------------------------------------------------------------


def test_visual_beats_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VISUAL", "vim")
    monkeypatch.setenv("EDITOR", "nano")
    assert editor_command() == ["vim"]
    monkeypatch.setenv("VISUAL", "  ")
    assert editor_command() == ["nano"]


def test_an_editor_with_arguments_is_split_like_a_command_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "code --wait")
    assert editor_command() == ["code", "--wait"]
    monkeypatch.setenv("EDITOR", "'/opt/My Editor/edit' -n; rm -rf x")
    assert editor_command() == ["/opt/My Editor/edit", "-n;", "rm", "-rf", "x"]


def test_without_a_setting_the_first_editor_on_path_is_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", str(bin_dir))
    for name in ("vi", "nano"):
        program = bin_dir / name
        program.write_text("#!/bin/sh\n", encoding="utf-8")
        program.chmod(0o755)
    assert editor_command() == [str(bin_dir / "nano")]


def test_no_editor_at_all_is_one_line_of_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(StretchError) as caught:
        editor_command()
    assert str(caught.value) == (
        "no editor found: set $VISUAL or $EDITOR to one, e.g. export EDITOR=nano"
    )


def test_an_unreadable_setting_is_one_line_of_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VISUAL", "vim 'unclosed")
    with pytest.raises(StretchError, match=r"^cannot read \$VISUAL \(vim 'unclosed\): "):
        editor_command()


# -- edit_file with a real (fake) editor ---------------------------------------------


def test_a_good_edit_is_saved(editor: FakeEditor, routine_file: Path) -> None:
    editor.plan({"write": GOOD})
    answers = Answers()
    result = edit(routine_file, answers)
    assert result == EditResult(routine_file, True, 0)
    assert routine_file.read_text(encoding="utf-8") == GOOD
    assert answers.reports == [f"{routine_file}: ok (0 exercises, 1 routine)"]
    assert answers.questions == []
    (call,) = editor.calls()
    # The editor got a hidden copy beside the file, holding the file's text.
    copy = Path(call["argv"][0])
    assert copy.parent == routine_file.parent
    assert copy.name.startswith(".my-hips.edit-")
    assert copy.suffix == ".yaml"
    assert call["seen"] == GOOD.replace("pigeon-pose", "seated-glute-stretch")
    assert leftovers(routine_file.parent) == []
    assert load_library().routines["my-hips"].exercise_ids == ("pigeon-pose",)


def test_a_broken_edit_is_shown_at_its_lines_and_fixed_in_the_editor(
    editor: FakeEditor, routine_file: Path
) -> None:
    before = routine_file.read_bytes()
    editor.plan({"write": BROKEN}, {"write": GOOD})
    answers = Answers(True)
    result = edit(routine_file, answers)
    name = str(routine_file)
    assert answers.reports == [
        f'{name}:6:40: error: routines.my-hips.items[0]: unknown key "holds" '
        '(did you mean "hold"?)',
        f'{name}:7:9: error: routines.my-hips.items[1]: no exercise "pigeon-pos" in any loaded '
        'file (did you mean "pigeon-pose"?)',
        f"{name}:8:16: error: routines.my-hips.items[2].rest: expected seconds like 30 or "
        '"20-30s", got "thirty"',
        f"{name}: ok (0 exercises, 1 routine)",
    ]
    assert answers.questions == [REOPEN_QUESTION]
    assert result == EditResult(routine_file, True, 0)
    assert routine_file.read_text(encoding="utf-8") == GOOD
    first, second = editor.calls()
    # Reopened on the same copy, with the broken text still in it to fix.
    assert second["argv"] == first["argv"]
    assert second["seen"] == BROKEN
    assert first["seen"] == before.decode()
    assert leftovers(routine_file.parent) == []


def test_a_broken_edit_not_kept_leaves_the_file_and_saves_the_text_aside(
    editor: FakeEditor, routine_file: Path
) -> None:
    before = routine_file.read_bytes()
    editor.plan({"write": BROKEN})
    answers = Answers(False, False)
    result = edit(routine_file, answers)
    rejected = rejected_path(routine_file)
    assert rejected == routine_file.parent / "my-hips.yaml.rejected"
    assert result == EditResult(routine_file, False, 3)
    assert answers.questions == [REOPEN_QUESTION, KEEP_QUESTION]
    assert answers.reports[-1] == (
        f"{routine_file} was left as it was; your changes are in {rejected}"
    )
    assert routine_file.read_bytes() == before
    assert rejected.read_text(encoding="utf-8") == BROKEN
    assert leftovers(routine_file.parent) == []
    assert load_library().warnings == ()  # the .rejected file is never loaded


def test_a_broken_edit_can_be_kept_on_purpose(editor: FakeEditor, routine_file: Path) -> None:
    editor.plan({"write": BROKEN})
    answers = Answers(False, True)
    result = edit(routine_file, answers)
    assert result == EditResult(routine_file, True, 3)
    assert routine_file.read_text(encoding="utf-8") == BROKEN
    assert answers.reports[-1] == (
        f"{routine_file}: saved with 3 problems; it is left out until they are fixed"
    )
    assert not rejected_path(routine_file).exists()
    assert leftovers(routine_file.parent) == []


@pytest.mark.parametrize("action", [{"write": ""}, {"write": "\n  \n"}, {"delete": True}])
def test_an_emptied_or_deleted_file_leaves_the_original(
    editor: FakeEditor, routine_file: Path, action: dict[str, Any]
) -> None:
    before = routine_file.read_bytes()
    editor.plan(action)
    answers = Answers()
    assert edit(routine_file, answers) == EditResult(routine_file, False, 0)
    assert answers.reports == [f"the edited file is empty; {routine_file} was left as it was"]
    assert routine_file.read_bytes() == before
    assert leftovers(routine_file.parent) == []


def test_no_changes_is_said_so(editor: FakeEditor, routine_file: Path) -> None:
    before = routine_file.stat()
    editor.plan({})
    answers = Answers()
    assert edit(routine_file, answers) == EditResult(routine_file, False, 0)
    assert answers.reports == [f"no changes; {routine_file} was left as it was"]
    after = routine_file.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert leftovers(routine_file.parent) == []


def test_an_editor_that_fails_leaves_the_original(editor: FakeEditor, routine_file: Path) -> None:
    before = routine_file.read_bytes()
    editor.plan({"exit": 1})
    with pytest.raises(StretchError) as caught:
        edit(routine_file, Answers())
    assert str(caught.value) == (
        f'the editor "{editor.script}" failed (exit status 1); {routine_file} was left as it was'
    )
    assert routine_file.read_bytes() == before
    assert not rejected_path(routine_file).exists()
    assert leftovers(routine_file.parent) == []


def test_an_editor_that_fails_after_writing_keeps_the_text_aside(
    editor: FakeEditor, routine_file: Path
) -> None:
    before = routine_file.read_bytes()
    editor.plan({"write": GOOD, "exit": 3})
    with pytest.raises(StretchError) as caught:
        edit(routine_file, Answers())
    rejected = rejected_path(routine_file)
    assert str(caught.value).endswith(
        f"{routine_file} was left as it was; your changes are in {rejected}"
    )
    assert routine_file.read_bytes() == before
    assert rejected.read_text(encoding="utf-8") == GOOD
    assert leftovers(routine_file.parent) == []


def test_an_editor_failing_on_reopen_keeps_the_first_edit(
    editor: FakeEditor, routine_file: Path
) -> None:
    before = routine_file.read_bytes()
    editor.plan({"write": BROKEN}, {"exit": 1})
    with pytest.raises(StretchError) as caught:
        edit(routine_file, Answers(True))
    rejected = rejected_path(routine_file)
    assert str(caught.value).endswith(f"; your changes are in {rejected}")
    assert routine_file.read_bytes() == before
    assert rejected.read_text(encoding="utf-8") == BROKEN
    assert leftovers(routine_file.parent) == []


def test_a_missing_editor_program_leaves_the_original(
    monkeypatch: pytest.MonkeyPatch, routine_file: Path, tmp_path: Path
) -> None:
    before = routine_file.read_bytes()
    missing = tmp_path / "no-such-editor"
    monkeypatch.setenv("VISUAL", f"{missing} --wait")
    with pytest.raises(StretchError) as caught:
        edit(routine_file, Answers())
    assert str(caught.value) == (
        f'the editor "{missing}" could not be started (No such file or directory); '
        f"{routine_file} was left as it was"
    )
    assert routine_file.read_bytes() == before
    assert leftovers(routine_file.parent) == []


def test_no_editor_found_changes_nothing(
    monkeypatch: pytest.MonkeyPatch, routine_file: Path, tmp_path: Path
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(StretchError, match=r"^no editor found"):
        edit(routine_file, Answers())
    assert leftovers(routine_file.parent) == []


def test_editing_a_missing_file_suggests_making_it(editor: FakeEditor, user_routines: Path) -> None:
    with pytest.raises(StretchError) as caught:
        edit(user_routines / "nope.yaml", Answers())
    assert str(caught.value) == (
        f"{user_routines / 'nope.yaml'} does not exist; create it with: stretch new nope"
    )
    assert editor.calls() == []


def test_arguments_of_the_editor_setting_come_before_the_file(
    editor: FakeEditor, routine_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", f"{shlex.quote(str(editor.script))} --wait -n")
    monkeypatch.setenv("EDITOR", "/no/such/editor")
    editor.plan({})
    edit(routine_file, Answers())
    (call,) = editor.calls()
    assert call["argv"][:2] == ["--wait", "-n"]
    assert len(call["argv"]) == 3


# -- what the check knows: the rest of the library ------------------------------------


def test_exercises_of_other_user_files_count_and_the_old_version_does_not(
    editor: FakeEditor, user_routines: Path
) -> None:
    (user_routines / "mine.yaml").write_text(
        "exercises:\n  wall-stretch: {name: Wall, target: [glutes], hold: 20, steps: [Lean]}\n",
        encoding="utf-8",
    )
    path = user_routines / "my-hips.yaml"
    floor = "{name: Floor, target: [hips], hold: 20, steps: [Sit]}"
    with_exercise = f"{GOOD}exercises:\n  floor-stretch: {floor}\n"
    path.write_text(with_exercise, encoding="utf-8")
    # The new version uses the other file's exercise, and drops its own but still uses it.
    edited = GOOD.replace("pigeon-pose", "wall-stretch") + "      - floor-stretch\n"
    editor.plan({"write": edited})
    answers = Answers(False, False)
    result = edit(path, answers)
    assert result == EditResult(path, False, 1)
    assert answers.reports[0] == (
        f'{path}:8:9: error: routines.my-hips.items[2]: no exercise "floor-stretch" in any '
        'loaded file (did you mean "wall-stretch"?)'
    )
    # Its definitions do not clash with their own older version.
    editor.plan({"write": with_exercise.replace("Floor", "Floor Stretch")})
    answers = Answers()
    assert edit(path, answers).saved
    assert answers.reports == [f"{path}: ok (1 exercise, 1 routine)"]


def test_another_broken_user_file_does_not_block_an_edit(
    editor: FakeEditor, routine_file: Path
) -> None:
    (routine_file.parent / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    editor.plan({"write": GOOD})
    answers = Answers()
    assert edit(routine_file, answers) == EditResult(routine_file, True, 0)
    assert answers.reports == [f"{routine_file}: ok (0 exercises, 1 routine)"]


def test_an_id_another_user_file_defines_is_reported(
    editor: FakeEditor, routine_file: Path
) -> None:
    other = routine_file.parent / "other.yaml"
    other.write_text(GOOD.replace("my-hips", "other"), encoding="utf-8")
    editor.plan({"write": GOOD.replace("my-hips:", "other:")})
    answers = Answers(False, False)
    assert edit(routine_file, answers) == EditResult(routine_file, False, 1)
    assert answers.reports[0] == (
        f'{routine_file}:3:3: error: routines.other: routine "other" is defined twice: '
        f"first at {other}:3:3, again at {routine_file}:3:3"
    )


# -- safety ---------------------------------------------------------------------------


@pytest.mark.skipif(os.name == "nt", reason="a terminal's Ctrl-C as a POSIX signal")
def test_ctrl_c_while_the_editor_runs_belongs_to_the_editor(
    editor: FakeEditor, routine_file: Path
) -> None:
    handler = signal.getsignal(signal.SIGINT)
    editor.plan({"write": GOOD, "interrupt": True})
    answers = Answers()
    assert edit(routine_file, answers).saved  # no KeyboardInterrupt here
    assert signal.getsignal(signal.SIGINT) is handler
    assert routine_file.read_text(encoding="utf-8") == GOOD


def test_ctrl_c_at_a_question_keeps_the_typed_text(editor: FakeEditor, routine_file: Path) -> None:
    before = routine_file.read_bytes()
    editor.plan({"write": BROKEN})

    def interrupted(_question: str, _default: bool) -> bool:
        raise KeyboardInterrupt

    answers = Answers()
    with pytest.raises(KeyboardInterrupt):
        edit_file(routine_file, confirm=interrupted, report=answers.report)
    assert routine_file.read_bytes() == before
    rejected = rejected_path(routine_file)
    assert rejected.read_text(encoding="utf-8") == BROKEN
    assert answers.reports[-1] == (
        f"{routine_file} was left as it was; your changes are in {rejected}"
    )
    assert leftovers(routine_file.parent) == []


def test_a_second_rejected_edit_never_writes_over_the_first(
    editor: FakeEditor, routine_file: Path
) -> None:
    editor.plan({"write": BROKEN})
    edit(routine_file, Answers(False, False))
    second = BROKEN.replace("thirty", "forty")
    assert second != BROKEN
    editor.plan({"write": second})
    answers = Answers(False, False)
    edit(routine_file, answers)
    first, later = rejected_path(routine_file), rejected_path(routine_file, 2)
    assert later.name == "my-hips.yaml.rejected.2"
    assert first.read_text(encoding="utf-8") == BROKEN
    assert later.read_text(encoding="utf-8") == second
    assert answers.reports[-1].endswith(f"your changes are in {later}")


def test_a_file_changed_meanwhile_is_not_overwritten(
    routine_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", "unused")

    def editor_and_someone_else(command: list[str]) -> int:
        Path(command[-1]).write_text(GOOD, encoding="utf-8")
        routine_file.write_text(GOOD.replace("My Hips", "Changed"), encoding="utf-8")
        return 0

    with pytest.raises(StretchError) as caught:
        edit(routine_file, Answers(), run_editor=editor_and_someone_else)
    rejected = rejected_path(routine_file)
    assert str(caught.value) == (
        f"{routine_file} was changed by something else while you edited it, so it was left "
        f"as it was; your version is in {rejected}"
    )
    assert "Changed" in routine_file.read_text(encoding="utf-8")
    assert rejected.read_text(encoding="utf-8") == GOOD
    assert leftovers(routine_file.parent) == []


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes and links")
def test_a_saved_file_keeps_its_mode_and_its_link(
    editor: FakeEditor, user_routines: Path, tmp_path: Path
) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    real = dotfiles / "my-hips.yaml"
    real.write_text(GOOD.replace("pigeon-pose", "seated-glute-stretch"), encoding="utf-8")
    real.chmod(0o640)
    link = user_routines / "my-hips.yaml"
    link.symlink_to(real)
    editor.plan({"write": GOOD})
    answers = Answers()
    assert edit(link, answers).saved
    assert answers.reports == [f"{link}: ok (0 exercises, 1 routine)"]
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == GOOD
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert leftovers(dotfiles) == []
    assert leftovers(user_routines) == []


def test_an_editor_given_in_process_gets_the_command_and_the_copy(
    routine_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", "my-editor --flag")
    commands: list[list[str]] = []

    def run(command: list[str]) -> int:
        commands.append(command)
        Path(command[-1]).write_text(GOOD, encoding="utf-8")
        return 0

    result = edit(routine_file, Answers(), run_editor=run)
    assert result.saved
    (command,) = commands
    assert command[:2] == ["my-editor", "--flag"]
    assert not Path(command[2]).exists()
