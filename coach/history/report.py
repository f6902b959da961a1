"""The history in plain lines of text, shared by ``coach history`` and the history screen.

Plain strings only (no terminal, no textual): what a night, a streak, the ratings and the latest
sessions read like, and the limits of a report.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import tzinfo

from coach.history.chart import rating_strip, sleep_chart
from coach.history.journal import MASSAGE_SECONDS, MIN_NIGHTS, Comparison, Group, Journal
from coach.history.stats import (
    HistoryStats,
    counts_for_streak,
    local_time,
    sorted_entries,
)
from coach.history.summary import StoredSession
from coach.wording import format_minutes, format_when, mean_rating, plural, visible

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


def recent_lines(
    entries: Sequence[StoredSession], tz: tzinfo | None, count: int = RECENT, show_streak: bool = True
) -> list[str]:
    """The latest sessions, newest first, as an aligned table whose first line is the header; the time
    is massage time, and a session stopped early or too short to count toward a streak (under
    :data:`~coach.history.stats.STREAK_MIN_SECONDS` of massage) says so."""
    latest = list(reversed(sorted_entries(entries, tz)[-count:]))
    names = [printable(entry.record.routine_name, NAME_WIDTH) for entry in latest]
    name_width = max([len("Routine"), *(len(name) for name in names)])
    lines = [f"{'When':<16}  {'Routine':<{name_width}}  {'Time':>6}  Relaxed  Sleepy"]
    for entry, name in zip(latest, names, strict=True):
        record = entry.record
        when = format_when(local_time(record.started_at, tz))
        minutes = format_minutes(record.massage_seconds / 60)
        relaxed, sleepy = (str(v) if v is not None else "-" for v in (entry.relaxed, entry.sleepy))
        line = f"{when:<16}  {name:<{name_width}}  {minutes:>6}  {relaxed:>7}  {sleepy:>6}"
        # Under the streak's minimum first: it says why a night is missing from the nights in a row.
        marks = [] if counts_for_streak(entry) else ["short, no streak" if show_streak else "short"]
        if not record.finished:
            marks.append("stopped early")
        lines.append("  ".join([line, " · ".join(marks)]) if marks else line)
    return lines


def printable(text: str, width: int) -> str:
    """``text`` with control characters and bidirectional overrides shown as escapes (a hand-edited file
    must not drive the terminal), cut to ``width`` with an ellipsis."""
    clean = visible(text)
    return clean if len(clean) <= width else clean[: width - 1] + "…"


JOURNAL_TITLE = "How you slept (1 poorly, 5 very well)"
NO_SLEEP_YET = (
    "No sleep ratings yet. coach asks the morning after a session; \"coach slept 4\" rates any night, "
    "nights without a massage too, so the two kinds can be set side by side."
)
CAUTION = "Your own ratings side by side, not proof of anything: many things change how a night goes."


def comparison_sentence(comparison: Comparison) -> str:
    """The window's comparison in plain, modest words, with a caution when there are too few nights.

    ``"Last 4 weeks: on your nights with a massage you rated your sleep 3.9 on average, 3.2 without
    (14 and 9 nights)."``
    """
    head = f"Last {plural(comparison.weeks, 'week')}:"
    with_, without = comparison.with_massage, comparison.without
    if not with_.nights and not without.nights:
        if comparison.too_short:
            return (
                f"{head} no nights to compare yet: {plural(comparison.too_short, 'rated night')} had only "
                f"a session under {MASSAGE_SECONDS / 60:g} min of massage, which counts as neither kind."
            )
        return f"{head} no rated nights."
    if not comparison.enough:
        parts = [_count_and_mean(with_, "with a massage"), _count_and_mean(without, "without")]
        return (
            f"{head} too few nights to say anything yet ({parts[0]}, {parts[1]}); "
            f"{MIN_NIGHTS} of each would be a start."
        )
    assert with_.mean is not None and without.mean is not None  # enough nights means both have a mean
    sentence = (
        f"{head} on your nights with a massage you rated your sleep {mean_rating(with_.mean)} on average, "
        f"{mean_rating(without.mean)} without ({with_.nights} and {without.nights} nights)."
    )
    difference = comparison.difference or 0.0
    if abs(difference) < 0.05:
        return f"{sentence} About the same."
    side = "higher" if difference > 0 else "lower"
    return f"{sentence} {mean_rating(abs(difference))} {side} on massage nights."


def _count_and_mean(group: Group, label: str) -> str:
    nights = plural(group.nights, "night")
    if group.mean is None:
        return f"{nights} {label}"
    return f"{nights} {label}, {mean_rating(group.mean)} on average"


def groups_text(groups: tuple[Group, ...]) -> str:
    """``"Nightly wind-down 3.6 (6 nights), Full massage 4.0 (8 nights)"``."""
    return ", ".join(
        f"{printable(g.label, NAME_WIDTH)} {mean_rating(g.mean)} ({plural(g.nights, 'night')})"
        for g in groups
        if g.mean is not None
    )


def journal_sentences(journal: Journal) -> list[str]:
    """The journal in sentences: each window's comparison, by routine and by length when there are
    enough nights, and the caution; or how to begin when no night is rated yet."""
    if not journal.rated_nights:
        return [NO_SLEEP_YET]
    sentences = [comparison_sentence(c) for c in journal.comparisons]
    widest = journal.comparisons[-1] if journal.comparisons else None
    if widest is not None:
        weeks = plural(widest.weeks, "week")
        if widest.by_routine:
            sentences.append(f"By routine, last {weeks}: {groups_text(widest.by_routine)}.")
        if widest.by_length:
            sentences.append(f"By length, last {weeks}: {groups_text(widest.by_length)}.")
        if not widest.by_routine and not widest.by_length:
            sentences.append(f"By routine and by length: once a kind has {MIN_NIGHTS} rated nights.")
    sentences.append(CAUTION)
    return sentences


def journal_lines(journal: Journal, ascii_only: bool = False, width: int = 80) -> list[str]:
    """The sleep journal as lines of at most ``width`` columns: :func:`journal_sentences`, then
    minutes beside sleep for the last four weeks."""
    lines = [JOURNAL_TITLE]
    for sentence in journal_sentences(journal):
        lines += textwrap.wrap(sentence, max(20, width - 1), initial_indent="  ", subsequent_indent="    ")
    if not journal.rated_nights:
        return lines
    lines += ["", f"Minutes beside sleep, last {len(journal.chart)} nights (oldest left)"]
    minutes = [night.minutes for night in journal.chart]
    sleep = [night.sleep for night in journal.chart]
    lines += ["  " + line for line in sleep_chart(minutes, sleep, ascii_only=ascii_only)]
    return lines
