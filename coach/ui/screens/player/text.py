"""The player's words: what a segment, its foot and what comes next are called on screen.

Plain functions of the plan and the session state (no textual), so they are easy to test and the
screen stays a thin layer that only places these strings.
"""

from __future__ import annotations

from coach.engine import Plan, Segment, SessionState
from coach.routines import Foot, Mode, Pressure, Zone
from coach.wording import count_text, whole_seconds

ZONE_NAMES: dict[Zone, str] = {
    "toes": "toes",
    "ball": "ball of the foot",
    "arch": "arch",
    "heel": "heel",
    "top": "top of the foot",
    "ankle": "ankle",
    "whole": "whole foot",
}

PRESSURE_NAMES: dict[Pressure, str] = {
    "light": "light touch",
    "gentle": "gentle pressure",
    "moderate": "moderate pressure",
    "firm": "firm pressure",
}

MOVE_ON_HINT = "You can move on: n"


def foot_name(foot: Foot, mode: Mode) -> str:
    """``LEFT FOOT`` (self) or ``THEIR LEFT FOOT`` (partner): capitals read from across a room."""
    name = f"{foot.upper()} FOOT"
    return f"THEIR {name}" if mode == "partner" else name


def step_label(plan: Plan, segment: Segment) -> str:
    """``Step 3 of 7 · Arch work for central calm``; the lead-in and the towel have their own words."""
    if segment.kind == "lead_in":
        return "Before you start"
    if segment.kind == "transition":
        return "Between feet"
    ids = [step.id for step in plan.routine.steps]
    number = ids.index(segment.step_id) + 1 if segment.step_id in ids else 0
    prefix = f"Step {number} of {len(ids)} · " if number else ""
    return prefix + segment.step_title


def foot_label(plan: Plan, segment: Segment) -> str:
    """Which foot and where on it: ``LEFT FOOT · arch · gentle pressure``; empty for the lead-in."""
    if segment.foot is None:
        first = plan.feet[0] if plan.feet else None
        return f"First: {foot_name(first, plan.mode)}" if first else ""
    if segment.kind == "transition":
        following = _foot_after(plan, segment.foot)
        done = f"{foot_name(segment.foot, plan.mode)} done"
        return f"{done} · next {foot_name(following, plan.mode)}" if following else done
    parts = [foot_name(segment.foot, plan.mode)]
    if segment.zone is not None:
        parts.append(ZONE_NAMES[segment.zone])
    if segment.pressure is not None:
        parts.append(PRESSURE_NAMES[segment.pressure])
    return " · ".join(parts)


def counter_lines(state: SessionState) -> tuple[str, str]:
    """The counter line and the hint under it, for reps and holds; empty strings otherwise.

    The count names what it counts ("Toe 2 of 5", from the part's ``rep_name``); whether a point is
    held or released is said by the countdown's label, not here.
    """
    segment = state.segment
    if segment.kind == "reps" and segment.reps > 0:
        return count_text(segment.rep_name, max(1, state.rep), segment.reps), ""
    if segment.kind == "hold":
        phase = state.hold_phase or "hold"
        count = count_text(segment.rep_name, segment.point, max(segment.points, 1), default="Point")
        hint = MOVE_ON_HINT if phase == "hold" and state.hold_min_reached else ""
        return count, hint
    return "", ""


COUNTDOWN_LABELS = {"lead_in": "to get ready", "transition": "for the towel", "timed": "this part",
                    "reps": "this part"}
"""What the big countdown counts, said under it in small type."""


def countdown_label(state: SessionState) -> str:
    """The small words under the big countdown: what its number counts ("this hold", "release")."""
    segment = state.segment
    if segment.kind == "hold":
        return "release, move on" if state.hold_phase == "release" else "this hold"
    if segment.kind == "reps" and segment.reps > 0:
        name = segment.rep_name or "rep"
        return f"all {segment.reps} {name}s" if not name.endswith("s") else f"all {segment.reps} {name}"
    return COUNTDOWN_LABELS.get(segment.kind, "this part")


def next_line(plan: Plan, state: SessionState) -> tuple[str, bool]:
    """What follows, and whether it is close: ``Next: Arch work`` near the end, ``then: ...`` before."""
    following = state.next
    if following is None:
        return ("Last one: the summary follows" if state.next_soon else "then: the summary"), state.next_soon
    name = following.title
    if following.is_step and following.step_id != state.segment.step_id:
        name = part_name(following)
    if following.is_step and following.foot is not None and following.foot != state.segment.foot:
        name = f"{foot_name(following.foot, plan.mode)} · {part_name(following)}"
    return (f"Next: {name}" if state.next_soon else f"then: {name}"), state.next_soon


def part_name(segment: Segment) -> str:
    """A part named with its step: ``Toe work · Squeeze each toe``, but never a title twice: a part
    named after its step (``Ball points 1 of 2`` in step ``Ball points``) goes by its own title."""
    step, title = segment.step_title.strip(), segment.title.strip()
    if not step or title.casefold().startswith(step.casefold()) or step.casefold() == title.casefold():
        return title
    return f"{step} · {title}"


def countdown_seconds(state: SessionState) -> float:
    """What the big countdown counts down: the segment's time left, but during a hold the hold's own
    seconds and then the release's, so nobody reading the big number holds a point too long."""
    if state.segment.kind == "hold" and state.hold_phase:
        return state.hold_left
    return state.left


def aligned_seconds(state: SessionState, other_left: float) -> float:
    """``other_left`` (step or session time left) shown in step with the big countdown.

    All the clocks on screen then change on the same instant instead of drifting apart by a fraction of
    a second when planned lengths are not whole seconds.
    """
    shown = countdown_seconds(state)
    return float(whole_seconds(shown) + round(other_left - shown))


def _foot_after(plan: Plan, foot: Foot) -> Foot | None:
    feet = list(plan.feet)
    if foot in feet and feet.index(foot) + 1 < len(feet):
        return feet[feet.index(foot) + 1]
    return None
