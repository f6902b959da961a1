"""A stand-in for coach behind the server: rings the terminal bell and sends cues through the channel.

Run as ``python fake_app.py NOTE``: it writes "started" to NOTE when it runs, and "terminated" when the
server stops it with SIGTERM (as coach keeps its session then).
"""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Static

from coach.serve.channel import PageCueSink


class FakeApp(App[None]):
    """Says one thing in each way the channel carries."""

    def __init__(self, note: Path) -> None:
        super().__init__()
        self.note = note

    def compose(self) -> ComposeResult:
        yield Static("fake coach")

    def on_mount(self) -> None:
        self.note.write_text("started")
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, self._terminated)
        self.bell()
        driver = self._driver
        assert driver is not None and hasattr(driver, "write_meta")
        sink = PageCueSink(driver.write_meta)
        sink.say("Arch work")
        sink.awake(True)

    def _terminated(self) -> None:
        self.note.write_text("terminated")
        self.exit()


if __name__ == "__main__":
    FakeApp(Path(sys.argv[1])).run()
