"""The layers hold: the lint rules that keep them apart work, and today's code obeys them.

core/ is pure (no terminal, no clock, no printing, no files of its own); storage/ has
no terminal; only cli/ knows typer. Lower layers never import higher ones:
core < storage < ui < commands < cli.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "stretchcli"
LAYERS = ("core", "storage", "ui", "commands", "cli")
RUFF = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")

CORE_BANS = [
    "import typer",
    "import rich.console",
    "from rich.text import Text",
    "import termios",
    "import tty",
    "import select",
    "import signal",
    "import subprocess",
    "import sqlite3",
    "import time",
    "from datetime import datetime\nNOW = datetime.now()",
    "import datetime\nNOW = datetime.datetime.utcnow()",
    "import datetime\nTODAY = datetime.date.today()",
    "print('hello')",
]
STORAGE_BANS = ["import typer", "from rich.console import Console", "import termios", "import tty"]


def _lint(source: str, as_file: str) -> str:
    assert RUFF is not None, "ruff is installed with the project's dev extra"
    done = subprocess.run(
        [RUFF, "check", "--no-cache", "--output-format", "concise", "--stdin-filename", as_file],
        input=source + "\n",
        capture_output=True,
        text=True,
        cwd=PACKAGE.parents[1],
        check=False,
    )
    return done.stdout


@pytest.mark.parametrize("source", CORE_BANS)
def test_the_lint_refuses_the_terminal_the_clock_and_print_in_core(source: str) -> None:
    found = _lint(source, "src/stretchcli/core/new_module.py")
    assert "TID251" in found or "T201" in found, found


@pytest.mark.parametrize("source", STORAGE_BANS)
def test_the_lint_refuses_the_terminal_in_storage(source: str) -> None:
    assert "TID251" in _lint(source, "src/stretchcli/storage/new_module.py")


@pytest.mark.parametrize("layer", ["ui", "commands", "core", "storage"])
def test_the_lint_keeps_typer_in_cli(layer: str) -> None:
    assert "TID251" in _lint("import typer", f"src/stretchcli/{layer}/new_module.py")
    assert "TID251" not in _lint("import typer", "src/stretchcli/cli/new_module.py")


def test_what_each_layer_may_use_passes_the_lint() -> None:
    assert "TID251" not in _lint("import sqlite3", "src/stretchcli/storage/new_module.py")
    assert "TID251" not in _lint("import rich.console", "src/stretchcli/ui/new_module.py")
    assert "TID251" not in _lint(
        "from datetime import datetime, timezone\nX = datetime(2026, 1, 1, tzinfo=timezone.utc)",
        "src/stretchcli/core/new_module.py",
    )


def _imported_layers(module: Path) -> set[str]:
    """The stretchcli layers `module` imports, wherever in the file the import is."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    layers = set()
    here = module.parent.name
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level == 1:
                names = [f"stretchcli.{here}"]
            elif node.level == 0 and node.module:
                names = [node.module]
                if node.module == "stretchcli":
                    names = [f"stretchcli.{alias.name}" for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "stretchcli" and len(parts) > 1 and parts[1] in LAYERS:
                layers.add(parts[1])
    return layers


@pytest.mark.parametrize("layer", LAYERS)
def test_no_layer_imports_a_higher_one(layer: str) -> None:
    allowed = set(LAYERS[: LAYERS.index(layer) + 1])
    for module in sorted((PACKAGE / layer).glob("*.py")):
        higher = _imported_layers(module) - allowed
        assert not higher, f"{module.relative_to(PACKAGE)} imports {sorted(higher)}"


def test_every_module_sits_in_a_layer() -> None:
    loose = {path.name for path in PACKAGE.glob("*.py")}
    assert loose == {"__init__.py", "__main__.py"}


def test_the_readme_map_names_every_module_and_only_real_ones() -> None:
    readme = (PACKAGE.parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## For developers", 1)[1]
    code_map = section.split("```", 2)[1].split("\ntests/", 1)[0]  # the src/ part
    named = set(re.findall(r"\b(\w+\.py)\b", code_map))
    modules = {path.name for path in PACKAGE.rglob("*.py")} - {"__init__.py"}
    assert modules - named == set(), "modules the README's map leaves out"
    assert named - modules == set(), "names in the README's map that are no module"
