"""What the history says about the habit: nights, streaks, minutes per night, ratings over time.

A **night** is named by the local date on which it began. A session belongs to the night of the
local date it started on, unless it started before the cut-off (06:00), in which case it belongs to
the night before: 23:50 on the 1st and 00:10 on the 2nd are the same night (the 1st); 00:10 on the
3rd is the next night (the 2nd), so the 1st and the 3rd at those times make a two-night streak.

Times are stored with their UTC offset; they are converted to the viewer's local zone (``tz``,
``None`` = the system's, with its daylight-saving rules for each moment) before the date is taken.
A time stored without an offset is taken as local wall time already. ``now`` is always injectable.

Minutes are massage minutes: the steps only, without the lead-in, the towel change or pauses. A night
counts toward a **streak** only when one of its sessions had at least :data:`STREAK_MIN_SECONDS` of
massage; shorter sessions stay in the history (and in the minutes) but make no streak.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TypeVar

from coach.history.summary import StoredSession

Session = TypeVar("Session", bound=StoredSession)

NIGHT_CUTOFF = time(6, 0)
"""Sessions that start before this local time count for the previous night."""

STREAK_MIN_SECONDS = 180.0
"""Three minutes of massage make a night count toward the streak: a session stopped after the lead-in or
a few seconds of strokes stays in the history but is no night of massage."""

WEEK_STARTS_ON = 0
"""Monday, as ``date.weekday()`` counts; "this week" runs from that night to tonight."""


def local_time(moment: datetime, tz: tzinfo | None = None) -> datetime:
    """``moment`` as wall time in the viewer's zone (naive times are taken as local already)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment
    return moment.astimezone(tz)


def night_of(moment: datetime, tz: tzinfo | None = None, cutoff: time = NIGHT_CUTOFF) -> date:
    """The night ``moment`` belongs to (see the module's description)."""
    local = local_time(moment, tz)
    day = local.date()
    return day - timedelta(days=1) if local.time() < cutoff else day


def instant(moment: datetime, tz: tzinfo | None = None) -> float:
    """A POSIX timestamp for sorting aware and naive times together."""
    if moment.tzinfo is None and tz is not None:
        moment = moment.replace(tzinfo=tz)
    return moment.timestamp()


def now_in(tz: tzinfo | None) -> datetime:
    """The current time, aware, in ``tz`` (or the system's zone)."""
    return datetime.now(tz) if tz is not None else datetime.now().astimezone()


@dataclass(frozen=True)
class NightMinutes:
    """How long the user massaged on one night, summed over its sessions."""

    night: date
    minutes: float
    sessions: int


@dataclass(frozen=True)
class RatingPoint:
    """The ratings of one session; either may be missing."""

    night: date
    started_at: datetime
    relaxed: int | None
    sleepy: int | None


@dataclass(frozen=True)
class HistoryStats:
    """Everything the history view and ``coach history`` show, computed for one ``now``."""

    tonight: date
    weeks: int
    week_start: date
    sessions_this_week: int
    minutes_this_week: float
    streak: int
    streak_includes_tonight: bool
    best_streak: int
    total_sessions: int
    total_minutes: float
    nights: tuple[NightMinutes, ...]
    """The last ``weeks * 7`` nights ending tonight, oldest first, empty nights included."""
    ratings: tuple[RatingPoint, ...]
    """Sessions in that window with at least one rating, oldest first."""

    @property
    def window_sessions(self) -> int:
        """Sessions within the chart's window."""
        return sum(n.sessions for n in self.nights)

    @property
    def window_minutes(self) -> float:
        """Minutes within the chart's window."""
        return sum(n.minutes for n in self.nights)

    @property
    def window_nights(self) -> int:
        """Nights with at least one session within the chart's window."""
        return sum(1 for n in self.nights if n.sessions)

    def average(self, which: str) -> float | None:
        """The mean ``"relaxed"`` or ``"sleepy"`` rating in the window; ``None`` when unrated."""
        values = [v for p in self.ratings if (v := getattr(p, which)) is not None]
        return sum(values) / len(values) if values else None


def counts_for_streak(entry: StoredSession) -> bool:
    """Whether this session makes its night count toward the streak (enough massage time)."""
    return entry.record.massage_seconds >= STREAK_MIN_SECONDS


def sorted_entries(entries: Iterable[Session], tz: tzinfo | None = None) -> list[Session]:
    """``entries`` oldest first by start time."""
    return sorted(entries, key=lambda e: instant(e.record.started_at, tz))


def streak_ending(nights: set[date], tonight: date) -> tuple[int, bool]:
    """Consecutive nights with a session ending tonight, or else last night; and whether tonight counts."""
    if tonight in nights:
        day, includes_tonight = tonight, True
    elif tonight - timedelta(days=1) in nights:
        day, includes_tonight = tonight - timedelta(days=1), False
    else:
        return 0, False
    count = 0
    while day in nights:
        count += 1
        day -= timedelta(days=1)
    return count, includes_tonight


def longest_streak(nights: Iterable[date]) -> int:
    """The longest run of consecutive nights."""
    best = run = 0
    previous: date | None = None
    for night in sorted(set(nights)):
        run = run + 1 if previous is not None and night - previous == timedelta(days=1) else 1
        best = max(best, run)
        previous = night
    return best


def compute_stats(
    entries: Sequence[StoredSession],
    now: datetime | None = None,
    tz: tzinfo | None = None,
    weeks: int = 2,
    cutoff: time = NIGHT_CUTOFF,
) -> HistoryStats:
    """The stats for ``entries`` seen at ``now`` from zone ``tz``, charting the last ``weeks`` weeks."""
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    tonight = night_of(now if now is not None else now_in(tz), tz, cutoff)
    first = tonight - timedelta(days=weeks * 7 - 1)
    week_start = tonight - timedelta(days=(tonight.weekday() - WEEK_STARTS_ON) % 7)
    minutes: dict[date, float] = {}
    counts: dict[date, int] = {}
    ratings: list[RatingPoint] = []
    this_week = 0
    this_week_minutes = 0.0
    streak_nights: set[date] = set()
    for entry in sorted_entries(entries, tz):
        night = night_of(entry.record.started_at, tz, cutoff)
        spent = entry.record.massage_seconds / 60
        if counts_for_streak(entry):
            streak_nights.add(night)
        minutes[night] = minutes.get(night, 0.0) + spent
        counts[night] = counts.get(night, 0) + 1
        if week_start <= night <= tonight:
            this_week += 1
            this_week_minutes += spent
        if first <= night <= tonight and (entry.relaxed is not None or entry.sleepy is not None):
            started = local_time(entry.record.started_at, tz)
            ratings.append(RatingPoint(night, started, entry.relaxed, entry.sleepy))
    past = {night for night in streak_nights if night <= tonight}
    streak, includes_tonight = streak_ending(past, tonight)
    window = tuple(
        NightMinutes(day, minutes.get(day, 0.0), counts.get(day, 0))
        for day in (first + timedelta(days=i) for i in range(weeks * 7))
    )
    return HistoryStats(
        tonight=tonight,
        weeks=weeks,
        week_start=week_start,
        sessions_this_week=this_week,
        minutes_this_week=this_week_minutes,
        streak=streak,
        streak_includes_tonight=includes_tonight,
        best_streak=longest_streak(past),
        total_sessions=len(entries),
        total_minutes=sum(minutes.values()),
        nights=window,
        ratings=tuple(ratings),
    )
