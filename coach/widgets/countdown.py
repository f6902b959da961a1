"""The big countdown: the time left in the current segment, in digits readable from a metre away."""

from __future__ import annotations

import math

from textual.widgets import Digits

# A clock reading a hair above a whole second (float noise from subtracting timestamps) must
# still show that whole second, or the digits would flicker a second late.
_EPSILON = 1e-6


def whole_seconds(seconds: float) -> int:
    """Seconds rounded up, as a countdown shows them: 59.2 s left reads 1:00, 0 reads 0:00."""
    return max(0, math.ceil(seconds - _EPSILON))


def clock_text(seconds: float) -> str:
    """``m:ss`` (or ``h:mm:ss`` from an hour) for a countdown of ``seconds``, rounded up."""
    total = whole_seconds(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def until_change(seconds: float) -> float:
    """How long until a countdown of ``seconds`` shows a different whole second (0 < result <= 1)."""
    shown = whole_seconds(seconds)
    if shown == 0:
        return 1.0
    return max(seconds - (shown - 1), _EPSILON)


class Countdown(Digits):
    """Big ``m:ss`` digits; :meth:`show` repaints only when the shown text changes."""

    DEFAULT_CSS = """
    Countdown {
        width: auto;
    }
    """

    def show(self, seconds: float) -> None:
        """Show ``seconds`` left, rounded up to the whole second."""
        text = clock_text(seconds)
        if text != self.value:
            self.update(text)
