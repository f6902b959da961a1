"""What the screens hand back: the setup choices and the summary's ratings (plain data, no textual)."""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.routines import Foot, Mode


@dataclass(frozen=True)
class SetupChoice:
    """The setup screen's result: what to play and how.

    ``minutes`` None means the routine's natural length (every range's middle); ``breathing`` None
    means the routine's (and its steps') own breathing patterns, else a pattern id for every segment.
    """

    routine_id: str
    mode: Mode = "self"
    minutes: float | None = None
    feet: tuple[Foot, ...] = ("left", "right")
    oil: str | None = None
    ticked: frozenset[str] = field(default_factory=frozenset)
    breathing: str | None = None


@dataclass(frozen=True)
class Ratings:
    """How the person feels afterwards, 1 (not at all) to 5 (very); None when not rated."""

    relaxed: int | None = None
    sleepy: int | None = None
