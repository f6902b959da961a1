"""Fitting a routine into a target length: inside its range, below, above, one foot, no lead-in."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.paths import shipped_routines
from coach.routines.fit import fit_routine, fixed_seconds
from coach.routines.load import load_library
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


def test_target_inside_range_puts_every_unit_at_the_same_position() -> None:
    # Two feet: 392 s at the lows, 702 s at the highs.
    fit = fit_routine(MINI, feet=2, minutes=9)
    assert fit.total_seconds == pytest.approx(540)
    assert fit.target_seconds == 540
    assert fit.exact
    t = (540 - 392) / (702 - 392)
    for key, seconds in fit.unit_seconds.items():
        assert seconds == pytest.approx(LOWS[key] + t * (HIGHS[key] - LOWS[key]))
    assert fit.note == "Fitted to 9 min within each step's range."


def test_target_at_the_ends_of_the_range_uses_the_lows_and_highs() -> None:
    assert fit_routine(MINI, minutes=392 / 60).unit_seconds == pytest.approx(LOWS)
    assert fit_routine(MINI, minutes=702 / 60).unit_seconds == pytest.approx(HIGHS)


def test_target_below_range_scales_the_lows_and_says_so() -> None:
    fit = fit_routine(MINI, minutes=5)
    assert fit.total_seconds == pytest.approx(300)
    assert fit.exact
    factor = (300 - 42) / 2 / 175  # per-foot goal over the per-foot lows
    for key, seconds in fit.unit_seconds.items():
        assert seconds == pytest.approx(LOWS[key] * factor)
    assert fit.note == "5 min is below this routine's range (7-12 min): every step was shortened by 26%."


def test_target_above_range_scales_the_highs_and_says_so() -> None:
    fit = fit_routine(MINI, minutes=20)
    assert fit.total_seconds == pytest.approx(1200)
    assert fit.exact
    factor = (1200 - 42) / 2 / 330
    for key, seconds in fit.unit_seconds.items():
        assert seconds == pytest.approx(HIGHS[key] * factor)
    assert fit.note == (
        "20 min is beyond this routine's range (7-12 min): every step was lengthened by 75%."
    )


def test_one_foot_has_no_transition_and_half_the_steps() -> None:
    # One foot: 10 + 181 = 191 s at the lows, 10 + 336 = 346 s at the highs.
    fit = fit_routine(MINI, feet=1, minutes=4)
    assert fit.total_seconds == pytest.approx(240)
    assert fit.per_foot_seconds == pytest.approx(230)
    assert fit.exact
    assert "within each step's range" in fit.note


def test_no_lead_in_gives_the_time_to_the_steps() -> None:
    with_lead = fit_routine(MINI, minutes=9)
    without = fit_routine(MINI, minutes=9, lead_in=False)
    assert without.total_seconds == pytest.approx(540)
    assert without.per_foot_seconds == pytest.approx(with_lead.per_foot_seconds + 5)


def test_unreachable_target_cuts_everything_to_one_second_and_says_how_long_it_takes() -> None:
    fit = fit_routine(MINI, minutes=1)
    assert set(fit.unit_seconds.values()) == {1.0}
    assert not fit.exact
    # 15 units of 1 s per foot, twice, plus 42 s that no fitting changes.
    assert fit.total_seconds == pytest.approx(72)
    # 15 s of units per foot against 175 s at the lows: 91% shorter, and nothing at 1 s can go lower.
    assert fit.note == (
        "1 min is below this routine's range (7-12 min): every step was shortened by 91%; "
        "every part stops at 1 s, so the session takes 1.2 min."
    )
    assert "shortest" not in fit.note


def test_units_that_reach_one_second_stay_there_while_the_rest_still_meet_the_target() -> None:
    # At 80 s the proportional factor would push the 4 s reps below 1 s; they are floored and the
    # long phases absorb the rest, so the target is still met exactly.
    fit = fit_routine(MINI, minutes=80 / 60)
    assert fit.exact
    assert fit.total_seconds == pytest.approx(80)
    assert min(fit.unit_seconds.values()) >= 1.0


def test_a_target_met_only_with_some_parts_at_one_second_says_so() -> None:
    fit = fit_routine(MINI, minutes=80 / 60)  # 19 s a foot where the lows take 175 s: 89% shorter
    assert fit.note == (
        "1.3 min is below this routine's range (7-12 min): every step was shortened by 89%; "
        "some parts stop at 1 s."
    )


def test_the_shipped_routine_far_below_its_range_says_what_really_happened() -> None:
    full = load_library(shipped_routines()).routines["full"]
    fit = fit_routine(full, minutes=1)
    assert not fit.exact
    assert set(fit.unit_seconds.values()) == {1.0}
    assert fit.total_seconds == pytest.approx(210, abs=3)
    assert fit.note == (
        "1 min is below this routine's range (26-41 min): every step was shortened by 94%; "
        "every part stops at 1 s, so the session takes 3.5 min."
    )


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


def test_every_range_in_a_note_is_format_range() -> None:
    full = load_library(shipped_routines()).routines["full"]
    between = full.lead_in + full.transition_seconds  # per_foot counts the hold releases already
    span = format_range(between + 2 * full.per_foot.low, between + 2 * full.per_foot.high)
    assert span == "26-41 min"
    for minutes in (1, 20, 60):
        assert f"this routine's range ({span})" in fit_routine(full, minutes=minutes).note


def test_routine_without_ranges_is_exact_only_at_its_own_length() -> None:
    assert fit_routine(FIXED, feet=1).total_seconds == 38
    assert fit_routine(FIXED, feet=1, minutes=38 / 60).note == "Fitted to 38 s within each step's range."
    fit = fit_routine(FIXED, feet=1, minutes=1)
    assert fit.total_seconds == pytest.approx(60)
    assert fit.note == "1 min is beyond this routine's range (38 s): every step was lengthened by 58%."


@settings(deadline=None, max_examples=150)
@given(minutes=st.floats(min_value=0.0, max_value=120.0), feet=st.sampled_from([1, 2]), lead_in=st.booleans())
def test_fit_meets_any_reachable_target(minutes: float, feet: int, lead_in: bool) -> None:
    fit = fit_routine(MINI, feet=feet, minutes=minutes, lead_in=lead_in)
    fixed = fixed_seconds(MINI, feet, lead_in)
    shortest = fixed + feet * sum(COUNTS.values())
    assert all(seconds >= 1.0 for seconds in fit.unit_seconds.values())
    assert fit.total_seconds == pytest.approx(fixed + feet * (fit.per_foot_seconds - 6))
    expected = max(minutes * 60, shortest)
    assert fit.total_seconds == pytest.approx(expected, abs=1e-6)
    assert fit.exact == (expected - minutes * 60 <= 1.0)
    if not fit.exact:
        assert "; every part stops at 1 s, so the session takes " in fit.note
    if minutes * 60 < fixed + feet * 175:  # below the range: the note never claims "its shortest"
        assert "is below this routine's range" in fit.note and "shortest" not in fit.note


def test_a_target_that_is_not_a_number_is_refused() -> None:
    with pytest.raises(ValueError, match="finite"):
        fit_routine(MINI, minutes=float("inf"))
