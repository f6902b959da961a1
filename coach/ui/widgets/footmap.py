"""The foot map: a small drawing of the sole and the top of a foot with the zone being worked lit up.

The drawing itself lives in :mod:`coach.ui.widgets.footmap_art` (pure data, mirrored for the left foot);
this widget only lays it out and styles it. At 26 x 12 cells it shows both drawings; narrower, only the
one where the zone is; with fewer than 12 rows or 12 columns, one line of text (``RIGHT foot · arch``).
"""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip

from coach.routines import Foot, Zone
from coach.ui.widgets.footmap_art import (
    ART_HEIGHT,
    ART_WIDTH,
    GAP,
    VIEW_WIDTH,
    foot_label,
    render_art,
    view_spans,
    zone_name,
    zone_views,
)
from coach.ui.widgets.steady import SteadyLines

FULL_HEIGHT = ART_HEIGHT + 2
"""Rows the map needs to draw: a heading, the drawings, and their labels (12)."""

Layout = Literal["both", "one", "line"]
Role = Literal["title", "label", "part", "zone", "whole", "line"]
"""What a piece of the map is; each role has a component class ``footmap--<role>``."""


def choose_layout(width: int, height: int) -> Layout:
    """Both drawings at 26 x 12 or more, one drawing from 12 x 12, else a line of text."""
    if height >= FULL_HEIGHT and width >= ART_WIDTH:
        return "both"
    if height >= FULL_HEIGHT and width >= VIEW_WIDTH:
        return "one"
    return "line"


def _centred(text: str, width: int) -> str:
    pad = max(0, width - len(text))
    return " " * (pad // 2) + text + " " * (pad - pad // 2)


class FootMap(SteadyLines):
    """Sole and top of the foot being massaged, the current zone highlighted.

    The sole is drawn as seen with the sole facing you (a right sole has its big toe on the right);
    the top as seen looking down on the foot (a right foot's big toe is then on the left). The left
    foot's drawings are the right foot's in a mirror. Setting :attr:`zone` or :attr:`foot` repaints
    this widget only; its size never changes.
    """

    DEFAULT_CSS = """
    FootMap {
        width: 26;
        height: 12;
    }
    FootMap > .footmap--title {
        color: $text;
        text-style: bold;
    }
    FootMap > .footmap--label {
        color: $text-muted;
    }
    FootMap > .footmap--part {
        color: $text-muted;
    }
    FootMap > .footmap--zone {
        color: $accent;
        background: $accent 30%;
        text-style: bold;
    }
    /* Without colour the lit zone is drawn in reverse video and the rest faint, so both still show. */
    FootMap:nocolor > .footmap--zone {
        text-style: bold reverse;
    }
    FootMap:nocolor > .footmap--part {
        text-style: dim;
    }
    FootMap > .footmap--whole {
        color: $accent;
        text-style: bold;
    }
    FootMap > .footmap--line {
        color: $text-muted;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "footmap--title",
        "footmap--label",
        "footmap--part",
        "footmap--zone",
        "footmap--whole",
        "footmap--line",
    }
    """Heading, view labels, the unlit drawing, the lit zone, the whole foot lit, the one-line form."""

    zone: reactive[Zone | None] = reactive(None)
    """The zone being worked, highlighted on the drawings; ``None`` lights nothing."""
    foot: reactive[Foot | None] = reactive(None)
    """The foot being worked; the drawings are mirrored for ``left``. ``None`` draws a right foot
    under the neutral heading ``foot``."""

    def __init__(
        self,
        foot: Foot | None = None,
        zone: Zone | None = None,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        # render_line asks for one row at a time; the rows are built once per foot, zone and layout.
        self._lines_key: tuple[Foot | None, Zone | None, Layout, int] | None = None
        self._lines: list[list[tuple[str, Role]]] = []
        self.set_reactive(FootMap.foot, foot)
        self.set_reactive(FootMap.zone, zone)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """Both drawings side by side."""
        return ART_WIDTH

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """Heading, drawings and labels."""
        return FULL_HEIGHT

    @property
    def layout_name(self) -> Layout:
        """How the map is drawn at the widget's current size."""
        return choose_layout(self.size.width, self.size.height)

    def lines(self) -> list[list[tuple[str, Role]]]:
        """The map at the current size as rows of ``(text, role)`` pieces, before styling."""
        layout = self.layout_name
        # Only the one-line form depends on the exact width (it shortens itself to fit).
        key = (self.foot, self.zone, layout, self.size.width if layout == "line" else 0)
        if key != self._lines_key:
            self._lines_key, self._lines = key, self._build_lines(*key)
        return self._lines

    def _build_lines(
        self, foot: Foot | None, zone: Zone | None, layout: Layout, width: int
    ) -> list[list[tuple[str, Role]]]:
        if layout == "line":
            return [self._summary(foot, zone, width)]
        if layout == "both":
            art = render_art(foot, zone)
            width = ART_WIDTH
            labels = _centred("sole", VIEW_WIDTH) + " " * GAP + _centred("top", VIEW_WIDTH)
        else:
            view = zone_views(zone)[0]
            art = view_spans(view, foot, zone)
            width = VIEW_WIDTH
            labels = _centred(view, VIEW_WIDTH)
        rows: list[list[tuple[str, Role]]] = [[(_centred(foot_label(foot), width), "title")]]
        rows.extend([(text, self._role(mark)) for text, mark in row] for row in art)
        rows.append([(labels, "label")])
        return rows

    @staticmethod
    def _summary(foot: Foot | None, zone: Zone | None, width: int) -> list[tuple[str, Role]]:
        """The one-line form, the zone lit: ``RIGHT foot · arch``, shortened to ``RIGHT · arch`` then
        ``arch`` when narrow (the zone is what the map is for); ``zone: arch`` without a foot."""
        if zone is None:
            return [(foot_label(foot), "title")] if foot is not None else []
        lit: tuple[str, Role] = (zone_name(zone), "whole" if zone == "whole" else "zone")
        if foot is None:
            return [("zone: ", "line"), lit]
        forms: list[list[tuple[str, Role]]] = [
            [(foot_label(foot), "title"), (" · ", "line"), lit],
            [(foot.upper(), "title"), (" · ", "line"), lit],
        ]
        return next((f for f in forms if sum(len(t) for t, _ in f) <= width), [lit])

    @staticmethod
    def _role(mark: Zone | None) -> Role:
        if mark is None:
            return "part"
        return "whole" if mark == "whole" else "zone"

    def _style(self, role: Role) -> Style:
        return self.get_component_rich_style(f"footmap--{role}")

    def render_line(self, y: int) -> Strip:
        """Row ``y`` of the map, centred across the widget and cropped to its width."""
        width = self.size.width
        base = self.rich_style
        rows = self.lines()
        if y >= len(rows) or width <= 0:
            return Strip.blank(width, base)
        row = rows[y]
        segments = [Segment(text, self._style(role)) for text, role in row]
        used = sum(len(text) for text, _ in row)
        left = max(0, (width - used) // 2) if self.layout_name != "line" else 0
        if left:
            segments.insert(0, Segment(" " * left, base))
        return Strip(segments).crop_extend(0, width, base)
