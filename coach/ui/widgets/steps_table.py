"""The summary's table of steps: one row per step per foot, planned against actual time, and a mark.

Step titles come from the routines file and are shown literally (``rich.text.Text``, never markup).
The step column takes what the width leaves, so the table never needs sideways scrolling; below
:data:`NARROW` columns the headers, feet and marks shorten.
"""

from __future__ import annotations

from rich.text import Text
from textual.events import Resize
from textual.widgets import DataTable

from coach.engine.record import StepRecord
from coach.routines import Foot
from coach.wording import clock, shorten

NARROW = 56
"""Below this many columns the table uses its short form."""


MARKS = {
    "shortened": ("shortened", "short"),
    "skipped": ("skipped", "skip"),
    "not_reached": ("not reached", "—"),
}
"""The last column's words for a step not done, long and short; a done step gets a quiet tick."""


def mark(step: StepRecord, short: bool = False) -> Text:
    """The last column: shortened, skipped, not reached, or a quiet tick for a step played in full."""
    words = MARKS.get(step.state)
    if words is None:
        return Text("✓")
    return Text(words[1] if short else words[0], style="italic")


class StepsTable(DataTable[Text]):
    """A read-only table of :class:`StepRecord`; not focusable, so it never takes the screen's keys."""

    def __init__(self, steps: tuple[StepRecord, ...], *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="none", zebra_stripes=True, show_cursor=False)
        self.can_focus = False  # the screen keeps the keys; its container scrolls
        self.steps = steps
        self._layout: tuple[bool, int] | None = None

    def on_resize(self, event: Resize) -> None:
        """Refill when the width calls for another step column width or form."""
        self.fill(event.size.width)

    def fill(self, width: int) -> None:
        """(Re)build the rows for a table ``width`` columns wide."""
        short = width < NARROW
        headers = ("", "Step", "Plan", "Did", "") if short else ("Foot", "Step", "Planned", "Actual", "")
        fixed = (1 if short else 5) + (4 if short else 7) + (4 if short else 6) + (5 if short else 11)
        padding = 2 * self.cell_padding * len(headers) + 1  # one column spare for the scrollbar
        longest = max((len(s.title) for s in self.steps), default=4)
        step_width = max(4, min(longest, width - fixed - padding))
        if self._layout == (short, step_width):
            return
        self._layout = (short, step_width)
        self.clear(columns=True)
        for index, header in enumerate(headers):
            self.add_column(header, width=step_width if index == 1 else None)
        previous: Foot | None = None
        for step in self.steps:
            foot = "" if step.foot == previous else (step.foot or "")
            previous = step.foot
            style = "dim" if step.state in ("skipped", "not_reached") else ""
            # Shortened after a whole word ("Gliding…"), never inside one ("Gliding stro…").
            title = Text(shorten(step.title, step_width), style=style, no_wrap=True)
            self.add_row(
                Text(foot[:1].upper() if short else foot),
                title,
                Text(clock(step.planned), justify="right"),
                Text(clock(step.actual), justify="right", style=style),
                mark(step, short),
            )
