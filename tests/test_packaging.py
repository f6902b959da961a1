"""The wheel carries routines.toml and the stylesheets, and an installed copy finds them from anywhere."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel from this checkout once for the module."""
    out = tmp_path_factory.mktemp("dist")
    command = [sys.executable, "-m", "build", "--wheel", "--outdir", str(out)]
    if importlib.util.find_spec("hatchling") is not None:
        command.append("--no-isolation")  # the backend is at hand: no download, much faster
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stdout + done.stderr
    (built,) = out.glob("coach-*.whl")
    return built


def test_wheel_contains_the_routines_and_styles(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        shipped = archive.read("coach/_data/routines.toml")
    assert "coach/cli/__init__.py" in names and "coach/ui/app.py" in names and "coach/__main__.py" in names
    assert shipped == (ROOT / "routines.toml").read_bytes()
    styles = {n for n in names if n.startswith("coach/_data/styles/") and n.endswith(".tcss")}
    expected = {f"coach/_data/styles/{p.name}" for p in (ROOT / "styles").glob("*.tcss")}
    assert expected and styles == expected
    assert not any(n.startswith("tests/") for n in names)


def test_installed_copy_finds_its_data_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    install = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--no-deps",
        "--target",
        str(target),
        str(wheel),
    ]
    done = subprocess.run(install, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stdout + done.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "COACH_DATA_DIR": str(tmp_path / "home")}
    listed = subprocess.run(
        [sys.executable, "-m", "coach", "list"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines()[0] == f"Routines from {target / 'coach' / '_data' / 'routines.toml'}"
    assert "full: Full seven-step massage (default)" in listed.stdout
    styles = subprocess.run(
        [sys.executable, "-c", "from coach import paths; print(paths.styles_dir())"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    styles_dir = Path(styles.stdout.strip())
    assert styles_dir == target / "coach" / "_data" / "styles"
    assert list(styles_dir.glob("*.tcss"))


def test_readme_commands_are_the_ones_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    run_it, test_it = "pip install . && coach", "pip install -e '.[test]' && python -m pytest -q"
    assert f"\n    {run_it}\n" in readme
    assert f"\n    {test_it}\n" in readme
    assert test_it in ci.splitlines()
