"""The player's words as plain functions: what comes next is named without saying a title twice."""

from __future__ import annotations

from dataclasses import replace

from coach.engine import Session, build_plan
from coach.routines import Duration, Phase, Step, Texts
from coach.ui.screens.player.text import next_line, part_name
from tests.engine_helpers import MINI, FakeClock, make_library

TOES = Step("toes", "Toe work", Texts("Work each toe."), "toes", "gentle", (
    Phase("rotate", "Rotate and gently pull each toe", Texts("Rotate, then pull."), "reps", Duration(4, 4),
          count=2),
    Phase("squeeze", "Squeeze each toe", Texts("Squeeze and roll."), "timed", Duration(10, 10)),
))
BALL = Step("ball", "Ball points", Texts("Press along the ball."), "ball", "moderate", (
    Phase("ball", "Ball points", Texts(""), "holds", Duration(5, 5), count=2, release=1),
))
SAME = Step("same", "Rotate and gently pull each toe", Texts("Rotate, then pull."), "toes", "gentle", (
    Phase("same", "Rotate and gently pull each toe", Texts(""), "reps", Duration(4, 4), count=2),
))


def lines_through(steps: tuple[Step, ...], feet: tuple[str, ...] = ("left",)) -> list[str]:
    """The next line at the start of every segment of a routine made of ``steps``."""
    library = make_library()
    routine = replace(MINI, steps=steps, lead_in=0)
    library = replace(library, routines={"mini": routine})
    clock = FakeClock()
    session = Session(build_plan(library, "mini", feet=feet), clock.clock, clock.wall)  # type: ignore[arg-type]
    session.start()
    lines = []
    for _ in session.plan.segments:
        lines.append(next_line(session.plan, session.state())[0])
        session.next()
    return lines


def test_a_part_named_after_its_step_is_named_once() -> None:
    lines = lines_through((TOES, BALL, SAME), feet=("left", "right"))
    assert lines[:4] == [
        "then: Squeeze each toe",
        "then: Ball points 1 of 2",
        "then: Ball points 2 of 2",
        "then: Rotate and gently pull each toe",
    ]
    assert lines[4] == "then: Wrap in a towel"
    assert lines[5] == "then: RIGHT FOOT · Toe work · Rotate and gently pull each toe"
    assert lines[-1] == "then: the summary"
    assert not any("Ball points: Ball points" in line or "toe: Rotate" in line for line in lines)


def test_titles_that_differ_name_the_step_and_the_part() -> None:
    lines = lines_through((BALL, TOES))
    assert lines[1] == "then: Toe work · Rotate and gently pull each toe"
    library = replace(make_library(), routines={"mini": replace(MINI, steps=(BALL,))})
    seg = build_plan(library, "mini").segments
    assert [part_name(s) for s in seg if s.is_step][:2] == ["Ball points 1 of 2", "Ball points 2 of 2"]


def test_words_fit_by_importance() -> None:
    from coach.ui.widgets.words import Fitted, fit_rows

    # Room for everything: title, blank, step (all of it), instruction, blank, benefit.
    assert fit_rows(12, title=1, step=3, text=2, benefit=2) == Fitted(0, 1, 1, 3, 2, 2)
    # Less room: the step's words are cut to two lines, then the benefit goes, then the blank line.
    assert fit_rows(9, title=1, step=3, text=2, benefit=2) == Fitted(0, 1, 1, 2, 2, 2)
    assert fit_rows(6, title=1, step=3, text=2, benefit=2) == Fitted(0, 1, 1, 2, 2, 0)
    assert fit_rows(5, title=1, step=3, text=2, benefit=2) == Fitted(0, 1, 0, 2, 2, 0)
    # Never the instruction before the others: the title gives way when the instruction is cut.
    assert fit_rows(4, title=1, step=3, text=6, benefit=2) == Fitted(0, 0, 0, 0, 4, 0)
    assert fit_rows(1, title=1, step=0, text=4, benefit=0) == Fitted(0, 0, 0, 0, 1, 0)
    assert fit_rows(0, title=1, step=1, text=1, benefit=1) == Fitted(0, 0, 0, 0, 0, 0)
    # A benefit comes with its blank line or not at all.
    assert fit_rows(4, title=1, step=0, text=1, benefit=2) == Fitted(0, 1, 1, 0, 1, 0)
    assert fit_rows(5, title=1, step=0, text=1, benefit=2) == Fitted(0, 1, 1, 0, 1, 1)
    # The cue comes first of all: the words read from a metre away.
    assert fit_rows(3, title=1, step=0, text=3, benefit=0, cue=1) == Fitted(1, 0, 0, 0, 2, 0)
    assert fit_rows(6, title=1, step=0, text=3, benefit=0, cue=1) == Fitted(1, 1, 1, 0, 3, 0)
