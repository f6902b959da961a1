"""The morning check-in and the offer to resume, in the whole app on a fake clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from coach.engine import Session, build_plan
from coach.history import History, NightAnswer, history_path, load_history
from coach.history import store as history_store
from coach.history.resume import SnapshotKeeper, read_snapshot, resume_path
from coach.ui.app import CoachApp
from coach.ui.screens.checkin import CheckInScreen
from coach.ui.screens.history import HistoryScreen
from coach.ui.screens.resume import ResumeScreen
from coach.ui.screens.setup.screen import SetupScreen
from coach.ui.screens.summary import SummaryScreen
from tests.app_helpers import player_of, screen_lines, start, to_next_deadline
from tests.engine_helpers import FakeClock, make_library
from tests.history_helpers import make_record

AppFactory = Callable[..., CoachApp]
LIB = make_library()


@pytest.fixture(autouse=True)
def _fresh() -> None:
    history_store._SNAPSHOTS.clear()


def local(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute).astimezone()


def set_wall(clock: FakeClock, moment: datetime) -> None:
    clock.wall_now = moment.timestamp()


def add_session(base: Path, started: datetime, entry_id: str) -> None:
    History(history_path(base)).append(make_record(started), entry_id=entry_id)
    history_store._SNAPSHOTS.clear()


async def opened(app: CoachApp, size: tuple[int, int] = (80, 24)) -> type:
    """The screen the app shows once it has settled after starting."""
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause()
        return type(app.screen)


async def test_the_check_in_appears_the_morning_after_a_session_and_keeps_the_answer(
    make_app: AppFactory, fake_clock: FakeClock, tmp_path: Path
) -> None:
    add_session(tmp_path, local(2024, 5, 1, 22, 30), "a")
    set_wall(fake_clock, local(2024, 5, 2, 7, 15))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CheckInScreen) and screen.night == date(2024, 5, 1)
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "How did you sleep last night?" in text and "The night of Wed 1 May" in text
        await pilot.press("4", "y", "n")  # the last answer closes it
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
    history_store._SNAPSHOTS.clear()
    (answer,) = load_history(tmp_path).nights
    assert (answer.night, answer.sleep, answer.quick, answer.woke) == (date(2024, 5, 1), 4, True, False)
    # Opened again the same day, or the next evening: never asked twice for that night.
    assert await opened(make_app()) is SetupScreen
    set_wall(fake_clock, local(2024, 5, 2, 21, 0))
    assert await opened(make_app()) is SetupScreen


async def test_skipped_is_kept_and_not_asked_again(
    make_app: AppFactory, fake_clock: FakeClock, tmp_path: Path
) -> None:
    add_session(tmp_path, local(2024, 5, 2, 0, 40), "late")  # after midnight: the night of the 1st
    set_wall(fake_clock, local(2024, 5, 2, 9, 0))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen) and app.screen.night == date(2024, 5, 1)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
    (answer,) = load_history(tmp_path).nights
    assert answer.skipped and answer.sleep is None
    assert await opened(make_app()) is SetupScreen


@pytest.mark.parametrize(
    "now",
    [
        local(2024, 5, 3, 8, 0),  # the 2nd had no session
        local(2024, 5, 2, 5, 30),  # the night of the 1st is not over yet
        local(2024, 5, 1, 23, 0),  # the same evening
    ],
)
async def test_no_check_in_without_a_session_last_night(
    make_app: AppFactory, fake_clock: FakeClock, tmp_path: Path, now: datetime
) -> None:
    add_session(tmp_path, local(2024, 5, 1, 22, 30), "a")
    set_wall(fake_clock, now)
    assert await opened(make_app()) is SetupScreen
    assert load_history(tmp_path).nights == ()


async def test_enter_with_only_the_sleep_keeps_it(
    make_app: AppFactory, fake_clock: FakeClock, tmp_path: Path
) -> None:
    add_session(tmp_path, local(2024, 5, 1, 22, 30), "a")
    set_wall(fake_clock, local(2024, 5, 2, 7, 15))
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        assert all(len(line.rstrip()) <= 40 for line in screen_lines(app))
        await pilot.press("2", "enter")
        await pilot.pause()
    (answer,) = load_history(tmp_path).nights
    assert (answer.sleep, answer.quick, answer.woke, answer.skipped) == (2, None, None, False)


def leave_snapshot(base: Path, clock: FakeClock, seconds: float, entry_id: str = "cut") -> Session:
    """A session of the test library's ``mini`` routine played ``seconds`` and cut short."""
    session = Session(build_plan(LIB, "mini"), clock.clock, clock.wall)
    session.start()
    clock.advance(seconds)
    session.update()
    SnapshotKeeper(resume_path(base), entry_id, clock=clock.clock).note(session, force=True)
    return session


async def test_a_session_cut_short_is_offered_and_resumes_at_the_start_of_its_part(
    make_app: AppFactory, fake_clock: FakeClock, tmp_path: Path
) -> None:
    cut = leave_snapshot(tmp_path, fake_clock, 35)  # the lead-in (10 s), then 25 s into step 1
    before = cut.record()
    fake_clock.advance(600)  # ten minutes later coach starts again
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        text = "\n".join(screen_lines(app))
        assert f"Resume the session from {before.started_at:%H:%M} (left foot, step 1 of 3)?" in text
        await pilot.press("y")
        await pilot.pause()
        player = player_of(app)
        state = player.session.state()
        assert (state.index, state.elapsed) == (1, 0.0)
        for _ in range(400):
            if isinstance(app.screen, SummaryScreen):
                break
            await to_next_deadline(pilot, fake_clock)
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("5", "enter")
    history_store._SNAPSHOTS.clear()
    (entry,) = load_history(tmp_path).entries
    assert entry.id == "cut" and entry.record.finished and entry.relaxed == 5
    assert entry.record.started_at == before.started_at
    assert entry.record.actual_seconds == pytest.approx(player.session.plan.total + 25, abs=0.01)
    assert entry.record.paused_seconds == pytest.approx(600, abs=0.01)
    assert not resume_path(tmp_path).exists()


async def test_keeping_it_as_ended_early_stores_it_once(
    make_app: AppFactory, fake_clock: FakeClock, tmp_path: Path
) -> None:
    leave_snapshot(tmp_path, fake_clock, 35)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("n", "n", "y")  # a burst: only the first key answers
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
    (entry,) = load_history(tmp_path).entries
    assert entry.id == "cut" and not entry.record.finished
    assert entry.record.actual_seconds == pytest.approx(35, abs=0.01)
    assert not resume_path(tmp_path).exists()
    assert await opened(make_app()) is SetupScreen


async def test_an_expired_snapshot_is_kept_without_asking(
    make_app: AppFactory, fake_clock: FakeClock, tmp_path: Path
) -> None:
    leave_snapshot(tmp_path, fake_clock, 35)
    fake_clock.advance(5 * 3600)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert any("ended early" in str(n.message) for n in app._notifications)
    (entry,) = load_history(tmp_path).entries
    assert entry.id == "cut" and not entry.record.finished


async def test_a_changed_routine_can_only_be_kept(
    make_app: AppFactory, fake_clock: FakeClock, tmp_path: Path
) -> None:
    leave_snapshot(tmp_path, fake_clock, 35)
    snapshot = read_snapshot(resume_path(tmp_path))
    assert snapshot is not None
    text = resume_path(tmp_path).read_text("utf-8").replace(snapshot.progress.fingerprint, "0" * 16)
    resume_path(tmp_path).write_text(text, "utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        assert "cannot carry on" in "\n".join(screen_lines(app))
        await pilot.press("y")
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
    assert len(load_history(tmp_path).entries) == 1


async def test_a_playing_session_keeps_its_snapshot_and_drops_it_at_the_end(
    make_app: AppFactory, fake_clock: FakeClock, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        player = await start(pilot)
        await to_next_deadline(pilot, fake_clock)
        assert player.snapshots is not None
        player.snapshots.flush()
        snapshot = read_snapshot(resume_path(tmp_path))
        assert snapshot is not None and snapshot.routine_id == "mini"
        await pilot.press("space")  # a pause is written at once
        player.snapshots.flush()
        paused = read_snapshot(resume_path(tmp_path))
        assert paused is not None and paused.progress.saved_wall >= snapshot.progress.saved_wall
        await pilot.press("q", "y")
        assert isinstance(app.screen, SummaryScreen)
        assert not resume_path(tmp_path).exists()
        assert player.snapshots.writes >= 2
    assert len(load_history(tmp_path).entries) == 1


async def test_a_simulated_fortnight(make_app: AppFactory, fake_clock: FakeClock, tmp_path: Path) -> None:
    """Fourteen nights: a session on most evenings, coach opened every morning. The question comes on
    exactly the mornings after a session; nights without are rated from the command line; the history
    screen then sets the two kinds of night side by side with the right numbers."""
    first = date(2024, 5, 6)
    session_nights = {0, 1, 2, 4, 5, 7, 8, 10, 11, 12}
    asked: list[date] = []
    for day in range(14):
        night = first + timedelta(days=day)
        if day in session_nights:
            add_session(tmp_path, local(night.year, night.month, night.day, 22, 40), f"n{day}")
        morning = night + timedelta(days=1)
        set_wall(fake_clock, local(morning.year, morning.month, morning.day, 7, 30))
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            if isinstance(app.screen, CheckInScreen):
                asked.append(app.screen.night)
                await pilot.press("4" if day % 2 else "5", "y", "n")
                await pilot.pause()
        if day not in session_nights:
            History(history_path(tmp_path)).answer(NightAnswer(night, 3))
        history_store._SNAPSHOTS.clear()
    assert asked == [first + timedelta(days=d) for d in sorted(session_nights)]
    # Massage nights: 5 on even days (0, 2, 4, 8, 10, 12 -> 6), 4 on odd (1, 5, 7, 11 -> 4): mean 4.6.
    app = make_app()
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        text = " ".join(" ".join(screen_lines(app)).split())
    assert "too few nights to say anything yet (10 nights with a massage, 4.6 on average, 4 nights" in text
    assert "without, 3.0 on average)" in text


async def stopped_by_a_signal(make_app: AppFactory, fake_clock: FakeClock, tmp_path: Path) -> str:
    """A session 25 s into its first step when the terminal closes (SIGHUP); its entry's id."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        fake_clock.advance(35)  # the lead-in (10 s), then 25 s into step 1
        player_of(app).tick()
        await pilot.pause()
        app.end_on_signal(1)
        await pilot.pause()
    assert app.return_code == 129
    history_store._SNAPSHOTS.clear()
    (entry,) = load_history(tmp_path).entries
    assert not entry.record.finished  # kept at once, whatever happens next
    snapshot = read_snapshot(resume_path(tmp_path))
    assert snapshot is not None and snapshot.kept and snapshot.entry_id == entry.id
    return entry.id


async def test_a_session_stopped_by_a_signal_is_kept_and_carrying_it_on_makes_it_whole(
    make_app: AppFactory, fake_clock: FakeClock, tmp_path: Path
) -> None:
    entry_id = await stopped_by_a_signal(make_app, fake_clock, tmp_path)
    fake_clock.advance(300)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        assert "(left foot, step 1 of 3)?" in "\n".join(screen_lines(app))
        await pilot.press("y")
        await pilot.pause()
        player = player_of(app)
        for _ in range(400):
            if isinstance(app.screen, SummaryScreen):
                break
            await to_next_deadline(pilot, fake_clock)
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("4", "enter")
    history_store._SNAPSHOTS.clear()
    (entry,) = load_history(tmp_path).entries  # one session, not two
    assert entry.id == entry_id and entry.record.finished and entry.relaxed == 4
    assert entry.record.actual_seconds == pytest.approx(player.session.plan.total + 25, abs=0.01)
    assert not resume_path(tmp_path).exists()
    assert await opened(make_app()) is SetupScreen  # and not offered again


async def test_a_session_stopped_by_a_signal_and_not_carried_on_stays_as_it_was_kept(
    make_app: AppFactory, fake_clock: FakeClock, tmp_path: Path
) -> None:
    entry_id = await stopped_by_a_signal(make_app, fake_clock, tmp_path)
    kept = load_history(tmp_path).entries[0]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
    history_store._SNAPSHOTS.clear()
    assert load_history(tmp_path).entries == (kept,) and kept.id == entry_id
    assert not resume_path(tmp_path).exists()


async def test_a_session_stopped_by_a_signal_is_not_offered_after_hours(
    make_app: AppFactory, fake_clock: FakeClock, tmp_path: Path
) -> None:
    await stopped_by_a_signal(make_app, fake_clock, tmp_path)
    kept = load_history(tmp_path).entries
    fake_clock.advance(5 * 3600)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert any("kept in your history as ended early" in str(n.message) for n in app._notifications)
    history_store._SNAPSHOTS.clear()
    assert load_history(tmp_path).entries == kept
    assert not resume_path(tmp_path).exists()
