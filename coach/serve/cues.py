"""What a served session's page hears for a session's events: a tone and the words to speak.

The page speaks where the terminal only rings its bell: each part's short ``cue`` from the routines
file as it starts, else its title (also after a key, so skipping says where you landed), the foot
changes, "Release" at the end of each hold, and a closing chord with "Well done" at a finished session.
Tones come only from the clock, never from a key the user just pressed (as the terminal's chime).
Pure: a function of the events and the plan."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coach.engine import Event, Plan
from coach.serve.channel import Chime


@dataclass(frozen=True)
class SpokenCue:
    """One cue for the page: a tone (or none), then words (or none)."""

    tone: Chime | None
    words: str


def page_cues(events: Sequence[Event], plan: Plan, from_clock: bool) -> list[SpokenCue]:
    """The cues for one batch of events (what one update of the session returned), in order."""
    found: list[SpokenCue] = []
    for event in events:
        if event.kind == "foot_changed":
            found.append(SpokenCue("bell" if from_clock else None, event.message))
        elif event.kind == "segment_started":
            # After a foot change the bell has rung already: one bell, then both sentences.
            after_foot = bool(found) and found[-1].words.startswith("Now the")
            segment = plan.segments[event.index]
            found.append(SpokenCue("bell" if from_clock and not after_foot else None,
                                   segment.cue or event.message))
        elif event.kind == "hold_released" and from_clock:
            found.append(SpokenCue("tock", event.message))
        elif event.kind == "session_finished" and from_clock:
            done = event.message == "Session complete"
            found.append(SpokenCue("chord", "Well done" if done else ""))
    return found
