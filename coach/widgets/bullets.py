"""A bulleted list with hanging indents for lines from the routines file (safety notes, benefits)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text


def bullets(lines: Iterable[str]) -> Table:
    """``lines`` as a bulleted list; each line is shown literally (``Text``, never markup)."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1)
    for line in lines:
        grid.add_row(Text("·"), Text(line))
    return grid
