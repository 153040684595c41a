"""The typer layer itself, through typer's CliRunner: parsing, and what reaches the commands.

Most command-line tests go through `main` (tests/test_cli.py) or call the command
functions (tests/commands/); these check the typer signatures on their own.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from stretchcli import __version__
from stretchcli.cli.app import app
from stretchcli.core.errors import ExitCode

RUNNER = CliRunner()


def test_version_is_eager_and_exits_0() -> None:
    result = RUNNER.invoke(app, ["--version", "exercises"])
    assert (result.exit_code, result.stdout) == (0, f"stretchcli {__version__}\n")


def test_a_command_returns_its_exit_code() -> None:
    result = RUNNER.invoke(app, ["show", "no-such-thing"], standalone_mode=False)
    assert result.exception is not None  # StretchError: main() turns it into exit 1
    good = RUNNER.invoke(app, ["routines", "--json"], standalone_mode=False)
    assert good.return_value == ExitCode.OK
    assert "glutes" in {routine["id"] for routine in json.loads(good.stdout)}


def test_timeline_options_are_parsed_into_spans() -> None:
    result = RUNNER.invoke(
        app, ["plan", "pigeon-pose", "--hold", "1m", "--sets", "1", "--prep", "0", "--json"]
    )
    assert result.exit_code == 0
    steps = json.loads(result.stdout)["steps"]
    assert [(step["kind"], step["seconds"]) for step in steps] == [
        ("hold", 60), ("switch", 5), ("hold", 60)
    ]  # fmt: skip


def test_a_bad_value_is_a_usage_error() -> None:
    result = RUNNER.invoke(app, ["plan", "glutes", "--hold", "soon"])
    assert result.exit_code == ExitCode.USAGE
    assert "--hold" in result.output


def test_ctrl_c_or_ctrl_d_at_a_question_is_an_interrupt(monkeypatch: pytest.MonkeyPatch) -> None:
    import typer

    from stretchcli.cli import app

    def abort(*_args: object, **_kwargs: object) -> bool:
        raise typer.Abort  # what click does on Ctrl-C or end of input at a prompt

    monkeypatch.setattr(typer, "confirm", abort)
    with pytest.raises(KeyboardInterrupt):
        app.ask_yes_no("Reopen?", True)


def test_the_window_closing_at_a_question_ends_as_it_does_in_a_session(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import os
    import signal

    import typer

    from stretchcli.cli import app

    def hung_up(*_args: object, **_kwargs: object) -> bool:
        os.kill(os.getpid(), signal.SIGHUP)  # the window closes while the question waits
        for _ in range(1000):  # the handler runs between bytecodes
            pass
        raise AssertionError("never answered")

    monkeypatch.setattr(typer, "confirm", hung_up)
    saved = {each: signal.getsignal(each) for each in (signal.SIGHUP, signal.SIGTERM)}
    try:
        with pytest.raises(SystemExit) as ended:
            app.ask_yes_no("Leave out the exercises with a caution for you?", True)
    finally:  # stretch keeps swallowing ending signals until it exits; this test does not
        for each, handler in saved.items():
            signal.signal(each, handler)
    assert ended.value.code == 129
