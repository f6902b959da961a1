"""``coach serve`` on the command line: its options, what it passes to each page's coach, its errors."""

from __future__ import annotations

import builtins
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from coach.cli import build_parser
from coach.cli.serve import SERVE_EXTRA, app_arguments
from tests.cli_helpers import SHIPPED, private_data_dir, run

__all__ = ["private_data_dir"]  # autouse: no test here may read a real user's files


@pytest.fixture
def fake_serve(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[str], str, int, str]]:
    """Stand in for the server: record what it was asked to serve."""
    calls: list[tuple[list[str], str, int, str]] = []

    def serve(argv: list[str], host: str, port: int, token: str) -> int:
        calls.append((list(argv), host, port, token))
        return 0

    monkeypatch.setattr("coach.serve.run.run", serve)
    return calls


def test_by_default_this_computer_only_a_new_token_each_time(
    capsys: pytest.CaptureFixture[str], fake_serve: list[tuple[list[str], str, int, str]]
) -> None:
    assert run(capsys, "serve")[0] == 0
    assert run(capsys, "serve")[0] == 0
    (argv, host, port, token), (_, _, _, other) = fake_serve
    assert (host, port) == ("127.0.0.1", 8000)
    assert argv == [sys.executable, "-m", "coach"]
    assert token != other and len(token) >= 22


def test_options_pass_through_with_absolute_paths(
    capsys: pytest.CaptureFixture[str], fake_serve: list[tuple[list[str], str, int, str]],
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine.toml").write_text(SHIPPED.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", "data", "serve", "--host", "0.0.0.0", "--port", "0",
                       "--token", "bedside-2024", "--routines", "mine.toml", "--routine", "nightly",
                       "--mode", "partner", "--minutes", "12.5", "--foot", "left", "--no-chime", "--guide")
    assert code == 0, err
    ((argv, host, port, token),) = fake_serve
    assert (host, port, token) == ("0.0.0.0", 0, "bedside-2024")
    assert argv[3:] == ["--routines", str(tmp_path / "mine.toml"), "--data-dir", str(tmp_path / "data"),
                        "--routine", "nightly", "--mode", "partner", "--foot", "left", "--minutes", "12.5",
                        "--no-sound", "--guide"]


def test_the_passed_options_are_read_back_the_same() -> None:
    args = build_parser().parse_args(["serve", "--mode", "self", "--minutes", "20", "--reduced-motion"])
    again = build_parser().parse_args(app_arguments(args))
    assert (again.mode, again.minutes, again.reduced_motion, again.command) == ("self", 20.0, True, None)


@pytest.mark.parametrize(("argv", "message"), [
    (["serve", "--token", "short"], "8 to 128"),
    (["serve", "--token", "has space in it"], "8 to 128"),
    (["serve", "--port", "70000"], "65535"),
    (["serve", "--port", "http"], "port number"),
])
def test_bad_options_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str], message: str,
                            fake_serve: list[Any]) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2 and message in err
    assert fake_serve == []


def test_an_unknown_routine_is_caught_before_listening(capsys: pytest.CaptureFixture[str],
                                                       fake_serve: list[Any]) -> None:
    code, _, err = run(capsys, "serve", "--routine", "nightli")
    assert code == 2 and "no routine 'nightli'" in err and "nightly" in err
    assert fake_serve == []


def test_without_the_serve_extra_it_says_what_to_install(capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def without_textual_serve(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "coach.serve.run" or name.startswith("textual_serve"):
            raise ModuleNotFoundError("No module named 'textual_serve'", name="textual_serve")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_textual_serve)
    code, _, err = run(capsys, "serve")
    assert code == 1
    assert SERVE_EXTRA in err and "pip install 'coach[serve]'" in err


def test_served_the_app_needs_no_terminal(capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[object] = []

    def run_app(options: object) -> int:
        started.append(options)
        return 0

    monkeypatch.setattr("coach.cli.has_terminal", lambda: False)
    monkeypatch.setitem(sys.modules, "coach.ui.app", types.SimpleNamespace(run_app=run_app))
    assert run(capsys)[0] == 2  # no terminal, not served: says so
    monkeypatch.setenv("COACH_CUE_CHANNEL", "page")
    assert run(capsys)[0] == 0 and len(started) == 1
