"""The short cue of a step or part, and the name of one rep or hold: read, inherited and checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.engine import build_plan
from coach.limits import MAX_CUE_CHARS, MAX_CUE_WORDS
from coach.routines.load import RoutinesError, parse_library

DATA = Path(__file__).parents[1] / "data"
MINIMAL = (DATA / "minimal.toml").read_text()


def edited(*edits: tuple[str, str]) -> str:
    text = MINIMAL
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    return text


CIRCLES = 'id = "circles"\ntitle = "Circles"'
CLOCKWISE = 'id = "clockwise"\nreps = 5'
PRESS = 'id = "press"\ntitle = "Press"'


def test_cues_are_read_and_a_part_without_one_takes_its_steps() -> None:
    text = edited(
        (CIRCLES, CIRCLES + '\ncue = "Circle the ankle"'),
        ('title = "The other way"', 'title = "The other way"\ncue = "Now the other way"'),
        (CLOCKWISE, CLOCKWISE + '\nrep_name = "circle"'),
        (PRESS, PRESS + '\ncue = "Press, hold, release"\nrep_name = "point"'),
    )
    routine = parse_library(text).routine()
    rub, circles, press = routine.steps
    assert (rub.cue, rub.phases[0].cue) == ("", "")
    assert circles.cue == "Circle the ankle"
    assert [(p.cue, p.rep_name) for p in circles.phases] == [
        ("Circle the ankle", "circle"),
        ("Now the other way", ""),
    ]
    assert (press.phases[0].cue, press.phases[0].rep_name) == ("Press, hold, release", "point")


def test_segments_carry_the_cue_and_rep_name_and_the_lead_in_and_towel_have_their_own() -> None:
    text = edited(
        (PRESS, PRESS + '\ncue = "Press, hold, release"\nrep_name = "point"'),
        ("[[routines.evening.steps]]",
         '[routines.evening.transition]\ncue = "Towel on"\ntext = "Wrap it."\n\n[[routines.evening.steps]]'),
    )
    plan = build_plan(parse_library(text), mode="partner")
    lead = plan.segments[0]
    assert lead.kind == "lead_in" and lead.cue and len(lead.cue.split()) <= MAX_CUE_WORDS
    assert [s.cue for s in plan.segments if s.kind == "transition"] == ["Towel on"]
    holds = [s for s in plan.segments if s.kind == "hold"]
    assert {(s.cue, s.rep_name) for s in holds} == {("Press, hold, release", "point")}


def test_the_towel_has_a_cue_by_default() -> None:
    plan = build_plan(parse_library(MINIMAL))
    assert [s.cue for s in plan.segments if s.kind == "transition"] == ["Wrap this foot in the towel"]


@pytest.mark.parametrize(
    ("where", "value", "message"),
    [
        (CIRCLES, '"one two three four five six seven eight nine"',
         f"has 9 words; a cue is at most {MAX_CUE_WORDS} (the full instruction goes in text)"),
        (CIRCLES, '"' + "Supercalifragilistic expialidocious circles" + '"',
         f"is 43 characters long; a cue is at most {MAX_CUE_CHARS}"),
        (CIRCLES, '"Circle\\nthe ankle"', "must be one line: a cue is a few words to read from afar"),
        (CIRCLES, '""', "must not be empty"),
        (CIRCLES, "5", "must be a string (text in quotes), got 5 (a whole number)"),
        (CIRCLES, '"Circle \\u001b[31m"', "contains a control character U+001B at position 7"),
    ],
)
def test_a_wrong_cue_names_its_line_and_key(where: str, value: str, message: str) -> None:
    with pytest.raises(RoutinesError) as caught:
        parse_library(edited((where, f"{where}\ncue = {value}")), "r.toml")
    [problem] = caught.value.problems
    assert (problem.key, problem.message) == ("routines.evening.steps[1].cue", message)
    assert problem.line == MINIMAL.splitlines().index('title = "Circles"') + 2


@pytest.mark.parametrize(
    ("where", "line", "key", "message"),
    [
        (CLOCKWISE, 'rep_name = "very long name of a rep"', "routines.evening.steps[1].phases[0].rep_name",
         'must be one or two words of at most 16 characters, such as "toe"'),
        ('id = "rub"', 'rep_name = "stroke"', "routines.evening.steps[0].rep_name",
         "only applies with reps or holds: what one of them is called"),
        (CIRCLES, 'rep_name = "circle"', "routines.evening.steps[1].rep_name",
         "this step has phases: give durations, reps and holds on its phases"),
    ],
)
def test_a_wrong_rep_name(where: str, line: str, key: str, message: str) -> None:
    with pytest.raises(RoutinesError) as caught:
        parse_library(edited((where, f"{where}\n{line}")), "r.toml")
    assert [(p.key, p.message) for p in caught.value.problems] == [(key, message)]
