"""Keys that arrive together are handled one after another, on screens that are whole.

The crashes that were seen (two keys in one read) are replayed exactly, then random sequences of keys,
bursts, clicks and jumps of a fake clock drive every screen, and the app must come out of each with no
exception, every stored session adding up, the summary showing what was stored, and still answering.
"""

from __future__ import annotations

import asyncio
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Static

from coach.history import load_history
from coach.options import LaunchOptions
from coach.ui.app import CoachApp, create_app
from coach.ui.screens.help import HelpScreen
from coach.ui.screens.player.screen import PlayerScreen
from coach.ui.screens.setup.screen import SetupScreen
from coach.ui.screens.summary import SummaryScreen, facts_text
from tests.engine_helpers import FakeClock, make_library
from tests.setup_summary_fixtures import burst, settle


@dataclass
class Run:
    """One app on a fake clock with its data in a folder of its own."""

    app: CoachApp
    clock: FakeClock
    data: Path


def new_run(folder: Path) -> Run:
    clock = FakeClock()
    app = create_app(LaunchOptions(library=make_library(), data_dir=folder), clock=clock.clock,
                     wall=clock.wall)
    return Run(app, clock, folder)


def player(app: CoachApp) -> PlayerScreen | None:
    return next((s for s in reversed(app.screen_stack) if isinstance(s, PlayerScreen)), None)


async def to_summary(pilot: Pilot[int], run: Run) -> None:
    await pilot.press("enter")
    await pilot.pause()
    run.clock.advance(30)
    await pilot.press("escape")
    await pilot.press("y")
    await pilot.pause()
    assert isinstance(run.app.screen, SummaryScreen)
    run.clock.advance(2)  # past the moment setup ignores Start after a session


# -- the crashes that were seen ------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["n", "s", "p", "r", "plus", "down", "pagedown", "escape"])
async def test_enter_and_a_player_key_in_one_read(tmp_path: Path, key: str) -> None:
    run = new_run(tmp_path)
    async with run.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, "enter", key)
        assert player(run.app) is not None
    assert run.app.return_code is None  # no crash (a crash sets 1)


async def test_ctrl_p_then_page_down_in_one_read(tmp_path: Path) -> None:
    run = new_run(tmp_path)
    async with run.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, "ctrl+p", "pagedown", "pageup", "pagedown", "down")
        assert isinstance(run.app.screen, CommandPalette)
        await burst(pilot, "escape")
        assert isinstance(run.app.screen, SetupScreen)
    assert run.app.return_code is None


@pytest.mark.parametrize("keys", [("enter", "q"), ("enter", "s"), ("enter", "r", "t", "enter"),
                                  ("q", "question_mark"), ("enter", "h", "escape")])
async def test_keys_in_one_read_on_the_summary(tmp_path: Path, keys: tuple[str, ...]) -> None:
    run = new_run(tmp_path)
    async with run.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await to_summary(pilot, run)
        await burst(pilot, *keys)
    assert run.app.return_code in (None, 0)  # q on setup quits, cleanly


async def test_the_keys_act_in_the_order_typed_across_a_screen_change(tmp_path: Path) -> None:
    """Enter starts the session; the pause typed right after it pauses that session."""
    run = new_run(tmp_path)
    async with run.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, "t", "enter", "space")
        screen = player(run.app)
        assert screen is not None and screen.session.plan.mode == "partner"
        assert screen.session.state().paused


# -- random keys, clicks and time ------------------------------------------------------------------------

KEYS = [
    # what the screens bind
    "enter", "space", "escape", "tab", "shift+tab", "n", "s", "p", "r", "m", "h", "y", "t", "f", "b", "o",
    "0", "1", "2", "3", "4", "5", "6", "plus", "minus", "equals_sign", "question_mark", "f1",
    "up", "down", "left", "right", "pageup", "pagedown", "home", "end",
    # and what they do not
    "a", "x", "z", "Q", "é", "backspace", "delete", "insert", "f2", "f5", "f10", "f12",
    "ctrl+a", "ctrl+b", "ctrl+e", "ctrl+l", "ctrl+p", "ctrl+u", "ctrl+w",
]
"""Every kind of key but the two that leave the app (Ctrl+Q quits, Ctrl+Z suspends) and ``q`` on
setup (which quits too): the app must still be there at the end to answer."""

action = st.one_of(
    st.tuples(st.just("burst"), st.lists(st.sampled_from(KEYS), min_size=1, max_size=6)),
    st.tuples(st.just("press"), st.sampled_from(KEYS)),
    st.tuples(st.just("time"), st.sampled_from([0.3, 1.0, 2.5, 7.0, 29.0, 61.0, 400.0])),
    st.tuples(st.just("click"), st.tuples(st.integers(0, 79), st.integers(0, 23))),
)


async def drive(run: Run, actions: list[tuple[str, object]]) -> None:
    app = run.app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for kind, value in actions:
            if kind == "burst":
                await burst(pilot, *value)  # type: ignore[misc]
            elif kind == "press":
                await pilot.press(value)  # type: ignore[arg-type]
                await settle(pilot)
            elif kind == "time":
                run.clock.advance(value)  # type: ignore[arg-type]
                screen = player(app)
                if screen is not None:
                    screen.tick()  # as its timer would, on waking
                await settle(pilot)
            else:
                x, y = value  # type: ignore[misc]
                await pilot.click(offset=(x, y))
                await settle(pilot)
            if app.return_code is not None:
                # The palette's own Quit, clicked: coach ended as Ctrl+Q ends it, keeping the session.
                assert app.return_code == 0, "the app ended some other way (a crash ends it with 1)"
                break
            if isinstance(app.screen, SummaryScreen):
                # The summary shows the record that was stored (when it could be).
                summary = app.screen
                assert str(summary.query_one("#summary-facts", Static).content) == facts_text(summary.record)
                stored = [e.record for e in load_history(run.data).entries]
                assert stored and stored[-1] == summary.record
        ended_by_quit = app.return_code is not None
        if not ended_by_quit:
            # Still answering: the command palette closes on Escape (F1 there is not the help), and then
            # the help opens on whatever screen is showing.
            if isinstance(app.screen, CommandPalette):
                await pilot.press("escape")
                await settle(pilot)
                assert not isinstance(app.screen, CommandPalette)
            if not isinstance(app.screen, HelpScreen):
                await pilot.press("f1")
                await settle(pilot)
                assert isinstance(app.screen, HelpScreen), app.screen_stack
            # Whatever is under way is kept when coach is asked to stop.
            app.end_on_signal(15)
            await pilot.pause()
    expected = 0 if ended_by_quit else 128 + 15
    assert app.return_code == expected, "the app ended some other way (a crash ends it with 1)"
    for entry in load_history(run.data).entries:
        record = entry.record
        wall = (record.ended_at - record.started_at).total_seconds()
        assert abs(record.actual_seconds + record.paused_seconds - wall) <= 0.002, record
        assert record.actual_seconds >= 0 and record.paused_seconds >= 0


@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(action, min_size=5, max_size=16))
def test_random_keys_clicks_and_time_on_every_screen(actions: list[tuple[str, object]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(drive(new_run(Path(folder)), actions))


@settings(max_examples=2, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(KEYS), min_size=10, max_size=30))
def test_one_long_burst_of_keys_from_setup(keys: list[str]) -> None:
    """Everything typed in one read: the app works through it, one key after another."""
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(drive(new_run(Path(folder)), [("burst", keys)]))
