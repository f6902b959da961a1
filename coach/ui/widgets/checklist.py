"""The setup checklist: things to prepare, ticked with the keyboard or the mouse.

Nothing forces every item to be ticked: the list is a reminder, not a gate. Items that offer a choice
(which oil, chair or cushion) show it on a second line, changed with Left/Right or a click on that line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from coach.routines import Choice, SetupItem
from coach.ui.widgets.choice_row import BACK, FORWARD
from coach.wording import shorten


class ChecklistRow(Static):
    """One item of the checklist: a tick box, its number key and label, and its choice if it has one."""

    ticked: reactive[bool] = reactive(False)
    """Whether the item is ticked."""
    pick: reactive[str | None] = reactive(None)
    """The id of the chosen option, for items that offer choices."""

    class Clicked(Message):
        """The row was clicked: ``line`` 0 is the label, 1 the choice line."""

        def __init__(self, row: ChecklistRow, line: int) -> None:
            super().__init__()
            self.row = row
            self.line = line

    def __init__(
        self, item: SetupItem, number: int, *, ticked: bool = False, pick: str | None = None
    ) -> None:
        super().__init__(markup=False, classes="-choices" if item.choices else "")
        self.item = item
        self.number = number
        self.set_reactive(ChecklistRow.ticked, ticked)
        self.set_reactive(ChecklistRow.pick, pick)

    @property
    def choice(self) -> Choice | None:
        """The chosen option, or None when nothing is chosen yet."""
        return next((c for c in self.item.choices if c.id == self.pick), None)

    def render(self) -> Content:
        """The tick box, number and label; a second line for the choice (literal text from the file)."""
        box = ("[✓]", "$success") if self.ticked else ("[ ]", "$text-muted")
        key = f" {self.number} " if self.number <= 9 else "   "
        # Shortened after a whole word, never inside one ("Soft instrumental music…").
        label = shorten(self.item.label, self.size.width - 6) if self.size.width > 6 else self.item.label
        line = Content.assemble(box, (key, "$accent"), label)
        if not self.item.choices:
            return line
        choice = self.choice
        value = (choice.label, "bold") if choice else ("choose", "italic")
        note = f"  {choice.note}" if choice and choice.note else ""
        pick = Content.assemble(
            (f"      {BACK} ", "$text-muted"), value, (f" {FORWARD}", "$text-muted"), (note, "$text-muted")
        )
        return Content("\n").join([line, pick])

    def on_click(self, event: Click) -> None:
        """Tell the checklist which line was clicked; it decides what that does."""
        event.stop()
        self.post_message(self.Clicked(self, event.get_content_offset_capture(self).y))


class Checklist(VerticalScroll, can_focus=True):
    """A focusable list of :class:`ChecklistRow`; reports ticks and choices with bubbling messages."""

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

    def compose(self) -> ComposeResult:
        """One row per item, numbered from 1."""
        for number, item in enumerate(self._items, start=1):
            yield ChecklistRow(item, number, ticked=item.id in self._ticked, pick=self._picks.get(item.id))

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

    def set_items(self, items: Iterable[SetupItem]) -> None:
        """Show another list (the other mode's), keeping ticks and choices of items by id."""
        current = self.current.id if self.current else None
        self._items = tuple(items)
        ids = [item.id for item in self._items]
        self.set_reactive(Checklist.cursor, ids.index(current) if current in ids else 0)
        self.refresh(recompose=True)
        self.call_after_refresh(self._show_cursor)

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
        now = item_id not in self._ticked
        if now:
            self._ticked.add(item_id)
        else:
            self._ticked.discard(item_id)
        self.cursor = index
        for row in self.query(ChecklistRow):
            if row.item.id == item_id:
                row.ticked = now

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
        for row in self.query(ChecklistRow):
            if row.item.id == item_id:
                row.pick = new
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
        for index, row in enumerate(self.query(ChecklistRow)):
            row.set_class(index == self.cursor, "-cursor")
            if index == self.cursor:
                row.scroll_visible(animate=False)

    def on_mount(self) -> None:
        """Mark the first row and announce it."""
        self._show_cursor()
        self.post_message(self.Highlighted(self, self.current))

    def on_checklist_row_clicked(self, message: ChecklistRow.Clicked) -> None:
        """A click on the label line ticks; a click on the choice line moves to the next choice."""
        message.stop()
        index = self._items.index(message.row.item)
        self.focus()
        if message.line >= 1 and message.row.item.choices:
            self.cursor = index
            self.cycle_choice(message.row.item.id)
        else:
            self.toggle(index)
