"""The sleep journal: the nights it asks about, and its numbers on a fixture with known means."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from coach.history import History, NightAnswer, history_path, load_history
from coach.history import store as history_store
from coach.history.format import FORMAT_VERSION, HistoryEntry, parse_history
from coach.history.journal import MIN_NIGHTS, compute_journal, last_night, night_to_ask
from coach.history.report import comparison_sentence, journal_lines, journal_sentences
from tests.history_helpers import BERLIN_SUMMER, FIXTURE_NOW, JOURNAL_LAST_NIGHT, journal_fixture, make_record

Z = BERLIN_SUMMER


@pytest.fixture(autouse=True)
def _fresh_process_memory() -> None:
    history_store._SNAPSHOTS.clear()


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 5, day, hour, minute, tzinfo=Z)


@pytest.mark.parametrize(
    ("now", "night"),
    [
        (at(2, 7, 30), date(2024, 5, 1)),  # the morning after
        (at(2, 23, 0), date(2024, 5, 1)),  # late that evening, before sleeping again
        (at(3, 5, 30), date(2024, 5, 2)),  # awake early, before the cut-off: the night in progress
        (at(3, 2, 0), date(2024, 5, 2)),
        (at(3, 6, 0), date(2024, 5, 2)),
    ],
)
def test_last_night_follows_the_six_oclock_rule(now: datetime, night: date) -> None:
    assert last_night(now, Z) == night


def test_the_check_in_asks_only_after_a_night_with_a_session_and_only_once() -> None:
    session = make_record(at(1, 23, 10))
    late = make_record(at(4, 0, 30))  # after midnight: the night of the 3rd
    entries = [HistoryEntry("a", session), HistoryEntry("b", late)]
    assert night_to_ask(entries, [], at(2, 7), Z) == date(2024, 5, 1)
    assert night_to_ask(entries, [], at(2, 21), Z) == date(2024, 5, 1)
    # Before 06:00 the night is not over: never asked in the middle of it.
    assert night_to_ask(entries, [], at(2, 5, 59), Z) is None
    # Answered, or skipped: never asked again for that night.
    assert night_to_ask(entries, [NightAnswer(date(2024, 5, 1), 4)], at(2, 7), Z) is None
    assert night_to_ask(entries, [NightAnswer(date(2024, 5, 1), skipped=True)], at(2, 9), Z) is None
    # The 2nd had no session: the morning of the 3rd asks nothing.
    assert night_to_ask(entries, [], at(3, 8), Z) is None
    # Only last night is asked about, never an older unanswered one.
    assert night_to_ask(entries, [], at(5, 8), Z) is None
    assert night_to_ask(entries, [], at(4, 8), Z) == date(2024, 5, 3)


def test_the_comparison_numbers_on_the_fixture() -> None:
    entries, answers = journal_fixture()
    journal = compute_journal(entries, answers, now=FIXTURE_NOW, tz=Z)
    assert journal.last == JOURNAL_LAST_NIGHT
    four, twelve = journal.comparisons
    first = JOURNAL_LAST_NIGHT - timedelta(days=27)
    assert (four.weeks, four.first, four.last) == (4, first, JOURNAL_LAST_NIGHT)
    assert (four.with_massage.nights, four.with_massage.mean) == (14, 4.5)
    assert (four.without.nights, four.without.mean) == (10, 2.5)
    assert four.difference == pytest.approx(2.0)
    assert four.enough
    assert (twelve.with_massage.nights, twelve.without.nights) == (22, 18)
    assert twelve.with_massage.mean == pytest.approx(79 / 22)
    assert twelve.without.mean == pytest.approx(57 / 18)
    assert [(g.label, g.nights) for g in twelve.by_routine] == [("Full", 7), ("Nightly", 15)]
    assert [g.mean for g in twelve.by_routine] == [pytest.approx(5.0), pytest.approx(44 / 15)]
    assert [(g.label, g.nights) for g in twelve.by_length] == [("under 20 min", 15), ("20 min or more", 7)]
    # Chart: the last 28 nights, oldest first, last night last.
    assert len(journal.chart) == 28 and journal.chart[-1].night == JOURNAL_LAST_NIGHT
    assert journal.chart[-1].sleep == 4 and journal.chart[-1].minutes == 12
    assert journal.chart[-2].sleep == 3 and journal.chart[-2].sessions == 0


def test_the_words_are_modest_and_exact() -> None:
    entries, answers = journal_fixture()
    journal = compute_journal(entries, answers, now=FIXTURE_NOW, tz=Z)
    four, twelve = journal.comparisons
    assert comparison_sentence(four) == (
        "Last 4 weeks: on your nights with a massage you rated your sleep 4.5 on average, 2.5 without "
        "(14 and 10 nights). 2.0 higher on massage nights."
    )
    assert "3.6 on average, 3.2 without (22 and 18 nights)" in comparison_sentence(twelve)
    text = "\n".join(journal_sentences(journal))
    assert "By routine, last 12 weeks: Full 5.0 (7 nights), Nightly 2.9 (15 nights)." in text
    assert "By length, last 12 weeks: under 20 min 2.9 (15 nights), 20 min or more 5.0 (7 nights)." in text
    assert "not proof" in text
    for claim in ("improve", "better sleep", "helps"):
        assert claim not in text.lower()


def test_too_few_nights_say_so_in_plain_words() -> None:
    entries, answers = journal_fixture()
    keep = {JOURNAL_LAST_NIGHT - timedelta(days=d) for d in range(MIN_NIGHTS + 2)}
    journal = compute_journal(entries, [a for a in answers if a.night in keep], now=FIXTURE_NOW, tz=Z)
    four = journal.comparisons[0]
    assert not four.enough
    sentence = comparison_sentence(four)
    assert sentence.startswith("Last 4 weeks: too few nights to say anything yet (4 nights with a massage")
    assert "3 nights without, 2.7 on average" in sentence and "5 of each would be a start" in sentence
    assert "By routine and by length: once a kind has 5 rated nights." in journal_sentences(journal)


def test_no_ratings_yet_explains_how_to_start() -> None:
    entries, _ = journal_fixture()
    lines = journal_lines(compute_journal(entries, [], now=FIXTURE_NOW, tz=Z), width=60)
    assert "coach slept 4" in " ".join(lines) and all(len(line) < 60 for line in lines)


def test_answers_are_stored_replaced_and_kept_beside_sessions(tmp_path: Path) -> None:
    history = History(history_path(tmp_path))
    history.append(make_record(at(1, 22)), entry_id="s1")
    history.answer(NightAnswer(date(2024, 5, 1), 2, quick=False))
    history.answer(NightAnswer(date(2024, 4, 28), skipped=True))
    history.answer(NightAnswer(date(2024, 5, 1), 4, woke=True))  # answered again: replaces
    history.append(make_record(at(2, 22)), entry_id="s2")  # appending keeps the nights
    history_store._SNAPSHOTS.clear()
    loaded = load_history(tmp_path)
    assert [e.id for e in loaded.entries] == ["s1", "s2"]
    expected = (NightAnswer(date(2024, 4, 28), skipped=True), NightAnswer(date(2024, 5, 1), 4, None, True))
    assert loaded.nights == expected
    assert loaded.notice is None


def test_append_once_never_stores_an_entry_twice(tmp_path: Path) -> None:
    history = History(history_path(tmp_path))
    record = make_record(at(1, 22))
    assert history.append_once(record, "one").written
    history_store._SNAPSHOTS.clear()
    again = History(history_path(tmp_path)).append_once(make_record(at(1, 22), 3), "one")
    assert not again.written and again.entry is not None and again.entry.record == record
    assert len(load_history(tmp_path).entries) == 1


def test_a_version_1_file_is_upgraded_in_memory_and_written_in_the_current_version(tmp_path: Path) -> None:
    path = history_path(tmp_path)
    path.parent.mkdir(parents=True)
    History(path).append(make_record(at(1, 22)), 3, 4, entry_id="old")
    data = path.read_bytes().replace(f"version = {FORMAT_VERSION}".encode(), b"version = 1")
    parsed = parse_history(data)
    assert parsed.version == 1 and parsed.nights == () and [e.id for e in parsed.entries] == ["old"]
    path.write_bytes(data)
    history_store._SNAPSHOTS.clear()
    History(path).answer(NightAnswer(date(2024, 5, 1), 5))
    assert path.read_bytes().startswith(f"version = {FORMAT_VERSION}\n".encode())
    history_store._SNAPSHOTS.clear()
    loaded = load_history(tmp_path)
    assert [e.id for e in loaded.entries] == ["old"] and loaded.entries[0].relaxed == 3
    assert loaded.nights[0].sleep == 5


def test_a_malformed_night_is_counted_and_the_rest_kept(tmp_path: Path) -> None:
    path = history_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(
        "version = 2\n"
        "[[nights]]\nnight = 2024-05-01\nsleep = 4\n"
        "[[nights]]\nnight = 2024-05-02\nsleep = 9\n"
        "[[nights]]\nnight = \"yesterday\"\nsleep = 3\n",
        "utf-8",
    )
    loaded = load_history(tmp_path)
    assert [n.night for n in loaded.nights] == [date(2024, 5, 1)]
    assert loaded.notice is not None and "2 nights of sleep answers could not be read" in loaded.notice
    assert loaded.set_aside is not None and loaded.set_aside.exists()


def test_a_rated_night_with_only_a_short_session_is_explained_not_lost() -> None:
    """A night whose only session was under a minute of massage is neither kind of night: the sentence
    says so instead of "no rated nights"."""
    night = JOURNAL_LAST_NIGHT
    start = datetime(night.year, night.month, night.day, 22, 40, tzinfo=Z)
    entry = HistoryEntry("short", make_record(start, minutes=0.5))
    journal = compute_journal([entry], [NightAnswer(night, 2)], now=FIXTURE_NOW, tz=Z)
    four = journal.comparisons[0]
    assert (four.with_massage.nights, four.without.nights, four.too_short) == (0, 0, 1)
    assert comparison_sentence(four) == (
        "Last 4 weeks: no nights to compare yet: 1 rated night had only a session under 1 min of massage, "
        "which counts as neither kind."
    )
