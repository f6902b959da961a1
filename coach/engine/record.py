"""What a played session leaves behind: the record history stores and the summary shows.

Per step and foot: planned seconds (the plan's, before any +/- adjustment), actual seconds (time spent
playing its segments, repeats after "back" included), the seconds it *required* and its status:

- *done*: every segment was played to its minimum (a hold to its minimum hold, every rep at the low end
  of its range, a timed part for its fitted length), less a small tolerance (:data:`TOLERANCE_SHARE`
  of the required time, at least :data:`TOLERANCE_SECONDS`). Time over on one segment does not make up
  for time missing on another, and a segment shortened with ``-`` that ran to its (new) end counts only
  for the time it really played;
- *skipped*: passed over with under :data:`SKIP_SECONDS` played;
- *not reached*: the session ended before it (or at its very start);
- *shortened*: played, but short of what it required.

Massage time counts only the steps; the lead-in and the towel change are the rest of the actual time,
and pauses are apart from both.

Every number of seconds in a record is rounded to the millisecond (sums of fractional lengths otherwise
show as 720.0000000000003); the paused time is what the rounded wall time leaves after the rounded
actual time, so actual plus paused stays the wall time within half a millisecond.

Records written before steps carried a status (history format 1) get one when read: skipped as they
said, shortened when marked cut short or played under half their plan, else done.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any, Literal, cast

from coach.engine.plan import Plan
from coach.routines import Foot, Mode

StepStatus = Literal["done", "shortened", "skipped", "not_reached"]
"""How far a step on one foot was played (see the module's description)."""
STEP_STATUSES: tuple[StepStatus, ...] = ("done", "shortened", "skipped", "not_reached")

FootState = Literal["done", "partly", "not_done"]


@dataclass(frozen=True)
class StepRecord:
    """One step on one foot: planned, actual and required seconds, and how far it was played.

    ``skipped`` and ``cut_short`` are kept for readers of the first history format; ``status`` says it
    all (``None`` in a record of that format: :attr:`state` works it out).
    """

    step_id: str
    title: str
    foot: Foot | None
    planned: float
    actual: float
    skipped: bool = False
    cut_short: bool = False
    required: float | None = None
    """Seconds the step needed to count as done; ``None`` in a record of the first format."""
    status: StepStatus | None = None

    @property
    def state(self) -> StepStatus:
        """The step's status; for a first-format record, worked out from what it kept."""
        if self.status is not None:
            return self.status
        if self.skipped:
            return "skipped"
        if self.cut_short or self.actual < self.planned * UPGRADE_SHORT_SHARE:
            return "shortened"
        return "done"


@dataclass(frozen=True)
class FootStatus:
    """How far one foot got: ``done`` (every step done), ``partly`` (``done`` of ``steps``), ``not_done``."""

    foot: Foot
    state: FootState
    done: int
    steps: int

    @property
    def text(self) -> str:
        """"done", "partly done (5 of 7 steps)", "not done"."""
        if self.state == "done":
            return "done"
        if self.state == "partly":
            return f"partly done ({self.done} of {self.steps} steps)"
        return "not done"


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
    left_out: tuple[str, ...] = ()
    """Titles of the optional parts the plan left out to fit the length asked for."""

    @property
    def skipped(self) -> tuple[StepRecord, ...]:
        """The steps that were skipped (or never reached)."""
        return tuple(s for s in self.steps if s.state in ("skipped", "not_reached"))

    @property
    def shortened(self) -> tuple[StepRecord, ...]:
        """The steps that were played but short of what they required."""
        return tuple(s for s in self.steps if s.state == "shortened")

    @property
    def massage_seconds(self) -> float:
        """Time spent on the steps themselves: no lead-in, towel change or pause."""
        return _ms(sum(s.actual for s in self.steps))

    @property
    def planned_massage_seconds(self) -> float:
        """The steps' planned time."""
        return _ms(sum(s.planned for s in self.steps))

    @property
    def between_seconds(self) -> float:
        """Time spent on the lead-in and the towel change (actual time that was not massage)."""
        return max(0.0, _ms(self.actual_seconds - self.massage_seconds))

    def foot_status(self, foot: Foot) -> FootStatus:
        """How far ``foot`` got: done only when every one of its steps was done."""
        states = [s.state for s in self.steps if s.foot == foot]
        done = sum(1 for state in states if state == "done")
        if states and done == len(states):
            return FootStatus(foot, "done", done, len(states))
        played = any(state in ("done", "shortened") for state in states)
        return FootStatus(foot, "partly" if played else "not_done", done, len(states))

    def to_dict(self) -> dict[str, Any]:
        """A plain dict (TOML-ready: datetimes stay datetimes, tuples become lists)."""
        data = asdict(self)
        data["feet"] = list(self.feet)
        data["steps"] = [{k: v for k, v in asdict(s).items() if v is not None} for s in self.steps]
        data["left_out"] = list(self.left_out)
        if not self.left_out:
            del data["left_out"]
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
                required=float(s["required"]) if "required" in s else None,
                status=_status(s.get("status")),
            )
            for s in data["steps"]
        )
        left_out = data.get("left_out", [])
        if not isinstance(left_out, list) or not all(isinstance(t, str) for t in left_out):
            raise ValueError("left_out must be a list of titles")
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
            left_out=tuple(left_out),
        )


def _status(value: object) -> StepStatus | None:
    if value is None:
        return None
    for status in STEP_STATUSES:
        if value == status:
            return status
    raise ValueError(f"a step's status is one of {', '.join(STEP_STATUSES)}, got {value!r}")


SKIP_SECONDS = 2.0
"""A step played for less than this was skipped (or not reached)."""
TOLERANCE_SHARE = 0.1
"""A step still counts as done when it is short of what it required by up to this share of it..."""
TOLERANCE_SECONDS = 2.0
"""...or by up to this many seconds, whichever is more (a second lost to a key press is no shortening)."""
UPGRADE_SHORT_SHARE = 0.5
"""A first-format record's step played under this share of its plan reads as shortened."""
DIGITS = 3
"""Record seconds are rounded to this many decimals: milliseconds."""


def _ms(seconds: float) -> float:
    return round(seconds, DIGITS) + 0.0  # + 0.0 turns a rounded -0.0 into 0.0


def step_records(
    plan: Plan, spent: list[float], done: list[bool], completed: bool = False
) -> tuple[StepRecord, ...]:
    """One record per step and foot, in plan order; the lead-in and transitions are not steps.

    ``completed``: the session ran to its end, so every step was at least reached.
    """
    del done  # a segment's end says nothing of how long it played (- may have cut it): ``spent`` does
    played = [i for i, seconds in enumerate(spent) if seconds > 0]
    end = len(plan.segments) if completed else (played[-1] if played else 0)
    records: list[StepRecord] = []
    index = 0
    while index < len(plan.segments):
        first, last = plan.step_span(index)
        seg = plan.segments[first]
        if seg.step_id is not None:
            span = [plan.segments[i] for i in range(first, last + 1)]
            planned = sum(s.seconds for s in span)
            actual = sum(spent[s.index] for s in span)
            required = sum(s.minimum for s in span)
            credited = sum(min(spent[s.index], s.minimum) for s in span)
            status: StepStatus
            if credited >= required - max(TOLERANCE_SECONDS, required * TOLERANCE_SHARE):
                status = "done"
            elif actual < SKIP_SECONDS:
                status = "not_reached" if last >= end else "skipped"
            else:
                status = "shortened"
            records.append(StepRecord(
                seg.step_id, seg.step_title, seg.foot, _ms(planned), _ms(actual),
                skipped=status in ("skipped", "not_reached"), cut_short=status == "shortened",
                required=_ms(required), status=status,
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
        steps=step_records(plan, spent, done, completed),
        left_out=plan.fit.left_out_titles,
    )
