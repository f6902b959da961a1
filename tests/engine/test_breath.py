"""Paced breathing from time alone: phases, zero-length phases skipped, fullness."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.engine import breath_at
from coach.routines import BreathingPattern
from tests.engine_helpers import CALM, FOUR_SEVEN_EIGHT

BOX = BreathingPattern("box", "Box", 4, 4, 4, 4)


@pytest.mark.parametrize(
    ("seconds", "phase", "word", "left", "fraction", "fullness"),
    [
        (0.0, "inhale", "Breathe in", 4.0, 0.0, 0.0),
        (2.0, "inhale", "Breathe in", 2.0, 0.5, 0.5),
        (4.0, "exhale", "Breathe out", 6.0, 0.0, 1.0),  # the zero-length hold is skipped
        (7.0, "exhale", "Breathe out", 3.0, 0.5, 0.5),
        (10.0, "inhale", "Breathe in", 4.0, 0.0, 0.0),  # a new breath
        (103.0, "inhale", "Breathe in", 1.0, 0.75, 0.75),
    ],
)
def test_calm_four_six(
    seconds: float, phase: str, word: str, left: float, fraction: float, fullness: float
) -> None:
    breath = breath_at(CALM, seconds)
    assert breath is not None
    assert (breath.phase, breath.word) == (phase, word)
    assert breath.left == pytest.approx(left)
    assert breath.fraction == pytest.approx(fraction)
    assert breath.fullness == pytest.approx(fullness)


def test_four_seven_eight_holds_full_lungs() -> None:
    hold = breath_at(FOUR_SEVEN_EIGHT, 5.0)
    assert hold is not None
    assert (hold.phase, hold.word, hold.fullness) == ("hold_in", "Hold the breath", 1.0)
    assert hold.left == pytest.approx(6.0)
    out = breath_at(FOUR_SEVEN_EIGHT, 15.0)
    assert out is not None
    assert (out.phase, out.fraction, out.fullness) == ("exhale", 0.5, 0.5)
    again = breath_at(FOUR_SEVEN_EIGHT, 19.0)
    assert again is not None
    assert again.phase == "inhale"


def test_box_rests_with_empty_lungs() -> None:
    rest = breath_at(BOX, 13.0)
    assert rest is not None
    assert (rest.phase, rest.word, rest.fullness, rest.left) == ("hold_out", "Rest", 0.0, 3.0)


def test_empty_pattern_has_no_breath_and_negative_time_is_the_start() -> None:
    assert breath_at(BreathingPattern("none", "None", 0, 0, 0, 0), 3.0) is None
    start = breath_at(CALM, -5.0)
    assert start is not None
    assert (start.phase, start.fraction) == ("inhale", 0.0)


@settings(deadline=None, max_examples=150)
@given(seconds=st.floats(min_value=0, max_value=10_000, allow_nan=False))
def test_breath_is_always_inside_its_phase(seconds: float) -> None:
    for pattern in (CALM, FOUR_SEVEN_EIGHT, BOX):
        breath = breath_at(pattern, seconds)
        assert breath is not None
        length = {"inhale": pattern.inhale, "hold_in": pattern.hold_in, "exhale": pattern.exhale,
                  "hold_out": pattern.hold_out}[breath.phase]
        assert length > 0
        assert 0.0 <= breath.fraction <= 1.0
        assert 0.0 <= breath.fullness <= 1.0
        assert 0.0 <= breath.left <= length
        assert breath.left + breath.fraction * length == pytest.approx(length)
