"""The routines model: frozen dataclasses read from ``routines.toml``.

This module is the single source of truth's typed face. It never imports textual:
the session engine, the command line and the screens all read these types.
Loading and validation live in :mod:`coach.routines.load`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Mode = Literal["self", "partner"]
"""Who is massaged: your own feet (``self``) or a partner's (``partner``)."""

Foot = Literal["left", "right"]
"""Which foot a segment works on."""

Zone = Literal["toes", "ball", "arch", "heel", "top", "ankle", "whole"]
"""The area of the foot a step works, used by the foot map."""

Pressure = Literal["light", "gentle", "moderate", "firm"]
"""How hard to press. The routines aim at relaxation, never deep tissue work."""

PhaseKind = Literal["timed", "reps", "holds"]
"""A phase is either a stretch of time, a counted set of repetitions, or a set of held points."""

MODES: tuple[Mode, ...] = ("self", "partner")
FEET: tuple[Foot, ...] = ("left", "right")
ZONES: tuple[Zone, ...] = ("toes", "ball", "arch", "heel", "top", "ankle", "whole")
PRESSURES: tuple[Pressure, ...] = ("light", "gentle", "moderate", "firm")

MIN_MINUTES = 1
"""The shortest session length one may ask for, in minutes (the command line, settings and setup)."""
MAX_MINUTES = 180
"""The longest session length one may ask for, in minutes: three hours, far past any shipped routine."""


@dataclass(frozen=True)
class Duration:
    """A length of time in seconds that may be a range, as the articles give them ("2-3 minutes")."""

    low: float
    high: float

    @property
    def middle(self) -> float:
        """The midpoint of the range: the default when no target length is asked for."""
        return (self.low + self.high) / 2

    def clamp(self, seconds: float) -> float:
        """``seconds`` held inside the range."""
        return min(self.high, max(self.low, seconds))


@dataclass(frozen=True)
class Texts:
    """An instruction worded for each mode; ``self_text``/``partner_text`` fall back to ``text``."""

    text: str
    self_text: str | None = None
    partner_text: str | None = None

    def for_mode(self, mode: Mode) -> str:
        """The wording for ``mode``."""
        specific = self.self_text if mode == "self" else self.partner_text
        return specific if specific is not None else self.text


@dataclass(frozen=True)
class BreathingPattern:
    """A paced breath: inhale, hold, exhale, hold, in seconds (holds may be 0)."""

    id: str
    name: str
    inhale: float
    hold_in: float
    exhale: float
    hold_out: float
    description: str = ""

    @property
    def cycle(self) -> float:
        """Seconds in one whole breath."""
        return self.inhale + self.hold_in + self.exhale + self.hold_out


@dataclass(frozen=True)
class Choice:
    """One option of a setup item, e.g. lavender oil."""

    id: str
    label: str
    note: str = ""


@dataclass(frozen=True)
class SetupItem:
    """One thing to prepare before starting (dim the lights, towel, oil...)."""

    id: str
    label: str
    detail: str = ""
    modes: tuple[Mode, ...] = MODES
    choices: tuple[Choice, ...] = ()


@dataclass(frozen=True)
class Phase:
    """One part of a step.

    ``timed``: ``duration`` is the whole phase. ``reps``: ``count`` repetitions, ``duration`` per rep.
    ``holds``: ``count`` points, each held for ``duration`` then released for ``release`` seconds.
    """

    id: str
    title: str
    texts: Texts
    kind: PhaseKind
    duration: Duration
    count: int = 1
    release: float = 0.0
    zone: Zone | None = None
    cue: str = ""
    """A few words to read from across the room and to hear ("Circles, clockwise"); "" for none."""
    rep_name: str = ""
    """What one rep or hold point is called ("toe", "circle", "point"): the counter reads "Toe 2 of 5"."""
    optional: bool = False
    """Extra to the routine (the source treats it as such): fitting may leave it out to meet a length."""
    leave_out_order: int | None = None
    """Among optional parts, which go first when some must be left out: 1 first, then 2...; parts with the
    same number go together; optional parts without a number go last, the later in the routine first."""

    @property
    def total(self) -> Duration:
        """The phase's whole length as a range, counting every rep, hold and release."""
        if self.kind == "timed":
            return self.duration
        extra = self.release * self.count if self.kind == "holds" else 0.0
        return Duration(self.duration.low * self.count + extra, self.duration.high * self.count + extra)


@dataclass(frozen=True)
class Step:
    """One step of a routine, done on each foot in turn; it always has at least one phase."""

    id: str
    title: str
    texts: Texts
    zone: Zone
    pressure: Pressure
    phases: tuple[Phase, ...]
    benefit: str = ""
    breathing: str | None = None
    cue: str = ""
    """The step's short cue; a phase without a cue of its own shows this one."""

    @property
    def optional(self) -> bool:
        """True when every phase of the step is optional: leaving them all out leaves out the step."""
        return all(p.optional for p in self.phases)

    @property
    def total(self) -> Duration:
        """The step's length on one foot as a range."""
        return Duration(sum(p.total.low for p in self.phases), sum(p.total.high for p in self.phases))


@dataclass(frozen=True)
class Routine:
    """A named routine: its steps, done per foot with a towel transition between feet."""

    id: str
    name: str
    description: str
    steps: tuple[Step, ...]
    breathing: str
    benefits: tuple[str, ...] = ()
    source: str = ""
    lead_in: float = 20.0
    transition: Texts = field(
        default_factory=lambda: Texts("Wrap this foot warmly in the towel, then move to the other foot.")
    )
    transition_seconds: float = 30.0
    transition_cue: str = "Wrap this foot in the towel"
    """The towel change's short cue, read from afar and spoken."""

    @property
    def per_foot(self) -> Duration:
        """The length of all steps on one foot, as a range."""
        return Duration(sum(s.total.low for s in self.steps), sum(s.total.high for s in self.steps))

    def step(self, step_id: str) -> Step:
        """The step with ``step_id``; ``KeyError`` when there is none."""
        for s in self.steps:
            if s.id == step_id:
                return s
        raise KeyError(step_id)


@dataclass(frozen=True)
class Library:
    """Everything a routines file holds, plus the path it came from."""

    path: str
    setup: tuple[SetupItem, ...]
    safety: tuple[str, ...]
    breathing: dict[str, BreathingPattern]
    routines: dict[str, Routine]
    default_routine: str
    language: str = "en"
    """The language the file is written in (its top-level ``language`` key): the voice speaks it."""

    def routine(self, routine_id: str | None = None) -> Routine:
        """The routine with ``routine_id``, or the default one; ``KeyError`` when unknown."""
        return self.routines[routine_id or self.default_routine]

    def breathing_for(self, routine: Routine, step: Step | None = None) -> BreathingPattern:
        """The breathing pattern a step uses: its own, else its routine's."""
        pattern_id = step.breathing if step is not None and step.breathing else routine.breathing
        return self.breathing[pattern_id]

    def setup_for(self, mode: Mode) -> tuple[SetupItem, ...]:
        """The setup checklist for ``mode`` (some items only apply to partner mode)."""
        return tuple(item for item in self.setup if mode in item.modes)
