"""What a served session's page hears for the session's events (pure: events and plan in, cues out)."""

from __future__ import annotations

from dataclasses import replace

from coach.engine import Event, Plan, build_plan
from coach.serve.cues import SpokenCue, page_cues
from tests.engine_helpers import make_library


def plan_with_cue(cue: str, index: int = 1) -> Plan:
    """The mini routine's plan, segment ``index`` given ``cue``."""
    plan = build_plan(make_library(), "mini", "self", ("left", "right"), None)
    segments = tuple(replace(s, cue=cue) if s.index == index else s for s in plan.segments)
    return replace(plan, segments=segments)


def test_a_part_is_named_by_its_cue_else_its_title_with_a_bell_from_the_clock() -> None:
    plan = plan_with_cue("Warm the whole foot")
    assert page_cues([Event("segment_started", 1, plan.segments[1].title)], plan, from_clock=True) == [
        SpokenCue("bell", "Warm the whole foot")]
    title = plan.segments[2].title
    assert page_cues([Event("segment_started", 2, title)], plan, True) == [SpokenCue("bell", title)]


def test_after_a_key_the_words_without_a_tone() -> None:
    plan = plan_with_cue("Warm the whole foot")
    assert page_cues([Event("segment_started", 1, "x")], plan, from_clock=False) == [
        SpokenCue(None, "Warm the whole foot")]
    assert page_cues([Event("hold_released", 1, "Release"), Event("session_finished", 1, "Session complete")],
                     plan, from_clock=False) == []


def test_one_bell_for_a_foot_change_and_the_step_it_lands_on() -> None:
    plan = plan_with_cue("")
    title = plan.segments[3].title
    events = [Event("foot_changed", 3, "Now the right foot"), Event("segment_started", 3, title)]
    assert page_cues(events, plan, from_clock=True) == [
        SpokenCue("bell", "Now the right foot"), SpokenCue(None, title)]


def test_release_and_the_end() -> None:
    plan = plan_with_cue("")
    assert page_cues([Event("hold_released", 2, "Release")], plan, from_clock=True) == [
        SpokenCue("tock", "Release")]
    assert page_cues([Event("session_finished", 2, "Session complete")], plan, from_clock=True) == [
        SpokenCue("chord", "Well done")]
    assert page_cues([Event("session_finished", 2, "Session ended early")], plan, from_clock=True) == [
        SpokenCue("chord", "")]
    assert page_cues([Event("halfway", 2, "Halfway"), Event("paused", 2, "Paused")], plan, True) == []
