"""Fitting a routine into a target length while keeping every technique true.

What may change to meet a length, and how far:

- A hold or a rep is a technique, not a slice of time: the seconds of each hold and each rep stay inside
  the range the routine gives them (they may move within it), and releases stay as written.
- Open, timed parts (strokes, circles, point work given in minutes) may go below their range down to
  :data:`FLOOR_SHARE` of its low end, and above it up to :data:`CEILING_SHARE` times its high end.
- The lead-in and the towel change scale modestly, from :data:`LEAD_LOW_SHARE` to :data:`LEAD_HIGH_SHARE`
  of their written length, with the session.

One number ``s`` runs the whole session from its shortest to its longest: at ``s = -1`` the open parts
are at their floor, holds and reps at their low end and the lead-in and towel change at their shortest;
at ``s = 0`` every part is at its low end and at ``s = 1`` at its high end (``0.5``, every range's
middle, is the routine's natural length); at ``s = 2`` the open parts are at their ceiling. A target
length picks the ``s`` that meets it.

Below the shortest with every part, the parts the routine marks ``optional`` are left out, group by
group in their ``leave_out_order``, until the target is reachable. Below even that the target is
refused: the fit is the routine's shortest (``too_short``), and :func:`offers_for` says what fits
instead (one foot, another routine). Above the longest, the fit is the longest (``longest``).

A fitted length is in whole seconds where its limits allow (a countdown shows whole seconds): the open
parts, the lead-in and the towel change take up the rounding, so the total meets a whole-second target
wherever it can. The shortest and the longest are every part exactly at its limit.
No textual import here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

# The bounds of a length asked for live with the model, so that what checks a length (the command line,
# the settings) need not import the fitting; they are still found here too.
from coach.routines.model import MAX_MINUTES as MAX_MINUTES
from coach.routines.model import MIN_MINUTES as MIN_MINUTES
from coach.routines.model import Library, Phase, PhaseKind, Routine
from coach.wording import short_minutes

FLOOR_SHARE = 0.5
"""An open, timed part never goes below this share of its range's low end (two minutes of strokes:
never under one): shorter, a stroke or a circle is no longer that technique, only a gesture at it."""
CEILING_SHARE = 2.0
"""An open, timed part never goes above this many times its range's high end: the articles give
"two to three minutes"; six minutes of the same stroke is already generous."""
LEAD_LOW_SHARE = 0.5
"""The lead-in and the towel change never go below this share of their written length..."""
LEAD_HIGH_SHARE = 1.5
"""...nor above this many times it: settling in takes about as long whatever follows."""

EXACT_TOLERANCE = 1.0
"""A fit counts as exact when it lands within this many seconds of the target."""

S_SHORTEST, S_LOW, S_MIDDLE, S_HIGH, S_LONGEST = -1.0, 0.0, 0.5, 1.0, 2.0
"""Landmarks of the fitting parameter ``s`` (see the module's description)."""

Key = tuple[str, str]
"""(step id, phase id): one part of a routine."""

FitStatus = Literal["natural", "fitted", "shortened", "lengthened", "longest", "too_short"]
"""What fitting did: nothing (no target), every part inside its range, the open parts below or above
their ranges, capped at the routine's longest, or refused as too short (the fit is the shortest)."""


@dataclass(frozen=True)
class Fit:
    """The chosen length of every part, the lead-in and the towel change, and what the fitting did."""

    unit_seconds: Mapping[Key, float]
    """(step_id, phase_id) -> seconds per unit: the whole phase (timed), per rep (reps), per hold (holds).
    Only the parts the plan plays: a part left out has no entry."""
    per_foot_seconds: float
    total_seconds: float
    """Lead-in + feet * per-foot + towel changes between feet: the plan's length."""
    target_seconds: float | None
    exact: bool
    """The target was met within a second (always true without a target)."""
    note: str
    """What was done and why, in one or two plain sentences."""
    status: FitStatus = "natural"
    left_out: tuple[Key, ...] = ()
    """The optional parts left out to meet the target, in routine order."""
    left_out_titles: tuple[str, ...] = ()
    """Their titles, for saying which."""
    lead_in_seconds: float = 0.0
    transition_seconds: float = 0.0
    """One towel change between feet (there are feet - 1 of them)."""
    shortest_seconds: float = 0.0
    """The shortest this routine does well on these feet, with every optional part left out."""
    longest_seconds: float = 0.0
    """The longest it does well on these feet, every part at its ceiling."""


@dataclass(frozen=True)
class _Part:
    """One phase as fitting sees it: its range, its floor and ceiling, and how often it repeats."""

    key: Key
    title: str
    kind: PhaseKind
    low: float
    high: float
    floor: float
    ceiling: float
    count: int
    release: float
    optional: bool
    order: int | None
    index: int

    def at(self, s: float) -> float:
        """Seconds per unit at position ``s`` (see the module's description)."""
        return _along(s, self.floor, self.low, self.high, self.ceiling)

    def seconds(self, unit: float) -> float:
        """This part's seconds on one foot when each unit lasts ``unit``."""
        return unit * self.count + (self.release * self.count if self.kind == "holds" else 0.0)


def part_limits(phase: Phase) -> tuple[float, float]:
    """The shortest and longest seconds per unit fitting may give ``phase``.

    Holds and reps: their own range. Timed parts: :data:`FLOOR_SHARE` of the low end to
    :data:`CEILING_SHARE` times the high end.
    """
    if phase.kind == "timed":
        return _inward(phase.duration.low, FLOOR_SHARE, phase.duration.high, CEILING_SHARE)
    return phase.duration.low, phase.duration.high


def lead_limits(seconds: float) -> tuple[float, float]:
    """The shortest and longest a lead-in or towel change of ``seconds`` (as written) may become."""
    return _inward(seconds, LEAD_LOW_SHARE, seconds, LEAD_HIGH_SHARE)


def _inward(low: float, low_share: float, high: float, high_share: float) -> tuple[float, float]:
    """``low * low_share`` and ``high * high_share`` moved inwards to whole seconds (never past ``low``
    and ``high`` themselves), so the shortest and the longest plans are in whole seconds too."""
    floor = min(low, math.ceil(low * low_share - 1e-9))
    ceiling = max(high, math.floor(high * high_share + 1e-9))
    return float(floor), float(ceiling)


def _along(s: float, floor: float, low: float, high: float, ceiling: float) -> float:
    """Piecewise linear: ``floor`` at -1, ``low`` at 0, ``high`` at 1, ``ceiling`` at 2."""
    s = min(S_LONGEST, max(S_SHORTEST, s))
    if s < S_LOW:
        return low + s * (low - floor)
    if s <= S_HIGH:
        return low + s * (high - low)
    return high + (s - S_HIGH) * (ceiling - high)


def _lead_at(s: float, written: float) -> float:
    """The lead-in (or towel change) at ``s``: as written at the natural length, scaled modestly."""
    low, high = lead_limits(written)
    s = min(S_LONGEST, max(S_SHORTEST, s))
    if s <= S_MIDDLE:
        return written - (S_MIDDLE - s) / (S_MIDDLE - S_SHORTEST) * (written - low)
    return written + (s - S_MIDDLE) / (S_LONGEST - S_MIDDLE) * (high - written)


def _parts(routine: Routine) -> list[_Part]:
    parts: list[_Part] = []
    for step in routine.steps:
        for phase in step.phases:
            floor, ceiling = part_limits(phase)
            count = 1 if phase.kind == "timed" else max(1, phase.count)
            release = phase.release if phase.kind == "holds" else 0.0
            parts.append(_Part(
                (step.id, phase.id), phase.title, phase.kind, phase.duration.low, phase.duration.high,
                floor, ceiling, count, release, phase.optional, phase.leave_out_order, len(parts),
            ))
    return parts


def leave_out_groups(routine: Routine) -> list[list[Key]]:
    """The optional parts in the order fitting leaves them out: by ``leave_out_order`` (parts sharing a
    number go together), then those without one, one at a time, the later in the routine first."""
    optional = [p for p in _parts(routine) if p.optional]
    numbered: dict[int, list[Key]] = {}
    for part in optional:
        if part.order is not None:
            numbered.setdefault(part.order, []).append(part.key)
    groups = [numbered[order] for order in sorted(numbered)]
    groups += [[p.key] for p in reversed(optional) if p.order is None]
    return groups


@dataclass(frozen=True)
class _Frame:
    """What does not depend on the parts chosen: feet, the written lead-in and towel change."""

    feet: int
    lead: float
    transition: float

    def total(self, parts: list[_Part], s: float) -> float:
        per_foot = sum(p.seconds(p.at(s)) for p in parts)
        changes = (self.feet - 1) * _lead_at(s, self.transition)
        return _lead_at(s, self.lead) + changes + self.feet * per_foot


def _frame(routine: Routine, feet: int, lead_in: bool) -> _Frame:
    return _Frame(max(1, feet), routine.lead_in if lead_in else 0.0, routine.transition_seconds)


def _without(parts: list[_Part], keys: set[Key]) -> list[_Part]:
    return [p for p in parts if p.key not in keys]


def shortest_seconds(routine: Routine, feet: int = 2, lead_in: bool = True) -> float:
    """The shortest this routine does well on ``feet`` feet: every optional part left out, the open parts
    at their floor, holds and reps at their low end, the lead-in and towel change at their shortest."""
    parts = _parts(routine)
    left = {key for group in leave_out_groups(routine) for key in group}
    return _rounded_total(_frame(routine, feet, lead_in), _without(parts, left), S_SHORTEST)


def longest_seconds(routine: Routine, feet: int = 2, lead_in: bool = True) -> float:
    """The longest this routine does well on ``feet`` feet: every part, each at its ceiling."""
    return _rounded_total(_frame(routine, feet, lead_in), _parts(routine), S_LONGEST)


def _rounded_total(frame: _Frame, parts: list[_Part], s: float) -> float:
    units, lead, change = _round(frame, parts, s)
    return _sum(frame, parts, units, lead, change)


def fixed_seconds(routine: Routine, feet: int = 2, lead_in: bool = True) -> float:
    """The written lead-in, towel changes between feet and hold releases: the natural length's part that
    is not massage technique being fitted."""
    lead = routine.lead_in if lead_in else 0.0
    releases = sum(p.release * p.count for s in routine.steps for p in s.phases if p.kind == "holds")
    return lead + max(0, feet - 1) * routine.transition_seconds + feet * releases


def fit_routine(routine: Routine, feet: int = 2, minutes: float | None = None, lead_in: bool = True) -> Fit:
    """Choose every part's length so the session lasts ``minutes`` (or every range's middle).

    See the module's description for what may change and how far. ``ValueError`` when ``minutes`` is
    not a finite number.
    """
    frame = _frame(routine, feet, lead_in)
    parts = _parts(routine)
    groups = leave_out_groups(routine)
    left_all = {key for group in groups for key in group}
    shortest = _rounded_total(frame, _without(parts, left_all), S_SHORTEST)
    longest = _rounded_total(frame, parts, S_LONGEST)
    if minutes is None:
        units = {p.key: p.at(S_MIDDLE) for p in parts}
        lead, change = _lead_at(S_MIDDLE, frame.lead), _lead_at(S_MIDDLE, frame.transition)
        total = _sum(frame, parts, units, lead, change)
        note = "Each step at the middle of its range."
        return Fit(units, total_per_foot(parts, units), total, None, True, note, "natural", (), (), lead,
                   change, shortest, longest)
    if not math.isfinite(minutes):
        raise ValueError(f"minutes must be a finite number, got {minutes}")
    target = max(0.0, minutes * 60.0)

    # The fewest optional parts left out that make the target reachable.
    chosen, left = parts, set[Key]()
    too_short = False
    if _rounded_total(frame, parts, S_SHORTEST) > target + EXACT_TOLERANCE:
        too_short = True
        for group in groups:
            left |= set(group)
            chosen = _without(parts, left)
            if _rounded_total(frame, chosen, S_SHORTEST) <= target + EXACT_TOLERANCE:
                too_short = False
                break
    if too_short:
        s = S_SHORTEST
    elif target >= longest:
        s = S_LONGEST
    else:
        s = _solve(frame, chosen, target)
    units, lead, change = _round(frame, chosen, s)
    if not too_short and s != S_LONGEST:
        units, lead, change = _settle(frame, chosen, units, lead, change, round(target))
    total = _sum(frame, chosen, units, lead, change)
    exact = abs(total - target) <= EXACT_TOLERANCE
    status: FitStatus
    if too_short:
        status = "too_short"
    elif target > longest + EXACT_TOLERANCE:
        status = "longest"
    elif s < S_LOW - 1e-9:
        status = "shortened"
    elif s > S_HIGH + 1e-9:
        status = "lengthened"
    else:
        status = "fitted"
    left_out = tuple(p.key for p in parts if p.key in left)
    titles = tuple(p.title for p in parts if p.key in left)
    note = _note(status, target, feet, shortest, longest, len(left_out), bool(groups))
    return Fit(units, total_per_foot(chosen, units), total, target, exact, note, status, left_out, titles,
               lead, change, shortest, longest)


def total_per_foot(parts: list[_Part], units: Mapping[Key, float]) -> float:
    """One foot's seconds for ``units``: every unit, rep and hold, with the releases."""
    return sum(p.seconds(units[p.key]) for p in parts)


def _sum(frame: _Frame, parts: list[_Part], units: Mapping[Key, float], lead: float, change: float) -> float:
    return lead + (frame.feet - 1) * change + frame.feet * total_per_foot(parts, units)


def _solve(frame: _Frame, parts: list[_Part], target: float) -> float:
    """The ``s`` at which the session lasts ``target`` (the total grows with ``s``): by bisection."""
    lo, hi = S_SHORTEST, S_LONGEST
    if frame.total(parts, lo) >= target:
        return lo
    if frame.total(parts, hi) <= target:
        return hi
    for _ in range(80):
        mid = (lo + hi) / 2
        if frame.total(parts, mid) < target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def _whole(value: float, low: float, high: float) -> float:
    """``value`` to the nearest whole second when that stays inside [low, high]; else as it is."""
    whole = math.floor(value + 0.5)
    return float(whole) if low - 1e-9 <= whole <= high + 1e-9 else value


def _round(frame: _Frame, parts: list[_Part], s: float) -> tuple[dict[Key, float], float, float]:
    """Every unit, the lead-in and the towel change at ``s``, in whole seconds within their limits.

    At the shortest and the longest every part sits exactly at its limit: rounding there could make the
    longest shorter than the natural length (or the shortest longer) for a range narrower than a second.
    """
    if s in (S_SHORTEST, S_LONGEST):
        units = {p.key: p.at(s) for p in parts}
        return units, _lead_at(s, frame.lead), _lead_at(s, frame.transition)
    units = {p.key: _whole(p.at(s), p.floor, p.ceiling) for p in parts}
    lead = _whole(_lead_at(s, frame.lead), *lead_limits(frame.lead))
    change = _whole(_lead_at(s, frame.transition), *lead_limits(frame.transition))
    return units, lead, change


def _settle(
    frame: _Frame, parts: list[_Part], units: dict[Key, float], lead: float, change: float, goal: int
) -> tuple[dict[Key, float], float, float]:
    """Take up what rounding lost or gained, a second at a time, on the open parts (longest first),
    then the lead-in and the towel change, each staying inside its limits."""
    units = dict(units)
    open_parts = sorted((p for p in parts if p.kind == "timed"), key=lambda p: -units[p.key])
    lead_low, lead_high = lead_limits(frame.lead)
    change_low, change_high = lead_limits(frame.transition)
    for _ in range(10_000):
        diff = goal - round(_sum(frame, parts, units, lead, change), 6)
        if abs(diff) < 0.5:
            break
        step = 1.0 if diff > 0 else -1.0
        moved = False
        for part in open_parts:
            value = units[part.key] + step
            if frame.feet <= abs(diff) + 1e-9 and part.floor - 1e-9 <= value <= part.ceiling + 1e-9:
                units[part.key] = value
                moved = True
                break
        if moved:
            continue
        if lead_low - 1e-9 <= lead + step <= lead_high + 1e-9 and frame.lead > 0:
            lead += step
            continue
        changes = frame.feet - 1
        room = change_low - 1e-9 <= change + step <= change_high + 1e-9
        if changes and changes <= abs(diff) + 1e-9 and room:
            change += step
            continue
        break
    diff = goal - round(_sum(frame, parts, units, lead, change), 6)
    if abs(diff) >= 0.5 and frame.feet > 1 and frame.lead > 0:
        # On both feet an open part moves the total by two seconds: one second left over is taken by
        # moving a part one way and the lead-in one second the other (the lead-in alone had no room).
        step = 1.0 if diff > 0 else -1.0
        back = lead - step * (frame.feet - 1)
        lead_room = lead_low - 1e-9 <= back <= lead_high + 1e-9
        for part in open_parts:
            value = units[part.key] + step
            if lead_room and part.floor - 1e-9 <= value <= part.ceiling + 1e-9:
                units[part.key], lead = value, back
                break
    return units, lead, change


def _note(status: FitStatus, target: float, feet: int, shortest: float, longest: float, left: int,
          has_optional: bool) -> str:
    wanted = short_minutes(target)
    on = "on both feet" if feet > 1 else "on one foot"
    if status == "too_short":
        extras = ", optional parts left out" if has_optional else ""
        plays = f"it plays its shortest, {short_minutes(shortest)}{extras}"
        return f"{wanted} is too short for this routine {on}; {plays}."
    if status == "longest":
        longest_words = short_minutes(longest)
        return f"{wanted} is more than this routine does well {on}; it plays its longest, {longest_words}."
    fits = f"Fits {wanted}"
    if left:
        fits += f" without {left} optional part{'s' if left != 1 else ''}"
    how = {
        "fitted": "every part inside its range.",
        "shortened": "timed parts shortened (never below half), holds and reps within their ranges.",
        "lengthened": "timed parts lengthened (at most twice), holds and reps within their ranges.",
    }[status]
    return f"{fits}: {how}"


@dataclass(frozen=True)
class Offer:
    """Something that fits a length this routine cannot meet: one foot of it, or another routine."""

    routine_id: str
    feet: int
    text: str
    """How it is named in a sentence: "one foot only", "Nightly wind-down", "Nightly wind-down on one
    foot"."""


def offers_for(library: Library, routine_id: str, feet: int, minutes: float) -> tuple[Offer, ...]:
    """What fits ``minutes`` when routine ``routine_id`` on ``feet`` feet cannot, in the order to offer it:
    one foot of this routine, then each other routine on the same feet, else on one foot."""
    target = minutes * 60.0 + EXACT_TOLERANCE
    routine = library.routine(routine_id)
    found: list[Offer] = []
    if feet > 1 and shortest_seconds(routine, 1) <= target:
        found.append(Offer(routine.id, 1, "one foot only"))
    for other in library.routines.values():
        if other.id == routine.id:
            continue
        if shortest_seconds(other, feet) <= target:
            found.append(Offer(other.id, feet, other.name))
        elif feet > 1 and shortest_seconds(other, 1) <= target:
            found.append(Offer(other.id, 1, f"{other.name} on one foot"))
    return tuple(found)


def offers_text(library: Library, offers: tuple[Offer, ...], minutes: float) -> str:
    """One sentence with the offers: "What fits 5 min: one foot only, or Nightly wind-down."; when
    nothing does, the shortest session there is."""
    wanted = short_minutes(minutes * 60)
    if offers:
        names = [offer.text for offer in offers]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", or " + names[-1]
        return f"What fits {wanted}: {listed}."
    best = min(library.routines.values(), key=lambda r: shortest_seconds(r, 1))
    return (f"Nothing fits {wanted}: the shortest session is {best.name} on one foot, "
            f"{short_minutes(shortest_seconds(best, 1))}.")
