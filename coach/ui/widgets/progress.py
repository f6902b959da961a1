"""Progress bars for the step and the whole session, each with the time left."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual.app import ComposeResult
from textual.reactive import reactive
from textual.strip import Strip

from coach.ui.widgets.cached_styles import CachedStyleWidget
from coach.ui.widgets.steady import SteadyVertical
from coach.wording import clock_text

_LABEL_WIDTH = 8
_TIME_WIDTH = 11  # " 12:34 left"


class Meter(CachedStyleWidget):
    """One labelled bar: ``Step    ━━━━━━━━━╸──────  1:23 left``."""

    DEFAULT_CSS = """
    Meter {
        height: 1;
    }
    Meter > .meter--label {
        color: $text-muted;
    }
    Meter > .meter--done {
        color: $primary;
    }
    Meter > .meter--todo {
        color: $panel-lighten-1;
    }
    Meter > .meter--time {
        color: $text-muted;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"meter--label", "meter--done", "meter--todo", "meter--time"}

    label: reactive[str] = reactive("")
    """The word in front of the bar."""
    fraction: reactive[float] = reactive(0.0)
    """How much is done, 0 to 1."""
    left: reactive[str] = reactive("")
    """The time left, already worded (``1:23 left``)."""

    def __init__(self, label: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label

    def show(self, fraction: float, seconds_left: float) -> None:
        """Set the bar to ``fraction`` done with ``seconds_left`` to go; repaints only on a change."""
        self.fraction = min(1.0, max(0.0, fraction))
        self.left = f"{clock_text(seconds_left)} left"

    def render_line(self, y: int) -> Strip:
        """The label, the bar in half cells, and the time left, fitted to the width."""
        width = self.size.width
        base = self._style("base")
        if y != 0 or width <= 0:
            return Strip.blank(width, base)
        label = self.label.ljust(_LABEL_WIDTH)
        time = self.left.rjust(_TIME_WIDTH)
        bar_width = width - len(label) - len(time)
        if bar_width < 4:
            # Too narrow for a bar: the time left matters more than the drawing.
            segments = [Segment(f"{self.label} {self.left}", self._style("meter--time"))]
        else:
            halves = round(self.fraction * bar_width * 2)
            full, half = divmod(halves, 2)
            segments = [
                Segment(label, self._style("meter--label")),
                Segment("━" * full + ("╸" if half else ""), self._style("meter--done")),
                Segment("─" * (bar_width - full - half), self._style("meter--todo")),
                Segment(time, self._style("meter--time")),
            ]
        return Strip(segments).crop_extend(0, width, base)

    def text(self) -> str:
        """What the bar shows, as plain text."""
        return self.render_line(0).text


class SessionProgress(SteadyVertical):
    """The step bar above the session bar."""

    DEFAULT_CSS = """
    SessionProgress {
        height: auto;
    }
    """

    def compose(self) -> ComposeResult:
        """A bar for the step on this foot and one for the whole session."""
        yield Meter("Step", id="step-meter")
        yield Meter("Session", id="session-meter")

    def on_mount(self) -> None:
        """Look the bars up once: they are updated every second."""
        self._step = self.query_one("#step-meter", Meter)
        self._session = self.query_one("#session-meter", Meter)

    def show(self, step_fraction: float, step_left: float,
             session_fraction: float, session_left: float) -> None:
        """Update both bars."""
        self._step.show(step_fraction, step_left)
        self._session.show(session_fraction, session_left)
