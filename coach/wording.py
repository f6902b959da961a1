"""Every formatter of time, counts and dates in one place, so each kind of text reads the same everywhere.

Clocks (``12:05``), lengths in words (``1 h 5 min``), ranges (``26-41 min``), minutes for a glance, dates,
plurals and the counters' words. Standard library only: the engine, history, the command line and the
screens all import it, and nothing here imports them.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# A clock reading a hair above a whole second (float noise from subtracting timestamps) must
# still show that whole second, or the digits would flicker a second late.
_EPSILON = 1e-6


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


def whole_seconds(seconds: float) -> int:
    """Seconds rounded up, as a countdown shows them: 59.2 s left reads 1:00, 0 reads 0:00."""
    return max(0, math.ceil(seconds - _EPSILON))


def clock_text(seconds: float) -> str:
    """``m:ss`` (or ``h:mm:ss`` from an hour) for a countdown of ``seconds``, rounded up."""
    return whole_clock(whole_seconds(seconds))


def until_change(seconds: float) -> float:
    """How long until a countdown of ``seconds`` shows a different whole second (0 < result <= 1)."""
    shown = whole_seconds(seconds)
    if shown == 0:
        return 1.0
    return max(seconds - (shown - 1), _EPSILON)


def duration_words(seconds: float) -> str:
    """A length of time in plain words: "40 s", "1 min 40 s", "12 min", "1 h 5 min"."""
    seconds = round(max(0.0, seconds))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 600:  # under ten minutes the seconds still matter
        minutes, rest = divmod(seconds, 60)
        return f"{minutes} min {rest} s" if rest else f"{minutes} min"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def format_minutes(minutes: float) -> str:
    """``"42 min"``, ``"1 h 5 min"`` (as :func:`duration_words` writes hours); ``"<1 min"``, ``"0 min"``."""
    if minutes <= 0:
        return "0 min"
    if minutes < 1:
        return "<1 min"
    whole = round(minutes)
    if whole < 60:
        return f"{whole} min"
    hours, rest = divmod(whole, 60)
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def format_day(day: date) -> str:
    """``"12 May"``."""
    return f"{day.day} {_MONTHS[day.month - 1]}"


def format_when(moment: datetime) -> str:
    """``"Sat 24 May 23:10"`` (wall time of ``moment`` as given)."""
    return f"{_DAYS[moment.weekday()]} {format_day(moment.date())} {moment:%H:%M}"


def plural(count: int, word: str) -> str:
    """``"1 night"``, ``"3 nights"``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def short_minutes(seconds: float) -> str:
    """``seconds`` in words a person reads at a glance: "12 min", "11.5 min", "45 s"."""
    return f"{round(seconds)} s" if seconds < 60 else f"{number(seconds / 60)} min"


def format_range(low_s: float, high_s: float) -> str:
    """A range of lengths in seconds as one reads it at a glance, the same way everywhere.

    Whole minutes when the range reaches 2 min ("26-40 min"), else whole seconds ("35-39 s"); each end is
    rounded to the nearest (halves up), one value when both ends round alike ("26 min"), and an end under
    2 min keeps its seconds ("90 s-5 min").
    """
    low_s, high_s = sorted((max(0.0, low_s), max(0.0, high_s)))
    if high_s < 120:
        low, high = half_up(low_s), half_up(high_s)
        return f"{low} s" if low == high else f"{low}-{high} s"
    high = half_up(high_s / 60)
    if low_s < 120:
        return f"{half_up(low_s)} s-{high} min"
    low = half_up(low_s / 60)
    return f"{low} min" if low == high else f"{low}-{high} min"


def half_up(value: float) -> int:
    """Round to the nearest whole number, halves up (``round`` would take 40.5 to 40)."""
    return math.floor(value + 0.5)


def number(value: float) -> str:
    """One decimal at most, none when it is (nearly) whole: 12, 11.5."""
    return str(round(value)) if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def whole_minutes(minutes: float) -> str:
    return str(int(minutes)) if float(minutes).is_integer() else f"{minutes:.1f}"


def count_text(name: str, number: int, total: int, default: str = "Rep") -> str:
    """``Toe 3 of 5`` for a part whose reps are toes; ``Rep 3 of 5`` (``default``) when unnamed.

    A hold point is counted the same way (``Point 2 of 5``): whether it is held or released is the
    countdown's label, so the word "Hold" is never beside the breathing cue's "Hold the breath".
    """
    word = (name or default).strip()
    return f"{word[:1].upper()}{word[1:]} {number} of {total}"


ELLIPSIS = "…"


def cell_len(text: str) -> int:
    """Terminal cells ``text`` takes: two for a wide character (CJK, most emoji), none for a combining
    mark."""
    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in text
    )


def shorten(text: str, width: int) -> str:
    """``text`` on one line of ``width`` cells: whole, or cut after a whole word with "…".

    Never cut inside a word: a reader at a metre must not guess at "optiona…". A first word longer
    than the line is the one exception (cut at the edge, with "…").
    """
    text = " ".join(text.split())
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    words = text.split(" ")
    kept: list[str] = []
    for word in words:
        trial = " ".join([*kept, word])
        if cell_len(trial) + 1 > width:
            break
        kept.append(word)
    if not kept:
        out = ""
        for char in text:
            if cell_len(out + char) + 1 > width:
                break
            out += char
        return out + ELLIPSIS
    return " ".join(kept).rstrip(",;:·-–").rstrip() + ELLIPSIS  # noqa: RUF001 (the en dash is meant)


# C0 controls (ESC, BEL, CR, backspace...), DEL, C1 controls (CSI U+009B acts as ESC [ on some terminals),
# the line and paragraph separators, and the marks and overrides that reorder text on a bidirectional
# terminal: U+202A-U+202E (embeddings, overrides), U+2066-U+2069 (isolates), U+200E/U+200F, U+061C.
_BIDI_AND_SEPARATORS = "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
# Lone surrogates too: a file name that is not UTF-8 arrives with them, and no terminal encoding takes them.
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI_AND_SEPARATORS}\ud800-\udfff]")
_UNSAFE_KEEPING_LINES = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{_BIDI_AND_SEPARATORS}\ud800-\udfff]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(found: re.Match[str]) -> str:
    char = found.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, lines: bool = False) -> str:
    """``text`` safe to write to a terminal: every control character, escape sequence and bidirectional
    override or isolate shown as a visible escape (``\\x1b``, ``\\u202e``, ``\\n``), never sent raw.

    Every message that quotes something read from a file or given by the user (keys, ids, values, names,
    paths) goes through here before it is printed or shown, so a crafted file cannot set the terminal's
    title, clear the screen or turn text around. With ``lines``, line breaks are kept (a notice of several
    lines); everything else printable, any script, is left as it is.
    """
    pattern = _UNSAFE_KEEPING_LINES if lines else _UNSAFE
    return pattern.sub(_escape, text)


def mean_rating(value: float) -> str:
    """A mean rating to one decimal, always: ``3.9``, ``4.0`` (a mean is not a whole answer)."""
    return f"{value:.1f}"


def night_words(night: date) -> str:
    """A night by its evening: ``"the night of Mon 30 Nov"``."""
    return f"the night of {_DAYS[night.weekday()]} {format_day(night)}"


def yes_no(value: bool | None) -> str:
    """``"yes"``, ``"no"``, or ``"-"`` when not answered."""
    return "-" if value is None else "yes" if value else "no"


def position_words(kind: str, foot: str | None, step: int, steps: int) -> str:
    """Where a session is, in a few words: ``"left foot, step 4 of 7"``; the lead-in is
    ``"getting ready"``, the towel between the feet ``"between the feet"``."""
    if kind == "lead_in":
        return "getting ready"
    if kind == "transition":
        return "between the feet"
    where = f"{foot} foot, " if foot else ""
    return f"{where}step {step} of {steps}"
