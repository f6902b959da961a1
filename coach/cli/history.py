"""``coach history``: the habit at a glance in plain text, or everything as JSON.

Text goes to stdout and reads without colour; a notice about a damaged history file goes to stderr so
``coach history --json | jq`` still gets clean JSON.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import sys
from collections.abc import Sequence
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any, TextIO

from coach import __version__
from coach.engine.record import StepRecord
from coach.history import HistoryEntry, LoadResult, NightAnswer, StoredSession, load_history, load_overview
from coach.history.chart import can_encode, night_bars
from coach.history.journal import Comparison, Group, Journal, compute_journal
from coach.history.report import (
    CAUTION,
    MAX_WEEKS,
    comparison_sentence,
    journal_lines,
    ratings_lines,
    recent_lines,
    streak_text,
)
from coach.history.stats import (
    STREAK_MIN_SECONDS,
    HistoryStats,
    compute_stats,
    counts_for_streak,
    night_of,
    now_in,
    sorted_entries,
)
from coach.settings import load_settings
from coach.wording import format_minutes, plural, visible

JSON_FORMAT = 2
"""The ``format`` of ``coach history --json``. 2: every session also has ``massage_seconds``,
``planned_massage_seconds``, ``lead_in_and_towel_seconds``, ``feet_status``, ``shortened_steps``,
``skipped_steps``, ``not_reached_steps``, ``left_out`` and ``counts_for_streak``, and every step a
``status``; the stats have ``streak_min_massage_seconds``, and minutes are massage minutes."""


def run(
    json_output: bool,
    weeks: int,
    data_dir: Path | None,
    *,
    now: datetime | None = None,
    tz: tzinfo | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
    csv_output: bool = False,
) -> int:
    """Print the history for the ``--data-dir`` base ``data_dir``; returns the exit code.

    0 normally (also when a damaged file had to be set aside: the notice goes to ``err``); 2 when
    ``weeks`` is outside 1-52. ``now``/``tz``/``out``/``err`` are for tests.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    if not 1 <= weeks <= MAX_WEEKS:
        print(f"coach history: --weeks must be from 1 to {MAX_WEEKS}, not {weeks}.", file=err)
        return 2
    # The text report needs each session in brief (fast, from the cache beside the file); the JSON
    # and CSV exports every step of every session, so they read the whole file.
    loaded: LoadResult | None = None
    sessions: Sequence[StoredSession]
    if csv_output or json_output:
        loaded = load_history(data_dir)
        sessions, nights, notice = loaded.entries, loaded.nights, loaded.notice
    else:
        overview = load_overview(data_dir)
        sessions, nights, notice = overview.sessions, overview.nights, overview.notice
    show_streak = load_settings(data_dir).settings.show_streak
    if notice:
        print(visible(f"coach history: {notice}"), file=err)
    now = now if now is not None else now_in(tz)
    stats = compute_stats(sessions, now=now, tz=tz, weeks=weeks)
    journal = compute_journal(sessions, nights, now=now, tz=tz)
    if loaded is not None and csv_output:
        write_csv(loaded.entries, loaded.nights, tz, out)
    elif loaded is not None:
        document = json_document(loaded.entries, stats, now, tz, loaded.path, loaded.notice)
        document["journal"] = journal_json(journal)
        document["nights"] = [_night_json(answer) for answer in loaded.nights]
        text = json.dumps(document, indent=2, ensure_ascii=False)
        if not can_encode(text, getattr(out, "encoding", None)):
            text = json.dumps(document, indent=2)  # \u escapes: still the same JSON
        out.write(json_safe(text) + "\n")
    else:
        encoding = getattr(out, "encoding", None)
        ascii_only = not can_encode("█▁┤·─…", encoding)
        width = min(100, shutil.get_terminal_size((80, 24)).columns)
        lines = text_report(sessions, stats, tz, width, ascii_only, journal, show_streak)
        text = visible("\n".join(lines), lines=True) + "\n"
        out.write(_encodable(text, encoding) if ascii_only else text)
    return 0


def text_report(
    entries: Sequence[StoredSession],
    stats: HistoryStats,
    tz: tzinfo | None,
    width: int = 80,
    ascii_only: bool = False,
    journal: Journal | None = None,
    show_streak: bool = True,
) -> list[str]:
    """The plain-text report, as lines; the sleep journal before the latest sessions when given; without
    the streak when ``show_streak`` is false (a setting: some find a streak a pressure). Minutes are
    massage minutes."""
    sleep = journal_lines(journal, ascii_only, width) if journal is not None else []
    if not entries:
        lines = ["No sessions yet. Each session you finish or stop is kept here."]
        return [*lines, "", *sleep] if journal is not None and journal.rated_nights else lines
    weeks = plural(stats.weeks, "week")
    streak = [f"Streak         {streak_text(stats)}"] if show_streak else []
    lines = [
        f"This week      {plural(stats.sessions_this_week, 'session')}, "
        f"{format_minutes(stats.minutes_this_week)}",
        *streak,
        f"Last {weeks:<9} {plural(stats.window_sessions, 'session')} on "
        f"{plural(stats.window_nights, 'night')}, {format_minutes(stats.window_minutes)}",
        f"In all         {plural(stats.total_sessions, 'session')}, {format_minutes(stats.total_minutes)}",
        "",
        f"Minutes per night, last {weeks}",
        *("  " + line for line in night_bars(stats.nights, width=min(width, 64) - 2, ascii_only=ascii_only)),
        "",
        *ratings_lines(stats, ascii_only),
        "",
        *([*sleep, ""] if sleep else []),
        "Latest sessions",
        *("  " + line for line in recent_lines(entries, tz, show_streak=show_streak)),
    ]
    return lines


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_safe(text: str) -> str:
    """JSON text with the characters ``json.dumps`` leaves raw that a terminal would obey (DEL, the C1
    controls, bidirectional overrides, line separators) written as ``\\u`` escapes: the same JSON to
    any reader, safe to print. (C0 controls such as ESC are always escaped by ``json.dumps``.)"""
    return _JSON_UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def _encodable(text: str, encoding: str | None) -> str:
    """``text`` with what ``encoding`` cannot show replaced, so printing never fails."""
    text = text.replace("·", "-").replace("…", "...")
    codec = encoding or "ascii"
    try:
        return text.encode(codec, "replace").decode(codec)
    except LookupError:
        return text.encode("ascii", "replace").decode("ascii")


def json_document(
    entries: Sequence[HistoryEntry],
    stats: HistoryStats,
    now: datetime,
    tz: tzinfo | None,
    path: Path,
    notice: str | None,
) -> dict[str, Any]:
    """Everything as JSON-ready data: every session with its ratings and night, and the stats."""
    return {
        "format": JSON_FORMAT,
        "coach_version": __version__,
        "generated_at": now.isoformat(),
        "history_file": str(path),
        "notice": notice,
        "stats": {
            "tonight": stats.tonight.isoformat(),
            "week_start": stats.week_start.isoformat(),
            "sessions_this_week": stats.sessions_this_week,
            "minutes_this_week": round(stats.minutes_this_week, 2),
            "streak": stats.streak,
            "streak_min_massage_seconds": STREAK_MIN_SECONDS,
            "streak_includes_tonight": stats.streak_includes_tonight,
            "best_streak": stats.best_streak,
            "total_sessions": stats.total_sessions,
            "total_minutes": round(stats.total_minutes, 2),
            "weeks": stats.weeks,
            "minutes_per_night": [
                {"night": n.night.isoformat(), "minutes": round(n.minutes, 2), "sessions": n.sessions}
                for n in stats.nights
            ],
            "average_relaxed": stats.average("relaxed"),
            "average_sleepy": stats.average("sleepy"),
        },
        "sessions": [_session_json(entry, tz) for entry in sorted_entries(entries, tz)],
    }


def journal_json(journal: Journal) -> dict[str, Any]:
    """The sleep journal as JSON-ready data: each window's groups, the sentence shown, and the chart."""
    return {
        "last_night": journal.last.isoformat(),
        "rated_nights": journal.rated_nights,
        "caution": CAUTION,
        "windows": [_comparison_json(c) for c in journal.comparisons],
        "nights": [
            {"night": n.night.isoformat(), "minutes": round(n.minutes, 2), "sessions": n.sessions,
             "massage": n.massage, "routine": n.routine, "sleep": n.sleep}
            for n in journal.chart
        ],
    }


def _comparison_json(comparison: Comparison) -> dict[str, Any]:
    return {
        "weeks": comparison.weeks,
        "first_night": comparison.first.isoformat(),
        "last_night": comparison.last.isoformat(),
        "with_massage": _group_json(comparison.with_massage),
        "without": _group_json(comparison.without),
        "difference": _rounded(comparison.difference),
        "enough_nights": comparison.enough,
        "by_routine": [_group_json(g) for g in comparison.by_routine],
        "by_length": [_group_json(g) for g in comparison.by_length],
        "text": comparison_sentence(comparison),
    }


def _group_json(group: Group) -> dict[str, Any]:
    return {"label": group.label, "nights": group.nights, "mean": _rounded(group.mean)}


def _rounded(value: float | None) -> float | None:
    return round(value, 3) if value is not None else None


def _night_json(answer: NightAnswer) -> dict[str, Any]:
    return {key: _jsonable(value) for key, value in answer.to_dict().items()}


CSV_COLUMNS = (
    "row", "night", "started_at", "ended_at", "routine_id", "routine_name", "mode", "feet",
    "massage_minutes", "planned_minutes", "paused_minutes", "finished", "relaxed", "sleepy",
    "sleep", "fell_asleep_quickly", "woke_in_night", "skipped",
)
"""One header for both kinds of row; a ``session`` row leaves the sleep columns empty, a ``night``
row the session columns, and both carry the night so a spreadsheet can join them. Minutes are massage
minutes (the steps alone), as in ``--json`` and on the summary; ``paused_minutes`` is the time paused."""


def write_csv(
    entries: Sequence[HistoryEntry], nights: Sequence[NightAnswer], tz: tzinfo | None, out: TextIO
) -> None:
    """Every session (oldest first), then every answered night, as CSV rows under :data:`CSV_COLUMNS`."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for entry in sorted_entries(entries, tz):
        record = entry.record
        writer.writerow({
            "row": "session",
            "night": night_of(record.started_at, tz).isoformat(),
            "started_at": record.started_at.isoformat(),
            "ended_at": record.ended_at.isoformat(),
            "routine_id": _cell(record.routine_id),
            "routine_name": _cell(record.routine_name),
            "mode": record.mode,
            "feet": " ".join(record.feet),
            # Massage time is the steps' time, as everywhere else: the lead-in and the towel change are
            # part of the session, not of the massage (see SessionRecord.massage_seconds).
            "massage_minutes": f"{record.massage_seconds / 60:.2f}",
            "planned_minutes": f"{record.planned_massage_seconds / 60:.2f}",
            "paused_minutes": f"{record.paused_seconds / 60:.2f}",
            "finished": _yes_no(record.finished),
            "relaxed": entry.relaxed if entry.relaxed is not None else "",
            "sleepy": entry.sleepy if entry.sleepy is not None else "",
        })
    for answer in nights:
        writer.writerow({
            "row": "night",
            "night": answer.night.isoformat(),
            "sleep": answer.sleep if answer.sleep is not None else "",
            "fell_asleep_quickly": _yes_no(answer.quick),
            "woke_in_night": _yes_no(answer.woke),
            "skipped": _yes_no(answer.skipped) if answer.skipped else "",
        })


def _yes_no(value: bool | None) -> str:
    return "" if value is None else "yes" if value else "no"


def _cell(text: str) -> str:
    """Text from a routines file as a spreadsheet shows it: never a formula (=, +, -, @ first), and
    control characters made visible as everywhere else coach prints what a file holds."""
    text = visible(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _session_json(entry: HistoryEntry, tz: tzinfo | None) -> dict[str, Any]:
    record = entry.record
    data = entry.to_dict()
    # What the record says, worked out the same way for every history format (older records upgraded).
    data["steps"] = [
        {**step, "status": state.state} for step, state in zip(data["steps"], record.steps, strict=True)
    ]
    data["massage_seconds"] = record.massage_seconds
    data["planned_massage_seconds"] = record.planned_massage_seconds
    data["lead_in_and_towel_seconds"] = record.between_seconds
    data["feet_status"] = {
        foot: {"status": status.state, "steps_done": status.done, "steps": status.steps}
        for foot in record.feet
        for status in (record.foot_status(foot),)
    }
    data["shortened_steps"] = [_step_name(s) for s in record.shortened]
    data["skipped_steps"] = [_step_name(s) for s in record.steps if s.state == "skipped"]
    data["not_reached_steps"] = [_step_name(s) for s in record.steps if s.state == "not_reached"]
    data["left_out"] = list(record.left_out)
    data["counts_for_streak"] = counts_for_streak(entry)
    data["started_at"] = entry.record.started_at.isoformat()
    data["ended_at"] = entry.record.ended_at.isoformat()
    data["night"] = night_of(entry.record.started_at, tz).isoformat()
    data["relaxed"] = entry.relaxed
    data["sleepy"] = entry.sleepy
    # Keys a newer version wrote may hold TOML dates and times; JSON has no such types.
    return {key: _jsonable(value) for key, value in data.items()}


def _step_name(step: StepRecord) -> dict[str, Any]:
    return {"step_id": step.step_id, "title": step.title, "foot": step.foot}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
