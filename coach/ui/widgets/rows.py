"""Helpers for widgets that draw several rows of their own (the checklist, the session panel)."""

from __future__ import annotations

from textual.geometry import Offset, Region
from textual.widget import Widget


def show_lines(widget: Widget, top: int, height: int = 1) -> None:
    """Scroll every container around ``widget`` so that its lines ``top`` to ``top + height - 1`` show,
    as ``scroll_visible`` does for a whole widget (a row of a widget that draws its rows is no widget of
    its own to scroll to)."""
    if not widget.is_mounted or not widget.size:
        return
    box = widget.virtual_region
    gutter = widget.styles.gutter
    region = Region(box.x + gutter.left, box.y + gutter.top + top, widget.size.width, height)
    while isinstance(widget.parent, Widget):
        container = widget.parent
        scrolled = Offset(0, 0)
        if widget.styles.dock == "none":
            scrolled = container.scroll_to_region(region, animate=False, immediate=True)
        # Into the container's parent's coordinates, as Textual's own scroll_to_widget does.
        region = (
            region.translate(-scrolled)
            .translate(container.styles.margin.top_left)
            .translate(container.styles.border.spacing.top_left)
            .translate(container.virtual_region_with_margin.offset)
        ).grow(container.styles.margin).intersection(container.virtual_region_with_margin)
        if not region:
            return
        widget = container
