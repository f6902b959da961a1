"""A bulleted list with hanging indents for lines from the routines file (safety notes, benefits)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

BULLET_WIDTH = 2
"""Columns the bullet and the space after it take; the text hangs after them."""


def bullets(lines: Iterable[str]) -> Table:
    """``lines`` as a bulleted list; each line is shown literally (``Text``, never markup)."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1)
    for line in lines:
        grid.add_row(Text("·"), Text(line))
    return grid


def bullet_heights(lines: Iterable[str], width: int, console: Console) -> list[int]:
    """How many rows each line of :func:`bullets` takes when the list is ``width`` columns wide."""
    text_width = max(1, width - BULLET_WIDTH)
    return [max(1, len(Text(line).wrap(console, text_width))) for line in lines]


def lines_that_fit(heights: Sequence[int], rows: int) -> int:
    """How many of the first lines (of the given ``heights``) fit whole into ``rows`` rows."""
    used = count = 0
    for height in heights:
        if used + height > rows:
            break
        used += height
        count += 1
    return count
