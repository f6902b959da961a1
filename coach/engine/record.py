"""What a played session leaves behind: the record history stores and the summary shows."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, cast

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
