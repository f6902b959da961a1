"""Snapshots of the setup and summary screens at 80x24 and 120x40 (and one small size each).

Fixed data, the app's own theme and no clock: the pictures depend on nothing but the code.
Regenerate with ``pytest --snapshot-update tests/test_snapshots_setup_summary.py`` and look at them.
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
from coach.ui.screens.summary import SummaryScreen
from tests.setup_summary_fixtures import EVENING, LIBRARY, Host, record

SnapCompare = Callable[..., bool]
SIZES = [(80, 24), (120, 40)]


async def settle(pilot: Pilot[Any]) -> None:
    """Let the setup screen fit its safety notes to the room the panels leave (after a layout)."""
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("mode", ["self", "partner"])
def test_setup(snap_compare: SnapCompare, mode: Any, size: tuple[int, int]) -> None:
    """Two items ticked, lavender chosen, a target length inside the range: the plan line says so."""
    prefill = SetupChoice("evening", mode, 8.0, oil="lavender", ticked=frozenset({"lights", "towel"}))
    assert snap_compare(Host(SetupScreen(LIBRARY, prefill)), terminal_size=size, run_before=settle)


def test_setup_length_out_of_reach_one_foot(snap_compare: SnapCompare) -> None:
    """More than one foot of the routine does well: the plan line says it plays its longest."""
    prefill = SetupChoice("evening", feet=("right",), minutes=15.0)
    assert snap_compare(Host(SetupScreen(LIBRARY, prefill)), terminal_size=(80, 24), run_before=settle)


def test_setup_too_short_offers_what_fits(snap_compare: SnapCompare) -> None:
    """The shipped full routine at 11 minutes (as from --minutes 11): refused, its shortest, and what fits."""
    library = load_library(shipped_routines())
    prefill = SetupChoice("full", minutes=11.0)
    assert snap_compare(Host(SetupScreen(library, prefill)), terminal_size=(80, 24), run_before=settle)


def test_setup_small(snap_compare: SnapCompare) -> None:
    """40x12: the panels stack, extras and borders go, one safety line stays."""
    screen = SetupScreen(LIBRARY, SetupChoice("evening"))
    assert snap_compare(Host(screen), terminal_size=(40, 12), run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_setup_shipped_routines(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """The shipped routines file's own checklist, routine and safety notes, in partner mode."""
    library = load_library(shipped_routines())
    prefill = SetupChoice(library.default_routine, "partner")
    assert snap_compare(Host(SetupScreen(library, prefill)), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_summary_with_skipped_steps(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    """Ended early: a step skipped, one shortened, one not reached, each foot partly done; massage time
    apart from the lead-in and towel; relaxed rated 4, sleepy current."""
    assert snap_compare(Host(SummaryScreen(record(), EVENING)), terminal_size=size, press=["4"])


def test_summary_small(snap_compare: SnapCompare) -> None:
    """40x12: no benefits, the table's short form, the ratings still there."""
    assert snap_compare(Host(SummaryScreen(record(finished=True), EVENING)), terminal_size=(40, 12))
