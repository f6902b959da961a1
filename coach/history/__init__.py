"""Every session the user has done, kept in one TOML file that nothing can break.

The file is ``history.toml`` in :func:`coach.paths.data_dir`. Writes are atomic and locked, so a
crash or kill at any moment leaves either the old or the new file and two app instances finishing
together both keep their session. A damaged file never stops the app: it is moved aside with a
timestamped name, the notice says where, and a new history starts. Nothing is ever deleted.
The keeping itself is :class:`coach.history.store.History`; the format is
:mod:`coach.history.format`. This module never imports textual.

The app's sequence: ``entry_id = new_entry_id()``; when the session ends
``append_session(data_dir, record, entry_id=entry_id)``; after the summary's ratings
``update_ratings(data_dir, entry_id, relaxed, sleepy, record=record)``.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from coach import paths
from coach.engine.record import SessionRecord
from coach.history.format import HistoryEntry, NightAnswer, new_entry_id
from coach.history.store import HISTORY_FILE, History, HistoryError, LoadResult, SaveResult
from coach.history.summary import Overview, SessionSummary, StoredSession


def history_path(data_dir: Path | None = None) -> Path:
    """The history file for the ``--data-dir`` base ``data_dir`` (None: ``COACH_DATA_DIR`` or the
    platform's user data directory)."""
    return paths.data_dir(data_dir) / HISTORY_FILE


def load_history(data_dir: Path | None = None) -> LoadResult:
    """Every readable session, oldest first as written; never raises (see :meth:`History.load`)."""
    return History(history_path(data_dir)).load()


def load_overview(data_dir: Path | None = None, since: datetime | None = None) -> Overview:
    """Every readable session in brief, and the morning answers: what the screens, ``coach history``
    and the morning question use; fast from the cache beside the file; never raises. With ``since``,
    only the sessions started from then on and the nights from the day before (see
    :meth:`History.overview`)."""
    return History(history_path(data_dir)).overview(since)


def append_session(
    data_dir: Path | None,
    record: SessionRecord,
    relaxed: int | None = None,
    sleepy: int | None = None,
    *,
    entry_id: str | None = None,
) -> Path:
    """Store ``record`` and return the history file's path; :class:`HistoryError` if it failed.

    Pass ``entry_id`` (from :func:`new_entry_id`) to rate the entry later with :func:`update_ratings`.
    """
    return History(history_path(data_dir)).append(record, relaxed, sleepy, entry_id=entry_id).path


def update_ratings(
    data_dir: Path | None,
    entry_id: str,
    relaxed: int | None,
    sleepy: int | None,
    *,
    record: SessionRecord | None = None,
) -> SaveResult:
    """Rate a stored entry (see :meth:`History.rate`); :class:`HistoryError` if it failed."""
    return History(history_path(data_dir)).rate(entry_id, relaxed, sleepy, record=record)


def append_once(data_dir: Path | None, record: SessionRecord, entry_id: str) -> SaveResult:
    """Store ``record`` as ``entry_id`` unless that entry is there already
    (see :meth:`History.append_once`)."""
    return History(history_path(data_dir)).append_once(record, entry_id)


def put_session(data_dir: Path | None, record: SessionRecord, entry_id: str) -> SaveResult:
    """Store ``record`` as ``entry_id``, in place of that entry if it is there
    (see :meth:`History.put`)."""
    return History(history_path(data_dir)).put(record, entry_id)


def answer_night(data_dir: Path | None, answer: NightAnswer) -> SaveResult:
    """Keep a morning answer (see :meth:`History.answer`); :class:`HistoryError` if it failed."""
    return History(history_path(data_dir)).answer(answer)


__all__ = [
    "HISTORY_FILE",
    "History",
    "HistoryEntry",
    "HistoryError",
    "LoadResult",
    "NightAnswer",
    "Overview",
    "SaveResult",
    "SessionSummary",
    "StoredSession",
    "answer_night",
    "append_once",
    "append_session",
    "history_path",
    "load_history",
    "load_overview",
    "new_entry_id",
    "put_session",
    "update_ratings",
]
