"""A one-line setting with its key shown beside it: `` r Routine  Nightly wind-down``.

The screen owns the value and the key binding; the panel that draws the line turns a click on it into
a change. A line with arrows around its value (the length) steps back on a click on the back arrow or
anything left of it; any other click steps forward.
"""

from __future__ import annotations

from textual.content import Content

BACK = "\u2039"
"""The single angle quote drawn before a value that steps both ways."""
FORWARD = "\u203a"
"""The single angle quote drawn after it."""
KEY_WIDTH = 4
"""Columns for the key, right-aligned, and one space."""
LABEL_WIDTH = 8
"""Columns for the label."""


def choice_line(key: str, label: str, value: str, note: str = "", *, arrows: bool = False) -> Content:
    """Key, label, the value (between arrows if it steps both ways), then a muted note; the value is
    literal text, never markup."""
    left, right = (f"{BACK} ", f" {FORWARD}") if arrows else ("", "")
    return Content.assemble(
        (f"{key:>{KEY_WIDTH - 1}} ", "$accent bold"),
        (f"{label:<{LABEL_WIDTH}}", "$text-muted"),
        (left, "$text-muted"),
        (value, "bold"),
        (right, "$text-muted"),
        (f"  {note}" if note else "", "$text-muted"),
    )
