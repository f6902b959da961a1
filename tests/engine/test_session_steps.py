"""Moving by whole steps (next_step, previous_step) and how moving on from the last segment ends a session.

The mini plan (see test_session): 0 lead-in | 1 strokes | 2 cw, 3 ccw, 4 heel (the ankle step) |
5, 6, 7 ball points 1-3 | 8 towel | 9-15 the right foot. One foot: 0-7, the last point from 259 to 268.5 s,
its minimum hold reached at 264 s.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from coach.engine import Session, build_plan
from coach.routines import Duration, Phase, Routine, Step, Texts
from tests.engine.test_session import T0, at, brief
from tests.engine.test_session_commands import started, step
from tests.engine_helpers import FakeClock, make_library

LIB = make_library()
ONE_STEP = Routine(
    id="one",
    name="One step",
    description="A single timed step of 30 s, so the last segment is a timed one.",
    steps=(Step("rub", "Rub", Texts("Rub the sole."), "arch", "light",
                (Phase("rub", "Rub", Texts(""), "timed", Duration(30, 30)),)),),
    breathing="calm",
    lead_in=0,
    transition_seconds=0,
)
ONE_LIB = replace(LIB, routines={"one": ONE_STEP}, default_routine="one")


def index(session: Session) -> int:
    return session.state().index


def test_next_step_skips_the_rest_of_the_step_in_one_press() -> None:
    session, clock = started()
    at(clock, 100.5)  # half a second into the ankle step's first segment
    session.next_step()
    state = session.state()
    assert (state.index, state.elapsed, state.segment.title) == (5, 0.0, "Ball point 1 of 3")
    assert brief(session.update()) == [  # the strokes ended unseen: only the landing is announced
        ("segment_started", 2, "Clockwise circles"),
        ("segment_started", 5, "Ball point 1 of 3"),
    ]
    assert step(session, "warm") == (90, 90, False, False)
    assert step(session, "ankle") == (140, 0.5, True, False)  # its other segments never played


def test_next_step_goes_from_the_lead_in_and_the_towel_to_the_next_segment() -> None:
    session, _clock = started()
    visited = []
    for _ in range(5):
        session.next_step()
        visited.append(index(session))
    # Lead-in -> strokes -> ankle -> ball -> towel -> right foot: a whole foot in four presses.
    assert visited == [1, 2, 5, 8, 9]
    assert brief(session.update())[-3:] == [
        ("segment_started", 8, "Wrap in a towel"),
        ("foot_changed", 9, "Now the right foot"),
        ("segment_started", 9, "Long strokes"),
    ]


@pytest.mark.parametrize(
    ("held", "record"), [(6.0, (28.5, 15.5, False, True)), (3.0, (28.5, 12.5, False, True))]
)
def test_next_step_counts_the_current_point_done_only_after_its_minimum(
    held: float, record: tuple[float, float, bool, bool]
) -> None:
    session, clock = started()
    at(clock, 249.5 + held)  # the second point, after (or before) its 5 s minimum; the first ran fully
    session.next_step()
    assert session.state().segment.kind == "transition"
    # The third point was never played, so the step is shortened either way; the second point counts
    # for its minimum only once held that long.
    assert step(session, "ball") == record
    required = next(s.required for s in session.record().steps if s.step_id == "ball")
    assert required == 15.0


def test_previous_step_goes_to_the_start_of_this_step_then_to_the_one_before() -> None:
    session, clock = started()
    at(clock, 170)  # 20 s into the heel circles, the ankle step's third segment
    session.previous_step()
    state = session.state()
    assert (state.index, state.elapsed, state.step_fraction) == (2, 0.0, 0.0)
    assert brief(session.update())[-1] == ("segment_started", 2, "Clockwise circles")
    at(clock, 171)  # 1 s into the step's first segment: back to the previous step
    session.previous_step()
    assert (index(session), session.state().elapsed) == (1, 0.0)
    session.previous_step()  # the lead-in is a step of its own here
    assert index(session) == 0
    session.previous_step()  # nothing before the lead-in: its start again
    assert (index(session), session.state().elapsed) == (0, 0.0)
    record = session.record()
    assert record.actual_seconds + record.paused_seconds == pytest.approx(171)


def test_previous_step_within_two_seconds_of_a_later_segment_stays_in_the_step() -> None:
    session, clock = started()
    at(clock, 259.5)  # half a second into the third ball point
    session.previous_step()
    assert (index(session), session.state().segment.title) == (5, "Ball point 1 of 3")
    at(clock, 261)  # 1.5 s into the step's first segment: the previous step from its start
    session.previous_step()
    assert (index(session), session.state().segment.title) == (2, "Clockwise circles")


def test_previous_step_back_over_the_towel_returns_to_the_left_foot() -> None:
    session, clock = started()
    at(clock, 289)  # 0.5 s into the right foot's strokes
    session.update()
    session.previous_step()
    assert session.state().segment.kind == "transition"
    session.previous_step()
    assert (index(session), session.state().segment.foot) == (5, "left")
    assert brief(session.update()) == [
        ("segment_started", 8, "Wrap in a towel"),
        ("foot_changed", 5, "Now the left foot"),
        ("segment_started", 5, "Ball point 1 of 3"),
    ]


def test_step_moves_while_paused_stay_paused_and_time_stays_still() -> None:
    session, clock = started()
    at(clock, 130)  # 5 s into ccw
    session.pause()
    at(clock, 200)
    session.previous_step()
    state = session.state()
    assert (state.paused, state.index, state.elapsed) == (True, 2, 0.0)
    session.next_step()
    assert (session.state().paused, index(session)) == (True, 5)
    at(clock, 230)
    assert session.state().elapsed == 0.0
    session.resume()
    at(clock, 233)
    assert (index(session), session.state().elapsed) == (5, 3.0)
    record = session.record()
    assert (record.actual_seconds, record.paused_seconds) == (133, 100)


def test_step_moves_before_start_and_after_the_end_do_nothing() -> None:
    session, clock = started(feet=("left",))
    fresh = Session(session.plan, clock.clock, clock.wall)
    fresh.next_step()
    fresh.previous_step()
    assert not fresh.state().started and fresh.update() == []
    session.finish()
    session.update()
    at(clock, 50)
    session.next_step()
    session.previous_step()
    assert session.update() == []
    assert session.state().finished and index(session) == 0


def test_is_last_is_true_only_on_the_last_segment() -> None:
    session, clock = started(feet=("left",))
    assert not session.state().is_last
    at(clock, 258)
    assert (index(session), session.state().is_last) == (6, False)
    at(clock, 259)
    assert (index(session), session.state().is_last) == (7, True)


@pytest.mark.parametrize(
    ("offset", "move", "finished"),
    [
        (262.0, "next", False),  # 3 s into the last point: before its 5 s minimum
        (264.0, "next", True),  # the minimum reached
        (264.0, "next_step", True),
        (263.0, "next_step", False),
        (240.5, "next_step", False),  # the first of the last step's points: the last one never ran
        (258.0, "next_step", False),  # even after the second point's minimum
    ],
)
def test_moving_on_from_the_last_step_finishes_only_after_the_last_points_minimum(
    offset: float, move: str, finished: bool
) -> None:
    session, clock = started(feet=("left",))
    at(clock, offset)
    getattr(session, move)()
    state = session.state()
    assert state.finished and not state.paused
    message = "Session complete" if finished else "Session ended early"
    assert brief(session.update())[-1] == ("session_finished", state.index, message)
    record = session.record()
    assert record.finished is finished
    assert record.actual_seconds == offset


def test_the_last_segment_running_to_its_end_finishes() -> None:
    session, clock = started(feet=("left",))
    at(clock, 268.5)
    assert brief(session.update())[-1] == ("session_finished", 7, "Session complete")
    assert session.record().finished


def one_step() -> tuple[Session, FakeClock]:
    clock = FakeClock(T0)
    session = Session(build_plan(ONE_LIB, feet=("left",)), clock.clock, clock.wall)
    session.start()
    assert session.state().is_last  # a plan of one segment: the first is the last
    return session, clock


@pytest.mark.parametrize(("offset", "finished"), [(14.9, False), (15.0, True), (29.0, True)])
def test_moving_on_from_a_timed_last_segment_finishes_after_half_of_it(offset: float, finished: bool) -> None:
    session, clock = one_step()
    at(clock, offset)
    session.next()
    assert session.record().finished is finished


def test_half_of_the_last_segment_counts_its_length_after_adding_time() -> None:
    session, clock = one_step()
    at(clock, 10)
    session.adjust(20)  # now 50 s long: half is 25 s
    at(clock, 20)
    session.next_step()
    assert not session.record().finished


def test_a_pause_does_not_count_towards_half_of_the_last_segment() -> None:
    session, clock = one_step()
    at(clock, 10)
    session.pause()
    at(clock, 100)
    session.next()
    record = session.record()
    assert (record.finished, record.actual_seconds, record.paused_seconds) == (False, 10, 90)
    session2, clock2 = one_step()
    at(clock2, 16)
    session2.pause()
    at(clock2, 40)
    session2.next()
    assert session2.record().finished


def test_finish_always_ends_early_even_after_half_of_the_last_segment() -> None:
    session, clock = one_step()
    at(clock, 20)
    session.finish()
    assert not session.record().finished
