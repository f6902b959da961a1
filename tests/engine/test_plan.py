"""Expanding a routine into its plan: order, texts per mode, holds, breathing, places in the whole."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from coach.engine import build_plan
from coach.engine.plan import LEAD_IN_TITLE, TRANSITION_TITLE
from coach.paths import shipped_routines
from coach.routines import MODES, Duration, Library, Mode, Phase, Routine, Step, Texts
from coach.routines.load import load_library
from tests.engine_helpers import CALM, FOUR_SEVEN_EIGHT, MINI, make_library

LIB = make_library()
ONE_FOOT = [
    ("timed", "Long strokes"),
    ("reps", "Clockwise circles"),
    ("reps", "Counter-clockwise circles"),
    ("timed", "Heel circles"),
    ("hold", "Ball point 1 of 3"),
    ("hold", "Ball point 2 of 3"),
    ("hold", "Ball point 3 of 3"),
]


def test_both_feet_lead_in_then_left_then_towel_then_right() -> None:
    plan = build_plan(LIB)
    got = [(s.kind, s.title) for s in plan.segments]
    assert got == [("lead_in", LEAD_IN_TITLE), *ONE_FOOT, ("transition", TRANSITION_TITLE), *ONE_FOOT]
    assert [s.foot for s in plan.segments] == [None] + ["left"] * 8 + ["right"] * 7
    assert [s.index for s in plan.segments] == list(range(16))
    assert plan.feet == ("left", "right")
    assert plan.routine.id == "mini"


def test_one_foot_has_no_transition_and_no_lead_in_when_asked() -> None:
    plan = build_plan(LIB, feet=("right",), lead_in=False)
    assert [(s.kind, s.title) for s in plan.segments] == ONE_FOOT
    assert {s.foot for s in plan.segments} == {"right"}


def test_starts_follow_each_other_and_total_is_the_sum_and_the_fit() -> None:
    plan = build_plan(LIB, minutes=9)
    at = 0.0
    for seg in plan.segments:
        assert seg.start == pytest.approx(at)
        at += seg.seconds
    assert plan.total == pytest.approx(at)
    assert plan.total == pytest.approx(sum(s.seconds for s in plan.segments))
    assert plan.total == pytest.approx(plan.fit.total_seconds)
    assert plan.total == pytest.approx(540)


def test_segment_lengths_come_from_the_fit() -> None:
    plan = build_plan(LIB)  # middles: strokes 90, reps 5 x 5, heel 90, holds 7.5 + 2
    lead, strokes, cw, _ccw, heel, point, *_ = plan.segments
    assert lead.seconds == 10
    assert strokes.seconds == 90
    assert (cw.seconds, cw.reps) == (25, 5)
    assert heel.seconds == 90
    assert (point.seconds, point.hold_seconds, point.hold_min) == (9.5, 7.5, 5)
    assert (point.point, point.points) == (1, 3)
    assert point.release_seconds == 2
    assert plan.segments[8].seconds == 20  # the towel


def test_texts_follow_the_mode_and_fall_back_to_the_step() -> None:
    self_plan = build_plan(LIB, mode="self")
    partner = build_plan(LIB, mode="partner")
    # The strokes phase has no text of its own: the step's text, worded for the mode.
    assert self_plan.segments[1].text == "Glide both hands from toes to ankle."
    assert partner.segments[1].text == "Glide up your partner's foot."
    assert self_plan.segments[3].text == "Five circles the other way."
    assert partner.segments[3].text == "Circle your partner's ankle the other way."
    assert self_plan.segments[2].text == partner.segments[2].text == "Five circles clockwise."
    assert self_plan.segments[8].text == "Wrap this foot in the towel."
    assert partner.segments[8].text == "Wrap your partner's foot in the towel."
    assert partner.mode == "partner"
    assert self_plan.segments[0].text != partner.segments[0].text


def test_step_text_opens_the_step_above_its_first_part_only() -> None:
    self_plan = build_plan(LIB, mode="self")
    partner = build_plan(LIB, mode="partner")
    lead, strokes, cw, ccw, heel, point = self_plan.segments[:6]
    # The strokes show the step's text itself: nothing to repeat above it.
    assert (lead.step_text, strokes.step_text, self_plan.segments[8].step_text) == ("", "", "")
    # "Circle the ankle" opens the step above the first circles; it would contradict the heel circles.
    assert cw.step_text == "Circle the ankle slowly."
    assert (ccw.step_text, heel.step_text) == ("", "")
    assert (cw.text, heel.text) == ("Five circles clockwise.", "Thumb circles around the heel.")
    assert point.step_text == "Press points along the ball of the foot."
    assert partner.segments[2].step_text == "Circle the ankle slowly."  # the step has no partner wording
    assert partner.segments[3].step_text == ""
    assert partner.segments[1].step_text == ""


def test_step_text_is_empty_when_the_phase_says_the_same() -> None:
    texts = Texts("Circle the ankle slowly.", partner_text="Circle their ankle.")
    same = Phase("cw", "Circles", texts, "reps", Duration(4, 6), count=5)
    step = Step("ankle", "Ankle", Texts("Circle the ankle slowly.", partner_text="Hold their heel."), "ankle",
                "gentle", (same,))
    lib = replace(LIB, routines={"mini": replace(MINI, steps=(step,))})
    segment = build_plan(lib, mode="self").segments[1]
    assert (segment.text, segment.step_text) == ("Circle the ankle slowly.", "")
    segment = build_plan(lib, mode="partner").segments[1]
    assert (segment.text, segment.step_text) == ("Circle their ankle.", "Hold their heel.")


def shown_texts(library: Library, routine: Routine, mode: Mode) -> set[str]:
    plan = build_plan(library, routine.id, mode=mode)
    return {seg.text for seg in plan.segments} | {seg.step_text for seg in plan.segments}


@pytest.mark.parametrize("mode", MODES)
def test_no_instruction_in_the_shipped_routines_is_lost(mode: Mode) -> None:
    library = load_library(shipped_routines())
    for routine in library.routines.values():
        written = {routine.transition.for_mode(mode)}
        for step in routine.steps:
            written.add(step.texts.for_mode(mode))
            written |= {phase.texts.for_mode(mode) for phase in step.phases}
        missing = written - {""} - shown_texts(library, routine, mode)
        assert not missing, f"{routine.id} ({mode}) never shows: {sorted(missing)}"
    if mode == "partner":
        cup = "Cup your partner's heel in one hand and turn their ankle with the other; they stay loose."
        assert cup in shown_texts(library, library.routines["nightly"], mode)


def test_segments_carry_step_zone_pressure_benefit_and_breathing() -> None:
    plan = build_plan(LIB)
    lead, strokes, cw, _ccw, heel, point = plan.segments[:6]
    assert (lead.step_id, lead.zone, lead.pressure, lead.breathing) == (None, None, None, CALM)
    assert (strokes.step_id, strokes.phase_id, strokes.step_title) == ("warm", "strokes", "Warming strokes")
    assert (strokes.zone, strokes.pressure, strokes.breathing) == ("whole", "gentle", CALM)
    assert strokes.benefit == "Warms the foot and calms the nerves."
    assert cw.zone == "ankle"
    assert heel.zone == "heel"  # the phase's own zone wins over the step's
    assert (point.zone, point.pressure, point.breathing) == ("ball", "moderate", FOUR_SEVEN_EIGHT)
    towel = plan.segments[8]
    assert (towel.foot, towel.step_id, towel.step_title) == ("left", None, TRANSITION_TITLE)
    assert towel.breathing == CALM
    assert [s.is_step for s in plan.segments[:2]] == [False, True]
    assert not towel.is_step


def test_step_span_covers_the_step_on_one_foot() -> None:
    plan = build_plan(LIB)
    assert plan.step_span(0) == (0, 0)
    assert plan.step_span(1) == (1, 1)
    assert plan.step_span(3) == (2, 4)
    assert plan.step_span(6) == (5, 7)
    assert plan.step_span(8) == (8, 8)
    assert plan.step_span(10) == (10, 12)
    assert plan.step_span(15) == (13, 15)


def test_holds_stay_inside_their_range_however_long_or_short_the_session() -> None:
    for minutes in (1, 5, 20, 60):
        plan = build_plan(LIB, minutes=minutes)
        for point in (seg for seg in plan.segments if seg.kind == "hold" and seg.step_id == "ball"):
            assert 5 <= point.hold_seconds <= 10
            assert point.hold_min == 5
            assert point.release_seconds == 2


def test_single_point_hold_keeps_its_title_and_zero_release() -> None:
    plan = build_plan(LIB, "fixed", feet=("left",))
    rub, press = plan.segments
    assert (rub.kind, rub.seconds) == ("timed", 30)
    assert (press.kind, press.title, press.seconds, press.hold_seconds, press.hold_min) == (
        "hold", "Heel point", 8, 8, 8)
    assert (press.point, press.points, press.release_seconds) == (1, 1, 0)


def test_bad_feet_and_unknown_routines_are_refused() -> None:
    with pytest.raises(ValueError, match="feet"):
        build_plan(LIB, feet=())
    with pytest.raises(ValueError, match="feet"):
        build_plan(LIB, feet=("left", "left"))
    with pytest.raises(KeyError):
        build_plan(LIB, "nope")


@pytest.mark.parametrize(("chosen", "pattern"), [("478", FOUR_SEVEN_EIGHT), ("calm", CALM)])
def test_a_chosen_breathing_paces_every_segment(chosen: str, pattern: object) -> None:
    plan = build_plan(LIB, breathing=chosen)
    assert {s.breathing for s in plan.segments} == {pattern}  # lead-in, towel and every step alike
    assert [s.seconds for s in plan.segments] == [s.seconds for s in build_plan(LIB).segments]


def test_no_chosen_breathing_keeps_the_routine_and_step_patterns() -> None:
    patterns = [s.breathing for s in build_plan(LIB, breathing=None).segments]
    assert patterns.count(FOUR_SEVEN_EIGHT) == 6 and patterns.count(CALM) == 10  # three ball points a foot


def test_an_unknown_breathing_is_refused_with_the_known_ids() -> None:
    with pytest.raises(ValueError, match=r"unknown breathing pattern 'square'.*calm, 478"):
        build_plan(LIB, breathing="square")


def test_the_engine_never_imports_textual() -> None:
    code = (
        "import sys, coach.engine, coach.routines.fit; "
        "print(sorted(m for m in sys.modules if 'textual' in m))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
