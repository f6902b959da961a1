"""Every key a footer offers is readable whole at 80 columns, on every screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.app import App
from textual.screen import Screen

from coach.paths import shipped_routines
from coach.routines.load import load_library
from coach.ui.app import CoachApp
from coach.ui.choices import SetupChoice
from coach.ui.screens.setup.screen import SetupScreen
from coach.ui.screens.summary import SummaryScreen
from coach.ui.widgets.checklist import Checklist
from tests.app_helpers import screen_lines, start
from tests.setup_summary_fixtures import EVENING, LIBRARY, Host, record

AppFactory = Callable[..., CoachApp]


def footer_line(app: App[Any]) -> str:
    return screen_lines(app)[-1]


def offered(screen: Screen[Any]) -> list[str]:
    """The descriptions of the keys the footer shows now."""
    words = [b.binding.description for b in screen.active_bindings.values() if b.binding.show and b.enabled]
    return list(dict.fromkeys(words))


def assert_footer_whole(app: App[Any], must: list[str]) -> None:
    line = footer_line(app)
    for words in offered(app.screen):
        assert f" {words} " in f"{line} ", (words, line)
    for words in must:
        assert words in line, (words, line)


@pytest.mark.parametrize("library", [LIBRARY, load_library(shipped_routines())], ids=["fixture", "shipped"])
async def test_setup_footer_fits_at_80_columns(library: Any) -> None:
    app = Host(SetupScreen(library, SetupChoice(library.default_routine)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert_footer_whole(app, ["⏎ Start", "q Quit", "h History", "? Help"])


async def test_summary_footer_fits_at_80_columns() -> None:
    app = Host(SummaryScreen(record(), EVENING))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert_footer_whole(app, ["⏎ Done", "1-5 Rate", "h History", "? Help"])


async def test_player_footer_fits_at_80_columns_playing_paused_and_muted(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        assert_footer_whole(app, ["Space Pause", "n Next part", "↓ Skip step", "↑ Step back", "? Help",
                                  "q Quit"])
        await pilot.press("space", "m")
        await pilot.pause()
        assert_footer_whole(app, ["Space Resume", "n Next part", "m Sound", "? Help", "q Quit"])


@pytest.mark.parametrize("away", ["tab", "blur"])
async def test_setup_footer_is_the_same_after_history_wherever_the_focus_went(
    make_app: AppFactory, away: str
) -> None:
    app = make_app(library=load_library(shipped_routines()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        setup = app.screen
        assert setup.has_class("-first-run")  # no history yet: the safety notes first, one key away
        await pilot.press("escape")
        await pilot.pause()
        before = footer_line(app)
        if away == "tab":
            await pilot.press("tab")
        else:  # the terminal loses focus (another window), and gets it back on the history screen
            app.app_focus = False
        await pilot.press("h")
        app.app_focus = True
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is setup
        assert footer_line(app) == before
        assert app.focused is setup.query_one(Checklist)
        await pilot.press("space")
        assert setup.query_one(Checklist).ticked == {"lights"}


async def test_setup_footer_does_not_depend_on_the_focus() -> None:
    app = Host(SetupScreen(LIBRARY, SetupChoice("evening")))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = footer_line(app)
        app.screen.set_focus(None)
        await pilot.pause()
        assert footer_line(app) == before
        assert footer_line(app).startswith("⏎ Start ? Help q Quit space Tick")


async def test_setup_footer_keeps_help_and_quit_on_a_narrow_terminal() -> None:
    app = Host(SetupScreen(LIBRARY, SetupChoice("evening")))
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert footer_line(app).startswith("⏎ Start ? Help q Quit")
