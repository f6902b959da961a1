"""Fitting a routine into a target length: inside its range, below, above, refused, one foot, no lead-in.

The shipped routines' examples are in test_fit_examples.py, the properties for any target in
test_fit_props.py.
"""

from __future__ import annotations

import pytest

from coach.routines.fit import fit_routine, fixed_seconds
from coach.wording import format_range
from tests.engine_helpers import FIXED, MINI

# MINI per foot: units 60-120 (strokes), 5 x 4-6 (cw), 5 x 4-6 (ccw), 60-120 (heel), 3 x 5-10 (points)
# plus 3 x 2 s of release. Lead-in 10 s, transition 20 s.
LOWS = {("warm", "strokes"): 60, ("ankle", "cw"): 4, ("ankle", "ccw"): 4, ("ankle", "heel"): 60,
        ("ball", "points"): 5}
HIGHS = {("warm", "strokes"): 120, ("ankle", "cw"): 6, ("ankle", "ccw"): 6, ("ankle", "heel"): 120,
         ("ball", "points"): 10}
COUNTS = {("warm", "strokes"): 1, ("ankle", "cw"): 5, ("ankle", "ccw"): 5, ("ankle", "heel"): 1,
          ("ball", "points"): 3}


def test_no_target_takes_every_range_middle() -> None:
    fit = fit_routine(MINI)
    assert fit.unit_seconds == {key: (LOWS[key] + HIGHS[key]) / 2 for key in LOWS}
    per_foot = 90 + 25 + 25 + 90 + 3 * 7.5 + 6
    assert fit.per_foot_seconds == pytest.approx(per_foot)
    assert fit.total_seconds == pytest.approx(10 + 2 * per_foot + 20)
    assert fit.target_seconds is None
    assert fit.exact
    assert fit.note == "Each step at the middle of its range."


def test_fixed_part_counts_lead_in_transitions_and_releases() -> None:
    assert fixed_seconds(MINI, feet=2) == 10 + 20 + 2 * 6
    assert fixed_seconds(MINI, feet=1) == 10 + 6
    assert fixed_seconds(MINI, feet=2, lead_in=False) == 20 + 2 * 6


def test_target_inside_range_keeps_every_unit_inside_its_range_in_whole_seconds() -> None:
    # Two feet: 25 + 2 * 181 = 387 s with every unit at its low end, 35 + 2 * 336 = 707 at its high end
    # (the lead-in and the towel change, 10 + 20 s as written at the middle, scale modestly with it).
    fit = fit_routine(MINI, feet=2, minutes=9)
    assert fit.status == "fitted"
    assert fit.total_seconds == 540
    assert fit.target_seconds == 540
    assert fit.exact
    for key, seconds in fit.unit_seconds.items():
        assert LOWS[key] <= seconds <= HIGHS[key]
        assert seconds == round(seconds)
    assert fit.note == "Fits 9 min: every part inside its range."


def test_target_at_the_ends_of_the_range_uses_the_lows_and_highs() -> None:
    low = fit_routine(MINI, minutes=(25 + 2 * 181) / 60)
    assert low.unit_seconds == pytest.approx(LOWS)
    high = fit_routine(MINI, minutes=(35 + 2 * 336) / 60)
    assert high.unit_seconds == pytest.approx(HIGHS)


def test_target_below_range_shortens_only_the_timed_parts_down_to_half_their_low_end() -> None:
    fit = fit_routine(MINI, minutes=5)
    assert fit.status == "shortened"
    assert fit.total_seconds == 300
    assert fit.exact
    for key in (("ankle", "cw"), ("ankle", "ccw"), ("ball", "points")):
        assert fit.unit_seconds[key] == LOWS[key]  # reps and holds at their low end, no lower
    for key in (("warm", "strokes"), ("ankle", "heel")):
        assert LOWS[key] / 2 <= fit.unit_seconds[key] < LOWS[key]
    assert 5 <= fit.lead_in_seconds < 10 and 10 <= fit.transition_seconds < 20
    assert fit.note == (
        "Fits 5 min: timed parts shortened (never below half), holds and reps within their ranges."
    )


def test_target_above_range_lengthens_only_the_timed_parts_up_to_twice_their_high_end() -> None:
    fit = fit_routine(MINI, minutes=15)
    assert fit.status == "lengthened"
    assert fit.total_seconds == 900
    for key in (("ankle", "cw"), ("ankle", "ccw"), ("ball", "points")):
        assert fit.unit_seconds[key] == HIGHS[key]
    for key in (("warm", "strokes"), ("ankle", "heel")):
        assert HIGHS[key] < fit.unit_seconds[key] <= 2 * HIGHS[key]
    assert "timed parts lengthened (at most twice), holds and reps within their ranges" in fit.note


def test_below_the_shortest_the_fit_is_refused_and_is_the_shortest() -> None:
    fit = fit_routine(MINI, minutes=1)
    assert fit.status == "too_short"
    assert not fit.exact
    # Timed parts at half their low end, reps and holds at their low end, lead-in and towel at half.
    assert fit.unit_seconds == {("warm", "strokes"): 30, ("ankle", "cw"): 4, ("ankle", "ccw"): 4,
                                ("ankle", "heel"): 30, ("ball", "points"): 5}
    assert fit.total_seconds == fit.shortest_seconds == 5 + 10 + 2 * (30 + 20 + 20 + 30 + 15 + 6)
    assert fit.note == (
        "1 min is too short for this routine on both feet; it plays its shortest, 4.3 min."
    )


def test_above_the_longest_the_fit_is_the_longest_and_says_so() -> None:
    fit = fit_routine(MINI, minutes=60)
    assert fit.status == "longest"
    assert fit.total_seconds == fit.longest_seconds == 15 + 30 + 2 * (240 + 30 + 30 + 240 + 30 + 6)
    assert fit.note == (
        "60 min is more than this routine does well on both feet; it plays its longest, 19.9 min."
    )


def test_one_foot_has_no_transition_and_half_the_steps() -> None:
    fit = fit_routine(MINI, feet=1, minutes=4)
    assert fit.total_seconds == 240
    assert fit.per_foot_seconds + fit.lead_in_seconds == 240
    assert fit.exact
    assert fit.status == "fitted"


def test_no_lead_in_gives_the_time_to_the_steps() -> None:
    with_lead = fit_routine(MINI, minutes=9)
    without = fit_routine(MINI, minutes=9, lead_in=False)
    assert without.total_seconds == 540
    assert without.lead_in_seconds == 0
    assert without.per_foot_seconds > with_lead.per_foot_seconds


@pytest.mark.parametrize(
    ("low", "high", "words"),
    [
        (25 * 60 + 46, 40 * 60 + 30, "26-41 min"),  # nearest minute, halves up (not to the even 40)
        (11 * 60 + 29, 15 * 60 + 31, "11-16 min"),
        (392, 702, "7-12 min"),
        (120, 179, "2-3 min"),
        (26 * 60 + 10, 25 * 60 + 50, "26 min"),  # both ends round alike: one value, whatever the order
        (35.4, 38.6, "35-39 s"),  # under 2 min: seconds
        (38, 38, "38 s"),
        (0.4, 0.6, "0-1 s"),
        (90, 300, "90 s-5 min"),  # an end under 2 min keeps its seconds
        (-5, 30, "0-30 s"),
    ],
)
def test_format_range_rounds_to_whole_minutes_from_two_minutes_up_else_seconds(
    low: float, high: float, words: str
) -> None:
    assert format_range(low, high) == words


def test_routine_without_ranges_stretches_only_its_timed_part() -> None:
    assert fit_routine(FIXED, feet=1).total_seconds == 38
    assert fit_routine(FIXED, feet=1, minutes=38 / 60).note == "Fits 38 s: every part inside its range."
    fit = fit_routine(FIXED, feet=1, minutes=1)
    assert fit.total_seconds == 60
    assert fit.unit_seconds == {("rub", "rub"): 52, ("press", "point"): 8}  # the hold stays 8 s


def test_a_target_that_is_not_a_number_is_refused() -> None:
    with pytest.raises(ValueError, match="finite"):
        fit_routine(MINI, minutes=float("inf"))
