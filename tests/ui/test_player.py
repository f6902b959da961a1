"""The step player followed through a whole routine on a fake clock, checking what it shows at each point."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from coach.history import load_history
from coach.ui.app import CoachApp
from coach.ui.screens.confirm import ConfirmScreen
from coach.ui.screens.player.screen import PlayerScreen
from coach.ui.screens.setup.screen import SetupScreen
from coach.ui.screens.summary import SummaryScreen
from tests.app_helpers import advance, play_until_title_changes, player_of, shown, start, to_next_deadline
from tests.engine_helpers import FakeClock

AppFactory = Callable[..., CoachApp]


async def test_self_mode_whole_routine(make_app: AppFactory, fake_clock: FakeClock, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        now = shown(app)
        assert now["where"] == "Before you start"
        assert now["foot"] == "First: LEFT FOOT"
        assert now["title"] == "" and now["cue"] == "Settle in and slow your breath"  # the cue says it
        assert now["countdown"] == "0:10"
        assert now["step_left"] == "0:10 left"
        assert now["session_left"] == "9:07 left"
        assert now["breath"] == "Breathe in"
        assert now["next"] == "then: LEFT FOOT · Warming strokes · Long strokes"
        assert now["banner"] == ""

        await advance(pilot, fake_clock, 6)
        now = shown(app)
        assert now["countdown"] == "0:04"
        assert now["session_left"] == "9:01 left"
        assert now["breath"] == "Breathe out"  # calm: in for 4, out for 6
        assert now["next"] == "Next: LEFT FOOT · Warming strokes · Long strokes"

        await to_next_deadline(pilot, fake_clock)
        now = shown(app)
        assert now["where"] == "Step 1 of 3 · Warming strokes"
        assert now["foot"] == "LEFT FOOT · whole foot · gentle pressure"
        assert now["title"] == "Long strokes"
        assert now["text"] == "Glide both hands from toes to ankle."
        assert now["countdown"] == "1:30"
        assert now["next"] == "then: Ankle circles · Clockwise circles"

        # Paused: the screen says so and the time stands still however long it stays paused.
        await pilot.press("space")
        player = player_of(app)
        assert player.has_class("-paused")
        assert shown(app)["banner"] == "PAUSED  ·  Space to go on"
        assert shown(app)["breath"] == ""
        await advance(pilot, fake_clock, 100)
        assert shown(app)["countdown"] == "1:30"
        await pilot.press("space")
        assert not player.has_class("-paused")
        await advance(pilot, fake_clock, 30)
        assert shown(app)["countdown"] == "1:00"

        # Skip: the reps segment with its counter.
        await pilot.press("n")
        now = shown(app)
        assert now["where"] == "Step 2 of 3 · Ankle circles"
        assert now["foot"] == "LEFT FOOT · ankle · gentle pressure"
        assert (now["title"], now["count"], now["countdown"]) == ("Clockwise circles", "Rep 1 of 5", "0:25")
        await advance(pilot, fake_clock, 5)
        assert (shown(app)["count"], shown(app)["countdown"]) == ("Rep 2 of 5", "0:20")

        # + and = add 15 s, - takes 15 s.
        await pilot.press("plus")
        assert shown(app)["countdown"] == "0:35"
        await pilot.press("minus")
        assert shown(app)["countdown"] == "0:20"
        await pilot.press("equals_sign")
        assert shown(app)["countdown"] == "0:35"
        await pilot.press("minus")

        # Restart, then back twice: to the part before, then to the start of that part.
        await pilot.press("home")
        assert (shown(app)["count"], shown(app)["countdown"]) == ("Rep 1 of 5", "0:25")
        await pilot.press("p")
        assert (shown(app)["title"], shown(app)["countdown"]) == ("Long strokes", "1:30")
        await advance(pilot, fake_clock, 3)
        assert shown(app)["countdown"] == "1:27"
        await pilot.press("left")
        assert (shown(app)["title"], shown(app)["countdown"]) == ("Long strokes", "1:30")

        # Right arrow and PageDown skip too, as presentation clickers send them.
        await pilot.press("right", "pagedown", "n", "n")
        now = shown(app)
        assert now["title"] == "Ball point 1 of 3"
        assert now["foot"] == "LEFT FOOT · ball of the foot · moderate pressure"
        # The big countdown counts the hold (8 s), then the release (2 s), never the two together.
        # Its label says which: "this hold", then "release, move on"; the count never says "Hold".
        assert (now["count"], now["hint"], now["countdown"]) == ("Point 1 of 3", "", "0:08")
        assert now["label"] == "this hold"
        await advance(pilot, fake_clock, 5.1)
        now = shown(app)
        assert (now["count"], now["hint"]) == ("Point 1 of 3", "You can move on: n")
        assert now["countdown"] == "0:03"
        await advance(pilot, fake_clock, 2.5)
        now = shown(app)
        assert (now["count"], now["hint"], now["countdown"]) == ("Point 1 of 3", "", "0:02")
        assert now["label"] == "release, move on"
        await advance(pilot, fake_clock, 1.0)
        assert shown(app)["countdown"] == "0:01"
        await to_next_deadline(pilot, fake_clock)
        assert shown(app)["title"] == "Ball point 2 of 3"

        # The towel between the feet, then the right foot.
        await pilot.press("n", "n")
        now = shown(app)
        assert (now["where"], now["title"], now["cue"]) == ("Between feet", "", "Wrap this foot in the towel")
        assert now["foot"] == "LEFT FOOT done · next RIGHT FOOT"
        assert now["text"] == "Wrap this foot in the towel."
        assert await play_until_title_changes(pilot, fake_clock) == "Long strokes"
        assert shown(app)["foot"] == "RIGHT FOOT · whole foot · gentle pressure"
        assert player.query_one("#foot").has_class("-right")

        # Let the rest play to the end by itself: the summary follows and the session is in history.
        while isinstance(app.screen, PlayerScreen):
            await to_next_deadline(pilot, fake_clock)
        assert isinstance(app.screen, SummaryScreen)
        entries = load_history(tmp_path).entries
        assert len(entries) == 1
        record = entries[0].record
        assert record.finished
        assert record.paused_seconds == 100
        assert [s.skipped for s in record.steps if s.foot == "right"] == [False, False, False]
        await pilot.press("enter")
        assert isinstance(app.screen, SetupScreen)


async def test_partner_mode_words(make_app: AppFactory, fake_clock: FakeClock) -> None:
    app = make_app(mode="partner")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        assert shown(app)["text"].startswith("Help your partner settle in")
        assert shown(app)["foot"] == "First: THEIR LEFT FOOT"
        assert await play_until_title_changes(pilot, fake_clock) == "Long strokes"
        assert shown(app)["text"] == "Glide up your partner's foot."
        assert shown(app)["foot"] == "THEIR LEFT FOOT · whole foot · gentle pressure"
        await pilot.press("n", "n")
        assert shown(app)["text"] == "Circle your partner's ankle the other way."
        await pilot.press("space")
        assert player_of(app).has_class("-paused")
        await pilot.press("space")
        await pilot.press("n", "n", "n", "n", "n")
        assert shown(app)["text"] == "Wrap your partner's foot in the towel."
        assert shown(app)["foot"] == "THEIR LEFT FOOT done · next THEIR RIGHT FOOT"
        await pilot.press("n")
        assert shown(app)["foot"] == "THEIR RIGHT FOOT · whole foot · gentle pressure"


async def test_quit_asks_once_and_keeps_the_partial_session(
    make_app: AppFactory, fake_clock: FakeClock, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        player = await start(pilot)
        await play_until_title_changes(pilot, fake_clock)
        await advance(pilot, fake_clock, 20)
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        assert player.session.state().paused, "time must not run while the question is up"
        await advance(pilot, fake_clock, 60)
        await pilot.press("n")
        assert app.screen is player
        assert not player.session.state().paused
        assert shown(app)["countdown"] == "1:10"
        await pilot.press("escape")  # Escape asks too, and Escape on the question means no
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        assert app.screen is player and not player.session.state().paused
        await pilot.press("q", "x")  # other keys do nothing
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        assert isinstance(app.screen, SummaryScreen)
        (entry,) = load_history(tmp_path).entries
        assert not entry.record.finished
        assert entry.record.actual_seconds == pytest.approx(30, abs=0.01)  # 10 s lead-in + 20 s of strokes
        assert entry.record.paused_seconds == 60


async def test_enter_confirms_quitting_a_paused_session(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        player = await start(pilot)
        await pilot.press("space", "q")
        await pilot.press("n")
        assert player.session.state().paused, "a session paused before the question stays paused"
        await pilot.press("q", "enter")
        assert isinstance(app.screen, SummaryScreen)
        assert len(load_history(tmp_path).entries) == 1


async def test_ctrl_q_keeps_what_was_done(
    make_app: AppFactory, fake_clock: FakeClock, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await advance(pilot, fake_clock, 4)
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    (entry,) = load_history(tmp_path).entries
    assert entry.record.actual_seconds == 4 and not entry.record.finished


async def test_help_pauses_lists_the_keys_and_any_key_closes_it(
    make_app: AppFactory, fake_clock: FakeClock
) -> None:
    from coach.ui.screens.help import HelpScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        player = await start(pilot)
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        rows = dict(help_screen.rows)
        assert rows["Space"] == "Pause: time stops"
        assert rows["n  Right  PageDown"] == "Skip to the next part"
        assert rows["Down"] == "Skip the rest of this step"
        assert rows["p  Left  PageUp"].startswith("Back to this part's start")
        assert rows["+  ="] == "15 seconds more on this part"
        assert rows["q  Esc"].startswith("End the session")
        assert not any("Focus" in meaning or "Copy" in meaning for meaning in rows.values())
        assert player.session.state().paused
        await pilot.press("x")
        assert app.screen is player
        assert not player.session.state().paused


async def test_ctrl_z_time_away_is_not_massage_time(make_app: AppFactory, fake_clock: FakeClock) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        player = await start(pilot)
        await advance(pilot, fake_clock, 3)
        app.app_suspend_signal.publish(app)
        fake_clock.advance(120)  # the process was stopped for two minutes
        app.app_resume_signal.publish(app)
        await pilot.pause()
        state = player.session.state()
        assert state.paused and state.elapsed == 3
        assert shown(app)["countdown"] == "0:07"
        banner = shown(app)["banner"]
        assert banner.startswith("PAUSED")
        assert "stopped (2 min)" in banner
        await pilot.press("space")
        assert shown(app)["banner"] == ""


async def test_ctrl_z_stops_the_time_at_once_even_if_a_timer_fires_before_the_resume(
    make_app: AppFactory, fake_clock: FakeClock, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        player = await start(pilot)
        await advance(pilot, fake_clock, 3)
        app.app_suspend_signal.publish(app)  # published while still on screen, just before the stop
        assert player.session.state().paused, "paused the moment coach is put aside"
        fake_clock.advance(21)
        player.tick()  # a timer due while stopped fires first on coming back
        await pilot.pause()
        app.app_resume_signal.publish(app)
        await pilot.pause()
        state = player.session.state()
        assert state.paused and state.elapsed == 3 and state.index == 0
        assert shown(app)["countdown"] == "0:07"
        assert shown(app)["banner"] == "PAUSED  ·  Space to go on\nPaused while coach was stopped (21 s)."
        await pilot.press("space")
        assert shown(app)["banner"] == "" and not player.session.state().paused
        await advance(pilot, fake_clock, 2)
        assert shown(app)["countdown"] == "0:05"

        # Put aside while paused: it stays paused, with nothing new to say.
        await pilot.press("space")
        app.app_suspend_signal.publish(app)
        fake_clock.advance(30)
        app.app_resume_signal.publish(app)
        await pilot.pause()
        assert shown(app)["banner"] == "PAUSED  ·  Space to go on" and shown(app)["countdown"] == "0:05"
        await pilot.press("q", "y")
    (entry,) = load_history(tmp_path).entries
    assert entry.record.actual_seconds == 5 and entry.record.paused_seconds == 51


async def test_reduced_motion_keeps_the_words_without_a_bar(make_app: AppFactory) -> None:
    from coach.ui.widgets.breathing import BreathingCue

    app = make_app(reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        player = await start(pilot)
        cue = player.query_one(BreathingCue)
        assert cue.still and cue.word == "Breathe in"
        assert cue.text().strip() == "Breathe in"
        state = player.session.state()
        assert state.breath is not None
        # No frames for animation: the next redraw is at the next shown second or the next breath word.
        assert player.frame_delay(state) > 0.9
