"""The rep or hold counter: "Rep 3 of 5", "Hold point 2 of 5", and when a hold may end."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import RenderResult
from textual.reactive import reactive

from coach.ui.widgets.steady import SteadyLines


class Counter(SteadyLines):
    """The count on one line and, under it, a quiet hint such as "You can move on: n".

    Its height is fixed so a changing count never moves the rest of the screen.
    """

    DEFAULT_CSS = """
    Counter {
        height: 2;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    Counter > .counter--count {
        text-style: bold;
        color: $accent;
    }
    Counter > .counter--hint {
        color: $text-muted;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"counter--count", "counter--hint"}

    count: reactive[str] = reactive("")
    """The counter line; empty when the segment has none."""
    hint: reactive[str] = reactive("")
    """A second, quieter line; empty for none."""

    def show(self, count: str, hint: str = "") -> None:
        """Set both lines (an unchanged value causes no repaint)."""
        self.count = count
        self.hint = hint

    def render(self) -> RenderResult:
        """The count, then the hint."""
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(self.count, self.get_component_rich_style("counter--count"))
        if self.hint:
            text.append("\n")
            text.append(self.hint, self.get_component_rich_style("counter--hint"))
        return text
