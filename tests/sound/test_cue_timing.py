"""Cues by ear: a sound for each rep, words that end before the next cue that matters, each thing once.

Pure cues on a fake clock, then the same routines played through the sound system with real espeak-ng
clips (where installed) and a fake player on a fake clock: nothing is cut off, dropped or replaced.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from coach.engine import Plan, Session, build_plan
from coach.paths import shipped_routines
from coach.routines import Library, Mode, load_library
from coach.sound import Cue, SoundConfig, SoundSystem, cues_for
from coach.sound.chimes import clip_seconds
from coach.sound.cues import TONE_SECONDS, segment_script
from coach.sound.length import fits, margin, speech_seconds
from coach.sound.speech import SpeechEngine, Voice, render
from tests.engine_helpers import FakeClock
from tests.sound.fakes import FakePlayer

ESPEAK = shutil.which("espeak-ng")
needs_espeak = pytest.mark.skipif(
    ESPEAK is None,
    reason="espeak-ng is not installed: real speech lengths are not checked (apt-get install espeak-ng)",
)
GUIDE = SoundConfig(guide=True, level="full")


@pytest.fixture(scope="module")
def shipped() -> Library:
    return load_library(shipped_routines())


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


def seconds(cue: Cue, config: SoundConfig) -> float:
    tone = TONE_SECONDS[cue.tone] if cue.tone else 0.0
    return tone + speech_seconds(cue.words, config.rate)


def test_each_new_rep_ticks_and_says_the_reps_name_and_number(shipped: Library) -> None:
    plan = build_plan(shipped, "nightly", mode="self", feet=("left",))
    toes = next(seg for seg in plan.segments if seg.rep_name == "toe")
    reps = [(at, cue.tone, cue.words) for at, cue in play(plan, SoundConfig()) if cue.kind == "rep"]
    step = toes.seconds / toes.reps
    assert [r for r in reps if toes.start < r[0] < toes.end] == [
        (round(toes.start + step * n, 2), "tick", f"Toe {n + 1}") for n in range(1, 5)
    ]
    circles = [r for r in reps if r[0] < toes.start]
    assert len(circles) == 8  # two parts of five circles: four new circles each
    # The first part's name is still being said when its second circle starts: a tick alone, then
    # the count.
    assert [words for _, _, words in circles[:4]] == ["", "Circle 3", "Circle 4", "Circle 5"]


def test_the_quiet_level_keeps_its_promise_no_sound_for_a_rep(shipped: Library) -> None:
    plan = build_plan(shipped, "nightly", mode="partner")
    assert all(cue.kind in ("step", "foot", "end") for _, cue in play(plan, SoundConfig(guide=True)))
    full = play(plan, SoundConfig(level="full"))
    assert sum(cue.kind == "rep" for _, cue in full) == 2 * (4 + 4 + 4)  # two feet, three counted parts


def test_the_whole_ball_instruction_gives_way_to_the_short_cue_so_release_is_heard(shipped: Library) -> None:
    for minutes in (None, 7.0):
        plan = build_plan(shipped, "nightly", mode="self", minutes=minutes)
        ball = next(seg for seg in plan.segments if seg.kind == "hold")
        whole = f"{ball.cue}. {ball.text}"
        assert not fits(TONE_SECONDS["bell"] + speech_seconds(whole, 150), ball.hold_seconds)
        script = segment_script(plan, ball.index, ball.seconds, GUIDE)
        assert [(what, cue.words) for _, what, cue in script if cue is not None] == [
            ("segment_started", "Press, hold, release."),
            ("hold_released", "Release"),
        ]


def test_release_words_are_left_to_the_tone_when_they_could_not_end_before_the_next_point(
    shipped: Library,
) -> None:
    plan = build_plan(shipped, "nightly", mode="self")
    ball = next(seg for seg in plan.segments if seg.kind == "hold")
    slow = SoundConfig(rate=80)  # "Release" takes longer than the 2 s release allows, with a margin
    (release,) = [cue for _, what, cue in segment_script(plan, ball.index, ball.seconds, slow)
                  if what == "hold_released"]
    assert release is not None and (release.kind, release.tone, release.words) == ("release", "tock", "")


def test_a_hold_point_too_short_for_its_count_says_its_number_alone(shipped: Library) -> None:
    plan = build_plan(shipped, "nightly", mode="self")
    point = next(seg for seg in plan.segments if seg.kind == "hold" and seg.point == 2)
    said = segment_script(plan, point.index, point.seconds, SoundConfig())[0][2]
    assert said is not None and said.words == "Point 2 of 5"
    short = point.hold_seconds / 2  # a point held half as long, at the slowest voice
    slow = segment_script(plan, point.index, short + point.release_seconds, SoundConfig(rate=80))[0][2]
    assert slow is not None and (slow.kind, slow.words) == ("hold", "Point 2")


@pytest.mark.parametrize("routine", ["nightly", "full", "techniques"])
@pytest.mark.parametrize("mode", ["self", "partner"])
@pytest.mark.parametrize("minutes", [None, "short"])
def test_no_words_start_that_cannot_end_before_the_next_cue_that_matters(
    shipped: Library, routine: str, mode: Mode, minutes: str | None
) -> None:
    whole = build_plan(shipped, routine, mode=mode)
    plan = build_plan(shipped, routine, mode=mode,
                      minutes=None if minutes is None else whole.fit.shortest_seconds / 60)
    brief = {cue.index: cue.words for _, cue in play(plan, SoundConfig(level="full"))
             if cue.kind in ("step", "foot", "part", "hold")}
    for seg in plan.segments:
        script = segment_script(plan, seg.index, seg.seconds, GUIDE)
        matter = [at for at, what, _ in script if what in ("rep_started", "hold_released")]
        spoken_until = 0.0
        for at, _what, cue in script:
            if cue is None:
                continue
            room = min([t for t in matter if t > at] + [seg.seconds]) - at
            if cue.kind in ("step", "foot", "part", "hold"):
                # The whole instruction only where it ends in time; else what brief mode says.
                assert fits(seconds(cue, GUIDE), room) or cue.words == brief[seg.index], (seg.title, cue)
            elif cue.words:
                assert at >= spoken_until, (seg.title, cue)  # never over words still being said
                assert fits(seconds(cue, GUIDE), room), (seg.title, cue)
            if cue.kind == "next":
                assert cue.words
            if cue.words:
                spoken_until = max(spoken_until, at) + seconds(cue, GUIDE)
                spoken_until += margin(seconds(cue, GUIDE))
        releases = [cue for _, what, cue in script if what == "hold_released"]
        assert all(cue is not None and cue.tone == "tock" for cue in releases)  # never lost


def test_the_closing_step_says_each_thing_once(shipped: Library) -> None:
    for routine in ("nightly", "full"):
        plan = build_plan(shipped, routine, mode="self")
        closing = next(seg for seg in plan.segments if seg.step_id == "closing")
        (arrival,) = [cue for _, cue in play(plan, GUIDE)
                      if cue.index == closing.index and cue.kind == "step"]
        assert arrival.words == closing.text  # not the cue, the step's opening and the part's words


def test_an_instruction_that_says_the_short_cue_replaces_it_and_other_words_stay(shipped: Library) -> None:
    plan = build_plan(shipped, "nightly", mode="self", feet=("left",))
    words = [cue.words for _, cue in play(plan, SoundConfig(guide=True, level="quiet"))]
    assert "Long, slow, gliding strokes from the toes up over the ankle." in words
    # The ankle step's words say how to hold the foot: a thing of their own, said before the part's.
    assert ("Hold your foot under the heel with one hand and turn the ankle with the other. "
            "Five slow circles clockwise.") in words
    assert "Walk your thumb across the arch. Walk your bent thumb" not in " ".join(words)
    for text in words:  # no sentence is said twice in one cue
        sentences = [s.strip().lower() for s in re.split(r"(?<=[.;])\s", text) if s.strip()]
        assert len(sentences) == len(set(sentences)), text


def test_next_is_left_out_while_the_parts_words_are_still_being_said(shipped: Library) -> None:
    plan = build_plan(shipped, "nightly", mode="self", minutes=7)
    top = next(seg for seg in plan.segments if seg.step_id == "top")
    cues = {what: cue for _, what, cue in segment_script(plan, top.index, top.seconds, GUIDE)}
    arrival = cues["segment_started"]
    assert arrival is not None and arrival.words.startswith("Light strokes with your fingers")
    assert seconds(arrival, GUIDE) > top.seconds - 5  # still talking 5 s before the end
    assert cues["ending_soon"] is None
    brief = {what: cue for _, what, cue in segment_script(plan, top.index, top.seconds, SoundConfig())}
    assert brief["ending_soon"] is not None and brief["ending_soon"].words.startswith("Next: ")


@needs_espeak
@pytest.mark.parametrize("rate", [100, 150, 250])
def test_the_estimate_and_its_margin_cover_what_espeak_ng_really_takes(
    shipped: Library, tmp_path: Path, rate: int
) -> None:
    engine = SpeechEngine("espeak-ng", ESPEAK or "")
    plan = build_plan(shipped, "full", mode="partner")
    texts = sorted({seg.text for seg in plan.segments if seg.text} | {"Release", "Toe 3", "Point 2 of 5"})
    for text in [*texts[:: max(1, len(texts) // 12)], "Release", "Point 2 of 5"]:
        clip = render(engine, text, Voice("en", rate, 70), tmp_path)
        assert clip is not None
        estimate, real = speech_seconds(text, rate), clip_seconds(clip)
        assert real <= estimate + margin(estimate), (rate, text, real, estimate)
        assert real >= 0.6 * estimate, (rate, text, real, estimate)  # not so cautious it says nothing


@needs_espeak
@pytest.mark.parametrize("minutes", [None, 7.0])
def test_a_guided_nightly_session_loses_no_cue_to_real_speech(
    shipped: Library, tmp_path: Path, minutes: float | None
) -> None:
    """The whole nightly routine in guide mode, real espeak-ng clips, a fake player on a fake clock:
    every cue offered starts (none is cut off, dropped or replaced while waiting), and none waits more
    than a second for the one before it."""
    plan = build_plan(shipped, "nightly", mode="self", minutes=minutes)
    clock = FakeClock(0.0)
    player = FakePlayer("aplay", clock.clock)
    sound = SoundSystem(GUIDE, tmp_path, engine=SpeechEngine("espeak-ng", ESPEAK or ""),
                        players=[player], clock=clock.clock, threaded=False)
    offered: list[tuple[float, Cue]] = []
    started: dict[int, float] = {}
    play_cue, clips_for = sound.playback.play, sound.playback._clips_for

    def offer(cue: Cue, now: float) -> None:
        offered.append((now, cue))
        play_cue(cue, now)

    def clips(cue: Cue) -> list[Path]:
        started.setdefault(id(cue), clock.now)
        return clips_for(cue)

    sound.playback.play = offer  # type: ignore[method-assign]
    sound.playback._clips_for = clips
    session = Session(plan, clock.clock, clock.wall)
    session.start()
    sound.events(session.update(), plan)
    delay = sound.pump()
    while True:
        deadline = session.next_deadline()
        wake = [t for t in (deadline, None if delay is None else clock.now + delay) if t is not None]
        if not wake:
            break
        clock.set(max(clock.now, min(wake)))
        if deadline is not None and clock.now >= deadline:
            sound.events(session.update(), plan)
        delay = sound.pump()
    assert offered and not [entry for entry in sound.playback.log.entries if entry[1] in ("cut", "dropped")]
    late = [(at, cue.kind, cue.words, started.get(id(cue))) for at, cue in offered
            if started.get(id(cue), at + 99) - at > 1.0]
    assert late == []
    assert sum(cue.kind == "release" for _, cue in offered) == 10
