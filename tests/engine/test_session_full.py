"""The shipped full routine played end to end with a fake clock, in both modes, on both feet or one."""

from __future__ import annotations

import pytest

from coach.engine import Event, Plan, Session, build_plan
from coach.paths import shipped_routines
from coach.routines import Foot, Library, Mode, Routine
from coach.routines import load as loader
from tests.engine_helpers import FakeClock


@pytest.fixture(scope="module")
def library() -> Library:
    lib: Library = loader.load_library(shipped_routines())
    return lib


def expected_titles(routine: Routine, feet: tuple[Foot, ...]) -> list[tuple[str, Foot | None]]:
    """The segment order the routine file describes: lead-in, each foot's phases, a towel between."""
    order: list[tuple[str, Foot | None]] = [("Get ready", None)]
    for number, foot in enumerate(feet):
        if number:
            order.append(("Wrap in a towel", feet[0]))
        for step in routine.steps:
            for phase in step.phases:
                if phase.kind == "holds" and phase.count > 1:
                    titles = [f"{phase.title} {i} of {phase.count}" for i in range(1, phase.count + 1)]
                    order += [(title, foot) for title in titles]
                else:
                    order.append((phase.title, foot))
    return order


def play(plan: Plan) -> tuple[Session, FakeClock, list[tuple[float, Event]]]:
    """Play ``plan`` to its end, calling update() at each deadline as the screens do."""
    clock = FakeClock()
    session = Session(plan, clock.clock, clock.wall)
    session.start()
    seen = [(0.0, e) for e in session.update()]
    while (deadline := session.next_deadline()) is not None:
        clock.set(deadline)
        seen += [(deadline - 1000.0, e) for e in session.update()]
    return session, clock, seen


@pytest.mark.parametrize("mode", ["self", "partner"])
@pytest.mark.parametrize("feet", [("left", "right"), ("left",), ("right",)])
def test_full_routine_plays_in_order_with_its_counters_breathing_and_record(
    library: Library, mode: Mode, feet: tuple[Foot, ...]
) -> None:
    routine = library.routine("full")
    assert len(routine.steps) == 7  # the article's seven steps
    plan = build_plan(library, "full", mode=mode, feet=feet)
    assert [(s.title, s.foot) for s in plan.segments] == expected_titles(routine, feet)
    assert all(s.text == s.text.strip() and s.text for s in plan.segments)

    session, clock, events = play(plan)
    started = [e.index for _, e in events if e.kind == "segment_started"]
    assert started == list(range(len(plan.segments)))
    for when, event in events:
        if event.kind == "segment_started":
            assert when == pytest.approx(plan.segments[event.index].start)
    changes = [e.message for _, e in events if e.kind == "foot_changed"]
    assert changes == (["Now the right foot"] if len(feet) == 2 else [])
    assert [e.kind for _, e in events].count("session_finished") == 1
    assert clock.now == pytest.approx(1000.0 + plan.total)

    record = session.record()
    assert (record.routine_id, record.mode, record.feet, record.finished) == ("full", mode, feet, True)
    assert [(s.step_id, s.foot) for s in record.steps] == [(st.id, f) for f in feet for st in routine.steps]
    for step in record.steps:
        assert step.actual == pytest.approx(step.planned)
        assert not (step.skipped or step.cut_short)
    assert record.actual_seconds == pytest.approx(plan.total)
    assert record.paused_seconds == 0


def test_counters_and_breathing_at_chosen_instants(library: Library) -> None:
    plan = build_plan(library, "full", mode="partner")
    clock = FakeClock()
    session = Session(plan, clock.clock, clock.wall)
    session.start()
    self_plan = build_plan(library, "full", mode="self")
    assert "partner" in plan.segments[1].text and "partner" not in self_plan.segments[1].text

    clockwise = next(s for s in plan.segments if s.phase_id == "clockwise")
    rep = clockwise.seconds / clockwise.reps
    clock.set(1000.0 + clockwise.start + 2.5 * rep)
    state = session.state()
    assert (state.segment.title, state.rep, clockwise.reps) == ("Ankle circles, clockwise", 3, 5)

    ball = next(s for s in plan.segments if s.step_id == "ball" and s.point == 2 and s.foot == "left")
    assert (ball.points, ball.hold_min) == (5, 5)  # "hold each point five to ten seconds"
    clock.set(1000.0 + ball.start + 4.0)
    state = session.state()
    assert (state.hold_phase, state.hold_min_reached) == ("hold", False)
    assert state.breath is not None  # box breathing, 4-4-4-4, since the first ball point
    first_point = next(s for s in plan.segments if s.step_id == "ball" and s.point == 1)
    box = library.breathing["box"]
    assert ball.breathing == box
    since = ball.start + 4.0 - first_point.start
    assert state.breath.phase == ["inhale", "hold_in", "exhale", "hold_out"][int(since // 4) % 4]
    clock.set(1000.0 + ball.start + 5.0)
    assert session.state().hold_min_reached
    clock.set(1000.0 + ball.start + ball.hold_seconds + 0.5)
    state = session.state()
    assert state.hold_phase == "release"
    assert state.hold_left == pytest.approx(ball.release_seconds - 0.5)

    closing = next(s for s in plan.segments if s.step_id == "closing" and s.foot == "left")
    assert closing.breathing == library.breathing["sleep478"]
    clock.set(1000.0 + closing.start + 5.0)  # 4-7-8: in for 4, then hold
    breath = session.state().breath
    assert breath is not None
    assert (breath.phase, breath.word, breath.fullness) == ("hold_in", "Hold the breath", 1.0)
