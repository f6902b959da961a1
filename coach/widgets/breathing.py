"""The breathing cue: the word to do now and a bar that fills as the lungs do."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import RenderResult
from textual.reactive import reactive
from textual.widget import Widget

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


class BreathingCue(Widget):
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
    fullness: reactive[float] = reactive(0.0)
    """How full the lungs are, 0..1: the bar's width."""
    still: reactive[bool] = reactive(False)
    """Reduced motion: show the word only, never move."""

    def watch_still(self, still: bool) -> None:
        """Take one line instead of two when there is no bar."""
        self.set_class(still, "-still")

    def show(self, word: str, fullness: float) -> None:
        """Set the cue; a bar that would not move a visible half cell causes no repaint."""
        self.word = word
        if not self.still:
            self.fullness = round(fullness * _MAX_BAR) / _MAX_BAR

    def render(self) -> RenderResult:
        """The word centred over the bar (both centred on the bar's middle)."""
        bar_width = max(0, min(_MAX_BAR, self.size.width))
        text = Text(no_wrap=True, overflow="crop")
        # The padding stays unstyled so only the word itself is bold.
        pad = max(0, bar_width - len(self.word))
        text.append(" " * (pad // 2))
        text.append(self.word, self.get_component_rich_style("breathing--word"))
        text.append(" " * (pad - pad // 2))
        if not self.still and self.word:
            bar = breath_bar(self.fullness, bar_width)
            gap = len(bar) - len(bar.lstrip(" "))
            text.append("\n" + " " * gap)
            text.append(bar.strip(" "), self.get_component_rich_style("breathing--bar"))
        return text
