"""Session commands: next, previous, restart, +/- time, finish, and what the record makes of them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from coach.engine import Session
from tests.engine.test_session import T0, at, brief, new_session
from tests.engine_helpers import FakeClock


def started(**plan_args: object) -> tuple[Session, FakeClock]:
    session, clock = new_session(**plan_args)
    session.start()
    session.update()
    return session, clock


def step(session: Session, step_id: str, foot: str = "left") -> tuple[float, float, bool, bool]:
    found = [s for s in session.record().steps if (s.step_id, s.foot) == (step_id, foot)]
    assert len(found) == 1
    s = found[0]
    return s.planned, s.actual, s.skipped, s.cut_short


def test_next_skips_and_the_record_tells_skipped_from_cut_short() -> None:
    session, clock = new_session()
    session.start()
    session.next()  # past the lead-in at once
    at(clock, 0.5)
    session.next()  # the strokes, half a second in: skipped
    assert brief(session.update()) == [
        ("segment_started", 0, "Get ready"),
        ("segment_started", 1, "Long strokes"),
        ("segment_started", 2, "Clockwise circles"),
    ]
    at(clock, 10.5)
    session.next()  # cw after 10 of 25 s
    at(clock, 20.5)
    session.next()  # ccw after 10 of 25 s
    assert session.state().segment.title == "Heel circles"
    assert step(session, "warm") == (90, 0.5, True, False)
    assert step(session, "ankle")[1:] == (20, False, True)  # 20 of 140 s so far: cut short
    at(clock, 80.5)
    session.next()  # the heel after 60 of 90 s: every part short of its minimum, so still shortened
    assert step(session, "ankle") == (140, 80, False, True)
    # The right foot was never reached: every step there is skipped (its status: not reached).
    assert step(session, "warm", "right")[2:] == (True, False)
    statuses = {(s.step_id, s.foot): s.state for s in session.record().steps}
    assert statuses[("warm", "left")] == "skipped"
    assert statuses[("ankle", "left")] == "shortened"
    assert statuses[("warm", "right")] == "not_reached"


def test_a_step_left_before_half_its_time_is_cut_short() -> None:
    session, clock = started()
    at(clock, 40)  # 30 of the 90 s of strokes
    session.next()
    assert step(session, "warm") == (90, 30, False, True)


def test_moving_on_after_a_holds_minimum_counts_as_done() -> None:
    session, clock = started(minutes=20)  # holds at the high end of their range, 10 s; minimum 5 s
    seg = session.state().segment
    assert seg.kind == "lead_in"
    while session.state().segment.kind != "hold":
        session.next()
    hold = session.state().segment
    assert (hold.hold_seconds, hold.hold_min) == (10, 5)
    start = clock.now
    for _ in range(3):
        clock.advance(5.0)
        assert session.state().hold_min_reached
        session.next()
    planned, actual, skipped, cut_short = step(session, "ball")
    assert actual == pytest.approx(15.0)
    assert actual < planned / 2
    assert (skipped, cut_short) == (False, False)
    assert clock.now - start == 15.0


def test_moving_on_before_a_holds_minimum_cuts_it_short() -> None:
    session, clock = started()
    while session.state().segment.kind != "hold":
        session.next()
    for _ in range(3):
        clock.advance(3.0)
        assert not session.state().hold_min_reached
        session.next()
    assert step(session, "ball") == (28.5, 9.0, False, True)


def test_previous_goes_back_within_two_seconds_else_restarts() -> None:
    session, clock = started()
    at(clock, 11)  # 1 s into the strokes
    session.previous()
    state = session.state()
    assert (state.index, state.elapsed) == (0, 0.0)
    assert brief(session.update()) == [
        ("segment_started", 1, "Long strokes"),
        ("segment_started", 0, "Get ready"),
    ]
    session.previous()  # at the very start of the first segment: restart it
    assert (session.state().index, session.state().elapsed) == (0, 0.0)
    at(clock, 21)  # 10 s after going back: 0 s into the strokes again
    at(clock, 26)
    session.previous()  # 5 s in: to this segment's start
    state = session.state()
    assert (state.index, state.elapsed, state.left) == (1, 0.0, 90.0)
    record = session.record()
    assert record.actual_seconds + record.paused_seconds == pytest.approx(26)


def test_previous_back_over_the_towel_announces_the_foot() -> None:
    session, clock = started()
    at(clock, 289)  # 0.5 s into the right foot
    session.update()
    session.previous()
    assert session.state().segment.kind == "transition"
    session.previous()
    assert brief(session.update()) == [
        ("segment_started", 8, "Wrap in a towel"),
        ("foot_changed", 7, "Now the left foot"),
        ("segment_started", 7, "Ball point 3 of 3"),
    ]


def test_restart_segment_plays_it_again_and_lets_the_fraction_go_back() -> None:
    session, clock = started()
    at(clock, 50)
    before = session.state().session_fraction
    session.restart_segment()
    state = session.state()
    assert (state.index, state.elapsed) == (1, 0.0)
    assert state.session_fraction < before
    assert brief(session.update())[-1] == ("segment_started", 1, "Long strokes")
    assert session.next_deadline() == T0 + 50 + 45


def test_adjust_adds_and_takes_time_but_never_below_elapsed_plus_one() -> None:
    session, clock = started()
    at(clock, 11)
    assert [e.kind for e in session.update()] == ["segment_started"]
    at(clock, 96)  # 86 s into the strokes: "Next" was announced at 85
    assert [e.kind for e in session.update()] == ["halfway", "ending_soon"]
    session.adjust(15)
    state = session.state()
    assert (state.length, state.left, state.next_soon) == (105, 19, False)
    assert session.next_deadline() == T0 + 110  # the announcement comes again, 5 s before the new end
    at(clock, 110)
    assert brief(session.update()) == [("ending_soon", 1, "Next: Clockwise circles")]
    session.adjust(-15)
    assert session.state().length == 101  # elapsed 100 + 1
    at(clock, 110.5)
    session.adjust(-15)
    assert session.state().length == 101  # never longer by taking time
    at(clock, 111)
    assert session.state().index == 2
    assert step(session, "warm") == (90, 101, False, False)


def test_taking_time_early_moves_the_halfway_mark() -> None:
    session, clock = started()
    at(clock, 20)
    session.adjust(-15)
    assert session.state().length == 75
    assert session.next_deadline() == T0 + 10 + 37.5


def test_finish_early_ends_now_and_commands_do_nothing_afterwards() -> None:
    session, clock = started()
    at(clock, 60)
    session.pause()
    at(clock, 90)
    session.finish()
    assert [e.kind for e in session.update()] == ["segment_started", "paused", "session_finished"]
    state = session.state()
    assert (state.finished, state.paused, state.index, state.elapsed) == (True, False, 1, 50.0)
    assert state.next is None
    assert session.next_deadline() is None
    at(clock, 200)
    for command in (session.next, session.previous, session.next_step, session.previous_step, session.pause,
                    session.resume, session.restart_segment, session.finish, session.note_suspend):
        command()
    session.adjust(15)
    assert session.update() == []
    assert session.state().elapsed == 50.0
    record = session.record()
    assert (record.finished, record.actual_seconds, record.paused_seconds) == (False, 60, 30)
    assert record.ended_at - record.started_at == timedelta(seconds=90)
    assert step(session, "warm") == (90, 50, False, True)  # quit 50 s into 90: shortened
    assert step(session, "ankle")[2:] == (True, False)


def test_next_on_the_last_segment_after_its_minimum_completes_the_session() -> None:
    session, clock = started(feet=("left",))
    at(clock, 264)  # the minimum of the last hold (5 s) is reached
    session.update()
    state = session.state()
    assert (state.segment.title, state.is_last) == ("Ball point 3 of 3", True)
    session.next()
    assert brief(session.update())[-1] == ("session_finished", 7, "Session complete")
    assert session.record().finished


def test_record_started_at_is_the_wall_time_of_start() -> None:
    session, clock = new_session()
    at(clock, 3)
    session.start()
    at(clock, 20)
    record = session.record()
    assert record.started_at.timestamp() == pytest.approx(clock.wall() - 17)
    assert (record.actual_seconds, record.paused_seconds, record.finished) == (17, 0, False)
    assert record.planned_seconds == 547
    assert (record.routine_id, record.routine_name, record.mode) == ("mini", "Mini routine", "self")
