"""A damaged history never stops the app, and nothing in it is ever deleted."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import tomli_w

from coach.history import History, HistoryError, NightAnswer
from coach.history import store as history_store
from coach.history.format import FORMAT_VERSION
from coach.history.index import cache_path
from tests.history_helpers import make_record

START = datetime(2024, 5, 1, 22, 30, tzinfo=timezone(timedelta(hours=2)))
CLOCK = datetime(2024, 5, 2, 7, 15, 9)
ASIDE = "history.toml.damaged-20240502-071509"


@pytest.fixture(autouse=True)
def _fresh_process_memory() -> None:
    history_store._SNAPSHOTS.clear()
    history_store._TAILS.clear()


def history_at(tmp_path: Path) -> History:
    return History(tmp_path / "history.toml", clock=lambda: CLOCK)


def good_file(tmp_path: Path, sessions: int = 3) -> bytes:
    history = history_at(tmp_path)
    for day in range(sessions):
        history.append(make_record(START + timedelta(days=day)), 3, 4, entry_id=f"s{day}")
    history_store._SNAPSHOTS.clear()
    return (tmp_path / "history.toml").read_bytes()


def _truncated(tmp_path: Path) -> bytes:
    data = good_file(tmp_path)
    return data[: data.index(b"started_at", len(data) // 2) + len(b"started_at = 2024-0")]


DAMAGES: dict[str, Callable[[Path], bytes]] = {
    "not toml": lambda tmp: b"this is = = not [toml\n",
    "not utf-8": lambda tmp: b'version = 1\n[[sessions]]\nid = "\xff\xfe"\n',
    "truncated": _truncated,
    "no version": lambda tmp: b'[[sessions]]\nid = "a"\n',
    "version not a number": lambda tmp: b'version = "one"\n',
    "sessions not a list": lambda tmp: b'version = 1\nsessions = "many"\n',
    "sessions a table": lambda tmp: b"version = 1\n[sessions]\ncount = 3\n",
    "binary junk": lambda tmp: bytes(range(256)),
}


@pytest.mark.parametrize("kind", sorted(DAMAGES))
def test_a_damaged_file_is_moved_aside_and_a_new_history_starts(tmp_path: Path, kind: str) -> None:
    damaged = DAMAGES[kind](tmp_path)
    path = tmp_path / "history.toml"
    path.write_bytes(damaged)
    history_store._SNAPSHOTS.clear()
    result = history_at(tmp_path).load()
    aside = tmp_path / ASIDE
    assert result.entries == ()
    assert result.set_aside == aside
    assert result.notice is not None
    assert str(aside) in result.notice and "new history" in result.notice
    assert aside.read_bytes() == damaged  # kept byte for byte
    assert not path.exists()
    saved = history_at(tmp_path).append(make_record(START), entry_id="fresh")
    assert saved.notice is None
    assert [e.id for e in history_at(tmp_path).load().entries] == ["fresh"]
    assert aside.read_bytes() == damaged


@pytest.mark.parametrize(
    ("damaged", "reason"),
    [
        (b"x = = 1", "not valid TOML"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b'sessions = []', "no valid 'version'"),
        (b"version = 1\nsessions = 3\n", "'sessions' is not a list"),
    ],
)
def test_the_notice_says_what_was_wrong(tmp_path: Path, damaged: bytes, reason: str) -> None:
    (tmp_path / "history.toml").write_bytes(damaged)
    notice = history_at(tmp_path).load().notice
    assert notice is not None and reason in notice


def test_an_earlier_damaged_copy_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "history.toml"
    (tmp_path / ASIDE).write_bytes(b"first damage")
    (tmp_path / f"{ASIDE}-2").write_bytes(b"second damage")
    path.write_bytes(b"third = = damage")
    result = history_at(tmp_path).load()
    assert result.set_aside == tmp_path / f"{ASIDE}-3"
    assert (tmp_path / ASIDE).read_bytes() == b"first damage"
    assert (tmp_path / f"{ASIDE}-2").read_bytes() == b"second damage"
    assert (tmp_path / f"{ASIDE}-3").read_bytes() == b"third = = damage"


def test_appending_onto_a_damaged_file_sets_it_aside_and_keeps_the_new_session(tmp_path: Path) -> None:
    (tmp_path / "history.toml").write_bytes(b"\x00\x01 garbage")
    saved = history_at(tmp_path).append(make_record(START), 4, 4, entry_id="new")
    assert saved.notice is not None and ASIDE in saved.notice
    assert (tmp_path / ASIDE).read_bytes() == b"\x00\x01 garbage"
    assert [(e.id, e.relaxed) for e in history_at(tmp_path).load().entries] == [("new", 4)]


def test_an_empty_file_is_an_empty_history(tmp_path: Path) -> None:
    (tmp_path / "history.toml").write_bytes(b"\n  \n")
    result = history_at(tmp_path).load()
    assert (result.entries, result.notice) == ((), None)
    assert not (tmp_path / ASIDE).exists()


def _break_sessions(text: str) -> str:
    """Damage two of five sessions in different ways, and duplicate a third's id."""
    blocks = text.split("[[sessions]]\n")
    blocks[2] = blocks[2].replace("routine_name = ", "routine_title = ")  # a required key missing
    blocks[3] = blocks[3].replace("relaxed = 3", "relaxed = 9")  # a rating out of range
    blocks[5] = blocks[5].replace('id = "s4"', 'id = "s0"')  # the same id twice
    return "[[sessions]]\n".join(blocks)


def test_unreadable_sessions_are_left_out_and_the_file_copied_aside(tmp_path: Path) -> None:
    path = tmp_path / "history.toml"
    broken = _break_sessions(good_file(tmp_path, sessions=5).decode()).encode()
    path.write_bytes(broken)
    history_store._SNAPSHOTS.clear()
    result = history_at(tmp_path).load()
    assert [e.id for e in result.entries] == ["s0", "s3"]
    assert result.notice is not None
    assert "3 sessions in the history file could not be read" in result.notice
    assert str(tmp_path / ASIDE) in result.notice and "2 readable sessions were kept" in result.notice
    assert (tmp_path / ASIDE).read_bytes() == broken  # everything, including the unreadable ones
    # The file itself now holds the readable sessions, so the next start is quiet.
    history_store._SNAPSHOTS.clear()
    again = history_at(tmp_path).load()
    assert ([e.id for e in again.entries], again.notice) == (["s0", "s3"], None)


def test_a_file_cut_off_inside_a_value_that_still_parses_keeps_the_whole_sessions(tmp_path: Path) -> None:
    data = good_file(tmp_path)
    cut = data[: data.index(b"started_at", len(data) // 2) + len(b"started_at = 2")]  # = 2: an integer
    (tmp_path / "history.toml").write_bytes(cut)
    result = history_at(tmp_path).load()
    assert [e.id for e in result.entries] == ["s0", "s1"]
    assert result.notice is not None and result.notice.startswith("1 session in the history file")
    assert (tmp_path / ASIDE).read_bytes() == cut


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("feet", ["left", "middle"]),
        ("feet", []),
        ("mode", "both"),
        ("actual_seconds", -5.0),
        ("actual_seconds", float("nan")),
        ("planned_seconds", "long"),
        ("finished", 1),
        ("started_at", date(2024, 5, 1)),
        ("id", ""),
        ("id", 7),
        ("steps", [{"step_id": "x"}]),
        ("steps", "none"),
        ("relaxed", 0),
        ("sleepy", "high"),
    ],
)
def test_each_kind_of_malformed_session_is_counted(tmp_path: Path, key: str, value: object) -> None:
    document = tomllib.loads(good_file(tmp_path, sessions=2).decode())
    document["sessions"][1][key] = value
    (tmp_path / "history.toml").write_bytes(tomli_w.dumps(document).encode())
    result = history_at(tmp_path).load()
    assert [e.id for e in result.entries] == ["s0"]
    assert result.notice is not None and result.notice.startswith("1 session in the history file")


def test_a_session_that_is_not_a_table_is_counted(tmp_path: Path) -> None:
    (tmp_path / "history.toml").write_bytes(b'version = 1\nsessions = [1, "two"]\n')
    result = history_at(tmp_path).load()
    assert result.entries == ()
    assert result.notice is not None and result.notice.startswith("2 sessions in the history file")


def test_a_newer_format_is_read_and_never_rewritten(tmp_path: Path) -> None:
    """A newer coach's file is shown as far as it can be read, and left exactly as it is: neither
    rewritten as this version's format (which would drop what the newer one keeps) nor added to."""
    path = tmp_path / "history.toml"
    current = f"version = {FORMAT_VERSION}".encode()
    newer = good_file(tmp_path, sessions=2).replace(current, f"version = {FORMAT_VERSION + 1}".encode())
    path.write_bytes(newer)
    result = history_at(tmp_path).load()
    assert [e.id for e in result.entries] == ["s0", "s1"]
    assert result.notice is not None and "newer version" in result.notice
    with pytest.raises(HistoryError, match=r"not saved.*newer version.*--data-dir"):
        history_at(tmp_path).append(make_record(START))
    with pytest.raises(HistoryError, match=r"^The session was not saved"):
        history_at(tmp_path).append(make_record(START))
    with pytest.raises(HistoryError, match=r"^The rating was not saved"):
        history_at(tmp_path).rate("s0", 5, 5)
    with pytest.raises(HistoryError, match=r"^The night's answer was not saved"):
        history_at(tmp_path).answer(NightAnswer(START.date(), 4))
    assert path.read_bytes() == newer
    kept = {"history.toml", cache_path(path).name}  # the cache was made before, for the older bytes
    assert {p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")} <= kept


def test_an_unreadable_path_is_told_and_nothing_is_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "history.toml"
    path.mkdir()  # a directory where the file should be: reading fails
    (path / "precious").write_text("x")
    result = history_at(tmp_path).load()
    assert result.entries == ()
    assert result.notice is not None and "could not be read" in result.notice
    with pytest.raises(HistoryError, match="not saved"):
        history_at(tmp_path).append(make_record(START))
    assert (path / "precious").read_text() == "x"


def test_when_the_damaged_file_cannot_be_moved_it_is_left_and_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.toml"
    path.write_bytes(b"= broken")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "rename", refuse)
    result = history_at(tmp_path).load()
    assert result.notice is not None and "could not be moved aside (Permission denied)" in result.notice
    with pytest.raises(HistoryError):
        history_at(tmp_path).append(make_record(START))
    assert path.read_bytes() == b"= broken"


def test_a_full_disk_is_a_history_error_and_the_old_file_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = good_file(tmp_path, sessions=1)

    def full(path: Path, data: object) -> None:
        raise OSError(28, "No space left on device")

    def full_append(path: Path, data: bytes, expected_size: int) -> None:
        raise OSError(28, "No space left on device")

    # Both ways of writing: adding at the end of a file that looks whole, and the full rewrite.
    monkeypatch.setattr(history_store, "atomic_write_bytes", full)
    monkeypatch.setattr(history_store, "atomic_write_chunks", full)
    monkeypatch.setattr(history_store, "append_bytes", full_append)
    with pytest.raises(HistoryError, match="No space left on device"):
        history_at(tmp_path).append(make_record(START))
    assert (tmp_path / "history.toml").read_bytes() == before
    (tmp_path / "history.toml").write_bytes(before + b"# a comment that hides the last session's end")
    with pytest.raises(HistoryError, match="No space left on device"):
        history_at(tmp_path).append(make_record(START))


def test_a_short_append_is_cut_back_so_the_file_stays_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach import atomic

    before = good_file(tmp_path, sessions=2)
    real_write = os.write

    def half(fd: int, data: bytes) -> int:
        return real_write(fd, bytes(data)[: len(data) // 2])

    monkeypatch.setattr(atomic.os, "write", half)
    with pytest.raises(HistoryError, match="No space left on device"):
        history_at(tmp_path).append(make_record(START))
    monkeypatch.undo()
    assert (tmp_path / "history.toml").read_bytes() == before
