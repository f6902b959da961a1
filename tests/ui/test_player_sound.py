"""The player driving the sound layer, with fake players on the fake clock: what is played and when,
cut-offs, a stuck player, and the bell with a dim visual cue when nothing can play."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from coach.sound.playback import NO_PLAYER, TIMEOUT_EXTRA
from coach.ui.app import CoachApp
from coach.ui.screens.player import driver
from tests.app_helpers import advance, player_of, screen_lines, shown, start, to_next_deadline
from tests.engine_helpers import FakeClock
from tests.sound.fakes import FakeSound, fake_sound

AppFactory = Callable[..., CoachApp]
BELL, TICK, TOCK = "bell-70-44100-v1.wav", "tick-70-44100-v1.wav", "tock-70-44100-v1.wav"
WORDS = "silence-1000ms-44100.wav"  # the fake voice's clip for any words


def sound_for(tmp_path: Path, clock: FakeClock, *behaviours: str) -> FakeSound:
    return fake_sound(None, clock.clock, *behaviours)  # type: ignore[arg-type]


async def test_each_change_is_chimed_and_spoken_and_a_step_change_cuts_a_playing_clip(
    make_app: AppFactory, fake_clock: FakeClock, tmp_path: Path
) -> None:
    sound = sound_for(tmp_path, fake_clock)
    app = make_app(sound_system=sound.system, feet=("left",))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        (player,) = sound.players
        assert player.played[-1] == (fake_clock.now, BELL)  # the lead-in's bell, then its words
        assert sound.spoken == ["Settle in and slow your breath."]
        await advance(pilot, fake_clock, 1.7)  # the bell is 1.6 s long
        sound.system.pump()
        assert player.played[-1] == (fake_clock.now, WORDS)
        await pilot.press("n")  # a new step while "Get ready" is still being said: it is cut off
        assert player.stopped[-1] == (fake_clock.now, WORDS)
        assert player.played[-1] == (fake_clock.now, BELL)
        assert sound.spoken[-1] == "Left foot. Long strokes."
        await pilot.press("n", "n")
        assert sound.spoken[-2:] == ["Clockwise circles.", "Counter-clockwise circles."]
        assert player.played[-1] == (fake_clock.now, TICK)  # a part of the same step: the tick
        await pilot.press("n", "n")
        assert shown(app)["title"] == "Ball point 1 of 3"
        await to_next_deadline(pilot, fake_clock)  # the hold's minimum: shown, not sounded
        await to_next_deadline(pilot, fake_clock)  # the release
        assert player.played[-1] == (fake_clock.now, TOCK) and sound.spoken[-1] == "Release"
        await to_next_deadline(pilot, fake_clock)
        assert player.played[-1] == (fake_clock.now, TICK) and sound.spoken[-1] == "Point 2 of 3"
        await pilot.press("m")  # muted: what plays stops, nothing more sounds
        assert player.stopped[-1] == (fake_clock.now, TICK)
        count = len(player.played)
        await to_next_deadline(pilot, fake_clock)
        assert len(player.played) == count
    assert sound.notices == []


async def test_partner_mode_is_quiet_and_guide_speaks_the_partners_words(
    make_app: AppFactory, fake_clock: FakeClock, tmp_path: Path
) -> None:
    sound = sound_for(tmp_path, fake_clock)
    app = make_app(sound_system=sound.system, mode="partner", feet=("left",), guide=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("n")
        assert sound.spoken[-1] == "Left foot. Long strokes. Glide up your partner's foot."
        assert sound.players[0].played[-1][1] == "bell-35-44100-v1.wav"  # softly
        await pilot.press("n", "n")
        # The step's words, said once: its title is left out, the instruction says "circles clockwise".
        assert sound.spoken[-1] == "Circle the ankle slowly. Five circles clockwise."  # not the next part


async def test_a_stuck_player_is_killed_after_its_clip_and_the_next_one_plays_it(
    make_app: AppFactory, fake_clock: FakeClock, tmp_path: Path
) -> None:
    sound = sound_for(tmp_path, fake_clock, "hang", "ok")
    app = make_app(sound_system=sound.system, feet=("left",), voice=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        stuck, good = sound.players
        # The lead-in's bell cut the silent probe short; the stuck player is given the bell.
        assert [name for _, name in stuck.played] == ["silence-50ms-44100.wav", BELL]
        started = fake_clock.now
        await advance(pilot, fake_clock, 1.6 + TIMEOUT_EXTRA - 0.1)
        sound.system.pump()
        assert good.played == []
        await advance(pilot, fake_clock, 0.2)
        sound.system.pump()  # killed, and the next player plays the same clip
        assert stuck.stopped[-1] == (fake_clock.now, BELL)
        assert good.played == [(fake_clock.now, BELL)] and fake_clock.now - started > 1.6 + TIMEOUT_EXTRA
        await pilot.press("n")
        assert good.played[-1] == (fake_clock.now, BELL)
        assert len(stuck.played) == 2
        assert app.sound is not None and app.sound.describe() == "chime, paplay"
    assert sound.notices == []


async def test_with_no_working_player_the_bell_rings_with_a_dim_cue_and_one_notice(
    make_app: AppFactory, fake_clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sound = sound_for(tmp_path, fake_clock, "fail", "fail")
    app = make_app(sound_system=sound.system, feet=("left",))
    monkeypatch.setattr(driver, "CUE_SECONDS", 600)  # real seconds: long enough to be seen on a busy machine
    rings: list[float] = []
    app.bell = lambda: rings.append(fake_clock.now)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "m Sound   Terminal bell" in "\n".join(screen_lines(app))
        await start(pilot)
        assert rings == [], "no bell for starting: the user just pressed Enter"
        await to_next_deadline(pilot, fake_clock)
        assert rings == [], "no bell for the 'Next:' line"
        await to_next_deadline(pilot, fake_clock)
        assert shown(app)["title"] == "Long strokes"
        assert len(rings) == 1
        player = player_of(app)
        assert player.cue_shown  # the visual cue, gone again a moment later
        assert player._cue_timer is not None
        player._end_cue()  # what its timer does
        assert not player.cue_shown
        await pilot.press("n")
        assert len(rings) == 1, "no bell for a part the user chose"
        await pilot.press("n", "n", "n")
        await to_next_deadline(pilot, fake_clock)  # the hold minimum: a hint, no bell
        await to_next_deadline(pilot, fake_clock)  # the hold's time is up
        assert shown(app)["label"] == "release, move on" and len(rings) == 2
        await pilot.press("m")
        await to_next_deadline(pilot, fake_clock)
        assert shown(app)["title"] == "Ball point 2 of 3" and len(rings) == 2
        notices = [n.message for n in app._notifications]
    assert notices.count(f"{NO_PLAYER} (aplay, paplay did not play)") <= 1
    assert sound.players[0].played == [(1000.0, "silence-50ms-44100.wav")]  # tried once, at the start


async def test_a_player_that_fails_mid_session_says_so_once_and_rings_instead(
    make_app: AppFactory, fake_clock: FakeClock, tmp_path: Path
) -> None:
    sound = sound_for(tmp_path, fake_clock)
    app = make_app(sound_system=sound.system, feet=("left",), voice=False)
    rings: list[float] = []
    app.bell = lambda: rings.append(fake_clock.now)  # type: ignore[method-assign]
    told: list[str] = []
    tell = app.tell
    # Recorded as told: a toast lasts 8 real seconds, which a busy test machine can outlast.
    app.tell = lambda message, **kw: (told.append(message), tell(message, **kw))[1]  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        sound.players[0].behaviour = "fail"  # the sound server went away
        await pilot.press("n")
        await pilot.press("n")
        await pilot.pause()
        assert told == [f"{NO_PLAYER} (aplay did not play)"]
        assert len(rings) == 1  # the cue that found out; after that, the bell at the clock's changes


async def test_a_ring_asked_for_by_the_sound_thread_runs_in_the_apps_own_context(
    make_app: AppFactory, fake_clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sound thread reports a cue it could not play; the dim visual cue it starts must find the app
    when its timer fires (it once crashed coach as it closed: ``LookupError: active_app``)."""
    import asyncio
    import threading

    from coach.sound.cues import Cue

    sound = sound_for(tmp_path, fake_clock, "fail", "fail")
    app = make_app(sound_system=sound.system, feet=("left",))
    app.bell = lambda: None  # type: ignore[method-assign]
    monkeypatch.setattr(driver, "CUE_SECONDS", 0.01)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        player = player_of(app)
        rung: list[bool] = []
        ring = player.ring
        monkeypatch.setattr(player, "ring", lambda: (rung.append(True), ring())[1])
        thread = threading.Thread(target=app._sound_unplayable, args=(Cue("step", 1, None, "Long strokes"),))
        thread.start()
        thread.join()
        for _ in range(200):  # the callback, then its timer
            await asyncio.sleep(0.01)
            if rung and not player.cue_shown:
                break
        assert rung, "the ring reached the player"
        assert not player.cue_shown, "the cue's timer ran and took the cue away"
    assert app.return_code is None, "no error in the app"
