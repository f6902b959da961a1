"""The player's keys: part by part, step by step, asking before the last part ends the session, help."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from coach.history import load_history
from coach.ui.app import CoachApp
from coach.ui.screens.confirm import ConfirmScreen
from coach.ui.screens.help import HelpScreen
from coach.ui.screens.player.screen import PlayerScreen
from coach.ui.screens.summary import SummaryScreen
from tests.app_helpers import advance, player_of, screen_lines, shown, start
from tests.engine_helpers import FakeClock
from tests.setup_summary_fixtures import burst

AppFactory = Callable[..., CoachApp]


def question_of(app: CoachApp) -> str:
    assert isinstance(app.screen, ConfirmScreen), f"expected a question, got {app.screen!r}"
    return app.screen.question


def where(app: CoachApp) -> tuple[str, str]:
    return shown(app)["where"], shown(app)["title"]


async def test_s_and_down_skip_the_step_up_goes_back_by_step(
    make_app: AppFactory, fake_clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("down")  # the lead-in is a step of its own
        assert shown(app)["title"] == "Long strokes"
        await pilot.press("down")
        assert where(app) == ("Step 2 of 3 · Ankle circles", "Clockwise circles")
        await pilot.press("down")  # three parts skipped at once
        assert where(app) == ("Step 3 of 3 · Ball of the foot", "Ball point 1 of 3")
        await pilot.press("n")
        await advance(pilot, fake_clock, 3)
        await pilot.press("up")  # three seconds in: back to this step's start
        assert shown(app)["title"] == "Ball point 1 of 3"
        assert shown(app)["countdown"] == "0:08"
        await pilot.press("up")  # at the step's start: the step before
        assert where(app) == ("Step 2 of 3 · Ankle circles", "Clockwise circles")
        await pilot.press("p", "n", "n")  # p and n still move by one part
        assert shown(app)["title"] == "Counter-clockwise circles"


async def go_to_last_part(pilot: Pilot[int], app: CoachApp) -> PlayerScreen:
    player = await start(pilot)
    await pilot.press("down", "down", "down", "n", "n")
    assert shown(app)["title"] == "Ball point 3 of 3"
    assert player.session.state().is_last
    return player


async def test_n_on_the_last_part_asks_first_with_the_time_stopped(
    make_app: AppFactory, fake_clock: FakeClock, tmp_path: Path
) -> None:
    app = make_app(feet=("left",))
    async with app.run_test(size=(80, 24)) as pilot:
        player = await go_to_last_part(pilot, app)
        await advance(pilot, fake_clock, 2)
        await pilot.press("n")
        assert question_of(app) == "That was the last part. End the session?"
        assert player.session.state().paused
        await advance(pilot, fake_clock, 30)
        await pilot.press("n")
        assert app.screen is player and not player.session.state().paused
        assert shown(app)["countdown"] == "0:06", "no time passed while asked"
        for key in ("pagedown", "right", "down"):  # every way on asks
            await pilot.press(key)
            assert question_of(app) == "That was the last part. End the session?", key
            await pilot.press("escape")
        assert app.screen is player
        await pilot.press("n", "y")
        assert isinstance(app.screen, SummaryScreen)
    (entry,) = load_history(tmp_path).entries
    assert not entry.record.finished, "ended two seconds into the last part: not gone through"


async def test_a_held_n_on_the_last_part_asks_and_the_repeat_says_no(make_app: AppFactory) -> None:
    app = make_app(feet=("left",))
    async with app.run_test(size=(80, 24)) as pilot:
        player = await go_to_last_part(pilot, app)
        await burst(pilot, "n", "n")
        assert app.screen is player and not player.session.state().finished
        assert not player.session.state().paused


async def test_s_in_the_last_step_asks_before_skipping_its_rest(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(feet=("left",))
    async with app.run_test(size=(80, 24)) as pilot:
        player = await start(pilot)
        await pilot.press("down", "down")
        await pilot.press("down")  # from the ankle to the ball: not the end yet, no question
        assert shown(app)["title"] == "Ball point 1 of 3"
        await pilot.press("down")
        assert question_of(app) == "This is the last step. End the session?"
        await pilot.press("n")
        assert app.screen is player and shown(app)["title"] == "Ball point 1 of 3"
        await pilot.press("n")  # not the last part: n just moves on
        assert shown(app)["title"] == "Ball point 2 of 3" and app.screen is player
        await pilot.press("down", "y")
        assert isinstance(app.screen, SummaryScreen)
    (entry,) = load_history(tmp_path).entries
    assert not entry.record.finished
    assert [step.skipped for step in entry.record.steps][-1]


async def test_the_last_part_run_to_its_end_finishes_without_a_question(
    make_app: AppFactory, fake_clock: FakeClock, tmp_path: Path
) -> None:
    app = make_app(feet=("left",))
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to_last_part(pilot, app)
        await advance(pilot, fake_clock, 60)
        assert isinstance(app.screen, SummaryScreen)
    (entry,) = load_history(tmp_path).entries
    assert entry.record.finished


@pytest.mark.parametrize("key", ["f1", "question_mark"])
async def test_one_key_help_f1_and_question_mark(make_app: AppFactory, key: str) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        player = await start(pilot)
        await pilot.press(key)
        assert isinstance(app.screen, HelpScreen)
        rows = dict(app.screen.rows)
        assert rows["?  F1"] == "These keys"
        assert rows["n  Right  PageDown"] == "Skip to the next part"
        assert rows["Down"] == "Skip the rest of this step"
        assert rows["Up"] == "Back to this step's start (twice: the step before)"
        assert rows["p  Left  PageUp"] == "Back to this part's start (twice: the part before)"
        assert rows["Home"] == "This part again from its start"
        assert not any(k.split()[0] in ("h", "s", "r") for k in rows), "h, s and r mean other things"
        assert rows["+  ="] == "15 seconds more on this part"
        assert len([m for m in rows.values() if "part's start" in m]) == 1, "one row per key"
        assert player.session.state().paused
        await pilot.press("question_mark")  # closes the help only
        now_on: object = app.screen  # not the help any more
        assert now_on is player and not player.session.state().paused


async def test_footer_says_next_part_skip_step_step_back_and_shows_more_when_wide(
    make_app: AppFactory, fake_clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        footer = screen_lines(app)[-1]
        for words in ("Space Pause", "n Next part", "↓ Skip step", "↑ Step back", "m Mute", "? Help"):
            assert words in footer, (words, footer)
        assert "Restart" not in footer
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        footer = screen_lines(app)[-1]
        for words in ("n Next part", "↓ Skip step", "↑ Step back", "p Back", "Home Restart", "+/- 15s"):
            assert words in footer, (words, footer)
        await advance(pilot, fake_clock, 3)
        await pilot.press("home")  # the footer's bindings act like the quiet ones
        assert shown(app)["countdown"] == "0:10"
        await pilot.press("down", "p")
        assert player_of(app).session.state().index == 0
