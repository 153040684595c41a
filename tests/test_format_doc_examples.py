"""docs/routine-format.md's examples are true: good ones load, a broken one fails as shown."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest

from stretchcli.core.loader import load_bytes, load_config_bytes
from tests.conftest import Result

DOC = (Path(__file__).resolve().parents[1] / "docs" / "routine-format.md").read_text(
    encoding="utf-8"
)
# Each fenced block with its language, in order.
BLOCKS = re.findall(r"^```(\w*)\n(.*?)^```", DOC, re.M | re.S)
YAML = [text for language, text in BLOCKS if language == "yaml"]


def _shown_with_transcript() -> list[tuple[str, str]]:
    """(yaml, console) for each YAML example followed by a `stretch validate` transcript."""
    pairs = []
    for (language, text), (next_language, next_text) in pairwise(BLOCKS):
        if language == "yaml" and next_language == "console" and "stretch validate" in next_text:
            pairs.append((text, next_text))
    return pairs


BROKEN = _shown_with_transcript()


@pytest.mark.parametrize(
    "text", [text for text in YAML if text.startswith("version:") and text not in dict(BROKEN)]
)
def test_a_routine_file_example_loads_without_a_problem(text: str) -> None:
    loaded = load_bytes(text.encode(), "example.yaml")
    assert loaded.problems == ()
    assert loaded.exercises or loaded.routines


@pytest.mark.parametrize("config", [text for text in YAML if text.startswith("# config.yaml")])
def test_the_config_examples_are_valid_configs(config: str) -> None:
    _, problems = load_config_bytes(config.encode(), "config.yaml")
    assert problems == ()


@pytest.mark.parametrize(("text", "transcript"), BROKEN)
def test_a_broken_example_fails_exactly_as_the_doc_shows(
    text: str, transcript: str, run: Callable[..., Result], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    command, *printed = transcript.strip().splitlines()
    name = command.split()[-1]
    (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("validate", name)
    assert result.exit_code == 1
    assert (result.stdout + result.stderr).splitlines() == printed


def test_the_plan_json_example_is_what_stretch_plan_prints(run: Callable[..., Result]) -> None:
    import json

    lead = "`stretch plan upper-glutes --json`, its first two of"
    after = DOC[DOC.index(lead) :]
    example = json.loads(re.search(r"```json\n(.*?)```", after, re.S).group(1))  # type: ignore[union-attr]
    printed = json.loads(run("plan", "upper-glutes", "--json").stdout)
    assert example == {**printed, "steps": printed["steps"][:2]}
    assert f"{lead} {len(printed['steps'])} steps" in DOC
