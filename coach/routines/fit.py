"""Fitting a routine into a target length by choosing durations inside each step's range.

A routine's phases give their durations as ranges ("hold each point 5-10 s", "2-3 minutes"). Given a
target number of minutes, every range is set at the same relative position, so all steps stretch alike.
When the target lies outside what the ranges allow, the units are clamped to their ends and then scaled
proportionally, and the note says so in plain words. No textual import here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from coach.routines.model import Phase, Routine
from coach.wording import format_range, short_minutes

MIN_MINUTES = 1
"""The shortest session length one may ask for, in minutes (the command line, settings and setup)."""
MAX_MINUTES = 180
"""The longest session length one may ask for, in minutes: three hours, far past any shipped routine."""

MIN_UNIT = 1.0
"""No rep, hold or timed phase is ever made shorter than this many seconds."""

EXACT_TOLERANCE = 1.0
"""A fit counts as exact when it lands within this many seconds of the target."""


@dataclass(frozen=True)
class Fit:
    """The chosen length of every phase unit, and what the fitting did."""

    unit_seconds: Mapping[tuple[str, str], float]
    """(step_id, phase_id) -> seconds per unit: the whole phase (timed), per rep (reps), per hold (holds)."""
    per_foot_seconds: float
    total_seconds: float
    """Lead-in + feet * per-foot + transitions between feet."""
    target_seconds: float | None
    exact: bool
    """The target was met within a second (always true without a target)."""
    note: str
    """Plain words on what was done."""


@dataclass(frozen=True)
class _Unit:
    key: tuple[str, str]
    low: float
    high: float
    count: int  # units per foot: reps, holds, or 1 for a timed phase


def _units(routine: Routine) -> list[_Unit]:
    return [
        _Unit((step.id, phase.id), phase.duration.low, phase.duration.high, _count(phase))
        for step in routine.steps
        for phase in step.phases
    ]


def _count(phase: Phase) -> int:
    return 1 if phase.kind == "timed" else max(1, phase.count)


def fixed_seconds(routine: Routine, feet: int = 2, lead_in: bool = True) -> float:
    """The part of a session no fitting changes: lead-in, transitions between feet and hold releases."""
    lead = routine.lead_in if lead_in else 0.0
    return lead + max(0, feet - 1) * routine.transition_seconds + feet * _releases(routine)


def fit_routine(routine: Routine, feet: int = 2, minutes: float | None = None, lead_in: bool = True) -> Fit:
    """Choose every phase unit's length so the session lasts ``minutes`` (or the ranges' middles).

    Inside the reachable range every range sits at the same position ``t`` (low + t * (high - low)).
    Outside it, units are clamped to their low (or high) end and then scaled by one factor to hit the
    target, never below one second per unit; the note says what happened in plain words.
    ``ValueError`` when ``minutes`` is not a finite number.
    """
    feet = max(1, feet)
    units = _units(routine)
    fixed = fixed_seconds(routine, feet, lead_in)
    low = fixed + feet * sum(u.low * u.count for u in units)
    high = fixed + feet * sum(u.high * u.count for u in units)
    span = format_range(low, high)

    if minutes is None:
        chosen = {u.key: (u.low + u.high) / 2 for u in units}
        return _result(routine, units, chosen, feet, fixed, None, "Each step at the middle of its range.")

    if not math.isfinite(minutes):
        raise ValueError(f"minutes must be a finite number, got {minutes}")
    target = max(0.0, minutes * 60.0)
    wanted = short_minutes(target)
    if low <= target <= high:
        t = (target - low) / (high - low) if high > low else 0.0
        chosen = {u.key: u.low + t * (u.high - u.low) for u in units}
        note = f"Fitted to {wanted} within each step's range."
        return _result(routine, units, chosen, feet, fixed, target, note)

    longer = target > high
    base = {u.key: (u.high if longer else u.low) for u in units}
    chosen = _scale(units, base, (target - fixed) / feet)
    # The change actually made, over all units together (floored units included).
    before = sum(base[u.key] * u.count for u in units)
    factor = sum(chosen[u.key] * u.count for u in units) / before if before > 0 else 1.0
    percent = round(abs(factor - 1.0) * 100)
    if longer:
        note = f"{wanted} is beyond this routine's range ({span}): every step was lengthened by {percent}%."
        return _result(routine, units, chosen, feet, fixed, target, note)
    # Never "shortened by 100%": every unit keeps at least a second.
    note = f"{wanted} is below this routine's range ({span}): every step was shortened by {min(percent, 99)}%"
    floored = [u for u in units if chosen[u.key] <= MIN_UNIT < base[u.key]]
    if floored:
        note += "; every part stops at 1 s" if len(floored) == len(units) else "; some parts stop at 1 s"
    fit = _result(routine, units, chosen, feet, fixed, target, note + ".")
    if not fit.exact:
        # Even at one second per unit (or with the lead-in, transitions and releases alone) it cannot be
        # met: say how long the session really takes.
        note += f", so the session takes {short_minutes(fit.total_seconds)}."
        fit = _result(routine, units, chosen, feet, fixed, target, note)
    return fit


_Key = tuple[str, str]


def _scale(units: list[_Unit], base: dict[_Key, float], goal: float) -> dict[_Key, float]:
    """Scale ``base`` by one factor so one foot's units sum to ``goal``, flooring units at ``MIN_UNIT``.

    Units that hit the floor stay there and the factor is recomputed over the others, so the goal is
    still met whenever it can be.
    """
    floored: set[tuple[str, str]] = set()
    factor = 1.0
    for _ in range(len(units) + 1):
        fixed_part = sum(MIN_UNIT * u.count for u in units if u.key in floored)
        free = sum(base[u.key] * u.count for u in units if u.key not in floored)
        factor = (goal - fixed_part) / free if free > 0 else 0.0
        newly = {u.key for u in units if u.key not in floored and base[u.key] * factor < MIN_UNIT}
        if not newly:
            break
        floored |= newly
    return {u.key: MIN_UNIT if u.key in floored else max(MIN_UNIT, base[u.key] * factor) for u in units}


def _result(
    routine: Routine,
    units: list[_Unit],
    chosen: dict[tuple[str, str], float],
    feet: int,
    fixed: float,
    target: float | None,
    note: str,
) -> Fit:
    variable = sum(chosen[u.key] * u.count for u in units)
    per_foot = variable + _releases(routine)
    total = fixed + feet * variable  # fixed already holds every foot's releases
    exact = target is None or abs(total - target) <= EXACT_TOLERANCE
    return Fit(dict(chosen), per_foot, total, target, exact, note)


def _releases(routine: Routine) -> float:
    return sum(p.release * p.count for s in routine.steps for p in s.phases if p.kind == "holds")
