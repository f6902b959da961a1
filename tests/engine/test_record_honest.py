"""The record tells the truth: the cases where the summary and the streak used to overstate what was done.

Played on the shipped full routine against a fake clock: most of a foot skipped, a quit during the
solar plexus point, a step cut from 0:45 to 0:11 with ``-``, and a 19-second session stopped early.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from coach.engine import Session, build_plan
from coach.engine.record import SessionRecord
from coach.history.format import HistoryEntry
from coach.history.stats import compute_stats, counts_for_streak
from coach.paths import shipped_routines
from coach.routines.load import load_library
from tests.engine_helpers import FakeClock

LIB = load_library(shipped_routines())


def play(routine_id: str = "full", **plan_args: object) -> tuple[Session, FakeClock]:
    clock = FakeClock()
    plan = build_plan(LIB, routine_id, **plan_args)  # type: ignore[arg-type]
    session = Session(plan, clock.clock, clock.wall)
    session.start()
    return session, clock


def run_segment(session: Session, clock: FakeClock) -> None:
    """Let the current segment run to its end."""
    state = session.state()
    clock.advance(state.segment.seconds - state.elapsed)
    session.update()


def run_step(session: Session, clock: FakeClock) -> None:
    """Let every segment of the current step (on this foot) run to its end."""
    last = session.plan.step_span(session.state().index)[1]
    while session.state().index <= last and not session.state().finished:
        run_segment(session, clock)


def statuses(record: SessionRecord, foot: str) -> list[str]:
    return [s.state for s in record.steps if s.foot == foot]


def test_a_foot_with_five_of_seven_steps_skipped_is_partly_done() -> None:
    session, clock = play()
    run_segment(session, clock)  # the lead-in
    run_step(session, clock)  # effleurage, in full
    for _ in range(5):
        clock.advance(1)
        session.next_step()  # ankle, arch, toes, ball, top: passed over after a second
    run_step(session, clock)  # closing, in full
    record = session.record()
    assert statuses(record, "left") == ["done", "skipped", "skipped", "skipped", "skipped", "skipped", "done"]
    left = record.foot_status("left")
    assert (left.state, left.done, left.steps) == ("partly", 2, 7)
    assert left.text == "partly done (2 of 7 steps)"


def test_a_quit_during_the_solar_plexus_point_leaves_the_foot_partly_done() -> None:
    session, clock = play()
    run_segment(session, clock)
    while session.state().segment.phase_id != "solar-plexus":
        run_segment(session, clock)
    clock.advance(20)  # 20 s into the minute of the solar plexus point, then quit
    session.finish()
    record = session.record()
    assert not record.finished
    assert statuses(record, "left") == ["done"] * 6 + ["shortened"]  # the insomnia point never played
    assert statuses(record, "right") == ["not_reached"] * 7
    assert record.foot_status("left").text == "partly done (6 of 7 steps)"
    assert record.foot_status("right").text == "not done"


def test_a_step_cut_from_45_to_11_seconds_with_minus_is_shortened_not_ticked() -> None:
    session, clock = play("nightly")
    run_segment(session, clock)  # the lead-in
    strokes = session.state().segment
    assert (strokes.step_id, strokes.seconds) == ("effleurage", 45)
    clock.advance(10)
    for _ in range(3):
        session.adjust(-15)  # 45 -> 30 -> 15 -> 11: never below a second past what was played
    run_segment(session, clock)  # it runs to its new end, 0:11
    effleurage = next(s for s in session.record().steps if s.step_id == "effleurage" and s.foot == "left")
    assert (effleurage.planned, effleurage.actual, effleurage.required) == (45, 11, 45)
    assert effleurage.state == "shortened"


@pytest.mark.parametrize(
    ("played", "state"), [(45, "done"), (41, "done"), (40, "shortened"), (30, "shortened")]
)
def test_moving_on_early_is_done_only_within_the_tolerance(played: float, state: str) -> None:
    session, clock = play("nightly")
    run_segment(session, clock)
    clock.advance(played)
    session.next()  # 45 s of strokes: 10% of them (4.5 s) may be missing
    effleurage = next(s for s in session.record().steps if s.step_id == "effleurage" and s.foot == "left")
    assert effleurage.state == state


def test_holds_moved_on_from_after_their_minimum_count_as_done() -> None:
    session, clock = play(minutes=40)
    while session.state().segment.step_id != "ball":
        run_segment(session, clock)
    for _ in range(5):
        seg = session.state().segment
        assert seg.kind == "hold" and seg.hold_min == 5
        clock.advance(5.0)
        session.next()
    ball = next(s for s in session.record().steps if s.step_id == "ball" and s.foot == "left")
    assert ball.state == "done"
    assert ball.actual == pytest.approx(25) and ball.planned == pytest.approx(65)


def test_massage_time_counts_only_the_steps() -> None:
    session, clock = play(minutes=40)
    while not session.state().finished:
        run_segment(session, clock)
    record = session.record()
    assert record.finished
    assert record.actual_seconds == pytest.approx(2400)
    lead, towel = session.plan.segments[0].seconds, next(
        s.seconds for s in session.plan.segments if s.kind == "transition"
    )
    assert record.between_seconds == pytest.approx(lead + towel)
    assert record.massage_seconds == pytest.approx(2400 - lead - towel)
    assert record.foot_status("left").state == record.foot_status("right").state == "done"


NOW = datetime(2024, 5, 26, 23, 40, tzinfo=timezone(timedelta(hours=2)))


def entry_of(session: Session, night: int) -> HistoryEntry:
    """The session's record as if it had started at 22:00 ``night`` nights ago."""
    record = session.record()
    started = NOW.replace(hour=22, minute=0) - timedelta(days=night)
    moved = replace(record, started_at=started, ended_at=started + (record.ended_at - record.started_at))
    return HistoryEntry(f"n{night}", moved)


def test_a_19_second_session_stopped_early_makes_no_streak_night() -> None:
    full_night, clock = play(minutes=20)
    while not full_night.state().finished:
        run_segment(full_night, clock)
    stopped, clock = play()
    clock.advance(19)
    stopped.finish()
    short = entry_of(stopped, 0)
    assert short.record.massage_seconds == 0  # 19 s of the 30 s lead-in: no massage at all
    assert not counts_for_streak(short)
    entries = [entry_of(full_night, 2), entry_of(full_night, 1), short]
    stats = compute_stats(entries, now=NOW)
    assert (stats.streak, stats.streak_includes_tonight) == (2, False)  # up to last night
    assert stats.total_sessions == 3  # the short one stays in the history


@pytest.mark.parametrize(
    ("skipped", "played", "massage", "counts"),
    [
        (0, 200, 200, True),  # stopped 50 s into the ankle step: shortened, but 3 min 20 s of massage
        (0, 150, 150, False),  # stopped at the end of the strokes: 2.5 min, too little for a streak night
        (6, 100, 106, False),  # six steps passed over after a second each, then 100 s of the last one
    ],
)
def test_skipped_shortened_and_quit_sessions_count_by_their_massage_time(
    skipped: int, played: float, massage: float, counts: bool
) -> None:
    session, clock = play(feet=("left",))
    run_segment(session, clock)  # the lead-in is no massage
    for _ in range(skipped):
        clock.advance(1)
        session.next_step()
    clock.advance(played)
    session.finish()
    entry = entry_of(session, 0)
    assert entry.record.massage_seconds == pytest.approx(massage)
    assert counts_for_streak(entry) is counts
    assert compute_stats([entry], now=NOW).streak == (1 if counts else 0)
    assert not entry.record.finished
    assert entry.record.foot_status("left").state == "partly"
