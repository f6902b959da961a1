"""Hand-built data and a tiny host app for the setup and summary screen tests.

The library and record are written out here (not loaded) so the screen tests do not depend on the
shipped routines file; one snapshot uses the shipped file on purpose.
"""

from __future__ import annotations

import asyncio
import html
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen

from coach.engine.record import SessionRecord, StepRecord
from coach.paths import styles_dir
from coach.routines import (
    BreathingPattern,
    Choice,
    Duration,
    Library,
    Phase,
    Routine,
    SetupItem,
    Step,
    Texts,
)
from coach.ui.app import NIGHT_THEME
from coach.ui.screens.setup.screen import SetupScreen
from coach.ui.screens.setup.session_panel import SessionPanel

STYLES = [styles_dir() / "app.tcss", styles_dir() / "setup.tcss", styles_dir() / "summary.tcss"]
"""The shared sheet and the two screens' own: what the app loads for these screens."""

OILS = (
    Choice("lavender", "Lavender oil", "Calming scent."),
    Choice("chamomile", "Chamomile oil", "Calming scent."),
    Choice("unscented", "Unscented oil"),
    Choice("lotion", "Lotion"),
)

SETUP = (
    SetupItem("lights", "Dim the lights", "Soft, low light tells the body the day is ending."),
    SetupItem("music", "Soft instrumental music"),
    SetupItem("temperature", "A comfortable room temperature"),
    SetupItem("seat", "A comfortable chair or cushion"),
    SetupItem("towel", "A towel", "To wrap each foot when it is done."),
    SetupItem("oil", "Massage oil or lotion", "Warm it between your palms.", choices=OILS),
    SetupItem("wash", "Wash and dry the feet"),
    SetupItem("recline", "Your partner reclines, feet within reach", modes=("partner",)),
)

SAFETY = (
    "The goal is relaxation, not deep tissue work.",
    "Where it feels tender, lighten the pressure. Stop at once if anything hurts.",
    "Ask a doctor first with an injury, a wound, blood clots, diabetes or numb feet, or in pregnancy.",
)


def _step(step_id: str, title: str, low: float, high: float, **kw: Any) -> Step:
    phase = Phase(step_id, title, Texts(f"Do {title}."), "timed", Duration(low, high))
    return Step(step_id, title, Texts(f"Do {title}."), kw.pop("zone", "whole"), "gentle", (phase,), **kw)


CALM = BreathingPattern("calm", "Calm", 4, 0, 6, 0)

EVENING = Routine(
    id="evening",
    name="Evening calm",
    description="Three gentle steps for the end of the day.",
    steps=(
        _step("stroke", "Gliding strokes", 60, 120),
        _step("arch", "Arch circles", 60, 90, zone="arch"),
        _step("close", "Closing strokes", 30, 60),
    ),
    breathing="calm",
    benefits=("Stress reduction", "Better sleep"),
    lead_in=20,
    transition_seconds=30,
)

LITERAL = Routine(
    id="literal",
    name="[bold]Odd[/bold] routine",
    description="Text with [red]brackets[/red] that must show as written.",
    steps=(_step("x", "[b]x", 60, 60),),
    breathing="calm",
    benefits=("[i]not italic[/i]",),
)

LIBRARY = Library(
    path="fixture.toml",
    setup=SETUP,
    safety=SAFETY,
    breathing={"calm": CALM},
    routines={"evening": EVENING, "literal": LITERAL},
    default_routine="evening",
)

STARTED = datetime(2024, 3, 5, 22, 10, 0, tzinfo=UTC)


def record(*, finished: bool = False) -> SessionRecord:
    """Both feet of the evening routine: one step skipped, one shortened, the right foot not finished (its
    last step never reached)."""
    steps = (
        StepRecord("stroke", "Gliding strokes", "left", 90, 92, status="done"),
        StepRecord("arch", "Arch circles", "left", 75, 12, skipped=True, status="skipped"),
        StepRecord("close", "Closing strokes", "left", 45, 45, status="done"),
        StepRecord("stroke", "Gliding strokes", "right", 90, 60, cut_short=True, status="shortened"),
        StepRecord("arch", "Arch circles", "right", 75, 75, status="done"),
        StepRecord("close", "Closing strokes", "right", 45, 0 if not finished else 45, skipped=not finished,
                   status="not_reached" if not finished else "done"),
    )
    actual = 20 + 30 + sum(s.actual for s in steps)
    paused = 65.0
    return SessionRecord(
        routine_id="evening",
        routine_name="Evening calm",
        mode="self",
        feet=("left", "right"),
        started_at=STARTED,
        ended_at=STARTED + timedelta(seconds=actual + paused),
        planned_seconds=20 + 30 + sum(s.planned for s in steps),
        actual_seconds=actual,
        paused_seconds=paused,
        finished=finished,
        steps=steps,
    )


class Host(App[object]):
    """Shows one screen and keeps what it dismissed with, like the real app's callbacks do."""

    CSS_PATH = STYLES  # type: ignore[assignment]

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.start_screen = screen
        self.results: list[object] = []
        self.history_opened = 0
        self.sounds: list[tuple[bool, bool, bool]] = []
        self.sound_tests = 0

    def on_mount(self) -> None:
        """The app's own theme, fixed, so snapshots do not follow the machine's settings."""
        self.register_theme(NIGHT_THEME)
        self.theme = NIGHT_THEME.name
        self.push_screen(self.start_screen, self.results.append)

    def action_history(self) -> None:
        """Stands in for the app's history screen."""
        self.history_opened += 1

    def on_setup_screen_sound_changed(self, message: SetupScreen.SoundChanged) -> None:
        """Keeps what the setup screen reports about the sound, as the app does."""
        self.sounds.append((message.sound, message.voice, message.guide))

    def on_setup_screen_sound_test(self, _message: SetupScreen.SoundTest) -> None:
        """Counts the test key's requests (the app plays the chime and a sentence)."""
        self.sound_tests += 1


def screen_text(app: App[Any]) -> str:
    """What the terminal shows, as plain text lines (read back from the app's own SVG screenshot)."""
    svg = app.export_screenshot()
    rows: dict[int, dict[int, str]] = {}
    pattern = r'<text class="[^"]*-r\d+" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>'
    for x, y, text in re.findall(pattern, svg):
        row = rows.setdefault(round((float(y) - 20) / 24.4), {})
        for offset, char in enumerate(html.unescape(text).replace("\xa0", " ")):
            row[round(float(x) / 12.2) + offset] = char
    return "\n".join(
        "".join(line.get(col, " ") for col in range(max(line, default=-1) + 1)).rstrip()
        for _, line in sorted(rows.items())
    )


async def burst(pilot: Pilot[Any], *keys: str) -> None:
    """Send ``keys`` all at once, as a fast typist or a pseudo-terminal does, then let the app settle.

    ``pilot.press`` waits for the app to go idle after every key, which hides ordering bugs between
    keys already queued and a key that acts at once (a priority binding).
    """
    driver = pilot.app._driver
    assert driver is not None
    for key in keys:
        event = events.Key(key, {"enter": "\r", "space": " "}.get(key, key if len(key) == 1 else None))
        event.set_sender(pilot.app)
        driver.send_message(event)
    await settle(pilot)


async def settle(pilot: Pilot[Any], most: float = 30.0) -> None:
    """Let the app handle every key sent so far: the app hands them on one by one (its input gate), so
    a burst takes a little while; a test app without the gate settles in two pauses as before."""
    await pilot.pause()
    gate = getattr(pilot.app, "_input", None)
    waited = 0.0
    while gate is not None and not gate.idle:
        if waited > most:
            raise AssertionError("the app never settled: keys are still held back")
        await asyncio.sleep(0.005)
        waited += 0.005
    await pilot.pause()


def row_offset(panel: SessionPanel, row: str, *, x: int = 2, below: int = 0) -> tuple[int, int]:
    """Where to click on the session panel for its ``row`` (``below`` lines under it), ``x`` columns
    into its content: the panel draws its rows itself, inside its border and padding."""
    gutter = panel.styles.gutter
    return gutter.left + x, gutter.top + panel.line_of(row) + below
