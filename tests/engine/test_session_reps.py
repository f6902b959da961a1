"""Each rep of a counted part raises its own event, on a fake clock: what the ear needs to move on."""

from __future__ import annotations

from coach.engine import Session, build_plan
from coach.paths import shipped_routines
from coach.routines import load_library
from tests.engine_helpers import FakeClock, make_library

T0 = 1000.0


def test_every_rep_after_the_first_raises_an_event_named_and_counted_as_on_screen() -> None:
    library = load_library(shipped_routines())
    plan = build_plan(library, "nightly", mode="self", feet=("left",))
    toes = next(seg for seg in plan.segments if seg.rep_name == "toe" and seg.kind == "reps")
    clock = FakeClock(T0)
    session = Session(plan, clock.clock, clock.wall)
    session.start()
    session.update()
    clock.set(T0 + toes.start)
    assert [e.kind for e in session.update()][-1] == "segment_started"
    rep = toes.seconds / toes.reps
    seen = []
    while (deadline := session.next_deadline()) is not None and deadline < T0 + toes.end:
        clock.set(deadline)
        for event in session.update():
            if event.kind == "rep_started":
                seen.append((round(event.at, 6), event.message, event.length))
                # The screen counts the same rep at the same moment.
                assert f"{session.state().rep} of" in event.message
    assert seen == [(round(rep * n, 6), f"Toe {n + 1} of 5", toes.seconds) for n in range(1, 5)]


def test_unnamed_reps_are_counted_plainly_and_a_one_rep_part_raises_none() -> None:
    plan = build_plan(make_library(), "mini", mode="self", feet=("left",))
    clock = FakeClock(T0)
    session = Session(plan, clock.clock, clock.wall)
    session.start()
    messages = []
    while (deadline := session.next_deadline()) is not None:
        clock.set(deadline)
        messages += [(e.index, e.message) for e in session.update() if e.kind == "rep_started"]
    assert messages == [(i, f"Rep {n} of 5") for i in (2, 3) for n in range(2, 6)]


def test_more_time_on_a_counted_part_spreads_its_reps_over_the_new_length() -> None:
    plan = build_plan(make_library(), "mini", mode="self", feet=("left",))
    circles = plan.segments[2]  # 5 reps over 25 s
    clock = FakeClock(T0)
    session = Session(plan, clock.clock, clock.wall)
    session.start()
    clock.set(T0 + circles.start + 1)
    session.update()
    session.adjust(25)  # 50 s: a rep every 10 s
    session.update()
    clock.set(T0 + circles.start + 9.9)
    assert [e.kind for e in session.update()] == []
    clock.set(T0 + circles.start + 10)
    (event,) = session.update()
    assert (event.kind, event.message, event.at, event.length) == ("rep_started", "Rep 2 of 5", 10.0, 50.0)


def test_events_say_when_in_their_segment_they_were_raised() -> None:
    plan = build_plan(make_library(), "mini", mode="self", feet=("left",))
    clock = FakeClock(T0)
    session = Session(plan, clock.clock, clock.wall)
    session.start()
    (start,) = session.update()
    assert (start.kind, start.at, start.length) == ("segment_started", 0.0, plan.segments[0].seconds)
    clock.set(T0 + 7)
    session.pause()
    assert [(e.kind, e.at) for e in session.update()] == [("ending_soon", 5.0), ("paused", 7.0)]
    clock.set(T0 + 30)  # paused: the segment's time stands still
    session.resume()
    assert [(e.kind, e.at) for e in session.update()] == [("resumed", 7.0)]
    clock.set(T0 + 23 + 12)  # 2 s into the strokes, a late refresh: the arrival says so
    assert [(e.kind, e.at) for e in session.update()] == [("segment_started", 2.0)]
