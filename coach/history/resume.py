"""A session that survives an interruption: a small snapshot of the session under way, kept beside the
history, and what the next start does with it.

While a session plays, :class:`SnapshotKeeper` writes ``unfinished-session.toml`` in the data directory
(atomically: a kill at any moment leaves the old snapshot or the new one) at each change of part, at
each pause and resume, and otherwise at most every :data:`SAVE_EVERY` seconds. It holds what is needed
to carry on (the routine, mode, feet, length and breathing the plan was built from, and the engine's
:class:`~coach.engine.Progress`) and the record of the session so far, which is what is kept if it
does not carry on. When the session ends normally its record goes to history and the snapshot is
removed.

When coach is stopped by a signal (the terminal closed, the machine shutting down, ``kill``), the session
is stored at once as ended early, so nothing is lost whatever happens next, and the snapshot stays,
marked ``kept``, so that the next start can still offer to carry on; carrying on then puts the whole
session in place of the part that was stored (:meth:`History.put`), so it is still one session.

On the next start, :func:`check_unfinished` finds the snapshot and says what to do:

- its session is in the history already and the snapshot is not the ``kept`` one of that entry
  (coach was killed between storing it and removing the snapshot): the snapshot is removed, nothing
  else;
- it is older than :data:`EXPIRES_AFTER`: its record is stored as ended early, and the user is told;
- it cannot be read: it is moved aside like a damaged history file, and the user is told;
- otherwise the app offers to carry on, or to keep it as ended early (:func:`keep_as_ended_early`).

Every way a snapshot becomes history goes through :meth:`History.append_once` with the id the session
was given when it began, so a session is never counted twice.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, cast

import tomli_w

from coach import paths
from coach.atomic import aside_path, atomic_write_bytes, file_lock, sweep_temp_files
from coach.engine import Plan, Progress, Session
from coach.engine.record import SessionRecord
from coach.history.format import DamagedHistory, check_record_shape
from coach.history.store import HISTORY_FILE, History, HistoryError, SaveResult
from coach.history.summary import RecordFacts
from coach.limits import FileRefused, TomlRefused, parse_toml, read_bounded
from coach.routines import FEET, MODES, Foot, Mode
from coach.wording import duration_words, position_words

RESUME_FILE = paths.RESUME_FILE
"""The snapshot's name in the data directory (named in :mod:`coach.paths`)."""
SNAPSHOT_VERSION = 1
SAVE_EVERY = 5.0
"""At most this many seconds between two snapshots while nothing changes."""
MAX_SNAPSHOT_BYTES = 1_000_000
"""Far above any snapshot coach writes (a few kB); a larger file is no snapshot and is not read."""
EXPIRES_AFTER = timedelta(hours=4)
"""A snapshot older than this is not offered: its session is kept as ended early."""


@dataclass(frozen=True)
class Snapshot:
    """An unfinished session: how to rebuild its plan, where it was, and its record so far."""

    entry_id: str
    routine_id: str
    mode: Mode
    feet: tuple[Foot, ...]
    minutes: float | None
    breathing: str | None
    progress: Progress
    record: SessionRecord
    """The session as far as it went, marked as ended early: kept if it does not carry on."""
    position: str
    """Where it was, in words: ``"left foot, step 4 of 7"``."""
    kept: bool = False
    """Its record is in the history already, as ended early (coach was stopped by a signal): carrying on
    replaces that entry, declining leaves it."""

    @property
    def saved_at(self) -> datetime:
        """When the snapshot was written (local time)."""
        return datetime.fromtimestamp(self.progress.saved_wall).astimezone()

    @property
    def started_at(self) -> datetime:
        """When the session began."""
        return self.record.started_at

    def question(self) -> str:
        """``"Resume the session from 23:14 (left foot, step 4 of 7)?"``."""
        return f"Resume the session from {self.started_at.astimezone():%H:%M} ({self.position})?"

    def to_dict(self) -> dict[str, Any]:
        """The TOML document."""
        data: dict[str, Any] = {
            "version": SNAPSHOT_VERSION,
            "entry_id": self.entry_id,
            "routine_id": self.routine_id,
            "mode": self.mode,
            "feet": list(self.feet),
            "position": self.position,
            "progress": self.progress.to_dict(),
            "record": self.record.to_dict(),
        }
        if self.minutes is not None:
            data["minutes"] = self.minutes
        if self.breathing is not None:
            data["breathing"] = self.breathing
        if self.kept:
            data["kept"] = True
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Snapshot:
        """Rebuild from :meth:`to_dict`; ``ValueError`` when anything is missing or wrong."""
        try:
            if data.get("version") != SNAPSHOT_VERSION:
                raise ValueError(f"unknown version {data.get('version')!r}")
            feet = data["feet"]
            if not isinstance(feet, list) or not feet or any(f not in FEET for f in feet):
                raise ValueError("feet")
            if data["mode"] not in MODES:
                raise ValueError("mode")
            for key in ("entry_id", "routine_id", "position"):
                if not isinstance(data[key], str) or not data[key]:
                    raise ValueError(key)
            minutes = data.get("minutes")
            if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int | float)):
                raise ValueError("minutes")
            breathing = data.get("breathing")
            if breathing is not None and not isinstance(breathing, str):
                raise ValueError("breathing")
            kept = data.get("kept", False)
            if not isinstance(kept, bool):
                raise ValueError("kept")
            raw_record = data["record"]
            check_record_shape({**raw_record, "id": data["entry_id"]})
            record = SessionRecord.from_dict(raw_record)
            progress = Progress.from_dict(data["progress"])
        except (KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"{type(error).__name__}: {error}") from error
        return cls(
            entry_id=data["entry_id"],
            routine_id=data["routine_id"],
            mode=cast(Mode, data["mode"]),
            feet=tuple(cast(list[Foot], feet)),
            minutes=float(minutes) if minutes is not None else None,
            breathing=breathing,
            progress=progress,
            record=record,
            position=data["position"],
            kept=kept,
        )


def resume_path(data_dir: Path | None = None) -> Path:
    """The snapshot file for the ``--data-dir`` base ``data_dir``."""
    return paths.data_dir(data_dir) / RESUME_FILE


def position_of(plan: Plan, index: int) -> str:
    """Where segment ``index`` is, in words: ``"left foot, step 4 of 7"``."""
    seg = plan.segments[index]
    steps = [step.id for step in plan.routine.steps]
    number = steps.index(seg.step_id) + 1 if seg.step_id in steps else 0
    return position_words(seg.kind, seg.foot if seg.is_step else None, number, len(steps))


def snapshot_of(
    session: Session, entry_id: str, minutes: float | None = None, breathing: str | None = None
) -> Snapshot | None:
    """The snapshot of ``session`` now; ``None`` when it has not started or is over."""
    progress = session.progress()
    if progress is None:
        return None
    plan = session.plan
    ended = datetime.fromtimestamp(progress.saved_wall).astimezone()
    record = session.record(ended_at=ended)
    return Snapshot(entry_id, plan.routine.id, plan.mode, plan.feet, minutes, breathing, progress, record,
                    position_of(plan, progress.index))


def write_snapshot(path: Path, snapshot: Snapshot) -> None:
    """Write ``snapshot`` atomically under the snapshot's lock; ``OSError`` if the disk refuses."""
    data = tomli_w.dumps(snapshot.to_dict()).encode("utf-8")
    with file_lock(path, timeout=1.0):
        atomic_write_bytes(path, data)


def read_snapshot(path: Path) -> Snapshot | None:
    """The snapshot in ``path``; ``None`` when there is none; :class:`DamagedHistory` when unreadable
    (also a pipe, a device or a file far larger than any snapshot coach writes)."""
    try:
        data = read_bounded(path, MAX_SNAPSHOT_BYTES, what="session snapshot")
    except FileNotFoundError:
        return None
    except FileRefused as error:
        raise DamagedHistory(f"it {error.strerror}") from error
    try:
        document = parse_toml(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise DamagedHistory(f"it is not UTF-8 text (byte {error.start})") from error
    except tomllib.TOMLDecodeError as error:
        raise DamagedHistory(f"it is not valid TOML ({error})") from error
    except TomlRefused as error:
        raise DamagedHistory(f"it {error}") from error
    try:
        return Snapshot.from_dict(document)
    except ValueError as error:
        raise DamagedHistory(f"it is not a session snapshot ({error})") from error


def remove_snapshot(path: Path, entry_id: str | None = None) -> None:
    """Remove the snapshot (only if it is ``entry_id``'s, when given: another coach may have
    written its own since). Never raises."""
    with contextlib.suppress(OSError), file_lock(path, timeout=1.0):
        sweep_temp_files(path)
        if entry_id is not None:
            try:
                current = read_snapshot(path)
            except DamagedHistory:
                return
            if current is None or current.entry_id != entry_id:
                return
        os.unlink(path)


class SnapshotKeeper:
    """Keeps the snapshot of one playing session: :meth:`note` after every change, :meth:`clear` at
    the end. Writes at most every ``every`` seconds unless forced, and counts what that costs.

    With ``background`` the file is written (serialised, fsynced, renamed) on a thread of its own, so
    the screen never waits on the disk: the caller pays only for reading the session (well under a
    millisecond); a newer snapshot replaces one still waiting to be written. Without it (tests, the
    command line) every write is done before :meth:`note` returns.
    """

    def __init__(
        self,
        path: Path,
        entry_id: str,
        minutes: float | None = None,
        breathing: str | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        every: float = SAVE_EVERY,
        background: bool = False,
    ) -> None:
        self.path, self.entry_id = path, entry_id
        self.minutes, self.breathing = minutes, breathing
        self.clock, self.every = clock, every
        self.writes = 0
        """Snapshots written."""
        self.note_seconds = 0.0
        """Time the caller spent in :meth:`note` (``time.perf_counter``): the cost on the screen's side."""
        self.write_seconds = 0.0
        """Time spent writing files, wherever it was done."""
        self.failed: str | None = None
        """Why the last write failed, if it did (the session plays on regardless)."""
        self._last: float | None = None
        self._background = background
        self._pending: Snapshot | None = None
        self._busy = False
        self._cleared = False
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None

    def due(self) -> bool:
        """Whether a snapshot is due (the last is :attr:`every` seconds old, or there is none)."""
        return self._last is None or self.clock() - self._last >= self.every

    def note(self, session: Session, force: bool = False) -> bool:
        """Snapshot the session if forced (a change of part, a pause) or due; True if one was taken."""
        if not force and not self.due():
            return False
        began = time.perf_counter()
        try:
            snapshot = self.snapshot(session)
            if snapshot is None:
                return False
            self._last = self.clock()
            if self._background:
                self._hand_over(snapshot)
            else:
                self._write(snapshot)
            return True
        finally:
            self.note_seconds += time.perf_counter() - began

    def snapshot(self, session: Session) -> Snapshot | None:
        """The snapshot of ``session`` now, under this keeper's id, length and breathing (not written)."""
        return snapshot_of(session, self.entry_id, self.minutes, self.breathing)

    def keep_now(self, snapshot: Snapshot) -> bool:
        """Write ``snapshot`` at once, on this thread, as the last one (coach is ending): the background
        writer is stopped first, so nothing older can overwrite it. True when it is on disk."""
        self._stop_writer()
        self._write(snapshot)
        return self.failed is None

    def clear(self) -> None:
        """The session's record is in the history: its snapshot goes (after any write under way)."""
        self._stop_writer()
        remove_snapshot(self.path, self.entry_id)

    def _stop_writer(self) -> None:
        """No more background writes: drop what waits, and let a write under way finish."""
        with self._wake:
            self._cleared = True
            self._pending = None
            self._wake.notify_all()
            self._wake.wait_for(lambda: not self._busy, timeout=5.0)

    def _write(self, snapshot: Snapshot) -> None:
        began = time.perf_counter()
        try:
            write_snapshot(self.path, snapshot)
        except OSError as error:
            self.failed = error.strerror or str(error)
        else:
            self.writes += 1
            self.failed = None
        finally:
            self.write_seconds += time.perf_counter() - began

    def _hand_over(self, snapshot: Snapshot) -> None:
        with self._wake:
            if self._cleared:
                return
            self._pending = snapshot
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="coach-resume-snapshot", daemon=True)
                self._thread.start()
            self._wake.notify_all()

    def _run(self) -> None:
        while True:
            with self._wake:
                self._wake.wait_for(lambda: self._pending is not None or self._cleared)
                if self._cleared:
                    return
                snapshot, self._pending, self._busy = self._pending, None, True
            try:
                if snapshot is not None:
                    self._write(snapshot)
            finally:
                with self._wake:
                    self._busy = False
                    self._wake.notify_all()

    def flush(self, timeout: float = 5.0) -> None:
        """Wait until every snapshot handed over has been written (tests, and before a measurement)."""
        with self._wake:
            self._wake.wait_for(lambda: self._pending is None and not self._busy, timeout=timeout)


@dataclass(frozen=True)
class Unfinished:
    """What the start found: a snapshot to offer (``snapshot``), and/or something to tell (``notice``)."""

    snapshot: Snapshot | None = None
    notice: str | None = None
    set_aside: Path | None = None


def check_unfinished(data_dir: Path | None, now: datetime) -> Unfinished:
    """Look for a session cut short, settle what needs no question, and say what is left to ask.

    Never raises: a damaged snapshot is moved aside (named by :func:`coach.atomic.aside_path`), one
    whose session is in the history already is removed, an expired one is stored as ended early.
    """
    path = resume_path(data_dir)
    if not os.path.lexists(path):
        return Unfinished()
    try:
        snapshot = read_snapshot(path)
    except DamagedHistory as why:
        return _set_aside(path, now, str(why))
    except OSError as error:
        return Unfinished(notice=f"The unfinished session in {path} could not be read: {error.strerror}.")
    if snapshot is None:
        return Unfinished()
    history = History(paths.data_dir(data_dir) / HISTORY_FILE)
    stored = history.overview().find(snapshot.entry_id)  # in brief: at start-up, fast for a long history
    if stored is not None and not (snapshot.kept and _same_session(stored.record, snapshot.record)):
        remove_snapshot(path, snapshot.entry_id)  # stored already: only the snapshot was left over
        return Unfinished()
    age = now - snapshot.saved_at
    if age > EXPIRES_AFTER and stored is not None:
        remove_snapshot(path, snapshot.entry_id)  # kept as ended early when coach was stopped
        return Unfinished(notice=(
            f"The session from {snapshot.started_at.astimezone():%H:%M} was cut short "
            f"{duration_words(age.total_seconds())} ago; it is kept in your history as ended early."
        ))
    if age > EXPIRES_AFTER:
        try:
            keep_as_ended_early(data_dir, snapshot)
        except HistoryError as error:
            return Unfinished(notice=str(error))
        return Unfinished(notice=(
            f"The session from {snapshot.started_at.astimezone():%H:%M} was cut short "
            f"{duration_words(age.total_seconds())} ago; it is kept in your history as ended early."
        ))
    return Unfinished(snapshot)


def _same_session(stored: RecordFacts, kept: SessionRecord) -> bool:
    """Whether the history's record is still the one stored when coach was stopped (not yet replaced by
    the whole session, carried on and finished). The two went through different files, so times are
    compared to the half second."""
    return (
        stored.started_at == kept.started_at
        and abs((stored.ended_at - kept.ended_at).total_seconds()) < 0.5
        and abs(stored.actual_seconds - kept.actual_seconds) < 0.5
    )


def keep_as_ended_early(data_dir: Path | None, snapshot: Snapshot) -> SaveResult:
    """Store the snapshot's record as an ended-early session (once), then remove the snapshot.

    :class:`HistoryError` if the history cannot be written; the snapshot then stays for next time.
    """
    result = History(paths.data_dir(data_dir) / HISTORY_FILE).append_once(snapshot.record, snapshot.entry_id)
    remove_snapshot(resume_path(data_dir), snapshot.entry_id)
    return result


def _set_aside(path: Path, now: datetime, why: str) -> Unfinished:
    try:
        aside = aside_path(path, now)
        os.rename(path, aside)
    except OSError as error:
        return Unfinished(notice=(
            f"The unfinished session {path} is damaged ({why}) and could not be moved aside "
            f"({error.strerror or error})."
        ))
    return Unfinished(
        notice=f"An unfinished session could not be read: {why}. It was moved to {aside}.", set_aside=aside
    )


__all__ = [
    "EXPIRES_AFTER",
    "RESUME_FILE",
    "SAVE_EVERY",
    "Snapshot",
    "SnapshotKeeper",
    "Unfinished",
    "check_unfinished",
    "keep_as_ended_early",
    "position_of",
    "read_snapshot",
    "remove_snapshot",
    "resume_path",
    "snapshot_of",
    "write_snapshot",
]
