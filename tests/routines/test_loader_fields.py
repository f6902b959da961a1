"""One wrong value at a time in an otherwise valid file: the key path and message it gets."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.routines.load import Problem, RoutinesError, parse_library

DATA = Path(__file__).parents[1] / "data"
MINIMAL = (DATA / "minimal.toml").read_text()


def broken(old: str, new: str) -> tuple[Problem, ...]:
    """The problems in the minimal file with one edit; ``old`` must be in it."""
    assert old in MINIMAL
    with pytest.raises(RoutinesError) as caught:
        parse_library(MINIMAL.replace(old, new, 1), "r.toml")
    return caught.value.problems


@pytest.mark.parametrize(
    ("old", "new", "key", "message"),
    [
        (
            "minutes = [2, 3]",
            "minutes = [2, 3]\nseconds = 30",
            "routines.evening.steps[0].minutes",
            "give either seconds or minutes, not both",
        ),
        (
            "minutes = [2, 3]",
            "",
            "routines.evening.steps[0]",
            "needs a duration: seconds = 60, seconds = [60, 120] or minutes = [2, 3]",
        ),
        (
            "minutes = [2, 3]",
            "minutes = [1, 2, 3]",
            "routines.evening.steps[0].minutes",
            "a range needs exactly two numbers [low, high], got 3",
        ),
        (
            "minutes = [2, 3]",
            "minutes = 0",
            "routines.evening.steps[0].minutes",
            "must be a positive number, got 0",
        ),
        (
            "minutes = [2, 3]",
            "minutes = 90",
            "routines.evening.steps[0].minutes",
            "must be at most 60, got 90",
        ),
        (
            "minutes = [2, 3]",
            "minutes = nan",
            "routines.evening.steps[0].minutes",
            "must be a positive number, got nan",
        ),
        (
            "reps = 5\nseconds = [3, 5]",
            "reps = 5.5\nseconds = [3, 5]",
            "routines.evening.steps[1].phases[0].reps",
            "must be a positive whole number, got 5.5",
        ),
        (
            "reps = 5\nseconds = [3, 5]",
            "reps = 5\nholds = 2\nseconds = [3, 5]",
            "routines.evening.steps[1].phases[0].holds",
            "give either reps or holds, not both",
        ),
        (
            "reps = 5\nseconds = [3, 5]",
            "reps = 5\nrelease = 1\nseconds = [3, 5]",
            "routines.evening.steps[1].phases[0].release",
            "only applies with holds: the pause after each held point",
        ),
        (
            "release = 2",
            "release = -1",
            "routines.evening.steps[2].release",
            "must be a number, zero or more, got -1",
        ),
        (
            'zone = "ball"',
            'zone = "bal"',
            "routines.evening.steps[2].zone",
            "must be one of toes, ball, arch, heel, top, ankle, whole; "
            "got 'bal' (a string) (did you mean 'ball'?)",
        ),
        (
            'title = "Rub"',
            "title = true",
            "routines.evening.steps[0].title",
            "must be a string (text in quotes), got true (true/false)",
        ),
        ('title = "Rub"', 'title = "  "', "routines.evening.steps[0].title", "must not be empty"),
        (
            'title = "Rub"',
            'title = "Rub\\u001b[31m"',
            "routines.evening.steps[0].title",
            "contains a control character U+001B at position 3",
        ),
        (
            'id = "rub"',
            'id = "rub it"',
            "routines.evening.steps[0].id",
            "'rub it' is not a usable id: use letters, digits, '-' and '_' only",
        ),
        (
            'id = "clockwise"',
            'id = "counter"',
            "routines.evening.steps[1].phases[1].id",
            "duplicate id 'counter': already used by routines.evening.steps[1].phases[0] at line {phase0}",
        ),
        (
            'default_routine = "evening"',
            'default_routine = "evenin"',
            "default_routine",
            "unknown routine 'evenin' (did you mean 'evening'?)",
        ),
        (
            'modes = ["partner"]',
            'modes = ["partners"]',
            "setup[1].modes[0]",
            "must be self or partner, got 'partners' (a string)",
        ),
        (
            'safety = ["Stop if anything hurts."]',
            "safety = [1]",
            "safety[0]",
            "must be a string (text in quotes), got 1 (a whole number)",
        ),
        ("inhale = 4\n", "", "breathing.calm.inhale", "is missing: seconds of the breath, e.g. 4"),
        (
            'pressure = "gentle"\nminutes',
            'pressure = "gentle"\nbreathing = "boxx"\nminutes',
            "routines.evening.steps[0].breathing",
            "unknown breathing pattern 'boxx'; defined: calm",
        ),
        (
            '[[routines.evening.steps.phases]]\nid = "clockwise"',
            'seconds = 5\n[[routines.evening.steps.phases]]\nid = "clockwise"',
            "routines.evening.steps[1].seconds",
            "this step has phases: give durations, reps and holds on its phases",
        ),
    ],
)
def test_field_problems(old: str, new: str, key: str, message: str) -> None:
    (problem,) = broken(old, new)
    phase0 = MINIMAL.splitlines().index("[[routines.evening.steps.phases]]") + 1
    assert (problem.key, problem.message) == (key, message.format(phase0=phase0))
    assert problem.file == "r.toml"
    assert problem.line is not None
