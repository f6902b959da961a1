"""Storing, loading and rating sessions."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from coach.history import (
    History,
    append_session,
    history_path,
    load_history,
    new_entry_id,
    update_ratings,
)
from coach.history import store as history_store
from coach.history.format import FORMAT_VERSION, parse_history
from tests.history_helpers import fixture_entries, make_record

START = datetime(2024, 5, 1, 22, 30, tzinfo=timezone(timedelta(hours=2)))


@pytest.fixture(autouse=True)
def _fresh_process_memory() -> None:
    """Each test starts as a new process would: nothing remembered about any file."""
    history_store._SNAPSHOTS.clear()
    history_store._TAILS.clear()


def reload(path: Path) -> History:
    """The file as another process would see it."""
    history_store._SNAPSHOTS.clear()
    return History(path)


def test_history_lives_in_the_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert history_path(tmp_path) == tmp_path / "data" / "history.toml"
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "env"))
    assert history_path(None) == tmp_path / "env" / "data" / "history.toml"


def test_missing_file_is_an_empty_history_without_notice(tmp_path: Path) -> None:
    result = load_history(tmp_path)
    assert result.entries == ()
    assert result.notice is None
    assert not history_path(tmp_path).parent.exists()  # looking creates nothing


def test_append_then_load_gives_back_the_same_sessions(tmp_path: Path) -> None:
    record = make_record(START, 14.5)
    path = append_session(tmp_path, record, relaxed=4, sleepy=5)
    assert path == history_path(tmp_path)
    second = make_record(START + timedelta(days=1), 9, finished=False)
    append_session(tmp_path, second)
    history_store._SNAPSHOTS.clear()
    entries = load_history(tmp_path).entries
    assert [e.record for e in entries] == [record, second]
    assert [(e.relaxed, e.sleepy) for e in entries] == [(4, 5), (None, None)]
    assert entries[0].id != entries[1].id
    assert entries[0].record.started_at.utcoffset() == timedelta(hours=2)


def test_the_file_is_plain_toml_with_a_version_and_sessions(tmp_path: Path) -> None:
    append_session(tmp_path, make_record(START), relaxed=3, entry_id="first")
    document = tomllib.loads(history_path(tmp_path).read_text("utf-8"))
    assert document["version"] == FORMAT_VERSION
    (session,) = document["sessions"]
    assert session["id"] == "first"
    assert session["relaxed"] == 3
    assert "sleepy" not in session  # absent, not null: TOML has none
    assert session["started_at"] == START
    assert session["routine_name"] == "Evening wind-down"
    assert len(session["steps"]) == 4


def test_zoneinfo_times_are_stored_with_their_offset(tmp_path: Path) -> None:
    started = datetime(2024, 3, 31, 23, 50, tzinfo=ZoneInfo("Europe/Berlin"))
    append_session(tmp_path, make_record(started))
    text = history_path(tmp_path).read_text("utf-8")
    assert "started_at = 2024-03-31 23:50:00+02:00" in text
    (entry,) = reload(history_path(tmp_path)).load().entries
    assert entry.record.started_at == started


def test_rating_after_storing_updates_that_entry_only(tmp_path: Path) -> None:
    ids = [new_entry_id() for _ in range(3)]
    for day, entry_id in enumerate(ids):
        append_session(tmp_path, make_record(START + timedelta(days=day)), entry_id=entry_id)
    result = update_ratings(tmp_path, ids[1], 4, 2)
    assert result.entry is not None and (result.entry.relaxed, result.entry.sleepy) == (4, 2)
    entries = reload(history_path(tmp_path)).load().entries
    assert [(e.id, e.relaxed, e.sleepy) for e in entries] == [
        (ids[0], None, None),
        (ids[1], 4, 2),
        (ids[2], None, None),
    ]


def test_rating_the_session_just_stored_rewrites_only_its_block(tmp_path: Path) -> None:
    path = history_path(tmp_path)
    history = History(path)
    for day in range(3):
        history.append(make_record(START + timedelta(days=day)), 2, 2)
    before = path.read_bytes()
    last = history.append(make_record(START + timedelta(days=3)))
    assert last.entry is not None
    history.rate(last.entry.id, 5, 4)
    history.rate(last.entry.id, 5, None)
    data = path.read_bytes()
    assert data.startswith(before)
    parsed = parse_history(data)
    assert [(e.relaxed, e.sleepy) for e in parsed.entries] == [(2, 2), (2, 2), (2, 2), (5, None)]
    assert parsed.unreadable == 0


def test_rating_an_entry_that_is_gone_stores_the_session_again(tmp_path: Path) -> None:
    record = make_record(START)
    result = update_ratings(tmp_path, "lost-id", 3, 4, record=record)
    assert result.entry is not None and result.entry.id == "lost-id"
    (entry,) = reload(history_path(tmp_path)).load().entries
    assert (entry.id, entry.record, entry.relaxed, entry.sleepy) == ("lost-id", record, 3, 4)


def test_rating_an_unknown_entry_without_record_changes_nothing(tmp_path: Path) -> None:
    append_session(tmp_path, make_record(START), entry_id="kept")
    before = history_path(tmp_path).read_bytes()
    result = update_ratings(tmp_path, "nope", 3, 4)
    assert result.entry is None
    assert history_path(tmp_path).read_bytes() == before


@pytest.mark.parametrize("bad", [0, 6, -1, 2.5, True, "4"])
def test_ratings_outside_one_to_five_are_refused(tmp_path: Path, bad: object) -> None:
    with pytest.raises(ValueError, match="1 to 5"):
        append_session(tmp_path, make_record(START), relaxed=bad)  # type: ignore[arg-type]
    append_session(tmp_path, make_record(START), entry_id="x")
    with pytest.raises(ValueError, match="1 to 5"):
        update_ratings(tmp_path, "x", None, bad)  # type: ignore[arg-type]
    assert [e.sleepy for e in load_history(tmp_path).entries] == [None]


def test_keys_from_a_newer_version_survive_appends_and_ratings(tmp_path: Path) -> None:
    path = history_path(tmp_path)
    append_session(tmp_path, make_record(START), entry_id="old")
    text = path.read_text("utf-8").replace('id = "old"', 'id = "old"\nmood_note = "calm"')
    path.write_text('device = "tablet"\n' + text, "utf-8")
    history_store._SNAPSHOTS.clear()
    append_session(tmp_path, make_record(START + timedelta(days=1)), entry_id="new")
    update_ratings(tmp_path, "old", 5, 5)
    document = tomllib.loads(path.read_text("utf-8"))
    assert document["device"] == "tablet"
    assert document["sessions"][0]["mood_note"] == "calm"
    assert document["sessions"][0]["relaxed"] == 5
    assert [s["id"] for s in document["sessions"]] == ["old", "new"]


def test_a_hand_written_inline_sessions_array_is_rewritten_not_appended_to(tmp_path: Path) -> None:
    path = history_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text("version = 1\nsessions = []\n", "utf-8")
    append_session(tmp_path, make_record(START), entry_id="a")
    append_session(tmp_path, make_record(START), entry_id="b")
    assert [e.id for e in reload(path).load().entries] == ["a", "b"]


def test_another_process_writing_in_between_is_noticed(tmp_path: Path) -> None:
    path = history_path(tmp_path)
    mine = History(path)
    mine.append(make_record(START), entry_id="mine-1")
    # Another instance (its own memory) appends; this one must not splice onto stale bytes.
    history_store._SNAPSHOTS.clear()
    History(path).append(make_record(START + timedelta(days=1)), entry_id="theirs")
    mine.append(make_record(START + timedelta(days=2)), entry_id="mine-2")
    mine.rate("mine-2", 4, 4)
    assert [e.id for e in reload(path).load().entries] == ["mine-1", "theirs", "mine-2"]


def test_the_thirty_session_fixture_round_trips(tmp_path: Path) -> None:
    history = History(history_path(tmp_path))
    fixture = fixture_entries()
    assert len(fixture) == 30
    for entry in fixture:
        history.append(entry.record, entry.relaxed, entry.sleepy, entry_id=entry.id)
    assert reload(history_path(tmp_path)).load().entries == fixture


def test_stray_temporary_files_are_cleared_on_the_next_write(tmp_path: Path) -> None:
    path = history_path(tmp_path)
    append_session(tmp_path, make_record(START))
    stray = path.parent / ".history.toml.k1ll3d.tmp"
    stray.write_bytes(b"[[sessions]]\nid = ")
    append_session(tmp_path, make_record(START))
    assert not stray.exists()
    assert len(load_history(tmp_path).entries) == 2


def test_appending_adds_at_the_end_without_reading_or_rewriting_the_sessions_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long history takes one more session in the time of one: nothing before it is parsed or
    written again, and rating it right after replaces its own block only."""
    path = tmp_path / "history.toml"
    history = History(path)
    for day in range(3):
        history.append(make_record(datetime(2024, 5, 1 + day, 22, tzinfo=UTC)), entry_id=f"s{day}")
    before = path.read_bytes()
    history_store._SNAPSHOTS.clear()  # as a fresh process finds it
    history_store._TAILS.clear()

    def no_parsing(data: bytes) -> object:
        raise AssertionError("the whole history was parsed for an append")

    monkeypatch.setattr(history_store, "parse_history", no_parsing)
    monkeypatch.setattr(history_store, "atomic_write_bytes", no_parsing)
    fresh = History(path)
    saved = fresh.append(make_record(datetime(2024, 5, 9, 22, tzinfo=UTC)), entry_id="new")
    after = path.read_bytes()
    assert after.startswith(before) and after[len(before):].count(b"[[sessions]]") == 1
    monkeypatch.undo()
    rated = fresh.rate("new", 4, 5)
    assert rated.entry is not None and (rated.entry.relaxed, rated.entry.sleepy) == (4, 5)
    assert path.read_bytes().startswith(before)
    history_store._SNAPSHOTS.clear()
    history_store._TAILS.clear()
    entries = History(path).load().entries
    assert [e.id for e in entries] == ["s0", "s1", "s2", "new"]
    assert (entries[-1].relaxed, entries[-1].sleepy) == (4, 5)
    assert saved.entry == entries[-1].rated(None, None)


def test_an_append_reads_the_whole_file_when_its_ends_do_not_look_whole(tmp_path: Path) -> None:
    """A tail that is not a whole session (cut off, or a newer version's header) takes the careful way:
    the file is read, repaired as ever, and the new session kept."""
    path = tmp_path / "history.toml"
    History(path).append(make_record(datetime(2024, 5, 1, 22, tzinfo=UTC)), entry_id="a")
    data = path.read_bytes()
    path.write_bytes(data[: data.rindex(b"actual")])  # cut inside the last session
    history_store._SNAPSHOTS.clear()
    history_store._TAILS.clear()
    saved = History(path).append(make_record(datetime(2024, 5, 2, 22, tzinfo=UTC)), entry_id="b")
    assert saved.entry is not None
    history_store._SNAPSHOTS.clear()
    assert [e.id for e in History(path).load().entries][-1] == "b"


def test_a_new_session_goes_in_place_after_the_nights_and_one_already_there_is_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app stores each session with ``put`` (and a cut-short one with ``append_once``): a new id is
    added at the end without parsing the file, even with the morning answers kept at its top; an id
    already in the file takes the careful way, which replaces or keeps it."""
    from coach.history import NightAnswer

    path = tmp_path / "history.toml"
    history = History(path)
    for day in range(2):
        history.append(make_record(datetime(2024, 5, 1 + day, 22, tzinfo=UTC)), entry_id=f"s{day}")
    history.answer(NightAnswer(datetime(2024, 5, 1).date(), 4))
    before = path.read_bytes()
    history_store._SNAPSHOTS.clear()

    def no_parsing(data: bytes) -> object:
        raise AssertionError("the whole history was parsed to add one session")

    monkeypatch.setattr(history_store, "parse_history", no_parsing)
    History(path).put(make_record(datetime(2024, 5, 3, 22, tzinfo=UTC)), "new")
    History(path).append_once(make_record(datetime(2024, 5, 4, 22, tzinfo=UTC)), "cut")
    assert path.read_bytes().startswith(before)
    monkeypatch.undo()
    longer = make_record(datetime(2024, 5, 3, 22, tzinfo=UTC), minutes=20)
    replaced = reload(path).put(longer, "new")  # carried on and ended: the same entry, now whole
    assert replaced.entry is not None and replaced.entry.record == longer
    kept = reload(path).append_once(make_record(datetime(2024, 5, 5, 22, tzinfo=UTC)), "cut")
    assert not kept.written
    loaded = reload(path).load()
    assert [e.id for e in loaded.entries] == ["s0", "s1", "new", "cut"]
    assert loaded.entries[2].record == longer
    assert [n.sleep for n in loaded.nights] == [4]


def test_years_of_answered_nights_still_let_a_session_go_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The nights answered live in the top level, which outgrows a few kilobytes after a couple of
    months: a new session still goes at the end without parsing the file (on the screen's thread, at
    the end of every session), however many chunks the top level takes to read."""
    from coach.history import NightAnswer
    from coach.history.format import HistoryEntry, dump_history

    path = tmp_path / "history.toml"
    first = datetime(2020, 1, 1).date()
    nights = tuple(NightAnswer(first + timedelta(days=day), 1 + day % 5) for day in range(3000))
    entry = HistoryEntry("s0", make_record(datetime(2024, 5, 1, 22, tzinfo=UTC)))
    path.write_bytes(dump_history((entry,), nights=nights))
    before = path.read_bytes()
    assert before.index(b"[[sessions]]") > history_store._HEAD_CHUNK  # read in more than one chunk
    history_store._SNAPSHOTS.clear()
    history_store._TAILS.clear()

    def no_parsing(data: bytes) -> object:
        raise AssertionError("the whole history was parsed to add one session")

    monkeypatch.setattr(history_store, "parse_history", no_parsing)
    saved = History(path).put(make_record(datetime(2024, 5, 3, 22, tzinfo=UTC)), "new")
    assert saved.entry is not None
    assert path.read_bytes().startswith(before)
    monkeypatch.undo()
    loaded = reload(path).load()
    assert [e.id for e in loaded.entries] == ["s0", "new"]
    assert len(loaded.nights) == 3000


def test_an_older_format_is_added_to_in_place_as_reading_it_all_would(tmp_path: Path) -> None:
    """Each format version only adds keys: a session of this version at the end of an older file is
    read back as itself, and the older sessions are upgraded as ever."""
    path = tmp_path / "history.toml"
    History(path).append(make_record(START), entry_id="old")
    data = path.read_bytes()
    path.write_bytes(data.replace(f"version = {FORMAT_VERSION}".encode(), b"version = 2", 1))
    older = path.read_bytes()
    history_store._SNAPSHOTS.clear()
    History(path).append(make_record(START + timedelta(days=1)), entry_id="second")
    assert path.read_bytes().startswith(older)
    entries = reload(path).load().entries
    assert [e.id for e in entries] == ["old", "second"]
    assert entries[1].record == make_record(START + timedelta(days=1))
