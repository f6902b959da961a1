"""The keys of the screen underneath, in a box that any key closes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

_BUILT_IN = frozenset({"focus_next", "focus_previous", "app.focus_next", "app.focus_previous",
                       "copy_text", "screen.copy_text", "app.copy_text"})
"""Textual's own keys for moving focus and copying text: no use at the bedside, left out of the help."""

_KEY_NAMES = {
    "space": "Space",
    "enter": "Enter",
    "escape": "Esc",
    "tab": "Tab",
    "right": "Right",
    "left": "Left",
    "up": "Up",
    "down": "Down",
    "pagedown": "PageDown",
    "pageup": "PageUp",
    "plus": "+",
    "minus": "-",
    "equals_sign": "=",
    "question_mark": "?",
}


def key_name(key: str) -> str:
    """A key as a person reads it: ``pagedown`` -> ``PageDown``, ``ctrl+q`` -> ``Ctrl+Q``."""
    *modifiers, last = key.split("+")  # "+" itself is named "plus", so splitting is safe
    name = _KEY_NAMES.get(last, last.upper() if modifiers else last)
    return "+".join([*(m.capitalize() for m in modifiers), name])


def help_rows(screen: Screen[Any]) -> list[tuple[str, str]]:
    """``(keys, what they do)`` for the bindings active on ``screen``, one row per action, in order.

    A binding's tooltip is the longer explanation; its description is used when there is none.
    """
    rows: dict[tuple[int, str], tuple[list[str], str]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if binding.system or binding.action in _BUILT_IN:
            continue
        meaning = binding.tooltip or binding.description
        keys, _ = rows.setdefault((id(active.node), binding.action), ([], meaning))
        name = key_name(key)
        if name not in keys:
            keys.append(name)
    return [("  ".join(keys), meaning) for keys, meaning in rows.values() if meaning]


class HelpScreen(ModalScreen[None]):
    """A table of ``(keys, what they do)`` rows and a note; any key or a click closes it."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        background: $background 60%;
    }
    HelpScreen > #help-box {
        width: 80;
        max-width: 96%;
        height: auto;
        max-height: 90%;
        padding: 1 2;
        border: round $primary;
        border-title-color: $text;
        border-subtitle-color: $text-muted;
        background: $surface;
    }
    HelpScreen #help-keys, HelpScreen #help-note {
        width: 100%;
        height: auto;
    }
    HelpScreen #help-note {
        color: $text-muted;
        margin-top: 1;
    }
    """

    def __init__(self, rows: Sequence[tuple[str, str]], note: str = "") -> None:
        super().__init__()
        self.rows = tuple(rows)
        self.note = note

    def compose(self) -> ComposeResult:
        """The keys table, then the note."""
        table = Table.grid(padding=(0, 3), expand=False)
        table.add_column(style="bold", no_wrap=True)
        table.add_column(overflow="fold")
        for keys, meaning in self.rows:
            table.add_row(Text(keys), Text(meaning))
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "any key closes"
            yield Static(table, id="help-keys")
            if self.note:
                yield Static(self.note, id="help-note", markup=False)

    def on_key(self, event: events.Key) -> None:
        """Any key closes the help (and does nothing else)."""
        event.stop()
        event.prevent_default()
        self.dismiss()

    def on_click(self, event: events.Click) -> None:
        """A click closes it too."""
        event.stop()
        self.dismiss()
