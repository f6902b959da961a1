"""Broken routines files: every problem is reported at once, naming the file, the line and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.routines.load import Problem, RoutinesError, load_library, parse_library

DATA = Path(__file__).parents[1] / "data"
MINIMAL = (DATA / "minimal.toml").read_text()


def line_with(name: str, fragment: str) -> int:
    """The 1-based line of ``fragment`` in a fixture, found independently of the code under test."""
    lines = (DATA / name).read_bytes().decode("latin-1").splitlines()
    matches = [number for number, line in enumerate(lines, start=1) if fragment in line]
    assert len(matches) == 1, (name, fragment, matches)
    return matches[0]


def problems(name: str) -> tuple[Problem, ...]:
    with pytest.raises(RoutinesError) as caught:
        load_library(DATA / name)
    return caught.value.problems


def only_problem(name: str) -> Problem:
    found = problems(name)
    assert len(found) == 1, found
    assert found[0].file == str(DATA / name)
    return found[0]


def broken(old: str, new: str) -> tuple[Problem, ...]:
    """The problems in the minimal file with one edit; ``old`` must be in it."""
    assert old in MINIMAL
    with pytest.raises(RoutinesError) as caught:
        parse_library(MINIMAL.replace(old, new, 1), "r.toml")
    return caught.value.problems


def test_bad_toml_syntax_names_line_and_column() -> None:
    problem = only_problem("bad_syntax.toml")
    assert problem.line == line_with("bad_syntax.toml", 'name = "Evening')
    assert problem.message.startswith("TOML syntax error at column ")


def test_wrong_type() -> None:
    problem = only_problem("wrong_type.toml")
    assert problem.line == line_with("wrong_type.toml", "pressure = 3")
    assert problem.key == "routines.evening.steps[2].pressure"
    assert problem.message == "must be one of light, gentle, moderate, firm; got 3 (a whole number)"


def test_unknown_key_suggests_the_right_one() -> None:
    problem = only_problem("unknown_key.toml")
    assert problem.line == line_with("unknown_key.toml", "relase = 2")
    assert problem.key == "routines.evening.steps[2].relase"
    assert problem.message == "unknown key (did you mean 'release'?)"


def test_negative_duration_in_a_range() -> None:
    problem = only_problem("negative_duration.toml")
    assert problem.line == line_with("negative_duration.toml", "seconds = [-5, 10]")
    assert problem.key == "routines.evening.steps[2].seconds[0]"
    assert problem.message == "must be a positive number, got -5"


def test_negative_count_of_holds() -> None:
    problem = only_problem("negative_holds.toml")
    assert str(problem) == (
        f"{DATA / 'negative_holds.toml'}:{line_with('negative_holds.toml', 'holds = -5')}: "
        "routines.evening.steps[2].holds: must be a positive whole number, got -5"
    )


def test_duplicate_step_id_names_both_places() -> None:
    problem = only_problem("duplicate_id.toml")
    second = MINIMAL.splitlines().index('id = "press"') + 1
    first_step = MINIMAL.splitlines().index("[[routines.evening.steps]]") + 1
    assert problem.line == second
    assert problem.key == "routines.evening.steps[2].id"
    assert (
        problem.message
        == f"duplicate id 'rub': already used by routines.evening.steps[0] at line {first_step}"
    )


def test_missing_breathing_reference_suggests_the_right_one() -> None:
    problem = only_problem("missing_reference.toml")
    assert problem.line == line_with("missing_reference.toml", 'breathing = "clam"')
    assert problem.key == "routines.evening.breathing"
    assert problem.message == "unknown breathing pattern 'clam' (did you mean 'calm'?)"


def test_reversed_range() -> None:
    problem = only_problem("reversed_range.toml")
    assert problem.line == line_with("reversed_range.toml", "minutes = [3, 2]")
    assert problem.message == "the range's low end (3) is above its high end (2)"


def test_not_utf8_names_the_byte_offset() -> None:
    data = (DATA / "not_utf8.toml").read_bytes()
    problem = only_problem("not_utf8.toml")
    assert problem.line == line_with("not_utf8.toml", "Caf")
    offset = data.index(b"\xe9")
    assert f"byte 0xe9 at byte offset {offset}" in problem.message
    assert "UTF-8" in problem.message


@pytest.mark.parametrize("name", ["empty.toml", "comments_only.toml"])
def test_empty_file(name: str) -> None:
    problem = only_problem(name)
    assert problem.line is None
    assert problem.message.startswith("the file is empty")


def test_every_problem_is_reported_in_file_order() -> None:
    found = problems("many_problems.toml")
    assert [p.key for p in found] == [
        "routines.evening.breathing",
        "routines.evening.steps[1].phases[1]",  # no duration: named at the phase's [[...]] line
        "routines.evening.steps[1].phases[1].secnds",
        "routines.evening.steps[2].zone",
        "routines.evening.steps[2].holds",
    ]
    assert [p.line for p in found] == sorted(p.line or 0 for p in found)
    assert "needs a duration for each rep" in found[1].message
    assert found[2].message == "unknown key (did you mean 'seconds'?)"


def test_error_text_is_one_problem_per_line() -> None:
    with pytest.raises(RoutinesError) as caught:
        load_library(DATA / "many_problems.toml")
    lines = str(caught.value).splitlines()
    assert len(lines) == 5
    assert all(line.startswith(f"{DATA / 'many_problems.toml'}:") for line in lines)


def test_missing_file() -> None:
    with pytest.raises(RoutinesError) as caught:
        load_library(DATA / "nope.toml")
    assert str(caught.value) == f"{DATA / 'nope.toml'}: file not found"


def test_folder_instead_of_file() -> None:
    with pytest.raises(RoutinesError, match="is a folder"):
        load_library(DATA)


def test_no_routines_at_all() -> None:
    with pytest.raises(RoutinesError) as caught:
        parse_library('[breathing.calm]\nname = "Calm"\ninhale = 4\nexhale = 6\n', "r.toml")
    (problem,) = caught.value.problems
    assert problem.key == "routines"
    assert problem.message == "needs at least one entry such as [routines.evening]; it is missing"


def test_unknown_top_level_key_lists_what_is_allowed() -> None:
    (problem,) = broken("[[setup]]", "colour = 'blue'\n\n[[setup]]")
    assert problem.key == "colour"
    assert problem.message == (
        "unknown key; allowed here: language, default_routine, safety, setup, breathing, routines"
    )
    assert problem.line == MINIMAL.splitlines().index("[[setup]]") + 1
