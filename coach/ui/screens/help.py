"""The keys of the screen underneath, in a box that any key closes.

Every screen opens it with ``?``. The rows come from the screen's active bindings (what each key does
there and then), so the help cannot drift from the keys. The list lays itself out for the width it
gets: two columns when there is room, each key above its meaning when there is not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

COMMON_NOTE = "Ctrl+Q quits coach from any screen. Colours: Ctrl+P, then Theme."
"""Keys that work everywhere but belong to no screen: said under every list."""

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
    "home": "Home",
    "end": "End",
    "pagedown": "PageDown",
    "pageup": "PageUp",
    "plus": "+",
    "minus": "-",
    "equals_sign": "=",
    "question_mark": "?",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}

_SCROLL_KEYS = frozenset({"up", "down", "pageup", "pagedown", "home", "end"})
"""Keys that scroll the help when it is longer than the box; while it fits, they close it like any key."""

_TWO_COLUMNS = 34
"""Below this many columns each key goes on its own line above its meaning."""


def key_name(key: str) -> str:
    """A key as a person reads it: ``pagedown`` -> ``PageDown``, ``ctrl+q`` -> ``Ctrl+Q``."""
    *modifiers, last = key.split("+")  # "+" itself is named "plus", so splitting is safe
    if last in _KEY_NAMES:
        name = _KEY_NAMES[last]
    elif len(last) > 1:
        name = last.replace("_", " ").title().replace(" ", "")
    else:
        name = last.upper() if modifiers else last
    return "+".join([*(m.capitalize() for m in modifiers), name])


def _declared_by_coach(node: DOMNode, binding: Binding) -> bool:
    """True when a coach class itself binds ``binding``'s action (not one inherited from Textual, like a
    scroll container's Ctrl+PageUp): only those are the app's keys to explain."""
    for cls in type(node).__mro__:
        if not cls.__module__.startswith("coach.") or "BINDINGS" not in cls.__dict__:
            continue
        for declared in cls.__dict__["BINDINGS"]:
            action = declared.action if isinstance(declared, Binding) else declared[1]
            if action == binding.action:
                return True
    return False


@dataclass
class _Row:
    node: DOMNode
    action: str
    meaning: str
    keys: list[str] = field(default_factory=list)

    @property
    def verb(self) -> str:
        return self.action.split("(")[0]


def _same_row(row: _Row, action: str, meaning: str) -> bool:
    """Same action, or the same explanation, or no words at all but the same action with another
    argument (``tick(2)`` joins ``tick(1)``)."""
    if row.action == action:
        return True
    return row.meaning == meaning if meaning else row.verb == action.split("(")[0]


def _join_keys(keys: list[str]) -> str:
    """Keys separated by two spaces; a run of three or more digits is written as a range, ``1-9``."""
    digits = [k for k in keys if len(k) == 1 and k.isdigit()]
    if len(digits) >= 3 and [int(d) for d in digits] == list(range(int(digits[0]), int(digits[-1]) + 1)):
        first = keys.index(digits[0])
        keys = [*keys[:first], f"{digits[0]}-{digits[-1]}", *(k for k in keys[first:] if k not in digits)]
    return "  ".join(keys)


def help_rows(screen: Screen[Any]) -> list[tuple[str, str]]:
    """``(keys, what they do)`` for the bindings active on ``screen``: the screen's own first, then those
    of the focused widget, then the app's.

    A binding's tooltip is the longer explanation; its description is used when there is none. Keys for
    the same action, or with the same explanation, share a row; a binding with no words at all (the
    digits after ``1``) joins the row of its action's first key.
    """
    rows: list[_Row] = []
    for key, active in screen.active_bindings.items():
        binding, node = active.binding, active.node
        if binding.system or binding.action in _BUILT_IN or not _declared_by_coach(node, binding):
            continue
        meaning = binding.tooltip or binding.description
        # The app's F1 joins the screen's own help row: one row per thing to do, whoever binds it.
        row = next((r for r in rows if (r.node is node and _same_row(r, binding.action, meaning))
                    or (meaning and r.meaning == meaning)), None)
        if row is None:
            if not meaning:
                continue
            row = _Row(node, binding.action, meaning)
            rows.append(row)
        name = key_name(key)
        if name not in row.keys:
            row.keys.append(name)
    order = {id(screen): 0, id(screen.app): 2}
    rows.sort(key=lambda r: order.get(id(r.node), 1))  # stable: each group keeps the bindings' order
    return [(_join_keys(r.keys), r.meaning) for r in rows]


class KeyList:
    """A Rich renderable for ``(keys, meaning)`` rows that adapts to the width it is given."""

    def __init__(self, rows: Sequence[tuple[str, str]]) -> None:
        self.rows = tuple(rows)

    def _key_width(self, width: int) -> int:
        widest = max((len(keys) for keys, _ in self.rows), default=0)
        return min(widest, max(6, width // 3))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """As narrow as the longest word, as wide as the longest row."""
        widest = max((len(k) + 2 + len(m) for k, m in self.rows), default=0)
        return Measurement(min(options.max_width, 12), min(options.max_width, widest))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """Two columns (keys, then meaning wrapped beside them), or keys above meanings when narrow."""
        width = options.max_width
        if width >= _TWO_COLUMNS:
            table = Table.grid(padding=(0, 2), expand=True)
            table.add_column(style="bold", width=self._key_width(width), overflow="fold")
            table.add_column(ratio=1, overflow="fold")
            for keys, meaning in self.rows:
                table.add_row(Text(keys), Text(meaning))
        else:
            table = Table.grid(expand=True)
            table.add_column(overflow="fold")
            for keys, meaning in self.rows:
                table.add_row(Text.assemble((keys, "bold"), "\n  ", meaning))
        yield table


class HelpScreen(ModalScreen[None]):
    """The keys and a note; any key or a click closes it.

    When the list is longer than the box (a small terminal), the arrow and page keys scroll it and
    every other key closes it; the box's subtitle says which applies.
    """

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        background: $background 60%;
    }
    HelpScreen > #help-box {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 0 1;
        border: round $primary;
        border-title-color: $text;
        border-subtitle-color: $text-muted;
        background: $surface;
        scrollbar-size-vertical: 1;
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

    def __init__(self, rows: Sequence[tuple[str, str]], note: str = COMMON_NOTE) -> None:
        super().__init__()
        self.rows = tuple(rows)
        self.note = note
        self._closed = False

    def compose(self) -> ComposeResult:
        """The keys, then the note."""
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "any key closes"
            yield Static(KeyList(self.rows), id="help-keys")
            if self.note:
                yield Static(self.note, id="help-note", markup=False)

    @property
    def scrolls(self) -> bool:
        """Whether the list is longer than the box, so the arrow and page keys scroll it."""
        return self.query_one("#help-box", VerticalScroll).max_scroll_y > 0

    def on_mount(self) -> None:
        """Say in the subtitle whether the arrows scroll, once the box has its size."""
        self.call_after_refresh(self._show_subtitle)

    def on_resize(self) -> None:
        """The box's size follows the terminal's: say again whether the arrows scroll."""
        self.call_after_refresh(self._show_subtitle)

    def _show_subtitle(self) -> None:
        box = self.query_one("#help-box", VerticalScroll)
        box.border_subtitle = "↑↓ scroll · other keys close" if self.scrolls else "any key closes"

    def close(self) -> None:
        """Close the help, once: keys already queued behind the closing one must not close what is under it.

        A burst of keys (a fast typist, a clicker, a pseudo-terminal) lands in this screen's queue before
        the first one is handled; ``dismiss`` pops whatever screen is on top, so a second call would pop
        the screen underneath.
        """
        if self._closed or self.app.screen is not self:
            return
        self._closed = True
        self.dismiss()

    def on_key(self, event: events.Key) -> None:
        """Any key closes the help (and does nothing else), but scroll keys scroll a list that overflows."""
        event.stop()
        event.prevent_default()
        if self._closed:
            return  # queued behind the key that closed the help: dropped, never acted on twice
        if event.key in _SCROLL_KEYS and self.scrolls:
            box = self.query_one("#help-box", VerticalScroll)
            scroll = {"up": box.scroll_up, "down": box.scroll_down, "pageup": box.scroll_page_up,
                      "pagedown": box.scroll_page_down, "home": box.scroll_home, "end": box.scroll_end}
            scroll[event.key](animate=False)
            return
        self.close()

    def on_click(self, event: events.Click) -> None:
        """A click closes it too."""
        event.stop()
        self.close()
