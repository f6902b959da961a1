"""Keys typed in a quick burst act in the order typed: Enter never overtakes the keys before it."""

from __future__ import annotations

from collections.abc import Callable

from coach.ui.app import CoachApp
from coach.ui.choices import Ratings, SetupChoice
from coach.ui.screens.confirm import ConfirmScreen
from coach.ui.screens.help import HelpScreen
from coach.ui.screens.setup.screen import SetupScreen
from coach.ui.screens.summary import SummaryScreen
from tests.app_helpers import player_of, start
from tests.setup_summary_fixtures import EVENING, LIBRARY, Host, burst, record

AppFactory = Callable[..., CoachApp]


async def test_ratings_typed_in_one_call_with_enter_are_kept() -> None:
    app = Host(SummaryScreen(record(), EVENING))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "5", "enter")
    assert app.results == [Ratings(4, 5)]


async def test_ratings_sent_in_a_burst_with_enter_are_kept() -> None:
    app = Host(SummaryScreen(record(), EVENING))
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, "4", "5", "enter")
    assert app.results == [Ratings(4, 5)]


async def test_a_burst_of_up_and_a_rating_then_q_keeps_the_order() -> None:
    app = Host(SummaryScreen(record(), EVENING))
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, "2", "up", "3", "q")
    assert app.results == [Ratings(3, None)]


async def test_setup_keys_sent_in_a_burst_with_enter_all_count() -> None:
    app = Host(SetupScreen(LIBRARY, SetupChoice("evening")))
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, "t", "f", "r", "1", "enter")
    (choice,) = app.results
    assert isinstance(choice, SetupChoice)
    assert (choice.routine_id, choice.mode, choice.feet) == ("literal", "partner", ("left",))
    assert "lights" in choice.ticked


# -- the help and the y/n question close once, however many keys are queued behind the first ---------


async def test_help_closes_once_on_a_burst_in_the_player(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        player = await start(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        depth = len(app.screen_stack)
        await burst(pilot, "x", "x", "x")
        assert app.screen is player and len(app.screen_stack) == depth - 1
        assert not player.session.state().paused, "the help gave the time back once it closed"


async def test_help_closes_once_on_a_burst_of_arrows_on_setup(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        setup = app.screen
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await burst(pilot, "down", "down", "down")
        assert app.screen is setup and isinstance(setup, SetupScreen)


async def test_question_answers_once_on_a_burst(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        player = await start(pilot)
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        await burst(pilot, "n", "n", "n")
        assert player_of(app) is player and app.screen is player
        assert not player.session.state().finished
        await pilot.press("space", "q")
        await burst(pilot, "escape", "escape")
        # The second Esc reaches the player after the question closed: it asks again, nothing more.
        assert app.screen is player or isinstance(app.screen, ConfirmScreen)
        assert player_of(app) is player and not player.session.state().finished


async def test_a_second_answer_to_a_closed_question_is_dropped(make_app: AppFactory) -> None:
    # Two answers reaching the question before it closes (a click and a key, a key repeat): the second
    # must not pop the player underneath.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        player = await start(pilot)
        await pilot.press("q")
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        question.action_answer(False)
        question.action_answer(True)
        await pilot.pause()
        assert app.screen is player and not player.session.state().finished


async def test_f1_opens_the_help_on_setup_and_summary_too(make_app: AppFactory) -> None:
    """F1 is the one-key help everywhere (``?`` needs Shift on most keyboards)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        setup = app.screen
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert any("Start" in meaning for _keys, meaning in app.screen.rows)
        await pilot.press("x")
        assert app.screen is setup
