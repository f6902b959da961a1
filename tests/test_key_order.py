"""Keys typed in a quick burst act in the order typed: Enter never overtakes the keys before it."""

from __future__ import annotations

from coach.choices import Ratings, SetupChoice
from coach.screens.setup import SetupScreen
from coach.screens.summary import SummaryScreen
from tests.setup_summary_fixtures import EVENING, LIBRARY, Host, burst, record


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
