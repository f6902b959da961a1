"""A session's state at one moment: everything the player screen renders, as one frozen snapshot."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from coach.engine.breath import BreathState, breath_at
from coach.engine.events import ENDING_SOON, hold_min, hold_part
from coach.engine.plan import Plan, Segment


@dataclass(frozen=True)
class SessionState:
    """Where a session is: the segment, its clock, the counters, the breath and what comes next."""

    segment: Segment
    index: int
    count: int
    """Number of segments in the plan."""
    started: bool
    paused: bool
    finished: bool
    elapsed: float
    """Seconds into the segment (0 <= elapsed <= length)."""
    left: float
    """Seconds left in the segment; elapsed + left == length."""
    length: float
    """The segment's current planned length (after +/- adjustments)."""
    segment_fraction: float
    step_fraction: float
    """Through the current step on this foot (all its segments)."""
    step_left: float
    session_fraction: float
    """Through the whole plan, by planned positions."""
    session_left: float
    rep: int
    """1-based rep for a reps segment, else 0."""
    hold_phase: Literal["hold", "release", ""]
    hold_left: float
    """Seconds left in the hold (or release) part."""
    hold_min_reached: bool
    breath: BreathState | None
    next: Segment | None
    next_soon: bool
    """Within the last few (5) seconds of the segment."""
    notice: str
    """A message to show until the session resumes, e.g. after the computer slept; "" when none."""
    is_last: bool = False
    """The current segment is the plan's last: moving on from it ends the session."""


@dataclass(frozen=True)
class Moment:
    """The few raw facts a snapshot is computed from."""

    index: int
    elapsed: float
    breath_seconds: float
    """Unpaused seconds since the current breathing pattern began."""
    started: bool
    paused: bool
    finished: bool
    notice: str


def snapshot(plan: Plan, lengths: list[float], moment: Moment) -> SessionState:
    """The state at ``moment`` given the segments' current ``lengths``: pure arithmetic, no clock."""
    i = moment.index
    seg = plan.segments[i]
    length = lengths[i]
    elapsed = min(length, max(0.0, moment.elapsed))
    left = max(0.0, length - elapsed)
    first, last = plan.step_span(i)
    step_total = sum(lengths[first : last + 1])
    step_done = sum(lengths[first:i]) + elapsed
    total = sum(lengths)
    done = sum(lengths[:i]) + elapsed
    live = moment.started and not moment.finished

    rep = 0
    if seg.kind == "reps" and seg.reps > 0:
        rep = min(seg.reps, int(elapsed // (length / seg.reps)) + 1)
    phase: Literal["hold", "release", ""] = ""
    hold_left = 0.0
    reached = False
    if seg.kind == "hold":
        held = hold_part(seg, length)
        phase = "hold" if elapsed < held else "release"
        hold_left = max(0.0, (held if phase == "hold" else length) - elapsed)
        reached = elapsed >= hold_min(seg, length)
    breath = breath_at(seg.breathing, moment.breath_seconds) if live and seg.breathing is not None else None

    return SessionState(
        segment=seg,
        index=i,
        count=len(plan.segments),
        started=moment.started,
        paused=moment.paused,
        finished=moment.finished,
        elapsed=elapsed,
        left=left,
        length=length,
        segment_fraction=_fraction(elapsed, length),
        step_fraction=_fraction(step_done, step_total),
        step_left=max(0.0, step_total - step_done),
        session_fraction=_fraction(done, total),
        session_left=max(0.0, total - done),
        rep=rep,
        hold_phase=phase,
        hold_left=hold_left,
        hold_min_reached=reached,
        breath=breath,
        next=plan.segments[i + 1] if i + 1 < len(plan.segments) and not moment.finished else None,
        next_soon=live and left <= ENDING_SOON,
        notice=moment.notice,
        is_last=i == len(plan.segments) - 1,
    )


def _fraction(part: float, whole: float) -> float:
    return min(1.0, max(0.0, part / whole)) if whole > 0 else 1.0
