"""What a session tells the screens: events, and the moments inside a segment that raise them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from coach.engine.plan import Plan, Segment
from coach.wording import count_text

EventKind = Literal[
    "segment_started", "rep_started", "halfway", "ending_soon", "hold_min_reached", "hold_released",
    "foot_changed", "paused", "resumed", "suspended", "session_finished",
]

ENDING_SOON = 5.0
"""Seconds before a segment's end when "Next: ..." is announced."""
ENDING_SOON_MIN = 10.0
"""Segments shorter than this get no ending-soon event: it would come right after the start."""
HALFWAY_MIN = 20.0
"""Segments shorter than this get no halfway event (a 7 s hold needs no "halfway")."""


@dataclass(frozen=True)
class Event:
    """Something the screens may show or sound, in the order it happened."""

    kind: EventKind
    index: int
    """The segment it concerns."""
    message: str
    """Plain words, e.g. "Next: Arch work"."""
    at: float = 0.0
    """Seconds into the segment when it was raised (a mark's own moment, exactly)."""
    length: float = 0.0
    """The segment's length then, after any +/- (0: not known, the plan's length holds). With ``at``
    it lets a listener work out what comes next in the segment, and when (:func:`marks`)."""


@dataclass(frozen=True)
class Mark:
    """A moment inside a segment, ``at`` seconds after its start, that raises an event."""

    at: float
    kind: EventKind
    message: str


def hold_part(segment: Segment, length: float) -> float:
    """Seconds of actual holding in a hold segment of (possibly adjusted) ``length``; the rest is release."""
    return max(0.0, length - segment.release_seconds)


def hold_min(segment: Segment, length: float) -> float:
    """When a hold segment of ``length`` reaches its minimum: never after its hold part ends."""
    return min(segment.hold_min, hold_part(segment, length))


def marks(plan: Plan, index: int, length: float) -> list[Mark]:
    """The moments of segment ``index`` (currently ``length`` seconds long) that raise events, in order:
    each new rep of a counted part, halfway, a hold's minimum and release, what comes next.

    Every mark lies strictly inside the segment; its end is handled by moving to the next segment.
    """
    seg = plan.segments[index]
    found: list[Mark] = []
    if seg.kind == "reps" and seg.reps > 1:
        # Each rep after the first starts at its share of the (possibly adjusted) length: by ear, that is
        # when to move to the next toe. The first starts with the segment itself.
        found.extend(
            Mark(length * done / seg.reps, "rep_started", count_text(seg.rep_name, done + 1, seg.reps))
            for done in range(1, seg.reps)
        )
    if seg.kind in ("timed", "reps") and length >= HALFWAY_MIN:
        found.append(Mark(length / 2, "halfway", f"Halfway through {seg.title}"))
    if seg.kind == "hold":
        held = hold_part(seg, length)
        minimum = hold_min(seg, length)
        if 0 < minimum < held:
            found.append(Mark(minimum, "hold_min_reached", "Minimum reached: move on when you are ready"))
        if 0 < held < length:
            found.append(Mark(held, "hold_released", "Release"))
    nxt = plan.segments[index + 1] if index + 1 < len(plan.segments) else None
    if length >= ENDING_SOON_MIN and not _next_point(seg, nxt):
        found.append(Mark(length - ENDING_SOON, "ending_soon", next_words(seg, nxt)))
    found.sort(key=lambda m: m.at)  # stable: ties keep the order above
    return [m for m in found if 0 < m.at < length]


def next_words(seg: Segment, nxt: Segment | None) -> str:
    """What comes next, in the words shown a few seconds before it: "Next: Arch work (right foot)"."""
    if nxt is None:
        return "Last moments: the session ends soon"
    if nxt.is_step and nxt.foot is not None and seg.foot is not None and nxt.foot != seg.foot:
        return f"Next: {nxt.title} ({nxt.foot} foot)"
    return f"Next: {nxt.title}"


def _next_point(seg: Segment, nxt: Segment | None) -> bool:
    """True when ``nxt`` is simply the following point of the same hold phase (the release says it)."""
    return (
        nxt is not None and seg.kind == "hold" and nxt.kind == "hold"
        and (nxt.step_id, nxt.phase_id, nxt.foot) == (seg.step_id, seg.phase_id, seg.foot)
    )
