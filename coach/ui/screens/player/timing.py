"""When the player wakes: exact deadlines from the session, and redraws at the rate the eye needs.

Pure arithmetic on a :class:`SessionState` (no textual), so it can be checked without a screen.
"""

from __future__ import annotations

import math

from coach.engine import SessionState
from coach.engine.breath import BreathState
from coach.wording import until_change

DEADLINE_SLACK = 0.001
"""Timers may wake a hair early; waking just after the deadline makes one wake enough."""
FRAME_SLACK = 0.002
"""Redraw just after a shown second changes, never just before it."""
BAR_STEPS_PER_SECOND = 1.0
"""The breathing bar takes whole steps through each breath phase, one a second (a 4 s breath in: four
steps), and each step is drawn with the countdown's next second: the breath is paced by the same tick
as the clock, and the bar never costs a frame of its own. A frame in Textual looks at every visible
widget of the screen, so a bar redrawn between the seconds (it was four times a second) cost more than
everything else the player draws."""
RING_ON = frozenset({"segment_started", "hold_released", "session_finished"})
"""Events worth the terminal bell (when no sound player works) when they come from the clock, never
from a key the user just pressed."""
CUE_SECONDS = 1.2
"""How long the visual cue (a dimmer shade of the head) lasts when no sound can play."""


def frame_delay(state: SessionState) -> float:
    """Seconds until anything shown changes: a shown second, a rep, or the breath word. The breathing
    bar's steps (see :data:`BAR_STEPS_PER_SECOND`) are drawn with these frames, never on their own."""
    delays = [until_change(state.left)]
    segment = state.segment
    if segment.kind == "hold" and state.hold_phase == "hold":
        delays.append(until_change(state.hold_left))
    if segment.kind == "reps" and segment.reps > 0 and state.length > 0:
        rep_length = state.length / segment.reps
        delays.append(rep_length - (state.elapsed % rep_length))
    if state.breath is not None:
        delays.append(state.breath.left)  # the word changes
    return max(0.0, min(delays)) + FRAME_SLACK


def bar_steps(breath: BreathState) -> int:
    """How many steps the bar takes through this breath phase (at least one)."""
    return max(1, math.floor(breath.length * BAR_STEPS_PER_SECOND + 1e-9))


def bar_fullness(breath: BreathState | None) -> float:
    """How full the breathing bar is drawn: the lungs' fullness in whole steps only (one a second), so
    the drawing changes at most once between two of the countdown's seconds."""
    if breath is None:
        return 0.0
    if breath.phase not in ("inhale", "exhale"):
        return breath.fullness
    steps = bar_steps(breath)
    done = min(steps, math.floor(breath.fraction * steps + 1e-9)) / steps
    return done if breath.phase == "inhale" else 1.0 - done
