"""The history screen: snapshots of the 30-session fixture, keys, and small terminals."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any, cast

import pytest
from textual.app import App
from textual.widgets import Static

from coach.history.format import HistoryEntry, NightAnswer
from coach.paths import styles_dir
from coach.ui.screens.history import HistoryScreen
from coach.ui.widgets.night_chart import NightChart
from tests.history_helpers import BERLIN_SUMMER, FIXTURE_NOW, fixture_entries, journal_fixture, make_record


class HistoryApp(App[None]):
    """Just the history screen, with its own stylesheet, a fixed clock and a fixed theme."""

    CSS_PATH = str(styles_dir() / "history.tcss")

    def __init__(self, entries: Sequence[HistoryEntry], notice: str | None = None,
                 nights: Sequence[NightAnswer] = ()) -> None:
        super().__init__()
        self.entries = entries
        self.notice = notice
        self.nights = nights
        self.closed = False

    def on_mount(self) -> None:
        self.theme = "textual-dark"
        screen = HistoryScreen(self.entries, now=FIXTURE_NOW, tz=BERLIN_SUMMER, notice=self.notice,
                               nights=self.nights)
        self.push_screen(screen, callback=self._history_closed)

    def _history_closed(self, result: Any) -> None:
        self.closed = True


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (40, 12)])
def test_snapshot_fixture(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(HistoryApp(fixture_entries()), terminal_size=size)


def test_snapshot_four_weeks(snap_compare: Any) -> None:
    assert snap_compare(HistoryApp(fixture_entries()), terminal_size=(80, 24), press=["w"])


def test_snapshot_sleep_journal_120x40(snap_compare: Any) -> None:
    """Twelve weeks of rated nights: the journal sets nights with a massage beside nights without."""

    async def to_the_journal(pilot: Any) -> None:
        pilot.app.screen.query_one("#journal-title").scroll_visible(top=True, animate=False)
        await pilot.pause()

    entries, nights = journal_fixture()
    app = HistoryApp(entries, nights=nights)
    assert snap_compare(app, terminal_size=(120, 40), run_before=to_the_journal)


async def test_the_journal_reads_the_same_as_the_command_line() -> None:
    entries, nights = journal_fixture()
    app = HistoryApp(entries, nights=nights)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = str(app.screen.query_one("#journal", Static).render())
        assert "rated your sleep 4.5 on average, 2.5 without (14 and 10 nights)" in text
        assert "By routine, last 12 weeks: Full 5.0 (7 nights), Nightly 2.9 (15 nights)." in text
        chart = str(app.screen.query_one("#journal-chart", Static).render()).splitlines()
        assert [line[:8] for line in chart] == ["minutes ", "sleep   "] and len(chart[1]) == 8 + 28


def test_snapshot_empty_with_notice(snap_compare: Any) -> None:
    notice = (
        "The history file could not be read: it is not valid TOML. It was moved to "
        "/data/history.toml.damaged-20240526-234000 and a new history was started."
    )
    assert snap_compare(HistoryApp((), notice=notice), terminal_size=(80, 24))


def text_of(app: App[None], selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


@pytest.mark.parametrize("key", ["escape", "q", "h"])
async def test_close_keys_dismiss_the_screen(key: str) -> None:
    app = HistoryApp(fixture_entries())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press(key)
        await pilot.pause()
        assert app.closed
        assert not isinstance(app.screen, HistoryScreen)


async def test_w_switches_between_two_and_four_weeks() -> None:
    app = HistoryApp(fixture_entries())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert len(screen.query_one(NightChart).nights) == 14
        assert text_of(app, "#chart-title") == "Minutes per night, last 2 weeks  ·  12 nights, 2 h 50 min"
        await pilot.press("w")
        await pilot.pause()
        assert screen.weeks == 4
        assert len(screen.query_one(NightChart).nights) == 28
        assert text_of(app, "#chart-title") == "Minutes per night, last 4 weeks  ·  23 nights, 5 h 18 min"
        await pilot.press("w")
        await pilot.pause()
        assert screen.weeks == 2


async def test_figures_show_week_streak_and_totals() -> None:
    app = HistoryApp(fixture_entries())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert text_of(app, "#figure-week") == "This week\n7 sessions\n1 h 42 min"
        assert text_of(app, "#figure-streak") == "Streak\n3 nights\nbest 8 nights"
        assert text_of(app, "#figure-total") == "In all\n30 sessions\n6 h 33 min"
        assert text_of(app, "#ratings-labels") == "Relaxed\nSleepy"
        assert text_of(app, "#ratings-averages") == "average 3.6\naverage 3.0"


async def test_footer_lists_the_keys() -> None:
    app = HistoryApp(fixture_entries())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = {k: b.binding.description for k, b in app.screen.active_bindings.items() if b.binding.show}
        assert shown == {"escape": "Close", "w": "2 or 4 weeks", "k": "Streak", "question_mark": "Help"}


async def test_routine_names_are_shown_literally() -> None:
    record = make_record(FIXTURE_NOW - timedelta(hours=1), routine_name="[bold]Calm[/] $accent")
    app = HistoryApp([HistoryEntry("x", record, 4, None)])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "[bold]Calm[/] $accent" in text_of(app, "#recent")


async def test_empty_history_hides_the_weeks_key() -> None:
    app = HistoryApp(())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "No sessions yet" in text_of(app, "#history-empty")
        shown = {k for k, b in app.screen.active_bindings.items() if b.binding.show and b.enabled}
        assert shown == {"escape", "question_mark"}
        await pilot.press("w")  # nothing to switch; must not fail


@pytest.mark.parametrize("size", [(40, 12), (10, 5), (200, 60)])
async def test_small_and_large_terminals_do_not_break(size: tuple[int, int]) -> None:
    app = HistoryApp(fixture_entries())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_small_terminals_drop_extras_and_resizing_brings_them_back() -> None:
    app = HistoryApp(fixture_entries())
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.has_class("-narrow") and screen.has_class("-short")
        assert not screen.query_one("#recent").display
        assert not screen.query_one("#figure-total").display
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert not screen.has_class("-narrow") and not screen.has_class("-short")
        assert screen.query_one("#recent").display


async def test_k_hides_the_streak_and_shows_it_again() -> None:
    app = HistoryApp(fixture_entries())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert "Streak" in text_of(app, "#figure-streak")
        await pilot.press("k")
        await pilot.pause()
        figure = text_of(app, "#figure-streak")
        assert "Streak" not in figure and "12 nights" in figure
        assert "streak" not in text_of(app, "#recent").lower()
        await pilot.press("k")
        await pilot.pause()
        assert "Streak" in text_of(app, "#figure-streak")
    assert screen.show_streak is True


@pytest.mark.parametrize("reading", [False, True])
async def test_the_keys_scroll_to_the_latest_sessions(reading: bool) -> None:
    """At 80x24 the latest sessions are below the fold: End (and Page Down, Down) scroll there, also
    once a long history read in the background has filled the screen in."""
    from textual.containers import VerticalScroll

    from coach.history.summary import Overview

    entries, nights = journal_fixture()
    entries = (*entries, *fixture_entries())

    class ReadingApp(App[None]):
        CSS_PATH = str(styles_dir() / "history.tcss")

        def on_mount(self) -> None:
            self.theme = "textual-dark"
            if reading:
                # Full entries stand in for the sessions in brief: the screen reads both alike.
                overview = Overview(cast(Any, tuple(entries)), nights=tuple(nights))
                self.push_screen(HistoryScreen(None, now=FIXTURE_NOW, tz=BERLIN_SUMMER,
                                               reader=lambda: overview))
            else:
                self.push_screen(HistoryScreen(entries, now=FIXTURE_NOW, tz=BERLIN_SUMMER, nights=nights))

    app = ReadingApp()
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(250):  # filled in (and laid out) from the reading thread: at most 5 s
            await pilot.pause(0.02)
            bodies = app.screen.query("#history-body").results(VerticalScroll)
            if app.screen.query("#recent") and any(body.max_scroll_y > 0 for body in bodies):
                break
        body = app.screen.query_one("#history-body", VerticalScroll)
        assert body.max_scroll_y > 0 and body.scroll_y == 0
        await pilot.press("end")
        await pilot.wait_for_scheduled_animations()  # the scroll glides there
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("home")
        await pilot.wait_for_scheduled_animations()
        assert body.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.wait_for_scheduled_animations()
        assert body.scroll_y > 0
