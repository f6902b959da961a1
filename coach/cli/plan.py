"""The text of ``coach plan``: the fitted timeline of one session, so it can be checked before starting.

Each part with its start and its length, holds and reps with their seconds, the lead-in and the towel
change apart, the total, and which optional parts were left out; above it the plan's line (what the
fitting did and why) and, when the length asked for is too short, what fits instead.

Plain text only (no textual, no Rich markup): names from the routines file are printed as written, with
control characters shown as escapes (:func:`coach.wording.visible`) so a file cannot drive the terminal.
"""

from __future__ import annotations

from coach.engine.plan import Plan, Segment, build_plan
from coach.routines import Foot, Library, Mode
from coach.routines.fit import offers_for, offers_text
from coach.wording import clock, number, short_minutes, visible


def plan_lines(
    library: Library,
    routine_id: str | None = None,
    minutes: float | None = None,
    mode: Mode = "self",
    feet: tuple[Foot, ...] = ("left", "right"),
) -> list[str]:
    """Everything ``coach plan`` prints for this choice. ``KeyError`` for an unknown routine."""
    plan = build_plan(library, routine_id, mode, feet, minutes)
    routine, fit = plan.routine, plan.fit
    which = f"both feet, {feet[0]} first" if len(feet) > 1 else f"{feet[0]} foot only"
    asked = f"{short_minutes(minutes * 60)} asked for" if minutes is not None else "its natural length"
    lines = [f"{visible(routine.name)} ({routine.id}), {which}, {mode} mode: {asked}", fit.note]
    if fit.status == "too_short" and minutes is not None:
        lines.append(offers_text(library, offers_for(library, routine.id, len(feet), minutes), minutes))
        lines += ["", "What it plays, its shortest:"]
    lines += ["", "   start  length  part", *_timeline(plan), ""]
    massage = sum(seg.seconds for seg in plan.segments if seg.is_step)
    between = plan.total - massage
    lines.append(
        f"Total {clock(plan.total)}: massage {clock(massage)}, lead-in and towel change {clock(between)}"
    )
    if fit.left_out_titles:
        lines.append("Left out (optional): " + "; ".join(visible(t) for t in fit.left_out_titles))
    return lines


def _timeline(plan: Plan) -> list[str]:
    """One line per part (the points of a hold phase together), with a line naming each foot."""
    lines: list[str] = []
    segments = list(plan.segments)
    foot: Foot | None = None
    index = 0
    while index < len(segments):
        seg = segments[index]
        group = [seg]
        if seg.kind == "hold":
            while (index + len(group) < len(segments)
                   and _same_phase(segments[index + len(group)], seg)):
                group.append(segments[index + len(group)])
        if seg.is_step and seg.foot != foot:
            foot = seg.foot
            lines.append(f"                  {(foot or '').capitalize()} foot")
        length = sum(s.seconds for s in group)
        lines.append(f"  {clock(seg.start):>6}  {clock(length):>6}  {_describe(seg, len(group))}")
        index += len(group)
    return lines


def _same_phase(a: Segment, b: Segment) -> bool:
    return a.kind == "hold" and (a.step_id, a.phase_id, a.foot) == (b.step_id, b.phase_id, b.foot)


def _describe(seg: Segment, points: int) -> str:
    """A part's name and, for reps and holds, their seconds: "Ankle circles, clockwise: 5 x 4 s"."""
    title = visible(seg.title if seg.kind != "hold" else _phase_title(seg))
    if seg.kind == "reps" and seg.reps:
        return f"{title}: {seg.reps} x {number(seg.seconds / seg.reps)} s"
    if seg.kind == "hold":
        release = f" + {number(seg.release_seconds)} s release" if seg.release_seconds else ""
        held = "hold" if points == 1 else "holds"
        return f"{title}: {points} {held} of {number(seg.hold_seconds)} s{release}"
    return title


def _phase_title(seg: Segment) -> str:
    """A hold point's title without its "2 of 5"."""
    suffix = f" {seg.point} of {seg.points}"
    return seg.title[: -len(suffix)] if seg.points > 1 and seg.title.endswith(suffix) else seg.title
