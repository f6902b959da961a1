"""Textual's command palette (Ctrl+P: themes, keys, quit), with page keys that wait for its list.

The palette fills its list as the search finds commands, and lays the list out on the next refresh.
PageUp and PageDown in between look up a line the list has not laid out yet, and Textual's list ends
the app with a ``KeyError``. Here they page only a list that is laid out; before that there is nothing
shown to page through, so they do nothing, as on an empty list.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.command import CommandList, CommandPalette


class Palette(CommandPalette):
    """The command palette; PageUp/PageDown page its list once the list has been laid out."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "page(1)", "Next page", show=False),
        Binding("pageup", "page(-1)", "Previous page", show=False),
    ]

    def action_page(self, direction: int) -> None:
        """A page down (``1``) or up (``-1``) through the commands shown."""
        commands = self.query_one(CommandList)
        if not commands.scrollable_content_region:  # not laid out yet: no lines to page through
            return
        if direction > 0:
            commands.action_page_down()  # type: ignore[no-untyped-call]
        else:
            commands.action_page_up()  # type: ignore[no-untyped-call]
