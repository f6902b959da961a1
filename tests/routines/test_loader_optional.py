"""``optional = true`` and ``leave_out_order`` on steps and phases: read, inherited, checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.paths import shipped_routines
from coach.routines.fit import leave_out_groups
from coach.routines.load import RoutinesError, load_library, parse_library

MINIMAL = (Path(__file__).parents[1] / "data" / "minimal.toml").read_text()
PRESS = 'holds = 5\nseconds = [5, 10]\nrelease = 2'
CLOCKWISE = 'id = "clockwise"\nreps = 5'
COUNTER = 'id = "counter"\ntitle = "The other way"'


def edited(*edits: tuple[str, str]) -> str:
    text = MINIMAL
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    return text


def problems(text: str) -> list[tuple[str, str]]:
    with pytest.raises(RoutinesError) as caught:
        parse_library(text, "r.toml")
    return [(p.key, p.message) for p in caught.value.problems]


def test_parts_are_not_optional_unless_marked() -> None:
    routine = parse_library(MINIMAL).routine()
    assert not any(p.optional for s in routine.steps for p in s.phases)
    assert leave_out_groups(routine) == []


def test_a_step_marked_optional_makes_every_phase_optional_with_its_order() -> None:
    ankle = 'text = "Circle the ankle."'
    text = edited((ankle, ankle + "\noptional = true\nleave_out_order = 2"))
    routine = parse_library(text).routine()
    circles = routine.step("circles")
    assert circles.optional
    assert [(p.optional, p.leave_out_order) for p in circles.phases] == [(True, 2), (True, 2)]
    assert leave_out_groups(routine) == [[("circles", "clockwise"), ("circles", "counter")]]


def test_groups_go_by_order_then_unnumbered_parts_last_first() -> None:
    text = edited(
        (COUNTER, COUNTER + "\noptional = true"),
        (PRESS, PRESS + "\noptional = true"),
        ('minutes = [2, 3]', 'minutes = [2, 3]\noptional = true\nleave_out_order = 1'),
    )
    routine = parse_library(text).routine()
    assert leave_out_groups(routine) == [[("rub", "rub")], [("press", "press")], [("circles", "counter")]]


@pytest.mark.parametrize(
    ("old", "new", "key", "message"),
    [
        (PRESS, PRESS + '\noptional = "yes"', "routines.evening.steps[2].optional",
         "must be true or false, got 'yes' (a string)"),
        (PRESS, PRESS + "\nleave_out_order = 1", "routines.evening.steps[2].leave_out_order",
         "only applies with optional = true"),
        (PRESS, PRESS + "\noptional = true\nleave_out_order = 0", "routines.evening.steps[2].leave_out_order",
         "must be a positive whole number, got 0"),
        (PRESS, PRESS + "\noptional = true\nleave_out_order = 1.5",
         "routines.evening.steps[2].leave_out_order",
         "must be a positive whole number, got 1.5"),
    ],
)
def test_wrong_values_are_named_with_their_key(old: str, new: str, key: str, message: str) -> None:
    assert (key, message) in problems(edited((old, new)))


def test_a_routine_of_optional_parts_only_is_refused() -> None:
    text = edited(
        ('minutes = [2, 3]', 'minutes = [2, 3]\noptional = true'),
        ('text = "Circle the ankle."', 'text = "Circle the ankle."\noptional = true'),
        (PRESS, PRESS + "\noptional = true"),
    )
    message = "every part is optional: at least one must stay when parts are left out"
    assert ("routines.evening.steps", message) in problems(text)


def test_the_shipped_full_routine_marks_what_the_article_treats_as_extra() -> None:
    full = load_library(shipped_routines()).routines["full"]
    optional = {(s.id, p.id): p.leave_out_order for s in full.steps for p in s.phases if p.optional}
    # "You can also use a thumb walking technique", "You can also make gentle, circular motions", and
    # "For an extra sleep inducing focus ..." the two points, which go together.
    assert optional == {
        ("arch", "thumb-walk"): 1,
        ("top", "groove-circles"): 2,
        ("closing", "solar-plexus"): 3,
        ("closing", "insomnia"): 3,
    }
