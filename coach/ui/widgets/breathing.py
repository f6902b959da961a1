"""The breathing cue: the word to do now and a bar that fills as the lungs do."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip

from coach.ui.widgets.cached_styles import CachedStyleWidget

_MAX_BAR = 40


def breath_bar(fullness: float, width: int) -> str:
    """A bar ``width`` cells wide that grows from its middle outwards with ``fullness`` (0..1).

    Half-height blocks keep it quiet in a dark room; it grows in half cells on each side, so a slow
    breath moves smoothly at a few frames a second.
    """
    side = max(0, width // 2)
    halves = round(min(1.0, max(0.0, fullness)) * side * 2)
    full, half = divmod(halves, 2)
    gap = side - full - half
    left = " " * gap + ("▗" if half else "") + "▄" * full
    right = "▄" * full + ("▖" if half else "") + " " * gap
    return left + right


class BreathingCue(CachedStyleWidget):
    """``Breathe in`` over a bar that grows and shrinks; with reduced motion, the word alone."""

    DEFAULT_CSS = """
    BreathingCue {
        height: 2;
    }
    BreathingCue.-still {
        height: 1;
    }
    BreathingCue > .breathing--word {
        color: $secondary;
        text-style: bold;
    }
    BreathingCue > .breathing--bar {
        color: $secondary 50%;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"breathing--word", "breathing--bar"}

    word: reactive[str] = reactive("")
    """What to do now: "Breathe in", "Hold", "Breathe out", "Rest" (empty hides the cue)."""
    fullness: reactive[float] = reactive(0.0, repaint=False)
    """How full the lungs are, 0..1: the bar's width (a change repaints the bar's row only, and only
    when the drawn bar moves, see :meth:`watch_fullness`)."""
    still: reactive[bool] = reactive(False)
    """Reduced motion: show the word only, never move."""

    def watch_still(self, still: bool) -> None:
        """Take one line instead of two when there is no bar."""
        self.set_class(still, "-still")

    def watch_fullness(self, old: float, new: float) -> None:
        """Repaint the bar's row when its drawing changes; the word above it stays as it is."""
        bar_width = max(0, min(_MAX_BAR, self.size.width))
        if breath_bar(old, bar_width) != breath_bar(new, bar_width) or not bar_width:
            self.refresh(Region(0, 1, self.size.width, 1))

    def show(self, word: str, fullness: float) -> None:
        """Set the cue; a bar that would not move a visible half cell causes no repaint."""
        self.word = word
        if not self.still:
            self.fullness = round(fullness * _MAX_BAR) / _MAX_BAR

    def render_line(self, y: int) -> Strip:
        """Line 0: the word centred over the bar; line 1: the bar (both centred on the bar's middle).

        Drawn as strips directly: this widget repaints several times a second and should cost little.
        """
        width = self.size.width
        base = self._style("base")
        bar_width = max(0, min(_MAX_BAR, width))
        if y == 0:
            text, style = self.word, self._style("breathing--word")
        elif y == 1 and not self.still and self.word:
            text, style = breath_bar(self.fullness, bar_width), self._style("breathing--bar")
        else:
            return Strip.blank(width, base)
        # Centre within the bar's width; only the visible part is styled, the padding stays plain.
        padded = text.center(bar_width) if len(text) < bar_width else text
        core = padded.strip(" ")
        left = len(padded) - len(padded.lstrip(" "))
        segments = [Segment(" " * left, base), Segment(core, style)] if core else []
        return Strip(segments).crop_extend(0, width, base)

    def text(self) -> str:
        """What the cue shows, as plain text (one line per row)."""
        return "\n".join(self.render_line(y).text.rstrip() for y in range(self.size.height))
