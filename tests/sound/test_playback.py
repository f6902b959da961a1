"""Playback with fake players on a fake clock: cut-offs, waiting, timeouts, falling back, one notice."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.sound import chimes
from coach.sound.cues import Cue
from coach.sound.playback import NO_PLAYER, POLL, TIMEOUT_EXTRA, Playback
from tests.engine_helpers import FakeClock
from tests.sound.fakes import FakePlayer

STEP = Cue("step", 1, "bell", "")
TICK = Cue("hold", 2, "tick", "")
END = Cue("end", 3, "chord", "")


class Rig:
    """A Playback on fake players whose clips are the real chime files."""

    def __init__(self, tmp_path: Path, *behaviours: str) -> None:
        self.clock = FakeClock(0.0)
        self.players = [FakePlayer(f"p{i}", self.clock.clock, b) for i, b in enumerate(behaviours)]  # type: ignore[arg-type]
        self.notices: list[str] = []
        self.unplayable: list[Cue] = []
        self.cache = tmp_path
        self.playback = Playback(self.players, self.clips, on_notice=self.notices.append,
                                 on_unplayable=self.unplayable.append)

    def clips(self, cue: Cue) -> list[Path]:
        return [chimes.chime_file(self.cache, cue.tone, 50)] if cue.tone else []

    def play(self, cue: Cue) -> None:
        self.playback.play(cue, self.clock.now)
        self.playback.pump(self.clock.now)

    def at(self, seconds: float) -> float | None:
        self.clock.set(seconds)
        return self.playback.pump(self.clock.now)


def test_a_cue_plays_to_its_end_then_the_player_is_idle(tmp_path: Path) -> None:
    rig = Rig(tmp_path, "ok")
    rig.play(STEP)
    assert rig.players[0].played == [(0.0, "bell-50-44100-v1.wav")]
    assert rig.at(1.0) == pytest.approx(0.6)  # sleeps until the clip should have ended
    rig.players[0].behaviour = "hang"
    assert rig.at(1.65) == pytest.approx(POLL)  # then looks again shortly, until the limit
    assert rig.at(1.6 + TIMEOUT_EXTRA - 0.01) == pytest.approx(0.01)
    rig.players[0].behaviour = "ok"
    assert rig.at(3.6) is None
    assert rig.playback.working is rig.players[0] and not rig.notices


def test_a_step_change_cuts_off_a_playing_tick_but_a_release_waits_for_a_step(tmp_path: Path) -> None:
    rig = Rig(tmp_path, "ok")
    rig.play(TICK)
    rig.clock.set(0.05)
    rig.play(STEP)
    player = rig.players[0]
    assert player.stopped == [(0.05, "tick-50-44100-v1.wav")]
    assert player.played[-1] == (0.05, "bell-50-44100-v1.wav")
    rig.clock.set(0.5)
    rig.play(Cue("release", 1, "tock", ""))  # less important: waits for the bell
    assert player.played[-1][1] == "bell-50-44100-v1.wav"
    rig.at(1.7)
    assert player.played[-1] == (1.7, "tock-50-44100-v1.wav")
    assert len(player.stopped) == 1


def test_a_later_part_makes_an_earlier_step_announcement_wrong_so_it_cuts_it(tmp_path: Path) -> None:
    rig = Rig(tmp_path, "ok")
    rig.play(STEP)
    rig.play(TICK)  # the next part came while the step's name was still playing: say the part
    assert rig.players[0].stopped == [(0.0, "bell-50-44100-v1.wav")]
    rig.play(Cue("halfway", 2, "tock", ""))  # not a place: it waits
    assert rig.playback.playing == TICK


def test_an_equal_cue_replaces_the_playing_one_so_fast_skipping_says_the_last(tmp_path: Path) -> None:
    rig = Rig(tmp_path, "ok")
    for second in (0.0, 0.2, 0.4):
        rig.clock.set(second)
        rig.play(Cue("step", int(second * 10), "bell", ""))
    assert [at for at, _ in rig.players[0].stopped] == [0.2, 0.4]


def test_a_cue_that_waited_too_long_is_dropped_a_fresh_one_plays(tmp_path: Path) -> None:
    rig = Rig(tmp_path, "ok")
    rig.playback.stale = 1.0
    rig.play(END)  # 2.8 s
    rig.play(TICK)  # waits from 0.0: too old by the end of the chord
    rig.at(2.9)
    assert [name for _, name in rig.players[0].played] == ["chord-50-44100-v1.wav"]
    assert rig.playback.log.entries[-1][1] == "dropped"
    rig.play(END)
    rig.clock.set(5.0)
    rig.play(TICK)
    rig.clock.set(5.5)
    rig.play(Cue("release", 2, "tock", ""))  # of two equal waiting cues, the later is kept
    rig.at(5.75)
    assert rig.players[0].played[-1] == (5.75, "tock-50-44100-v1.wav")


def test_a_failing_player_falls_back_to_the_next_and_the_next_is_kept(tmp_path: Path) -> None:
    rig = Rig(tmp_path, "fail", "missing", "ok")
    rig.play(STEP)
    assert rig.players[0].played == [(0.0, "bell-50-44100-v1.wav")]
    assert rig.players[2].played == [(0.0, "bell-50-44100-v1.wav")]
    rig.at(2.0)
    rig.play(TICK)
    assert len(rig.players[0].played) == 1 and len(rig.players[2].played) == 2
    assert rig.playback.player is rig.players[2] and not rig.notices


def test_a_hanging_player_is_killed_after_its_clip_and_the_timeout_and_the_next_tried(tmp_path: Path) -> None:
    rig = Rig(tmp_path, "hang", "ok")
    rig.play(TICK)
    assert rig.at(0.16 + TIMEOUT_EXTRA - 0.01) is not None
    assert rig.players[0].stopped == []
    rig.at(0.16 + TIMEOUT_EXTRA + 0.01)
    assert rig.players[0].stopped == [(pytest.approx(2.17), "tick-50-44100-v1.wav")]
    assert rig.players[1].played == [(pytest.approx(2.17), "tick-50-44100-v1.wav")]


def test_when_no_player_works_the_notice_comes_once_and_every_cue_is_handed_back(tmp_path: Path) -> None:
    rig = Rig(tmp_path, "fail", "fail")
    rig.play(STEP)
    assert rig.playback.dead and rig.unplayable == [STEP]
    rig.play(TICK)
    rig.play(END)
    assert rig.unplayable == [STEP, TICK, END]
    assert rig.notices == [f"{NO_PLAYER} (p0, p1 did not play)"]


def test_with_no_player_installed_the_notice_says_so_plainly(tmp_path: Path) -> None:
    rig = Rig(tmp_path)
    rig.play(STEP)
    rig.play(STEP)
    assert rig.notices == [NO_PLAYER] and rig.unplayable == [STEP, STEP]
