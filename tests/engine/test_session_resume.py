"""A session read as a progress and carried on: one session, the time before and after together."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from coach.engine import Progress, Session, build_plan, plan_fingerprint
from tests.engine_helpers import FakeClock, make_library

LIB = make_library()


def playing(clock: FakeClock, feet: tuple[str, ...] = ("left", "right")) -> Session:
    session = Session(build_plan(LIB, feet=feet), clock.clock, clock.wall)  # type: ignore[arg-type]
    session.start()
    return session


def test_no_progress_before_the_start_or_after_the_end() -> None:
    clock = FakeClock()
    session = Session(build_plan(LIB), clock.clock, clock.wall)
    assert session.progress() is None
    session.start()
    assert session.progress() is not None
    session.finish()
    assert session.progress() is None


def test_progress_names_the_segment_and_counts_the_time_so_far() -> None:
    clock = FakeClock()
    session = playing(clock)
    first = session.plan.segments[0].seconds
    clock.advance(first + 3)
    session.update()
    session.pause()
    clock.advance(10)
    progress = session.progress()
    assert progress is not None
    assert progress.index == 1 and progress.done[0] and not progress.done[1]
    assert progress.spent[0] == pytest.approx(first) and progress.spent[1] == pytest.approx(3)
    assert progress.paused_seconds == pytest.approx(10)
    assert progress.saved_wall - progress.started_wall == pytest.approx(first + 13)
    assert progress.fits(session.plan)
    assert Progress.from_dict(progress.to_dict()) == progress


def test_a_resumed_session_starts_at_the_part_it_was_in_and_records_one_session() -> None:
    clock = FakeClock()
    session = playing(clock)
    plan = session.plan
    clock.advance(plan.segments[0].seconds + plan.segments[1].seconds + 4)  # 4 s into segment 2
    session.update()
    progress = session.progress()
    before = session.record()
    assert progress is not None and progress.index == 2
    # The process dies; an hour later it carries on.
    clock.advance(3600)
    again = Session.resumed(plan, progress, clock.clock, clock.wall)
    state = again.state()
    assert (state.index, state.elapsed, state.paused, state.started) == (2, 0.0, False, True)
    assert [e.kind for e in again.update()] == ["segment_started"]
    clock.advance(plan.total)  # to the end
    again.update()
    record = again.record()
    assert record.finished
    assert record.started_at == before.started_at
    # The 4 seconds played before the interruption stay counted, and segment 2 is played whole again.
    assert record.actual_seconds == pytest.approx(plan.total + 4, abs=0.002)
    # The hour away counts as paused: actual plus paused is the wall time from the first start.
    wall = (record.ended_at - record.started_at).total_seconds()
    assert record.actual_seconds + record.paused_seconds == pytest.approx(wall, abs=0.002)
    assert record.paused_seconds == pytest.approx(3600, abs=0.002)


def test_adjusted_lengths_and_the_paused_time_carry_over() -> None:
    clock = FakeClock()
    session = playing(clock)
    session.adjust(30)
    clock.advance(5)
    session.pause()
    clock.advance(20)
    session.resume()
    clock.advance(1)
    progress = session.progress()
    assert progress is not None
    again = Session.resumed(session.plan, progress, clock.clock, clock.wall)
    assert again.state().length == session.plan.segments[0].seconds + 30
    again.finish()
    assert again.record().paused_seconds == pytest.approx(20, abs=0.002)


def test_a_progress_for_another_plan_is_refused() -> None:
    clock = FakeClock()
    session = playing(clock)
    progress = session.progress()
    assert progress is not None
    other = build_plan(LIB, feet=("left",))
    assert plan_fingerprint(other) != progress.fingerprint
    with pytest.raises(ValueError, match="another plan"):
        Session.resumed(other, progress, clock.clock, clock.wall)


@pytest.mark.parametrize(
    "change",
    [
        {"index": 99},
        {"lengths": (1.0,)},
        {"spent": (float("nan"),) * 1},
        {"paused_seconds": -1.0},
        {"saved_wall": 0.0},
    ],
)
def test_a_malformed_progress_is_refused(change: dict[str, object]) -> None:
    clock = FakeClock()
    progress = playing(clock).progress()
    assert progress is not None
    with pytest.raises(ValueError):
        replace(progress, **change)  # type: ignore[arg-type]


@pytest.mark.parametrize("seed", range(30))
def test_interrupted_anywhere_the_parts_add_up_to_one_session(seed: int) -> None:
    """Random commands, an interruption at a random moment, a resume: the resumed record holds what
    was played before (up to the progress read) and after, and its steps are one session's steps."""
    rng = random.Random(seed)
    clock = FakeClock()
    session = playing(clock, feet=rng.choice([("left",), ("left", "right"), ("right", "left")]))
    plan = session.plan
    for _ in range(rng.randrange(1, 12)):
        clock.advance(rng.uniform(0, plan.total / 6))
        rng.choice([session.pause, session.resume, session.next, session.previous, session.update,
                    lambda: session.adjust(15)])()
    progress = session.progress()
    if progress is None:
        return  # it ended by itself before the interruption: nothing to carry on
    before = session.record()
    clock.advance(rng.uniform(1, 7200))
    again = Session.resumed(plan, progress, clock.clock, clock.wall)
    after_start = sum(progress.spent)
    played_after = 0.0
    while True:
        step = rng.uniform(1, 60)
        clock.advance(step)
        if any(e.kind == "session_finished" for e in again.update()):
            break
    record = again.record()
    played_after = record.actual_seconds - after_start
    assert played_after >= 0
    assert record.started_at == before.started_at
    assert len(record.steps) == len(before.steps)
    for old, new in zip(before.steps, record.steps, strict=True):
        assert (new.step_id, new.foot) == (old.step_id, old.foot)
        assert new.actual >= old.actual - 0.002  # nothing played before is lost
    wall = (record.ended_at - record.started_at).total_seconds()
    assert record.actual_seconds + record.paused_seconds == pytest.approx(wall, abs=0.003)
