"""Readable from a metre: in every part of the shipped routines the screen says what to do (the cue),
for how long (the countdown and what it counts) and what comes next, with no word cut in half and no
breathing word that could be taken for a hold point."""

from __future__ import annotations

import pytest

from coach.engine import Session, build_plan
from coach.engine.breath import WORDS
from coach.paths import shipped_routines
from coach.routines import load_library
from coach.ui.screens.player.text import countdown_label, counter_lines, next_line
from coach.wording import count_text, shorten
from tests.engine_helpers import FakeClock

LIBRARY = load_library(shipped_routines())


def walk(routine_id: str, mode: str) -> Session:
    clock = FakeClock()
    session = Session(build_plan(LIBRARY, routine_id, mode=mode), clock.clock, clock.wall)  # type: ignore[arg-type]
    session.start()
    return session


@pytest.mark.parametrize("mode", ["self", "partner"])
@pytest.mark.parametrize("routine_id", list(LIBRARY.routines))
def test_every_part_says_what_how_long_and_what_next(routine_id: str, mode: str) -> None:
    session = walk(routine_id, mode)
    for seg in session.plan.segments:
        state = session.state()
        assert state.segment is seg
        assert seg.cue, seg.title
        label = countdown_label(state)
        assert label and len(label) <= 20, (seg.title, label)
        count, _hint = counter_lines(state)
        if seg.kind in ("reps", "hold"):
            assert count.split()[0].lower() == seg.rep_name.split()[0].lower(), (seg.title, count)
            assert not count.startswith(("Hold", "Rep ")), count
        assert next_line(session.plan, state)[0]
        session.next()


def test_the_countdown_label_says_what_it_counts() -> None:
    session = walk("full", "self")
    labels: dict[str, set[str]] = {}
    for seg in session.plan.segments:
        labels.setdefault(seg.kind, set()).add(countdown_label(session.state()))
        session.next()
    assert labels["lead_in"] == {"to get ready"}
    assert labels["transition"] == {"for the towel"}
    assert labels["timed"] == {"this part"}
    assert labels["hold"] == {"this hold"}
    assert labels["reps"] == {"all 5 circles", "all 5 toes"}


def test_counts_name_what_they_count() -> None:
    assert count_text("toe", 2, 5) == "Toe 2 of 5"
    assert count_text("", 2, 5) == "Rep 2 of 5"
    assert count_text("", 1, 3, default="Point") == "Point 1 of 3"


def test_breathing_words_cannot_be_taken_for_a_hold_point() -> None:
    assert WORDS["inhale"] == "Breathe in" and WORDS["exhale"] == "Breathe out"
    assert WORDS["hold_in"] == "Hold the breath"
    assert all(word != "Hold" and "point" not in word.lower() for word in WORDS.values())


@pytest.mark.parametrize("routine_id", list(LIBRARY.routines))
@pytest.mark.parametrize("how", ["played", "skipped to", "stepped back to"])
def test_a_new_breathing_pattern_starts_with_breathing_in(routine_id: str, how: str) -> None:
    """Wherever the pattern changes (the box breath on the ball, 4-7-8 at the close), its first word is
    "Breathe in", whether the session ran into it, or a key moved there."""
    plan = build_plan(LIBRARY, routine_id)
    changes = [i for i in range(1, len(plan.segments))
               if plan.segments[i].breathing != plan.segments[i - 1].breathing]
    if routine_id != "techniques":
        assert changes, "the full and nightly routines change their breathing"
    for index in changes:
        clock = FakeClock()
        session = Session(plan, clock.clock, clock.wall)  # type: ignore[arg-type]
        session.start()
        target = index
        if how == "played":
            clock.advance(plan.segments[index].start + 0.001)
        else:
            for _ in range(index):
                session.next()
            if how == "stepped back to":
                clock.advance(0.5)
                session.previous()  # within the first seconds: back to the part before, the old pattern
                target = index - 1
            else:
                clock.advance(3.3)  # some way into the part: the breath is not at its start any more
        session.update()
        state = session.state()
        assert state.index == target
        assert state.breath is not None
        if how != "skipped to":
            assert state.breath.word == "Breathe in", (plan.segments[target].title, state.breath)
        else:  # 3.3 s after the skip: still the new pattern's first breath in (4 s)
            assert (state.breath.word, state.breath.phase) == ("Breathe in", "inhale")


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("Soft instrumental music (optional)", 32, "Soft instrumental music…"),
        ("Soft instrumental music (optional)", 40, "Soft instrumental music (optional)"),
        ("Step 1 of 7 · Preparation and relaxing effleurage", 34, "Step 1 of 7 · Preparation and…"),
        ("Step 1 of 7 · Preparation", 16, "Step 1 of 7…"),
        ("Unbreakablewordwithoutspaces", 10, "Unbreakab…"),
        ("", 10, ""),
    ],
)
def test_one_line_texts_are_shortened_between_words(text: str, width: int, expected: str) -> None:
    assert shorten(text, width) == expected
