"""``coach list`` and ``coach validate``, driven through ``main([...])``."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from coach import paths
from coach.cli.listing import format_seconds, format_span
from coach.routines.load import load_library
from coach.ui.screens.setup import text as words
from coach.wording import format_range
from tests.cli_helpers import DATA, SHIPPED, private_data_dir, run

__all__ = ["private_data_dir"]  # the autouse fixture: no test here may read a real user's files


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


def seconds_of(clock: str) -> int:
    minutes, seconds = clock.split(":")
    return int(minutes) * 60 + int(seconds)


SUMMARY = r"(\S+ min) \((\d+:\d\d) to (\d+:\d\d)\)"


def test_list_gives_time_per_foot_total_and_default(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "list")[1]
    blocks = out.split("\n\n")[1:]
    per_foot = [re.search(rf"^  Per foot: {SUMMARY}$", b, re.M) for b in blocks]
    both = [re.search(rf"^  Both feet: {SUMMARY}, with the lead-in", b, re.M) for b in blocks]
    default_line = r"^  Default length: (\S+ min) \((\d+:\d\d)\) for both feet"
    default = [re.search(default_line, b, re.M) for b in blocks]
    assert all(per_foot) and all(both) and all(default)
    for found in (*per_foot, *both):
        assert found is not None
        rounded, low, high = found.groups()
        assert rounded == format_range(seconds_of(low), seconds_of(high))  # the same numbers, rounded
    full = per_foot[0]
    assert full is not None and full.groups() == ("12-20 min", "12:23", "19:45")
    nightly, nightly_default = both[1], default[1]
    assert nightly is not None and nightly_default is not None
    low, high = seconds_of(nightly.group(2)), seconds_of(nightly.group(3))
    assert low <= seconds_of(nightly_default.group(2)) <= high


def test_setup_list_and_readme_give_the_same_ranges(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "list")[1]
    readme = (Path(__file__).parents[2] / "README.md").read_text("utf-8")
    for routine in load_library(SHIPPED).routines.values():
        setup = words.length_view(routine, 2, None).detail.splitlines()[1].removeprefix("routine range: ")
        listed = re.search(rf"^{routine.id}: .*?^  Both feet: (\S+ min) \(", out, re.M | re.S)
        table_row = rf"^\| `{routine.id}` +\|[^|]+\| about (\S+ min) +\| about (\S+ min) +\|$"
        row = re.search(table_row, readme, re.M)
        assert listed is not None and row is not None, routine.id
        per_foot = format_range(routine.per_foot.low, routine.per_foot.high)
        assert setup == listed.group(1) == row.group(2), routine.id
        assert per_foot == row.group(1), routine.id


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
    assert err.endswith(
        f"coach: fix your routines file, or move it aside to use the ones that ship with coach: {user}\n"
    )


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
