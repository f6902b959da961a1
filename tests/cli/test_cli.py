"""The ``coach`` command line, driven through ``main([...])``."""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import Any

import pytest

from coach import __version__
from coach.cli import build_parser, main, no_arguments
from coach.options import LaunchOptions
from tests.cli_helpers import DATA, SHIPPED, private_data_dir, run

__all__ = ["private_data_dir"]  # autouse: no test here may read a real user's files


@pytest.fixture(autouse=True)
def a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests run without a terminal; the app path here is tested as if there were one."""
    monkeypatch.setattr("coach.cli.has_terminal", lambda: True)


@pytest.fixture
def fake_app(monkeypatch: pytest.MonkeyPatch) -> list[LaunchOptions]:
    """Stand in for the full-screen app and record what it was asked to start."""
    calls: list[LaunchOptions] = []

    def run_app(options: LaunchOptions) -> int:
        calls.append(options)
        return 0

    monkeypatch.setitem(sys.modules, "coach.ui.app", types.SimpleNamespace(run_app=run_app))
    return calls


# ---------------------------------------------------------------- starting the app


def test_plain_coach_starts_the_app_with_nothing_forced(
    capsys: pytest.CaptureFixture[str], fake_app: list[LaunchOptions]
) -> None:
    assert run(capsys)[0] == 0
    (options,) = fake_app
    assert options.library.path == str(SHIPPED)
    assert (options.routine_id, options.mode, options.minutes, options.feet) == (None, None, None, None)
    assert (options.sound, options.reduced_motion, options.data_dir) == (None, None, None)
    assert (options.voice, options.guide) == (None, None)


def test_no_arguments_read_as_the_parser_reads_them_without_building_it() -> None:
    """A plain ``coach`` skips the parser: what it gives instead must be what the parser would."""
    assert no_arguments() == build_parser().parse_args([])


def test_options_reach_the_app(
    capsys: pytest.CaptureFixture[str], fake_app: list[LaunchOptions], tmp_path: Path
) -> None:
    argv = [
        "--routine",
        "nightly",
        "--mode",
        "partner",
        "--minutes",
        "12.5",
        "--foot",
        "left",
        "--data-dir",
        str(tmp_path),
        "--no-sound",
        "--no-voice",
        "--guide",
        "--reduced-motion",
    ]
    assert main(argv) == 0
    (options,) = fake_app
    assert (options.routine_id, options.mode, options.minutes, options.feet) == (
        "nightly",
        "partner",
        12.5,
        ("left",),
    )
    assert (options.sound, options.reduced_motion, options.data_dir) == (False, True, tmp_path)
    assert (options.voice, options.guide) == (False, True)


def test_the_earlier_no_chime_still_means_no_sound_and_voice_can_be_forced_on(
    fake_app: list[LaunchOptions],
) -> None:
    assert main(["--no-chime", "--voice", "--no-guide"]) == 0
    (options,) = fake_app
    assert (options.sound, options.voice, options.guide) == (False, True, False)


def test_both_feet(fake_app: list[LaunchOptions]) -> None:
    assert main(["--foot", "both"]) == 0
    assert fake_app[0].feet == ("left", "right")


def test_unknown_routine_lists_the_valid_ones(
    capsys: pytest.CaptureFixture[str], fake_app: list[LaunchOptions]
) -> None:
    code, out, err = run(capsys, "--routine", "nightley")
    assert (code, out, fake_app) == (2, "", [])
    assert "no routine 'nightley'" in err
    assert "(did you mean 'nightly'?)" in err
    assert "the routines are: full, nightly, techniques" in err


def test_broken_file_never_starts_the_app(
    capsys: pytest.CaptureFixture[str], fake_app: list[LaunchOptions]
) -> None:
    code, _, err = run(capsys, "--routines", str(DATA / "wrong_type.toml"))
    assert (code, fake_app) == (2, [])
    assert "routines.evening.steps[2].pressure" in err


def test_broken_app_import_is_not_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    """A real import error in the UI surfaces as itself, not as a vague 'not available' message."""
    monkeypatch.setattr("coach.cli.has_terminal", lambda: True)
    monkeypatch.setitem(sys.modules, "coach.ui.app", None)  # makes the import fail as if the file were absent
    with pytest.raises(ImportError):
        main([])


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--minutes", "0"], "argument --minutes: must be more than 0 and at most 180, got 0"),
        (["--minutes", "ten"], "argument --minutes: must be a number of minutes, got 'ten'"),
        (["--mode", "alone"], "argument --mode: invalid choice: 'alone'"),
        (["--foot", "middle"], "argument --foot: invalid choice: 'middle'"),
        (["history", "--weeks", "0"], "argument --weeks: must be from 1 to 52, got 0"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert message in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version") == (0, f"coach {__version__}\n", "")


def test_help_lists_options_commands_and_keys(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for word in (
        "--routines PATH",
        "--routine ID",
        "--mode",
        "--minutes N",
        "--foot",
        "--data-dir DIR",
        "--no-sound",
        "--voice, --no-voice",
        "--guide, --no-guide",
        "doctor",
        "--reduced-motion",
        "list",
        "validate",
        "history",
        "Space",
        "restart the part",
    ):
        assert word in out, word


# ---------------------------------------------------------------- coach history


def test_history_dispatches(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[dict[str, Any]] = []

    def fake_run(**kwargs: Any) -> int:
        calls.append(kwargs)
        return 0

    monkeypatch.setitem(sys.modules, "coach.cli.history", types.SimpleNamespace(run=fake_run))
    assert main(["history", "--json", "--weeks", "2", "--data-dir", str(tmp_path)]) == 0
    assert main(["history"]) == 0
    assert main(["history", "--csv"]) == 0
    assert calls == [
        {"json_output": True, "weeks": 2, "data_dir": tmp_path, "csv_output": False},
        {"json_output": False, "weeks": 4, "data_dir": None, "csv_output": False},
        {"json_output": False, "weeks": 4, "data_dir": None, "csv_output": True},
    ]

