"""What to sound for what happened: cues as a pure function of a session's events, its plan and the settings.

No clock, no files, no processes here, so every cue of a whole routine can be checked in a test. The
person receiving the massage is part of the design: the ``quiet`` level (the default in partner mode)
sounds only step, foot and end changes, softly; the ``full`` level adds every part, rep, hold, release,
pause and "next" announcement.

Words are fitted to the time they have (:mod:`coach.sound.length`): a part's whole instruction is said
only when it ends before the next cue that matters (a new rep, a release, the next part), else its
short cue; "Next: ..." is left out while earlier words are still being said or when it would be cut
off; and each thing is said once, never the short cue and the instruction that says the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from coach.engine import Event, EventKind, Plan, Segment
from coach.engine.events import marks
from coach.sound.config import SoundConfig
from coach.sound.length import fits, margin, speech_seconds

Tone = Literal["bell", "tick", "tock", "chord"]
"""The generated sounds: a soft bell for a new step or foot, a wood-like tick when a hold starts, a lower
tock for a release (and halfway), a closing chord at the end."""
TONES: tuple[Tone, ...] = ("bell", "tick", "tock", "chord")
TONE_SECONDS: dict[Tone, float] = {"bell": 1.6, "tick": 0.16, "tock": 0.2, "chord": 2.8}
"""Each tone's length (:mod:`coach.sound.chimes` makes them so): a cue's words follow its tone."""

CueKind = Literal[
    "step", "foot", "part", "hold", "rep", "release", "halfway", "next", "pause", "resume", "end"
]

PRIORITY: dict[CueKind, int] = {
    "end": 5, "foot": 4, "step": 4, "part": 3, "pause": 3, "resume": 3,
    "hold": 2, "rep": 2, "release": 2, "next": 1, "halfway": 0,
}
"""A new cue cuts off one still playing when its priority is at least as high (a step change beats a tick;
skipping through steps quickly always says where you landed)."""
ARRIVALS: frozenset[CueKind] = frozenset({"step", "foot", "part", "hold"})
"""Cues that say where the session now is: a newer one makes an older one wrong, whatever their priority
(two quick presses of "next" must end on the second part's name)."""
QUIET_KINDS: frozenset[CueKind] = frozenset({"step", "foot", "end"})
"""All the quiet level sounds. A new rep is not among them: the quiet level promises the person lying
there only step, foot and end changes (five ticks for five toes would be exactly what it spares them)."""
MATTERS: frozenset[EventKind] = frozenset({"rep_started", "hold_released"})
"""Moments inside a part whose cue a person acts on (move to the next toe, let go): at the full level,
words before them must end in time. The end of the part always matters."""


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
    if kind in ("segment_started", "rep_started", "hold_released", "halfway", "ending_soon"):
        length = event.length or plan.segments[index].seconds
        script = segment_script(plan, index, length, config, foot_changed)
        if kind == "segment_started":
            return script[0][2]
        # The scripted moment of this kind nearest the event's (events built by hand may lack it).
        moments = [(abs(at - event.at), cue) for at, what, cue in script[1:] if what == kind]
        return min(moments, key=lambda pair: pair[0])[1] if moments else None
    if kind == "paused":
        return Cue("pause", index, "tock", "Paused" if english else "")
    if kind == "resumed":
        return Cue("resume", index, "tick", "Resumed" if english else "")
    if kind == "session_finished":
        done = event.message == "Session complete"
        return Cue("end", index, "chord", "Well done" if done and english else "")
    return None  # hold_min_reached and suspended: shown on screen, not worth a sound at the bedside


Scripted = tuple[float, EventKind, Cue | None]
"""(seconds into the segment, the event that sounds it, the cue or None for silence)."""


def segment_script(
    plan: Plan, index: int, length: float, config: SoundConfig, foot_changed: bool = False
) -> list[Scripted]:
    """Every cue of segment ``index`` played ``length`` seconds long, in order, its arrival first.

    Each cue's words are chosen knowing what was said before it and what comes after: words start only
    when the words before them have ended, and end (with a margin) before the next cue that matters.
    """
    seg = plan.segments[index]
    full = config.level_for(plan.mode) == "full"
    moments = marks(plan, index, length)
    matter = [m.at for m in moments if m.kind in MATTERS] if full else []

    def room_after(at: float) -> float:
        return min([t for t in matter if t > at] + [length]) - at

    arrival = _arrival(plan, index, config, foot_changed, room_after(0.0))
    # Until when words are (or may still be) said: their estimated end plus the estimate's margin. A
    # tone alone is not counted: it is exact and short, and whatever follows waits a moment for it.
    busy = _said_until(arrival, 0.0, config) if full or arrival.kind in QUIET_KINDS else 0.0
    script: list[Scripted] = [(0.0, "segment_started", arrival)]
    rep = 1
    for mark in moments:
        room, talking = room_after(mark.at), busy > mark.at
        cue: Cue | None = None
        if mark.kind == "rep_started":
            rep += 1
            cue = _rep(seg, rep, room, talking, config)
        elif mark.kind == "hold_released":
            words = "Release" if config.english and not talking else ""
            cue = Cue("release", index, "tock", _fitted("tock", [words], room, config, keep_last=False))
        elif mark.kind == "halfway" and not talking and not (seg.kind == "reps" and seg.reps > 1):
            cue = Cue("halfway", index, "tock", "")  # a counted part's reps already mark its progress
        elif mark.kind == "ending_soon" and not talking and config.english:
            said = _fitted(None, _next_words(plan, index), room, config, keep_last=False)
            cue = Cue("next", index, None, said) if said else None
        if cue is not None and (full or cue.kind in QUIET_KINDS):
            busy = max(busy, _said_until(cue, max(busy, mark.at), config))
        script.append((mark.at, mark.kind, cue))
    return script


def _rep(seg: Segment, number: int, room: float, talking: bool, config: SoundConfig) -> Cue:
    """A new rep: a tick, and its name and number ("Toe 3") when the part names its reps, nothing is
    being said and the words end before the next rep; by ear "of 5" adds little every few seconds."""
    name = seg.rep_name.strip()
    words = f"{name[:1].upper()}{name[1:]} {number}" if name and not talking else ""
    return Cue("rep", seg.index, "tick", _fitted("tick", [words], room, config, keep_last=False))


def _said_until(cue: Cue, start: float, config: SoundConfig) -> float:
    """When the words of ``cue``, sounded from ``start``, may still be being said; ``start`` for none."""
    if not (cue.words and config.voice):
        return start
    sounding = _seconds(cue, config)
    return start + sounding + margin(sounding)


def _seconds(cue: Cue, config: SoundConfig) -> float:
    """About how long ``cue`` sounds: its tone, then its words if the voice is on."""
    tone = TONE_SECONDS[cue.tone] if cue.tone is not None else 0.0
    return tone + (speech_seconds(cue.words, config.rate) if config.voice else 0.0)


def _fitted(
    tone: Tone | None, choices: Sequence[str], room: float, config: SoundConfig, keep_last: bool = True
) -> str:
    """The first of ``choices`` (longest first) that, after ``tone``, ends in time within ``room``
    seconds; the last one anyway when ``keep_last`` (an arrival always says where you are), else ""."""
    before = TONE_SECONDS[tone] if tone is not None else 0.0
    for words in choices:
        if words and fits(before + speech_seconds(words, config.rate), room):
            return words
    return choices[-1] if keep_last and choices else ""


def _arrival(plan: Plan, index: int, config: SoundConfig, foot_changed: bool, room: float) -> Cue:
    """Arriving at a segment: a new step (bell and title), a part of one, the next hold point, the towel.

    In guide mode the whole instruction is said when it fits in ``room`` (the time until the next cue
    that matters), else the short cue, as in brief mode."""
    seg = plan.segments[index]
    english = config.english
    guide = config.guide
    if seg.kind == "transition":
        return Cue("foot", index, "bell", _fitted("bell", _towel_words(plan, seg, config), room, config))
    if seg.kind == "lead_in":
        # The lead-in's words are coach's own English; another language gets the bell alone.
        title = spoken_title(seg)
        choices = [_guide_words("", title, "", seg.text), _sentences(title)] if guide else [_sentences(title)]
        return Cue("step", index, "bell", _fitted("bell", choices, room, config) if english else "")
    first, _last = plan.step_span(index)
    title = spoken_title(seg)
    if index == first:
        foot = ""
        if english and (foot_changed or _foot_before(plan, index) is None):
            foot = f"{seg.foot.capitalize()} foot" if seg.foot else ""
        choices = [_sentences(foot, title)]
        if guide:
            choices.insert(0, _guide_words(foot, title, seg.step_text, seg.text))
        return Cue("foot" if foot_changed else "step", index, "bell", _fitted("bell", choices, room, config))
    before = plan.segments[index - 1]
    if seg.kind == "hold" and before.phase_id == seg.phase_id and seg.point > 1:
        name = (seg.rep_name or "point").capitalize()
        choices = [f"{name} {seg.point} of {seg.points}", f"{name} {seg.point}"] if english else [""]
        return Cue("hold", index, "tick", _fitted("tick", choices, room, config))
    choices = [_sentences(title)]
    if guide:
        choices.insert(0, _guide_words("", title, "", seg.text))
    return Cue("part", index, "tick", _fitted("tick", choices, room, config))


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


def _towel_words(plan: Plan, seg: Segment, config: SoundConfig) -> list[str]:
    """The towel change, longest first: the routine's cue and which foot comes next, "Wrap the left foot
    in the towel; right foot next." (in another language, the routine's own words alone), after the
    whole instruction in guide mode."""
    later = [s.foot for s in plan.segments[seg.index + 1:] if s.is_step and s.foot is not None]
    nxt = later[0] if later else None
    if not config.english:
        brief = _sentences(seg.cue)
        return [_guide_words("", seg.cue, "", seg.text), brief] if config.guide else [brief]
    short = seg.cue or "Wrap this foot in the towel"
    if seg.foot:  # by ear, "this foot" is less clear than its name
        short = short.replace("this foot", f"the {seg.foot} foot", 1)
    brief = _sentences(short + (f"; {nxt} foot next" if nxt else ""))
    if not config.guide:
        return [brief]
    if seg.text and _says(short, seg.text):  # the instruction wraps the foot already: say it once
        whole = _sentences(seg.text, f"{nxt.capitalize()} foot next" if nxt else "")
    else:
        whole = _sentences(brief, seg.text)
    return [whole, brief]


def _next_words(plan: Plan, index: int) -> list[str]:
    """What comes next, said a few seconds ahead, longest first: "Next: Ball of the foot points, right
    foot", then without the foot (the towel change has said it)."""
    if index + 1 >= len(plan.segments):
        return ["Last moments"]
    seg, nxt = plan.segments[index], plan.segments[index + 1]
    words = f"Next: {spoken_title(nxt)}"
    if nxt.is_step and nxt.foot is not None and seg.foot is not None and nxt.foot != seg.foot:
        return [f"{words}, {nxt.foot} foot", words]
    return [words]


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


_STOP_WORDS = frozenset({
    "a", "an", "and", "as", "at", "by", "each", "for", "from", "in", "into", "is", "it", "its", "of", "on",
    "one", "or", "so", "the", "their", "then", "them", "they", "this", "to", "up", "with", "you", "your",
})
"""Words that say nothing about what to do: two sentences sharing them do not say the same thing."""


def _content(text: str) -> set[str]:
    """The words of ``text`` that carry its meaning, lower case, a plural "s" dropped."""
    found: set[str] = set()
    for word in re.findall(r"[^\W\d_]+", text.lower()):
        if word in _STOP_WORDS:
            continue
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        found.add(word)
    return found


def _says(piece: str, other: str) -> bool:
    """Whether ``other`` already says what ``piece`` says: at least half of its meaningful words."""
    words = _content(piece)
    return bool(words) and 2 * len(words & _content(other)) >= len(words)


def _guide_words(lead: str, title: str, step_text: str, text: str) -> str:
    """A part's whole instruction, each thing said once: ``lead`` (the foot), the short cue unless the
    instruction says it, the step's words unless they open by saying what the part's words say (the
    closing step's "Finish with long strokes" before "Long, slow, gliding strokes"), then the part's."""
    if step_text and text and _says(re.split(r"[,;:.]", step_text, maxsplit=1)[0], text):
        step_text = ""
    instruction = _sentences(step_text, text)
    if instruction and _says(title, instruction):
        title = ""
    return _sentences(lead, title, instruction)
