"""Deterministic session records and a 30-session fixture history for the history tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo

from coach.engine.record import SessionRecord, StepRecord
from coach.history.format import HistoryEntry, NightAnswer

BERLIN_SUMMER = timezone(timedelta(hours=2))
FIXTURE_NOW = datetime(2024, 5, 26, 23, 40, tzinfo=BERLIN_SUMMER)
"""A Sunday night, just after that night's session: the fixture's "now"."""

_FIRST_NIGHT = FIXTURE_NOW.date() - timedelta(days=34)
_SKIPPED = frozenset((3, 9, 10, 17, 22, 31))
_TWICE = 28


def make_record(
    started_at: datetime,
    minutes: float = 12.0,
    *,
    routine_id: str = "wind-down",
    routine_name: str = "Evening wind-down",
    finished: bool = True,
    feet: tuple[str, ...] = ("left", "right"),
) -> SessionRecord:
    """A plausible record of ``minutes`` of massage starting at ``started_at``."""
    seconds = minutes * 60
    per_foot = seconds / len(feet)
    steps = tuple(
        StepRecord(
            step_id=f"step-{i}",
            title=f"Step {i}",
            foot=foot,  # type: ignore[arg-type]
            planned=per_foot / 2,
            actual=per_foot / 2,
            skipped=False,
        )
        for foot in feet
        for i in (1, 2)
    )
    return SessionRecord(
        routine_id=routine_id,
        routine_name=routine_name,
        mode="self",
        feet=feet,  # type: ignore[arg-type]
        started_at=started_at,
        ended_at=started_at + timedelta(seconds=seconds + 30),
        planned_seconds=seconds,
        actual_seconds=seconds,
        paused_seconds=30.0,
        finished=finished,
        steps=steps,
    )


def fixture_entries(zone: tzinfo = BERLIN_SUMMER) -> tuple[HistoryEntry, ...]:
    """30 sessions over the 35 nights up to :data:`FIXTURE_NOW`: runs of 3, 5, 6, 8 and 3 nights (the
    last ending tonight), some sessions after midnight, one night with two sessions, a few stopped
    early and a few under another routine, and ratings on most of them (some only one rating)."""
    entries: list[HistoryEntry] = []
    for offset in range(35):
        if offset in _SKIPPED:
            continue
        night = _FIRST_NIGHT + timedelta(days=offset)
        after_midnight = offset % 4 == 0
        day = night + timedelta(days=1) if after_midnight else night
        hour, minute = (0, 5 + offset % 30) if after_midnight else (22, 15 + (offset * 7) % 40)
        starts = [datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)]
        if offset == _TWICE:
            starts.insert(0, datetime(night.year, night.month, night.day, 20, 45, tzinfo=zone))
        for started in starts:
            index = len(entries)
            finished = index % 9 != 4
            minutes = 8 + (offset * 5) % 13 + (0.5 if offset % 3 else 0)
            record = make_record(
                started,
                minutes if finished else minutes / 3,
                routine_name="Evening wind-down" if index % 5 else "Quick calm",
                routine_id="wind-down" if index % 5 else "quick",
                finished=finished,
            )
            relaxed = None if index % 7 == 3 else 2 + (index * 3) % 4
            sleepy = None if index % 7 in (3, 5) else 1 + (index * 2 + offset // 7) % 5
            entries.append(HistoryEntry(f"fixture-{index:02d}", record, relaxed, sleepy))
    return tuple(entries)


JOURNAL_LAST_NIGHT = FIXTURE_NOW.date() - timedelta(days=1)
"""Last night as the journal sees it at :data:`FIXTURE_NOW` (Sunday 23:40): Saturday 25 May."""


def journal_fixture(zone: tzinfo = BERLIN_SUMMER) -> tuple[tuple[HistoryEntry, ...], tuple[NightAnswer, ...]]:
    """Twelve weeks of nights with known sleep means, counted back from last night (``d`` = 0).

    Last 4 weeks (d 0-27): massage on even nights, 'Nightly' 12 min (d % 4 == 0, slept 4) and 'Full'
    30 min (else, slept 5): 14 nights, mean 4.5. Odd nights have no session; d 1-19 are rated 3 and 2
    in turn: 10 nights, mean 2.5. d 21 had a 30-second session (not a massage) and is rated 1: in
    neither group. d 23 was skipped. Weeks 5-12 (d 28-83): 'Nightly' on d % 7 == 0 (8 nights, slept
    2) and a rated night without on d % 7 == 1 (8 nights, slept 4). Tonight has a session too.
    12 weeks: with 22 nights, mean 79/22; without 18 nights, mean 57/18; Nightly 15 nights 44/15,
    Full 7 nights 5.0; under 20 min = Nightly, 20 min or more = Full.
    """
    entries: list[HistoryEntry] = []
    answers: list[NightAnswer] = []

    def session(night: date, minutes: float, routine: str) -> None:
        started = datetime(night.year, night.month, night.day, 22, 30, tzinfo=zone)
        record = make_record(started, minutes, routine_id=routine.lower(), routine_name=routine)
        entries.append(HistoryEntry(f"journal-{len(entries):03d}", record))

    for d in range(84):
        night = JOURNAL_LAST_NIGHT - timedelta(days=d)
        if d < 28:
            if d % 2 == 0:
                session(night, 12 if d % 4 == 0 else 30, "Nightly" if d % 4 == 0 else "Full")
                answers.append(NightAnswer(night, 4 if d % 4 == 0 else 5))
            elif d <= 19:
                answers.append(NightAnswer(night, 3 if d % 4 == 1 else 2, quick=d % 3 == 0))
            elif d == 21:
                session(night, 0.5, "Nightly")
                answers.append(NightAnswer(night, 1))
            elif d == 23:
                answers.append(NightAnswer(night, skipped=True))
        elif d % 7 == 0:
            session(night, 12, "Nightly")
            answers.append(NightAnswer(night, 2))
        elif d % 7 == 1:
            answers.append(NightAnswer(night, 4, woke=True))
    session(FIXTURE_NOW.date(), 12, "Nightly")
    return tuple(entries), tuple(sorted(answers, key=lambda a: a.night))
