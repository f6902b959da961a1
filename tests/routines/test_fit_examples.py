"""The shipped routines at the lengths people asked for and got nonsense before: a sensible plan, or a
plain refusal with what fits instead.

Before, ``--minutes 1`` cut every part of the full routine to 1 s and still took 3.5 min; at 5 min the
ankle circles, toe reps and ball holds were 1 s; at 11 min the ball holds were 1.9 s (the article: 5-10
s); nightly at 60 min made five ankle circles last 1:26 and one ball hold 0:43.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.engine import build_plan
from coach.paths import shipped_routines
from coach.routines.fit import fit_routine, offers_for, offers_text
from coach.routines.load import load_library
from coach.wording import clock

LIB = load_library(shipped_routines())
FULL, NIGHTLY = LIB.routines["full"], LIB.routines["nightly"]
SLEEP_AND_EXTRAS = (
    "Thumb walking across the arch",
    "Fingertip circles in the grooves",
    "Solar plexus point",
    "Insomnia point",
)


def units(routine_id: str, feet: int, minutes: float) -> dict[tuple[str, str], float]:
    return dict(fit_routine(LIB.routines[routine_id], feet, minutes).unit_seconds)


@pytest.mark.parametrize("minutes", [1, 5, 11])
def test_full_below_its_shortest_is_refused_with_what_fits(minutes: int) -> None:
    fit = fit_routine(FULL, 2, minutes)
    assert fit.status == "too_short"
    assert not fit.exact
    # What it would play is its honest shortest: the extras left out, the rest at their floor.
    assert fit.total_seconds == fit.shortest_seconds == 768
    assert fit.left_out_titles == SLEEP_AND_EXTRAS
    assert fit.note == (
        f"{minutes} min is too short for this routine on both feet; it plays its shortest, 12.8 min, "
        "optional parts left out."
    )
    # Holds and reps at the low end of the article's ranges, never a 1 s circle or a 1.9 s ball hold.
    assert fit.unit_seconds[("ball", "ball")] == 5
    assert fit.unit_seconds[("ankle-heel", "clockwise")] == 3
    assert fit.unit_seconds[("toes", "pads")] == 5
    assert fit.unit_seconds[("effleurage", "effleurage")] == 60  # half of "two to three minutes"


def test_the_offers_for_full_come_in_order_one_foot_then_other_routines() -> None:
    assert offers_text(LIB, offers_for(LIB, "full", 2, 11), 11) == (
        "What fits 11 min: one foot only, Nightly wind-down, or Four techniques."
    )
    offers = offers_for(LIB, "full", 2, 5)
    assert [(o.routine_id, o.feet) for o in offers] == [("nightly", 1), ("techniques", 1)]
    assert offers_text(LIB, offers_for(LIB, "full", 2, 1), 1) == (
        "Nothing fits 1 min: the shortest session is Nightly wind-down on one foot, 3.4 min."
    )


def test_an_offer_really_fits() -> None:
    for offer in offers_for(LIB, "full", 2, 11):
        fit = fit_routine(LIB.routines[offer.routine_id], offer.feet, 11)
        assert fit.status != "too_short" and fit.exact


def test_full_at_40_minutes_keeps_every_part_inside_its_range() -> None:
    fit = fit_routine(FULL, 2, 40)
    assert (fit.status, fit.total_seconds, fit.left_out) == ("fitted", 2400, ())
    for step in FULL.steps:
        for phase in step.phases:
            seconds = fit.unit_seconds[(step.id, phase.id)]
            assert phase.duration.low <= seconds <= phase.duration.high


def test_full_between_its_shortest_and_its_range_leaves_out_extras_first_one_group_at_a_time() -> None:
    at_16 = fit_routine(FULL, 2, 16)
    assert (at_16.status, at_16.total_seconds) == ("shortened", 960)
    assert at_16.left_out_titles == ("Thumb walking across the arch",)
    at_14 = fit_routine(FULL, 2, 14)
    assert at_14.left_out_titles == SLEEP_AND_EXTRAS
    at_20 = fit_routine(FULL, 2, 20)
    assert at_20.left_out == ()
    assert at_20.note == (
        "Fits 20 min: timed parts shortened (never below half), holds and reps within their ranges."
    )


def test_nightly_at_8_minutes_shortens_strokes_and_keeps_holds_and_reps() -> None:
    fit = fit_routine(NIGHTLY, 2, 8)
    assert (fit.status, fit.total_seconds, fit.left_out) == ("shortened", 480, ())
    got = units("nightly", 2, 8)
    assert got[("ankle-heel", "clockwise")] == 3 and got[("toes", "toes")] == 5 and got[("ball", "ball")] == 5
    assert 20 <= got[("effleurage", "effleurage")] < 40


def test_nightly_at_60_minutes_plays_its_longest_and_says_so() -> None:
    fit = fit_routine(NIGHTLY, 2, 60)
    assert fit.status == "longest"
    assert fit.total_seconds == fit.longest_seconds == 1475
    assert fit.note == (
        "60 min is more than this routine does well on both feet; it plays its longest, 24.6 min."
    )
    plan = build_plan(LIB, "nightly", minutes=60)
    circles = next(s for s in plan.segments if s.phase_id == "clockwise")
    assert circles.seconds == 5 * 4  # five circles of 4 s (the range's high end), not 1:26
    hold = next(s for s in plan.segments if s.kind == "hold")
    assert (hold.hold_seconds, hold.release_seconds) == (10, 2)  # not 0:43
    assert plan.total == 1475


def test_one_foot_of_full_fits_11_minutes_with_every_part() -> None:
    fit = fit_routine(FULL, 1, 11)
    assert (fit.status, fit.total_seconds, fit.left_out, fit.exact) == ("shortened", 660, (), True)
    plan = build_plan(LIB, "full", feet=("right",), minutes=11)
    assert plan.total == 660
    assert {s.foot for s in plan.segments if s.is_step} == {"right"}
    assert not any(s.kind == "transition" for s in plan.segments)


def test_one_foot_below_its_shortest_offers_other_routines() -> None:
    fit = fit_routine(FULL, 1, 5)
    assert fit.status == "too_short"
    assert "on one foot" in fit.note
    assert offers_text(LIB, offers_for(LIB, "full", 1, 5), 5) == (
        "What fits 5 min: Nightly wind-down, or Four techniques."
    )


def test_the_lead_in_and_towel_change_scale_modestly() -> None:
    assert fit_routine(FULL, 2).lead_in_seconds == 30  # as written at the natural length
    assert fit_routine(FULL, 2, 1).lead_in_seconds == 15  # at the shortest: half
    assert fit_routine(FULL, 2, 180).lead_in_seconds == 45  # at the longest: one and a half


README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("row", "routine_id", "feet", "minutes"),
    [
        ("| `full`, 40 min |", "full", 2, 40),
        ("| `full`, 16 min |", "full", 2, 16),
        ("| `full`, 11 min (or 5, or 1) |", "full", 2, 11),
        ("| `full`, one foot, 11 min |", "full", 1, 11),
        ("| `nightly`, 8 min |", "nightly", 2, 8),
        ("| `nightly`, 60 min |", "nightly", 2, 60),
    ],
)
def test_the_readme_examples_are_what_coach_does(row: str, routine_id: str, feet: int, minutes: int) -> None:
    line = next(line for line in README.splitlines() if line.startswith(row))
    fit = fit_routine(LIB.routines[routine_id], feet, minutes)
    assert clock(fit.total_seconds) in line
    assert ("too short" in line) == (fit.status == "too_short")
    assert ("longest" in line) == (fit.status == "longest")
    assert ("shortened" in line) == (fit.status == "shortened")
