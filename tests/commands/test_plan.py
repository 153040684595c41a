"""`plan` as a function: the command line beats config.yaml, which beats the routine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stretchcli.commands.plan import plan
from stretchcli.core.errors import ExitCode, UsageError
from stretchcli.core.model import Span
from stretchcli.core.timeline import PlanOptions
from tests.commands.conftest import Captured


def steps(output: Captured) -> list[tuple[str, int]]:
    return [(step["kind"], step["seconds"]) for step in json.loads(output.stdout_text)["steps"]]


def test_config_fills_what_the_command_line_leaves(output: Captured, stretch_home: Path) -> None:
    stretch_home.mkdir()
    (stretch_home / "config.yaml").write_text("prep: 15\nswitch: 8\n")
    options = PlanOptions(hold=Span(30, 30), switch=Span(2, 2))
    assert plan(output, "pigeon-pose", None, options, [], as_json=True) is ExitCode.OK
    assert steps(output)[:4] == [("prep", 15), ("hold", 30), ("switch", 2), ("hold", 30)]


def test_a_broken_config_is_a_warning_and_is_not_used(output: Captured, stretch_home: Path) -> None:
    stretch_home.mkdir()
    (stretch_home / "config.yaml").write_text("prep: soon\n")
    plan(output, "pigeon-pose", None, PlanOptions(), [], as_json=True)
    assert steps(output)[0] == ("prep", 10)  # the routine's own
    assert output.stderr_text.splitlines()[-1] == (
        "stretch: warning: config.yaml is not used until fixed; `stretch validate` checks"
    )


def test_the_table_form(output: Captured) -> None:
    plan(output, "upper-glutes", None, PlanOptions(), [], as_json=False)
    assert output.stdout_text.splitlines()[0] == (
        "Upper Glutes (upper-glutes), beginner level, 16 steps, total 03:53"
    )


def test_routine_picks_only_inside_a_file(output: Captured) -> None:
    with pytest.raises(UsageError, match="--routine picks a routine inside a file"):
        plan(output, "glutes", "glutes", PlanOptions(), [], as_json=False)


WALK = "version: 1\nroutines:\n  walk:\n    name: Walk\n    items: [{timer: Walk, seconds: 60}]\n"


@pytest.mark.parametrize("written", ["./walk.yaml", "walk.yaml", ".//walk.yaml"])
def test_a_file_target_however_the_path_is_written(
    output: Captured, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: str
) -> None:
    (tmp_path / "walk.yaml").write_text(WALK)
    monkeypatch.chdir(tmp_path)
    assert plan(output, written, None, PlanOptions(), [], as_json=True) is ExitCode.OK
    assert json.loads(output.stdout_text)["routine"] == "walk"
    picked = Captured()
    assert plan(picked, written, "walk", PlanOptions(), [], as_json=True) is ExitCode.OK
