"""Property tests: any commands at any times keep the session's numbers consistent."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.engine import Event, Session, SessionState, build_plan
from tests.engine_helpers import FakeClock, make_library

LIB = make_library()
COMMANDS = ["update", "pause", "resume", "next", "previous", "next_step", "previous_step",
            "restart", "add", "take", "finish", "sleep", "stopped"]
MAY_GO_BACK = {"previous", "previous_step", "restart", "add"}
MS = 0.0005
"""Record seconds are rounded to the millisecond: each rounded number is within this of the exact one."""

actions = st.lists(
    st.tuples(
        st.one_of(st.just(0.0), st.floats(min_value=0.0, max_value=120.0)),
        st.sampled_from(COMMANDS),
        st.floats(min_value=6.0, max_value=3000.0),
    ),
    max_size=40,
)
plans = st.fixed_dictionaries({
    "minutes": st.one_of(st.none(), st.floats(min_value=2.0, max_value=20.0)),
    "feet": st.sampled_from([("left", "right"), ("left",), ("right",)]),
    "lead_in": st.booleans(),
    "mode": st.sampled_from(["self", "partner"]),
})


def run(session: Session, clock: FakeClock, command: str, amount: float) -> list[Event]:
    """Do ``command``; returns the events an update inside it collected."""
    match command:
        case "update":
            return session.update()
        case "pause":
            session.pause()
        case "resume":
            session.resume()
        case "next":
            session.next()
        case "previous":
            session.previous()
        case "next_step":
            session.next_step()
        case "previous_step":
            session.previous_step()
        case "restart":
            session.restart_segment()
        case "add":
            session.adjust(15)
        case "take":
            session.adjust(-15)
        case "finish":
            session.finish()
        case "sleep":  # the machine sleeps; the next call notices
            clock.sleep(amount)
            return session.update()
        case "stopped":  # Ctrl+Z for ``amount`` seconds, then the app says so
            clock.advance(amount)
            session.note_suspend(amount)
    return []


def check_state(state: SessionState) -> None:
    assert state.elapsed >= 0 and state.left >= 0 and state.length >= 0
    assert state.elapsed + state.left == pytest.approx(state.length, abs=1e-9)
    assert state.elapsed <= state.length
    for value in (state.segment_fraction, state.step_fraction, state.session_fraction):
        assert 0.0 <= value <= 1.0
    assert state.step_left >= 0 and state.session_left >= 0 and state.hold_left >= 0
    assert state.session_left >= state.left - 1e-9
    assert 0 <= state.rep <= state.segment.reps
    if state.segment.kind == "reps" and state.started:
        assert state.rep >= 1
    if state.breath is not None:
        assert 0.0 <= state.breath.fraction <= 1.0 and 0.0 <= state.breath.fullness <= 1.0
        assert state.breath.left >= 0
    assert not (state.paused and state.finished)


@settings(deadline=None, max_examples=150)
@given(plan_args=plans, steps=actions)
def test_any_commands_at_any_times_keep_the_numbers_consistent(
    plan_args: dict[str, object], steps: list[tuple[float, str, float]]
) -> None:
    clock = FakeClock()
    session = Session(build_plan(LIB, **plan_args), clock.clock, clock.wall)  # type: ignore[arg-type]
    session.start()
    wall_start = clock.wall()
    previous = session.state()
    previous_wall = wall_start
    finished_record = None
    finished_events = 0
    for dt, command, amount in steps:
        clock.advance(dt)
        events = run(session, clock, command, amount)
        state = session.state()
        check_state(state)
        if command not in MAY_GO_BACK:
            assert state.session_fraction >= previous.session_fraction - 1e-9, command
        events += session.update()
        finished_events += sum(e.kind == "session_finished" for e in events)
        record = session.record()
        played = record.actual_seconds + record.paused_seconds
        assert record.actual_seconds >= 0 and record.paused_seconds >= 0
        assert (record.ended_at - record.started_at).total_seconds() == pytest.approx(played, abs=1e-6)
        if not state.finished:
            assert played == pytest.approx(clock.wall() - wall_start, abs=MS + 1e-9)
        elif finished_record is None:
            assert previous_wall - wall_start - MS <= played <= clock.wall() - wall_start + MS
            finished_record = record
        else:
            assert record == finished_record  # nothing changes after the end
        previous, previous_wall = state, clock.wall()
    session.finish()
    finished_events += sum(e.kind == "session_finished" for e in session.update())
    assert finished_events == 1
    record = session.record()
    assert record.ended_at >= record.started_at
    rounding = MS * (len(record.steps) + 1)  # each step rounded on its own, and the total
    assert math.isclose(sum(s.planned for s in record.steps),
                        sum(seg.seconds for seg in session.plan.segments if seg.is_step), abs_tol=rounding)
    assert sum(s.actual for s in record.steps) <= record.actual_seconds + rounding
    for s in record.steps:
        assert not (s.skipped and s.cut_short)
        assert round(s.planned, 3) == s.planned and round(s.actual, 3) == s.actual
    for value in (record.planned_seconds, record.actual_seconds, record.paused_seconds):
        assert round(value, 3) == value


@settings(deadline=None, max_examples=150)
@given(
    minutes=st.one_of(st.none(), st.floats(min_value=3.0, max_value=15.0)),
    pauses=st.lists(
        st.tuples(st.floats(min_value=0.0, max_value=1.0), st.floats(min_value=0.0, max_value=900.0)),
        max_size=6,
    ),
    refreshes=st.lists(st.floats(min_value=0.001, max_value=90.0), max_size=20),
)
def test_n_seconds_with_p_of_pauses_end_at_n_plus_p(
    minutes: float | None, pauses: list[tuple[float, float]], refreshes: list[float]
) -> None:
    clock = FakeClock()
    session = Session(build_plan(LIB, minutes=minutes), clock.clock, clock.wall)
    n = session.plan.total
    session.start()
    start = clock.now
    paused = 0.0
    # Pauses at sorted points of the plan (as shares of it), refreshes at irregular moments in between.
    for share, length in sorted(pauses):
        target = start + paused + share * n * 0.999
        for dt in refreshes:
            if clock.now + dt >= target:
                break
            clock.advance(dt)
            session.update()
        clock.set(max(clock.now, target))
        session.pause()
        clock.advance(length)
        session.resume()
        paused += length
    end = start + n + paused
    clock.set(end - 0.001)
    assert not session.state().finished
    # Lengths that are not whole numbers add up with rounding far below a microsecond.
    clock.set(end + 1e-6)
    assert session.state().finished
    assert [e.kind for e in session.update()][-1] == "session_finished"
    record = session.record()
    assert record.actual_seconds == pytest.approx(n, abs=MS + 1e-9)
    assert record.paused_seconds == pytest.approx(paused, abs=2 * MS)
    assert record.actual_seconds + record.paused_seconds == pytest.approx(n + paused, abs=MS + 1e-9)
    assert record.finished
