"""The big countdown: the time left in the current part, in digits readable from a metre away, with a
small label under it that says what it counts ("this hold", "this part", "for the towel")."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.strip import Strip

from coach.ui.widgets.bigdigits import SHAPE_MIN, Font, choose_font
from coach.ui.widgets.cached_styles import CachedStyleWidget
from coach.wording import clock_text, shorten

# A clock reading a hair above a whole second (float noise from subtracting timestamps) must
# still show that whole second, or the digits would flicker a second late.


class Countdown(CachedStyleWidget):
    """Big ``m:ss`` digits, centred in the room the layout gives it.

    The font is the biggest of :data:`~coach.ui.widgets.bigdigits.FONTS` that fits the widget's size:
    Textual's three-row digits on a small terminal, block letters up to fourteen rows on a large one. It is
    chosen when the size changes (a resize), never per tick; :meth:`show` repaints only when the text
    changes, and then only the columns whose digits changed (from 0:17 to 0:16, the last digit): the
    rest of the screen's row is neither drawn again nor written to the terminal.
    """

    DEFAULT_CSS = """
    Countdown {
        width: 1fr;
        height: 1fr;
        min-height: 3;
    }
    Countdown > .countdown--label {
        color: $text-muted;
        text-style: not bold;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"countdown--label"}

    value: reactive[str] = reactive("0:00", repaint=False)
    """The time shown, ``m:ss`` (a change repaints the digits that changed, see :meth:`watch_value`)."""
    label: reactive[str] = reactive("", repaint=False)
    """What the number counts, one short line under the digits; "" for none."""

    def __init__(self, value: str = "0:00", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._font: Font | None = None
        self._font_size = Size(0, 0)
        self._wide = False
        self._strips: tuple[str, list[Strip]] | None = None
        self.value = value

    @property
    def font(self) -> Font:
        """The font for the current size (chosen once per size and glyph count)."""
        # Checked against the size as well as reset by on_resize: Textual lays a widget out at its new
        # size and may draw it there before the Resize event reaches on_resize, and a font chosen for
        # the size before (the first layout's) would be drawn until the next second.
        size = self.size
        if self._font is None or size != self._font_size or (len(self.value) > len(SHAPE_MIN)) != self._wide:
            self._wide = len(self.value) > len(SHAPE_MIN)
            self._font = choose_font(self.value, size.width, size.height - 1)
            self._font_size = size
        return self._font

    def show(self, seconds: float, label: str | None = None) -> None:
        """Show ``seconds`` left, rounded up to the whole second, and what they count (``label``)."""
        self.value = clock_text(seconds)
        if label is not None:
            self.label = label

    def watch_value(self, old: str, new: str) -> None:
        """A new second: repaint the columns whose digits changed (all of it when the font or the
        width of the digits changed)."""
        self._strips = None
        font = self._font
        if font is None or not self.size or (len(new) > len(SHAPE_MIN)) != self._wide:
            self.refresh()
            return
        before, after = font.lines(old), font.lines(new)
        if len(before) != len(after) or len(before[0]) != len(after[0]):
            self.refresh()
            return
        rows = list(zip(before, after, strict=True))
        changed = [x for x in range(len(after[0])) if any(b[x] != a[x] for b, a in rows)]
        if changed:
            top, left = self._origin(after)
            self.refresh(Region(left + changed[0], top, changed[-1] - changed[0] + 1, len(after)))

    def watch_label(self) -> None:
        """New words under the digits: repaint the label's row."""
        self._strips = None
        rows = self.lines()
        top, _left = self._origin(rows)
        self.refresh(Region(0, top + len(rows), self.size.width, 1))

    def _origin(self, rows: tuple[str, ...]) -> tuple[int, int]:
        """Where the digits' first row and first column are drawn (centred across and down)."""
        width, height = self.size
        digits_width = len(rows[0]) if rows else 0
        return max(0, (height - len(rows) - 1) // 2), max(0, (width - digits_width) // 2)

    def on_resize(self) -> None:
        """A new size: choose the font again, and draw with it."""
        self._font, self._strips = None, None
        self.refresh()

    def notify_style_update(self) -> None:
        """Colours changed (theme, paused): draw again in the new colour."""
        super().notify_style_update()
        self._strips = None

    def lines(self) -> tuple[str, ...]:
        """The digits as drawn, one string per row (without the centring)."""
        return self.font.lines(self.value)

    def render_line(self, y: int) -> Strip:
        """Row ``y``: the digits, then the label, centred across and down the widget.

        One row is always kept for the label (the font is chosen for the height less one), so the
        number and the words that say what it counts are never apart or overlapping.
        """
        width = self.size.width
        key = f"{self.value}|{self.label}|{self.size}"
        if self._strips is None or self._strips[0] != key:
            style = self._style("base")
            rows = self.lines()
            top, left = self._origin(rows)
            strips = [Strip.blank(width, style)] * top
            strips += [Strip([Segment(" " * left + row, style)]).crop_extend(0, width, style) for row in rows]
            label = shorten(self.label, width)
            label_style = self._style("countdown--label")
            label_left = max(0, (width - len(label)) // 2)
            strips.append(Strip([Segment(" " * label_left, style), Segment(label, label_style)])
                          .crop_extend(0, width, style))
            self._strips = (key, strips)
        strips = self._strips[1]
        return strips[y] if 0 <= y < len(strips) else Strip.blank(width, self._style("base"))
