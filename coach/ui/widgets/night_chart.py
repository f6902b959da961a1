"""A bar per night: how many minutes of massage each night of the last weeks held.

Textual's ``Sparkline`` scales from the smallest value to the largest, so a night with no session
looks like a short one, and it has no scale or dates. This widget draws the same text chart as
``coach history`` (:func:`coach.history.chart.night_bars`) at whatever size it is given: a zero night
is empty, any session shows at least a sliver, and the scale and week dates are written out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from coach.history.chart import night_bars
from coach.history.stats import NightMinutes


class NightChart(Widget):
    """Minutes per night as vertical bars with a minutes scale and dates; sized by CSS."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"night-chart--axis"}
    """``night-chart--axis``: the scale, baseline and dates (the bars use the widget's colour)."""

    DEFAULT_CSS = """
    NightChart {
        height: 7;
        width: 1fr;
    }
    NightChart > .night-chart--axis {
        color: $text-muted;
    }
    """

    nights: reactive[tuple[NightMinutes, ...]] = reactive((), layout=False)
    """The nights to draw, oldest first."""

    def __init__(
        self,
        nights: Sequence[NightMinutes] = (),
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.set_reactive(NightChart.nights, tuple(nights))

    def render(self) -> Text:
        """The chart fitted to the widget's current width and height."""
        width, height = self.size
        if width < 8 or height < 3:
            return Text("")
        axis_style = self.get_component_rich_style("night-chart--axis")
        lines = night_bars(self.nights, height=height - 2, width=width, bar_width=2)
        text = Text(no_wrap=True, overflow="crop", end="")
        bar_rows = len(lines) - 2
        for index, line in enumerate(lines):
            if index:
                text.append("\n")
            if index >= bar_rows:
                text.append(line, axis_style)
                continue
            # The scale is everything up to and including the axis character.
            split = max(line.find("┤"), line.find("│")) + 1
            text.append(line[:split], axis_style)
            text.append(line[split:])
        return text
