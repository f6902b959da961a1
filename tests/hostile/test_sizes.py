"""Every screen at every size from 20x6 to 250x80, and resized while a session runs: never an error.

A grid of sizes chosen at the edges that matter (the smallest, just under and over each layout's
breakpoints, the common ones, the largest), then random resizes in the middle of a session.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.command import CommandPalette
from textual.pilot import Pilot

from coach.ui.app import CoachApp
from coach.ui.screens.confirm import ConfirmScreen
from coach.ui.screens.help import HelpScreen
from coach.ui.screens.history import HistoryScreen
from coach.ui.screens.player.screen import PlayerScreen
from coach.ui.screens.setup.screen import SetupScreen
from coach.ui.screens.summary import SummaryScreen
from tests.app_helpers import screen_lines
from tests.hostile.test_key_mashing import Run, new_run, player
from tests.setup_summary_fixtures import settle

# Columns: the smallest, just under the player's -tiny (40), the summary's -narrow (60) and the setup's and
# player's -narrow (70), the common 80, the player's wide footer (106), the largest. Rows: the smallest,
# just under -tiny (14) and -short (20), 24, the setup's compact edge (32), the largest; and the two
# extremes of shape.
GRID = [(20, 6), (39, 13), (59, 19), (69, 20), (80, 24), (106, 32), (250, 80), (250, 6), (20, 80)]


def drawn(app: CoachApp) -> None:
    """The screen as the terminal gets it: every line rendered, none wider than the terminal."""
    lines = screen_lines(app)
    assert len(lines) == app.size.height
    assert all(len(line) <= app.size.width for line in lines)


async def visit(pilot: Pilot[int], run: Run, key: str, expected: type, grid: list[tuple[int, int]]) -> None:
    await pilot.press(key)
    await settle(pilot)
    assert isinstance(run.app.screen, expected), (key, run.app.screen_stack)
    await every_size(pilot, run, grid)


async def every_size(pilot: Pilot[int], run: Run, grid: list[tuple[int, int]]) -> None:
    """The screen showing, drawn at the size it has and then resized to each size of ``grid`` (and back)."""
    drawn(run.app)
    if not grid:
        return
    start = run.app.size
    for size in grid:
        await pilot.resize_terminal(*size)
        await settle(pilot)
        drawn(run.app)
    await pilot.resize_terminal(start.width, start.height)
    await settle(pilot)


async def every_screen(pilot: Pilot[int], run: Run, grid: list[tuple[int, int]]) -> None:
    """Setup, its safety notes, help, history, the palette, the player (playing, paused, asking), the
    summary: each drawn at the current size; those whose layout changes with the size (setup, its safety
    notes, help, history, the player, the summary) also at each size of ``grid``."""
    app = run.app
    await pilot.pause()
    assert isinstance(app.screen, SetupScreen)
    await every_size(pilot, run, grid)
    await visit(pilot, run, "s", SetupScreen, grid)  # the safety notes alone
    await visit(pilot, run, "escape", SetupScreen, [])
    await visit(pilot, run, "f1", HelpScreen, grid)
    await visit(pilot, run, "escape", SetupScreen, [])
    await visit(pilot, run, "h", HistoryScreen, grid)
    await visit(pilot, run, "escape", SetupScreen, [])
    await visit(pilot, run, "ctrl+p", CommandPalette, [])
    await visit(pilot, run, "escape", SetupScreen, [])
    await visit(pilot, run, "enter", PlayerScreen, [])
    run.clock.advance(12)
    screen = player(app)
    assert screen is not None
    screen.tick()
    await settle(pilot)
    await every_size(pilot, run, grid)
    await visit(pilot, run, "space", PlayerScreen, [])  # paused
    await visit(pilot, run, "question_mark", HelpScreen, [])
    await visit(pilot, run, "escape", PlayerScreen, [])
    await visit(pilot, run, "q", ConfirmScreen, [])
    await visit(pilot, run, "y", SummaryScreen, grid)
    await visit(pilot, run, "h", HistoryScreen, [])
    await visit(pilot, run, "escape", SummaryScreen, [])


STARTS = [(20, 6), (80, 24), (20, 80)]
"""Sizes coach starts at (every screen is then built at that size, not resized to it)."""


@pytest.mark.parametrize("size", STARTS, ids=[f"{w}x{h}" for w, h in STARTS])
async def test_every_screen_when_started_at_this_size(tmp_path: Path, size: tuple[int, int]) -> None:
    run = new_run(tmp_path)
    async with run.app.run_test(size=size) as pilot:
        await every_screen(pilot, run, [])
    assert run.app.return_code is None


async def test_every_screen_at_every_size_of_the_grid(tmp_path: Path) -> None:
    run = new_run(tmp_path)
    async with run.app.run_test(size=(80, 24)) as pilot:
        await every_screen(pilot, run, GRID)
    assert run.app.return_code is None


sizes = st.tuples(st.integers(20, 250), st.integers(6, 80))


async def resized(run: Run, start: tuple[int, int], changes: list[tuple[int, int]]) -> None:
    app = run.app
    async with app.run_test(size=start) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        for number, size in enumerate(changes):
            await pilot.resize_terminal(*size)
            run.clock.advance(3.5)
            screen = player(app)
            if screen is not None:
                screen.tick()
            if number == len(changes) // 2:
                await pilot.press("space")  # paused for the second half, then on again
            await settle(pilot)
            drawn(app)
    assert app.return_code is None


@settings(max_examples=2, deadline=None, suppress_health_check=list(HealthCheck))
@given(sizes, st.lists(sizes, min_size=3, max_size=6))
def test_resized_again_and_again_during_a_session(
    start: tuple[int, int], changes: list[tuple[int, int]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(resized(new_run(Path(folder)), start, changes))
