"""`history` as a function: nothing recorded yet, and one export at a time."""

from __future__ import annotations

from pathlib import Path

import pytest

from stretchcli.commands.history import NOTHING_YET, history
from stretchcli.core.errors import ExitCode, UsageError
from tests.commands.conftest import Captured


def test_nothing_recorded_yet_creates_nothing(output: Captured, stretch_home: Path) -> None:
    assert history(output, None, None, as_json=False, as_csv=False) is ExitCode.OK
    assert output.stdout_text == NOTHING_YET + "\n"
    assert not stretch_home.exists()


def test_an_empty_export_is_still_an_export(output: Captured) -> None:
    history(output, None, None, as_json=False, as_csv=True)
    assert output.stdout_text.startswith("id,routine_id,routine_name,")
    assert len(output.stdout_text.splitlines()) == 1


def test_json_and_csv_together_are_a_usage_error(output: Captured) -> None:
    with pytest.raises(UsageError) as raised:
        history(output, None, None, as_json=True, as_csv=True)
    assert raised.value.exit_code == ExitCode.USAGE
