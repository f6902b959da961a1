"""Widgets that hand a frame the lines they drew last time when nothing about them changed.

Textual 8 draws a frame by asking every visible widget whose container overlaps the changed area
for its lines, changed or not. Its own per-line cache spares the drawing, but not the work around it:
each widget's background is found by walking its ancestors, its opacity likewise, and every line is
passed through the app's filters again. On the player a frame that changes one countdown digit asked
about eighteen widgets this way, and that, not the countdown, was most of what a second of playing
cost. A widget made with :class:`SteadyLines` keeps the lines of its last frame and gives them back
as they are until Textual itself would draw it again: a refresh (its content changed), a new size, or
a style update (a class, the theme, an ancestor's classes: Textual re-applies the styles of a whole
subtree and tells each node).

Textual gathers a widget's default CSS and its type names for selectors along the *first* base class
only, so the Textual class comes first and :class:`SteadyLines` after it (``class X(Vertical,
SteadyLines)``): the other way round, a ``Vertical`` would lose its ``layout: vertical``.
"""

from __future__ import annotations

from typing import Self

from textual.containers import Horizontal, Vertical
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget


class SteadyLines(Widget):
    """A widget whose :meth:`render_lines` is served from its last frame until it must draw again."""

    _steady: tuple[Region, Size, list[Strip]] | None = None
    """The crop and size of the last frame's lines, and the lines; None: draw again."""

    def render_lines(self, crop: Region) -> list[Strip]:
        """The lines of ``crop``: the last frame's when the same crop at the same size is asked for and
        nothing was refreshed or restyled since (see the module's doc)."""
        steady, size = self._steady, self.size
        if steady is not None and steady[0] == crop and steady[1] == size:
            return steady[2]
        lines = super().render_lines(crop)
        self._steady = (crop, size, lines)
        return lines

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        """Forget the kept lines when a repaint is asked for, then refresh as Textual does."""
        if repaint or recompose:
            self._steady = None
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def _set_dirty(self, *regions: Region) -> None:
        """Textual forgets its own cached lines here (a refresh, a new size, styles reset): so do we."""
        self._steady = None
        super()._set_dirty(*regions)

    def notify_style_update(self) -> None:
        """Styles changed (a class, the theme, an ancestor's classes): draw again."""
        self._steady = None
        super().notify_style_update()


class SteadyVertical(Vertical, SteadyLines):
    """A :class:`~textual.containers.Vertical` that keeps its lines (see :class:`SteadyLines`)."""


class SteadyHorizontal(Horizontal, SteadyLines):
    """A :class:`~textual.containers.Horizontal` that keeps its lines (see :class:`SteadyLines`)."""
