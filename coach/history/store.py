"""The history file's keeper: locked read-modify-write, atomic writes, damage set aside.

Writes are read-modify-write under a lock file (so two app instances finishing together both keep
their session) and atomic (so a kill at any moment leaves the old file or the new one). A damaged
file is moved aside with a timestamped name and a new history starts; a file with some unreadable
sessions is copied aside and the readable ones are kept. Nothing is deleted.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import itertools
import mmap
import os
import stat
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from coach import paths
from coach.atomic import (
    append_bytes,
    aside_path,
    atomic_write_bytes,
    atomic_write_chunks,
    file_lock,
    sweep_temp_files,
    write_target,
)
from coach.engine.record import SessionRecord
from coach.history.format import (
    FORMAT_VERSION,
    DamagedHistory,
    HistoryEntry,
    NightAnswer,
    ParsedHistory,
    appendable,
    check_rating,
    dump_history,
    ends_look_appendable,
    entry_block,
    entry_or_none,
    new_entry_id,
    parse_history,
    top_level_ends,
)
from coach.history.index import (
    CHUNK,
    Reader,
    Scan,
    Unusual,
    extend,
    forget_cache,
    read_cache,
    recent,
    scan,
    write_cache,
)
from coach.history.summary import Overview, SessionSummary
from coach.limits import MAX_HISTORY_BYTES, MAX_HISTORY_PARSE_BYTES, FileRefused, read_bounded, size_text

HISTORY_FILE = paths.HISTORY_FILE
"""The history file's name inside the data directory (named in :mod:`coach.paths`, so the app can see
whether there is one without importing the history)."""

Entries = tuple[HistoryEntry, ...]
Nights = tuple[NightAnswer, ...]


class HistoryError(Exception):
    """A session could not be saved; the message is written for the user and says why."""


@dataclass(frozen=True)
class LoadResult:
    """The readable sessions in file order, and a message for the user when something was wrong."""

    entries: Entries
    notice: str | None = None
    path: Path = field(default=Path(HISTORY_FILE), compare=False)
    set_aside: Path | None = None
    """Where a damaged file (or a copy of a partly damaged one) was put, if anywhere."""
    nights: Nights = ()
    """The morning answers, one per night, oldest night first."""

    def answer_for(self, night: object) -> NightAnswer | None:
        """The answer stored for ``night`` (a date), if any."""
        return next((answer for answer in self.nights if answer.night == night), None)


@dataclass(frozen=True)
class SaveResult:
    """Where the history was written, the entry as stored, and any notice from reading it first."""

    path: Path
    entry: HistoryEntry | None
    notice: str | None = None
    written: bool = True
    """False when nothing had to be written (the entry was there already)."""


@dataclass(frozen=True)
class _Snapshot:
    """File bytes this process has seen or written, what they hold, and where the last block starts
    when this process wrote it. Lets an append or a re-rating skip parsing and re-serialising the
    whole history (which grows to a few seconds after years of nightly sessions)."""

    data: bytes
    parsed: ParsedHistory
    tail: tuple[str, int] | None = None


_SNAPSHOTS: dict[str, _Snapshot] = {}


@dataclass(frozen=True)
class _Tail:
    """The entry this process added at the end of the file in place: where its block starts, and the
    file's size and modification time just after, to know the file is still as it was left."""

    entry: HistoryEntry
    offset: int
    size: int
    mtime_ns: int


_TAILS: dict[str, _Tail] = {}
_READING: dict[str, threading.Lock] = {}
_READING_GUARD = threading.Lock()


def _reading(key: str) -> threading.Lock:
    """The lock that keeps this process's reads of the history at ``key`` one at a time."""
    with _READING_GUARD:
        return _READING.setdefault(key, threading.Lock())
_HEAD_CHUNK = 65536
_HEAD_LIMIT = 8 * 1024 * 1024
"""The top level (the version and every night answered, one line each) is read up to its first table
line, a chunk at a time, to at most this much: years of nights fit many times over."""
_TAIL_BYTES = 65536
"""How much of the end :meth:`History._append_in_place` reads: a whole last session."""


@dataclass(frozen=True)
class _State:
    result: LoadResult
    snapshot: _Snapshot | None  # None: no usable file (missing, or set aside just now)
    writable: bool  # False: writing now could lose something that could not be set aside


def _local_now() -> datetime:
    return datetime.now().astimezone()


class History:
    """The history file at ``path``; ``clock`` names the moved-aside copies (injectable for tests)."""

    def __init__(self, path: Path, clock: Callable[[], datetime] = _local_now, lock_timeout: float = 10.0):
        self.path = path
        self._key = os.path.abspath(path)
        self._clock = clock
        self._lock_timeout = lock_timeout

    def load(self) -> LoadResult:
        """Every readable session; never raises. Problems are repaired as far as possible and told."""
        if not os.path.lexists(self.path):
            # Nothing to read: do not create the data directory or a lock file just to look.
            return LoadResult((), None, self.path)
        with file_lock(self.path, self._lock_timeout):
            return self._load_locked().result

    def overview(self, since: datetime | None = None) -> Overview:
        """Every readable session in brief, and the morning answers; never raises.

        What the screens, ``coach history`` and the morning question need, fast: from the cache beside
        the file while it still describes the file's bytes (reading only sessions added at the end
        since), else read session by session and the cache made again (see
        :mod:`coach.history.index`). A file that is not as coach writes it, or holds anything that
        cannot be read, is read the careful way (:meth:`load`), which repairs what it can and says so.

        With ``since`` (an aware time), only the sessions started from then on and the nights from the
        day before it (:func:`~coach.history.index.recent`): from an up-to-date cache, only the lines
        that hold them are read, so the morning question costs the same after a month or a century.
        """
        if not os.path.lexists(self.path):
            return Overview((), None, self.path)
        # One read at a time in this process: a second (the history screen opened while the morning
        # question's read is under way) waits for the first and then finds its cache, instead of
        # parsing the same sessions again beside it once the file lock's wait runs out.
        with _reading(self._key), file_lock(self.path, self._lock_timeout):
            found = self._scan_locked(since)
            if found is not None:
                return Overview(found.sessions, None, self.path, nights=found.nights)
            loaded = self._load_locked().result
        sessions = tuple(SessionSummary.of(entry) for entry in loaded.entries)
        if since is not None:
            kept = recent(Scan(sessions, loaded.nights, FORMAT_VERSION, {}, 0, "", False), since)
            sessions, nights = kept.sessions, kept.nights
        else:
            nights = loaded.nights
        return Overview(sessions, loaded.notice, self.path, loaded.set_aside, nights)

    def _scan_locked(self, since: datetime | None = None) -> Scan | None:
        """The file read fast (the caller holds the lock), or None: read it the careful way. With
        ``since``, only the latest sessions and nights (:func:`~coach.history.index.recent`)."""
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(self.path, flags)
        except OSError:
            return None
        try:
            with os.fdopen(fd, "rb") as handle:
                info = os.fstat(handle.fileno())
                if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_HISTORY_BYTES:
                    return None  # the careful way says what it is and sets it aside
                if since is not None:
                    part = read_cache(self.path, MAX_HISTORY_BYTES, since)
                    if part is not None and part.size == info.st_size \
                            and _still_valid(part, handle, part.size) is part:
                        return part
                    handle.seek(0)  # not up to date: read it all, bring the cache up to date, then keep part
                cached = read_cache(self.path, MAX_HISTORY_BYTES)
                found = None
                if cached is not None and cached.size <= info.st_size:
                    found = _still_valid(cached, handle, info.st_size)
                    if found is cached:
                        return cached if since is None else recent(cached, since)
                if found is None:
                    handle.seek(0)
                    found = scan(handle, MAX_HISTORY_BYTES)
        except (OSError, Unusual):
            return None
        write_cache(self.path, found)
        return found if since is None else recent(found, since)

    def append(
        self,
        record: SessionRecord,
        relaxed: int | None = None,
        sleepy: int | None = None,
        *,
        entry_id: str | None = None,
    ) -> SaveResult:
        """Store ``record`` as a new entry; :class:`HistoryError` if it cannot be saved."""
        entry = HistoryEntry(entry_id or new_entry_id(), record, check_rating(relaxed), check_rating(sleepy))
        if self._append_in_place(entry, new_id=entry_id is not None):
            return SaveResult(self.path, entry, None)
        with self._writable() as state:
            self._append(state, entry)
            return SaveResult(self.path, entry, state.result.notice)

    def append_once(self, record: SessionRecord, entry_id: str) -> SaveResult:
        """Store ``record`` as entry ``entry_id`` unless an entry with that id is already there.

        A session cut short and stored from its resume snapshot, or resumed and finished, keeps the
        id it was given when it began: storing it twice (a crash between saving it and clearing the
        snapshot) leaves one entry. ``SaveResult.written`` says whether anything was written.
        """
        entry = HistoryEntry(entry_id, record)
        if self._append_in_place(entry, new_id=True):
            return SaveResult(self.path, entry, None)
        with self._writable() as state:
            index = _index(state.result.entries, entry_id)
            if index is not None:
                found = state.result.entries[index]
                return SaveResult(self.path, found, state.result.notice, written=False)
            self._append(state, entry)
            return SaveResult(self.path, entry, state.result.notice)

    def put(self, record: SessionRecord, entry_id: str) -> SaveResult:
        """Store ``record`` as entry ``entry_id``: in place of that entry if it is there (its ratings
        kept), else as a new one.

        A session stopped by a signal is stored as ended early and may still be carried on at the next
        start; when it then ends, its whole record takes the place of the part stored, so it stays one
        session. ``SaveResult.written`` is False when the entry was already exactly this.
        """
        if self._append_in_place(HistoryEntry(entry_id, record), new_id=True):
            return SaveResult(self.path, HistoryEntry(entry_id, record), None)
        with self._writable() as state:
            entries = state.result.entries
            index = _index(entries, entry_id)
            if index is None:
                entry = HistoryEntry(entry_id, record)
                self._append(state, entry)
                return SaveResult(self.path, entry, state.result.notice)
            old = entries[index]
            new = replace(old, record=record)
            if new == old:
                return SaveResult(self.path, old, state.result.notice, written=False)
            self._rewrite(state, (*entries[:index], new, *entries[index + 1 :]))
            return SaveResult(self.path, new, state.result.notice)

    def answer(self, answer: NightAnswer) -> SaveResult:
        """Keep the morning answer for ``answer.night``, replacing an earlier answer for that night."""
        if self._answer_in_place(answer):
            return SaveResult(self.path, None, None)
        with self._writable("The night's answer") as state:
            kept = {old.night: old for old in state.result.nights}
            kept[answer.night] = answer
            nights = tuple(kept[day] for day in sorted(kept))
            self._rewrite(state, state.result.entries, nights)
            return SaveResult(self.path, None, state.result.notice)

    def rate(
        self,
        entry_id: str,
        relaxed: int | None,
        sleepy: int | None,
        *,
        record: SessionRecord | None = None,
    ) -> SaveResult:
        """Set the ratings of the entry ``entry_id`` (``None`` = not rated).

        If the entry is gone (its file was damaged and moved aside in between) and ``record`` is
        given, the session is stored again with its ratings; otherwise ``SaveResult.entry`` is None.
        """
        check_rating(relaxed)
        check_rating(sleepy)
        quick = self._rate_tail(entry_id, relaxed, sleepy)
        if quick is not None:
            return quick
        with self._writable("The rating") as state:
            entries = state.result.entries
            index = _index(entries, entry_id)
            if index is None:
                if record is None:
                    return SaveResult(self.path, None, state.result.notice)
                new = HistoryEntry(entry_id, record, relaxed, sleepy)
                self._append(state, new)
                return SaveResult(self.path, new, state.result.notice)
            new = entries[index].rated(relaxed, sleepy)
            changed = (*entries[:index], new, *entries[index + 1 :])
            tail = state.snapshot.tail if state.snapshot is not None else None
            if new == entries[index]:
                pass
            elif state.snapshot is not None and tail is not None and tail[0] == entry_id == entries[-1].id:
                # Rating the session this process just stored: rewrite only its own block.
                offset = tail[1]
                data = state.snapshot.data[:offset] + entry_block(new)
                self._commit(data, state.snapshot.parsed, changed, (entry_id, offset), state.result.nights)
            else:
                self._rewrite(state, changed)
            return SaveResult(self.path, new, state.result.notice)

    def _append_in_place(self, entry: HistoryEntry, new_id: bool) -> bool:
        """Add ``entry`` at the end of the file without reading the sessions before it; False (nothing
        written) when that cannot be done safely, and the caller takes the careful way (read it all,
        write it all), which also knows what to say about a file that is wrong.

        The two ends must look as this module writes them (:func:`ends_look_appendable`): then one
        more ``[[sessions]]`` block keeps the file a valid history. Damage in between is not looked for
        here; the next full read finds and repairs it as it always does, losing nothing. With
        ``new_id`` the entry's id must not be in the file yet (the bytes are searched, not parsed).
        Only a regular file (or a link within its folder) that stays within the history's size limit
        is added to.
        """
        block = b"\n" + entry_block(entry)  # one blank line between blocks, as dump_history writes them
        with file_lock(self.path, self._lock_timeout):
            sweep_temp_files(self.path)
            try:
                target = write_target(self.path)
                info = os.stat(target)
                if not stat.S_ISREG(info.st_mode) or not 0 < info.st_size <= MAX_HISTORY_BYTES - len(block):
                    return False
                with open(target, "rb") as handle:
                    size = os.fstat(handle.fileno()).st_size
                    head = _read_head(handle, size)
                    handle.seek(max(0, size - _TAIL_BYTES))
                    tail = handle.read()
                    if new_id:
                        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as whole:
                            if whole.find(f'"{entry.id}"'.encode()) >= 0:
                                return False  # there already: the careful way replaces it or keeps it
            except (OSError, ValueError):
                return False
            if not ends_look_appendable(head, tail):
                return False
            try:
                append_bytes(target, block, size)
            except OSError as error:
                if error.errno == errno.EAGAIN:
                    return False
                raise HistoryError(
                    f"The session could not be saved to {self.path}: {_reason(error)}. "
                    f"{_remedy(error, self.path)}"
                ) from error
            _SNAPSHOTS.pop(self._key, None)
            after = os.stat(target)
            _TAILS[self._key] = _Tail(entry, size + 1, after.st_size, after.st_mtime_ns)  # past the blank
            return True

    def _answer_in_place(self, answer: NightAnswer) -> bool:
        """Keep ``answer`` by writing a new top level (where the nights are) and copying the sessions
        after it byte for byte, without parsing them; False (nothing written) when that cannot be done
        safely, and the caller takes the careful way.

        The morning question is answered on the screen's thread: reading and writing years of sessions
        there took seconds. Only a file the cache beside it describes (brought up to date first: made
        if need be) is spliced, and only in this version's format: the cache then holds the file's
        top level as read (its version, other keys and every night: a file with a table anywhere but
        in its top level and its sessions' own is never cached), and the bytes copied are checked
        against its hash as they go (a file changed meanwhile is left as it is). The cache is kept
        true for the new bytes.
        """
        with file_lock(self.path, self._lock_timeout):
            sweep_temp_files(self.path)
            cached = self._scan_locked()
            if cached is None or cached.version != FORMAT_VERSION:
                return False  # an older file is brought up to date by the careful way, once
            kept = {old.night: old for old in cached.nights}
            kept[answer.night] = answer
            nights = tuple(kept[day] for day in sorted(kept))
            written = hashlib.sha256()
            size = 0
            try:
                target = write_target(self.path)
                with open(target, "rb") as handle:
                    reader = Reader(handle, MAX_HISTORY_BYTES)

                    def chunks() -> Iterator[bytes]:
                        nonlocal size
                        parts = reader.from_sessions()
                        top = dump_history((), cached.extra, nights)
                        # One blank line between the top level and the first session, as dump_history
                        # writes them.
                        for part in itertools.chain((top,), _after_blank(parts)):
                            written.update(part)
                            size += len(part)
                            yield part
                        if (reader.size, reader.hasher.hexdigest()) != (cached.size, cached.sha256):
                            raise Unusual("not the bytes the cache describes")  # the write is undone

                    atomic_write_chunks(target, chunks())
            except (OSError, Unusual):
                return False  # nothing was written: the temporary file is gone with the exception
            _SNAPSHOTS.pop(self._key, None)
            _TAILS.pop(self._key, None)
            # The same sessions end the file as before, so it takes more as well as it did.
            write_cache(self.path, Scan(cached.sessions, nights, FORMAT_VERSION, cached.extra, size,
                                        written.hexdigest(), cached.appendable))
            return True

    def _rate_tail(self, entry_id: str, relaxed: int | None, sleepy: int | None) -> SaveResult | None:
        """Rate the entry this process just added in place, if the file is as it left it: its own
        block is replaced, without parsing the sessions before it. None when that cannot be known."""
        tail = _TAILS.get(self._key)
        if tail is None or tail.entry.id != entry_id:
            return None
        with file_lock(self.path, self._lock_timeout):
            try:
                now = os.stat(self.path)
                if (now.st_size, now.st_mtime_ns) != (tail.size, tail.mtime_ns):
                    return None
                handle = open(self.path, "rb")  # noqa: SIM115 - closed below, after the write
            except OSError:
                return None
            new = tail.entry.rated(relaxed, sleepy)
            with handle:
                if os.fstat(handle.fileno()).st_size != tail.size:
                    return None
                # The sessions before it are copied a chunk at a time: years of them need not be in
                # memory at once.
                self._write_chunks(_copied(handle, tail.offset, entry_block(new)), "ratings")
            after = os.stat(self.path)
            _TAILS[self._key] = _Tail(new, tail.offset, after.st_size, after.st_mtime_ns)
            return SaveResult(self.path, new, None)

    def _append(self, state: _State, entry: HistoryEntry) -> None:
        snapshot = state.snapshot
        if snapshot is not None and snapshot.parsed.entries and appendable(snapshot.data):
            head = snapshot.data + (b"\n" if snapshot.data.endswith(b"\n") else b"\n\n")
            entries = (*snapshot.parsed.entries, entry)
            self._commit(head + entry_block(entry), snapshot.parsed, entries, (entry.id, len(head)),
                         snapshot.parsed.nights)
        else:
            self._rewrite(state, (*state.result.entries, entry))

    @contextlib.contextmanager
    def _writable(self, what: str = "The session") -> Iterator[_State]:
        """Hold the lock, clear stray temporary files, read; refuse if writing could lose data (the
        error says ``what`` was not saved)."""
        with file_lock(self.path, self._lock_timeout):
            sweep_temp_files(self.path)
            state = self._load_locked()
            if not state.writable:
                notice = state.result.notice or ""
                remedy = "" if "--data-dir" in notice else " Start coach with --data-dir DIR to keep the " \
                    "history somewhere else."
                raise HistoryError(f"{what} was not saved. {notice}{remedy}")
            yield state

    def _rewrite(self, state: _State, entries: Entries, nights: Nights | None = None) -> None:
        parsed = state.snapshot.parsed if state.snapshot else ParsedHistory((), 0, FORMAT_VERSION)
        nights = state.result.nights if nights is None else nights
        data = dump_history(entries, parsed.extra, nights)
        tail = (entries[-1].id, len(data) - len(entry_block(entries[-1]))) if entries else None
        self._commit(data, parsed, entries, tail, nights)

    def _write(self, data: bytes, what: str) -> None:
        """Replace the file with ``data`` atomically; :class:`HistoryError` naming ``what`` was not saved
        if the disk refuses (what this process remembered of the file is then forgotten)."""
        self._write_chunks(None, what, data)

    def _write_chunks(self, chunks: Iterable[bytes] | None, what: str, data: bytes = b"") -> None:
        """:meth:`_write` for data that comes in ``chunks`` (None: ``data``, in one piece)."""
        try:
            if chunks is None:
                atomic_write_bytes(self.path, data)
            else:
                atomic_write_chunks(self.path, chunks)
        except OSError as error:
            _SNAPSHOTS.pop(self._key, None)
            _TAILS.pop(self._key, None)
            raise HistoryError(
                f"The {what} could not be saved to {self.path}: {_reason(error)}. "
                f"{_remedy(error, self.path)}"
            ) from error

    def _commit(
        self, data: bytes, parsed: ParsedHistory, entries: Entries, tail: tuple[str, int] | None,
        nights: Nights,
    ) -> None:
        """Write ``data`` atomically and remember it; :class:`HistoryError` if the disk refuses."""
        self._write(data, "session")
        written = ParsedHistory(entries, 0, max(parsed.version, FORMAT_VERSION), parsed.extra, nights)
        _SNAPSHOTS[self._key] = _Snapshot(data, written, tail)
        _TAILS.pop(self._key, None)
        # The file was just written from these entries: keep them in brief, so the next screen need
        # not read it again. Entries read from the file passed its checks then; a new one is held to
        # the same checks here, and if it fails them the cache is not written (the next read says so).
        read = {id(entry) for entry in parsed.entries}
        if all(id(e) in read or entry_or_none(e.to_dict()) is not None for e in entries):
            write_cache(self.path, Scan(tuple(SessionSummary.of(e) for e in entries), nights, FORMAT_VERSION,
                                        dict(parsed.extra), len(data), hashlib.sha256(data).hexdigest(),
                                        data.endswith(b"\n") and appendable(data)))

    def _load_locked(self) -> _State:
        """Read and repair; the caller holds the lock."""
        try:
            whole = min(MAX_HISTORY_PARSE_BYTES, MAX_HISTORY_BYTES)
            data = read_bounded(self.path, whole, what="history file")
        except FileNotFoundError:
            return _State(LoadResult((), None, self.path), None, True)
        except FileRefused as error:
            size = _size(self.path)
            if error.errno == errno.EFBIG and size is not None and size <= MAX_HISTORY_BYTES:
                # Years of sessions coach wrote may be this large: never set aside for its size alone.
                notice = (
                    f"The history file {self.path} is {size_text(size)}, more than coach reads in one "
                    f"piece ({size_text(MAX_HISTORY_PARSE_BYTES)}), so this could not be done with it; it "
                    "was left as it is. Start coach with --data-dir DIR to keep a separate history."
                )
                return _State(LoadResult((), notice, self.path), None, False)
            # A pipe, a device or a file far too large is no history coach wrote: set it aside unread.
            return self._set_damaged_aside(DamagedHistory(f"it {error.strerror}"))
        except OSError as error:
            notice = f"The history file {self.path} could not be read: {_reason(error)}."
            return _State(LoadResult((), notice, self.path), None, False)
        cached = _SNAPSHOTS.get(self._key)
        if cached is not None and cached.data == data:
            parsed = cached.parsed
            return _State(LoadResult(parsed.entries, None, self.path, nights=parsed.nights), cached, True)
        try:
            parsed = parse_history(data)
        except DamagedHistory as why:
            return self._set_damaged_aside(why)
        snapshot = _Snapshot(data, parsed)
        if parsed.version > FORMAT_VERSION:
            # A newer coach's file: read what this one understands, and never rewrite it in an older
            # format (that would drop what the newer one keeps there) nor add to it.
            notice = (
                f"The history file {self.path} was written by a newer version of coach (format "
                f"{parsed.version}; this one knows format {FORMAT_VERSION}). It is shown as far as this "
                "version can read it and left as it is: new sessions are not saved to it. Update coach, "
                "or start it with --data-dir DIR to keep a separate history."
            )
            loaded = LoadResult(parsed.entries, notice, self.path, nights=parsed.nights)
            return _State(loaded, snapshot, False)
        problems = []
        if parsed.unreadable:
            plural = "session" if parsed.unreadable == 1 else "sessions"
            problems.append(f"{parsed.unreadable} {plural} in the history file could not be read")
        if parsed.unreadable_nights:
            count = parsed.unreadable_nights
            nights = "night" if count == 1 else "nights"
            problems.append(f"{count} {nights} of sleep answers could not be read")
        if not problems:
            _SNAPSHOTS[self._key] = snapshot
            return _State(LoadResult(parsed.entries, None, self.path, nights=parsed.nights), snapshot, True)
        summary = " and ".join(problems)
        summary = summary[0].upper() + summary[1:]
        try:
            copy = self._free_aside_name()
            atomic_write_bytes(copy, data)
            repaired = ParsedHistory(parsed.entries, 0, FORMAT_VERSION, parsed.extra, parsed.nights)
            loaded = LoadResult(parsed.entries, nights=parsed.nights)
            self._rewrite(_State(loaded, _Snapshot(data, repaired), True), parsed.entries)
        except (OSError, HistoryError) as error:
            reason = _reason(error) if isinstance(error, OSError) else str(error)
            notice = f"{summary}, and it could not be copied aside ({reason}); it was left as it is."
            loaded = LoadResult(parsed.entries, notice, self.path, nights=parsed.nights)
            return _State(loaded, snapshot, False)
        kept = len(parsed.entries)
        notice = (
            f"{summary}. The whole file was copied to {copy} and the {kept} readable "
            f"{'session was' if kept == 1 else 'sessions were'} kept."
        )
        result = LoadResult(parsed.entries, notice, self.path, copy, parsed.nights)
        return _State(result, _SNAPSHOTS[self._key], True)

    def _set_damaged_aside(self, why: DamagedHistory) -> _State:
        try:
            aside = self._free_aside_name()
            os.rename(self.path, aside)
        except OSError as error:
            notice = (
                f"The history file {self.path} is damaged ({why}) and could not be moved aside "
                f"({_reason(error)}); it was left as it is."
            )
            return _State(LoadResult((), notice, self.path), None, False)
        forget_cache(self.path)  # it described the file set aside, which is kept whole beside it
        notice = (
            f"The history file could not be read: {why}. "
            f"It was moved to {aside} and a new history was started."
        )
        return _State(LoadResult((), notice, self.path, aside), None, True)

    def _free_aside_name(self) -> Path:
        return aside_path(self.path, self._clock())


def _copied(handle: BinaryIO, length: int, end: bytes) -> Iterator[bytes]:
    """The first ``length`` bytes from ``handle``, a chunk at a time, then ``end``; ``OSError`` if the
    file is shorter."""
    handle.seek(0)
    left = length
    while left:
        chunk = handle.read(min(CHUNK, left))
        if not chunk:
            raise OSError(errno.EAGAIN, "the file changed while it was being copied")
        left -= len(chunk)
        yield chunk
    yield end


def _size(path: Path) -> int | None:
    """The size of the regular file at ``path``, or None."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def _after_blank(parts: Iterator[bytes]) -> Iterator[bytes]:
    """``parts`` after a blank line, if there are any."""
    first = next(parts, None)
    if first is None:
        return
    yield b"\n"
    yield first
    yield from parts


def _still_valid(cached: Scan, handle: BinaryIO, size: int) -> Scan | None:
    """``cached`` if its bytes still start the file at ``handle`` (of ``size`` bytes), with any
    sessions added at the end since; None when the file changed otherwise."""
    hasher = hashlib.sha256()
    left = cached.size
    while left:
        chunk = handle.read(min(CHUNK, left))
        if not chunk:
            return None
        hasher.update(chunk)
        left -= len(chunk)
    if hasher.hexdigest() != cached.sha256:
        return None
    if cached.size == size:
        return cached
    if cached.partial:
        return None
    try:
        return extend(cached, handle, hasher, MAX_HISTORY_BYTES)
    except Unusual:
        return None


def _read_head(handle: BinaryIO, size: int) -> bytes:
    """The file's first bytes, read until they hold its top level whole (a table line follows it), the
    file ends or :data:`_HEAD_LIMIT` is reached.

    Not a fixed few kilobytes: the nights answered live in the top level, and a file whose top level
    outgrew the bytes read would take the careful way (read and parse every session on the screen's
    thread) for every session saved from then on.
    """
    head = b""
    limit = min(size, _HEAD_LIMIT)
    while len(head) < limit:
        chunk = handle.read(min(_HEAD_CHUNK, limit - len(head)))
        if not chunk:
            break
        searched = max(0, len(head) - 1)  # a table line can start right after the last chunk's newline
        head += chunk
        if top_level_ends(head, searched):
            break
    return head


def _index(entries: Entries, entry_id: str) -> int | None:
    """Where the entry ``entry_id`` is in ``entries``, or None."""
    return next((i for i, old in enumerate(entries) if old.id == entry_id), None)


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _remedy(error: OSError, path: Path) -> str:
    """What the user can do about a write that failed."""
    if error.errno == errno.ENOSPC or error.errno == getattr(errno, "EDQUOT", None):
        return "Make some room on the disk; the next session is saved again once there is."
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"Make the folder {path.parent} writable, or start coach with --data-dir DIR."
    return "Start coach with --data-dir DIR to keep the history somewhere else."


