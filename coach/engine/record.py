"""What a played session leaves behind: the record history stores and the summary shows.

How a played session becomes its record.

Per step and foot: planned seconds (the plan's, before any +/- adjustment) against actual seconds (time
spent playing its segments, repeats after "back" included). A segment counts as *done* when it ran to
its end, or for a hold when the user moved on after its minimum; a done segment is credited with its
full planned time. A step is *skipped* when its credited time is under 2 s (or under half its plan, for a
very short step): it was never reached, or was passed over at once. It is *cut short* when it was not
skipped but its credited time is under half its plan.

Every number of seconds in a record is rounded to the millisecond (sums of fractional lengths otherwise
show as 720.0000000000003); the paused time is what the rounded wall time leaves after the rounded
actual time, so actual plus paused stays the wall time within half a millisecond.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from coach.engine.plan import Plan
from coach.routines import Foot, Mode


@dataclass(frozen=True)
class StepRecord:
    """One step on one foot: planned against actual seconds, and whether it was skipped or cut short."""

    step_id: str
    title: str
    foot: Foot | None
    planned: float
    actual: float
    skipped: bool = False
    cut_short: bool = False


@dataclass(frozen=True)
class SessionRecord:
    """A finished or quit session.

    ``actual_seconds + paused_seconds`` equals the wall time between ``started_at`` and ``ended_at``
    (time lost to a suspended machine counts as paused).
    """

    routine_id: str
    routine_name: str
    mode: Mode
    feet: tuple[Foot, ...]
    started_at: datetime
    ended_at: datetime
    planned_seconds: float
    actual_seconds: float
    paused_seconds: float
    finished: bool
    steps: tuple[StepRecord, ...]

    @property
    def skipped(self) -> tuple[StepRecord, ...]:
        """The steps that were skipped."""
        return tuple(s for s in self.steps if s.skipped)

    def to_dict(self) -> dict[str, Any]:
        """A plain dict (TOML-ready: datetimes stay datetimes, tuples become lists)."""
        data = asdict(self)
        data["feet"] = list(self.feet)
        data["steps"] = [{k: v for k, v in asdict(s).items() if v is not None} for s in self.steps]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SessionRecord:
        """Rebuild a record from :meth:`to_dict` output.

        ``KeyError``, ``TypeError`` or ``ValueError`` if ``data`` is malformed.
        """
        steps = tuple(
            StepRecord(
                step_id=str(s["step_id"]),
                title=str(s["title"]),
                foot=cast(Foot | None, s.get("foot")),
                planned=float(s["planned"]),
                actual=float(s["actual"]),
                skipped=bool(s.get("skipped", False)),
                cut_short=bool(s.get("cut_short", False)),
            )
            for s in data["steps"]
        )
        started, ended = data["started_at"], data["ended_at"]
        if not isinstance(started, datetime) or not isinstance(ended, datetime):
            raise TypeError("started_at and ended_at must be datetimes")
        mode = data["mode"]
        if mode not in ("self", "partner"):
            raise ValueError(f"mode must be 'self' or 'partner', got {mode!r}")
        return cls(
            routine_id=str(data["routine_id"]),
            routine_name=str(data["routine_name"]),
            mode=mode,
            feet=tuple(cast(list[Foot], data["feet"])),
            started_at=started,
            ended_at=ended,
            planned_seconds=float(data["planned_seconds"]),
            actual_seconds=float(data["actual_seconds"]),
            paused_seconds=float(data["paused_seconds"]),
            finished=bool(data["finished"]),
            steps=steps,
        )

SKIP_SECONDS = 2.0
CUT_SHORT_SHARE = 0.5
DIGITS = 3
"""Record seconds are rounded to this many decimals: milliseconds."""


def _ms(seconds: float) -> float:
    return round(seconds, DIGITS) + 0.0  # + 0.0 turns a rounded -0.0 into 0.0


def step_records(plan: Plan, spent: list[float], done: list[bool]) -> tuple[StepRecord, ...]:
    """One record per step and foot, in plan order; the lead-in and transitions are not steps."""
    records: list[StepRecord] = []
    index = 0
    while index < len(plan.segments):
        first, last = plan.step_span(index)
        seg = plan.segments[first]
        if seg.step_id is not None:
            span = [plan.segments[i] for i in range(first, last + 1)]
            planned = sum(s.seconds for s in span)
            actual = sum(spent[s.index] for s in span)
            credited = sum(s.seconds if done[s.index] else min(spent[s.index], s.seconds) for s in span)
            skipped = credited < min(SKIP_SECONDS, planned * CUT_SHORT_SHARE)
            cut_short = not skipped and credited < planned * CUT_SHORT_SHARE
            records.append(StepRecord(
                seg.step_id, seg.step_title, seg.foot, _ms(planned), _ms(actual), skipped, cut_short
            ))
        index = last + 1
    return tuple(records)


def session_record(
    plan: Plan,
    started_at: datetime,
    spent: list[float],
    done: list[bool],
    paused: float,
    completed: bool,
    ended_at: datetime | None = None,
) -> SessionRecord:
    """The record of a session; ``ended_at`` defaults to the start plus actual and paused time.

    ``actual_seconds`` is all the time played, lead-in and transitions included, so that actual plus
    paused is the wall time from start to end.
    """
    actual = _ms(sum(spent))
    wall = _ms(sum(spent) + paused)
    paused_ms = max(0.0, _ms(wall - actual))
    return SessionRecord(
        routine_id=plan.routine.id,
        routine_name=plan.routine.name,
        mode=plan.mode,
        feet=plan.feet,
        started_at=started_at,
        ended_at=ended_at or started_at + timedelta(seconds=wall),
        planned_seconds=_ms(plan.total),
        actual_seconds=actual,
        paused_seconds=paused_ms,
        finished=completed,
        steps=step_records(plan, spent, done),
    )
