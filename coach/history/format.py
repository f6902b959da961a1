"""The history file's format: one TOML document, a ``version`` and an array of ``[[sessions]]``.

Each session table is a :meth:`SessionRecord.to_dict` plus a stable ``id`` and, once the user has
rated it, ``relaxed`` and ``sleepy`` (1-5). Keys this version does not know are kept and written back,
so a newer coach's additions survive an older one appending to the same file.
"""

from __future__ import annotations

import re
import tomllib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import tomli_w

from coach.engine.record import SessionRecord
from coach.limits import MAX_DATA_TEXT_CHARS, MAX_SESSION_STEPS, TomlRefused, parse_toml
from coach.routines import FEET, MODES

FORMAT_VERSION = 1
"""The ``version`` this code writes and fully understands."""

RATING_RANGE = range(1, 6)
MAX_VERSION = 1_000_000
"""A ``version`` beyond any coach will ever write: the file is not a history."""
MAX_SECONDS = 1e9
"""More seconds than a session could take (some thirty years): a number past it is not one coach wrote."""
EARLIEST, LATEST = datetime(1900, 1, 1, tzinfo=UTC), datetime(9990, 1, 1, tzinfo=UTC)
"""Times outside these are not ones coach wrote; inside them every date sum a report makes stays valid
(a time near year 9999 pushed past it by its UTC offset would not)."""

_RECORD_KEYS = frozenset(
    ("routine_id", "routine_name", "mode", "feet", "started_at", "ended_at", "planned_seconds",
     "actual_seconds", "paused_seconds", "finished", "steps")
)
_OWN_KEYS = frozenset(("id", "relaxed", "sleepy"))


class DamagedHistory(ValueError):
    """The whole file is unusable (not UTF-8, not TOML, or not shaped like a history)."""


@dataclass(frozen=True)
class HistoryEntry:
    """One stored session: its record, how the user rated it, and a stable id to find it again."""

    id: str
    record: SessionRecord
    relaxed: int | None = None
    sleepy: int | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """Keys a newer version wrote that this one does not know; written back unchanged."""

    def rated(self, relaxed: int | None, sleepy: int | None) -> HistoryEntry:
        """A copy with these ratings (``None`` = not rated); ``ValueError`` outside 1-5."""
        return replace(self, relaxed=check_rating(relaxed), sleepy=check_rating(sleepy))

    def to_dict(self) -> dict[str, Any]:
        """The TOML table for this entry (absent ratings are left out; TOML has no null)."""
        data: dict[str, Any] = {"id": self.id, **self.record.to_dict()}
        if self.relaxed is not None:
            data["relaxed"] = self.relaxed
        if self.sleepy is not None:
            data["sleepy"] = self.sleepy
        data.update({k: v for k, v in self.extra.items() if k not in data})
        return data


@dataclass(frozen=True)
class ParsedHistory:
    """What a readable file held: the good entries, how many were not, and keys to keep."""

    entries: tuple[HistoryEntry, ...]
    unreadable: int
    version: int
    extra: Mapping[str, Any] = field(default_factory=dict)


def new_entry_id() -> str:
    """A fresh, globally unique entry id."""
    return str(uuid.uuid4())


def check_rating(value: int | None) -> int | None:
    """``value`` if it is ``None`` or a whole number 1-5; ``ValueError`` otherwise."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value not in RATING_RANGE:
        raise ValueError(f"a rating is a whole number from 1 to 5, got {value!r}")
    return value


def parse_history(data: bytes) -> ParsedHistory:
    """Read a history file's bytes; :class:`DamagedHistory` if the file as a whole is unusable.

    A whitespace-only file is an empty history. Sessions that are individually malformed are
    counted in ``unreadable`` and left out; the rest are kept.
    """
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark from an editor on Windows is harmless
    except UnicodeDecodeError as error:
        raise DamagedHistory(f"it is not UTF-8 text (byte {error.start})") from error
    if not text.strip():
        return ParsedHistory((), 0, FORMAT_VERSION)
    try:
        document = parse_toml(text)
    except tomllib.TOMLDecodeError as error:
        raise DamagedHistory(f"it is not valid TOML ({error})") from error
    except TomlRefused as error:
        where = f" (line {error.line})" if error.line is not None else ""
        raise DamagedHistory(f"it {error}{where}") from error
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= MAX_VERSION:
        raise DamagedHistory("it has no valid 'version' number")
    sessions = document.get("sessions", [])
    if not isinstance(sessions, list):
        raise DamagedHistory("'sessions' is not a list of sessions")
    entries: list[HistoryEntry] = []
    seen: set[str] = set()
    unreadable = 0
    for raw in sessions:
        entry = _entry_or_none(raw)
        if entry is None or entry.id in seen:
            unreadable += 1
            continue
        seen.add(entry.id)
        entries.append(entry)
    extra = {k: v for k, v in document.items() if k not in ("version", "sessions")}
    return ParsedHistory(tuple(entries), unreadable, version, extra)


def dump_history(entries: tuple[HistoryEntry, ...], extra: Mapping[str, Any] | None = None) -> bytes:
    """The file's bytes for ``entries``, in the order given: the header, then one block per entry,
    each exactly :func:`entry_block` so a later append or re-rating can splice bytes."""
    header: dict[str, Any] = {"version": FORMAT_VERSION}
    header.update({k: v for k, v in (extra or {}).items() if k not in ("version", "sessions")})
    parts = [tomli_w.dumps(header).encode("utf-8"), *(entry_block(entry) for entry in entries)]
    return b"\n".join(parts)


def entry_block(entry: HistoryEntry) -> bytes:
    """One ``[[sessions]]`` table as file bytes, for appending to a file :func:`appendable` accepts."""
    return tomli_w.dumps({"sessions": [entry.to_dict()]}).encode("utf-8")


_SESSIONS_HEADER = re.compile(rb"^[ \t]*\[\[[ \t]*sessions[ \t]*\]\][ \t]*(#[^\n]*)?\r?$", re.MULTILINE)
_SESSIONS_INLINE = re.compile(rb"""^[ \t]*(sessions|"sessions"|'sessions')[ \t]*=""", re.MULTILINE)


def appendable(data: bytes) -> bool:
    """Whether an :func:`entry_block` may be added at the end of ``data`` (a file that parsed).

    True when the sessions are written as ``[[sessions]]`` tables, as this module writes them; an
    empty or inline ``sessions = [...]`` cannot be extended that way and needs a full rewrite.
    """
    return bool(_SESSIONS_HEADER.search(data)) and not _SESSIONS_INLINE.search(data)


def _entry_or_none(raw: object) -> HistoryEntry | None:
    """The entry a session table describes, or ``None`` when any part of it is wrong."""
    if not isinstance(raw, dict):
        return None
    try:
        entry_id = raw["id"]
        if not isinstance(entry_id, str) or not entry_id.strip():
            return None
        _check_record_shape(raw)
        record = SessionRecord.from_dict(raw)
        relaxed = check_rating(raw.get("relaxed"))
        sleepy = check_rating(raw.get("sleepy"))
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError):
        return None
    extra = {k: v for k, v in raw.items() if k not in _RECORD_KEYS | _OWN_KEYS}
    return HistoryEntry(entry_id, record, relaxed, sleepy, extra)


def _check_record_shape(raw: dict[str, Any]) -> None:
    """Checks :meth:`SessionRecord.from_dict` leaves to its caller; ``ValueError`` when one fails.

    Everything a report or screen later computes with is held to what coach could have written: texts
    of a sensible length, numbers of seconds of a sensible size (a 400-digit number would overflow),
    times well inside the years a date can hold, a sensible number of steps."""
    entry_id = raw["id"]
    feet = raw["feet"]
    if not isinstance(feet, list) or not feet or any(f not in FEET for f in feet):
        raise ValueError("feet")
    if raw["mode"] not in MODES:
        raise ValueError("mode")
    for value in (entry_id, raw["routine_id"], raw["routine_name"]):
        _check_text(value)
    for key in ("planned_seconds", "actual_seconds", "paused_seconds"):
        _check_seconds(raw[key])
    if not isinstance(raw["finished"], bool):
        raise ValueError("finished")
    _check_time(raw["started_at"])
    _check_time(raw["ended_at"])
    steps = raw["steps"]
    if not isinstance(steps, list) or len(steps) > MAX_SESSION_STEPS:
        raise ValueError("steps")
    for step in steps:
        if not isinstance(step, dict) or step.get("foot", "left") not in FEET:
            raise ValueError("step")
        _check_text(step["step_id"])
        _check_text(step["title"])
        _check_seconds(step["planned"])
        _check_seconds(step["actual"])
        for flag in ("skipped", "cut_short"):
            if not isinstance(step.get(flag, False), bool):
                raise ValueError(flag)


def _check_text(value: object) -> None:
    if not isinstance(value, str) or len(value) > MAX_DATA_TEXT_CHARS:
        raise ValueError("text")


def _check_seconds(value: object) -> None:
    # Compared, never converted: float() of a 400-digit whole number overflows.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("seconds must be a number")
    if not 0 <= value <= MAX_SECONDS:  # NaN fails this too
        raise ValueError("seconds must be from 0 to MAX_SECONDS")


def _check_time(value: object) -> None:
    if not isinstance(value, datetime):
        raise ValueError("times")
    # A naive time is local wall time: held against the bounds as if it were UTC (a day either way).
    moment = value if value.utcoffset() is not None else value.replace(tzinfo=UTC)
    if not EARLIEST <= moment <= LATEST:
        raise ValueError("time out of range")


__all__ = [
    "FORMAT_VERSION",
    "DamagedHistory",
    "HistoryEntry",
    "ParsedHistory",
    "appendable",
    "check_rating",
    "dump_history",
    "entry_block",
    "new_entry_id",
    "parse_history",
]
