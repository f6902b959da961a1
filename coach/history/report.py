"""The history in plain lines of text, shared by ``coach history`` and the history screen.

Plain strings only (no terminal, no textual): what a night, a streak, the ratings and the latest
sessions read like, and the limits of a report.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from coach.history.chart import rating_strip
from coach.history.format import HistoryEntry
from coach.history.stats import HistoryStats, local_time, sorted_entries
from coach.wording import format_minutes, format_when, plural, visible

MAX_WEEKS = 52
"""The most weeks a report looks back over (``coach history --weeks``)."""
RECENT = 5
NAME_WIDTH = 24


def streak_text(stats: HistoryStats) -> str:
    """``"4 nights in a row, tonight included · best 9"``, or a gentle line when there is none."""
    if stats.streak == 0:
        text = "none at the moment"
    elif stats.streak_includes_tonight:
        text = f"{plural(stats.streak, 'night')} in a row, tonight included"
    else:
        text = f"{plural(stats.streak, 'night')} in a row, up to last night"
    return f"{text} · best {plural(stats.best_streak, 'night')}" if stats.best_streak else text


def ratings_lines(stats: HistoryStats, ascii_only: bool = False) -> list[str]:
    """The ratings over time: one strip per rating, oldest left, with its average."""
    title = f"Ratings, last {plural(stats.weeks, 'week')} (1 low, 5 high)"
    if not stats.ratings:
        return [title, "  no rated sessions in these weeks"]
    lines = [title]
    for which in ("relaxed", "sleepy"):
        values = [getattr(point, which) for point in stats.ratings]
        average = stats.average(which)
        summary = f"average {average:.1f}" if average is not None else "not rated"
        lines.append(f"  {which:<8} {rating_strip(values, ascii_only=ascii_only)}  {summary}")
    return lines


def recent_lines(entries: Sequence[HistoryEntry], tz: tzinfo | None, count: int = RECENT) -> list[str]:
    """The latest sessions, newest first, as an aligned table whose first line is the header."""
    latest = list(reversed(sorted_entries(entries, tz)[-count:]))
    names = [printable(entry.record.routine_name, NAME_WIDTH) for entry in latest]
    name_width = max([len("Routine"), *(len(name) for name in names)])
    lines = [f"{'When':<16}  {'Routine':<{name_width}}  {'Time':>6}  Relaxed  Sleepy"]
    for entry, name in zip(latest, names, strict=True):
        record = entry.record
        when = format_when(local_time(record.started_at, tz))
        minutes = format_minutes(record.actual_seconds / 60)
        relaxed, sleepy = (str(v) if v is not None else "-" for v in (entry.relaxed, entry.sleepy))
        line = f"{when:<16}  {name:<{name_width}}  {minutes:>6}  {relaxed:>7}  {sleepy:>6}"
        lines.append(line if record.finished else f"{line}  stopped early")
    return lines


def printable(text: str, width: int) -> str:
    """``text`` with control characters and bidirectional overrides shown as escapes (a hand-edited file
    must not drive the terminal), cut to ``width`` with an ellipsis."""
    clean = visible(text)
    return clean if len(clean) <= width else clean[: width - 1] + "…"
