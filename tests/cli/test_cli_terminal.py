"""Without a terminal the app path stops at once with a plain message (it used to spin at 100% CPU);
the commands that only print work anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coach.cli import NO_TERMINAL, has_terminal

PROBE = """
import sys
from coach.cli import main
code = main(sys.argv[1:])
loaded = sorted(name for name in sys.modules if name == "textual" or name.startswith("textual."))
print("textual modules:", loaded, file=sys.stderr)
sys.exit(code)
"""


def coach(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """``coach argv`` in a child process with no terminal at all: stdin from /dev/null, output piped."""
    return subprocess.run(
        [sys.executable, "-c", PROBE, "--data-dir", str(tmp_path), *argv],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
    )


@pytest.mark.parametrize("argv", [[], ["--routine", "nightly", "--minutes", "12"]])
def test_the_app_without_a_terminal_says_so_and_exits_2(tmp_path: Path, argv: list[str]) -> None:
    result = coach(tmp_path, *argv)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [NO_TERMINAL, "textual modules: []"]
    assert not (tmp_path / "data").exists()  # nothing was started, so no history was touched


def test_list_validate_and_history_work_without_a_terminal_and_never_import_textual(tmp_path: Path) -> None:
    for argv in (["list"], ["validate"], ["history"]):
        result = coach(tmp_path, *argv)
        assert result.returncode == 0, (argv, result.stderr)
        assert NO_TERMINAL not in result.stderr
        assert result.stdout
        # The plain commands stay quick: the UI library is never loaded for them.
        assert result.stderr.splitlines()[-1] == "textual modules: []", (argv, result.stderr)


def test_has_terminal_wants_all_three_streams_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    master, slave = os.openpty()
    with open(slave, "w", closefd=True) as tty, open(os.devnull) as devnull:
        for name in ("stdin", "stdout", "stderr"):
            monkeypatch.setattr(sys, name, tty)
        assert has_terminal() is True
        for name in ("stdin", "stdout", "stderr"):
            monkeypatch.setattr(sys, name, devnull)
            assert has_terminal() is False, name
            monkeypatch.setattr(sys, name, None)
            assert has_terminal() is False, name
            monkeypatch.setattr(sys, name, tty)
    os.close(master)
