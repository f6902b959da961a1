"""The help: ? on every screen lists that screen's own keys in words, readable at 80x24 and 40x12."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from coach.ui.app import CoachApp
from coach.ui.screens.help import COMMON_NOTE, HelpScreen, key_name
from coach.ui.screens.history import HistoryScreen
from coach.ui.screens.setup.screen import SetupScreen
from coach.ui.screens.summary import SummaryScreen
from tests.app_helpers import screen_lines, start

AppFactory = Callable[..., CoachApp]


def shown(app: CoachApp) -> str:
    return "\n".join(screen_lines(app))


def rows_of(app: CoachApp) -> dict[str, str]:
    assert isinstance(app.screen, HelpScreen), f"expected the help, got {app.screen!r}"
    return dict(app.screen.rows)


@pytest.mark.parametrize(
    ("key", "name"),
    [("pagedown", "PageDown"), ("ctrl+q", "Ctrl+Q"), ("left_square_bracket", "["), ("home", "Home"),
     ("question_mark", "?"), ("q", "q"), ("ctrl+pageup", "Ctrl+PageUp"), ("full_stop", "FullStop")],
)
def test_key_names_read_as_printed_on_the_keyboard(key: str, name: str) -> None:
    assert key_name(key) == name


async def test_setup_help_lists_its_own_keys_in_words_and_fits_80x24(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        rows = rows_of(app)
        assert rows["Enter"] == "Start the massage"
        assert rows["-  ["] == "One minute shorter"
        assert rows["+  =  ]"] == "One minute longer"
        assert rows["1-9"] == "Tick or untick an item by its number"
        assert rows["Up  Down"] == "Move through the checklist"
        assert rows["Space"] == "Tick or untick the highlighted item"
        # The screen's own keys come first; Textual's scroll keys of the list are not coach's to explain.
        assert next(iter(rows)) == "Enter"
        assert not any("Page" in keys for keys in rows), rows
        text = shown(app)
        for keys, meaning in rows.items():
            assert f"{keys}" in text and meaning in text, (keys, meaning)
        assert COMMON_NOTE in text and "any key closes" in text
        await pilot.press("t")  # closes, and does nothing else
        assert isinstance(app.screen, SetupScreen) and app.screen.mode == "self"


async def test_setup_help_at_40x12_reads_in_whole_words_and_scrolls_by_arrows(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = shown(app)
        assert "Enter" in text and "Start the massage" in text
        assert "scroll · other keys close" in text
        assert "Put coach aside" not in text
        await pilot.press("end")
        assert isinstance(app.screen, HelpScreen)
        text = shown(app)
        assert "Put coach aside" in text and "Start the massage" not in text
        await pilot.press("home", "x")
        assert isinstance(app.screen, SetupScreen)


async def test_summary_help_lists_the_rating_keys(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("q", "y")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("question_mark")
        rows = rows_of(app)
        assert rows["1-5"].startswith("Rate the current question")
        assert rows["Up  Down"] == "The other question"
        assert rows["Enter  q  Esc"].startswith("Done")
        assert "Rate the current question" in shown(app)
        await pilot.press("escape")  # closes the help only
        assert isinstance(app.screen, SummaryScreen)


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_history_has_help_too(make_app: AppFactory, size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("h", "question_mark")
        rows = rows_of(app)
        assert rows["Esc  q  h"] == "Back to where you were"
        assert "Back to where you were" in shown(app)
        await pilot.press("h")  # closes the help, not the history
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("h")
        assert isinstance(app.screen, SetupScreen)


async def test_player_help_keeps_its_note_and_the_common_one(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await start(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "Time stands still" in app.screen.note and COMMON_NOTE in app.screen.note
        assert "Pause: time stops" in shown(app)
