"""A one-line setting with its key shown beside it: `` r Routine  Nightly wind-down``.

The screen owns the value and the key binding; the row only shows them and turns a click into
:class:`ChoiceRow.Pressed`. A row with arrows around its value (the length) steps back on a click on
the back arrow or anything left of it; any other click steps forward.
"""

from __future__ import annotations

from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

BACK = "\u2039"
"""The single angle quote drawn before a value that steps both ways."""
FORWARD = "\u203a"
"""The single angle quote drawn after it."""


class ChoiceRow(Static):
    """A labelled value that a single key (or a click) changes."""

    value: reactive[str] = reactive("")
    """The value shown (literal text, never markup)."""
    note: reactive[str] = reactive("")
    """A muted remark after the value."""

    KEY_WIDTH = 4
    """Columns for the key, right-aligned, and one space."""
    LABEL_WIDTH = 8
    """Columns for the label."""

    class Pressed(Message):
        """The row was clicked; ``step`` is -1 to go back, +1 to go forward."""

        def __init__(self, row: ChoiceRow, step: int) -> None:
            super().__init__()
            self.row = row
            self.step = step

        @property
        def control(self) -> ChoiceRow:
            """The row that was clicked (lets handlers use ``@on(ChoiceRow.Pressed, "#id")``)."""
            return self.row

    def __init__(
        self,
        key: str,
        label: str,
        value: str = "",
        note: str = "",
        *,
        arrows: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(markup=False, id=id)
        self.key = key
        self.label = label
        self.arrows = arrows
        self.set_reactive(ChoiceRow.value, value)
        self.set_reactive(ChoiceRow.note, note)

    def show(self, value: str, note: str = "") -> None:
        """Show a new value and note."""
        self.value = value
        self.note = note

    def render(self) -> Content:
        """Key, label, the value (between arrows if it steps both ways), then the note."""
        left, right = (f"{BACK} ", f" {FORWARD}") if self.arrows else ("", "")
        return Content.assemble(
            (f"{self.key:>{self.KEY_WIDTH - 1}} ", "$accent bold"),
            (f"{self.label:<{self.LABEL_WIDTH}}", "$text-muted"),
            (left, "$text-muted"),
            (self.value, "bold"),
            (right, "$text-muted"),
            (f"  {self.note}" if self.note else "", "$text-muted"),
        )

    def on_click(self, event: Click) -> None:
        """Step back on the back-arrow side of an arrowed row, else forward."""
        event.stop()
        offset = event.get_content_offset(self)
        back = self.arrows and offset is not None and offset.x <= self.KEY_WIDTH + self.LABEL_WIDTH + 1
        self.post_message(self.Pressed(self, -1 if back else 1))
