"""The setup screen's words and length arithmetic (no textual): plain functions, easy to test.

The length stepper moves a target in whole minutes inside a sensible range around what the routine's
ranges allow; :func:`coach.routines.fit.fit_routine` says what that target really gives.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from coach.routines import BreathingPattern, Foot, Library, Mode, Routine
from coach.routines.fit import MAX_MINUTES, MIN_MINUTES, Fit, fit_routine
from coach.wording import clock, format_range, whole_minutes

FEET_OPTIONS: tuple[tuple[Foot, ...], ...] = (("left", "right"), ("left",), ("right",))
"""What the feet key cycles through: both (left first), left only, right only."""



def mode_label(mode: Mode) -> str:
    """How the mode row names a mode."""
    return "Partner · their feet" if mode == "partner" else "Self · my own feet"


def feet_label(feet: tuple[Foot, ...]) -> str:
    """How the feet row names a choice of feet."""
    if len(feet) >= 2:
        return f"Both · {feet[0]} first"
    return f"{feet[0].capitalize()} only" if feet else "None"


def has_choice(library: Library, item_id: str, choice_id: str) -> bool:
    """Whether the checklist item ``item_id`` offers the choice ``choice_id`` (a remembered oil may be
    gone from the routines file)."""
    item = next((i for i in library.setup if i.id == item_id), None)
    return item is not None and any(c.id == choice_id for c in item.choices)


def sound_view(what: str) -> tuple[str, str]:
    """The sound row's value and the line under it, from what will sound ("voice + chime, espeak-ng ->
    aplay"): ("Voice + chime", "espeak-ng -> aplay · a test"). Off has no line; the bell says why."""
    if what == "off":
        return "Off", "v voice · a test"
    head, _, rest = what.partition(", ")
    if "(" in head and not rest:  # "terminal bell (no sound player found)"
        head, _, rest = head.partition(" (")
        rest = rest.rstrip(")")
    head = head[:1].upper() + head[1:]
    return head, f"{rest} · a test" if rest else "a test"


def next_feet(feet: tuple[Foot, ...], step: int = 1) -> tuple[Foot, ...]:
    """The next choice of feet in :data:`FEET_OPTIONS` (an unusual prefill joins the cycle first)."""
    options = list(FEET_OPTIONS) if feet in FEET_OPTIONS else [feet, *FEET_OPTIONS]
    return options[(options.index(feet) + step) % len(options)]


def pacing(pattern: BreathingPattern) -> str:
    """A breath's counts in words: "4 in · 7 hold · 8 out" (a zero hold is left out)."""
    parts = [(pattern.inhale, "in"), (pattern.hold_in, "hold"), (pattern.exhale, "out"),
             (pattern.hold_out, "rest")]
    return " · ".join(f"{whole_minutes(seconds)} {word}" for seconds, word in parts if seconds > 0)


def next_breathing(library: Library, current: str | None, step: int = 1) -> str | None:
    """The next choice of breathing: the routine's own (None), then each of the library's patterns."""
    options: list[str | None] = [None, *library.breathing]
    index = options.index(current) if current in options else 0
    return options[(index + step) % len(options)]


def breathing_view(library: Library, routine: Routine, breathing: str | None) -> tuple[str, str]:
    """The breathing row's value and the line under it: the pattern's name, then its pacing.

    For the routine's own breathing the line gives the routine's pacing, and says when some steps
    breathe to another pattern (the line is kept short: the session panel is narrow at 80 columns).
    """
    if breathing is not None and breathing in library.breathing:
        pattern = library.breathing[breathing]
        return pattern.name, pacing(pattern)
    own = library.breathing_for(routine)
    others = any(library.breathing_for(routine, step) != own for step in routine.steps)
    return "Routine's own", pacing(own) + (", steps vary" if others else "")


def natural_bounds(routine: Routine, feet: int) -> tuple[float, float]:
    """The session's shortest and longest length in seconds when every step stays inside its range."""
    feet = max(1, feet)
    fixed = routine.lead_in + (feet - 1) * routine.transition_seconds
    return fixed + feet * routine.per_foot.low, fixed + feet * routine.per_foot.high


def minute_bounds(routine: Routine, feet: int) -> tuple[int, int]:
    """The target minutes the stepper allows: half the shortest to twice the longest natural length.

    Beyond the ranges the fit scales every step alike, which stays sensible within a factor of two.
    """
    low, high = natural_bounds(routine, feet)
    lo = max(MIN_MINUTES, math.floor(low / 60 / 2))
    hi = min(MAX_MINUTES, max(lo, math.ceil(high / 60 * 2)))
    return lo, hi


def step_minutes(routine: Routine, feet: int, minutes: float | None, step: int) -> float:
    """The target after pressing shorter (-1) or longer (+1): whole minutes, kept inside the bounds.

    From the natural length (``None``) it starts at the natural length rounded to a minute; from a
    target outside the bounds (given on the command line) it comes back to the nearest bound.
    """
    lo, hi = minute_bounds(routine, feet)
    start = minutes if minutes is not None else fit_routine(routine, feet).total_seconds / 60
    # Halves up, as format_range rounds the natural length shown: from "11 min", + gives 12, never 11.
    return float(max(lo, min(hi, math.floor(start + 0.5) + step)))


@dataclass(frozen=True)
class LengthView:
    """What the length row and the line under it show."""

    value: str
    """The length row's value: "24 min"."""
    note: str
    """Beside the value: "natural" or how to get back to it."""
    detail: str
    """Per foot and in total, as clocks, then the range the steps allow (two lines)."""
    short: str
    """The total and the range on one line, for a short terminal: "33:08 · range 26-40 min"."""
    warning: str
    """The fit's note when the target cannot be met inside the ranges, else ""."""
    fit: Fit


def length_view(routine: Routine, feet: int, minutes: float | None) -> LengthView:
    """Everything the screen says about the length for this routine, feet and target."""
    fit = fit_routine(routine, max(1, feet), minutes)
    low, high = natural_bounds(routine, feet)
    span = format_range(low, high)  # rounded as coach list and the README round it
    per_foot = f"per foot {clock(fit.per_foot_seconds)} · " if feet > 1 else ""
    detail = f"{per_foot}total {clock(fit.total_seconds)}\nroutine range: {span}"
    short = f"{clock(fit.total_seconds)} · range {span}"
    if minutes is None:
        natural = format_range(fit.total_seconds, fit.total_seconds)
        return LengthView(natural, "natural", detail, short, "", fit)
    reachable = low <= minutes * 60 <= high and fit.exact
    warning = "" if reachable else fit.note
    return LengthView(f"{whole_minutes(minutes)} min", "0 resets", detail, short, warning, fit)
