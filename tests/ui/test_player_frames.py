"""What a second of playing asks of the screen: only what changed is drawn again, and a paused session
asks nothing at all. Counted, never timed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyte
import pytest
from rich.segment import Segment
from textual._compositor import CompositorUpdate
from textual._styles_cache import StylesCache
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Footer

from coach.routines.load import load_library
from coach.ui.app import CoachApp
from coach.ui.screens.player.screen import PlayerScreen
from coach.ui.widgets.steady import SteadyLines, SteadyVertical
from tests.app_helpers import advance, player_of, screen_lines, shown, start, to_next_deadline
from tests.engine_helpers import FakeClock

AppFactory = Callable[..., CoachApp]


@contextmanager
def drawn(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """Count, by widget id (or class), the widgets Textual's style cache is asked to draw: what a frame
    costs per widget, even when the widget's own lines come from that cache."""
    counts: Counter[str] = Counter()
    original = StylesCache.render_widget

    def counted(self: StylesCache, widget: Widget, crop: Region) -> list[Strip]:
        counts[widget.id or type(widget).__name__] += 1
        return original(self, widget, crop)

    monkeypatch.setattr(StylesCache, "render_widget", counted)
    yield counts


@contextmanager
def refreshes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, tuple[Region, ...]]]]:
    """Every refresh asked of any widget: (its id or class, the regions asked for)."""
    asked: list[tuple[str, tuple[Region, ...]]] = []
    original = Widget.refresh

    def spy(self: Widget, *regions: Region, **kwargs: bool) -> Widget:
        asked.append((self.id or type(self).__name__, regions))
        return original(self, *regions, **kwargs)

    monkeypatch.setattr(Widget, "refresh", spy)
    yield asked


async def test_a_second_draws_only_what_changed(
    make_app: AppFactory, fake_clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await advance(pilot, fake_clock, 2.5)
        before = shown(app)
        with drawn(monkeypatch) as counts:
            await advance(pilot, fake_clock, 1)
            await pilot.pause()
        after = shown(app)
        assert after["countdown"] != before["countdown"], "a second passed on the countdown"
        assert (after["title"], after["where"], after["next"]) == (before["title"], before["where"],
                                                                   before["next"])
        # The countdown and the bars' times changed and were drawn again; nothing else was: the words,
        # the foot map, the containers and the screen handed the frame the lines they drew last time.
        assert counts["countdown"] > 0 and counts["step-meter"] > 0 and counts["session-meter"] > 0
        assert set(counts) <= {"countdown", "step-meter", "session-meter", "breathing", "counter"}, counts


async def test_an_unchanged_second_refreshes_nothing_but_the_clock(
    make_app: AppFactory, fake_clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await advance(pilot, fake_clock, 2.5)
        with refreshes(monkeypatch) as asked:
            await advance(pilot, fake_clock, 1)
        refreshed = {name for name, _regions in asked}
        assert refreshed <= {"countdown", "step-meter", "session-meter", "breathing"}, refreshed


async def test_paused_no_timer_runs_and_nothing_redraws(
    make_app: AppFactory, fake_clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        player = await start(pilot)
        await advance(pilot, fake_clock, 2)
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(player, PlayerScreen) and player.session.state().paused
        assert player._frame_timer is None and player._deadline_timer is None, "no tick while paused"
        with refreshes(monkeypatch) as asked:
            for _ in range(5):
                fake_clock.advance(1)
                await pilot.pause()
        assert asked == [], "paused, nothing on screen changes, so nothing is drawn again"
        assert player_of(app).session.state().paused


class Box(SteadyLines):
    """A steady widget that draws one letter."""

    def __init__(self) -> None:
        super().__init__()
        self.letter = "a"

    def render_line(self, y: int) -> Strip:
        """The letter on the first row."""
        return Strip([Segment(self.letter if y == 0 else "")]).extend_cell_length(self.size.width)


class BoxApp(App[None]):
    """One steady box in a steady container."""

    CSS = """
    SteadyVertical.-dim Box { background: red; }
    Box { height: 2; }
    """

    def compose(self) -> ComposeResult:
        """The box."""
        with SteadyVertical():
            yield Box()


async def test_steady_lines_are_reused_until_something_changes() -> None:
    app = BoxApp()
    async with app.run_test(size=(20, 4)) as pilot:
        box = app.query_one(Box)
        crop = Region(0, 0, box.size.width, box.size.height)
        first = box.render_lines(crop)
        assert box.render_lines(crop) is first, "nothing changed: the same lines"
        box.letter = "b"
        box.refresh()
        second = box.render_lines(crop)
        assert second is not first and second[0].text.startswith("b"), "a refresh draws again"
        app.query_one(SteadyVertical).add_class("-dim")
        await pilot.pause()
        third = box.render_lines(crop)
        assert third is not second, "an ancestor's classes changed: drawn again in the new style"
        assert third[0].text.startswith("b")
        await pilot.resize_terminal(30, 4)
        await pilot.pause()
        assert len(box.render_lines(Region(0, 0, box.size.width, 2))[0].text) == 30, "a new size: drawn again"


LONG_STEP = """
default_routine = "long"
safety = ["Stop if anything hurts."]

[breathing.calm]
name = "Calm breath, 4 in, 6 out"
inhale = 4
exhale = 6

[routines.long]
name = "One long step"
breathing = "calm"
lead_in = 0

[[routines.long.steps]]
id = "strokes"
title = "Long gliding strokes"
text = "Long, gliding strokes from the toes up over the ankle."
zone = "whole"
pressure = "gentle"
minutes = 60
"""
"""One step of an hour: the bars' lengths stay put for many seconds while their times change."""


@pytest.mark.parametrize("routine", ["mini", "long"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40), (40, 12)])
async def test_the_terminal_drawn_frame_by_frame_shows_what_a_full_redraw_shows(
    make_app: AppFactory, fake_clock: FakeClock, tmp_path: Path, size: tuple[int, int], routine: str
) -> None:
    # Widgets repaint only the cells that changed (a digit, a bar's time): a terminal fed only those
    # updates must end up showing exactly what drawing the whole screen afresh shows.
    if routine == "long":
        (tmp_path / "long.toml").write_text(LONG_STEP, encoding="utf-8")
        app = make_app(library=load_library(tmp_path / "long.toml"), reduced_motion=size == (120, 40))
    else:
        app = make_app()
    terminal = pyte.Screen(*size)
    stream = pyte.ByteStream(terminal)

    def display(screen: Screen[object], renderable: object) -> None:
        if isinstance(renderable, CompositorUpdate):
            stream.feed(renderable.render_segments(app.console).encode("utf-8"))

    async with app.run_test(size=size) as pilot:
        app._display = display  # type: ignore[method-assign]
        await start(pilot)
        app.screen.refresh()  # one whole frame to start the terminal from
        await pilot.pause()
        for step in range(70):  # past a minute: 1:00 -> 0:59, the breath in and out, parts changing
            await advance(pilot, fake_clock, 0.5 if step % 3 else 1.0)
            if step == 40:
                await pilot.press("n")
            if step in (50, 55):
                await pilot.press("space")  # pause, and play again
            await pilot.pause()
            drawn = [line.rstrip() for line in terminal.display]
            full = [line.rstrip() for line in screen_lines(app)]
            assert drawn == full, f"after step {step}:\n" + "\n".join(drawn)


async def test_the_footer_is_rebuilt_only_when_its_keys_change(
    make_app: AppFactory, fake_clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Textual's footer takes its keys down and builds them again whenever bindings are refreshed: a
    # part change (the keys stay the same) must not ask for that; a pause (Resume replaces Pause) must.
    rebuilt: list[str] = []
    original = Footer.recompose

    async def counted(self: Footer) -> None:
        rebuilt.append(type(self).__name__)
        await original(self)

    monkeypatch.setattr(Footer, "recompose", counted)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.pause()
        rebuilt.clear()
        for _ in range(3):
            await to_next_deadline(pilot, fake_clock)
            await pilot.press("n")
            await pilot.pause()
        assert rebuilt == [], "the parts changed, the keys did not"
        await pilot.press("space")
        await pilot.pause()
        assert rebuilt, "paused: Resume in the footer instead of Pause"
        assert "Resume" in "\n".join(screen_lines(app))
