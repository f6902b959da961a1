"""Loading a valid routines file into the model: what each TOML key becomes."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach import paths
from coach.routines import Duration, Texts
from coach.routines.load import load_library, parse_library, routines_path

DATA = Path(__file__).parents[1] / "data"


@pytest.fixture
def library():
    return load_library(DATA / "minimal.toml")


def test_top_level_keys(library) -> None:
    assert library.path == str(DATA / "minimal.toml")
    assert library.default_routine == "evening"
    assert library.safety == ("Stop if anything hurts.",)
    assert [item.id for item in library.setup] == ["towel", "recline"]
    assert library.setup[0].modes == ("self", "partner")
    assert library.setup[1].modes == ("partner",)
    assert [item.id for item in library.setup_for("self")] == ["towel"]


def test_breathing_pattern_holds_default_to_zero(library) -> None:
    calm = library.breathing["calm"]
    assert (calm.id, calm.name, calm.inhale, calm.hold_in, calm.exhale, calm.hold_out) == (
        "calm",
        "Calm",
        4.0,
        0.0,
        6.0,
        0.0,
    )
    assert calm.cycle == 10.0


def test_routine_defaults(library) -> None:
    routine = library.routine()
    assert routine.id == "evening"
    assert routine.breathing == "calm"
    assert routine.lead_in == 20.0
    assert routine.transition_seconds == 30.0
    assert "towel" in routine.transition.text
    assert routine.benefits == ()


def test_step_without_phases_is_one_timed_phase_in_minutes(library) -> None:
    step = library.routine().step("rub")
    assert step.texts == Texts("Rub the foot.", "Rub your foot.", "Rub their foot.")
    assert (step.zone, step.pressure) == ("whole", "gentle")
    (phase,) = step.phases
    assert (phase.id, phase.title, phase.kind) == ("rub", "Rub", "timed")
    assert phase.duration == Duration(120.0, 180.0)
    assert phase.texts is step.texts


def test_reps_phases_inherit_title_and_text_when_absent(library) -> None:
    step = library.routine().step("circles")
    first, second = step.phases
    assert (first.kind, first.count, first.duration) == ("reps", 5, Duration(3.0, 5.0))
    assert first.title == "Circles" and first.texts.text == "Circle the ankle."
    assert second.title == "The other way" and second.texts == Texts("Now the other way.")
    assert second.duration == Duration(4.0, 4.0)
    assert step.total == Duration(35.0, 45.0)


def test_holds_step_counts_each_hold_and_release(library) -> None:
    step = library.routine().step("press")
    (phase,) = step.phases
    assert (phase.kind, phase.count, phase.release) == ("holds", 5, 2.0)
    assert phase.total == Duration(5 * 5 + 10.0, 5 * 10 + 10.0)


def test_transition_table_and_lead_in() -> None:
    text = (
        (DATA / "minimal.toml")
        .read_text()
        .replace(
            'breathing = "calm"\n',
            'breathing = "calm"\nlead_in = 0\n\n[routines.evening.transition]\nseconds = 45\n'
            'text = "Wrap it."\npartner_text = "Wrap their foot."\n',
            1,
        )
    )
    routine = parse_library(text).routine()
    assert routine.lead_in == 0.0
    assert routine.transition_seconds == 45.0
    assert routine.transition.for_mode("partner") == "Wrap their foot."
    assert routine.transition.for_mode("self") == "Wrap it."


def test_default_routine_is_first_when_not_given() -> None:
    text = (DATA / "minimal.toml").read_text().replace('default_routine = "evening"\n', "")
    assert parse_library(text).default_routine == "evening"


def test_text_is_kept_literally() -> None:
    literal = "Press [bold]here[/bold] and \\\\ there"
    text = (DATA / "minimal.toml").read_text().replace('"Rub the foot."', f'"{literal}"')
    assert parse_library(text).routine().step("rub").texts.text == "Press [bold]here[/bold] and \\ there"


def test_byte_order_mark_is_accepted() -> None:
    data = b"\xef\xbb\xbf" + (DATA / "minimal.toml").read_bytes()
    assert parse_library(data).default_routine == "evening"


def test_shipped_file_loads_by_default() -> None:
    library = load_library()
    assert Path(library.path) == paths.shipped_routines()
    assert set(library.routines) == {"full", "nightly", "techniques"}


def test_routines_path_prefers_explicit_then_user_then_shipped(tmp_path: Path) -> None:
    assert routines_path(None, tmp_path) == paths.shipped_routines()
    user = paths.user_routines(tmp_path)
    user.parent.mkdir(parents=True)
    user.write_text("x")
    assert routines_path(None, tmp_path) == user
    assert routines_path(tmp_path / "mine.toml", tmp_path) == tmp_path / "mine.toml"


def test_readme_example_is_a_valid_routines_file() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    library = parse_library(example, "README.md")
    routine = library.routine()
    assert routine.id == "evening"
    assert [s.id for s in routine.steps] == ["strokes", "ankle", "ball"]
    assert [p.count for p in routine.step("ankle").phases] == [5, 5]
    assert routine.step("ball").phases[0].release == 3.0
