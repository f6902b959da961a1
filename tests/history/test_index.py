"""The fast way of reading the history gives exactly what the careful way gives, on any file.

The careful way is :meth:`History.load`: the whole file through ``tomllib``, every session checked,
damage repaired and told. The fast way is :meth:`History.overview`: session by session, or from the
cache beside the file. Each test puts the same bytes in two folders and reads one each way; the
sessions (in brief), the nights, the notice and the files left behind must all be the same.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from coach.history import History, NightAnswer, Overview, SessionSummary
from coach.history import index as history_index
from coach.history import store as history_store
from coach.history.format import HistoryEntry, dump_history
from coach.history.index import cache_path, decode, encode
from tests.history_helpers import make_record

START = datetime(2024, 5, 1, 22, 0, tzinfo=timezone(timedelta(hours=2)))
CLOCK = datetime(2024, 6, 1, 9, 0, tzinfo=UTC)


def _history(folder: Path) -> History:
    return History(folder / "history.toml", clock=lambda: CLOCK, lock_timeout=0.5)


def _entries(count: int, rated: bool = True) -> tuple[HistoryEntry, ...]:
    return tuple(
        HistoryEntry(f"id-{i}", make_record(START + timedelta(days=i, minutes=7 * i), 5 + i % 17,
                                            finished=i % 4 != 1),
                     (1 + i % 5) if rated and i % 3 else None, (1 + (i * 2) % 5) if rated and i % 2 else None)
        for i in range(count)
    )


NIGHTS = (NightAnswer(date(2024, 5, 2), 4, True, False), NightAnswer(date(2024, 5, 3), skipped=True))


def _file(count: int = 4) -> bytes:
    return dump_history(_entries(count), None, NIGHTS)


def _careful(folder: Path) -> Overview:
    """What the careful way reads, in brief (the reference)."""
    loaded = _history(folder).load()
    return Overview(tuple(SessionSummary.of(e) for e in loaded.entries), loaded.notice, loaded.path,
                    loaded.set_aside, loaded.nights)


def _same(tmp_path: Path, data: bytes, *, cache: bytes | None = None) -> Overview:
    """Read ``data`` both ways in two folders; assert the same result and the same files; the fast one."""
    fast_dir, careful_dir = tmp_path / "fast", tmp_path / "careful"
    for folder in (fast_dir, careful_dir):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        (folder / "history.toml").write_bytes(data)
    if cache is not None:
        cache_path(fast_dir / "history.toml").write_bytes(cache)
    history_store._SNAPSHOTS.clear()
    fast = _history(fast_dir).overview()
    history_store._SNAPSHOTS.clear()
    careful = _careful(careful_dir)
    assert fast.sessions == careful.sessions
    assert [s.started_at.isoformat() for s in fast.sessions] == \
        [s.started_at.isoformat() for s in careful.sessions]
    assert fast.nights == careful.nights
    assert _text(fast.notice, fast_dir) == _text(careful.notice, careful_dir)
    assert _files(fast_dir) == _files(careful_dir)
    return fast


def _text(notice: str | None, folder: Path) -> str | None:
    return notice.replace(str(folder), "FOLDER") if notice is not None else None


def _files(folder: Path) -> dict[str, bytes]:
    """The folder's files but the lock and the cache (derived: only the fast way makes it)."""
    skip = {"history.toml.lock", cache_path(folder / "history.toml").name}
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.name not in skip}


# -- files coach writes, and files edited by hand ----------------------------------------------------
LINES = [
    b"[[sessions]]", b"  [[ sessions ]]  # a comment", b"[[sessions.steps]]", b"[[sessions . steps]]",
    b"[[nights]]", b"[extra]", b"[sessions.x]", b'sessions = []', b"x = 1", b'text = """', b'"""',
    b"text = '''", b"# [[sessions]]", b"", b"relaxed = 9", b"relaxed = 4", b'id = "id-1"', b"version = 2",
    b"version = 99", b"\xef\xbb\xbf", b"[1, 2]", b"feet = [", b"]", b"night = 2024-05-09", b"sleep = 3",
    b'step_id = "x"', b"planned = 1e999", b"\xff", b"a.b.c = 1", b"[[sessions]] # x\r",
    b"started_at = 9999-12-31T23:59:59", b"a = [[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]",
]


BENIGN = [b"", b"# a note", b"  ", b"x = 1", b'note = "kept"', b"[[sessions]] # x"]
"""Lines that keep a file readable the fast way where they land between a session's keys."""


@st.composite
def edited_files(draw: st.DrawFn) -> bytes:
    """A history as coach writes it, then edited as a person or a fault might: lines put in (harmless
    ones more often), taken out, blocks repeated or moved, the end cut off, line ends changed."""
    lines = _file(draw(st.integers(0, 4))).split(b"\n")
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["benign", "benign", "insert", "delete", "repeat", "move", "cut",
                                     "crlf"]))
        where = draw(st.integers(0, max(0, len(lines) - 1)))
        if kind in ("benign", "insert"):
            lines.insert(where, draw(st.sampled_from(BENIGN if kind == "benign" else LINES)))
        elif kind == "delete" and lines:
            del lines[where]
        elif kind in ("repeat", "move"):
            span = lines[where : where + draw(st.integers(1, 60))]
            if kind == "move":
                del lines[where : where + len(span)]
            lines += span
        elif kind == "cut":
            lines = lines[:where]
        else:
            lines = [line + b"\r" for line in lines]
    return b"\n".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=edited_files())
@example(data=_file(3))
@example(data=b"")
@example(data=b"  \n\n")
@example(data=b"version = 3\n")
@example(data=_file(2) + b"\n" + _file(2).split(b"[[sessions]]", 1)[1])  # the same ids twice
@example(data=_file(2).replace(b"version = 3", b"version = 1"))
@example(data=_file(2).replace(b"version = 3", b"version = 4"))
@example(data=_file(2).rstrip(b"\n"))
@example(data=_file(2).replace(b'[[sessions]]\nid = "id-1"',
                               b'[[sessions]]\ntext = """\n[[sessions]]\n"""\nid = "id-1"'))
def test_the_fast_way_reads_what_the_careful_way_reads(tmp_path: Path, data: bytes) -> None:
    _same(tmp_path, data)


def test_a_file_coach_wrote_is_read_session_by_session_and_kept_in_a_cache(tmp_path: Path) -> None:
    fast = _same(tmp_path, _file(5))
    assert [s.id for s in fast.sessions] == [f"id-{i}" for i in range(5)]
    cache = cache_path(tmp_path / "fast" / "history.toml")
    assert cache.exists()
    assert decode(cache.read_bytes()) is not None


# -- the cache -------------------------------------------------------------------------------------
def _cached(tmp_path: Path, data: bytes) -> Path:
    """``data`` as the history in ``tmp_path``, read once so its cache is there; the history's path."""
    path = tmp_path / "history.toml"
    path.write_bytes(data)
    _history(tmp_path).overview()
    assert cache_path(path).exists()
    return path


def _no_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make reading the whole file session by session fail the test: the cache must answer."""

    def refuse(*_args: object) -> None:
        raise AssertionError("read the whole file again")

    monkeypatch.setattr(history_store, "scan", refuse)


def test_the_cache_answers_while_the_file_is_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _cached(tmp_path, _file(6))
    first = _careful_copy(tmp_path, path)
    _no_scan(monkeypatch)
    assert _history(tmp_path).overview() == first


def _careful_copy(tmp_path: Path, path: Path) -> Overview:
    folder = tmp_path / "reference"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    shutil.copyfile(path, folder / "history.toml")
    history_store._SNAPSHOTS.clear()
    reference = _careful(folder)
    return Overview(reference.sessions, reference.notice, path, reference.set_aside, reference.nights)


def test_a_session_added_at_the_end_is_read_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """coach adds a session in place; the next read takes the cache and reads only the new block."""
    path = _cached(tmp_path, _file(4))
    _history(tmp_path).append(make_record(START + timedelta(days=30)), 5, 2, entry_id="new")
    _history(tmp_path).rate("new", 1, 1)  # rewrites only the new block
    _no_scan(monkeypatch)
    fast = _history(tmp_path).overview()
    monkeypatch.undo()
    assert fast == _careful_copy(tmp_path, path)
    assert fast.sessions[-1].id == "new" and fast.sessions[-1].relaxed == 1
    assert decode(cache_path(path).read_bytes()).size == path.stat().st_size  # type: ignore[union-attr]


@pytest.mark.parametrize("edit", [
    (b"relaxed = 2", b"relaxed = 3"),  # same size, same place: only the bytes tell
    (b'routine_name = "Evening wind-down"', b'routine_name = "Evening wind-up!!"'),
    (b"sleep = 4", b"sleep = 5"),
])
def test_an_edit_by_hand_is_seen(tmp_path: Path, edit: tuple[bytes, bytes]) -> None:
    path = _cached(tmp_path, _file(6))
    stat = path.stat()
    data = path.read_bytes()
    assert edit[0] in data
    path.write_bytes(data.replace(edit[0], edit[1], 1))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even with the time put back
    fast = _history(tmp_path).overview()
    assert fast == _careful_copy(tmp_path, path)


def test_a_session_added_by_hand_in_the_middle_or_the_end_is_seen(tmp_path: Path) -> None:
    path = _cached(tmp_path, _file(3))
    data = path.read_bytes()
    extra = dump_history(_entries(5)[4:]).split(b"\n", 1)[1]
    path.write_bytes(data + extra)
    assert [s.id for s in _history(tmp_path).overview().sessions] == ["id-0", "id-1", "id-2", "id-4"]
    first = data.index(b"[[sessions]]")
    path.write_bytes(data[:first] + extra.lstrip(b"\n") + b"\n" + data[first:])
    assert [s.id for s in _history(tmp_path).overview().sessions] == ["id-4", "id-0", "id-1", "id-2"]


def test_text_added_at_the_end_that_is_not_a_session_is_read_the_careful_way(tmp_path: Path) -> None:
    path = _cached(tmp_path, _file(3))
    data = path.read_bytes()
    for tail in (b"relaxed = 5\n", b"\n[[nights]]\nnight = 2024-05-20\nsleep = 2\n", b"\n[[sessions]]\n",
                 b"\n[[sessions.steps]]\nstep_id = 'x'\n"):
        _same(tmp_path, data + tail, cache=cache_path(path).read_bytes())


CACHE_DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda good: b"",
    "not json": lambda good: b"{not json",
    "cut short": lambda good: good[: len(good) // 2],
    "not utf-8": lambda good: b"\xff" + good,
    "a list": lambda good: b"[]",
    "deep": lambda good: b"[" * 100_000 + b"]" * 100_000,
    "another layout": lambda good: good.replace(b'"cache":2', b'"cache":3'),
    "a line cut off": lambda good: good[:-1],
    "a line of another kind": lambda good: good.replace(b"\ns ", b"\nx ", 1),
    "a line missing": lambda good: good.replace(good.split(b"\n")[-2] + b"\n", b""),
    "a wrong type": lambda good: good.replace(b'"appendable":true', b'"appendable":"yes"'),
    "a time out of range":
        lambda good: good.replace(b'"2024-05-01T22:00:00+02:00"', b'"0001-01-01T00:00:00"'),
    "a rating out of range": lambda good: good.replace(b',3,', b',7,', 1),
    "an id twice": lambda good: good.replace(b'"id-1"', b'"id-0"'),
    "a huge number": lambda good: good.replace(b'"size":', b'"size":1' + b"0" * 5000 + b"+"),
}


@pytest.mark.parametrize("damage", CACHE_DAMAGE)
def test_a_damaged_cache_is_ignored_and_made_again(tmp_path: Path, damage: str) -> None:
    path = _cached(tmp_path, _file(4))
    good = cache_path(path).read_bytes()
    bad = CACHE_DAMAGE[damage](good)
    _same(tmp_path, path.read_bytes(), cache=bad)
    assert decode(cache_path(tmp_path / "fast" / "history.toml").read_bytes()) is not None


@pytest.mark.parametrize("kind", ["folder", "fifo", "link"])
def test_a_cache_that_is_no_file_is_passed_over(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "history.toml"
    path.write_bytes(_file(3))
    cache = cache_path(path)
    if kind == "folder":
        cache.mkdir()
    elif kind == "fifo":
        os.mkfifo(cache)
    else:
        cache.symlink_to("/dev/zero")
    fast = _history(tmp_path).overview()
    assert [s.id for s in fast.sessions] == ["id-0", "id-1", "id-2"] and fast.notice is None


def test_a_cache_for_other_bytes_is_not_used(tmp_path: Path) -> None:
    """A cache made for another history (a backup put back, another machine's file) is not trusted."""
    other = tmp_path / "other"
    other.mkdir()
    _cached(other, _file(5))
    path = tmp_path / "history.toml"
    path.write_bytes(_file(2))
    shutil.copyfile(cache_path(other / "history.toml"), cache_path(path))
    assert [s.id for s in _history(tmp_path).overview().sessions] == ["id-0", "id-1"]


def test_a_rewrite_by_coach_keeps_the_cache_true(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rating an older session or answering the morning question rewrites the file; the cache written
    with it is what reading the new file gives."""
    path = _cached(tmp_path, _file(4))
    history_store._SNAPSHOTS.clear()
    _history(tmp_path).rate("id-1", 5, 5)
    _history(tmp_path).answer(NightAnswer(date(2024, 5, 9), 2))
    _no_scan(monkeypatch)
    fast = _history(tmp_path).overview()
    monkeypatch.undo()
    assert fast == _careful_copy(tmp_path, path)
    assert fast.find("id-1") is not None and fast.find("id-1").relaxed == 5  # type: ignore[union-attr]


def test_a_cache_that_cannot_be_written_costs_nothing(tmp_path: Path) -> None:
    path = tmp_path / "history.toml"
    path.write_bytes(_file(3))
    cache_path(path).mkdir()  # in the way of the cache's rename
    assert len(_history(tmp_path).overview().sessions) == 3


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=64), where=st.integers(0, 10_000))
def test_decoding_any_damaged_cache_never_fails(data: bytes, where: int) -> None:
    good = encode(_scan_of(_file(3)))
    at = where % (len(good) + 1)
    assert decode(good[:at] + data + good[at + len(data) :]) is None or True  # never raises


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 6), st.booleans())
def test_a_cache_holds_exactly_what_was_read(count: int, rated: bool) -> None:
    found = _scan_of(dump_history(_entries(count, rated), {"newer": {"when": START}}, NIGHTS))
    assert decode(encode(found)) == found


def _scan_of(data: bytes) -> history_index.Scan:
    import io

    return history_index.scan(io.BytesIO(data), 1 << 20)


def test_the_cache_says_what_it_holds(tmp_path: Path) -> None:
    """The cache is JSON a person can read, a line at a time; its first line names the size and hash of
    the bytes it describes."""
    path = _cached(tmp_path, _file(2))
    first, *rest = cache_path(path).read_text(encoding="ascii").splitlines()
    header = json.loads(first)
    assert header["size"] == path.stat().st_size and header["sessions"] == 2
    assert [line.split(" ", 2)[0] for line in rest] == ["n", "s"]


# -- the morning answer, kept without reading the sessions ---------------------------------------------
def _no_full_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make reading the whole file the careful way fail the test."""

    def refuse(*_args: object) -> None:
        raise AssertionError("parsed the whole file")

    monkeypatch.setattr(history_store, "parse_history", refuse)


def test_an_answer_rewrites_only_the_top_level(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Answering in place keeps what the careful way keeps, leaves the sessions' bytes as they were, and
    the cache stays true for the new file."""
    data = _file(5)
    careful = tmp_path / "careful"
    careful.mkdir()
    (careful / "history.toml").write_bytes(data)
    path = _cached(tmp_path, data)
    answer = NightAnswer(date(2024, 5, 3), 5, answered_at=CLOCK)  # replaces the skipped one
    history_store._SNAPSHOTS.clear()
    _history(careful).answer(answer)
    _no_full_read(monkeypatch)
    _history(tmp_path).answer(answer)
    _history(tmp_path).answer(NightAnswer(date(2024, 5, 20), 1))
    _history(careful).answer(NightAnswer(date(2024, 5, 20), 1))
    monkeypatch.undo()
    history_store._SNAPSHOTS.clear()
    reference = _careful(careful)
    _no_scan(monkeypatch)
    fast = _history(tmp_path).overview()
    monkeypatch.undo()
    assert fast == _careful_copy(tmp_path, path)
    assert (fast.sessions, fast.nights) == (reference.sessions, reference.nights)
    assert [n.night for n in fast.nights] == [date(2024, 5, 2), date(2024, 5, 3), date(2024, 5, 20)]
    assert path.read_bytes().endswith(data[data.index(b"[[sessions]]") :])  # the sessions as they were


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=edited_files())
@example(data=_file(0))
@example(data=b"version = 3\n")
@example(data=_file(2) + b"\n[[nights]]\nnight = 2024-05-04\nsleep = 1\n")  # a night after the sessions
def test_an_answer_in_place_keeps_what_the_careful_way_keeps(tmp_path: Path, data: bytes) -> None:
    """Whatever the file, answering leaves a history that reads as the careful way's does: the same
    sessions and the same nights (the way may differ: a file it cannot be sure of goes the careful
    way, which also repairs what it finds)."""
    answer = NightAnswer(date(2024, 5, 4), 3, True, None)
    results = []
    for name in ("fast", "careful"):
        folder = tmp_path / name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        (folder / "history.toml").write_bytes(data)
        history_store._SNAPSHOTS.clear()
        history = _history(folder)
        if name == "fast":
            history.overview()  # the cache, where the file reads cleanly
        history_store._SNAPSHOTS.clear()
        if name == "careful":
            with history._writable() as state:  # the careful way, forced
                kept = {old.night: old for old in state.result.nights}
                kept[answer.night] = answer
                history._rewrite(state, state.result.entries, tuple(kept[d] for d in sorted(kept)))
        else:
            history.answer(answer)
        history_store._SNAPSHOTS.clear()
        results.append(_careful(folder))
    fast, careful = results
    assert fast.sessions == careful.sessions
    assert fast.nights == careful.nights
    assert answer in fast.nights


# -- a history larger than is read in one piece ---------------------------------------------------------
def test_a_history_too_large_to_read_in_one_piece_is_shown_added_to_and_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Years of sessions coach wrote are read session by session, however many; what must read the
    file whole (an export, a repair) leaves it as it is and says why, and never sets it aside."""
    monkeypatch.setattr(history_store, "MAX_HISTORY_PARSE_BYTES", 3000)
    path = tmp_path / "history.toml"
    path.write_bytes(_file(6))
    assert path.stat().st_size > 3000
    assert len(_history(tmp_path).overview().sessions) == 6
    _history(tmp_path).append(make_record(START + timedelta(days=40)), entry_id="new")
    _history(tmp_path).answer(NightAnswer(date(2024, 6, 1), 4))
    fast = _history(tmp_path).overview()
    assert [s.id for s in fast.sessions][-1] == "new" and fast.answer_for(date(2024, 6, 1)) is not None
    loaded = _history(tmp_path).load()
    assert loaded.notice is not None and "more than coach reads in one piece" in loaded.notice
    assert loaded.set_aside is None and path.exists()
    before = path.read_bytes()
    path.write_bytes(before + b"\n[[sessions]]\nid = 'broken'\n")  # not as coach writes it: read whole
    damaged = _history(tmp_path).overview()
    assert damaged.sessions == () and damaged.notice is not None and "in one piece" in damaged.notice
    assert path.read_bytes() == before + b"\n[[sessions]]\nid = 'broken'\n"  # left as it is


def test_two_reads_at_once_in_one_process_parse_the_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The history screen opened while the morning question's read is under way waits for that read
    and takes its cache, rather than parsing every session again beside it."""
    import threading
    from types import TracebackType

    path = tmp_path / "history.toml"
    path.write_bytes(_file(4))
    real_scan, real_reading = history_index.scan, history_store._reading
    second_waits, in_scan = threading.Event(), threading.Event()
    scans: list[int] = []

    def slow_scan(handle: object, limit: int) -> object:
        scans.append(1)
        in_scan.set()
        assert second_waits.wait(10), "the second read did not wait for the first"
        return real_scan(handle, limit)  # type: ignore[arg-type]

    class Observed:
        def __init__(self, key: str) -> None:
            self.lock = real_reading(key)

        def __enter__(self) -> None:
            if self.lock.locked():
                second_waits.set()
            self.lock.acquire()

        def __exit__(self, *_: type[BaseException] | BaseException | TracebackType | None) -> None:
            self.lock.release()

    monkeypatch.setattr(history_store, "scan", slow_scan)
    monkeypatch.setattr(history_store, "_reading", Observed)
    results: list[Overview] = []

    def read() -> None:  # no wait for the file lock: only the process's own lock keeps them apart
        results.append(History(path, lock_timeout=0.0).overview())

    first = threading.Thread(target=read)
    first.start()
    assert in_scan.wait(10)
    second = threading.Thread(target=read)
    second.start()
    first.join(20)
    second.join(20)
    assert len(scans) == 1 and len(results) == 2 and results[0] == results[1]
    assert len(results[0].sessions) == 4


@pytest.mark.parametrize("chunk", [1, 7, 64])
def test_reading_in_small_pieces_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    """The file is read a chunk at a time: a header cut in two by a chunk's end is still found."""
    monkeypatch.setattr(history_index, "CHUNK", chunk)
    monkeypatch.setattr(history_store, "CHUNK", chunk)
    data = _file(3)
    fast = _same(tmp_path, data)
    assert [s.id for s in fast.sessions] == ["id-0", "id-1", "id-2"]
    folder = tmp_path / "fast"
    _history(folder).append(make_record(START + timedelta(days=9)), entry_id="new")
    with monkeypatch.context() as patch:
        _no_full_read(patch)
        _history(folder).answer(NightAnswer(date(2024, 5, 9), 3))
    history_store._SNAPSHOTS.clear()
    again = _history(folder).overview()
    assert again == _careful_copy(tmp_path, folder / "history.toml")
    assert [s.id for s in again.sessions][-1] == "new" and again.answer_for(date(2024, 5, 9)) is not None


# -- only the latest sessions, for the morning question --------------------------------------------------
Latest = tuple[tuple[SessionSummary, ...], tuple[NightAnswer, ...]]


def _expected_recent(folder: Path, since: datetime) -> Latest:
    reference = _careful(folder)
    start, first_night = since.timestamp(), since.date() - timedelta(days=1)
    return (tuple(s for s in reference.sessions if s.started_at.timestamp() >= start),
            tuple(n for n in reference.nights if n.night >= first_night))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=edited_files(), days=st.integers(-2, 8), cached=st.booleans())
def test_the_latest_sessions_are_what_a_whole_read_has_since_then(
    tmp_path: Path, data: bytes, days: int, cached: bool
) -> None:
    since = START + timedelta(days=days, hours=1)
    for name in ("fast", "careful"):
        folder = tmp_path / name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        (folder / "history.toml").write_bytes(data)
    if cached:
        _history(tmp_path / "fast").overview()
    history_store._SNAPSHOTS.clear()
    fast = _history(tmp_path / "fast").overview(since)
    history_store._SNAPSHOTS.clear()
    assert (fast.sessions, fast.nights) == _expected_recent(tmp_path / "careful", since)


def test_the_latest_sessions_come_from_the_cache_lines_that_hold_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Years of sessions, and the morning question decodes only the last line or two of the cache."""
    monkeypatch.setattr(history_index, "ROWS_PER_LINE", 2)
    path = _cached(tmp_path, dump_history(_entries(12), None, NIGHTS))
    _history(tmp_path).append(make_record(START + timedelta(days=20)), entry_id="late")
    _history(tmp_path).overview()  # the cache brought up to date, as any read does
    decoded: list[object] = []
    real = history_index._session

    def counted(row: object) -> SessionSummary:
        decoded.append(row)
        return real(row)

    monkeypatch.setattr(history_index, "_session", counted)
    _no_scan(monkeypatch)
    since = START + timedelta(days=10, hours=2)
    latest = _history(tmp_path).overview(since)
    assert [s.id for s in latest.sessions] == ["id-11", "late"]
    assert len(decoded) <= 5  # the last three lines (two days' margin), not thirteen sessions
    monkeypatch.undo()
    assert (latest.sessions, latest.nights) == _expected_recent(_copy_folder(tmp_path, path), since)


def _copy_folder(tmp_path: Path, path: Path) -> Path:
    folder = tmp_path / "copy"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    shutil.copyfile(path, folder / "history.toml")
    history_store._SNAPSHOTS.clear()
    return folder


@pytest.mark.parametrize("what", ["pieces", "from_sessions"])
def test_a_top_level_larger_than_any_coach_writes_is_unusual_not_searched_for_ever(what: str) -> None:
    """A file of endless lines before any session (hostile, or not a history at all) is given up as
    unusual once it outgrows what coach writes, rather than searched again with every chunk read."""
    import io

    data = b"version = 3\n" + b"# a comment line, again and again\n" * (history_index.MAX_PIECE // 30)
    data += b"\n[[sessions]]\n"
    reader = history_index.Reader(io.BytesIO(data), limit=len(data) + 1)
    with pytest.raises(history_index.Unusual):
        list(getattr(reader, what)())


def test_pieces_cut_at_every_header_whatever_the_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Headers split across chunks, and many blocks in one chunk, are cut exactly where they start."""
    import io

    monkeypatch.setattr(history_index, "CHUNK", 7)
    blocks = [b"version = 3\n"] + [b"[[sessions]]\nid = \"s%d\"\n\n" % n for n in range(20)]
    data = b"".join(blocks)
    pieces = list(history_index.Reader(io.BytesIO(data), limit=len(data) + 1).pieces())
    assert pieces == blocks
