"""Nights, streaks, minutes per night and ratings, across midnight and across time zones."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.history.format import HistoryEntry
from coach.history.stats import compute_stats, longest_streak, night_of, streak_ending
from tests.history_helpers import FIXTURE_NOW, fixture_entries, make_record

PLUS2 = timezone(timedelta(hours=2))
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")


def at(day: int, hour: int, minute: int = 0, month: int = 5, tz: timezone | ZoneInfo = PLUS2) -> datetime:
    return datetime(2024, month, day, hour, minute, tzinfo=tz)


def entry(
    started: datetime, minutes: float = 10, relaxed: int | None = None, sleepy: int | None = None
) -> HistoryEntry:
    return HistoryEntry(f"e-{started.isoformat()}", make_record(started, minutes), relaxed, sleepy)


@pytest.mark.parametrize(
    ("moment", "night"),
    [
        (at(1, 23, 50), date(2024, 5, 1)),
        (at(2, 0, 10), date(2024, 5, 1)),  # after midnight: still the night of the 1st
        (at(2, 5, 59), date(2024, 5, 1)),
        (at(2, 6, 0), date(2024, 5, 2)),  # the cut-off: a new night begins
        (at(2, 12, 0), date(2024, 5, 2)),
        (at(3, 0, 10), date(2024, 5, 2)),
    ],
)
def test_night_of_a_moment(moment: datetime, night: date) -> None:
    assert night_of(moment, PLUS2) == night


def test_the_cut_off_can_be_moved() -> None:
    assert night_of(at(2, 7, 0), PLUS2, cutoff=time(8, 0)) == date(2024, 5, 1)


def test_2350_and_0010_the_next_night_are_consecutive_nights() -> None:
    # 23:50 on the 1st and 00:10 on the 3rd: a day and 20 minutes apart, two nights in a row,
    # though a calendar would see the 1st and the 3rd with a gap between.
    entries = [entry(at(1, 23, 50)), entry(at(3, 0, 10))]
    stats = compute_stats(entries, now=at(3, 21, 0), tz=PLUS2)
    assert stats.streak == 2
    assert not stats.streak_includes_tonight
    assert stats.best_streak == 2


def test_2350_and_0010_twenty_minutes_later_are_the_same_night() -> None:
    entries = [entry(at(1, 23, 50), 12), entry(at(2, 0, 10), 5.5)]
    stats = compute_stats(entries, now=at(2, 1, 0), tz=PLUS2)
    assert stats.streak == 1 and stats.streak_includes_tonight
    tonight = stats.nights[-1]
    assert (tonight.night, tonight.sessions, tonight.minutes) == (date(2024, 5, 1), 2, 17.5)


def test_streak_ends_tonight_or_last_night_and_breaks_after_a_missed_night() -> None:
    entries = [entry(at(day, 22, 30)) for day in (1, 2, 3, 5, 6, 7)]
    assert compute_stats(entries, now=at(7, 23, 0), tz=PLUS2).streak == 3  # 5, 6, 7
    before_tonights = compute_stats(entries, now=at(8, 21, 0), tz=PLUS2)
    assert (before_tonights.streak, before_tonights.streak_includes_tonight) == (3, False)
    assert compute_stats(entries, now=at(9, 21, 0), tz=PLUS2).streak == 0  # the 8th was missed
    assert compute_stats(entries, now=at(9, 21, 0), tz=PLUS2).best_streak == 3
    # Early in the morning after a session, "tonight" is still that night.
    assert compute_stats(entries, now=at(8, 3, 0), tz=PLUS2).streak_includes_tonight


def test_sessions_are_placed_in_the_viewers_zone() -> None:
    # 23:30 in Tokyo is 16:30 in Berlin the same day: the same night either way.
    tokyo_evening = datetime(2024, 5, 1, 23, 30, tzinfo=TOKYO)
    assert night_of(tokyo_evening, TOKYO) == date(2024, 5, 1)
    assert night_of(tokyo_evening, BERLIN) == date(2024, 5, 1)
    # 01:00 UTC is 03:00 in Berlin (the night before) but 21:00 the day before in New York.
    small_hours = datetime(2024, 5, 2, 1, 0, tzinfo=UTC)
    assert night_of(small_hours, BERLIN) == date(2024, 5, 1)
    assert night_of(small_hours, NEW_YORK) == date(2024, 5, 1)
    # 07:00 UTC is 09:00 in Berlin (a new day) but 03:00 in New York (still the night before).
    morning = datetime(2024, 5, 2, 7, 0, tzinfo=UTC)
    assert night_of(morning, BERLIN) == date(2024, 5, 2)
    assert night_of(morning, NEW_YORK) == date(2024, 5, 1)


def test_a_streak_recorded_while_travelling_counts_in_the_viewers_zone() -> None:
    # Three evenings: at home in Berlin, then in New York (stored with New York's offset), then home.
    entries = [
        entry(datetime(2024, 5, 1, 22, 30, tzinfo=BERLIN)),
        entry(datetime(2024, 5, 2, 22, 30, tzinfo=NEW_YORK)),  # 04:30 on the 3rd in Berlin
        entry(datetime(2024, 5, 4, 22, 30, tzinfo=BERLIN)),
    ]
    in_berlin = compute_stats(entries, now=datetime(2024, 5, 4, 23, 0, tzinfo=BERLIN), tz=BERLIN)
    assert [n.night.day for n in in_berlin.nights if n.sessions] == [1, 2, 4]
    assert in_berlin.streak == 1  # the 3rd was missed, seen from Berlin
    in_new_york = compute_stats(entries, now=datetime(2024, 5, 4, 17, 0, tzinfo=NEW_YORK), tz=NEW_YORK)
    # From New York: 16:30 on the 1st, 22:30 on the 2nd, 16:30 on the 4th.
    assert [n.night.day for n in in_new_york.nights if n.sessions] == [1, 2, 4]


def test_daylight_saving_nights_stay_consecutive() -> None:
    # Berlin springs forward in the night of 30-31 March 2024 and falls back in the night of 26-27 October.
    spring = [entry(datetime(2024, 3, d, 23, 30, tzinfo=BERLIN)) for d in (29, 30, 31)]
    spring.append(entry(datetime(2024, 4, 2, 0, 30, tzinfo=BERLIN)))  # the night of 1 April
    stats = compute_stats(spring, now=datetime(2024, 4, 2, 1, 0, tzinfo=BERLIN), tz=BERLIN)
    assert stats.streak == 4
    autumn = [entry(datetime(2024, 10, day, 2, 30, tzinfo=BERLIN)) for day in (26, 27)]
    assert [night_of(e.record.started_at, BERLIN) for e in autumn] == [date(2024, 10, 25), date(2024, 10, 26)]


def test_naive_and_aware_times_mix_without_error() -> None:
    naive = entry(datetime(2024, 5, 2, 23, 0))
    aware = entry(at(1, 22, 0))
    stats = compute_stats([naive, aware], now=at(2, 23, 30), tz=PLUS2)
    assert stats.streak == 2


def test_minutes_per_night_cover_the_window_with_empty_nights() -> None:
    entries = [entry(at(20, 22), 12.5), entry(at(21, 0, 30), 3.25), entry(at(25, 22), 20), entry(at(1, 22))]
    stats = compute_stats(entries, now=at(26, 21, 0), tz=PLUS2, weeks=2)
    assert len(stats.nights) == 14
    assert stats.nights[0].night == date(2024, 5, 13) and stats.nights[-1].night == date(2024, 5, 26)
    by_night = {n.night.day: n.minutes for n in stats.nights}
    assert by_night[20] == 15.75  # two sessions across midnight, one night
    assert by_night[25] == 20
    assert sum(by_night.values()) == 35.75  # the 1 May session lies outside the window
    assert stats.total_minutes == 45.75
    assert len(compute_stats(entries, now=at(26, 21, 0), tz=PLUS2, weeks=4).nights) == 28


def test_massage_seconds_count_not_planned_paused_or_the_lead_in() -> None:
    record = make_record(at(1, 22), 10)
    steps = tuple(replace(s, actual=22.5) for s in record.steps)  # 90 s of massage in all
    short = HistoryEntry("x", replace(record, steps=steps, actual_seconds=150.0, paused_seconds=600.0))
    assert compute_stats([short], now=at(1, 23), tz=PLUS2).nights[-1].minutes == 1.5


def test_this_week_starts_on_monday_night() -> None:
    # 20 May 2024 is a Monday. Sunday night's session after midnight belongs to the previous week.
    entries = [entry(at(19, 22)), entry(at(20, 0, 30)), entry(at(20, 22), 11), entry(at(22, 22), 9)]
    stats = compute_stats(entries, now=at(23, 12), tz=PLUS2)
    assert stats.week_start == date(2024, 5, 20)
    assert (stats.sessions_this_week, stats.minutes_this_week) == (2, 20)
    # Monday 01:00: tonight is still Sunday's night, so the week is still last week.
    early = compute_stats(entries, now=at(20, 1, 0), tz=PLUS2)
    assert early.week_start == date(2024, 5, 13) and early.sessions_this_week == 2


def test_ratings_over_time_in_order_with_averages() -> None:
    entries = [
        entry(at(22, 22), relaxed=4, sleepy=None),
        entry(at(20, 22), relaxed=2, sleepy=3),
        entry(at(21, 22)),  # not rated: left out
        entry(at(1, 22), relaxed=5, sleepy=5),  # outside the window
    ]
    stats = compute_stats(entries, now=at(23, 20), tz=PLUS2, weeks=2)
    assert [(p.night.day, p.relaxed, p.sleepy) for p in stats.ratings] == [(20, 2, 3), (22, 4, None)]
    assert stats.average("relaxed") == 3.0
    assert stats.average("sleepy") == 3.0
    assert compute_stats(entries[2:3], now=at(23, 20), tz=PLUS2).average("relaxed") is None


def test_future_sessions_count_in_totals_but_not_in_the_streak() -> None:
    entries = [entry(at(10, 22)), entry(at(12, 22))]
    stats = compute_stats(entries, now=at(10, 23), tz=PLUS2)
    assert (stats.streak, stats.best_streak, stats.total_sessions) == (1, 1, 2)


def test_the_fixture_history() -> None:
    stats = compute_stats(fixture_entries(), now=FIXTURE_NOW, tz=PLUS2, weeks=4)
    assert stats.total_sessions == 30
    assert (stats.streak, stats.streak_includes_tonight, stats.best_streak) == (3, True, 8)
    assert stats.sessions_this_week == 7
    assert stats.window_nights == 23


def test_weeks_must_be_positive() -> None:
    with pytest.raises(ValueError):
        compute_stats([], now=at(1, 1), weeks=0)


def test_empty_history() -> None:
    stats = compute_stats([], now=at(26, 21), tz=PLUS2)
    assert (stats.streak, stats.best_streak, stats.sessions_this_week, stats.total_minutes) == (0, 0, 0, 0)
    assert all(n.minutes == 0 for n in stats.nights)


@settings(max_examples=60, deadline=None)
@given(offsets=st.sets(st.integers(min_value=0, max_value=40), max_size=25), today=st.integers(0, 45))
def test_streak_matches_counting_by_hand(offsets: set[int], today: int) -> None:
    base = date(2024, 1, 1)
    nights = {base + timedelta(days=o) for o in offsets}
    tonight = base + timedelta(days=today)
    streak, includes = streak_ending({n for n in nights if n <= tonight}, tonight)
    expected, day = 0, tonight if tonight in nights else tonight - timedelta(days=1)
    while day in nights:
        expected, day = expected + 1, day - timedelta(days=1)
    assert streak == expected
    assert includes == (tonight in nights)
    assert streak <= longest_streak(nights)


@settings(max_examples=60, deadline=None)
@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)))
def test_a_night_is_the_start_date_or_the_day_before(moment: datetime) -> None:
    local = moment.astimezone(BERLIN)
    night = night_of(moment, BERLIN)
    assert night == (local.date() if local.hour >= 6 else local.date() - timedelta(days=1))
