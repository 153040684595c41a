"""The README's two commands are the ones that work, and CI runs the second."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def first_commands() -> list[str]:
    """The shell commands in the README's first two code blocks."""
    blocks = re.findall(r"```(?:sh|bash|console)\n(.*?)```", README, re.S)
    return [block.strip() for block in blocks[:2]]


def test_the_readme_opens_with_run_and_test_commands() -> None:
    run, test = first_commands()
    assert run.startswith("python3 -m venv .venv && ")
    assert run.endswith(".venv/bin/stretch session glutes")
    assert all(tool in test for tool in ("ruff check", "ruff format --check", "mypy", "pytest"))


def test_ci_runs_the_readmes_test_command_verbatim() -> None:
    _, test = first_commands()
    assert test in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
