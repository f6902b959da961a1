"""The setup checklist: things to prepare, ticked with the keyboard or the mouse.

Nothing forces every item to be ticked: the list is a reminder, not a gate. Items that offer a choice
(which oil, chair or cushion) show it on a second line, changed with Left/Right or a click on that line.

The list is one widget that draws its rows itself and keeps its own cursor: a widget per row would cost
the first screen a mount, a styling and a layout each, for a list that is only lines of text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from coach.routines import Choice, SetupItem
from coach.ui.widgets.choice_row import BACK, FORWARD
from coach.ui.widgets.rows import show_lines
from coach.wording import shorten

CURSOR = "checklist--cursor"
"""The component class of the highlighted row (its background, brighter while the list has the keys)."""


def row_lines(item: SetupItem, number: int, ticked: bool, pick: str | None, width: int) -> list[Content]:
    """One item as it is drawn ``width`` columns wide: the tick box, its number key and label, and a
    second line with its choice if it offers any (literal text from the file)."""
    box = ("[✓]", "$success") if ticked else ("[ ]", "$text-muted")
    key = f" {number} " if number <= 9 else "   "
    # Shortened after a whole word, never inside one ("Soft instrumental music…").
    label = shorten(item.label, width - 6) if width > 6 else item.label
    line = Content.assemble(box, (key, "$accent"), label)
    if not item.choices:
        return [line]
    choice = next((c for c in item.choices if c.id == pick), None)
    value = (choice.label, "bold") if choice else ("choose", "italic")
    note = f"  {choice.note}" if choice and choice.note else ""
    return [line, Content.assemble(
        (f"      {BACK} ", "$text-muted"), value, (f" {FORWARD}", "$text-muted"), (note, "$text-muted")
    )]


class Checklist(Widget, can_focus=True):
    """A focusable list of setup items, one or two lines each; reports ticks and choices with bubbling
    messages."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {CURSOR}
    """The highlighted row's colours come from the stylesheet (``setup.tcss``), as a row widget's did."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", show=False, tooltip="Move through the checklist"),
        Binding("down", "move(1)", "Down", show=False, tooltip="Move through the checklist"),
        Binding("home", "move_to(0)", "First", show=False, tooltip="First or last item"),
        Binding("end", "move_to(-1)", "Last", show=False, tooltip="First or last item"),
        Binding("left", "cycle_current(-1)", "Previous choice", show=False,
                tooltip="Change the highlighted item's choice (which oil...)"),
        Binding("right", "cycle_current(1)", "Next choice", show=False,
                tooltip="Change the highlighted item's choice (which oil...)"),
    ]
    """Arrow keys move, Left/Right change the highlighted item's choice. Space (tick the highlighted item,
    :meth:`action_toggle_current`) is left to the screen, so that the footer does not change with focus."""

    cursor: reactive[int] = reactive(0)
    """Index of the highlighted row."""

    class Picked(Message):
        """An item's choice changed (e.g. which oil)."""

        def __init__(self, checklist: Checklist, item_id: str, choice_id: str) -> None:
            super().__init__()
            self.checklist = checklist
            self.item_id = item_id
            self.choice_id = choice_id

    class Highlighted(Message):
        """The highlighted item changed, so its detail can be shown."""

        def __init__(self, checklist: Checklist, item: SetupItem | None) -> None:
            super().__init__()
            self.checklist = checklist
            self.item = item

    def __init__(
        self,
        items: Iterable[SetupItem],
        ticked: Iterable[str] = (),
        picks: Mapping[str, str] | None = None,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._items = tuple(items)
        # Ticks and picks are kept for every id ever seen, so switching mode and back keeps them.
        self._ticked: set[str] = set(ticked)
        self._picks: dict[str, str] = dict(picks or {})

    @property
    def items(self) -> tuple[SetupItem, ...]:
        """The items shown."""
        return self._items

    @property
    def ticked(self) -> frozenset[str]:
        """Ids of the shown items that are ticked."""
        return frozenset(item.id for item in self._items if item.id in self._ticked)

    @property
    def picks(self) -> dict[str, str]:
        """Chosen option per item id, for the shown items."""
        return {item.id: self._picks[item.id] for item in self._items if item.id in self._picks}

    def is_ticked(self, item_id: str) -> bool:
        """Whether the item ``item_id`` is ticked."""
        return item_id in self._ticked

    def pick_of(self, item_id: str) -> Choice | None:
        """The option chosen for ``item_id``, or None when nothing is chosen (or it offers none)."""
        item = next((i for i in self._items if i.id == item_id), None)
        pick = self._picks.get(item_id)
        return next((c for c in item.choices if c.id == pick), None) if item is not None else None

    def line_of(self, index: int) -> int:
        """The first line of the item at ``index`` (an item with choices takes two)."""
        return sum(2 if item.choices else 1 for item in self._items[:index])

    def _item_at(self, line: int) -> tuple[int, int] | None:
        """The index of the item drawn on ``line`` and which of its lines it is (0 the label, 1 the
        choice), or None below the last item."""
        top = 0
        for index, item in enumerate(self._items):
            height = 2 if item.choices else 1
            if line < top + height:
                return index, line - top
            top += height
        return None

    def set_items(self, items: Iterable[SetupItem]) -> None:
        """Show another list (the other mode's), keeping ticks and choices of items by id."""
        current = self.current.id if self.current else None
        self._items = tuple(items)
        ids = [item.id for item in self._items]
        self.set_reactive(Checklist.cursor, ids.index(current) if current in ids else 0)
        self.refresh(layout=True)
        self._show_cursor()

    @property
    def current(self) -> SetupItem | None:
        """The highlighted item."""
        return self._items[self.cursor] if 0 <= self.cursor < len(self._items) else None

    def detail(self) -> str:
        """What to show under the list for the highlighted item: its detail, and its choice's note (or
        how to choose when nothing is chosen yet)."""
        item = self.current
        if item is None:
            return ""
        lines = [item.detail] if item.detail else []
        choice = next((c for c in item.choices if c.id == self._picks.get(item.id)), None)
        if choice is not None and choice.note:
            lines.append(f"{choice.label}: {choice.note}")
        elif item.choices and choice is None:
            lines.append("Left/Right or a click on the line below it chooses.")
        return "\n".join(lines)

    def toggle(self, index: int) -> None:
        """Tick or untick the item at ``index`` (0-based); out of range does nothing."""
        if not 0 <= index < len(self._items):
            return
        item_id = self._items[index].id
        if item_id in self._ticked:
            self._ticked.discard(item_id)
        else:
            self._ticked.add(item_id)
        self.cursor = index
        self.refresh()

    def cycle_choice(self, item_id: str, step: int = 1) -> None:
        """Move ``item_id``'s choice by ``step`` options, wrapping; nothing chosen starts at the first."""
        item = next((i for i in self._items if i.id == item_id), None)
        if item is None or not item.choices:
            return
        ids = [c.id for c in item.choices]
        current = self._picks.get(item_id)
        if current in ids:
            new = ids[(ids.index(current) + step) % len(ids)]
        else:
            new = ids[0] if step >= 0 else ids[-1]
        self._picks[item_id] = new
        self.refresh()
        self.post_message(self.Picked(self, item_id, new))

    def action_move(self, delta: int) -> None:
        """Move the highlight by ``delta`` rows, stopping at the ends."""
        if self._items:
            self.cursor = max(0, min(len(self._items) - 1, self.cursor + delta))

    def action_move_to(self, index: int) -> None:
        """Highlight row ``index`` (negative counts from the end)."""
        if self._items:
            self.cursor = index % len(self._items)

    def action_toggle_current(self) -> None:
        """Tick or untick the highlighted item."""
        self.toggle(self.cursor)

    def action_cycle_current(self, step: int) -> None:
        """Change the highlighted item's choice, if it has one."""
        if self.current is not None:
            self.cycle_choice(self.current.id, step)

    def watch_cursor(self) -> None:
        """Keep the highlight visible and let the screen show the item's detail."""
        self._show_cursor()
        self.post_message(self.Highlighted(self, self.current))

    def _show_cursor(self) -> None:
        """Draw the highlight where the cursor is and scroll its lines into view."""
        self.refresh()
        if self.current is not None and self.is_mounted:
            line = self.line_of(self.cursor)
            self.call_after_refresh(show_lines, self, line, 2 if self.current.choices else 1)

    def on_mount(self) -> None:
        """Announce the first row."""
        self._show_cursor()
        self.post_message(self.Highlighted(self, self.current))

    def render(self) -> Content:
        """Every item's lines; the highlighted item's lines across the whole width."""
        width = self.size.width
        cursor = self.get_visual_style(CURSOR)
        lines: list[Content] = []
        for index, item in enumerate(self._items):
            rows = row_lines(item, index + 1, item.id in self._ticked, self._picks.get(item.id), width)
            if index == self.cursor:
                rows = [row.extend_right(max(0, width - row.cell_length)).stylize_before(cursor)
                        for row in rows]
            lines.extend(rows)
        return Content("\n").join(lines)

    def on_click(self, event: Click) -> None:
        """A click on an item's label line ticks it; on its choice line, moves to the next choice."""
        event.stop()
        offset = event.get_content_offset(self)
        found = self._item_at(offset.y) if offset is not None else None
        self.focus()
        if found is None:
            return
        index, line = found
        item = self._items[index]
        if line >= 1 and item.choices:
            self.cursor = index
            self.cycle_choice(item.id)
        else:
            self.toggle(index)
