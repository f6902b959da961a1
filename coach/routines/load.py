"""Read ``routines.toml`` into a :class:`coach.routines.Library`, checking everything on the way.

Every problem in the file is collected -- not just the first -- and raised together as a
:class:`RoutinesError`, each naming the file, the line and the key path. No textual import here.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from coach import paths
from coach.limits import (
    LONGEST_INTEGER_DIGITS,
    MAX_BREATH_SECONDS,
    MAX_BREATHING_PATTERNS,
    MAX_ROUTINES,
    MAX_ROUTINES_BYTES,
    MIN_BREATH_SECONDS,
    FileRefused,
    TomlRefused,
    parse_toml,
    read_bounded,
    size_text,
)
from coach.routines.build import build_routine
from coach.routines.fields import Reader
from coach.routines.model import MODES, BreathingPattern, Choice, Library, Mode, SetupItem
from coach.routines.problems import KeyPath, Problem, RoutinesError, describe

__all__ = ["Problem", "RoutinesError", "load_library", "parse_library", "routines_path"]

TOP_KEYS = ("language", "default_routine", "safety", "setup", "breathing", "routines")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*")
"""A language tag such as ``en``, ``de``, ``pt-BR`` or ``en_GB``: what speech engines understand."""
SETUP_KEYS = ("id", "label", "detail", "modes", "choices")
CHOICE_KEYS = ("id", "label", "note")
BREATHING_KEYS = ("name", "inhale", "hold_in", "exhale", "hold_out", "description")

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_EMPTY = "the file is empty: it needs at least one [routines.<id>] table with steps"


def routines_path(explicit: Path | str | None = None, data_dir: Path | None = None) -> Path:
    """Which routines file to use: ``explicit``, else the user's own when it exists, else the shipped one."""
    if explicit is not None:
        return Path(explicit)
    user = paths.user_routines(data_dir)
    return user if user.is_file() else paths.shipped_routines()


def load_library(path: Path | str | None = None) -> Library:
    """Load and check a routines file (the shipped one when ``path`` is None).

    Raises :class:`RoutinesError` listing every problem when the file is missing, unreadable or invalid.
    """
    file = Path(path) if path is not None else paths.shipped_routines()
    name = str(file)
    try:
        # Never waits on a pipe or reads a device, and a file over the limit is refused unread.
        data = read_bounded(file, MAX_ROUTINES_BYTES, what="routines file")
    except FileNotFoundError:
        raise RoutinesError([Problem(name, None, "", "file not found")]) from None
    except IsADirectoryError:
        raise RoutinesError([Problem(name, None, "", "is a folder, not a routines file")]) from None
    except FileRefused as err:
        raise RoutinesError([Problem(name, None, "", str(err.strerror))]) from None
    except OSError as err:
        raise RoutinesError([Problem(name, None, "", f"cannot be read: {err.strerror or err}")]) from None
    return parse_library(data, name)


def parse_library(source: bytes | str, file: str = "routines.toml") -> Library:
    """Check and build a library from the contents of a routines file; ``file`` names it in problems."""
    if len(source) > MAX_ROUTINES_BYTES:  # contents handed in directly, not read from a file
        limit = size_text(MAX_ROUTINES_BYTES)
        message = f"is longer than the {limit} coach reads as a routines file"
        raise RoutinesError([Problem(file, None, "", message)])
    if isinstance(source, bytes):
        try:
            text = source.decode("utf-8-sig")  # a byte-order mark from a Windows editor is harmless
        except UnicodeDecodeError as err:
            line = source.count(b"\n", 0, err.start) + 1
            bad = source[err.start : err.start + 1].hex()
            message = (
                f"is not UTF-8 text: byte 0x{bad} at byte offset {err.start} cannot be read; save it as UTF-8"
            )
            raise RoutinesError([Problem(file, line, "", message)]) from None
    else:
        text = source
    if not text.strip():
        raise RoutinesError([Problem(file, None, "", _EMPTY)])
    try:
        data = parse_toml(_readable_numbers(text))
    except tomllib.TOMLDecodeError as err:
        raise RoutinesError([_syntax_problem(file, str(err))]) from None
    except TomlRefused as err:
        raise RoutinesError([Problem(file, err.line, "", str(err))]) from None
    if not data:
        raise RoutinesError([Problem(file, None, "", _EMPTY)])
    reader = Reader(file, text)
    library = _library(reader, data, file)
    if reader.problems:
        ordered = sorted(reader.problems, key=lambda p: p.line if p.line is not None else 0)
        raise RoutinesError(ordered)
    return library


_HUGE_NUMBER = re.compile(f"(?<![0-9_])[0-9][0-9_]{{{LONGEST_INTEGER_DIGITS},}}")
_STANDIN = "1" + "0" * (LONGEST_INTEGER_DIGITS - 1)
"""What a number too long for Python to read becomes: still far past every limit (so "must be at most"
is what is said of it, as of any other large number), and longer than any text a string may hold."""


def _readable_numbers(text: str) -> str:
    """``text`` with every run of more than 4300 digits (which Python refuses to read as a whole number)
    cut to a stand-in that is still far too large, so the problem is reported at its key like any other
    number out of range. The file is only read, never written back, so nothing is lost by it."""
    return _HUGE_NUMBER.sub(lambda m: _STANDIN if len(m.group().replace("_", "")) > LONGEST_INTEGER_DIGITS
                            else m.group(), text)


def _syntax_problem(file: str, message: str) -> Problem:
    found = _TOML_POSITION.search(message)
    if found is None:
        return Problem(file, None, "", f"TOML syntax error: {message}")
    text = message[: found.start()]
    return Problem(file, int(found.group(1)), "", f"TOML syntax error at column {found.group(2)}: {text}")


def _library(r: Reader, data: dict[str, object], file: str) -> Library:
    r.table(data, (), TOP_KEYS)
    breathing = {}
    for ident, path, raw in r.mapping(data, (), "breathing", "calm", most=MAX_BREATHING_PATTERNS):
        breathing[ident] = _breathing(r, ident, path, raw)
    routines = {}
    for ident, path, raw in r.mapping(data, (), "routines", "evening", most=MAX_ROUTINES):
        routines[ident] = build_routine(r, ident, path, raw, tuple(breathing))
    default = next(iter(routines), "")
    if "default_routine" in data:
        default = r.reference(data, (), "default_routine", tuple(routines), "routine") or default
    setup: list[SetupItem] = []
    seen: dict[str, KeyPath] = {}
    for path, raw in r.tables(data, (), "setup", "setup item", required=False):
        item = _setup_item(r, path, raw)
        r.unique(seen, item.id, path)
        setup.append(item)
    safety = r.strings(data, (), "safety")
    language = "en"
    if "language" in data:
        language = r.string(data, (), "language")
        if language and not _LANGUAGE.fullmatch(language):
            r.problem(("language",), f"must be a language code such as \"en\", \"de\" or \"pt-BR\", "
                      f"got {language!r}")
            language = "en"
    return Library(file, tuple(setup), safety, breathing, routines, default, language or "en")


def _setup_item(r: Reader, path: KeyPath, raw: object) -> SetupItem:
    t = r.table(raw, path, SETUP_KEYS)
    modes: tuple[Mode, ...] = MODES
    if "modes" in t:
        values = _as_list(r, t, path, "modes")
        for index, value in enumerate(values):
            if value not in MODES:
                r.problem((*path, "modes", index), f"must be self or partner, got {describe(value)}")
        modes = tuple(m for m in MODES if m in values)
        if not values:
            r.problem((*path, "modes"), "needs at least one of self, partner")
    choices: list[Choice] = []
    seen: dict[str, KeyPath] = {}
    for cpath, craw in r.tables(t, path, "choices", "choice", required=False):
        c = r.table(craw, cpath, CHOICE_KEYS)
        choice = Choice(
            r.ident(c, cpath), r.name(c, cpath, "label"), r.string(c, cpath, "note", required=False)
        )
        r.unique(seen, choice.id, cpath)
        choices.append(choice)
    return SetupItem(
        r.ident(t, path),
        r.name(t, path, "label"),
        r.string(t, path, "detail", required=False),
        modes,
        tuple(choices),
    )


def _as_list(r: Reader, t: dict[str, object], path: KeyPath, key: str) -> list[object]:
    value = t[key]
    if isinstance(value, list):
        return value
    r.problem((*path, key), 'must be a list, e.g. ["self", "partner"]')
    return []


def _breathing(r: Reader, ident: str, path: KeyPath, raw: object) -> BreathingPattern:
    t = r.table(raw, path, BREATHING_KEYS)
    for key in ("inhale", "exhale"):
        if key not in t:
            r.problem((*path, key), "is missing: seconds of the breath, e.g. 4")
    # A breath quicker than a second cannot be followed, and would redraw the cue many times a second.
    def seconds(key: str, default: float, positive: bool) -> float:
        return r.number(t, path, key, default=default, positive=positive, maximum=MAX_BREATH_SECONDS,
                        minimum=MIN_BREATH_SECONDS)

    return BreathingPattern(
        id=ident,
        name=r.name(t, path, "name"),
        inhale=seconds("inhale", 4.0, positive=True),
        hold_in=seconds("hold_in", 0.0, positive=False),
        exhale=seconds("exhale", 6.0, positive=True),
        hold_out=seconds("hold_out", 0.0, positive=False),
        description=r.string(t, path, "description", required=False),
    )
