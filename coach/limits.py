"""Every limit coach puts on what it reads, in one place, and the one reader that keeps to them.

A routines, settings or history file is a file a person edits by hand, or one that something went wrong
with; either way it must never hang coach, fill the memory or make the session stutter. So:

- a file is opened without waiting (``O_NONBLOCK``) and looked at (``fstat``) before a byte is read: a
  folder, a pipe (FIFO), a device such as ``/dev/zero`` or a socket is refused at once, and so is a file
  larger than its kind's limit below, before it is read into memory;
- TOML nested deeper than :data:`MAX_NESTING` is refused before it is parsed (the parser recurses);
- the validator of routines files refuses what would not play smoothly or not fit on the screen: the
  counts, lengths and shortest times below.

The README's "Limits" table lists these numbers; a test holds the two together. Standard library only:
every part of coach may import this module.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any

KIB = 1024
MIB = 1024 * KIB

# -- files ------------------------------------------------------------------------------------------
MAX_ROUTINES_BYTES = 1 * MIB
"""A routines file: the shipped one is about 22 KB, so 1 MB is some forty times more than it needs."""
MAX_SETTINGS_BYTES = 64 * KIB
"""The settings file: a few hundred bytes in practice."""
MAX_HISTORY_BYTES = 512 * MIB
"""The history file: a session takes about 1-2 KB, so this is some three hundred thousand sessions (the
history coach writes is read session by session, holding one session's tables at a time)."""
MAX_HISTORY_PARSE_BYTES = 64 * MIB
"""The most of a history read in one piece (the TOML parser holds some thirteen times the file's size
while it works): every step of every session for ``coach history --json`` or ``--csv``, and a file that
is not as coach writes it, to repair it. A larger one is left as it is, with a notice."""
MAX_NESTING = 16
"""How deep arrays and tables may nest in any file coach reads, the file itself counted (a routines file
needs 8: the file, routines, a routine, its steps, a step, its phases, a phase, a range)."""
LONGEST_INTEGER_DIGITS = 4300
"""Python's own limit on the digits of a whole number it reads from text (longer would be slow)."""

# -- routines files: counts ---------------------------------------------------------------------------
MAX_ROUTINES = 50
"""Routines in one file."""
MAX_BREATHING_PATTERNS = 50
"""Breathing patterns in one file."""
MAX_STEPS = 40
"""Steps in one routine."""
MAX_PHASES = 12
"""Phases in one step."""
MAX_COUNT = 100
"""``reps`` or ``holds`` of one phase."""
MAX_POINTS_PER_FOOT = 400
"""Hold points in one routine on one foot: each point is a stretch of its own on screen."""
MAX_LIST_ITEMS = 40
"""Setup items, choices of an item, safety notes, benefits: each list."""

# -- routines files: lengths of text (characters) ------------------------------------------------------
MAX_ID_CHARS = 64
"""An id (routines, steps, phases, breathing patterns, setup items)."""
MAX_NAME_CHARS = 60
"""A name, title or label: shown whole on one line of the player and the setup screen."""
MAX_TEXT_CHARS = 600
"""An instruction, description, benefit, detail, note or source: a few sentences."""
MAX_CUE_WORDS = 8
"""A cue is read from a metre away and spoken between strokes: a few words, no more."""
MAX_CUE_CHARS = 40
"""And it fits one line of a 40-column terminal, in large type where there is room."""
MAX_REP_NAME_CHARS = 16
"""A rep name stands in front of "2 of 5": one or two short words."""

# -- routines files: times (seconds) -----------------------------------------------------------------
MIN_BREATH_SECONDS = 1.0
"""The shortest breath in or out, and the shortest hold of the breath that is not 0: quicker than that
cannot be followed (and would redraw the breathing cue many times a second)."""
MAX_BREATH_SECONDS = 30.0
"""The longest part of one breath."""
MIN_UNIT_SECONDS = 1.0
"""The shortest timed part, repetition, hold or release that is not 0."""
MAX_UNIT_SECONDS = 3600.0
"""The longest single timed part, repetition or hold: an hour is surely a typo for seconds."""
MAX_PAUSE_SECONDS = 600.0
"""The longest lead-in, towel change or release."""

# -- user data ----------------------------------------------------------------------------------------
MAX_DATA_TEXT_CHARS = 1000
"""A string in the history or settings file (a routine's name, an id): longer is not one coach wrote."""
MAX_SESSION_STEPS = 2 * MAX_STEPS * MAX_PHASES
"""Step records in one stored session: both feet of the longest routine coach accepts."""


class TomlRefused(ValueError):
    """TOML text coach does not parse: nested too deeply, or holding a number too long to read."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def parse_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads`` within the limits: :class:`TomlRefused` for nesting deeper than
    :data:`MAX_NESTING` or a whole number of more than :data:`LONGEST_INTEGER_DIGITS` digits;
    ``tomllib.TOMLDecodeError`` for anything else that is not TOML.

    The parser recurses once per level of nesting: far past the limit it would exhaust Python's stack,
    which is caught here and told the same way; the depth of what parsed is then measured without
    recursion, so nothing downstream ever walks a deeper structure.
    """
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise
    except RecursionError:
        raise TomlRefused(f"arrays or tables are nested more than {MAX_NESTING} levels deep") from None
    except ValueError:  # only Python's limit on digits raises a plain ValueError from the parser
        found = _LONG_DIGITS.search(text)
        line = text.count("\n", 0, found.start()) + 1 if found else None
        raise TomlRefused(f"has a number of more than {LONGEST_INTEGER_DIGITS} digits", line) from None
    if nesting(document) > MAX_NESTING:
        raise TomlRefused(f"arrays or tables are nested more than {MAX_NESTING} levels deep")
    return document


_LONG_DIGITS = re.compile(f"[0-9][0-9_]{{{LONGEST_INTEGER_DIGITS},}}")


def nesting(value: object) -> int:
    """How deep lists and tables nest in ``value`` (a scalar is 0, ``[[1]]`` is 2); never recurses."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth + 1)
        if depth + 1 > MAX_NESTING:
            return deepest  # deep enough to refuse: no need to walk the rest
        stack.extend((child, depth + 1) for child in children)
    return deepest


class FileRefused(OSError):
    """A file coach will not read: not a regular file, or too large. ``strerror`` says why, in words."""


def read_bounded(path: Path | str, limit: int, *, what: str = "file") -> bytes:
    """The bytes of the regular file at ``path``, which must hold at most ``limit`` bytes.

    Opening never waits (a FIFO with no writer, a terminal device) and the file is looked at before it is
    read: a folder raises :class:`IsADirectoryError`, anything else that is not a regular file (a pipe, a
    device such as ``/dev/zero``, a socket) and a file over ``limit`` raise :class:`FileRefused`. A file
    that grows past ``limit`` while it is read is refused too. Other ``OSError`` s propagate as they are.
    """
    extra = ("O_NONBLOCK", "O_CLOEXEC", "O_BINARY")  # not every platform has every one
    flags = os.O_RDONLY
    for name in extra:
        flags |= getattr(os, name, 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, f"is a folder, not a {what}", str(path))
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(errno.EINVAL, f"is not a regular file ({_kind(info.st_mode)}), so it is not "
                              f"read as a {what}", str(path))
        if info.st_size > limit:
            raise FileRefused(errno.EFBIG, _too_large(info.st_size, limit, what), str(path))
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(MIB, limit + 1 - total))
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileRefused(errno.EFBIG, _too_large(total, limit, what), str(path))
    finally:
        os.close(fd)


def size_text(size: int) -> str:
    """A number of bytes as people say it: ``800 bytes``, ``64 KB``, ``1 MB``, ``5.2 MB``."""
    if size < KIB:
        return f"{size} bytes"
    unit, name = (MIB, "MB") if size >= MIB else (KIB, "KB")
    value = size / unit
    return f"{value:.0f} {name}" if value >= 10 or value.is_integer() else f"{value:.1f} {name}"


def _too_large(size: int, limit: int, what: str) -> str:
    return f"is {size_text(size)}, more than the {size_text(limit)} coach reads as a {what}"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"
