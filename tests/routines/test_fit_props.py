"""Properties of fitting for any target length, on the shipped routines and on generated ones.

Whatever the length asked for: every hold and rep keeps its range, every timed part stays between its
floor and its ceiling, the lead-in and the towel change stay within their modest limits, only optional
parts are left out, and the plan built from the fit lasts exactly the length the fit shows.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from coach.engine import build_plan
from coach.paths import shipped_routines
from coach.routines import Duration, Library, Phase, Routine, Step, Texts
from coach.routines.fit import (
    EXACT_TOLERANCE,
    MAX_MINUTES,
    Fit,
    fit_routine,
    lead_limits,
    part_limits,
)
from coach.routines.load import load_library
from coach.wording import clock
from tests.engine_helpers import CALM

SHIPPED = load_library(shipped_routines())
EPS = 1e-6


def check_fit(routine: Routine, fit: Fit, feet: int, minutes: float | None, require_exact: bool) -> None:
    """Every invariant a fit must keep, whatever it was asked for; ``require_exact``: a target between the
    shortest and the longest must be met to the second (true where open parts and a lead-in exist)."""
    phases = {(step.id, phase.id): phase for step in routine.steps for phase in step.phases}
    for key, seconds in fit.unit_seconds.items():
        phase = phases[key]
        if phase.kind in ("holds", "reps"):
            assert phase.duration.low - EPS <= seconds <= phase.duration.high + EPS, (key, seconds)
        floor, ceiling = part_limits(phase)
        assert floor - EPS <= seconds <= ceiling + EPS, (key, seconds)
    for key in fit.left_out:
        assert phases[key].optional
    assert set(fit.unit_seconds) | set(fit.left_out) == set(phases)
    assert not set(fit.unit_seconds) & set(fit.left_out)
    low, high = lead_limits(routine.lead_in)
    assert low - EPS <= fit.lead_in_seconds <= high + EPS
    low, high = lead_limits(routine.transition_seconds)
    assert low - EPS <= fit.transition_seconds <= high + EPS
    assert fit.shortest_seconds <= fit.total_seconds + EPS <= fit.longest_seconds + 2 * EPS
    if minutes is None:
        assert fit.status == "natural"
        return
    target = minutes * 60
    if fit.status == "too_short":
        assert target < fit.shortest_seconds
        assert fit.total_seconds == pytest.approx(fit.shortest_seconds)
    elif fit.status == "longest":
        assert target > fit.longest_seconds
        assert fit.total_seconds == pytest.approx(fit.longest_seconds)
    else:
        # Whole seconds can miss a target by a little where nothing open can take up the rounding;
        # the fit says so when it does.
        assert fit.exact == (abs(fit.total_seconds - target) <= EXACT_TOLERANCE)
        assert fit.exact or not require_exact
    # Optional parts go only when every part cannot fit, and then as few groups as do.
    everything = replace(routine, steps=tuple(
        replace(step, phases=tuple(replace(p, optional=False, leave_out_order=None) for p in step.phases))
        for step in routine.steps
    ))
    shortest_with_all = fit_routine(everything, feet, 0).shortest_seconds
    if fit.left_out:
        assert target < shortest_with_all
    elif fit.status != "too_short":
        assert target >= shortest_with_all - EXACT_TOLERANCE


def check_plan(library: Library, routine: Routine, fit: Fit, feet: int, minutes: float | None) -> None:
    """The plan built for the same choice lasts exactly what the fit shows, and plays its units."""
    plan = build_plan(library, routine.id, feet=("left", "right")[:feet], minutes=minutes)
    assert plan.total == pytest.approx(fit.total_seconds, abs=1e-6)
    assert clock(plan.total) == clock(fit.total_seconds)
    phases = {(step.id, phase.id): phase for step in routine.steps for phase in step.phases}
    for seg in plan.segments:
        if seg.kind == "hold":
            phase = phases[(seg.step_id or "", seg.phase_id or "")]
            assert phase.duration.low - EPS <= seg.hold_seconds <= phase.duration.high + EPS
            assert seg.release_seconds == pytest.approx(phase.release)
            assert seg.hold_min == pytest.approx(phase.duration.low)
        elif seg.kind == "reps":
            phase = phases[(seg.step_id or "", seg.phase_id or "")]
            per_rep = seg.seconds / seg.reps
            assert phase.duration.low - EPS <= per_rep <= phase.duration.high + EPS
    played = {(seg.step_id, seg.phase_id) for seg in plan.segments if seg.step_id is not None}
    assert played == set(fit.unit_seconds)


minutes_st = st.one_of(
    st.none(),
    st.floats(min_value=0.0, max_value=MAX_MINUTES, allow_nan=False),
    st.integers(min_value=1, max_value=MAX_MINUTES).map(float),
)


@settings(deadline=None, max_examples=300)
@given(routine_id=st.sampled_from(sorted(SHIPPED.routines)), feet=st.sampled_from([1, 2]), minutes=minutes_st)
@example(routine_id="full", feet=2, minutes=68.5859375)  # one second over that only the lead-in could take
def test_shipped_routines_keep_every_technique_true_for_any_target(
    routine_id: str, feet: int, minutes: float | None
) -> None:
    routine = SHIPPED.routines[routine_id]
    fit = fit_routine(routine, feet, minutes)
    check_fit(routine, fit, feet, minutes, require_exact=True)
    check_plan(SHIPPED, routine, fit, feet, minutes)


@settings(deadline=None, max_examples=100)
@given(
    routine_id=st.sampled_from(sorted(SHIPPED.routines)),
    feet=st.sampled_from([1, 2]),
    a=st.floats(min_value=0.5, max_value=MAX_MINUTES),
    b=st.floats(min_value=0.5, max_value=MAX_MINUTES),
)
def test_a_longer_target_never_gives_a_shorter_session(
    routine_id: str, feet: int, a: float, b: float
) -> None:
    routine = SHIPPED.routines[routine_id]
    shorter, longer = sorted((a, b))
    assert fit_routine(routine, feet, shorter).total_seconds <= (
        fit_routine(routine, feet, longer).total_seconds
    )


# ---------------------------------------------------------------- generated routines

seconds_st = st.floats(min_value=1.0, max_value=300.0, allow_nan=False).map(lambda x: round(x, 1))


@st.composite
def phases_st(draw: st.DrawFn, index: int) -> Phase:
    kind = draw(st.sampled_from(["timed", "reps", "holds"]))
    low = draw(seconds_st) if kind == "timed" else draw(st.floats(min_value=1.0, max_value=20.0))
    high = low + draw(st.floats(min_value=0.0, max_value=low * 2))
    count = 1 if kind == "timed" else draw(st.integers(min_value=1, max_value=8))
    release = draw(st.sampled_from([0.0, 1.0, 2.0, 3.5])) if kind == "holds" else 0.0
    optional = draw(st.booleans())
    order = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=3))) if optional else None
    return Phase(f"p{index}", f"Part {index}", Texts("Do it."), kind,  # type: ignore[arg-type]
                 Duration(low, high), count, release, None, optional, order)


@st.composite
def routines_st(draw: st.DrawFn) -> Routine:
    count = draw(st.integers(min_value=1, max_value=6))
    phases = [draw(phases_st(i)) for i in range(count)]
    if all(p.optional for p in phases):  # the loader refuses a routine of optional parts only
        phases[0] = replace(phases[0], optional=False, leave_out_order=None)
    steps = tuple(
        Step(f"s{i}", f"Step {i}", Texts("Step."), "whole", "gentle", (p,)) for i, p in enumerate(phases)
    )
    lead = draw(st.sampled_from([0.0, 10.0, 20.0, 30.0, 45.5]))
    transition = draw(st.sampled_from([0.0, 15.0, 30.0]))
    return Routine("gen", "Generated", "", steps, "calm", lead_in=lead, transition_seconds=transition)


@settings(deadline=None, max_examples=300)
@given(routine=routines_st(), feet=st.sampled_from([1, 2]), minutes=minutes_st)
def test_any_routine_keeps_every_technique_true_for_any_target(
    routine: Routine, feet: int, minutes: float | None
) -> None:
    fit = fit_routine(routine, feet, minutes)
    check_fit(routine, fit, feet, minutes, require_exact=False)
    library = Library("<gen>", (), (), {"calm": CALM}, {"gen": routine}, "gen")
    check_plan(library, routine, fit, feet, minutes)
