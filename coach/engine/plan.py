"""The plan: a routine expanded into the ordered timeline of segments a session plays.

Order: an optional "Get ready" lead-in; then for each foot every step's phases (a timed phase is one
segment, a reps phase is one segment with a rep counter, a holds phase is one segment per point, each a
hold then a short release); between two feet a transition segment ("wrap this foot in a towel").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from coach.routines import BreathingPattern, Foot, Library, Mode, Phase, Pressure, Routine, Step, Zone
from coach.routines.fit import Fit, fit_routine

SegmentKind = Literal["lead_in", "timed", "reps", "hold", "transition"]

LEAD_IN_TITLE = "Get ready"
TRANSITION_TITLE = "Wrap in a towel"
_LEAD_IN_CUE: dict[Mode, str] = {
    "self": "Settle in and slow your breath",
    "partner": "Settle in and breathe together",
}
_LEAD_IN_TEXT: dict[Mode, str] = {
    "self": "Settle in comfortably, warm a little oil between your palms and let your breath slow down.",
    "partner": "Help your partner settle in, warm a little oil between your palms and breathe slowly "
    "together.",
}


@dataclass(frozen=True)
class Segment:
    """One stretch of the timeline: what to do, on which foot, for how long, and where it sits."""

    index: int
    kind: SegmentKind
    title: str
    step_title: str
    text: str
    step_id: str | None
    phase_id: str | None
    foot: Foot | None
    zone: Zone | None
    pressure: Pressure | None
    benefit: str
    breathing: BreathingPattern | None
    seconds: float
    start: float
    reps: int = 0
    point: int = 0
    points: int = 0
    hold_seconds: float = 0.0
    hold_min: float = 0.0
    minimum: float = 0.0
    """What playing this segment must reach for its step to count as done: a hold's minimum hold, every
    rep at the low end of its range, a timed part's fitted length; 0 for the lead-in and towel change."""
    step_text: str = ""
    """The step's own instruction for the mode, on the segments of the step's first part only, when
    that part has words of its own (how to hold the foot, above what to do now); "" otherwise. Later
    parts carry their own words, so a step's opening never sits above a part it does not fit."""
    cue: str = ""
    """A few words to read from across the room and to hear: what to do now ("Circles, clockwise")."""
    rep_name: str = ""
    """What one rep or hold point is called ("toe"), for "Toe 2 of 5"; "" for the plain wording."""

    @property
    def end(self) -> float:
        """Planned seconds from the start of the plan to the end of this segment."""
        return self.start + self.seconds

    @property
    def is_step(self) -> bool:
        """True for the massage itself (timed, reps, hold), false for the lead-in and transition."""
        return self.kind in ("timed", "reps", "hold")

    @property
    def release_seconds(self) -> float:
        """For a hold segment, the release after the hold part; 0 otherwise."""
        return max(0.0, self.seconds - self.hold_seconds) if self.kind == "hold" else 0.0


@dataclass(frozen=True)
class Plan:
    """A routine laid out as segments for a mode and the chosen feet, with the fit that sized it."""

    routine: Routine
    mode: Mode
    feet: tuple[Foot, ...]
    segments: tuple[Segment, ...]
    fit: Fit

    @property
    def total(self) -> float:
        """The planned length in seconds: the sum of every segment, the end of the last one."""
        return self.segments[-1].end if self.segments else 0.0

    def step_span(self, index: int) -> tuple[int, int]:
        """First and last segment index of the step (on the same foot) that segment ``index`` belongs to.

        The lead-in and a transition are their own span.
        """
        seg = self.segments[index]
        if seg.step_id is None:
            return index, index
        first = index
        while first > 0 and self._same_step(self.segments[first - 1], seg):
            first -= 1
        last = index
        while last + 1 < len(self.segments) and self._same_step(self.segments[last + 1], seg):
            last += 1
        return first, last

    @staticmethod
    def _same_step(a: Segment, b: Segment) -> bool:
        return a.step_id == b.step_id and a.foot == b.foot


def build_plan(
    library: Library,
    routine_id: str | None = None,
    mode: Mode = "self",
    feet: tuple[Foot, ...] = ("left", "right"),
    minutes: float | None = None,
    lead_in: bool = True,
    breathing: str | None = None,
) -> Plan:
    """Expand a routine into its timeline for ``mode`` and ``feet``, fitted to ``minutes`` when given.

    ``breathing`` (a pattern id of the library) paces every segment instead of the routine's and the
    steps' own patterns; None keeps theirs.

    ``KeyError`` for an unknown routine id; ``ValueError`` when ``feet`` is empty or repeats a foot, or
    for an unknown breathing pattern (the message lists the known ones).
    """
    if not feet or len(set(feet)) != len(feet):
        raise ValueError(f"feet must be one or both feet, each once, got {feet!r}")
    if breathing is not None and breathing not in library.breathing:
        known = ", ".join(library.breathing) or "none"
        raise ValueError(f"unknown breathing pattern {breathing!r}; the patterns are: {known}")
    routine = library.routine(routine_id)
    fit = fit_routine(routine, feet=len(feet), minutes=minutes, lead_in=lead_in)
    override = library.breathing[breathing] if breathing is not None else None
    builder = _Builder(library, routine, mode, fit, override)
    # The lead-in and the towel change scale with the session; parts fitting left out are not played.
    if fit.lead_in_seconds > 0:
        builder.add_plain(
            "lead_in", LEAD_IN_TITLE, _LEAD_IN_TEXT[mode], fit.lead_in_seconds, None, _LEAD_IN_CUE[mode]
        )
    for number, foot in enumerate(feet):
        if number > 0 and fit.transition_seconds > 0:
            text, seconds = routine.transition.for_mode(mode), fit.transition_seconds
            builder.add_plain(
                "transition", TRANSITION_TITLE, text, seconds, feet[number - 1], routine.transition_cue
            )
        for step in routine.steps:
            for phase in step.phases:
                if (step.id, phase.id) in fit.unit_seconds:
                    builder.add_phase(step, phase, foot)
    return Plan(routine, mode, tuple(feet), tuple(builder.segments), fit)


class _Builder:
    """Appends segments, keeping each one's index and planned start."""

    def __init__(self, library: Library, routine: Routine, mode: Mode, fit: Fit,
                 breathing: BreathingPattern | None = None) -> None:
        self.library, self.routine, self.mode, self.fit = library, routine, mode, fit
        self.breathing = breathing
        """The chosen pattern for every segment, or None for the routine's and steps' own."""
        self.segments: list[Segment] = []
        self.at = 0.0

    def _breathing(self, step: Step | None = None) -> BreathingPattern:
        return self.breathing or self.library.breathing_for(self.routine, step)

    def add_plain(
        self, kind: SegmentKind, title: str, text: str, seconds: float, foot: Foot | None, cue: str
    ) -> None:
        """A lead-in or transition: no step, zone or pressure; the routine's breathing."""
        self._append(Segment(
            index=len(self.segments), kind=kind, title=title, step_title=title, text=text, step_id=None,
            phase_id=None, foot=foot, zone=None, pressure=None, benefit="",
            breathing=self._breathing(), seconds=seconds, start=self.at, cue=cue,
        ))

    def add_phase(self, step: Step, phase: Phase, foot: Foot) -> None:
        """A phase of a step on ``foot``: one segment, or one per point for holds."""
        unit = self.fit.unit_seconds[(step.id, phase.id)]
        count = max(1, phase.count)
        # Fitting keeps a hold inside its range, so the minimum hold is the range's low end.
        hold_min = min(unit, phase.duration.low)
        per_rep = min(unit, phase.duration.low)
        minimum = {"timed": unit, "reps": per_rep * count, "holds": hold_min}[phase.kind]
        # The phase says what to do now. The step's own words (how to hold the foot) open the step: they
        # stand above its first part only, so "turn the ankle" never sits above the heel circles.
        own, general = phase.texts.for_mode(self.mode), step.texts.for_mode(self.mode)
        first_part = bool(step.phases) and step.phases[0] is phase
        step_text = general if own and general != own and first_part else ""
        for point in range(1, (count if phase.kind == "holds" else 1) + 1):
            if phase.kind == "holds":
                title = f"{phase.title} {point} of {count}" if count > 1 else phase.title
            else:
                title = phase.title
            self._append(Segment(
                index=len(self.segments),
                kind="hold" if phase.kind == "holds" else phase.kind,
                title=title,
                step_title=step.title,
                text=own or general,
                step_id=step.id,
                phase_id=phase.id,
                foot=foot,
                zone=phase.zone or step.zone,
                pressure=step.pressure,
                benefit=step.benefit,
                breathing=self._breathing(step),
                seconds={"timed": unit, "reps": unit * count, "holds": unit + phase.release}[phase.kind],
                start=self.at,
                reps=count if phase.kind == "reps" else 0,
                point=point if phase.kind == "holds" else 0,
                points=count if phase.kind == "holds" else 0,
                hold_seconds=unit if phase.kind == "holds" else 0.0,
                hold_min=hold_min if phase.kind == "holds" else 0.0,
                minimum=minimum,
                step_text=step_text,
                cue=phase.cue or step.cue,
                rep_name=phase.rep_name,
            ))

    def _append(self, seg: Segment) -> None:
        self.segments.append(seg)
        self.at = seg.end
