"""The app around the screens: what it starts with, what it remembers, and the way round and out."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from coach.history import load_history
from coach.settings import Settings, load_settings, save_settings
from coach.ui.app import CoachApp
from coach.ui.screens.history import HistoryScreen
from coach.ui.screens.player.screen import PlayerScreen
from coach.ui.screens.setup.screen import SetupScreen
from coach.ui.screens.summary import SummaryScreen
from tests.app_helpers import advance, screen_lines, start
from tests.engine_helpers import FakeClock
from tests.setup_summary_fixtures import burst

AppFactory = Callable[..., CoachApp]


async def test_setup_first_then_q_quits_with_0(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, SetupScreen)
        assert app.theme == "coach-night"
        await pilot.press("q")
    assert app.return_code == 0


async def test_command_line_beats_remembered_settings(make_app: AppFactory, tmp_path: Path) -> None:
    save_settings(tmp_path, Settings(routine_id="fixed", mode="partner", sound=False, reduced_motion=True))
    app = make_app(mode="self", sound=True)
    assert app.sound_on is True  # from the command line
    assert app.reduced_motion is True  # remembered
    assert (app.last_choice.routine_id, app.last_choice.mode) == ("fixed", "self")
    async with app.run_test(size=(80, 24)) as pilot:
        setup = app.screen
        assert isinstance(setup, SetupScreen) and setup.mode == "self" and setup.routine_id == "fixed"
        player = await start(pilot)
        assert player.reduced_motion
        assert player.session.plan.routine.id == "fixed"


async def test_a_remembered_routine_that_is_gone_falls_back_to_the_default(
    make_app: AppFactory, tmp_path: Path
) -> None:
    save_settings(tmp_path, Settings(routine_id="vanished"))
    assert make_app().last_choice.routine_id == "mini"


async def test_the_choice_is_remembered_and_setup_comes_back_prefilled(
    make_app: AppFactory, fake_clock: FakeClock, tmp_path: Path
) -> None:
    app = make_app(mode="partner", feet=("right",))
    async with app.run_test(size=(80, 24)) as pilot:
        player = await start(pilot)
        assert player.session.plan.feet == ("right",) and player.session.plan.mode == "partner"
        await pilot.press("q", "y")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        assert (setup.mode, setup.feet) == ("partner", ("right",))
    # --mode and --foot were for that run only: what was remembered before stays.
    remembered = load_settings(tmp_path).settings
    assert (remembered.mode, remembered.feet, remembered.routine_id) == ("self", ("left", "right"), "mini")


async def test_command_line_values_are_remembered_only_when_changed_on_setup(
    make_app: AppFactory, tmp_path: Path
) -> None:
    save_settings(tmp_path, Settings(routine_id="fixed", mode="self", feet=("left",),
                                     minutes_by_routine={"mini": 9.0}))
    app = make_app(routine_id="mini", mode="partner", feet=("right",), minutes=8.0)
    async with app.run_test(size=(80, 24)) as pilot:
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        shown = (setup.routine_id, setup.mode, setup.feet, setup.minutes)
        assert shown == ("mini", "partner", ("right",), 8.0)
        await pilot.press("f")  # the feet changed on the setup screen: remembered
        await start(pilot)
    remembered = load_settings(tmp_path).settings
    assert remembered.feet == ("left", "right")
    # Routine, mode and length stayed as the command line gave them: the remembered ones stay.
    assert (remembered.routine_id, remembered.mode) == ("fixed", "self")
    assert remembered.minutes_by_routine == {"mini": 9.0}


async def test_a_length_from_the_command_line_changed_on_setup_is_remembered(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(routine_id="mini", minutes=8.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("plus")
        await start(pilot)
    remembered = load_settings(tmp_path).settings
    assert remembered.minutes_by_routine == {"mini": 9.0}
    assert remembered.routine_id is None  # --routine as given: not remembered


async def test_history_opens_from_setup_and_closes(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, SetupScreen)


async def test_a_history_that_cannot_be_written_does_not_stop_the_summary(
    make_app: AppFactory, tmp_path: Path
) -> None:
    (tmp_path / "data").write_text("a file where the data folder should be")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("q", "y")
        assert isinstance(app.screen, SummaryScreen)
        assert any(n.title == "Not saved" for n in app._notifications)
        await pilot.press("4", "enter")
        assert isinstance(app.screen, SetupScreen)


async def test_player_is_not_left_running_after_ctrl_q_on_the_question(
    make_app: AppFactory, tmp_path: Path
) -> None:
    from coach.history import load_history

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        player = await start(pilot)
        await pilot.press("q")
        await pilot.press("ctrl+q")
    assert isinstance(player, PlayerScreen) and player.session.state().finished
    assert len(load_history(tmp_path).entries) == 1


async def test_each_routine_remembers_its_own_length(make_app: AppFactory, tmp_path: Path) -> None:
    save_settings(tmp_path, Settings(routine_id="mini", minutes_by_routine={"mini": 9.0, "gone": 3.0}))
    app = make_app(routine_id="fixed", minutes=2.0)  # --routine fixed --minutes 2
    assert (app.last_choice.routine_id, app.last_choice.minutes) == ("fixed", 2.0)
    async with app.run_test(size=(80, 24)) as pilot:
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        await pilot.press("r")  # mini: its own remembered length, not the command line's
        assert (setup.routine_id, setup.minutes) == ("mini", 9.0)
        await pilot.press("r")  # back to fixed: the command line's length again
        assert (setup.routine_id, setup.minutes) == ("fixed", 2.0)
        player = await start(pilot)
        assert player.session.plan.total == pytest.approx(120, abs=1)
    # --routine and --minutes were for this run only: nothing changes; an id the file lacks is kept.
    remembered = load_settings(tmp_path).settings
    assert remembered.minutes_by_routine == {"mini": 9.0, "gone": 3.0}
    assert remembered.routine_id == "mini"


async def test_a_routine_without_a_remembered_length_starts_natural(make_app: AppFactory,
                                                                   tmp_path: Path) -> None:
    save_settings(tmp_path, Settings(routine_id="mini", minutes_by_routine={"mini": 12.0}))
    app = make_app(routine_id="fixed")
    assert app.last_choice.minutes is None  # not mini's 12 minutes stretched over fixed
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        setup = app.screen
        assert isinstance(setup, SetupScreen) and setup.minutes == 12.0
        await pilot.press("0", "r", "r")  # mini back to natural, round to mini again
        assert setup.minutes is None
        await start(pilot)
    assert load_settings(tmp_path).settings.minutes_by_routine == {}


async def test_the_sound_shows_on_setup_and_m_there_is_remembered(
    make_app: AppFactory, tmp_path: Path, fake_clock: FakeClock
) -> None:
    save_settings(tmp_path, Settings(sound=False))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert "m Sound   Off" in "\n".join(screen_lines(app))
        await pilot.press("m")
        assert app.sound_on is True
        assert "m Sound   Voice + chime" in "\n".join(screen_lines(app))
        # Sound turned on: the silent probe plays first, and only then is a player named.
        assert "checking players · a test" in "\n".join(screen_lines(app))
        fake_clock.advance(0.1)
        assert app.sound is not None
        app.sound.pump()
        await pilot.pause()
        assert "espeak-ng -> aplay · a test" in "\n".join(screen_lines(app))
    assert load_settings(tmp_path).settings.sound is True


async def test_a_double_enter_on_the_summary_does_not_start_the_next_session(
    make_app: AppFactory, fake_clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("q", "y")
        assert isinstance(app.screen, SummaryScreen)
        await burst(pilot, "enter", "enter")  # the second arrives as the setup screen appears
        assert isinstance(app.screen, SetupScreen)
        fake_clock.advance(0.5)
        await pilot.press("enter")  # still too soon to be meant
        assert isinstance(app.screen, SetupScreen)
        fake_clock.advance(0.6)
        await pilot.press("enter")
        assert isinstance(app.screen, PlayerScreen)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
async def test_a_signal_mid_session_keeps_it_in_history_and_exits(
    make_app: AppFactory, fake_clock: FakeClock, tmp_path: Path, signum: int
) -> None:
    before = signal.getsignal(signum)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await advance(pilot, fake_clock, 30)
        # Sent only when the app handles it: otherwise it would end the test run itself.
        assert signum in app._signals
        os.kill(os.getpid(), signum)
        for _ in range(20):
            await pilot.pause(0.01)
            if app.return_code is not None:
                break
    assert app.return_code == 128 + signum
    (entry,) = load_history(tmp_path).entries
    assert not entry.record.finished
    assert entry.record.actual_seconds == pytest.approx(30, abs=1)
    assert signal.getsignal(signum) == before  # handed back when the app ended


async def test_hiding_the_streak_on_the_history_screen_is_remembered(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("k")  # no sessions yet: the key does nothing
        await pilot.pause()
    assert load_settings(tmp_path).settings.show_streak is True
    save_settings(tmp_path, Settings(show_streak=False))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        screen = app.screen
        assert isinstance(screen, HistoryScreen) and screen.show_streak is False
        screen.action_toggle_streak()
        await pilot.pause()
    assert load_settings(tmp_path).settings.show_streak is True


async def test_a_long_history_is_read_in_the_background_while_its_screen_says_so(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Years of sessions take a while to read: the screen shows at once, says it is reading, and
    fills in when the history is read."""
    import threading

    from textual.widgets import Static

    from coach import history
    from coach.history import append_session
    from coach.ui import app as app_module
    from tests.history_helpers import fixture_entries

    for entry in fixture_entries():
        append_session(tmp_path, entry.record, entry.relaxed, entry.sleepy, entry_id=entry.id)
    monkeypatch.setattr(app_module, "READ_HISTORY_AT_ONCE", 0)  # as if it were a long one
    go_on = threading.Event()
    real_load = history.load_overview

    def slow_load(data_dir: Path | None = None) -> history.Overview:
        go_on.wait(10)
        return real_load(data_dir)

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(history, "load_overview", slow_load)
        await pilot.press("h")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert "Reading the history" in str(screen.query_one("#history-reading", Static).render())
        go_on.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not screen.query("#history-reading")
        assert "Latest sessions" in str(screen.query_one("#recent-title", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
