"""config.yaml defaults, `stretch where`, and shell completion."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from stretchcli.cli.completion import complete_exercise, complete_target, complete_user_routine
from stretchcli.core.loader import load_config_bytes
from stretchcli.core.model import Defaults, Level, Side, SoundMode, Span
from stretchcli.storage.library_files import load_defaults
from tests.conftest import Result

Run = Callable[..., Result]


def write_config(home: Path, text: str) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "config.yaml"
    path.write_text(text)
    return path


def test_every_setting_is_read() -> None:
    text = b"sound: false\nvoice: true\nlevel: advanced\nprep: 15\nswitch: 3s\nrest: 1m\n"
    text += b"first_side: left\n"
    assert load_config_bytes(text, "config.yaml") == (
        Defaults(
            SoundMode.OFF, True, Level.ADVANCED, Span(15, 15), Span(3, 3), Span(60, 60), Side.LEFT
        ),
        (),
    )


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ("level: expert\n", ['config.yaml:1:8: error: level: expected one of beginner, '
                             'intermediate, advanced, got "expert"']),
        ("sound: loud\n",
         ['config.yaml:1:8: error: sound: expected one of chime, bell, off, got "loud"']),
        ("prep: soon\n", ['config.yaml:1:7: error: prep: expected seconds like 30 or "20-30s", '
                          'got "soon"']),
        ("swich: 3\n", ['config.yaml:1:1: error: unknown key "swich" (did you mean "switch"?)']),
        ("- level\n", ["config.yaml:1:1: error: expected a mapping of settings like "
                       "`level: beginner`, got a list"]),
    ],
)  # fmt: skip
def test_config_mistakes_are_located(text: str, problems: list[str]) -> None:
    defaults, found = load_config_bytes(text.encode(), "config.yaml")
    assert [p.format() for p in found] == problems
    assert defaults == Defaults()  # a config with problems sets nothing


def test_an_empty_or_missing_config_sets_nothing(stretch_home: Path) -> None:
    assert load_defaults() == (Defaults(), ())
    write_config(stretch_home, "# nothing yet\n")
    assert load_defaults() == (Defaults(), ())


def test_config_defaults_shape_plans_and_the_command_line_wins(
    run: Run, stretch_home: Path
) -> None:
    write_config(stretch_home, "level: advanced\nprep: 3\nswitch: 2\nfirst_side: left\n")
    data = json.loads(run("plan", "pigeon-pose", "--json", "--sets", "1").stdout)
    assert data["level"] == "advanced"
    assert [(s["kind"], s["seconds"], s["side"]) for s in data["steps"]] == [
        ("prep", 3, None), ("hold", 30, "left"), ("switch", 2, "right"), ("hold", 30, "right")
    ]  # fmt: skip
    data = json.loads(
        run("plan", "chair-glute-stretch", "--json", "--level", "beginner", "--prep", "7",
            "--first-side", "right").stdout
    )  # fmt: skip
    assert (data["level"], data["steps"][0]["seconds"], data["steps"][1]["side"]) == (
        "beginner", 7, "right"
    )  # fmt: skip


def test_a_broken_config_is_reported_and_left_unused(run: Run, stretch_home: Path) -> None:
    path = write_config(stretch_home, "level: expert\n")
    result = run("plan", "pigeon-pose", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["level"] == "beginner"
    assert result.stderr.splitlines() == [
        f"{path}:1:8: warning: level: expected one of beginner, intermediate, advanced, "
        'got "expert"',
        "stretch: warning: config.yaml is not used until fixed; `stretch validate` checks",
    ]


def test_validate_checks_the_config_too(run: Run, stretch_home: Path) -> None:
    path = write_config(stretch_home, "rest: -5\n")
    result = run("validate")
    assert result.exit_code == 1
    assert result.stdout == f"{path}:1:7: error: rest: a duration cannot be negative, got -5\n"
    write_config(stretch_home, "rest: 5\n")
    assert run("validate").stdout == f"{path}: ok (settings)\n"
    assert run("validate", str(path)).exit_code == 0


@pytest.mark.parametrize(
    ("written", "mode"),
    [("chime", SoundMode.CHIME), ("bell", SoundMode.BELL), ("off", SoundMode.OFF),
     ("true", SoundMode.CHIME), ("false", SoundMode.OFF), ("on", SoundMode.CHIME)],
)  # fmt: skip
def test_sound_is_a_mode_and_the_old_true_and_false_still_work(
    written: str, mode: SoundMode
) -> None:
    assert load_config_bytes(f"sound: {written}\n".encode(), "config.yaml") == (
        Defaults(sound=mode),
        (),
    )


def test_config_sound_off_and_the_command_line_turning_it_on(
    run: Run, stretch_home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    write_config(stretch_home, "voice: true\n")
    monkeypatch.setenv("PATH", str(tmp_path))  # no speech program to be found
    warned = run("session", "chair-glute-stretch", "--speed", "1000").stderr
    assert "--voice found no speech program" in warned
    assert run("session", "chair-glute-stretch", "--no-voice", "--speed", "1000").stderr == ""


def test_where_names_every_folder(run: Run, stretch_home: Path) -> None:
    result = run("where")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["routines", str(stretch_home / "routines"), "(not", "created",
                                "yet)"]  # fmt: skip
    assert lines[1].startswith("config ")
    assert str(stretch_home / "config.yaml") in lines[1]
    assert str(stretch_home / "history.sqlite3") in lines[2]
    assert lines[3].split() == ["photos", str(stretch_home / "photos"), "(not", "created", "yet)"]
    assert str(stretch_home / "cache") in lines[4]
    assert lines[5].endswith("routines.yaml  (read only)")


def test_completion_callbacks(user_routines: Path, tmp_path: Path) -> None:
    (user_routines / "my-hips.yaml").write_text(
        "routines:\n  my-hips: {name: M, items: [pigeon-pose]}\n"
    )
    assert complete_exercise("pig") == ["pigeon-pose"]
    assert complete_target("glu")[:2] == ["glute-medius", "glutes"]
    assert "my-hips" in complete_target("my")
    assert complete_user_routine("my") == ["my-hips"]
    files = tmp_path / "files"
    (files / "sub").mkdir(parents=True)
    (files / "mine.yaml").write_text("x")
    (files / "notes.txt").write_text("x")  # not a routine file: not offered
    assert complete_target(f"{files}/") == [f"{files}/mine.yaml", f"{files}/sub/"]
    assert complete_target(f"{files}/mi") == [f"{files}/mine.yaml"]


def test_completion_through_the_shell_protocol(stretch_home: Path) -> None:
    env = dict(os.environ, STRETCHCLI_HOME=str(stretch_home), _STRETCH_COMPLETE="complete_bash",
               COMP_WORDS="stretch session gl", COMP_CWORD="2")  # fmt: skip
    stretch = Path(sys.executable).parent / "stretch"
    done = subprocess.run([str(stretch)], env=env, capture_output=True, text=True, check=False)
    assert done.stdout.split() == ["glute-medius", "glutes"]
