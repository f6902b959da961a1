"""The sound layer as the app uses it, on a fake clock with fake players and no thread."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coach.engine import Session, build_plan
from coach.sound import NO_PLAYER, Cue, SoundConfig, SoundSystem
from coach.sound.playback import TIMEOUT_EXTRA
from coach.sound.speech import find_engine
from tests.engine_helpers import FakeClock, make_library
from tests.sound.fakes import FakePlayer


def make(tmp_path: Path, config: SoundConfig | None = None, *behaviours: str,
         engine: bool = False) -> tuple[SoundSystem, FakeClock, list[FakePlayer], list[str], list[Cue]]:
    clock = FakeClock(0.0)
    players = [FakePlayer(name, clock.clock, b)  # type: ignore[arg-type]
               for name, b in zip(("pw-play", "paplay", "aplay"), behaviours or ("ok",), strict=False)]
    notices: list[str] = []
    unplayable: list[Cue] = []
    system = SoundSystem(config or SoundConfig(), tmp_path, engine=engine or None, players=players,
                         clock=clock.clock, threaded=False, on_notice=notices.append,
                         on_unplayable=unplayable.append)
    return system, clock, players, notices, unplayable


def test_events_become_chimes_played_in_order(tmp_path: Path) -> None:
    system, clock, (player,), notices, _ = make(tmp_path, SoundConfig(voice=False))
    plan = build_plan(make_library(), "mini", mode="self", feet=("left",))
    session = Session(plan, clock.clock, clock.wall)
    session.start()
    cues = system.events(session.update(), plan)
    assert [c.kind for c in cues] == ["step"]
    system.pump()
    clock.set(plan.segments[1].start)
    system.events(session.update(), plan)
    system.pump()
    assert player.played == [(0.0, "bell-70-44100-v1.wav"), (10.0, "bell-70-44100-v1.wav")]
    assert notices == []


def test_partner_mode_plays_the_quiet_levels_softer_files(tmp_path: Path) -> None:
    system, clock, (player,), _, _ = make(tmp_path, SoundConfig(voice=False, volume=80))
    plan = build_plan(make_library(), "mini", mode="partner", feet=("left",))
    session = Session(plan, clock.clock, clock.wall)
    session.start()
    system.events(session.update(), plan)
    system.pump()
    assert player.played == [(0.0, "bell-40-44100-v1.wav")]


def test_describe_says_what_will_be_used(tmp_path: Path) -> None:
    system, *_ = make(tmp_path, SoundConfig(), "ok")
    assert system.describe() == "chime, pw-play (no speech engine)"
    assert make(tmp_path, SoundConfig(voice=False), "ok")[0].describe() == "chime, pw-play"
    assert make(tmp_path, SoundConfig(sound=False), "ok")[0].describe() == "off"
    broken, *_ = make(tmp_path, SoundConfig(voice=False), "fail")
    broken.probe()
    broken.pump()
    assert broken.describe() == "terminal bell (no sound player)"


def test_a_machine_without_players_hands_every_cue_back_with_one_notice(tmp_path: Path) -> None:
    system, clock, _, notices, unplayable = make(tmp_path, SoundConfig(voice=False), "fail", "fail", "fail")
    system.probe()
    system.pump()
    assert system.fallback and notices == []  # the setup screen's sound row says so; a session says it once
    plan = build_plan(make_library(), "mini", mode="self", feet=("left",))
    session = Session(plan, clock.clock, clock.wall)
    session.start()
    system.events(session.update(), plan)
    system.pump()
    assert [c.kind for c in unplayable] == ["step"]
    assert notices == [f"{NO_PLAYER} (pw-play, paplay, aplay did not play)"]


def test_without_a_speech_engine_the_chimes_still_play_and_that_is_said_once(tmp_path: Path) -> None:
    system, _, (player,), notices, _ = make(tmp_path, SoundConfig(), "ok")
    system.play(Cue("step", 0, "bell", "Relaxing effleurage."))
    system.play(Cue("step", 1, "bell", "Arch."))
    system.pump()
    assert [name for _, name in player.played] == ["bell-70-44100-v1.wav", "bell-70-44100-v1.wav"]
    assert notices == ["No speech engine found (install espeak-ng): chimes only"]


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed: not checked")
def test_the_next_segments_words_are_rendered_before_it_starts(tmp_path: Path) -> None:
    system, clock, (player,), _, _ = make(tmp_path, SoundConfig(), "ok", engine=True)
    assert system.engine == find_engine()
    plan = build_plan(make_library(), "mini", mode="self", feet=("left",))
    session = Session(plan, clock.clock, clock.wall)
    session.start()
    system.events(session.update(), plan)  # "Get ready." plays; "Left foot. Long strokes." is prepared
    system.pump()
    ready = sorted((tmp_path / "speech").glob("*.wav"))
    assert len(ready) == 1  # the lead-in's words, rendered to play them
    assert system.render_ahead() == 1  # what the sound thread does whenever it is idle
    prepared = set((tmp_path / "speech").glob("*.wav")) - set(ready)
    assert len(prepared) == 1
    clock.set(plan.segments[1].start)
    system.events(session.update(), plan)
    system.pump()  # the bell
    clock.advance(2)
    system.pump()  # then the words, already there: nothing new is rendered
    assert player.played[-1] == (clock.now, prepared.pop().name)
    assert len(list((tmp_path / "speech").glob("*.wav"))) == 2


def test_the_test_cue_plays_the_bell_and_a_sentence_whatever_the_settings(tmp_path: Path) -> None:
    system, _, (player,), _, _ = make(tmp_path, SoundConfig(sound=False), "ok")
    cue = system.test()
    system.pump()
    assert cue.tone == "bell" and player.played == [(0.0, "bell-70-44100-v1.wav")]


def test_until_the_probe_has_played_no_player_is_named(tmp_path: Path) -> None:
    changes: list[str] = []
    system, clock, _, _, _ = make(tmp_path, SoundConfig(voice=False), "hang", "ok")
    system.on_change = lambda: changes.append(system.describe())
    system.probe()
    assert system.describe() == "chime, checking players"
    clock.advance(0.05 + TIMEOUT_EXTRA + 0.01)
    system.pump()  # the first player is stuck: killed, and the second one plays the probe
    clock.advance(0.1)
    system.pump()
    assert system.describe() == "chime, paplay" and changes[-1] == "chime, paplay"
