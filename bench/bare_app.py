"""Baseline: the smallest Textual app, one Static saying "hello" and nothing that ticks.

Run it the way the benchmark does: ``python bench/bare_app.py`` (Ctrl+Q quits).
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static


class BareApp(App[None]):
    """A screen that never changes: what any Textual app costs while it waits for keys."""

    def compose(self) -> ComposeResult:
        """One line of text."""
        yield Static("hello")


if __name__ == "__main__":
    BareApp().run()
