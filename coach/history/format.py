"""The history file's format: one TOML document, a ``version``, ``[[nights]]`` and ``[[sessions]]``.

Each session table is a :meth:`SessionRecord.to_dict` plus a stable ``id`` and, once the user has
rated it, ``relaxed`` and ``sleepy`` (1-5). Each night table (from version 2) is the morning's answer
for one night: ``night`` (a date), ``sleep`` (1-5), and optionally ``quick`` (fell asleep quickly) and
``woke`` (woke in the night), or ``skipped = true`` when the morning question was passed over.
Keys this version does not know are kept and written back, so a newer coach's additions survive an
older one appending to the same file.

Versions: 1 had sessions only; 2 added ``[[nights]]``; 3: each step also keeps ``status`` (done,
shortened, skipped, not_reached) and ``required`` (the seconds it needed to count as done), and a
session the titles of the optional parts its plan ``left_out``. An older file is brought up to date in
memory by one step per version (:data:`UPGRADES`) and written in the current version the next time it
is saved; reading is no reason to save. Version 3 only adds keys: a step without a status gets one
when read (see :mod:`coach.engine.record`: skipped as kept, shortened when marked cut short or played
under half its plan).
"""

from __future__ import annotations

import re
import tomllib
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

import tomli_w

from coach.engine.record import SessionRecord
from coach.limits import MAX_DATA_TEXT_CHARS, MAX_SESSION_STEPS, TomlRefused, parse_toml
from coach.routines import FEET, MODES

FORMAT_VERSION = 3
"""The ``version`` this code writes and fully understands (it reads every older one)."""

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
     "actual_seconds", "paused_seconds", "finished", "steps", "left_out")
)
_OWN_KEYS = frozenset(("id", "relaxed", "sleepy"))
_NIGHT_KEYS = frozenset(("night", "sleep", "quick", "woke", "skipped", "answered_at"))
_LISTS = ("version", "sessions", "nights")


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
class NightAnswer:
    """The morning's answer for one night: how well the person slept (1-5) and two yes/no details.

    ``sleep`` None with ``skipped`` true means the morning question was shown and passed over, so it
    is not asked again for that night; such a night counts in no comparison.
    """

    night: date
    sleep: int | None = None
    quick: bool | None = None
    """Fell asleep quickly; None when not answered."""
    woke: bool | None = None
    """Woke in the night; None when not answered."""
    skipped: bool = False
    answered_at: datetime | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        check_rating(self.sleep)
        for flag in (self.quick, self.woke):
            if flag is not None and not isinstance(flag, bool):
                raise ValueError(f"a yes/no answer is true or false, got {flag!r}")

    @property
    def rated(self) -> bool:
        """Whether the night has a sleep rating (a skipped night has none)."""
        return self.sleep is not None

    def to_dict(self) -> dict[str, Any]:
        """The TOML table for this night (absent answers are left out; TOML has no null)."""
        data: dict[str, Any] = {"night": self.night}
        for key in ("sleep", "quick", "woke", "answered_at"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        if self.skipped:
            data["skipped"] = True
        data.update({k: v for k, v in self.extra.items() if k not in data})
        return data


@dataclass(frozen=True)
class ParsedHistory:
    """What a readable file held: the good entries and nights, how many were not, and keys to keep."""

    entries: tuple[HistoryEntry, ...]
    unreadable: int
    version: int
    extra: Mapping[str, Any] = field(default_factory=dict)
    nights: tuple[NightAnswer, ...] = ()
    """One answer per night, oldest night first."""
    unreadable_nights: int = 0


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
    document = upgrade(document)
    sessions = document.get("sessions", [])
    if not isinstance(sessions, list):
        raise DamagedHistory("'sessions' is not a list of sessions")
    entries: list[HistoryEntry] = []
    seen: set[str] = set()
    unreadable = 0
    for raw in sessions:
        entry = entry_or_none(raw)
        if entry is None or entry.id in seen:
            unreadable += 1
            continue
        seen.add(entry.id)
        entries.append(entry)
    raw_nights = document.get("nights", [])
    if not isinstance(raw_nights, list):
        raise DamagedHistory("'nights' is not a list of nights")
    nights: dict[date, NightAnswer] = {}
    unreadable_nights = 0
    for raw in raw_nights:
        answer = night_or_none(raw)
        if answer is None:
            unreadable_nights += 1
            continue
        nights[answer.night] = answer  # answered twice (two copies of coach): the later table wins
    extra = extra_of(document)
    ordered = tuple(nights[day] for day in sorted(nights))
    return ParsedHistory(tuple(entries), unreadable, version, extra, ordered, unreadable_nights)


def extra_of(document: Mapping[str, Any]) -> dict[str, Any]:
    """The top-level keys of a history document other than its version, sessions and nights: keys a
    newer version wrote, kept and written back."""
    return {k: v for k, v in document.items() if k not in _LISTS}


def _upgrade_1_to_2(document: dict[str, Any]) -> dict[str, Any]:
    """Version 1 had no nights: an empty list of them."""
    return {**document, "nights": document.get("nights", []), "version": 2}


def _upgrade_2_to_3(document: dict[str, Any]) -> dict[str, Any]:
    """Version 2's steps have no status: each record works its own out when read (the keys are only
    added), so the document itself changes only its number."""
    return {**document, "version": 3}


UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _upgrade_1_to_2, 2: _upgrade_2_to_3}
"""One step per version: ``UPGRADES[n]`` turns a version-``n`` document into a version ``n + 1`` one."""


def upgrade(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` brought up to :data:`FORMAT_VERSION` in memory, a step at a time (a newer version's
    document is left as it is: what it holds that this code knows is read, the rest kept)."""
    version = document["version"]
    while version < FORMAT_VERSION and version in UPGRADES:
        document = UPGRADES[version](document)
        version = document["version"]
    return document


def dump_history(
    entries: tuple[HistoryEntry, ...],
    extra: Mapping[str, Any] | None = None,
    nights: tuple[NightAnswer, ...] = (),
) -> bytes:
    """The file's bytes for ``entries``, in the order given: the header and the nights, then one block
    per entry, each exactly :func:`entry_block` so a later append or re-rating can splice bytes."""
    header: dict[str, Any] = {"version": FORMAT_VERSION}
    header.update({k: v for k, v in (extra or {}).items() if k not in _LISTS})
    if nights:
        header["nights"] = [answer.to_dict() for answer in nights]
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


_TABLE_LINE = re.compile(rb"^[ \t]*\[", re.MULTILINE)


def top_level_ends(head: bytes, start: int = 0) -> bool:
    """Whether ``head`` (a file's first bytes) holds a table line at or after ``start``: the top level
    before it is whole."""
    return _TABLE_LINE.search(head, start) is not None


def ends_look_appendable(head: bytes, tail: bytes) -> bool:
    """Whether a file whose first bytes are ``head`` and last bytes ``tail`` may take another
    :func:`entry_block` at its end without reading the rest.

    The top level (everything before the first table) is whole in ``head``, holds a ``version`` this
    code reads and no inline ``sessions``; the last ``[[sessions]]`` block is whole in ``tail``, ends
    the file with a newline, and is a session this code can read. Then one more block keeps the file a
    valid history, as :meth:`coach.history.store.History.append` would make it after reading it all
    (an older version's file takes a block of this version: each upgrade only adds keys)."""
    table = _TABLE_LINE.search(head)
    last = None
    for last in _SESSIONS_HEADER.finditer(tail):  # noqa: B007 - the last match is the one wanted
        pass
    if table is None or last is None or not tail.endswith(b"\n"):
        return False
    try:
        top = tomllib.loads(head[: table.start()].decode("utf-8"))
        block = tomllib.loads(tail[last.start() :].decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    version = top.get("version")
    if "sessions" in top or isinstance(version, bool) or not isinstance(version, int) \
            or not 1 <= version <= FORMAT_VERSION:
        return False
    sessions = block.get("sessions")
    return (set(block) == {"sessions"} and isinstance(sessions, list) and len(sessions) == 1
            and entry_or_none(sessions[0]) is not None)


def entry_or_none(raw: object) -> HistoryEntry | None:
    """The entry a session table describes, or ``None`` when any part of it is wrong."""
    if not isinstance(raw, dict):
        return None
    try:
        entry_id = raw["id"]
        if not isinstance(entry_id, str) or not entry_id.strip():
            return None
        check_record_shape(raw)
        record = SessionRecord.from_dict(raw)
        relaxed = check_rating(raw.get("relaxed"))
        sleepy = check_rating(raw.get("sleepy"))
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError):
        return None
    extra = {k: v for k, v in raw.items() if k not in _RECORD_KEYS | _OWN_KEYS}
    return HistoryEntry(entry_id, record, relaxed, sleepy, extra)


def night_or_none(raw: object) -> NightAnswer | None:
    """The answer a night table describes, or ``None`` when any part of it is wrong."""
    if not isinstance(raw, dict):
        return None
    night = raw.get("night")
    # A TOML date is a ``date``; a ``datetime`` (also a date subclass) is not a night.
    if not isinstance(night, date) or isinstance(night, datetime):
        return None
    answered = raw.get("answered_at")
    skipped = raw.get("skipped", False)
    if not isinstance(skipped, bool):
        return None
    try:
        if answered is not None:
            _check_time(answered)
        answer = NightAnswer(night, raw.get("sleep"), raw.get("quick"), raw.get("woke"), skipped, answered,
                             {k: v for k, v in raw.items() if k not in _NIGHT_KEYS})
    except ValueError:
        return None
    return answer if answer.rated or answer.skipped else None


def check_record_shape(raw: dict[str, Any]) -> None:
    """Checks :meth:`SessionRecord.from_dict` leaves to its caller; ``ValueError`` when one fails.

    Everything a report or screen later computes with is held to what coach could have written: texts
    of a sensible length, numbers of seconds of a sensible size (a 400-digit number would overflow),
    times well inside the years a date can hold, a sensible number of steps. ``KeyError`` when a key is
    missing."""
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
        if "required" in step:
            _check_seconds(step["required"])
        if "status" in step:
            _check_text(step["status"])
    left_out = raw.get("left_out", [])
    if not isinstance(left_out, list) or len(left_out) > MAX_SESSION_STEPS:
        raise ValueError("left_out")
    for title in left_out:
        _check_text(title)


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
    "UPGRADES",
    "DamagedHistory",
    "HistoryEntry",
    "NightAnswer",
    "ParsedHistory",
    "appendable",
    "check_rating",
    "check_record_shape",
    "dump_history",
    "entry_block",
    "entry_or_none",
    "extra_of",
    "new_entry_id",
    "night_or_none",
    "parse_history",
    "upgrade",
]
