"""``coach plan``: the fitted timeline printed before starting; ``coach list --minutes``; ``--help``."""

from __future__ import annotations

import re

import pytest

from coach.cli.plan import plan_lines
from coach.engine import build_plan
from coach.routines.load import load_library
from coach.wording import clock
from tests.cli_helpers import SHIPPED, private_data_dir, run

__all__ = ["private_data_dir"]  # autouse: no test here may read a real user's files

LIB = load_library(SHIPPED)
ROW = re.compile(r"^\s+(\d+:\d\d)\s+(\d+:\d\d)  (.+)$")


def rows(out: str) -> list[tuple[str, str, str]]:
    found = [ROW.match(line) for line in out.splitlines()]
    return [(m.group(1), m.group(2), m.group(3)) for m in found if m]


def test_plan_prints_every_part_with_its_seconds_and_the_total(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "plan", "--routine", "full", "--minutes", "40")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Full seven-step massage (full), both feet, left first, self mode: 40 min asked for"
    assert lines[1] == "Fits 40 min: every part inside its range."
    parts = rows(out)
    assert parts[0] == ("0:00", "0:35", "Get ready")
    assert any(text == "Ankle circles, clockwise: 5 x 5 s" for _, _, text in parts)
    assert any(text == "Metatarsal and ball of the foot pressure: 5 holds of 10 s + 3 s release"
               for _, _, text in parts)
    assert "Total 40:00: massage 38:50, lead-in and towel change 1:10" in lines
    # Each part starts where the one before ended: the timeline adds up to the total shown.
    ends = [_seconds(start) + _seconds(length) for start, length, _ in parts]
    starts = [_seconds(start) for start, _, _ in parts]
    assert all(abs(start - end) <= 1 for start, end in zip(starts[1:], ends, strict=False))
    plan = build_plan(LIB, "full", minutes=40)
    assert clock(plan.total) == "40:00"


def _seconds(text: str) -> int:
    minutes, seconds = text.split(":")
    return int(minutes) * 60 + int(seconds)


@pytest.mark.parametrize("minutes", ["1", "5", "11"])
def test_plan_refuses_a_length_too_short_and_says_what_fits(
    capsys: pytest.CaptureFixture[str], minutes: str
) -> None:
    code, out, _ = run(capsys, "plan", "--routine", "full", "--minutes", minutes)
    assert code == 0
    lines = out.splitlines()
    assert lines[1] == (
        f"{minutes} min is too short for this routine on both feet; it plays its shortest, 12.8 min, "
        "optional parts left out."
    )
    assert lines[2].startswith(("What fits", "Nothing fits"))
    assert "What it plays, its shortest:" in lines
    assert "Total 12:48: massage 12:18, lead-in and towel change 0:30" in lines
    assert lines[-1] == (
        "Left out (optional): Thumb walking across the arch; Fingertip circles in the grooves; "
        "Solar plexus point; Insomnia point"
    )
    # Never a 1 s circle or hold.
    assert "5 x 3 s" in out and "holds of 5 s" in out and " 1 s" not in out


def test_plan_of_nightly_at_60_minutes_stops_at_its_longest(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plan", "--routine", "nightly", "--minutes", "60")
    assert code == 0
    assert "60 min is more than this routine does well on both feet; it plays its longest, 24.6 min." in out
    assert "Ankle circles, clockwise: 5 x 4 s" in out
    assert "Ball of the foot points: 5 holds of 10 s + 2 s release" in out
    assert "Total 24:35:" in out


def test_plan_for_one_foot_has_no_towel_change(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plan", "--routine", "full", "--minutes", "11", "--foot", "right", "--mode",
                       "partner")
    assert code == 0
    first = out.splitlines()[0]
    assert first == "Full seven-step massage (full), right foot only, partner mode: 11 min asked for"
    assert "Wrap in a towel" not in out
    assert "Right foot" in out and "Left foot" not in out
    assert "Total 11:00" in out


def test_plan_without_minutes_is_the_natural_length(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plan")
    assert code == 0
    assert out.splitlines()[:2] == [
        "Full seven-step massage (full), both feet, left first, self mode: its natural length",
        "Each step at the middle of its range.",
    ]


def test_plan_with_an_unknown_routine_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "plan", "--routine", "ful")
    assert (code, out) == (2, "")
    assert "no routine 'ful'" in err and "did you mean 'full'" in err


def test_plan_shows_names_from_the_file_literally() -> None:
    lines = plan_lines(LIB, "nightly", 12)
    assert all("\x1b" not in line for line in lines)


def test_list_with_minutes_says_how_each_routine_fits(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--minutes", "11")
    assert code == 0
    assert (
        "  In 11 min: 11 min is too short for this routine on both feet; it plays its shortest, 12.8 min, "
        "optional parts left out."
    ) in out
    assert "    What fits 11 min: one foot only, Nightly wind-down, or Four techniques." in out
    assert "  In 11 min: Fits 11 min: every part inside its range." in out  # nightly
    assert "Thumb walking across the arch: 1 min - 1 min 30 s (optional)" in out


def test_help_says_command_line_values_are_for_this_run_only(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    flat = " ".join(out.split())
    assert ("--routine, --mode, --minutes and --foot are for this run only: they fill in the setup screen "
            "and are remembered only if you change them there.") in flat
    assert "plan" in out
