"""Turning what a session played into the record history stores.

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

from datetime import datetime, timedelta

from coach.engine.plan import Plan
from coach.engine.record import SessionRecord, StepRecord

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
