"""The session engine: a routine laid out as a plan, played against a clock. No textual import here."""

from coach.engine.breath import BreathState, breath_at
from coach.engine.events import Event, EventKind
from coach.engine.plan import Plan, Segment, SegmentKind, build_plan
from coach.engine.progress import Progress, plan_fingerprint
from coach.engine.session import Session
from coach.engine.state import SessionState

__all__ = [
    "BreathState",
    "Event",
    "EventKind",
    "Plan",
    "Progress",
    "Segment",
    "SegmentKind",
    "Session",
    "SessionState",
    "breath_at",
    "build_plan",
    "plan_fingerprint",
]
