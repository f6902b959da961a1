"""The sleep journal: how the person rated their sleep on nights with a massage and on nights without.

Only the person's own numbers, side by side: counts and means over the last 4 and 12 weeks, the
difference, and (when there are enough nights) the same by routine and by length. It says nothing
about cause; :mod:`coach.history.report` words it modestly and says when there are too few nights.

A night *with a massage* has at least :data:`MASSAGE_SECONDS` of massage in its sessions (a session
started and stopped at once is not a massage); a night *without* has no session at all. A night
with only such a moment counts in neither group. The night rule is :func:`coach.history.stats.night_of`'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from coach.history.format import NightAnswer
from coach.history.stats import NIGHT_CUTOFF, instant, local_time, night_of, now_in
from coach.history.summary import StoredSession

WINDOWS = (4, 12)
"""The comparisons' windows, in weeks."""
MIN_NIGHTS = 5
"""Fewer rated nights than this in either group, and the journal says it is too soon to tell."""
MASSAGE_SECONDS = 60.0
"""A night counts as a night with a massage from this many seconds of massage."""
LONG_MINUTES = 20.0
"""A night with at least this many minutes of massage is a long one; below, a short one."""
CHART_NIGHTS = 28
"""Nights in the small minutes-beside-sleep chart."""


def last_night(now: datetime, tz: tzinfo | None = None, cutoff: time = NIGHT_CUTOFF) -> date:
    """The night a person answering "how did you sleep?" at ``now`` means.

    Before the cut-off (06:00) it is still the night in progress: someone awake at 05:30 answers for
    the night they are waking from. From the cut-off on, it is the night that ended at the cut-off.
    """
    night = night_of(now, tz, cutoff)
    return night if local_time(now, tz).time() < cutoff else night - timedelta(days=1)


def night_to_ask(
    entries: Iterable[StoredSession],
    answers: Iterable[NightAnswer],
    now: datetime,
    tz: tzinfo | None = None,
    cutoff: time = NIGHT_CUTOFF,
) -> date | None:
    """The night the morning check-in should ask about at ``now``, or ``None``.

    Only once the night is over (from the cut-off on), only for last night, only when it had a
    session, and only when it has no answer yet (a skipped question is an answer: never asked twice).
    """
    if local_time(now, tz).time() < cutoff:
        return None  # the night is not over: never ask in the middle of it
    night = night_of(now, tz, cutoff) - timedelta(days=1)
    if any(answer.night == night for answer in answers):
        return None
    if any(night_of(entry.record.started_at, tz, cutoff) == night for entry in entries):
        return night
    return None


@dataclass(frozen=True)
class Group:
    """Rated nights of one kind: how many, and their mean sleep rating (None when there are none)."""

    label: str
    nights: int
    mean: float | None


@dataclass(frozen=True)
class Comparison:
    """Nights with against nights without a massage, over the last ``weeks`` weeks up to ``last``."""

    weeks: int
    first: date
    last: date
    with_massage: Group
    without: Group
    by_routine: tuple[Group, ...]
    """Massage nights by the routine played longest that night; only groups of :data:`MIN_NIGHTS`+."""
    by_length: tuple[Group, ...]
    """Massage nights by minutes that night (short, long); only groups of :data:`MIN_NIGHTS`+."""
    too_short: int = 0
    """Rated nights left out of both groups: they had a session, but under :data:`MASSAGE_SECONDS` of
    massage (so they are neither a night with a massage nor one without)."""

    @property
    def enough(self) -> bool:
        """Whether both groups have at least :data:`MIN_NIGHTS` rated nights."""
        return self.with_massage.nights >= MIN_NIGHTS and self.without.nights >= MIN_NIGHTS

    @property
    def difference(self) -> float | None:
        """Mean with minus mean without; None unless both groups have nights."""
        if self.with_massage.mean is None or self.without.mean is None:
            return None
        return self.with_massage.mean - self.without.mean


@dataclass(frozen=True)
class JournalNight:
    """One night: minutes of massage, the routine played longest, and the morning's answer."""

    night: date
    minutes: float
    sessions: int
    routine: str | None
    """The name of the routine played longest that night, if any."""
    answer: NightAnswer | None

    @property
    def massage(self) -> bool:
        """Whether this night counts as a night with a massage."""
        return self.minutes * 60 >= MASSAGE_SECONDS

    @property
    def sleep(self) -> int | None:
        """The sleep rating, if the night has one."""
        return self.answer.sleep if self.answer is not None else None


@dataclass(frozen=True)
class Journal:
    """The comparisons for each window, and the last :data:`CHART_NIGHTS` nights for the chart."""

    last: date
    comparisons: tuple[Comparison, ...]
    chart: tuple[JournalNight, ...]
    rated_nights: int
    """Nights with a sleep rating, in all the history."""


def nights_of(
    entries: Sequence[StoredSession],
    answers: Sequence[NightAnswer],
    tz: tzinfo | None = None,
    cutoff: time = NIGHT_CUTOFF,
) -> dict[date, JournalNight]:
    """Every night that has a session or an answer, keyed by night."""
    minutes: dict[date, float] = {}
    sessions: dict[date, int] = {}
    by_routine: dict[date, dict[str, float]] = {}
    for entry in entries:
        night = night_of(entry.record.started_at, tz, cutoff)
        spent = entry.record.actual_seconds / 60
        minutes[night] = minutes.get(night, 0.0) + spent
        sessions[night] = sessions.get(night, 0) + 1
        routines = by_routine.setdefault(night, {})
        routines[entry.record.routine_name] = routines.get(entry.record.routine_name, 0.0) + spent
    answered = {answer.night: answer for answer in answers}
    result = {}
    for night in set(minutes) | set(answered):
        routines = by_routine.get(night, {})
        # Ties go to the name first in alphabetical order, so the result never depends on file order.
        main = min(routines, key=lambda name: (-routines[name], name)) if routines else None
        result[night] = JournalNight(night, minutes.get(night, 0.0), sessions.get(night, 0), main,
                                     answered.get(night))
    return result


def compute_journal(
    entries: Sequence[StoredSession],
    answers: Sequence[NightAnswer],
    now: datetime | None = None,
    tz: tzinfo | None = None,
    windows: Sequence[int] = WINDOWS,
    cutoff: time = NIGHT_CUTOFF,
) -> Journal:
    """The journal as seen at ``now`` from zone ``tz``: one comparison per window of weeks."""
    moment = now if now is not None else now_in(tz)
    last = last_night(moment, tz, cutoff)
    # Only the widest window and the chart look at sessions (the count of rated nights is the answers'
    # alone): a session days older than both cannot change the journal, and years of them cost most of
    # its time. Comparing instants is far cheaper than working out each session's night.
    days = max([*(weeks * 7 for weeks in windows), CHART_NIGHTS]) + 3
    oldest = datetime.combine(last - timedelta(days=days), time(), tzinfo=UTC).timestamp()
    recent = [entry for entry in entries if instant(entry.record.started_at, tz) >= oldest]
    nights = nights_of(recent, answers, tz, cutoff)
    comparisons = tuple(_compare(nights, last, weeks) for weeks in windows)
    chart = tuple(
        nights.get(day, JournalNight(day, 0.0, 0, None, None))
        for day in (last - timedelta(days=CHART_NIGHTS - 1 - i) for i in range(CHART_NIGHTS))
    )
    rated = sum(1 for night in nights.values() if night.sleep is not None)
    return Journal(last, comparisons, chart, rated)


def _compare(nights: dict[date, JournalNight], last: date, weeks: int) -> Comparison:
    first = last - timedelta(days=weeks * 7 - 1)
    rated = [n for n in nights.values() if first <= n.night <= last and n.sleep is not None]
    with_massage = [n for n in rated if n.massage]
    without = [n for n in rated if n.sessions == 0]
    routines: dict[str, list[JournalNight]] = {}
    for night in with_massage:
        routines.setdefault(night.routine or "", []).append(night)
    by_routine = tuple(
        _group(name, group) for name, group in sorted(routines.items()) if len(group) >= MIN_NIGHTS
    )
    short = [n for n in with_massage if n.minutes < LONG_MINUTES]
    long = [n for n in with_massage if n.minutes >= LONG_MINUTES]
    by_length = tuple(
        _group(label, group)
        for label, group in ((f"under {LONG_MINUTES:g} min", short), (f"{LONG_MINUTES:g} min or more", long))
        if len(group) >= MIN_NIGHTS
    )
    too_short = sum(1 for n in rated if n.sessions and not n.massage)
    return Comparison(
        weeks, first, last, _group("with a massage", with_massage), _group("without", without),
        by_routine, by_length, too_short,
    )


def _group(label: str, nights: Sequence[JournalNight]) -> Group:
    values = [n.sleep for n in nights if n.sleep is not None]
    return Group(label, len(values), sum(values) / len(values) if values else None)


__all__ = [
    "CHART_NIGHTS",
    "LONG_MINUTES",
    "MASSAGE_SECONDS",
    "MIN_NIGHTS",
    "WINDOWS",
    "Comparison",
    "Group",
    "Journal",
    "JournalNight",
    "compute_journal",
    "last_night",
    "night_to_ask",
    "nights_of",
]
