"""The player's timers on the real clock: a part ends on its deadline, not a tick late; paused is idle."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from coach.options import LaunchOptions
from coach.routines import Duration, Library, Phase, Routine, Step, Texts
from coach.ui.app import CoachApp, create_app
from coach.ui.screens.player.driver import SessionDriver
from coach.ui.screens.player.timing import DEADLINE_SLACK
from coach.ui.screens.summary import SummaryScreen
from tests.app_helpers import start
from tests.engine_helpers import CALM
from tests.sound.fakes import fake_sound


def quiet_app(tmp_path: Path, seconds: int = 1) -> CoachApp:
    """The app on the real clock, silent: the deadlines are what is measured here (bench/run.py measures
    what sound costs, tests/ui/test_player_sound.py what it plays)."""
    options = LaunchOptions(library=quick_library(seconds), feet=("left",), data_dir=tmp_path, sound=False)
    return create_app(options, sound=fake_sound(None, time.monotonic).system)


def quick_library(seconds: int = 1) -> Library:
    """Two steps of ``seconds`` each on one foot, no lead-in: by default a whole session in two seconds."""
    steps = tuple(
        Step(name, name.title(), Texts(f"Do {name}."), "arch", "gentle",
             (Phase(name, name.title(), Texts(""), "timed", Duration(seconds, seconds)),))
        for name in ("first", "second")
    )
    routine = Routine("quick", "Quick", "Two short steps.", steps, "calm", lead_in=0, transition_seconds=0)
    return Library("<quick>", (), (), {"calm": CALM}, {"quick": routine}, "quick")


class ReadClock:
    """The real monotonic clock, remembering the last time it was read."""

    def __init__(self) -> None:
        self.last = time.monotonic()

    def __call__(self) -> float:
        self.last = time.monotonic()
        return self.last


async def test_parts_end_on_their_deadline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # What is checked is when the player plans to wake, not how late a busy machine's event loop
    # delivers the wake-up (that is for bench/run.py): every deadline timer is set, from the clock's
    # reading, for the session's next deadline plus the slack that keeps a timer woken a little early
    # from finding it not yet due; and only that timer moves the session on, so it ends by itself.
    clock = ReadClock()
    planned: list[tuple[float, float]] = []
    original = SessionDriver.set_timer

    def set_timer(self: SessionDriver, delay: float, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("name") == "deadline":
            deadline = self.session.next_deadline()
            assert deadline is not None
            planned.append((delay, max(0.0, deadline - clock.last) + DEADLINE_SLACK))
        return original(self, delay, *args, **kwargs)

    monkeypatch.setattr(SessionDriver, "set_timer", set_timer)
    options = LaunchOptions(library=quick_library(), feet=("left",), data_dir=tmp_path, sound=False)
    app = create_app(options, clock=clock, sound=fake_sound(None, clock).system)
    async with app.run_test(size=(80, 24)) as pilot:
        # Enter starts the session (no safety notes in this library); on a busy machine it can be over
        # before the player is seen, so wait for the summary rather than for the player.
        await pilot.press("enter")
        started = time.monotonic()
        while not isinstance(app.screen, SummaryScreen) and time.monotonic() - started < 30:
            await pilot.pause(0.05)
        assert isinstance(app.screen, SummaryScreen), "the session did not end by itself"
    # One for the end of each part; a machine busy enough to wake the first a second late ends both
    # parts at once (the session catches up with its clock), and then the first is the only one.
    assert planned
    for delay, expected in planned:
        assert delay == pytest.approx(expected, abs=1e-9)


async def test_nothing_wakes_while_paused(tmp_path: Path) -> None:
    app = quiet_app(tmp_path, seconds=600)  # long enough that a loaded machine cannot end it meanwhile
    async with app.run_test(size=(80, 24)) as pilot:
        player = await start(pilot)
        assert player._deadline_timer is not None and player._frame_timer is not None
        await pilot.press("space")
        assert player._deadline_timer is None and player._frame_timer is None
        await pilot.press("space")
        assert player._deadline_timer is not None and player._frame_timer is not None


def test_frame_delay_waits_for_the_next_visible_change() -> None:
    from pytest import approx

    from coach.engine import Session, build_plan
    from coach.ui.screens.player.timing import FRAME_SLACK, frame_delay
    from tests.engine_helpers import FakeClock, make_library

    clock = FakeClock()
    session = Session(build_plan(make_library(), "mini"), clock.clock, clock.wall)
    session.start()
    clock.advance(0.3)  # lead-in, 9.7 s left, breathing in (4 s)
    state = session.state()
    assert frame_delay(state) == approx(0.7 + FRAME_SLACK)  # the next shown second (the bar moves with it)
    clock.advance(4.0)  # breathing out now, the word stays until 6 s later
    assert frame_delay(session.state()) == approx(0.7 + FRAME_SLACK)
    session.next()
    session.next()  # clockwise circles: 5 reps of 5 s
    clock.advance(4.75)
    assert frame_delay(session.state()) == approx(0.25 + FRAME_SLACK)  # rep 2 starts
    session.pause()
    assert session.next_deadline() is None


def test_breathing_bar_moves_in_whole_steps_at_most_once_between_two_seconds() -> None:
    """The bar's drawing is computed from time in whole steps, one a second, and needs no frame of its
    own: drawn at each shown second it moves by one step (four in, six out for the calm breath)."""
    from pytest import approx

    from coach.engine.breath import breath_at
    from coach.routines import BreathingPattern
    from coach.ui.screens.player.timing import BAR_STEPS_PER_SECOND, bar_fullness, bar_steps

    pattern = BreathingPattern("calm", "Calm", 4, 0, 6, 0)
    assert bar_steps(breath_at(pattern, 0.0)) == 4 * BAR_STEPS_PER_SECOND  # type: ignore[arg-type]
    # Between two shown seconds (here 0.37 s out of step with the breath) the bar moves at most once.
    for tick in (0.37 + n for n in range(20)):
        levels = {bar_fullness(breath_at(pattern, tick + k / 20)) for k in range(20)}
        assert len(levels) <= 2, tick
    # Drawn once a second, it fills in four steps and empties in six.
    drawn = [bar_fullness(breath_at(pattern, t + 0.37)) for t in range(10)]
    assert drawn == approx([0.0, 0.25, 0.5, 0.75, 1.0, 5 / 6, 4 / 6, 3 / 6, 2 / 6, 1 / 6])
    held = breath_at(BreathingPattern("box", "Box", 4, 4, 4, 4), 5.0)
    assert held is not None and bar_fullness(held) == 1.0
    assert bar_fullness(None) == 0.0
