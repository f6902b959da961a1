"""Snapshots of every screen with the shipped routines at 80x24 and 40x12, as a tired person meets them:
the first run's safety notes, the setup, the player's cue and labelled countdown, the help.

Regenerate with ``pytest --snapshot-update tests/ui/test_snapshots_readable.py`` and look at every SVG.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from coach.paths import shipped_routines
from coach.routines.load import load_library
from coach.ui.choices import SetupChoice
from coach.ui.screens.setup.screen import SetupScreen
from tests.app_helpers import advance, start
from tests.engine_helpers import FakeClock
from tests.setup_summary_fixtures import Host

SnapCompare = Callable[..., bool]
SIZES = [(80, 24), (40, 12)]
LIBRARY = load_library(shipped_routines())


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_first_run_shows_the_whole_safety_list(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    screen = SetupScreen(LIBRARY, SetupChoice(LIBRARY.default_routine), safety_first=True)
    assert snap_compare(Host(screen), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_setup_after_the_safety_notes(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """One key past the notes: the routine, length and mode are in sight before Start."""
    screen = SetupScreen(LIBRARY, SetupChoice("nightly", "partner"), safety_first=True)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(Host(screen), terminal_size=size, run_before=run_before)


def scene(clock: FakeClock, keys: list[str], seconds: float, help_: bool = False) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        await start(pilot)
        for key in keys:
            await pilot.press(key)
        await advance(pilot, clock, seconds)
        if help_:
            await pilot.press("question_mark")
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_player_toes_counted_by_name(
    snap_compare: SnapCompare, make_app: Any, fake_clock: FakeClock, size: tuple[int, int]
) -> None:
    """The full routine's toe rotation, partner mode: the cue, "Toe 2 of 5", "all 5 toes"."""
    app = make_app(library=LIBRARY, mode="partner")
    keys = ["n", "down", "down", "down"]
    assert snap_compare(app, terminal_size=size, run_before=scene(fake_clock, keys, 12))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_player_ball_hold_with_box_breathing(
    snap_compare: SnapCompare, make_app: Any, fake_clock: FakeClock, size: tuple[int, int]
) -> None:
    """A hold point: "this hold" under the countdown, "Point 1 of 5", and "Hold the breath" beside."""
    app = make_app(library=LIBRARY)
    keys = ["n", "down", "down", "down", "down"]
    assert snap_compare(app, terminal_size=size, run_before=scene(fake_clock, keys, 5.5))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_player_help(
    snap_compare: SnapCompare, make_app: Any, fake_clock: FakeClock, size: tuple[int, int]
) -> None:
    app = make_app(library=LIBRARY)
    assert snap_compare(app, terminal_size=size, run_before=scene(fake_clock, ["n"], 1, help_=True))
