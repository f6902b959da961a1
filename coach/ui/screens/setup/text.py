"""The setup screen's words and length arithmetic (no textual): plain functions, easy to test.

The length stepper moves a target in whole minutes between the shortest and the longest the routine
does well; :func:`coach.routines.fit.fit_routine` says what that target really gives, in plain words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coach.routines import BreathingPattern, Foot, Library, Mode, Routine
from coach.routines.model import MAX_MINUTES, MIN_MINUTES
from coach.wording import clock, format_range, plural, short_minutes, whole_minutes

if TYPE_CHECKING:
    from coach.routines.fit import Fit, Offer

# The fitting (coach.routines.fit) is imported where a length is worked out, not with this module: the
# setup screen needs these words before its session panel shows a length.

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
    if "(" in head and not rest:  # "terminal bell (no sound player)"
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
    """The session's length in seconds with every part at the low, then the high end of its range (the
    lead-in and towel change as written): the routine's range, as ``coach list`` gives it."""
    feet = max(1, feet)
    fixed = routine.lead_in + (feet - 1) * routine.transition_seconds
    return fixed + feet * routine.per_foot.low, fixed + feet * routine.per_foot.high


def minute_bounds(routine: Routine, feet: int) -> tuple[int, int]:
    """The target minutes the stepper allows: from the shortest this routine does well on these feet
    (optional parts left out, timed parts at their floor) to its longest, in whole minutes inside them.

    A length beyond them can still come from the command line; the plan line then says what it does.
    """
    from coach.routines.fit import longest_seconds, shortest_seconds

    shortest, longest = shortest_seconds(routine, feet), longest_seconds(routine, feet)
    lo = min(MAX_MINUTES, max(MIN_MINUTES, math.ceil(shortest / 60 - 1e-9)))
    hi = min(MAX_MINUTES, max(lo, math.floor(longest / 60 + 1e-9)))
    return lo, hi


def step_minutes(routine: Routine, feet: int, minutes: float | None, step: int) -> float:
    """The target after pressing shorter (-1) or longer (+1): whole minutes, kept inside the bounds.

    From the natural length (``None``) it starts at the natural length rounded to a minute; from a
    target outside the bounds (given on the command line) it comes back to the nearest bound.
    """
    from coach.routines.fit import fit_routine

    lo, hi = minute_bounds(routine, feet)
    start = minutes if minutes is not None else fit_routine(routine, feet).total_seconds / 60
    # Halves up, as format_range rounds the natural length shown: from "11 min", + gives 12, never 11.
    return float(max(lo, min(hi, math.floor(start + 0.5) + step)))


@dataclass(frozen=True)
class LengthView:
    """What the length row and the lines under it show."""

    value: str
    """The length row's value: "24 min"."""
    note: str
    """Beside the value: "natural" or how to get back to it."""
    detail: str
    """Per foot and in total, as clocks, then the range the steps allow (two lines)."""
    short: str
    """The total and the range on one line, for a short terminal: "33:08 · range 26-40 min"."""
    plan: str
    """With a length asked for: the plan chosen and why, in one or two plain sentences (and, when the
    length is out of reach, what fits instead); "" at the natural length."""
    refused: bool
    """The length asked for is out of this routine's reach (too short, or more than it does well)."""
    fit: Fit


def plan_line(fit: Fit, offers: tuple[Offer, ...], minutes: float) -> str:
    """The plan chosen and why, short enough for the session panel (the length row above gives the
    minutes asked for, the line below the clocks): ``coach plan`` says the same at length.

    "Fits: every part inside its range." · "Fits without 2 extras: timed parts shortened, holds and
    reps in range." · "Too short: it plays its shortest. Instead: one foot only, Nightly wind-down." ·
    "More than it does well: it plays its longest."
    """
    if fit.status == "too_short":
        extras = " (extras left out)" if fit.left_out else ""
        if offers:
            instead = "Instead: " + ", ".join(offer.text for offer in offers) + "."
        else:
            instead = f"Nothing fits {short_minutes(minutes * 60)}."
        return f"Too short: it plays its shortest{extras}. {instead}"
    if fit.status == "longest":
        return "More than it does well: it plays its longest."
    left = len(fit.left_out)
    fits = f"Fits without {plural(left, 'extra')}" if left else "Fits"
    how = {
        "shortened": "timed parts shortened, holds and reps in range.",
        "lengthened": "timed parts lengthened, holds and reps in range.",
    }.get(fit.status, "every part inside its range.")
    return f"{fits}: {how}"


def length_view(
    routine: Routine, feet: int, minutes: float | None, library: Library | None = None
) -> LengthView:
    """Everything the screen says about the length for this routine, feet and target; with ``library``,
    a length too short for the routine also says what fits instead (one foot, another routine)."""
    from coach.routines.fit import fit_routine, offers_for

    fit = fit_routine(routine, max(1, feet), minutes)
    low, high = natural_bounds(routine, feet)
    span = format_range(low, high)  # rounded as coach list and the README round it
    per_foot = f"per foot {clock(fit.per_foot_seconds)} · " if feet > 1 else ""
    detail = f"{per_foot}total {clock(fit.total_seconds)}\nroutine range: {span}"
    short = f"{clock(fit.total_seconds)} · range {span}"
    if minutes is None:
        natural = format_range(fit.total_seconds, fit.total_seconds)
        return LengthView(natural, "natural", detail, short, "", False, fit)
    offers = offers_for(library, routine.id, max(1, feet), minutes) if library is not None else ()
    plan = plan_line(fit, offers, minutes)
    refused = fit.status in ("too_short", "longest")
    return LengthView(f"{whole_minutes(minutes)} min", "0 resets", detail, short, plan, refused, fit)
