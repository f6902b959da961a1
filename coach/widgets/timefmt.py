"""Plain wording of lengths of time for the screens (no textual import: pure helpers)."""

from __future__ import annotations

import math


def clock(seconds: float) -> str:
    """``seconds`` as ``m:ss`` (or ``h:mm:ss`` past an hour), rounded to the nearest second.

    Negative or non-finite values show as ``0:00``: a screen should never print ``-0:01`` or ``nan``.
    """
    if not math.isfinite(seconds) or seconds <= 0:
        return "0:00"
    return whole_clock(round(seconds))


def whole_clock(total: int) -> str:
    """``total`` whole seconds as ``m:ss``, or ``h:mm:ss`` from an hour."""
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def minutes(seconds: float) -> str:
    """``seconds`` in whole minutes for a glance ("12 min"); under a minute, in seconds ("40 s")."""
    if not math.isfinite(seconds) or seconds <= 0:
        return "0 min"
    if seconds < 59.5:
        return f"{round(seconds)} s"
    return f"{round(seconds / 60)} min"

