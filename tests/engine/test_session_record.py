"""The record a session leaves: seconds rounded to the millisecond, actual + paused still the wall time."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from coach.engine import Session, build_plan
from coach.engine.record import SessionRecord
from tests.engine_helpers import FakeClock, make_library

LIB = make_library()


def seconds_of(record: SessionRecord) -> list[float]:
    numbers = [record.planned_seconds, record.actual_seconds, record.paused_seconds]
    return numbers + [x for s in record.steps for x in (s.planned, s.actual)]


def test_a_plan_whose_lengths_add_up_with_float_noise_is_recorded_in_milliseconds() -> None:
    # Fitted plans are in whole seconds; a routine's natural length takes every range's middle, and
    # tenths of a second never add up exactly in binary.
    library = make_library()
    thirds = replace(library.routines["mini"], lead_in=10.1, transition_seconds=20.3)
    library = replace(library, routines={**library.routines, "mini": thirds})
    plan = build_plan(library, "mini", feet=("left", "right"))
    total = round(plan.total, 3)
    assert plan.total != total
    clock = FakeClock()
    session = Session(plan, clock.clock, clock.wall)
    session.start()
    clock.advance(plan.total)
    session.update()
    record = session.record()
    assert record.finished
    assert (record.planned_seconds, record.actual_seconds, record.paused_seconds) == (total, total, 0.0)
    assert record.massage_seconds == pytest.approx(total - 30.4, abs=0.002)  # all but the lead-in and towel
    assert all(round(x, 3) == x for x in seconds_of(record))
    data = record.to_dict()
    assert (data["planned_seconds"], data["actual_seconds"]) == (total, total)
    assert all(round(s["planned"], 3) == s["planned"] for s in data["steps"])


@pytest.mark.parametrize("pause", [0.0004, 0.0006, 0.1, 7.0123456])
def test_odd_fractions_round_and_actual_plus_paused_stays_the_wall_time(pause: float) -> None:
    clock = FakeClock()
    session = Session(build_plan(LIB, minutes=9.87), clock.clock, clock.wall)
    session.start()
    start_wall = clock.wall()
    for _ in range(37):  # 0.1 s steps never add up exactly in binary
        clock.advance(0.1)
        session.update()
    session.pause()
    clock.advance(pause)
    session.resume()
    clock.advance(12.3456789)
    session.next_step()
    clock.advance(0.3333333)
    session.finish()
    record = session.record()
    wall = clock.wall() - start_wall
    assert all(round(x, 3) == x for x in seconds_of(record))
    assert record.paused_seconds >= 0
    assert record.paused_seconds == pytest.approx(pause, abs=0.001)
    assert record.actual_seconds + record.paused_seconds == pytest.approx(wall, abs=0.0005 + 1e-9)
    span = record.ended_at - record.started_at
    assert span == timedelta(seconds=record.actual_seconds + record.paused_seconds)
    assert sum(s.actual for s in record.steps) <= record.actual_seconds + 0.0005 * len(record.steps)
