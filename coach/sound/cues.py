"""What to sound for what happened: cues as a pure function of a session's events, its plan and the settings.

No clock, no files, no processes here, so every cue of a whole routine can be checked in a test. The
person receiving the massage is part of the design: the ``quiet`` level (the default in partner mode)
sounds only step, foot and end changes, softly; the ``full`` level adds every part, hold, release,
pause and "next" announcement.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from coach.engine import Event, Plan, Segment
from coach.sound.config import SoundConfig

Tone = Literal["bell", "tick", "tock", "chord"]
"""The generated sounds: a soft bell for a new step or foot, a wood-like tick when a hold starts, a lower
tock for a release (and halfway), a closing chord at the end."""
TONES: tuple[Tone, ...] = ("bell", "tick", "tock", "chord")

CueKind = Literal["step", "foot", "part", "hold", "release", "halfway", "next", "pause", "resume", "end"]

PRIORITY: dict[CueKind, int] = {
    "end": 5, "foot": 4, "step": 4, "part": 3, "pause": 3, "resume": 3,
    "hold": 2, "release": 2, "next": 1, "halfway": 0,
}
"""A new cue cuts off one still playing when its priority is at least as high (a step change beats a tick;
skipping through steps quickly always says where you landed)."""
ARRIVALS: frozenset[CueKind] = frozenset({"step", "foot", "part", "hold"})
"""Cues that say where the session now is: a newer one makes an older one wrong, whatever their priority
(two quick presses of "next" must end on the second part's name)."""
QUIET_KINDS: frozenset[CueKind] = frozenset({"step", "foot", "end"})
"""All the quiet level sounds."""


@dataclass(frozen=True)
class Cue:
    """One thing to sound: a tone, then words (either may be missing), and how much it matters."""

    kind: CueKind
    index: int
    """The segment it belongs to."""
    tone: Tone | None
    words: str
    """What to say, literally; "" for a tone alone."""
    soft: bool = False
    """Played at the quiet level's lower volume."""

    @property
    def priority(self) -> int:
        """Higher cuts lower; see :data:`PRIORITY`."""
        return PRIORITY[self.kind]

    def beats(self, other: Cue) -> bool:
        """Whether this cue, coming after ``other``, cuts it off (or replaces it while both wait)."""
        if self.kind in ARRIVALS and other.kind in ARRIVALS and self.index != other.index:
            return True
        return self.priority >= other.priority


def cues_for(events: Sequence[Event], plan: Plan, config: SoundConfig) -> list[Cue]:
    """The cues for one batch of events (those one :meth:`Session.update` returned), in order.

    A foot change and the step it lands on come as one cue ("Right foot. Relaxing effleurage"). With
    sound off there are none; with the voice off the tones stay and the words go.
    """
    if not config.sound:
        return []
    quiet = config.level_for(plan.mode) == "quiet"
    changed_foot = {event.index for event in events if event.kind == "foot_changed"}
    found: list[Cue] = []
    for event in events:
        cue = _cue(event, plan, config, event.index in changed_foot)
        if cue is None or (quiet and cue.kind not in QUIET_KINDS):
            continue
        words = cue.words if config.voice else ""
        if cue.tone is None and not words:
            continue
        found.append(Cue(cue.kind, cue.index, cue.tone, words, soft=quiet))
    return found


def arrival_cues(plan: Plan, index: int, config: SoundConfig) -> list[Cue]:
    """The cues sounded on arriving at segment ``index`` in play order: what to render ahead of time."""
    seg = plan.segments[index]
    events = [Event("segment_started", index, seg.title)]
    if index > 0 and seg.is_step and _foot_before(plan, index) not in (None, seg.foot):
        events.insert(0, Event("foot_changed", index, f"Now the {seg.foot} foot"))
    return cues_for(events, plan, config)


def all_words(cues: Iterable[Cue]) -> list[str]:
    """The words of ``cues`` that will be spoken, in order, without repeats."""
    seen: dict[str, None] = {}
    for cue in cues:
        if cue.words:
            seen.setdefault(cue.words)
    return list(seen)


def _cue(event: Event, plan: Plan, config: SoundConfig, foot_changed: bool) -> Cue | None:
    """The cue for one event before the level and voice filter it; None when it has none."""
    kind, index = event.kind, event.index
    english = config.english
    if kind == "segment_started":
        return _arrival(plan, index, config, foot_changed)
    if kind == "hold_released":
        return Cue("release", index, "tock", "Release" if english else "")
    if kind == "halfway":
        return Cue("halfway", index, "tock", "")
    if kind == "ending_soon":
        return Cue("next", index, None, _next_words(plan, index) if english else "")
    if kind == "paused":
        return Cue("pause", index, "tock", "Paused" if english else "")
    if kind == "resumed":
        return Cue("resume", index, "tick", "Resumed" if english else "")
    if kind == "session_finished":
        done = event.message == "Session complete"
        return Cue("end", index, "chord", "Well done" if done and english else "")
    return None  # hold_min_reached and suspended: shown on screen, not worth a sound at the bedside


def _arrival(plan: Plan, index: int, config: SoundConfig, foot_changed: bool) -> Cue:
    """Arriving at a segment: a new step (bell and title), a part of one, the next hold point, the towel."""
    seg = plan.segments[index]
    english = config.english
    if seg.kind == "transition":
        return Cue("foot", index, "bell", _towel_words(plan, seg, config))
    if seg.kind == "lead_in":
        # The lead-in's words are coach's own English; another language gets the bell alone.
        words = _sentences(spoken_title(seg), seg.text if config.guide else "") if english else ""
        return Cue("step", index, "bell", words)
    first, _last = plan.step_span(index)
    title = spoken_title(seg)
    if index == first:
        foot = ""
        if english and (foot_changed or _foot_before(plan, index) is None):
            foot = f"{seg.foot.capitalize()} foot" if seg.foot else ""
        text = _sentences(seg.step_text, seg.text) if config.guide else ""
        return Cue("foot" if foot_changed else "step", index, "bell", _sentences(foot, title, text))
    before = plan.segments[index - 1]
    if seg.kind == "hold" and before.phase_id == seg.phase_id and seg.point > 1:
        name = (seg.rep_name or "point").capitalize()
        words = f"{name} {seg.point} of {seg.points}" if english else ""
        return Cue("hold", index, "tick", words)
    return Cue("part", index, "tick", _sentences(title, seg.text if config.guide else ""))


def spoken_title(seg: Segment) -> str:
    """What names a segment aloud: the part's short ``cue`` where the routine gives one ("Circle the
    ankle, clockwise"), else its title without the "2 of 5" a hold point adds on screen."""
    if seg.cue:
        return seg.cue
    if seg.kind == "hold" and seg.points > 1:
        suffix = f" {seg.point} of {seg.points}"
        if seg.title.endswith(suffix):
            return seg.title[: -len(suffix)]
    return seg.title


def _towel_words(plan: Plan, seg: Segment, config: SoundConfig) -> str:
    """The towel change: the routine's cue and which foot comes next, "Wrap this foot in the towel;
    right foot next." (in another language, the routine's own words alone)."""
    later = [s.foot for s in plan.segments[seg.index + 1:] if s.is_step and s.foot is not None]
    nxt = later[0] if later else None
    if not config.english:
        return _sentences(seg.cue, seg.text if config.guide else "")
    short = seg.cue or "Wrap this foot in the towel"
    if seg.foot:  # by ear, "this foot" is less clear than its name
        short = short.replace("this foot", f"the {seg.foot} foot", 1)
    short += f"; {nxt} foot next" if nxt else ""
    return _sentences(short, seg.text if config.guide else "")


def _next_words(plan: Plan, index: int) -> str:
    """What comes next, said a few seconds ahead: "Next: Ball of the foot points", "..., right foot"."""
    if index + 1 >= len(plan.segments):
        return "Last moments"
    seg, nxt = plan.segments[index], plan.segments[index + 1]
    words = f"Next: {spoken_title(nxt)}"
    if nxt.is_step and nxt.foot is not None and seg.foot is not None and nxt.foot != seg.foot:
        words += f", {nxt.foot} foot"
    return words


def _foot_before(plan: Plan, index: int) -> str | None:
    """The foot of the last massage segment before ``index``; None when none came before."""
    for seg in reversed(plan.segments[:index]):
        if seg.is_step and seg.foot is not None:
            return seg.foot
    return None


def _sentences(*parts: str) -> str:
    """Non-empty parts joined as sentences, each ending in a full stop (or its own punctuation)."""
    out: list[str] = []
    for part in parts:
        part = part.strip()
        if part:
            out.append(part if part[-1] in ".!?;:" else part + ".")
    return " ".join(out)
