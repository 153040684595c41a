"""The listing commands never load what only some commands need: start-up stays fast."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("PIL", "desktop_notifier", "sqlite3", "urllib.request", "concurrent.futures")


@pytest.mark.parametrize("command", [["exercises"], ["routines"], ["show", "pigeon-pose"]])
@pytest.mark.usefixtures("stretch_home")  # an empty home: the built-in library alone
def test_listing_loads_no_heavy_module(command: list[str]) -> None:
    code = (
        "import sys; from stretchcli.cli.app import main; main(sys.argv[1:]); "
        f"print([m for m in {HEAVY!r} if m in sys.modules], file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *command], capture_output=True, text=True, check=True
    )
    assert done.stderr.splitlines()[-1] == "[]"


@pytest.mark.usefixtures("stretch_home")
def test_a_routine_session_loads_neither_the_generator_nor_progression() -> None:
    built = ("stretchcli.core.generator", "stretchcli.core.progression")
    code = (
        "import sys; from stretchcli.cli.app import main; "
        "main(['session', 'upper-glutes', '--plain', '--speed', '1000', '--no-sound']); "
        f"print([m for m in {built!r} if m in sys.modules], file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.splitlines()[-1] == "[]"
