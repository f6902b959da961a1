"""Baseline: a ``ProgressBar`` advanced ten times a second (a typical "10 Hz progress bar" app).

Run it the way the benchmark does: ``python bench/progress_bar.py`` (Ctrl+Q quits).
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import ProgressBar, Static

RATE = 10.0
TOTAL = 3000


class ProgressApp(App[None]):
    """A label and a progress bar (with its percentage and ETA) moved one step every tenth of a second."""

    def compose(self) -> ComposeResult:
        """The label and the bar."""
        yield Static("progress")
        yield ProgressBar(total=TOTAL)

    def on_mount(self) -> None:
        """Tick at the fixed rate; start over at the end so the bar keeps moving however long the run."""
        self.set_interval(1.0 / RATE, self._tick)

    def _tick(self) -> None:
        bar = self.query_one(ProgressBar)
        if bar.progress >= TOTAL:
            bar.update(progress=0)
        else:
            bar.advance(1)


if __name__ == "__main__":
    ProgressApp().run()
