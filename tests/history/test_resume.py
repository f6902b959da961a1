"""The resume snapshot: written while a session plays, and what the next start makes of it.

Kills are simulated two ways: in-process (the session and its keeper are dropped at a random moment,
sometimes with a half-written temporary file left behind), and for real (a child process playing a
session on a fast clock is sent SIGKILL at a random moment, mid-write or not). Either way the next
start must carry on, or keep, exactly one session.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from coach.engine import Session, build_plan
from coach.history import History, append_once, history_path, load_history
from coach.history import store as history_store
from coach.history.resume import (
    EXPIRES_AFTER,
    SnapshotKeeper,
    check_unfinished,
    keep_as_ended_early,
    read_snapshot,
    resume_path,
    snapshot_of,
)
from tests.engine_helpers import FakeClock, make_library

LIB = make_library()
ROOT = Path(__file__).resolve().parents[2]
AT_ONCE = {"segment_started", "paused", "resumed", "suspended", "foot_changed"}


@pytest.fixture(autouse=True)
def _fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh process's memory, and no fsync in this process: a kill here is simulated, so waiting
    for the disk proves nothing (the real SIGKILL test's child process still syncs)."""
    history_store._SNAPSHOTS.clear()
    monkeypatch.setattr(os, "fsync", lambda fd: None)


def local(wall: float) -> datetime:
    return datetime.fromtimestamp(wall).astimezone()


def play(
    session: Session, keeper: SnapshotKeeper, clock: FakeClock, seconds: float, step: float = 0.5
) -> bool:
    """Let ``seconds`` pass as the player would, noting every event; True when the session finished."""
    end = clock.now + seconds
    while clock.now < end:
        clock.advance(min(step, end - clock.now))
        kinds = {e.kind for e in session.update()}
        if "session_finished" in kinds:
            return True
        keeper.note(session, force=bool(kinds & AT_ONCE))
    return False


def finish_as_the_app_does(data: Path, session: Session, keeper: SnapshotKeeper) -> None:
    append_once(data, session.record(), keeper.entry_id)
    keeper.clear()


def start(data: Path, clock: FakeClock, entry_id: str = "s-1") -> tuple[Session, SnapshotKeeper]:
    session = Session(build_plan(LIB), clock.clock, clock.wall)
    session.start()
    keeper = SnapshotKeeper(resume_path(data), entry_id, clock=clock.clock)
    kinds = {e.kind for e in session.update()}
    keeper.note(session, force=bool(kinds & AT_ONCE))
    return session, keeper


def test_the_keeper_writes_at_changes_and_at_most_every_few_seconds(tmp_path: Path) -> None:
    clock = FakeClock()
    session, keeper = start(tmp_path, clock)
    assert keeper.writes == 1
    lead_in = session.plan.segments[0].seconds
    play(session, keeper, clock, 4.5, step=0.1)  # 45 redraws inside the lead-in: none due yet
    assert keeper.writes == 1
    play(session, keeper, clock, 1.0, step=0.1)  # now 5 s old
    assert keeper.writes == 2
    session.pause()
    keeper.note(session, force=True)
    assert keeper.writes == 3
    snapshot = read_snapshot(resume_path(tmp_path))
    assert snapshot is not None and snapshot.entry_id == "s-1"
    assert snapshot.position == "getting ready" and snapshot.progress.index == 0
    session.resume()
    play(session, keeper, clock, lead_in, step=0.25)
    snapshot = read_snapshot(resume_path(tmp_path))
    assert snapshot is not None and snapshot.position == "left foot, step 1 of 3"
    assert keeper.write_seconds > 0 and keeper.note_seconds >= keeper.write_seconds


def test_in_the_background_the_caller_never_writes(tmp_path: Path) -> None:
    clock = FakeClock()
    session = Session(build_plan(LIB), clock.clock, clock.wall)
    session.start()
    keeper = SnapshotKeeper(resume_path(tmp_path), "bg", clock=clock.clock, background=True)
    for _ in range(20):
        clock.advance(5)
        session.update()
        assert keeper.note(session)
    keeper.flush()
    assert 1 <= keeper.writes <= 20
    snapshot = read_snapshot(resume_path(tmp_path))
    assert snapshot is not None and snapshot.progress.played == pytest.approx(100)  # the newest one
    keeper.clear()
    assert not resume_path(tmp_path).exists()
    assert not keeper.note(session) or not resume_path(tmp_path).exists()  # after clear: nothing written


def test_a_clean_end_leaves_one_entry_and_no_snapshot(tmp_path: Path) -> None:
    clock = FakeClock()
    session, keeper = start(tmp_path, clock)
    assert play(session, keeper, clock, 10_000)
    finish_as_the_app_does(tmp_path, session, keeper)
    assert not resume_path(tmp_path).exists()
    assert check_unfinished(tmp_path, local(clock.wall())) == check_unfinished(tmp_path, local(clock.wall()))
    assert [e.id for e in load_history(tmp_path).entries] == ["s-1"]


def test_nothing_to_offer_without_a_snapshot(tmp_path: Path) -> None:
    result = check_unfinished(tmp_path, datetime.now().astimezone())
    assert (result.snapshot, result.notice) == (None, None)
    assert not (tmp_path / "data").exists()  # looking creates nothing


def test_an_expired_snapshot_becomes_an_ended_early_record(tmp_path: Path) -> None:
    clock = FakeClock()
    session, keeper = start(tmp_path, clock)
    play(session, keeper, clock, 100)
    snapshot = read_snapshot(resume_path(tmp_path))
    assert snapshot is not None
    later = local(snapshot.progress.saved_wall) + EXPIRES_AFTER + timedelta(minutes=1)
    result = check_unfinished(tmp_path, later)
    assert result.snapshot is None
    assert result.notice is not None and "kept in your history as ended early" in result.notice
    (entry,) = load_history(tmp_path).entries
    assert entry.id == "s-1" and not entry.record.finished
    assert entry.record == snapshot.record
    assert entry.record.actual_seconds == pytest.approx(snapshot.progress.played, abs=0.002)
    assert not resume_path(tmp_path).exists()
    # Asked again: nothing more, and never a second entry.
    assert check_unfinished(tmp_path, later).notice is None
    assert len(load_history(tmp_path).entries) == 1


def test_a_fresh_snapshot_is_offered_with_its_question(tmp_path: Path) -> None:
    clock = FakeClock()
    session, keeper = start(tmp_path, clock)
    play(session, keeper, clock, 100)
    result = check_unfinished(tmp_path, local(clock.wall() + 600))
    assert result.snapshot is not None and result.notice is None
    started = local(clock.wall() - 100)
    assert result.snapshot.question() == f"Resume the session from {started:%H:%M} (left foot, step 2 of 3)?"


def test_kept_as_ended_early_on_request_and_only_once(tmp_path: Path) -> None:
    clock = FakeClock()
    session, keeper = start(tmp_path, clock)
    play(session, keeper, clock, 50)
    snapshot = check_unfinished(tmp_path, local(clock.wall())).snapshot
    assert snapshot is not None
    assert keep_as_ended_early(tmp_path, snapshot).written
    assert not keep_as_ended_early(tmp_path, snapshot).written
    assert len(load_history(tmp_path).entries) == 1


def test_killed_between_storing_and_clearing_the_snapshot_counts_once(tmp_path: Path) -> None:
    clock = FakeClock()
    session, keeper = start(tmp_path, clock)
    assert play(session, keeper, clock, 10_000) is True
    keeper.note(session, force=True)  # nothing: the session is over
    session2, keeper2 = start(tmp_path, clock, "s-2")
    play(session2, keeper2, clock, 30)
    append_once(tmp_path, session2.record(), "s-2")  # stored; killed before the snapshot went
    assert resume_path(tmp_path).exists()
    result = check_unfinished(tmp_path, local(clock.wall()))
    assert (result.snapshot, result.notice) == (None, None)
    assert not resume_path(tmp_path).exists()
    assert [e.id for e in load_history(tmp_path).entries] == ["s-2"]


@pytest.mark.parametrize(
    "damage",
    [b"", b"\xff\xfe not text", b"version = 1\nentry_id = ", b'version = 1\nentry_id = "x"\n',
     b"version = 7\n", b"[progress]\nindex = -1\n"],
)
def test_a_damaged_snapshot_is_moved_aside(tmp_path: Path, damage: bytes) -> None:
    path = resume_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(damage)
    now = datetime(2024, 5, 26, 7, 30, 5).astimezone()
    result = check_unfinished(tmp_path, now)
    assert result.snapshot is None
    aside = path.with_name("unfinished-session.toml.damaged-20240526-073005")
    assert result.set_aside == aside and aside.read_bytes() == damage
    assert result.notice is not None and str(aside) in result.notice
    assert not path.exists()
    assert load_history(tmp_path).entries == ()


def test_another_coachs_snapshot_is_not_removed(tmp_path: Path) -> None:
    clock = FakeClock()
    session, keeper = start(tmp_path, clock, "mine")
    other = SnapshotKeeper(resume_path(tmp_path), "theirs", clock=clock.clock)
    other.note(session, force=True)
    keeper.clear()
    snapshot = read_snapshot(resume_path(tmp_path))
    assert snapshot is not None and snapshot.entry_id == "theirs"


def resume_and_finish(data: Path, now_wall: float) -> None:
    """What the next start does when the user presses y, then plays to the end."""
    result = check_unfinished(data, local(now_wall))
    if result.snapshot is None:
        return
    snapshot = result.snapshot
    clock = FakeClock()
    clock.wall_now = now_wall
    plan = build_plan(LIB, snapshot.routine_id, snapshot.mode, snapshot.feet, snapshot.minutes)
    session = Session.resumed(plan, snapshot.progress, clock.clock, clock.wall)
    keeper = SnapshotKeeper(resume_path(data), snapshot.entry_id, clock=clock.clock, every=60)
    assert play(session, keeper, clock, 10_000, step=1.0)
    record = session.record()
    assert record.started_at == snapshot.record.started_at
    assert record.actual_seconds >= snapshot.progress.played - 0.002
    finish_as_the_app_does(data, session, keeper)


@pytest.mark.parametrize("seed", range(40))
def test_killed_at_a_random_moment_in_process_resumes_into_one_session(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    clock = FakeClock()
    session, keeper = start(tmp_path, clock)
    total = session.plan.total
    for _ in range(rng.randrange(0, 8)):
        rng.choice([session.pause, session.resume, session.next, session.previous])()
        kinds = {e.kind for e in session.update()}
        keeper.note(session, force=bool(kinds & AT_ONCE))
        if play(session, keeper, clock, rng.uniform(0, total / 5), step=rng.choice([0.1, 0.5, 1.0])):
            finish_as_the_app_does(tmp_path, session, keeper)
            break
    if rng.random() < 0.3:  # killed in the middle of a write: a stray temporary file
        (resume_path(tmp_path).parent / ".unfinished-session.toml.abc.tmp").write_bytes(b"version = 1\nent")
    # The process is gone. Some time later coach starts again, and the user carries on.
    resume_and_finish(tmp_path, clock.wall() + rng.uniform(1, 3 * 3600))
    entries = load_history(tmp_path).entries
    assert [e.id for e in entries] == ["s-1"]
    assert not resume_path(tmp_path).exists()


CHILD = """
import sys, time
from pathlib import Path
from coach.engine import Session, build_plan
from coach.history import append_once
from coach.history.resume import SnapshotKeeper, resume_path
from tests.engine_helpers import FakeClock, make_library

data = Path(sys.argv[1])
clock = FakeClock()
clock.wall_now = time.time() - 3600
session = Session(build_plan(make_library()), clock.clock, clock.wall)
session.start()
keeper = SnapshotKeeper(resume_path(data), "child", clock=clock.clock, every=20.0)
at_once = {"segment_started", "paused", "resumed", "suspended", "foot_changed"}
first = True
while True:
    clock.advance(0.2)
    kinds = {e.kind for e in session.update()}
    if "session_finished" in kinds:
        break
    keeper.note(session, force=bool(kinds & at_once))
    if first:
        print("ready", flush=True)
        first = False
append_once(data, session.record(), "child")
keeper.clear()
print("done", flush=True)
"""


@pytest.mark.parametrize("seed", range(10))
def test_sigkill_at_a_random_moment_resumes_into_one_session(tmp_path: Path, seed: int) -> None:
    """A real process, a real SIGKILL: mid-write, between writes, or after the end."""
    rng = random.Random(seed)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(tmp_path)], stdout=subprocess.PIPE, env=env,
                             cwd=ROOT)
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0, 0.5))
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    # The next start: a snapshot that is always readable (or none), never a damaged one.
    now = time.time()
    assert check_unfinished(tmp_path, local(now)).set_aside is None
    history_store._SNAPSHOTS.clear()
    resume_and_finish(tmp_path, now)
    entries = load_history(tmp_path).entries
    assert [e.id for e in entries] == ["child"]
    wall = (entries[0].record.ended_at - entries[0].record.started_at).total_seconds()
    record = entries[0].record
    assert record.actual_seconds + record.paused_seconds == pytest.approx(wall, abs=0.01)


def test_the_history_write_stays_one_entry_when_the_same_id_is_stored_twice(tmp_path: Path) -> None:
    clock = FakeClock()
    session, _ = start(tmp_path, clock)
    snapshot = snapshot_of(session, "dup")
    assert snapshot is not None
    history = History(history_path(tmp_path))
    history.append_once(snapshot.record, "dup")
    history.append_once(snapshot.record, "dup")
    assert len(load_history(tmp_path).entries) == 1


def test_a_kept_snapshot_is_offered_until_its_session_is_whole(tmp_path: Path) -> None:
    """Stopped by a signal: stored as ended early and offered; once carried on and stored whole (put in
    place of the part kept), a snapshot left over is not offered again."""
    from dataclasses import replace

    from coach.history.resume import write_snapshot

    clock = FakeClock()
    session, keeper = start(tmp_path, clock, "s-9")
    play(session, keeper, clock, 30)
    snapshot = snapshot_of(session, "s-9")
    assert snapshot is not None
    History(history_path(tmp_path)).put(snapshot.record, "s-9")
    write_snapshot(resume_path(tmp_path), replace(snapshot, kept=True))
    history_store._SNAPSHOTS.clear()
    offered = check_unfinished(tmp_path, local(clock.wall()))
    assert offered.snapshot is not None and offered.snapshot.kept
    assert offered.snapshot.record == snapshot.record
    # Carried on and finished: the whole session takes the entry's place, ratings and all.
    History(history_path(tmp_path)).rate("s-9", 4, None)
    assert play(session, keeper, clock, 10_000) is True
    whole = session.record()
    result = History(history_path(tmp_path)).put(whole, "s-9")
    assert result.written and result.entry is not None and result.entry.relaxed == 4
    history_store._SNAPSHOTS.clear()
    (entry,) = load_history(tmp_path).entries
    assert entry.record == whole and entry.relaxed == 4
    assert not History(history_path(tmp_path)).put(whole, "s-9").written  # the same again: nothing
    assert check_unfinished(tmp_path, local(clock.wall())).snapshot is None  # killed before it went
    assert not resume_path(tmp_path).exists()
