"""When the player wakes: exact deadlines from the session, and redraws at the rate the eye needs.

Pure arithmetic on a :class:`SessionState` (no textual), so it can be checked without a screen.
"""

from __future__ import annotations

from coach.engine import SessionState
from coach.wording import until_change

DEADLINE_SLACK = 0.001
"""Timers may wake a hair early; waking just after the deadline makes one wake enough."""
FRAME_SLACK = 0.002
"""Redraw just after a shown second changes, never just before it."""
BREATH_FRAME = 0.25
"""The breathing bar moves four times a second: smooth to the eye for a slow breath, light on the machine."""
RING_ON = frozenset({"segment_started", "hold_released", "session_finished"})
"""Events worth the terminal bell (when no sound player works) when they come from the clock, never
from a key the user just pressed."""
CUE_SECONDS = 1.2
"""How long the visual cue (a dimmer shade of the head) lasts when no sound can play."""


def frame_delay(state: SessionState, animate: bool) -> float:
    """Seconds until anything shown changes: a shown second, a rep, the breath word, or (when
    ``animate``) the breathing bar while it grows or shrinks."""
    delays = [until_change(state.left)]
    segment = state.segment
    if segment.kind == "hold" and state.hold_phase == "hold":
        delays.append(until_change(state.hold_left))
    if segment.kind == "reps" and segment.reps > 0 and state.length > 0:
        rep_length = state.length / segment.reps
        delays.append(rep_length - (state.elapsed % rep_length))
    breath = state.breath
    if breath is not None:
        moving = animate and breath.phase in ("inhale", "exhale")
        delays.append(min(BREATH_FRAME, breath.left) if moving else breath.left)
    return max(0.0, min(delays)) + FRAME_SLACK
