"""Plain-text pictures of the history, shared by ``coach history`` and the history screen.

Everything here is a pure function of numbers and dates returning lines of text that read without
colour: block characters for bars, or ASCII when the output cannot show them. Month names are
spelled here rather than by ``strftime`` so the output does not depend on the locale.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from coach.history.stats import NightMinutes
from coach.wording import format_day

_EIGHTHS = " ▁▂▃▄▅▆▇█"
_ASCII_EIGHTHS = " ..::++##"
_RATING_BARS = "▁▂▄▆█"


def chart_top(largest: float) -> int:
    """A round number at or above ``largest`` for the chart's scale (at least 5 minutes)."""
    step = 5 if largest <= 60 else 15 if largest <= 180 else 60
    return max(step, math.ceil(largest / step) * step)


def night_bars(
    nights: Sequence[NightMinutes],
    *,
    height: int = 4,
    width: int = 80,
    bar_width: int = 1,
    ascii_only: bool = False,
) -> list[str]:
    """A vertical bar per night with a minutes scale and date labels, fitting in ``width`` columns.

    Bars are ``bar_width`` columns wide with a column between them when there is room for that,
    narrower when not.
    Returns ``height + 2`` lines: the bars, the baseline, then dates under the first night of each
    week of the window. A night with any time at all shows at least a sliver, so a short session is
    never mistaken for no session. When too narrow, the oldest nights are left out.
    """
    height = max(1, height)
    top = chart_top(max((n.minutes for n in nights), default=0.0))
    label_width = len(str(top))
    room = max(1, width - label_width - 2)
    spacing = max(1, min(max(1, bar_width) + 1, room // max(1, len(nights))))
    shown = list(nights)[-max(1, room // spacing) :] if nights else []
    offset = len(nights) - len(shown)
    eighths = [_eighths(n.minutes, top, height) for n in shown]
    levels = _ASCII_EIGHTHS if ascii_only else _EIGHTHS
    lines = []
    for row in reversed(range(height)):
        bar = max(1, spacing - 1)
        cells = "".join((_cell(e - row * 8, levels) * bar).ljust(spacing) for e in eighths).rstrip()
        if row == height - 1:
            axis = f"{top:>{label_width}} " + ("+" if ascii_only else "┤")
        else:
            axis = " " * (label_width + 1) + ("|" if ascii_only else "│")
        lines.append(axis + cells)
    baseline = "-" if ascii_only else "─"
    corner = "+" if ascii_only else "└"
    lines.append(f"{0:>{label_width}} {corner}" + baseline * (len(shown) * spacing))
    lines.append(" " * (label_width + 2) + _date_labels(shown, offset, spacing))
    return lines


def _eighths(minutes: float, top: int, height: int) -> int:
    if minutes <= 0:
        return 0
    return max(1, min(height * 8, round(minutes / top * height * 8)))


def _cell(fill: int, levels: str) -> str:
    return levels[max(0, min(8, fill))]


def _date_labels(shown: Sequence[NightMinutes], offset: int, spacing: int) -> str:
    """Dates under the first night of each whole week of the window, where they fit."""
    line = ""
    for index, night in enumerate(shown):
        if (index + offset) % 7:
            continue
        column = index * spacing
        label = format_day(night.night)
        if column >= len(line) + (1 if line else 0) and column + len(label) <= len(shown) * spacing + 1:
            line = line.ljust(column) + label
    return line


def rating_strip(values: Sequence[int | None], *, ascii_only: bool = False) -> str:
    """One character per session: a bar from low (1) to high (5), or a dot when not rated.

    ASCII output spells the number itself, which reads better than any ASCII bar.
    """
    missing = "." if ascii_only else "·"
    return "".join(
        missing if v is None else (str(v) if ascii_only else _RATING_BARS[v - 1]) for v in values
    )


def sleep_chart(
    minutes: Sequence[float], sleep: Sequence[int | None], *, ascii_only: bool = False
) -> list[str]:
    """Minutes of massage and the sleep rating per night, one column per night, oldest left.

    Two aligned lines: ``minutes`` as one-row bars scaled to the largest night (a blank where there
    was none, a sliver for a short one), and ``sleep`` as :func:`rating_strip` (a dot when unrated).
    """
    top = max(minutes, default=0.0)
    levels = _ASCII_EIGHTHS if ascii_only else _EIGHTHS
    bars = "".join(_cell(_eighths(m, math.ceil(top) or 1, 1), levels) for m in minutes)
    return [f"minutes {bars}", f"sleep   {rating_strip(sleep, ascii_only=ascii_only)}"]


def can_encode(text: str, encoding: str | None) -> bool:
    """Whether a stream with ``encoding`` can print ``text`` (decides between blocks and ASCII)."""
    try:
        text.encode(encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True
