"""Baseline: a countdown in big ``Digits``, redrawn once a second, like ``termdown`` in a terminal.

Run it the way the benchmark does: ``python bench/digits_clock.py`` (Ctrl+Q quits).
"""

from __future__ import annotations

import time

from textual.app import App, ComposeResult
from textual.widgets import Digits, Static

START_SECONDS = 25 * 60


def clock_text(seconds: float) -> str:
    """``mm:ss`` of the whole seconds left (never below zero)."""
    left = max(0, int(seconds))
    return f"{left // 60:02d}:{left % 60:02d}"


class DigitsClock(App[None]):
    """A label and a big countdown: the same one-line "hello" as the bare app, plus one ticking widget."""

    def compose(self) -> ComposeResult:
        """The label and the digits."""
        yield Static("countdown")
        yield Digits(clock_text(START_SECONDS))

    def on_mount(self) -> None:
        """Count down from a monotonic start so a late tick never drifts the time shown."""
        self._start = time.monotonic()
        self.set_interval(1.0, self._tick)

    def _tick(self) -> None:
        left = START_SECONDS - (time.monotonic() - self._start)
        self.query_one(Digits).update(clock_text(left))


if __name__ == "__main__":
    DigitsClock().run()
