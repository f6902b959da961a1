"""Cues as a pure function of a session's events: which cue at which second, for whole routines."""

from __future__ import annotations

import pytest

from coach.engine import Event, Plan, Session, build_plan
from coach.paths import shipped_routines
from coach.routines import Library, Mode, load_library
from coach.sound import Cue, SoundConfig, arrival_cues, cues_for
from tests.engine_helpers import FakeClock, make_library

Timed = tuple[float, str, str | None, str]
"""(seconds into the session, cue kind, tone, words)."""


def play(plan: Plan, config: SoundConfig) -> list[tuple[float, Cue]]:
    """Every cue of ``plan`` played to its end on a fake clock, with the second it sounds at."""
    clock = FakeClock(0.0)
    session = Session(plan, clock.clock, clock.wall)
    session.start()
    found = [(0.0, cue) for cue in cues_for(session.update(), plan, config)]
    while (deadline := session.next_deadline()) is not None:
        clock.set(deadline)
        found += [(round(deadline, 2), cue) for cue in cues_for(session.update(), plan, config)]
    return found


def timed(cues: list[tuple[float, Cue]]) -> list[Timed]:
    return [(at, cue.kind, cue.tone, cue.words) for at, cue in cues]


@pytest.fixture(scope="module")
def shipped() -> Library:
    return load_library(shipped_routines())


def test_the_mini_routine_in_self_mode_sounds_every_change_at_its_second() -> None:
    plan = build_plan(make_library(), "mini", mode="self", feet=("left",))
    assert timed(play(plan, SoundConfig())) == [
        (0.0, "step", "bell", "Settle in and slow your breath."),
        (5.0, "next", None, "Next: Long strokes"),
        (10.0, "step", "bell", "Left foot. Long strokes."),
        (55.0, "halfway", "tock", ""),
        (95.0, "next", None, "Next: Clockwise circles"),
        # Each new rep ticks (these reps have no name to say); no halfway tock among them.
        (100.0, "step", "bell", "Clockwise circles."),
        (105.0, "rep", "tick", ""),
        (110.0, "rep", "tick", ""),
        (115.0, "rep", "tick", ""),
        (120.0, "rep", "tick", ""),
        (120.0, "next", None, "Next: Counter-clockwise circles"),
        (125.0, "part", "tick", "Counter-clockwise circles."),
        (130.0, "rep", "tick", ""),
        (135.0, "rep", "tick", ""),
        (140.0, "rep", "tick", ""),
        (145.0, "rep", "tick", ""),
        (145.0, "next", None, "Next: Heel circles"),
        (150.0, "part", "tick", "Heel circles."),
        (195.0, "halfway", "tock", ""),
        (235.0, "next", None, "Next: Ball point"),
        (240.0, "step", "bell", "Ball point."),
        (247.5, "release", "tock", "Release"),
        (249.5, "hold", "tick", "Point 2 of 3"),
        (257.0, "release", "tock", "Release"),
        (259.0, "hold", "tick", "Point 3 of 3"),
        (266.5, "release", "tock", "Release"),
        (268.5, "end", "chord", "Well done"),
    ]


def test_partner_mode_is_quiet_by_default_steps_foot_and_end_only_softly() -> None:
    plan = build_plan(make_library(), "mini", mode="partner")
    cues = play(plan, SoundConfig())
    assert {cue.kind for _, cue in cues} == {"step", "foot", "end"}
    assert all(cue.soft for _, cue in cues)
    towel = [(at, cue.words) for at, cue in cues if cue.kind == "foot"]
    assert towel == [(268.5, "Wrap the left foot in the towel; right foot next."),
                     (288.5, "Right foot. Long strokes.")]


def test_guide_mode_speaks_the_instruction_for_the_mode() -> None:
    library = make_library()
    partner = dict((at, cue.words) for at, cue in play(build_plan(library, "mini", mode="partner"),
                                                        SoundConfig(guide=True)))
    own = dict((at, cue.words) for at, cue in play(build_plan(library, "mini", mode="self"),
                                                    SoundConfig(guide=True, level="quiet")))
    assert partner[10.0] == "Left foot. Long strokes. Glide up your partner's foot."
    assert own[10.0] == "Left foot. Long strokes. Glide both hands from toes to ankle."
    # The routine's own instruction wraps the foot already: it is said once, then which foot is next.
    assert partner[268.5] == "Wrap your partner's foot in the towel. Right foot next."
    # The lead-in's instruction says what its short cue says: only the instruction is spoken.
    assert partner[0.0] == ("Help your partner settle in, warm a little oil between your palms and "
                            "breathe slowly together.")


def test_the_level_can_be_chosen_against_the_modes_default() -> None:
    plan = build_plan(make_library(), "mini", mode="partner", feet=("left",))
    kinds = [cue.kind for _, cue in play(plan, SoundConfig(level="full"))]
    assert kinds.count("release") == 3 and kinds.count("hold") == 2
    plan = build_plan(make_library(), "mini", mode="self", feet=("left",))
    kinds = [cue.kind for _, cue in play(plan, SoundConfig(level="quiet"))]
    assert set(kinds) == {"step", "end"}


def test_voice_off_keeps_the_tones_and_sound_off_is_silence() -> None:
    plan = build_plan(make_library(), "mini", mode="self", feet=("left",))
    chimes_only = play(plan, SoundConfig(voice=False))
    assert all(cue.words == "" and cue.tone for _, cue in chimes_only)
    assert "next" not in {cue.kind for _, cue in chimes_only}  # words alone: nothing left to sound
    assert play(plan, SoundConfig(sound=False)) == []


def test_another_language_speaks_the_routines_words_and_never_coachs_english() -> None:
    plan = build_plan(make_library(), "mini", mode="self", feet=("left", "right"))
    words = {cue.words for _, cue in play(plan, SoundConfig(language="de"))}
    assert words == {"", "Long strokes.", "Clockwise circles.", "Counter-clockwise circles.",
                     "Heel circles.", "Ball point.", "Wrap this foot in the towel."}
    guided = {cue.words for _, cue in play(plan, SoundConfig(language="de", guide=True))}
    assert "Wrap this foot in the towel." in guided  # the routine's words, once (its cue says the same)


@pytest.mark.parametrize("mode", ["self", "partner"])
def test_the_nightly_routine_announces_every_step_part_hold_and_foot(shipped: Library, mode: Mode) -> None:
    plan = build_plan(shipped, "nightly", mode=mode)
    cues = play(plan, SoundConfig(level="full"))
    by_index: dict[int, list[Cue]] = {}
    for _, cue in cues:
        by_index.setdefault(cue.index, []).append(cue)
    for seg in plan.segments:  # every segment is announced when it starts, with words
        arrival = [c for c in by_index[seg.index] if c.kind in ("step", "foot", "part", "hold")]
        assert len(arrival) == 1 and arrival[0].words, seg.title
    holds = [seg for seg in plan.segments if seg.kind == "hold"]
    releases = [cue for _, cue in cues if cue.kind == "release"]
    assert len(releases) == len(holds) == 10  # the ball step: 5 points a foot, each released
    assert [cue.words for _, cue in cues if cue.kind == "foot"] == [
        "Wrap the left foot in the second towel; right foot next.",
        "Right foot. Long strokes, toes to ankle.",
    ]
    at, last = cues[-1]
    assert (last.kind, last.words, at) == ("end", "Well done", plan.total)
    quiet = play(plan, SoundConfig(level="quiet"))
    assert len(quiet) == 2 * len(plan.routine.steps) + 3  # lead-in, steps, towel, end


def test_a_foot_change_and_its_step_are_one_cue_and_arrival_cues_match_what_will_sound() -> None:
    plan = build_plan(make_library(), "mini", mode="self")
    towel = next(seg.index for seg in plan.segments if seg.kind == "transition")
    events = [Event("foot_changed", towel + 1, "Now the right foot"),
              Event("segment_started", towel + 1, "Warming strokes")]
    (cue,) = cues_for(events, plan, SoundConfig())
    assert (cue.kind, cue.words) == ("foot", "Right foot. Long strokes.")
    assert arrival_cues(plan, towel + 1, SoundConfig()) == [cue]
    assert [c.words for c in arrival_cues(plan, 1, SoundConfig())] == ["Left foot. Long strokes."]


def test_skipping_to_a_later_step_announces_where_you_landed_and_pauses_are_said() -> None:
    plan = build_plan(make_library(), "mini", mode="self", feet=("left",))
    clock = FakeClock(0.0)
    session = Session(plan, clock.clock, clock.wall)
    session.start()
    session.update()
    session.next_step()
    session.next_step()
    session.pause()
    session.resume()
    cues = cues_for(session.update(), plan, SoundConfig())
    assert [(c.kind, c.words) for c in cues] == [
        ("step", "Left foot. Long strokes."), ("step", "Clockwise circles."),
        ("pause", "Paused"), ("resume", "Resumed")]
    assert [c.priority for c in cues] == [4, 4, 3, 3]


def test_a_routine_title_with_quotes_and_shell_characters_is_kept_as_words() -> None:
    from dataclasses import replace

    from coach.routines import Texts
    library = make_library()
    nasty = "Thumbs \"in\"; $(touch pwned) `id` -w /tmp/x\nnext line"
    warm = replace(library.routines["mini"].steps[0], texts=Texts(nasty))
    phases = tuple(replace(p, title=nasty) for p in warm.phases)
    routine = replace(library.routines["mini"], steps=(replace(warm, phases=phases),))
    library = replace(library, routines={"mini": routine})
    cues = arrival_cues(build_plan(library, "mini", feet=("left",)), 1, SoundConfig())
    assert cues[0].words == f"Left foot. {nasty}."
