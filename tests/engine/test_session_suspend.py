"""A stopped process or a sleeping machine counts as a pause: the session comes back paused and says so."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.engine.test_session import T0, at, brief, new_session


def test_machine_sleep_is_noticed_from_the_wall_clock() -> None:
    session, clock = new_session()
    session.start()
    at(clock, 20)
    session.update()
    clock.sleep(600)  # the lid is closed: the wall moves on, the monotonic clock does not
    clock.advance(0.25)
    notice = "Paused while the computer slept (10 min)."
    assert brief(session.update()) == [("suspended", 1, notice)]
    state = session.state()
    assert (state.paused, state.notice, state.elapsed) == (True, notice, 10.25)
    assert session.next_deadline() is None
    at(clock, 40)
    session.resume()
    assert session.state().notice == ""
    assert brief(session.update()) == [("resumed", 1, "Resumed")]
    record = session.record()
    assert record.actual_seconds == pytest.approx(20.25)
    assert record.paused_seconds == pytest.approx(600 + 19.75)
    # Actual plus paused is the wall time from the start.
    wall_time = clock.wall() - record.started_at.timestamp()
    assert record.actual_seconds + record.paused_seconds == pytest.approx(wall_time)


def test_a_small_disagreement_between_the_clocks_is_not_a_sleep() -> None:
    session, clock = new_session()
    session.start()
    clock.sleep(4.0)
    clock.advance(1)
    assert [e.kind for e in session.update()] == ["segment_started"]
    assert not session.state().paused


def test_sleep_while_paused_keeps_the_pause_and_counts_the_gap() -> None:
    session, clock = new_session()
    session.start()
    at(clock, 5)
    session.pause()
    clock.sleep(300)
    at(clock, 6)
    assert [e.kind for e in session.update()] == ["segment_started", "ending_soon", "paused"]
    assert session.state().notice == ""
    assert session.record().paused_seconds == pytest.approx(301)


def test_sleep_after_the_end_changes_nothing() -> None:
    session, clock = new_session(feet=("left",))
    session.start()
    at(clock, 1000)  # finished at 268.5
    clock.sleep(100)
    assert [e.kind for e in session.update()][-1] == "session_finished"
    record = session.record()
    assert (record.actual_seconds, record.paused_seconds) == (268.5, 0)


def test_process_stopped_pauses_as_of_the_gap_before_now() -> None:
    session, clock = new_session()
    session.start()
    at(clock, 20)
    session.update()
    clock.advance(100)  # stopped with Ctrl+Z: both clocks ran on
    session.note_suspend(100)
    notice = "Paused while coach was stopped (1 min 40 s)."
    assert brief(session.update()) == [("suspended", 1, notice)]
    state = session.state()
    assert (state.paused, state.elapsed, state.notice) == (True, 10.0, notice)
    record = session.record()
    assert (record.actual_seconds, record.paused_seconds) == (20, 100)


def test_stopped_without_a_gap_means_since_the_last_call_and_a_gap_never_reaches_further() -> None:
    session, clock = new_session()
    session.start()
    at(clock, 20)
    session.update()
    at(clock, 70)
    session.note_suspend()
    assert session.state().elapsed == 10.0
    other, clock2 = new_session()
    other.start()
    clock2.set(T0 + 30)
    other.update()
    clock2.advance(5)
    other.note_suspend(500)  # cannot go back before the last call, which proves it was running
    assert other.state().elapsed == 20.0
    assert other.record().paused_seconds == 5


def test_stopped_across_a_segment_end_keeps_the_segments_in_order() -> None:
    session, clock = new_session()
    session.start()
    at(clock, 8)
    session.update()
    clock.advance(60)  # stopped at 8 s, but told only 50 s: the first 10 s after 8 s were still played
    session.note_suspend(50)
    events = session.update()
    assert [(e.kind, e.index) for e in events] == [("segment_started", 1), ("suspended", 1)]
    assert session.state().elapsed == 8.0
    record = session.record()
    assert record.ended_at - record.started_at == timedelta(seconds=68)
    assert (record.actual_seconds, record.paused_seconds) == (18, 50)
