"""Baseline: a bare Textual app, a Header, one Static saying "hello" and a Footer; nothing ticks.

Run it the way the benchmark does: ``python bench/bare_app.py`` (Ctrl+Q quits).
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class BareApp(App[None]):
    """A screen that never changes: what any Textual app with a header and footer costs while it waits."""

    def compose(self) -> ComposeResult:
        """The header, one line of text, the footer."""
        yield Header()
        yield Static("hello")
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
