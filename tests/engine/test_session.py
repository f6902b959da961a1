"""Playing a plan against a fake clock: events at their deadlines, counters, breathing, accuracy.

The mini plan (ranges at their middles), in seconds from the start:
  0 lead-in 10 | 10 strokes 90 | 100 cw 25 (5 reps) | 125 ccw 25 | 150 heel 90 |
  240, 249.5, 259 ball points 9.5 (hold 7.5, minimum 5, release 2) | 268.5 towel 20 |
  288.5 the right foot, the same again | 547 the end.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from coach.engine import Event, Session, build_plan
from tests.engine_helpers import FakeClock, make_library

T0 = 1000.0
LIB = make_library()


def new_session(**plan_args: object) -> tuple[Session, FakeClock]:
    clock = FakeClock(T0)
    session = Session(build_plan(LIB, **plan_args), clock.clock, clock.wall)  # type: ignore[arg-type]
    return session, clock


def at(clock: FakeClock, offset: float) -> None:
    clock.set(T0 + offset)


def brief(events: list[Event]) -> list[tuple[str, int, str]]:
    return [(e.kind, e.index, e.message) for e in events]


FIRST_FOOT = [
    (0.0, "segment_started", 0, "Get ready"),
    (5.0, "ending_soon", 0, "Next: Long strokes"),
    (10.0, "segment_started", 1, "Long strokes"),
    (55.0, "halfway", 1, "Halfway through Long strokes"),
    (95.0, "ending_soon", 1, "Next: Clockwise circles"),
    (100.0, "segment_started", 2, "Clockwise circles"),
    (105.0, "rep_started", 2, "Rep 2 of 5"),
    (110.0, "rep_started", 2, "Rep 3 of 5"),
    (112.5, "halfway", 2, "Halfway through Clockwise circles"),
    (115.0, "rep_started", 2, "Rep 4 of 5"),
    (120.0, "rep_started", 2, "Rep 5 of 5"),
    (120.0, "ending_soon", 2, "Next: Counter-clockwise circles"),
    (125.0, "segment_started", 3, "Counter-clockwise circles"),
    (130.0, "rep_started", 3, "Rep 2 of 5"),
    (135.0, "rep_started", 3, "Rep 3 of 5"),
    (137.5, "halfway", 3, "Halfway through Counter-clockwise circles"),
    (140.0, "rep_started", 3, "Rep 4 of 5"),
    (145.0, "rep_started", 3, "Rep 5 of 5"),
    (145.0, "ending_soon", 3, "Next: Heel circles"),
    (150.0, "segment_started", 4, "Heel circles"),
    (195.0, "halfway", 4, "Halfway through Heel circles"),
    (235.0, "ending_soon", 4, "Next: Ball point 1 of 3"),
    (240.0, "segment_started", 5, "Ball point 1 of 3"),
    (245.0, "hold_min_reached", 5, "Minimum reached: move on when you are ready"),
    (247.5, "hold_released", 5, "Release"),
    (249.5, "segment_started", 6, "Ball point 2 of 3"),
    (254.5, "hold_min_reached", 6, "Minimum reached: move on when you are ready"),
    (257.0, "hold_released", 6, "Release"),
    (259.0, "segment_started", 7, "Ball point 3 of 3"),
    (264.0, "hold_min_reached", 7, "Minimum reached: move on when you are ready"),
    (266.5, "hold_released", 7, "Release"),
    (268.5, "segment_started", 8, "Wrap in a towel"),
    (283.5, "ending_soon", 8, "Next: Long strokes (right foot)"),
    (288.5, "foot_changed", 9, "Now the right foot"),
]


def test_events_fire_exactly_at_next_deadline_and_not_a_hair_before() -> None:
    session, clock = new_session()
    assert session.next_deadline() is None  # not started
    session.start()
    timeline = [(0.0, e.kind, e.index, e.message) for e in session.update()]
    while (deadline := session.next_deadline()) is not None:
        clock.set(deadline - 1e-6)
        assert session.update() == [], f"early event before {deadline - T0}"
        clock.set(deadline)
        events = session.update()
        assert events, f"nothing at deadline {deadline - T0}"
        timeline += [(round(deadline - T0, 6), e.kind, e.index, e.message) for e in events]
    assert timeline[: len(FIRST_FOOT)] == FIRST_FOOT
    # The right foot repeats the left one's events 288.5 s later, apart from the towel.
    right = [(t + 278.5, kind, i + 8, msg) for t, kind, i, msg in FIRST_FOOT[2:31]]
    right[0] = (288.5, "segment_started", 9, "Long strokes")
    assert timeline[len(FIRST_FOOT) : len(FIRST_FOOT) + len(right)] == right
    assert timeline[-1] == (547.0, "session_finished", 15, "Session complete")
    assert clock.now == T0 + 547
    assert session.state().finished


def test_state_before_start_is_still() -> None:
    session, clock = new_session()
    at(clock, 50)
    state = session.state()
    assert (state.started, state.paused, state.finished, state.index) == (False, False, False, 0)
    assert (state.elapsed, state.left, state.breath) == (0.0, 10.0, None)
    assert session.update() == []
    session.pause()
    session.next()
    session.adjust(15)
    assert session.update() == []
    assert session.state().index == 0
    session.resume()  # starts
    assert brief(session.update()) == [("segment_started", 0, "Get ready")]
    assert session.state().started


def test_counters_at_chosen_instants() -> None:
    session, clock = new_session()
    session.start()
    at(clock, 4.9)
    state = session.state()
    assert (state.next_soon, state.next and state.next.title) == (False, "Long strokes")
    at(clock, 5.0)
    assert session.state().next_soon
    at(clock, 112.0)  # cw: 12 s into 5 reps of 5 s
    state = session.state()
    assert (state.index, state.rep, state.elapsed, state.left, state.length) == (2, 3, 12.0, 13.0, 25.0)
    assert state.step_fraction == pytest.approx(12 / 140)
    assert state.step_left == pytest.approx(128)
    assert state.session_fraction == pytest.approx(112 / 547)
    assert state.session_left == pytest.approx(435)
    assert (state.hold_phase, state.hold_left, state.hold_min_reached) == ("", 0.0, False)
    at(clock, 124.9)
    assert session.state().rep == 5
    at(clock, 243.0)  # the first ball point: 3 s into a 7.5 s hold
    state = session.state()
    assert (state.index, state.rep, state.hold_phase, state.hold_min_reached) == (5, 0, "hold", False)
    assert state.hold_left == pytest.approx(4.5)
    assert state.segment.title == "Ball point 1 of 3"
    at(clock, 245.0)
    assert session.state().hold_min_reached
    at(clock, 248.0)
    state = session.state()
    assert state.hold_phase == "release"
    assert state.hold_left == pytest.approx(1.5)
    at(clock, 273.5)
    state = session.state()
    assert (state.index, state.segment.kind, state.segment.foot) == (8, "transition", "left")
    assert state.session_fraction == pytest.approx(273.5 / 547)


def test_breathing_runs_on_across_segments_and_restarts_with_a_new_pattern() -> None:
    session, clock = new_session()
    session.start()
    expected = [
        (12.0, "inhale", 0.5),  # calm 4-6 since the start: 12 s is 2 s into the second breath
        (15.0, "exhale", 1 / 6),
        (240.0, "inhale", 0.0),  # the ball step breathes 4-7-8 from its first moment
        (245.0, "hold_in", 1 / 7),
        (255.0, "exhale", 0.5),
        (270.5, "inhale", 0.5),  # the towel goes back to calm, from its own start
    ]
    for offset, phase, fraction in expected:
        at(clock, offset)
        breath = session.state().breath
        assert breath is not None
        assert breath.phase == phase, offset
        assert breath.fraction == pytest.approx(fraction), offset


def test_pause_stops_time_and_breath_and_shifts_the_deadlines() -> None:
    session, clock = new_session()
    session.start()
    at(clock, 20)
    before = session.state()
    session.pause()
    assert brief(session.update()) == [
        ("segment_started", 0, "Get ready"),
        ("segment_started", 1, "Long strokes"),  # the lead-in's ending-soon is stale by now: dropped
        ("paused", 1, "Paused"),
    ]
    assert session.next_deadline() is None
    at(clock, 50)
    state = session.state()
    assert (state.paused, state.elapsed, state.breath) == (True, 10.0, before.breath)
    session.resume()
    assert brief(session.update()) == [("resumed", 1, "Resumed")]
    assert session.next_deadline() == T0 + 85  # halfway, 30 s later than planned
    at(clock, 55)
    assert session.state().elapsed == 15.0
    session.pause()
    assert session.state().paused
    session.resume()
    assert not session.state().paused


@pytest.mark.parametrize(
    "pauses", [[], [(50.0, 30.0)], [(50.0, 30.0), (300.0, 12.345), (546.5, 0.5)], [(0.0, 7.0), (10.0, 3.25)]]
)
def test_plan_of_n_seconds_with_p_of_pauses_ends_at_n_plus_p(pauses: list[tuple[float, float]]) -> None:
    session, clock = new_session()
    session.start()
    paused_total = 0.0
    for when, length in pauses:  # ``when``: seconds of the plan already played
        clock.set(T0 + paused_total + when)
        session.update()
        session.pause()
        clock.advance(length)
        session.resume()
        paused_total += length
    end = T0 + 547 + paused_total
    clock.set(end - 0.001)
    assert not session.state().finished
    assert session.state().left == pytest.approx(0.001, abs=1e-6)
    clock.set(end)
    state = session.state()
    assert state.finished
    assert (state.index, state.elapsed, state.left, state.session_fraction) == (15, 9.5, 0.0, 1.0)
    assert [e.kind for e in session.update()][-1] == "session_finished"
    clock.advance(100)  # time after the end is nobody's
    record = session.record()
    assert record.actual_seconds == pytest.approx(547, abs=1e-6)
    assert record.paused_seconds == pytest.approx(paused_total, abs=1e-6)
    assert record.finished
    assert record.ended_at - record.started_at == timedelta(seconds=547 + paused_total)


def test_a_long_gap_is_coalesced_into_the_landing_segment() -> None:
    session, clock = new_session()
    session.start()
    session.update()
    at(clock, 400)  # a late refresh, 400 s on: 13 segments ended meanwhile
    assert brief(session.update()) == [
        ("foot_changed", 10, "Now the right foot"),
        ("segment_started", 10, "Clockwise circles"),
    ]
    assert session.state().rep == 5  # 21.5 s into 5 reps of 5 s
    at(clock, 402)
    assert session.update() == []  # the ending-soon moment (398.5) passed during the gap
    at(clock, 5000)
    assert brief(session.update()) == [("session_finished", 15, "Session complete")]
    assert session.update() == []
    record = session.record()
    assert record.actual_seconds == pytest.approx(547)
    assert not any(step.skipped or step.cut_short for step in record.steps)


def test_one_foot_and_partner_mode() -> None:
    session, clock = new_session(mode="partner", feet=("right",), lead_in=False)
    session.start()
    assert session.state().segment.text == "Glide up your partner's foot."
    assert session.state().segment.foot == "right"
    at(clock, 10_000)
    kinds = [e.kind for e in session.update()]
    assert "foot_changed" not in kinds
    record = session.record()
    assert (record.mode, record.feet, record.finished) == ("partner", ("right",), True)
    assert [s.step_id for s in record.steps] == ["warm", "ankle", "ball"]
    assert {s.foot for s in record.steps} == {"right"}
    assert record.actual_seconds == pytest.approx(258.5)
