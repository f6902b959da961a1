"""Shared by the command-line tests: a private data folder and a way to run ``main``."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach import paths
from coach.cli import main

DATA = Path(__file__).parent / "data"
SHIPPED = paths.shipped_routines()


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never read a real user's routines file or history."""
    base = tmp_path / "home"
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(base))
    return base


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``main(argv)`` with its exit code and output; a traceback is never acceptable."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err
