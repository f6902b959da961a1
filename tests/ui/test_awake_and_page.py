"""The app keeps the screen on during a session (wakepy faked), says so on setup, and in a served session
sends its cues to the page instead of ringing the bell."""

from __future__ import annotations

from collections.abc import Callable

from coach.awake.policy import PAUSE_RELEASE
from coach.serve.channel import PageCueSink
from coach.ui.app import CoachApp
from coach.ui.screens.setup.session_panel import SessionPanel
from coach.ui.screens.summary import SummaryScreen
from tests.app_helpers import FakeKeeper, advance, player_of, screen_lines, start, to_next_deadline
from tests.engine_helpers import FakeClock

AppFactory = Callable[..., CoachApp]


async def test_setup_says_how_the_screen_is_kept_awake(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()  # the keeper is asked just after the first frame
        panel = app.screen.query_one(SessionPanel)
        line = "Screen kept awake during a session (org.freedesktop.ScreenSaver)"
        assert panel.text("awake-line") == line
        shown = "\n".join(screen_lines(app))
        assert "Screen kept awake during a session" in shown  # wrapped at the panel's width
        assert "(org.freedesktop.ScreenSaver)" in shown
        await pilot.resize_terminal(80, 24)  # small: the short form, on one line
        await pilot.pause()
        assert panel.text("awake-line") == "Screen kept awake"
        text = "\n".join(screen_lines(app))
        assert "Screen kept awake" in text and "during a session" not in text


async def test_held_while_playing_released_after_a_long_pause_and_at_the_end(
    make_app: AppFactory, fake_clock: FakeClock, keeper: FakeKeeper
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert keeper.calls == []  # nothing held on the setup screen
        await start(pilot)
        assert keeper.calls == ["hold"]
        await pilot.press("space")  # pause
        player = player_of(app)
        assert player._awake_timer is not None  # it will look again when the pause has lasted
        await advance(pilot, fake_clock, PAUSE_RELEASE - 1)
        assert app.awake is not None
        app.awake.check()
        assert keeper.calls == ["hold"]  # a short pause keeps the screen on
        fake_clock.advance(1)
        app.awake.check()
        assert keeper.calls == ["hold", "release"]
        await pilot.press("space")  # resume: on again
        assert keeper.calls == ["hold", "release", "hold"]
        while not isinstance(app.screen, SummaryScreen):
            await to_next_deadline(pilot, fake_clock)
        assert keeper.calls == ["hold", "release", "hold", "release"]
    assert keeper.calls[-1] == "close"


async def test_served_the_cues_go_to_the_page_and_no_bell_rings(
    make_app: AppFactory, fake_clock: FakeClock
) -> None:
    app = make_app()
    rings: list[float] = []
    sent: list[dict[str, object]] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.bell = lambda: rings.append(fake_clock.now)  # type: ignore[method-assign]
        app.page = PageCueSink(sent.append)
        await start(pilot)
        await advance(pilot, fake_clock, 10.001)  # the 10 s "Get ready" ends: the first step, by the clock
        await pilot.press("n")  # on to the next part by a key: its words, but no tone
        session = player_of(app).session
        spoken = [segment.cue or segment.title for segment in session.plan.segments]
        after_key = session.state().segment.index
    assert rings == []  # served, the server's terminal bell stays silent
    cues = [(packet["cue"], packet.get("sound") or packet.get("text")) for packet in sent]
    # Each part's short cue from the routines file (its title where it has none).
    assert cues == [("say", spoken[0]), ("chime", "bell"), ("say", spoken[1]), ("say", spoken[after_key])]
    assert spoken[0] == "Settle in and slow your breath" and after_key == 2
