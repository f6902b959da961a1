"""The ``coach`` command line, driven through ``main([...])``."""

from __future__ import annotations

import re
import shutil
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from coach import __version__, paths
from coach.cli import main
from coach.cli_list import format_seconds, format_span
from coach.options import LaunchOptions

DATA = Path(__file__).parent / "data"
SHIPPED = paths.shipped_routines()


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never read a real user's routines file or history."""
    base = tmp_path / "home"
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(base))
    return base


@pytest.fixture
def fake_app(monkeypatch: pytest.MonkeyPatch) -> list[LaunchOptions]:
    """Stand in for the full-screen app and record what it was asked to start."""
    calls: list[LaunchOptions] = []

    def run_app(options: LaunchOptions) -> int:
        calls.append(options)
        return 0

    monkeypatch.setitem(sys.modules, "coach.app", types.SimpleNamespace(run_app=run_app))
    return calls


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


# ---------------------------------------------------------------- coach list


def test_list_names_the_file_and_every_routine(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "list")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"Routines from {SHIPPED}"
    assert "full: Full seven-step massage (default)" in lines
    assert "nightly: Nightly wind-down" in lines
    assert "techniques: Four techniques" in lines


def test_list_shows_steps_with_the_articles_times(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "list")[1]
    assert re.search(r"^    1\. Preparation and relaxing effleurage +2-3 min$", out, re.M)
    assert "         Ankle circles, clockwise: 5 x 3-5 s" in out
    assert "         Ankle circles, counter-clockwise: 5 x 3-5 s" in out
    assert "         Heel circles: 1-2 min" in out
    assert "         5 holds of 5-10 s, 3 s release" in out
    assert "         Solar plexus point: 1 min" in out
    assert "         Insomnia point: 1-2 min" in out


def minutes_of(text: str) -> float:
    found = re.fullmatch(r"(\d+) min(?: (\d+) s)?", text)
    assert found, text
    return int(found.group(1)) + int(found.group(2) or 0) / 60


def test_list_gives_time_per_foot_total_and_default(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "list")[1]
    blocks = out.split("\n\n")[1:]
    per_foot = [re.search(r"Per foot: (.+) - (.+)$", b, re.M) for b in blocks]
    both = [re.search(r"Both feet: (.+) - (.+), with the lead-in", b, re.M) for b in blocks]
    default = [re.search(r"Default length: (.+) for both feet", b, re.M) for b in blocks]
    assert all(per_foot) and all(both) and all(default)
    full_low, full_high = (minutes_of(per_foot[0].group(i)) for i in (1, 2))  # type: ignore[union-attr]
    assert 10 <= full_low < full_high <= 20
    nightly_low, nightly_high = (minutes_of(both[1].group(i)) for i in (1, 2))  # type: ignore[union-attr]
    assert 10 <= nightly_low < nightly_high <= 15
    assert nightly_low <= minutes_of(default[1].group(1)) <= nightly_high  # type: ignore[union-attr]


def test_list_reads_the_users_own_file_when_present(
    capsys: pytest.CaptureFixture[str], private_data_dir: Path
) -> None:
    user = paths.user_routines(private_data_dir)
    user.parent.mkdir(parents=True)
    shutil.copy(DATA / "minimal.toml", user)
    out = run(capsys, "list")[1]
    assert out.splitlines()[0] == f"Routines from {user}"
    assert "evening: Evening (default)" in out
    assert "full:" not in out


@pytest.mark.parametrize("before", [True, False])
def test_list_with_routines_option_before_or_after(capsys: pytest.CaptureFixture[str], before: bool) -> None:
    option = ["--routines", str(DATA / "minimal.toml")]
    code, out, _ = run(capsys, *([*option, "list"] if before else ["list", *option]))
    assert code == 0
    assert out.splitlines()[0] == f"Routines from {DATA / 'minimal.toml'}"


def test_list_with_a_broken_users_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data_dir = tmp_path / "other"
    user = paths.user_routines(data_dir)
    user.parent.mkdir(parents=True)
    shutil.copy(DATA / "unknown_key.toml", user)
    code, out, err = run(capsys, "--data-dir", str(data_dir), "list")
    assert (code, out) == (2, "")
    assert err.startswith(f"coach: cannot use the routines file {user} (1 problem):\n")
    assert "routines.evening.steps[2].relase: unknown key (did you mean 'release'?)" in err


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0 s"), (45, "45 s"), (60, "1 min"), (90.4, "1 min 30 s"), (743, "12 min 23 s")]
)
def test_format_seconds(seconds: float, text: str) -> None:
    assert format_seconds(seconds) == text


@pytest.mark.parametrize(
    ("low", "high", "text"),
    [
        (60, 60, "1 min"),
        (40, 50, "40-50 s"),
        (120, 180, "2-3 min"),
        (90, 170, "1 min 30 s - 2 min 50 s"),
        (45, 60, "45 s - 1 min"),
    ],
)
def test_format_span(low: float, high: float, text: str) -> None:
    assert format_span(low, high) == text


# ---------------------------------------------------------------- coach validate


def test_validate_shipped_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "validate") == (0, f"{SHIPPED}: OK, 3 routines, 18 steps\n", "")


def test_validate_a_given_file(capsys: pytest.CaptureFixture[str]) -> None:
    path = DATA / "minimal.toml"
    assert run(capsys, "validate", str(path)) == (0, f"{path}: OK, 1 routine, 3 steps\n", "")


def fixture_line(name: str, fragment: str, occurrence: int = 0) -> int:
    """The line of the ``occurrence``-th line holding ``fragment``, found without the code under test."""
    lines = (DATA / name).read_bytes().decode("latin-1").splitlines()
    return [number for number, line in enumerate(lines, start=1) if fragment in line][occurrence]


@pytest.mark.parametrize(
    ("name", "fragment", "expected"),
    [
        # A duplicate is reported where the id is used the second time, pointing back at the first.
        (
            "duplicate_id.toml",
            ('id = "rub"', 1),
            "routines.evening.steps[2].id: duplicate id 'rub': already used by routines.evening.steps[0]",
        ),
        ("bad_syntax.toml", 'name = "Evening', "TOML syntax error at column"),
        ("wrong_type.toml", "pressure = 3", "routines.evening.steps[2].pressure: must be one of"),
        (
            "unknown_key.toml",
            "relase",
            "routines.evening.steps[2].relase: unknown key (did you mean 'release'?)",
        ),
        (
            "negative_duration.toml",
            "[-5, 10]",
            "routines.evening.steps[2].seconds[0]: must be a positive number",
        ),
        ("missing_reference.toml", '"clam"', "routines.evening.breathing: unknown breathing pattern 'clam'"),
        ("not_utf8.toml", "Caf", "is not UTF-8 text: byte 0xe9 at byte offset"),
    ],
)
def test_validate_broken_files_exit_2_naming_the_place(
    capsys: pytest.CaptureFixture[str], name: str, fragment: str | tuple[str, int], expected: str
) -> None:
    path = DATA / name
    code, out, err = run(capsys, "validate", str(path))
    assert (code, out) == (2, "")
    problem_lines = err.splitlines()[1:]
    line = fixture_line(name, *fragment) if isinstance(fragment, tuple) else fixture_line(name, fragment)
    assert any(p.startswith(f"{path}:{line}: ") and expected in p for p in problem_lines), err


def test_validate_empty_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", str(DATA / "empty.toml"))
    assert (code, out) == (2, "")
    assert f"{DATA / 'empty.toml'}: the file is empty" in err


def test_validate_reports_every_problem(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "validate", str(DATA / "many_problems.toml"))
    assert code == 2
    assert err.splitlines()[0].endswith("(5 problems):")
    assert len(err.splitlines()) == 6


def test_validate_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "validate", str(tmp_path / "none.toml"))
    assert (code, out) == (2, "")
    assert f"{tmp_path / 'none.toml'}: file not found" in err


# ---------------------------------------------------------------- starting the app


def test_plain_coach_starts_the_app_with_nothing_forced(
    capsys: pytest.CaptureFixture[str], fake_app: list[LaunchOptions]
) -> None:
    assert run(capsys)[0] == 0
    (options,) = fake_app
    assert options.library.path == str(SHIPPED)
    assert (options.routine_id, options.mode, options.minutes, options.feet) == (None, None, None, None)
    assert (options.chime, options.reduced_motion, options.data_dir) == (None, None, None)


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
        "--no-chime",
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
    assert (options.chime, options.reduced_motion, options.data_dir) == (False, True, tmp_path)


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


def test_missing_app_says_so(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "coach.app", None)  # makes the import fail as if the file were absent
    code, out, err = run(capsys)
    assert (code, out) == (1, "")
    assert err == "coach: the full-screen app is not available in this build\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--minutes", "0"], "argument --minutes: must be more than 0 and at most 240, got 0"),
        (["--minutes", "ten"], "argument --minutes: must be a number of minutes, got 'ten'"),
        (["--mode", "alone"], "argument --mode: invalid choice: 'alone'"),
        (["--foot", "middle"], "argument --foot: invalid choice: 'middle'"),
        (["history", "--weeks", "0"], "argument --weeks: must be from 1 to 520, got 0"),
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
        "--no-chime",
        "--reduced-motion",
        "list",
        "validate",
        "history",
        "Space",
        "restart the step",
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

    monkeypatch.setitem(sys.modules, "coach.history_cli", types.SimpleNamespace(run=fake_run))
    assert main(["history", "--json", "--weeks", "2", "--data-dir", str(tmp_path)]) == 0
    assert main(["history"]) == 0
    assert calls == [
        {"json_output": True, "weeks": 2, "data_dir": tmp_path},
        {"json_output": False, "weeks": 4, "data_dir": None},
    ]


def test_history_missing_says_so(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "coach.history_cli", None)
    code, _, err = run(capsys, "history")
    assert code == 1
    assert err == "coach: the history command is not available in this build\n"
