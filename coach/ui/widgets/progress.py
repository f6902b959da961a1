"""Progress bars for the step and the whole session, each with the time left."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual.app import ComposeResult
from textual.geometry import Region
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
    fraction: reactive[float] = reactive(0.0, repaint=False)
    """How much is done, 0 to 1 (repainted only when the drawn bar moves, see :meth:`watch_fraction`)."""
    left: reactive[str] = reactive("", repaint=False)
    """The time left, already worded (``1:23 left``; a change repaints only the time, see
    :meth:`watch_left`)."""

    def __init__(self, label: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label

    def show(self, fraction: float, seconds_left: float) -> None:
        """Set the bar to ``fraction`` done with ``seconds_left`` to go; repaints only on a change."""
        self.fraction = min(1.0, max(0.0, fraction))
        self.left = f"{clock_text(seconds_left)} left"

    def _bar_width(self) -> int:
        """Cells left for the bar between the label and the time (under 4: no bar is drawn)."""
        return self.size.width - max(_LABEL_WIDTH, len(self.label)) - max(_TIME_WIDTH, len(self.left))

    def watch_fraction(self, old: float, new: float) -> None:
        """Repaint the line only when the bar's drawn length changes: over a long step that is once in
        many seconds, while the fraction changes every second."""
        width = self._bar_width()
        if width < 4 or round(old * width * 2) != round(new * width * 2):
            self.refresh()

    def watch_left(self, old: str, new: str) -> None:
        """Repaint only the time at the end of the line (the whole line when it is too narrow for a bar,
        or the time's length changed)."""
        width = self.size.width
        if self._bar_width() < 4 or len(old) != len(new) or len(new) > _TIME_WIDTH:
            self.refresh()
        else:
            self.refresh(Region(width - _TIME_WIDTH, 0, _TIME_WIDTH, 1))

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
