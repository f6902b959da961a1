"""Paced breathing: which part of the breath a moment falls in, derived from time alone."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from coach.routines import BreathingPattern

BreathPhase = Literal["inhale", "hold_in", "exhale", "hold_out"]

WORDS: dict[BreathPhase, str] = {
    "inhale": "Breathe in",
    "hold_in": "Hold the breath",
    "exhale": "Breathe out",
    "hold_out": "Rest",
}
"""What the breathing cue says: never a bare "Hold", which a hand on a hold point would take as its own."""


@dataclass(frozen=True)
class BreathState:
    """Where a breath is at one moment: the phase, the word to show, and how far through it."""

    phase: BreathPhase
    word: str
    left: float
    """Seconds left in this breath phase."""
    fraction: float
    """0..1 through this breath phase."""
    fullness: float
    """0..1 lungs: rises over inhale, 1 on hold_in, falls over exhale, 0 on hold_out."""
    length: float = 0.0
    """Seconds the whole phase lasts."""


def breath_at(pattern: BreathingPattern, seconds: float) -> BreathState | None:
    """The breath ``seconds`` after the pattern began (modulo its cycle); ``None`` for an empty pattern.

    Phases of zero length are skipped, so a 4-0-6-0 pattern alternates inhale and exhale only.
    """
    parts: list[tuple[BreathPhase, float]] = [
        ("inhale", pattern.inhale),
        ("hold_in", pattern.hold_in),
        ("exhale", pattern.exhale),
        ("hold_out", pattern.hold_out),
    ]
    parts = [(name, length) for name, length in parts if length > 0]
    cycle = sum(length for _, length in parts)
    if cycle <= 0 or not math.isfinite(seconds):
        return None
    t = max(0.0, seconds) % cycle
    name, length = parts[-1]
    for part, part_length in parts:
        if t < part_length:
            name, length = part, part_length
            break
        t -= part_length
    else:  # floating point left t a hair past the last phase: it is the very end of the cycle
        t = length
    fraction = min(1.0, max(0.0, t / length))
    return BreathState(name, WORDS[name], max(0.0, length - t), fraction, _fullness(name, fraction), length)


def _fullness(phase: BreathPhase, fraction: float) -> float:
    if phase == "inhale":
        return fraction
    if phase == "exhale":
        return 1.0 - fraction
    return 1.0 if phase == "hold_in" else 0.0
