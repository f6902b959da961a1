"""The text of ``coach list``: every routine with its steps and how long they take.

Plain text only (no textual, no Rich markup): the command line prints these lines as they are.
"""

from __future__ import annotations

from coach.routines import Duration, Library, Phase, Routine, Step
from coach.routines.fit import fit_routine, offers_for, offers_text
from coach.wording import clock, format_range, short_minutes


def format_seconds(seconds: float) -> str:
    """``45`` -> ``45 s``; ``120`` -> ``2 min``; ``743`` -> ``12 min 23 s``."""
    whole = round(seconds)
    minutes, rest = divmod(whole, 60)
    if minutes == 0:
        return f"{rest} s"
    return f"{minutes} min" if rest == 0 else f"{minutes} min {rest:02d} s"


def format_span(low: float, high: float) -> str:
    """A time range as people write it: ``2-3 min``, ``40-65 s``, ``1 min 30 s - 2 min 50 s``."""
    lo, hi = round(low), round(high)
    if lo == hi:
        return format_seconds(lo)
    if hi < 60:
        return f"{lo}-{hi} s"
    if lo >= 60 and lo % 60 == 0 and hi % 60 == 0:
        return f"{lo // 60}-{hi // 60} min"
    return f"{format_seconds(lo)} - {format_seconds(hi)}"


def both_feet(routine: Routine) -> Duration:
    """The whole session on both feet as a range: lead-in, each foot, and the towel change between."""
    extra = routine.lead_in + routine.transition_seconds
    return Duration(extra + 2 * routine.per_foot.low, extra + 2 * routine.per_foot.high)


def phase_detail(phase: Phase) -> str:
    """How a phase is measured: ``5 x 3-5 s``, ``5 holds of 5-10 s, 3 s release``, or its time."""
    unit = format_span(phase.duration.low, phase.duration.high)
    if phase.kind == "reps":
        return f"{phase.count} x {unit}"
    if phase.kind == "holds":
        release = f", {format_seconds(phase.release)} release" if phase.release else ""
        return f"{phase.count} holds of {unit}{release}"
    return unit


def _step_lines(number: int, step: Step, width: int) -> list[str]:
    total = step.total
    optional = " (optional)" if step.optional else ""
    lines = [f"    {number}. {step.title.ljust(width)}  {format_span(total.low, total.high)}{optional}"]
    only = step.phases[0] if len(step.phases) == 1 else None
    if only is not None and only.kind != "timed":
        lines.append(f"         {phase_detail(only)}")
    elif only is None:
        lines.extend(
            f"         {phase.title}: {phase_detail(phase)}"
            + (" (optional)" if phase.optional and not step.optional else "")
            for phase in step.phases
        )
    return lines


def routine_lines(library: Library, routine: Routine, minutes: float | None = None) -> list[str]:
    """The block ``coach list`` prints for one routine; with ``minutes``, how it fits that length."""
    default = " (default)" if routine.id == library.default_routine else ""
    lines = [f"{routine.id}: {routine.name}{default}"]
    if routine.description:
        lines.append(f"  {routine.description}")
    lines.append("  Steps, on each foot:")
    width = max((len(step.title) for step in routine.steps), default=0)
    for number, step in enumerate(routine.steps, start=1):
        lines.extend(_step_lines(number, step, width))
    per_foot, both = routine.per_foot, both_feet(routine)
    total = fit_routine(routine).total_seconds
    lines += [
        f"  Per foot: {summary_range(per_foot.low, per_foot.high)}",
        f"  Both feet: {summary_range(both.low, both.high)}, with the lead-in and the towel change",
        f"  Default length: {format_range(total, total)} ({clock(total)}) for both feet"
        " (every range at its middle; --minutes for another)",
    ]
    if minutes is not None:
        lines += fit_lines(library, routine, minutes)
    return lines


def fit_lines(library: Library, routine: Routine, minutes: float) -> list[str]:
    """How ``routine`` fits ``minutes`` on both feet: the plan's line, what it leaves out, and (when the
    length is too short) what fits instead."""
    fit = fit_routine(routine, 2, minutes)
    lines = [f"  In {short_minutes(minutes * 60)}: {fit.note}"]
    if fit.left_out_titles:
        lines.append("    Left out (optional): " + "; ".join(fit.left_out_titles))
    if fit.status == "too_short":
        lines.append("    " + offers_text(library, offers_for(library, routine.id, 2, minutes), minutes))
    return lines


def summary_range(low: float, high: float) -> str:
    """A routine's range rounded as the setup screen and the README give it, then exactly in m:ss:
    ``26-41 min (25:46 to 40:30)``."""
    return f"{format_range(low, high)} ({clock(low)} to {clock(high)})"


def list_lines(library: Library, minutes: float | None = None) -> list[str]:
    """Everything ``coach list`` prints, starting with the file it read; with ``minutes``, how each
    routine fits that length (``coach plan`` gives the whole timeline)."""
    lines = [f"Routines from {library.path}"]
    for routine in library.routines.values():
        lines.append("")
        lines.extend(routine_lines(library, routine, minutes))
    return lines
