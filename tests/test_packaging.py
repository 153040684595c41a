"""The built-in library ships inside the wheel and is found from any folder."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def sh(*args: str | Path, cwd: Path | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, cwd=cwd, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.slow
def test_a_built_wheel_installed_in_a_fresh_venv_finds_its_library(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    sh(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "-q",
        "-w",
        dist,
        ROOT,
    )
    (wheel,) = dist.glob("stretchcli-*.whl")
    venv = tmp_path / "venv"
    sh(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    sh(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "-q",
        "--no-deps",
        "--no-index",
        wheel,
    )
    # The dependencies come from this environment; the stretchcli code does not.
    site = Path(
        sh(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").strip()
    )
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = sh(
        python,
        "-c",
        "import stretchcli.storage.paths as p; print(p.builtin_library_path())",
        cwd=elsewhere,
    )
    assert Path(where.strip()) == site / "stretchcli" / "data" / "routines.yaml"
    listing = sh(venv / "bin" / "stretch", "routines", cwd=elsewhere)
    assert "glute-medius" in listing
    assert (ROOT / "data" / "routines.yaml").read_bytes() == Path(where.strip()).read_bytes()


def test_the_installed_command_runs_from_another_folder(tmp_path: Path) -> None:
    stretch = Path(sys.executable).parent / "stretch"
    listing = sh(stretch, "exercises", "--search", "pigeon", cwd=tmp_path)
    assert "pigeon-pose" in listing
