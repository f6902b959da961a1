"""A stored session in brief: what the screens, the report and the morning question use of it.

The history view, ``coach history`` and the morning check-in look at every session for the totals, the
streaks and the charts, but at no session's step records. Building those (a dozen frozen records per
session, each checked) was most of what reading a long history cost after parsing it, and holding them
most of its memory. A :class:`SessionSummary` is the session without its steps: the facts the stats,
the journal and the list of latest sessions use, ``massage_seconds`` worked out once when it is made.

:class:`StoredSession` is what those readers ask of a session; a full
:class:`~coach.history.format.HistoryEntry` is one too, so a caller that has the entries passes them
as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple, Protocol

from coach.history.format import HistoryEntry, NightAnswer


class RecordFacts(Protocol):
    """The facts of a session's record that the stats, the journal and the reports use."""

    @property
    def routine_id(self) -> str: ...
    @property
    def routine_name(self) -> str: ...
    @property
    def mode(self) -> str: ...
    @property
    def started_at(self) -> datetime: ...
    @property
    def ended_at(self) -> datetime: ...
    @property
    def actual_seconds(self) -> float: ...
    @property
    def massage_seconds(self) -> float: ...
    @property
    def finished(self) -> bool: ...


class StoredSession(Protocol):
    """A stored session as its readers see it: an id, its record's facts and its ratings."""

    @property
    def id(self) -> str: ...
    @property
    def record(self) -> RecordFacts: ...
    @property
    def relaxed(self) -> int | None: ...
    @property
    def sleepy(self) -> int | None: ...


class SessionSummary(NamedTuple):
    """One stored session without its step records. A named tuple: a long history holds a hundred
    thousand of these, and the cache beside the file makes them by the thousand a second."""

    id: str
    routine_id: str
    routine_name: str
    mode: str
    started_at: datetime
    ended_at: datetime
    actual_seconds: float
    massage_seconds: float
    """The steps' actual time, as :attr:`SessionRecord.massage_seconds` worked it out."""
    finished: bool
    relaxed: int | None = None
    sleepy: int | None = None

    @property
    def record(self) -> SessionSummary:
        """The summary stands for its record too: it holds the record's facts itself."""
        return self

    @classmethod
    def of(cls, entry: HistoryEntry) -> SessionSummary:
        """The summary of a full entry."""
        record = entry.record
        return cls(entry.id, record.routine_id, record.routine_name, record.mode, record.started_at,
                   record.ended_at, record.actual_seconds, record.massage_seconds, record.finished,
                   entry.relaxed, entry.sleepy)


@dataclass(frozen=True)
class Overview:
    """Every readable session in brief (file order), the morning answers, and a notice for the user
    when something was wrong (as :class:`~coach.history.store.LoadResult` says it)."""

    sessions: tuple[SessionSummary, ...]
    notice: str | None = None
    path: Path = field(default=Path("history.toml"), compare=False)
    set_aside: Path | None = None
    nights: tuple[NightAnswer, ...] = ()
    """The morning answers, one per night, oldest night first."""

    def answer_for(self, night: date) -> NightAnswer | None:
        """The answer stored for ``night``, if any."""
        return next((answer for answer in self.nights if answer.night == night), None)

    def find(self, entry_id: str) -> SessionSummary | None:
        """The session stored as ``entry_id``, if any."""
        return next((session for session in self.sessions if session.id == entry_id), None)


__all__ = ["Overview", "RecordFacts", "SessionSummary", "StoredSession"]
