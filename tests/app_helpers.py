"""Helpers for driving the app in Pilot tests: start a session, move the fake clock, read the screen."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Static

from coach.awake.keepers import AwakeStatus
from coach.ui.app import CoachApp
from coach.ui.screens.player.screen import PlayerScreen
from coach.ui.widgets.breathing import BreathingCue
from coach.ui.widgets.countdown import Countdown
from coach.ui.widgets.counter import Counter
from coach.ui.widgets.line import Line
from coach.ui.widgets.progress import Meter
from coach.ui.widgets.words import Words
from tests.engine_helpers import FakeClock


class FakeKeeper:
    """Stands in for wakepy: records what it was asked, and says it keeps the screen awake."""

    def __init__(self) -> None:
        self.status = AwakeStatus("kept", "org.freedesktop.ScreenSaver")
        self.calls: list[str] = []

    def hold(self) -> None:
        """Recorded."""
        self.calls.append("hold")

    def release(self) -> None:
        """Recorded."""
        self.calls.append("release")

    def close(self) -> None:
        """Recorded."""
        self.calls.append("close")


async def start(pilot: Pilot[int]) -> PlayerScreen:
    """From the setup screen, Enter: the player, playing its first segment. On a first run (a library
    with safety notes and no history yet) the first Enter goes past the safety notes; on a screen that
    asks something first (a session cut short), the first Enter answers it and the second starts."""
    first = pilot.app.screen
    on_safety = first.has_class("-first-run") or first.has_class("-safety")
    await pilot.press("enter")
    if on_safety:
        await pilot.pause()
        if first.has_class("-first-run") or first.has_class("-safety"):
            raise AssertionError("Enter on the safety notes must leave them")
        await pilot.press("enter")
    # A screen is pushed or dismissed a few turns of the event loop after the key, and one pause waits
    # at most a second for the app to go idle: on a busy machine building the player takes longer.
    # Wait for the screen to change (bounded), not for a guessed time.
    # (Between the setup screen's dismissal and the player's push the app's blank default screen shows.)
    screen = await until(pilot, lambda: pilot.app.screen not in (first, pilot.app.screen_stack[0]))
    if not isinstance(screen, PlayerScreen):
        await pilot.press("enter")
        screen = await until(pilot, lambda: isinstance(pilot.app.screen, PlayerScreen))
    assert isinstance(screen, PlayerScreen), f"expected the player, got {screen!r}"
    return screen


async def until(pilot: Pilot[int], ready: Callable[[], bool], timeout: float = 30.0) -> Screen[Any]:
    """The app's screen once ``ready()`` holds (or whatever it is after ``timeout`` seconds of waiting,
    for the caller's assertion to name)."""
    deadline = time.monotonic() + timeout
    await pilot.pause()
    while not ready() and time.monotonic() < deadline:
        await pilot.pause(0.02)
    return pilot.app.screen


async def advance(pilot: Pilot[int], clock: FakeClock, seconds: float) -> None:
    """Let ``seconds`` pass on the fake clock and have the player catch up (as its timer would)."""
    clock.advance(seconds)
    player = player_of(pilot.app)
    player.tick()
    await pilot.pause()


async def to_next_deadline(pilot: Pilot[int], clock: FakeClock) -> None:
    """Move the clock just past the session's next deadline and let the player catch up."""
    player = player_of(pilot.app)
    deadline = player.session.next_deadline()
    assert deadline is not None, "the session has no deadline (paused or over)"
    await advance(pilot, clock, deadline - clock.now + 0.001)


def player_of(app: App[int]) -> PlayerScreen:
    """The player screen, wherever it is in the stack (a question may be on top of it)."""
    for screen in reversed(app.screen_stack):
        if isinstance(screen, PlayerScreen):
            return screen
    raise AssertionError(f"no player screen in {app.screen_stack!r}")


WORDS = {"title": "title", "text": "text", "step-text": "step_text", "benefit": "benefit", "cue": "cue"}
"""The parts of the player's words widget, by the names the tests use."""


def text_of(app: CoachApp, widget_id: str) -> str:
    """The plain text a Static of the player shows (or one part of its words widget)."""
    if widget_id in WORDS:
        return str(getattr(player_of(app).query_one(Words), WORDS[widget_id]))
    widget = player_of(app).query_one(f"#{widget_id}")
    if isinstance(widget, Line):
        return widget.text
    assert isinstance(widget, Static)
    content = widget.content
    return content.plain if isinstance(content, Text) else str(content)


def shown(app: CoachApp) -> dict[str, str]:
    """Everything the player shows, as plain strings keyed by what it is."""
    player = player_of(app)
    counter = player.query_one(Counter)
    return {
        "where": text_of(app, "where"),
        "foot": text_of(app, "foot"),
        "title": text_of(app, "title"),
        "text": text_of(app, "text"),
        "countdown": player.query_one(Countdown).value,
        "label": player.query_one(Countdown).label,
        "cue": text_of(app, "cue"),
        "count": counter.count,
        "hint": counter.hint,
        "breath": player.query_one(BreathingCue).word,
        "step_left": player.query_one("#step-meter", Meter).left,
        "session_left": player.query_one("#session-meter", Meter).left,
        "next": text_of(app, "next"),
        "banner": text_of(app, "paused-banner"),
    }


def screen_lines(app: App[int]) -> list[str]:
    """The terminal as plain text lines, as a person would see it."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def play_until_title_changes(pilot: Pilot[int], clock: FakeClock) -> str:
    """Let time run, deadline after deadline, until the player shows another part; its title."""
    before = text_of(pilot.app, "title")  # type: ignore[arg-type]
    for _ in range(20):
        await to_next_deadline(pilot, clock)
        after = text_of(pilot.app, "title")  # type: ignore[arg-type]
        if after != before:
            return after
    raise AssertionError(f"still showing {before!r} after 20 deadlines")
