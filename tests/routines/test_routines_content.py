"""The shipped routines.toml says what the two articles say: steps, numbers, setup, safety, wording."""

from __future__ import annotations

import re

import pytest

from coach.routines import ZONES, Duration, Library, Phase, Routine, Step
from coach.routines.fit import fit_routine
from coach.routines.load import load_library

MINUTE = 60.0


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


@pytest.fixture(scope="module")
def full(library: Library) -> Routine:
    return library.routines["full"]


def phase(step: Step, phase_id: str) -> Phase:
    return next(p for p in step.phases if p.id == phase_id)


def both_feet(routine: Routine) -> Duration:
    extra = routine.lead_in + routine.transition_seconds
    return Duration(extra + 2 * routine.per_foot.low, extra + 2 * routine.per_foot.high)


def all_texts(library: Library) -> list[str]:
    found = [*library.safety]
    for item in library.setup:
        found += [item.label, item.detail, *(c.label for c in item.choices), *(c.note for c in item.choices)]
    found += [b.description for b in library.breathing.values()]
    for routine in library.routines.values():
        found += [routine.name, routine.description, *routine.benefits, routine.transition.text]
        found += [t for t in (routine.transition.self_text, routine.transition.partner_text) if t]
        for step in routine.steps:
            found += [step.title, step.benefit]
            for texts in [step.texts, *(p.texts for p in step.phases)]:
                found += [t for t in (texts.text, texts.self_text, texts.partner_text) if t]
    return found


def test_three_routines_and_the_full_one_is_the_default(library: Library) -> None:
    assert list(library.routines) == ["full", "nightly", "techniques"]
    assert library.default_routine == "full"


def test_full_routine_has_the_seven_steps_in_order(full: Routine) -> None:
    assert [s.id for s in full.steps] == [
        "effleurage",
        "ankle-heel",
        "arch",
        "toes",
        "ball",
        "top",
        "closing",
    ]


def test_effleurage_two_to_three_minutes(full: Routine) -> None:
    step = full.step("effleurage")
    assert step.total == Duration(2 * MINUTE, 3 * MINUTE)
    assert "calf" in step.texts.text and "lighter" in step.texts.text


def test_ankle_five_clockwise_then_five_counter_clockwise_then_heel(full: Routine) -> None:
    step = full.step("ankle-heel")
    assert [p.id for p in step.phases] == ["clockwise", "counter-clockwise", "heel"]
    for phase_id in ("clockwise", "counter-clockwise"):
        assert (phase(step, phase_id).kind, phase(step, phase_id).count) == ("reps", 5)
    heel = phase(step, "heel")
    assert (heel.kind, heel.duration, heel.zone) == ("timed", Duration(MINUTE, 2 * MINUTE), "heel")


def test_arch_circles_ball_to_heel_and_thumb_walking(full: Routine) -> None:
    step = full.step("arch")
    assert [p.id for p in step.phases] == ["circles", "thumb-walk"]
    assert "ball of the foot back towards the heel" in phase(step, "circles").texts.text
    for part in step.phases:  # each part says it for itself: the step's words open the first part only
        assert "tender" in part.texts.text and "pressure" in part.texts.text


def test_toes_rotated_pulled_squeezed_rolled_then_pads_and_webbing(full: Routine) -> None:
    step = full.step("toes")
    kinds = {p.id: (p.kind, p.count) for p in step.phases}
    assert kinds == {
        "rotate-pull": ("reps", 5),
        "squeeze-roll": ("reps", 5),
        "pads": ("holds", 5),
        "webbing": ("holds", 4),
    }
    assert "base to tip" in phase(step, "squeeze-roll").texts.text


def test_ball_points_held_five_to_ten_seconds(full: Routine) -> None:
    (ball,) = full.step("ball").phases
    assert ball.kind == "holds"
    assert ball.duration == Duration(5.0, 10.0)
    assert ball.count >= 4 and ball.release > 0


def test_top_of_foot_strokes_and_groove_circles(full: Routine) -> None:
    step = full.step("top")
    assert [p.id for p in step.phases] == ["strokes", "groove-circles"]
    assert step.pressure == "light"
    assert "towards the ankle" in phase(step, "strokes").texts.text


def test_closing_solar_plexus_a_minute_and_insomnia_one_to_two(full: Routine) -> None:
    step = full.step("closing")
    assert [p.id for p in step.phases] == ["effleurage", "solar-plexus", "insomnia"]
    assert phase(step, "solar-plexus").duration == Duration(MINUTE, MINUTE)
    assert phase(step, "insomnia").duration == Duration(MINUTE, 2 * MINUTE)
    assert "inner ankle" in phase(step, "insomnia").texts.text
    assert step.breathing == "sleep478"


def test_full_routine_is_ten_to_twenty_minutes_per_foot(full: Routine) -> None:
    assert 10 * MINUTE <= full.per_foot.low < full.per_foot.high <= 20 * MINUTE


def test_transition_wraps_the_foot_in_a_towel(library: Library) -> None:
    for routine in library.routines.values():
        assert "towel" in routine.transition.for_mode("self")
        assert "towel" in routine.transition.for_mode("partner")
        assert routine.transition.for_mode("self") != routine.transition.for_mode("partner")


def test_nightly_is_ten_to_fifteen_minutes_for_both_feet(library: Library) -> None:
    nightly = library.routines["nightly"]
    span = both_feet(nightly)
    assert 10 * MINUTE <= span.low < span.high <= 15 * MINUTE
    assert 10 * MINUTE <= fit_routine(nightly).total_seconds <= 15 * MINUTE


def test_nightly_is_built_from_the_full_routines_techniques(library: Library, full: Routine) -> None:
    nightly = library.routines["nightly"]
    assert {s.id for s in nightly.steps} <= {s.id for s in full.steps}
    assert phase(nightly.step("ankle-heel"), "clockwise").count == 5
    assert nightly.step("ball").phases[0].duration == Duration(5.0, 10.0)


def test_techniques_routine_with_each_benefit(library: Library) -> None:
    routine = library.routines["techniques"]
    assert [s.id for s in routine.steps] == ["thumb-walking", "kneading", "toe-rotation", "tools"]
    benefits = {s.id: s.benefit.lower() for s in routine.steps}
    assert "reflex points" in benefits["thumb-walking"] and "circulation" in benefits["thumb-walking"]
    assert "muscle tension" in benefits["kneading"]
    assert "flexibility" in benefits["toe-rotation"]
    assert "enhance the experience" in benefits["tools"] and "variety" in benefits["tools"]
    assert "knuckles" in routine.step("kneading").texts.text and "palm" in routine.step("kneading").texts.text
    assert "roller" in routine.step("tools").texts.text and "stones" in routine.step("tools").texts.text
    joined = " ".join(routine.benefits).lower()
    for word in ("circulation", "stress", "sleep", "temporary relief"):
        assert word in joined


def test_full_routine_covers_every_foot_zone(full: Routine) -> None:
    zones = {s.zone for s in full.steps} | {p.zone for s in full.steps for p in s.phases if p.zone}
    assert zones == set(ZONES)


def test_self_and_partner_wording_differ_where_it_matters(library: Library) -> None:
    for routine in library.routines.values():
        first = routine.steps[0].texts
        assert first.for_mode("self") != first.for_mode("partner"), routine.id
    full = library.routines["full"]
    assert "across your opposite knee" in full.steps[0].texts.for_mode("self")
    assert "your partner's foot in your lap" in full.steps[0].texts.for_mode("partner")
    for routine in library.routines.values():
        for step in routine.steps:
            assert "partner" not in step.texts.for_mode("self").lower()


PROMISES = re.compile(
    r"\b(cures?|cured|will heal|heals?|healing|guarantee\w*|miracul\w*|treats?|proven|fixes)\b", re.I
)


def test_no_text_promises_a_cure(library: Library) -> None:
    offending = [t for t in all_texts(library) if PROMISES.search(t)]
    assert offending == []


def test_reflexology_claims_are_worded_as_beliefs(library: Library) -> None:
    claims = [t for t in all_texts(library) if "reflexology" in t.lower()]
    assert len(claims) >= 8
    for sentence in (s for t in claims for s in re.split(r"(?<=[.;])\s+", t) if "reflexology" in s.lower()):
        assert re.search(r"linked|believed|traditional", sentence), sentence


def test_setup_lists_what_the_article_asks_for(library: Library) -> None:
    ids = [item.id for item in library.setup]
    assert ids == ["lights", "music", "temperature", "seat", "towel", "oil", "wash", "recline"]
    oil = next(item for item in library.setup if item.id == "oil")
    choices = {c.id: c.note.lower() for c in oil.choices}
    assert set(choices) == {"lavender", "chamomile", "unscented", "lotion"}
    assert "calming" in choices["lavender"] and "calming" in choices["chamomile"]
    assert [item.id for item in library.setup_for("self")] == ids[:-1]
    assert library.setup_for("partner")[-1].id == "recline"


@pytest.mark.parametrize(
    "words",
    [
        "not deep tissue",
        "tender",
        "hurts",
        "injury",
        "wound",
        "infection",
        "blood clots",
        "diabetes",
        "numb",
        "pregnancy",
    ],
)
def test_safety_notes_cover(library: Library, words: str) -> None:
    assert any(words in note.lower() for note in library.safety), words


def test_breathing_patterns(library: Library) -> None:
    calm, sleep, box = (library.breathing[k] for k in ("calm", "sleep478", "box"))
    assert (calm.inhale, calm.hold_in, calm.exhale, calm.hold_out) == (4, 0, 6, 0)
    assert (sleep.inhale, sleep.hold_in, sleep.exhale, sleep.hold_out) == (4, 7, 8, 0)
    assert (box.inhale, box.hold_in, box.exhale, box.hold_out) == (4, 4, 4, 4)
    full = library.routines["full"]
    assert library.breathing_for(full).id == "calm"
    assert library.breathing_for(full, full.step("closing")).id == "sleep478"


# ---------------------------------------------------------------- readable from a metre, honest in words


def test_every_part_of_every_routine_has_a_short_cue_in_both_modes(library: Library) -> None:
    from coach.engine import build_plan

    for routine_id in library.routines:
        for mode in ("self", "partner"):
            plan = build_plan(library, routine_id, mode=mode)
            for seg in plan.segments:
                assert seg.cue, (routine_id, mode, seg.title)
                assert len(seg.cue.split()) <= 8 and len(seg.cue) <= 40, seg.cue
                # Spoken as well as read: words, no symbols a voice would spell out.
                assert re.fullmatch(r"[A-Za-z][A-Za-z ,'-]*", seg.cue), seg.cue


def test_every_counted_part_names_what_it_counts(library: Library) -> None:
    for routine in library.routines.values():
        for step in routine.steps:
            for part in step.phases:
                if part.kind != "timed":
                    assert part.rep_name, (routine.id, step.id, part.id)


def _shingles(text: str, size: int = 4) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z']+", text.lower())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def test_no_words_shown_together_repeat_each_other(library: Library) -> None:
    """The step's words, the part's and the benefit sit on one screen: no four words said twice."""
    from coach.engine import build_plan

    for routine_id in library.routines:
        for mode in ("self", "partner"):
            for seg in build_plan(library, routine_id, mode=mode).segments:
                shown = [t for t in (seg.step_text, seg.text, seg.benefit) if t]
                for i, first in enumerate(shown):
                    sentences = [s for s in re.split(r"(?<=[.!?])\s+", first) if s]
                    assert len(sentences) == len(set(sentences)), first
                    for second in shown[i + 1 :]:
                        assert not _shingles(first) & _shingles(second), (routine_id, mode, seg.title)


BELIEF = re.compile(r"\b(article|reflexology|believed|traditionally|thought)\b", re.I)


def test_benefit_lines_are_the_articles_claims_or_beliefs(library: Library) -> None:
    lines = [b for r in library.routines.values() for b in r.benefits]
    lines += [s.benefit for r in library.routines.values() for s in r.steps if s.benefit]
    assert len(lines) >= 20
    for line in lines:
        for sentence in re.split(r"(?<=[.;])\s+", line):
            assert BELIEF.search(sentence), sentence


def test_sources_say_which_numbers_are_the_articles_and_which_coachs(library: Library) -> None:
    for routine in library.routines.values():
        assert "coach's own choice" in routine.source, routine.id
        assert re.search(r"article", routine.source), routine.id


def test_two_towels_one_under_the_foot_and_one_to_wrap(library: Library) -> None:
    towel = next(item for item in library.setup if item.id == "towel")
    assert towel.label == "Two towels"
    assert "under the foot" in towel.detail and "wrap" in towel.detail
    for routine in library.routines.values():
        for text in (routine.transition.text, routine.transition.self_text, routine.transition.partner_text):
            assert text and "second towel" in text
        assert "second towel" in routine.transition_cue
    assert "day is ending" not in " ".join(all_texts(library))
