"""Reading a long history fast: session by session, and from a cache beside the file once read.

``tomllib`` is pure Python and reads about a megabyte a second; a session takes one to two kilobytes,
so three years of nightly sessions took two seconds to read and thirty years twenty, holding the whole
parsed document (some thirteen times the file's size) in memory on the way. Two things change that:

**Session by session.** A file as coach writes it is its top level (the version and the morning
answers), then one ``[[sessions]]`` block per session. :func:`scan` cuts it at those headers and
parses each piece alone, keeping only a :class:`~coach.history.summary.SessionSummary` of each, so
memory holds one session's tables at a time. Cutting is safe only where it cannot change what the file
means: every line of a block that starts with ``[`` must be the block's own ``[[sessions]]`` header or
a ``[[sessions.steps]]`` one, the top level must not mention ``sessions``, and every piece must parse.
A header line inside a multi-line string leaves the piece before it with an unclosed string, which
does not parse. Whenever anything is unusual (a piece that does not parse, a session or night that
cannot be read, a newer format, an id twice) :func:`scan` gives up and the caller reads the whole file
the careful way (:meth:`coach.history.store.History.load`), which says what is wrong and repairs it.

**A cache.** What a scan found is written beside the history as JSON (``history.cache.json``; the
``json`` module is C, some hundred times faster than ``tomllib``), with the SHA-256 and size of the
bytes it describes. It is used only while those bytes are still the start of the history file: equal,
it is the answer; a file that has grown since (a session added at its end) needs only its new blocks
read. Any other change (an edit by hand, a restored backup), and a cache that is missing, damaged,
from another version or unreadable, means it is ignored and made again from the TOML, which stays the
only record: the cache holds nothing that is not in the history file, and may be deleted at any time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO

import tomli_w

from coach.atomic import atomic_write_bytes, sweep_temp_files
from coach.history.format import (
    EARLIEST,
    FORMAT_VERSION,
    LATEST,
    MAX_SECONDS,
    MAX_VERSION,
    RATING_RANGE,
    HistoryEntry,
    NightAnswer,
    entry_or_none,
    extra_of,
    night_or_none,
    upgrade,
)
from coach.history.stats import instant
from coach.history.summary import SessionSummary
from coach.limits import MAX_DATA_TEXT_CHARS, MIB, TomlRefused, parse_toml
from coach.routines import MODES

CACHE_FORMAT = 2
"""The cache's own layout; a cache of another layout (or written for another history format) is
ignored and made again."""
CHUNK = 4 * MIB
"""How much of the history is read at a time: memory holds this, not the whole file."""

_LINE_START = re.compile(rb"^[ \t]*\[", re.MULTILINE)
_SESSION_HEADER = re.compile(rb"[ \t]*\[\[[ \t]*sessions[ \t]*\]\][ \t]*(#[^\r\n]*)?\r?(\n|\Z)")
_STEP_HEADER = re.compile(
    rb"[ \t]*\[\[[ \t]*sessions[ \t]*\.[ \t]*steps[ \t]*\]\][ \t]*(#[^\r\n]*)?\r?(\n|\Z)"
)
_SESSION_START = re.compile(rb"^[ \t]*\[\[[ \t]*sessions[ \t]*\]\]", re.MULTILINE)


class Unusual(Exception):
    """The file is not as coach writes it in some way: read it whole, the careful way."""


@dataclass(frozen=True)
class Scan:
    """What a history file holds, in brief, and the identity of the bytes it was read from."""

    sessions: tuple[SessionSummary, ...]
    nights: tuple[NightAnswer, ...]
    version: int
    extra: dict[str, Any]
    size: int
    sha256: str
    appendable: bool
    """The bytes end with a whole line and hold their sessions as ``[[sessions]]`` tables, so blocks
    added at the end are read on their own (see :func:`extend`)."""
    partial: bool = False
    """Only the latest sessions and nights (see :func:`recent`): never written, nor extended."""


# -- reading the TOML piece by piece -------------------------------------------------------------------
MAX_PIECE = 8 * 1024 * 1024
"""The most one block, or the top level, may hold to be read the quick way: a session coach writes is
a few kilobytes and the top level some bytes a night answered. Anything larger is unusual (the careful
way reads it, or refuses it for its size), and a file of one endless line is not searched for ever."""


class Reader:
    """Reads a history file a chunk at a time, hashing and counting every byte read."""

    def __init__(self, handle: BinaryIO, limit: int, hasher: Any | None = None, size: int = 0) -> None:
        self.handle, self.limit = handle, limit
        self.hasher = hasher if hasher is not None else hashlib.sha256()
        self.size = size

    def _read(self) -> bytes:
        """The next chunk (empty at the end), counted against the limit and hashed."""
        chunk = self.handle.read(CHUNK)
        self.size += len(chunk)
        if self.size > self.limit:
            raise Unusual("larger than the limit")
        self.hasher.update(chunk)
        return chunk

    def pieces(self) -> Iterator[bytes]:
        """The bytes from here on cut before each ``[[sessions]]`` header line: first what comes
        before the first header (empty when they start with one), then one piece per block. More than
        ``limit`` bytes in all (counted from the file's start) raise :class:`Unusual`."""
        buffer = b""
        skip = 0  # a carried buffer starts at a header: its own, not one to cut before
        scanned = 0  # the whole lines of the buffer already looked at (each byte is searched once)
        while True:
            chunk = self._read()
            if not chunk:
                yield _bounded(buffer)
                return
            buffer += chunk
            complete = buffer.rfind(b"\n") + 1  # only whole lines are looked at: a header may be split
            start = 0
            for found in _SESSION_START.finditer(buffer, max(skip, scanned), complete):
                yield _bounded(buffer[start : found.start()])
                start, skip = found.start(), 1
            buffer = _bounded(buffer[start:])
            scanned = max(0, complete - start)

    def from_sessions(self) -> Iterator[bytes]:
        """The bytes from the first ``[[sessions]]`` header line on, as they are, in chunks (nothing
        when there is none); what comes before it is read (and hashed) but not given."""
        buffer = b""
        found = False
        scanned = 0
        while True:
            chunk = self._read()
            if found:
                if not chunk:
                    return
                yield chunk
                continue
            buffer += chunk
            # Whole lines only while more may come: a header may be split between two chunks.
            complete = buffer.rfind(b"\n") + 1 if chunk else len(buffer)
            header = _SESSION_START.search(buffer, scanned, complete)
            if header is not None:
                if header.start() > MAX_PIECE:
                    raise Unusual("a top level larger than any coach writes")
                yield buffer[header.start() :]
                found, buffer = True, b""
            elif not chunk:
                return
            elif len(buffer) > MAX_PIECE:
                raise Unusual("a top level larger than any coach writes")
            else:
                scanned = complete  # each byte is searched once, not again with every chunk


def _bounded(piece: bytes) -> bytes:
    """``piece``, unless it is larger than :data:`MAX_PIECE` (then :class:`Unusual`)."""
    if len(piece) > MAX_PIECE:
        raise Unusual("a block or top level larger than any coach writes")
    return piece


def check_block(piece: bytes) -> None:
    """:class:`Unusual` unless ``piece`` starts with a ``[[sessions]]`` header and every other line
    of it that starts with ``[`` is a ``[[sessions.steps]]`` header: then it means the same wherever
    it stands after a file's top level (only its own session's keys and steps are in it)."""
    for found in _LINE_START.finditer(piece, 1):
        if not _STEP_HEADER.match(piece, found.start()):
            raise Unusual("a table that is not a session's step")
    if not _SESSION_HEADER.match(piece):
        raise Unusual("a block that does not start with its header")


def _block_entry(piece: bytes) -> HistoryEntry:
    """The session one ``[[sessions]]`` block holds; :class:`Unusual` when it is not one readable
    session alone."""
    check_block(piece)
    try:
        document = parse_toml(piece.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, TomlRefused) as error:
        raise Unusual("a block that does not parse alone") from error
    sessions = document.get("sessions")
    if len(document) != 1 or not isinstance(sessions, list) or len(sessions) != 1:
        raise Unusual("a block that is not one session")
    entry = entry_or_none(sessions[0])
    if entry is None:
        raise Unusual("a session that cannot be read")
    return entry


def top_level(piece: bytes) -> tuple[int, dict[str, Any], tuple[NightAnswer, ...]]:
    """The version, the other top-level keys and the nights in what comes before the sessions."""
    try:
        text = piece.decode("utf-8-sig")
        document = parse_toml(text) if text.strip() else {}
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, TomlRefused) as error:
        raise Unusual("a top level that does not parse") from error
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= MAX_VERSION:
        raise Unusual("no valid version")
    if version > FORMAT_VERSION or "sessions" in document:
        raise Unusual("a newer format, or sessions in the top level")
    document = upgrade(document)
    raw_nights = document.get("nights", [])
    if not isinstance(raw_nights, list):
        raise Unusual("nights that are not a list")
    nights: dict[date, NightAnswer] = {}
    for raw in raw_nights:
        answer = night_or_none(raw)
        if answer is None:
            raise Unusual("a night that cannot be read")
        nights[answer.night] = answer  # answered twice: the later table wins, as in parse_history
    return version, extra_of(document), tuple(nights[day] for day in sorted(nights))


def _sessions(pieces: Iterator[bytes], seen: set[str]) -> list[SessionSummary]:
    """A summary of each block; :class:`Unusual` for an id already in ``seen`` (which grows)."""
    found = []
    for piece in pieces:
        entry = _block_entry(piece)
        if entry.id in seen:
            raise Unusual("an id twice")
        seen.add(entry.id)
        found.append(SessionSummary.of(entry))
    return found


def scan(handle: BinaryIO, limit: int) -> Scan:
    """Read a whole history file from ``handle`` session by session; :class:`Unusual` if that cannot
    be done safely or the file holds anything that is not right (see the module's description)."""
    reader = Reader(handle, limit)
    pieces = reader.pieces()
    head = next(pieces)
    version, extra, nights = top_level(head)
    sessions = _sessions((piece for piece in pieces if piece), set())
    return Scan(tuple(sessions), nights, version, extra, reader.size, reader.hasher.hexdigest(),
                appendable=_ends_line(handle, reader.size))


def extend(cached: Scan, handle: BinaryIO, hasher: Any, limit: int) -> Scan:
    """``cached`` (whose bytes ``hasher`` has read: they start the file at ``handle``, which is just
    past them) with the sessions in the ``[[sessions]]`` blocks after them; :class:`Unusual` unless the
    rest is only such blocks, each readable, none with an id already there."""
    if not cached.appendable:
        raise Unusual("the cached bytes cannot take blocks")
    reader = Reader(handle, limit, hasher, cached.size)
    pieces = reader.pieces()
    if next(pieces).strip(b" \t\r\n"):
        raise Unusual("something other than sessions added")
    seen = {session.id for session in cached.sessions}
    added = _sessions((piece for piece in pieces if piece), seen)
    if not added:
        raise Unusual("nothing but blank lines added")
    return Scan((*cached.sessions, *added), cached.nights, cached.version, cached.extra, reader.size,
                reader.hasher.hexdigest(), appendable=_ends_line(handle, reader.size))


def _ends_line(handle: BinaryIO, size: int) -> bool:
    """Whether the ``size`` bytes read from ``handle`` end with a newline (a block added after them
    then starts on a line of its own)."""
    if size == 0:
        return False
    handle.seek(size - 1)
    return handle.read(1) == b"\n"


# -- the cache ------------------------------------------------------------------------------------------
def cache_path(history: Path) -> Path:
    """The cache beside the history file ``history`` (``history.toml``: ``history.cache.json``)."""
    return history.with_name(f"{history.stem}.cache.json")


ROWS_PER_LINE = 500
"""Sessions (or nights) on one line of the cache: a reader that needs only the latest ones decodes only
the lines that hold them, and a whole read decodes one line at a time (``json`` holds the interpreter
for the whole of a call, so one call for a hundred thousand sessions would stall the screen)."""
_SINCE_MARGIN = timedelta(days=2)
"""How much earlier than asked a line's latest session may start and still be read: a time stored
without an offset is placed in the zone of the day it was read, which may have changed since."""


def encode(found: Scan) -> bytes:
    """The cache's bytes for ``found``: a line saying what it describes, then lines of nights and of
    sessions (:data:`ROWS_PER_LINE` a line), each led by the latest night, or the latest start as a
    POSIX time, that it holds."""
    header = {
        "cache": CACHE_FORMAT,
        "format": FORMAT_VERSION,
        "size": found.size,
        "sha256": found.sha256,
        "appendable": found.appendable,
        "version": found.version,
        "extra": _toml_or_none(found.extra),
        "nights": len(found.nights),
        "sessions": len(found.sessions),
    }
    lines = [_dumps(header)]
    for at in range(0, len(found.nights), ROWS_PER_LINE):
        part = found.nights[at : at + ROWS_PER_LINE]
        answers = [[a.night.isoformat(), a.sleep, a.quick, a.woke, a.skipped,
                    a.answered_at.isoformat() if a.answered_at is not None else None, _toml_or_none(a.extra)]
                   for a in part]
        lines.append(b"n " + max(a.night for a in part).isoformat().encode() + b" " + _dumps(answers))
    for at in range(0, len(found.sessions), ROWS_PER_LINE):
        chunk = found.sessions[at : at + ROWS_PER_LINE]
        rows: list[list[object]] = [
            [s.id, s.routine_id, s.routine_name, s.mode, s.started_at.isoformat(), s.ended_at.isoformat(),
             s.actual_seconds, s.massage_seconds, s.finished, s.relaxed, s.sleepy] for s in chunk]
        latest = max(instant(s.started_at) for s in chunk)
        lines.append(b"s " + repr(latest).encode() + b" " + _dumps(rows))
    return b"\n".join(lines) + b"\n"


def _dumps(value: object) -> bytes:
    # ensure_ascii: no line separator or other character can break a line of the cache.
    return json.dumps(value, separators=(",", ":")).encode("ascii")


def decode(data: bytes, since: datetime | None = None) -> Scan | None:
    """The scan a cache's bytes describe, or None when they are not a cache this code wrote. Every value
    is held to what a history may hold, as if read from the history itself (the cache is a file like
    any other, and a screen must never fail on what it says).

    With ``since``, only what :func:`recent` keeps of it is decoded: the lines whose latest session or
    night is too old are passed over unread (the result is marked ``partial``)."""
    try:
        first, *lines = data.split(b"\n")
        header = json.loads(first)
        if not isinstance(header, dict) or header.get("cache") != CACHE_FORMAT \
                or header.get("format") != FORMAT_VERSION:
            return None
        size, sha, appendable, version, count, night_count = (
            header[k] for k in ("size", "sha256", "appendable", "version", "sessions", "nights"))
        if not (_whole(size) and size >= 0 and isinstance(sha, str) and len(sha) == 64
                and isinstance(appendable, bool) and _whole(version) and 1 <= version <= FORMAT_VERSION
                and _whole(count) and _whole(night_count)):
            return None
        extra = _from_toml(header["extra"])
        if lines[-1:] != [b""]:
            return None  # cut short: the last line has no end
        oldest = since.timestamp() - _SINCE_MARGIN.total_seconds() if since is not None else None
        first_night = (since - _SINCE_MARGIN).date() if since is not None else None
        nights: list[NightAnswer] = []
        sessions: list[SessionSummary] = []
        for line in lines[:-1]:
            kind, key, body = line.split(b" ", 2)
            if kind == b"n":
                if first_night is None or date.fromisoformat(key.decode()) >= first_night:
                    nights.extend(_night(row) for row in _rows(body))
            elif kind == b"s":
                if oldest is None or float(key) >= oldest:
                    sessions.extend(_session(row) for row in _rows(body))
            else:
                return None
    except (ValueError, TypeError, KeyError, RecursionError, OverflowError, tomllib.TOMLDecodeError):
        return None
    if since is None and (len(sessions) != count or len(nights) != night_count):
        return None
    if len({s.id for s in sessions}) != len(sessions) or len({n.night for n in nights}) != len(nights):
        return None
    found = Scan(tuple(sessions), tuple(nights), version, extra, size, sha, appendable)
    return recent(found, since) if since is not None else found


def _rows(body: bytes) -> list[object]:
    rows = json.loads(body)
    if type(rows) is not list:
        raise ValueError("rows")
    return rows


def recent(found: Scan, since: datetime) -> Scan:
    """``found`` with only the sessions started from ``since`` on (a time stored without an offset
    taken in this machine's zone) and the nights from the day before ``since``'s date on: what the
    morning question needs to know of last night, however long the history."""
    start = since.timestamp()
    first_night = since.date() - timedelta(days=1)
    return replace(found, sessions=tuple(s for s in found.sessions if instant(s.started_at) >= start),
                   nights=tuple(n for n in found.nights if n.night >= first_night), partial=True)


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _toml_or_none(extra: Any) -> str | None:
    return tomli_w.dumps(dict(extra)) if extra else None


def _from_toml(text: object) -> dict[str, Any]:
    if text is None:
        return {}
    if not isinstance(text, str) or len(text) > MIB:
        raise ValueError("extra")
    return parse_toml(text)


def _text(value: object) -> str:
    if type(value) is not str or len(value) > MAX_DATA_TEXT_CHARS:
        raise ValueError("text")
    return value


_SAFE_YEARS = range(EARLIEST.year + 1, LATEST.year - 1)
"""Years whose every time is inside the bounds whatever its offset: only others need the exact test."""


def _time(value: object) -> datetime:
    if type(value) is not str:
        raise ValueError("time")
    moment = datetime.fromisoformat(value)
    if moment.year not in _SAFE_YEARS:
        aware = moment if moment.utcoffset() is not None else moment.replace(tzinfo=EARLIEST.tzinfo)
        if not EARLIEST <= aware <= LATEST:
            raise ValueError("time")
    return moment


def _rating(value: object) -> int | None:
    if value is None:
        return None
    if type(value) is not int or value not in RATING_RANGE:
        raise ValueError("rating")
    return value


def _flag(value: object) -> bool | None:
    if value is None or value is True or value is False:
        return value
    raise ValueError("flag")


def _session(row: object) -> SessionSummary:
    """One session of the cache, held to what the history holds (the checks of
    :func:`~coach.history.format.check_record_shape` that a summary's values meet), written out
    rather than in helpers: a long history has a hundred thousand of these."""
    if type(row) is not list or len(row) != 11:
        raise ValueError("session")
    entry_id, routine_id, name, mode, started, ended, actual, massage, finished, relaxed, sleepy = row
    if (type(actual) is not float or type(massage) is not float or not 0 <= actual <= MAX_SECONDS
            or not 0 <= massage <= MAX_SECONDS or (finished is not True and finished is not False)
            or mode not in MODES or type(entry_id) is not str or type(routine_id) is not str
            or type(name) is not str or not entry_id.strip()
            or max(len(entry_id), len(routine_id), len(name)) > MAX_DATA_TEXT_CHARS
            or (relaxed is not None and (type(relaxed) is not int or relaxed not in RATING_RANGE))
            or (sleepy is not None and (type(sleepy) is not int or sleepy not in RATING_RANGE))):
        raise ValueError("session")
    return SessionSummary(entry_id, routine_id, name, mode, _time(started), _time(ended), actual, massage,
                          finished, relaxed, sleepy)


def _night(row: object) -> NightAnswer:
    if type(row) is not list or len(row) != 7:
        raise ValueError("night")
    night, sleep, quick, woke, skipped, answered, extra = row
    if type(night) is not str or (skipped is not True and skipped is not False):
        raise ValueError("night")
    answer = NightAnswer(date.fromisoformat(night), _rating(sleep), _flag(quick), _flag(woke), skipped,
                         _time(answered) if answered is not None else None, _from_toml(extra))
    if not (answer.rated or answer.skipped):
        raise ValueError("night")
    return answer


def read_cache(history: Path, limit: int, since: datetime | None = None) -> Scan | None:
    """The cache beside ``history`` if there is one this code can use (never raises); with ``since``,
    only its latest sessions and nights (see :func:`decode`)."""
    path = cache_path(history)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None  # no cache coach wrote: it is made again
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(limit + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return decode(data, since) if len(data) <= limit else None


def write_cache(history: Path, found: Scan) -> None:
    """Keep ``found`` beside ``history`` (atomically); a cache that cannot be written is no loss, so
    any failure is let go: the next read makes it again."""
    if found.partial:
        return  # only part of what the file holds: never the cache
    path = cache_path(history)
    try:
        sweep_temp_files(path)
        atomic_write_bytes(path, encode(found))
    except (OSError, ValueError, TypeError):
        pass


def forget_cache(history: Path) -> None:
    """Remove the cache beside ``history`` if there is one (nothing it held is lost: it is derived)."""
    with contextlib.suppress(OSError):
        os.unlink(cache_path(history))


__all__ = ["CACHE_FORMAT", "Reader", "Scan", "Unusual", "cache_path", "check_block", "decode", "encode",
           "extend", "forget_cache", "read_cache", "recent", "scan", "top_level", "write_cache"]
