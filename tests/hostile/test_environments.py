"""Odd environments and command lines: a clear message or a sensible run, never a traceback."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from coach.history import History, history_path
from tests.history_helpers import FIXTURE_NOW, make_record
from tests.hostile.helpers import coach, obeyed

ENVIRONMENTS = {
    "TERM=dumb": {"TERM": "dumb"},
    "no TERM": {"TERM": ""},
    "LANG=C": {"LANG": "C", "LC_ALL": "C"},
    "ASCII only": {"PYTHONIOENCODING": "ascii", "LC_ALL": "C"},
    "NO_COLOR": {"NO_COLOR": "1"},
}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    History(history_path(folder)).append(make_record(FIXTURE_NOW, routine_name="Soir · “doux” — ☾"))
    return folder


@pytest.mark.parametrize("name", sorted(ENVIRONMENTS))
def test_the_commands_work_in_odd_environments(data: Path, name: str) -> None:
    env = {"COACH_DATA_DIR": str(data), **ENVIRONMENTS[name]}
    if env.get("TERM") == "":
        env.pop("TERM")
    for argv in (["list"], ["validate"], ["history"], ["history", "--json"], ["--help"]):
        done = coach(*argv, env=env)
        assert done.returncode == 0, (argv, done.stderr)
        assert b"Traceback" not in done.stderr and done.stdout, argv
        assert obeyed(done.stdout) == []


def test_without_a_terminal_the_app_says_so(tmp_path: Path) -> None:
    done = coach(env={"COACH_DATA_DIR": str(tmp_path)})  # stdin is /dev/null, output is a pipe
    assert done.returncode == 2 and b"coach needs a terminal" in done.stderr
    assert b"Traceback" not in done.stderr


def test_a_data_folder_that_is_a_file(tmp_path: Path) -> None:
    a_file = tmp_path / "file"
    a_file.write_text("x")
    for argv in (["list"], ["history"], ["validate"]):
        done = coach(*argv, env={"COACH_DATA_DIR": str(a_file)})
        assert done.returncode == 0, (argv, done.stderr)
        assert b"Traceback" not in done.stderr
    assert a_file.read_text() == "x"


MINUTES = ["0", "-5", "nan", "NaN", "inf", "-inf", "1e400", "181", "9" * 5000, "", "0x10", "1_0", " 12",
           "\x1b[2J"]


@pytest.mark.parametrize("minutes", MINUTES, ids=[repr(m[:8]) for m in MINUTES])
def test_odd_minutes_are_refused_with_a_message(tmp_path: Path, minutes: str) -> None:
    done = coach("--minutes", minutes, "list", env={"COACH_DATA_DIR": str(tmp_path)})
    if minutes.strip() in ("1_0", "12"):
        assert done.returncode == 0  # Python reads these as numbers, and so does coach: a sensible run
        return
    assert done.returncode == 2, done.stderr
    assert b"argument --minutes: " in done.stderr and b"Traceback" not in done.stderr
    assert len(done.stderr) < 2000  # 5000 digits are not printed back in full
    assert obeyed(done.stderr) == []


def test_history_into_a_closed_pipe_and_a_full_disk(data: Path) -> None:
    env = {**os.environ, "COACH_DATA_DIR": str(data)}
    env.pop("COLUMNS", None)
    piped = subprocess.run(f"{coach_line()} history --json | head -c 10 >/dev/null", shell=True, env=env,
                           capture_output=True, check=False)
    assert b"Traceback" not in piped.stderr and b"Exception ignored" not in piped.stderr
    if os.path.exists("/dev/full"):
        full = subprocess.run(f"{coach_line()} history > /dev/full", shell=True, env=env, capture_output=True,
                              check=False)
        assert full.returncode == 1
        assert b"could not write the output: No space left on device" in full.stderr
        assert b"Traceback" not in full.stderr


def coach_line() -> str:
    import shlex
    import sys

    return f"{shlex.quote(sys.executable)} -m coach"
