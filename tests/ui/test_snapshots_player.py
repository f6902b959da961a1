"""Snapshots of the player: 80x24 and 120x40, playing and paused, left and right foot, 60x16 and 40x12.

Deterministic: the fake clock fixes every number and the breathing bar, the theme is the default one.
Regenerate with ``pytest --snapshot-update tests/test_snapshots_player.py`` and look at every SVG.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual.pilot import Pilot

from coach.ui.app import CoachApp
from tests.app_helpers import advance, start
from tests.engine_helpers import FakeClock

AppFactory = Callable[..., CoachApp]
Snap = Callable[..., bool]


Scene = Callable[[Pilot[int]], Awaitable[None]]


def scene(clock: FakeClock, skips: int, seconds: float, pause: bool = False) -> Scene:
    """Start, skip ``skips`` parts, let ``seconds`` pass, and pause if asked."""

    async def run_before(pilot: Pilot[int]) -> None:
        await start(pilot)
        for _ in range(skips):
            await pilot.press("n")
        await advance(pilot, clock, seconds)
        if pause:
            await pilot.press("space")
        await pilot.pause()

    return run_before


def test_left_hold_playing_80x24(snap_compare: Snap, make_app: AppFactory, fake_clock: FakeClock) -> None:
    # Ball point 1 of 3, 5.5 s in: the hold's minimum is reached, the breath is mid-way in.
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=scene(fake_clock, 5, 5.5))


def test_left_reps_paused_80x24(snap_compare: Snap, make_app: AppFactory, fake_clock: FakeClock) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=scene(fake_clock, 2, 7, pause=True))


def test_right_partner_playing_120x40(
    snap_compare: Snap, make_app: AppFactory, fake_clock: FakeClock
) -> None:
    # Counter-clockwise circles on the partner's right foot, the last rep, the "Next:" line lit.
    app = make_app(mode="partner")
    assert snap_compare(app, terminal_size=(120, 40), run_before=scene(fake_clock, 11, 21))


def test_right_paused_120x40(snap_compare: Snap, make_app: AppFactory, fake_clock: FakeClock) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=scene(fake_clock, 9, 30, pause=True))


def test_towel_transition_40x12(snap_compare: Snap, make_app: AppFactory, fake_clock: FakeClock) -> None:
    assert snap_compare(make_app(), terminal_size=(40, 12), run_before=scene(fake_clock, 8, 3))


def test_hold_muted_60x16(snap_compare: Snap, make_app: AppFactory, fake_clock: FakeClock) -> None:
    # Small: the three-row digits with the count, the hint and the breath word beside them; sound off.
    assert snap_compare(make_app(sound=False), terminal_size=(60, 16), run_before=scene(fake_clock, 5, 5.5))
