"""Where a session had got to, in plain numbers, so it can carry on after the process is gone.

A :class:`Progress` is what :meth:`Session.progress` reads off a live session and what
:meth:`Session.resumed` starts from: the segment it was in, every segment's (adjusted) length, the
seconds spent in each, which ran to their end, the paused time, and both wall-clock moments (when it
began, when the progress was read). Together with the plan it was read from (checked by
:func:`plan_fingerprint`) that is the whole session: the record of the resumed session is the record
of one session, the time before the interruption and after it together.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from typing import Any

from coach.engine.plan import Plan


def plan_fingerprint(plan: Plan) -> str:
    """A short digest of the plan's timeline: a progress applies only to a plan with the same one
    (a routines file edited in between gives another fingerprint)."""
    parts = [plan.routine.id, plan.mode, ",".join(plan.feet)]
    parts += [f"{s.kind}|{s.step_id}|{s.phase_id}|{s.foot}|{s.point}|{s.seconds:.3f}" for s in plan.segments]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Progress:
    """A session's position and its time so far (see the module's description)."""

    fingerprint: str
    index: int
    """The segment under way; a resumed session starts again at its beginning."""
    lengths: tuple[float, ...]
    spent: tuple[float, ...]
    """Seconds played in each segment, the one under way included."""
    done: tuple[bool, ...]
    paused_seconds: float
    """Paused so far, a pause still open included."""
    started_wall: float
    """Unix time at which the session began."""
    saved_wall: float
    """Unix time at which this progress was read."""

    def __post_init__(self) -> None:
        count = len(self.lengths)
        if not count or len(self.spent) != count or len(self.done) != count:
            raise ValueError("lengths, spent and done must have one value per segment")
        if not 0 <= self.index < count:
            raise ValueError(f"segment {self.index} is outside the plan's {count}")
        numbers = (*self.lengths, *self.spent, self.paused_seconds, self.started_wall, self.saved_wall)
        if any(not math.isfinite(v) or v < 0 for v in numbers):
            raise ValueError("times must be finite and not negative")
        if any(length <= 0 for length in self.lengths):
            raise ValueError("every segment must last some time")
        if self.saved_wall < self.started_wall:
            raise ValueError("saved before it began")

    @property
    def played(self) -> float:
        """Seconds of the session played so far."""
        return sum(self.spent)

    def fits(self, plan: Plan) -> bool:
        """Whether this progress was read from a session of ``plan``."""
        return self.fingerprint == plan_fingerprint(plan) and len(self.lengths) == len(plan.segments)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (lists and numbers) for a file."""
        return {
            "fingerprint": self.fingerprint,
            "index": self.index,
            "lengths": list(self.lengths),
            "spent": list(self.spent),
            "done": list(self.done),
            "paused_seconds": self.paused_seconds,
            "started_wall": self.started_wall,
            "saved_wall": self.saved_wall,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Progress:
        """Rebuild from :meth:`to_dict`; ``ValueError`` (or ``KeyError``/``TypeError``) when malformed."""
        if not isinstance(data["fingerprint"], str) or isinstance(data["index"], bool):
            raise ValueError("fingerprint and index")
        done = data["done"]
        if not isinstance(done, list) or any(not isinstance(d, bool) for d in done):
            raise ValueError("done must be a list of true/false")
        return cls(
            fingerprint=data["fingerprint"],
            index=int(data["index"]),
            lengths=tuple(_number(v) for v in data["lengths"]),
            spent=tuple(_number(v) for v in data["spent"]),
            done=tuple(done),
            paused_seconds=_number(data["paused_seconds"]),
            started_wall=_number(data["started_wall"]),
            saved_wall=_number(data["saved_wall"]),
        )


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a number, got {value!r}")
    return float(value)
