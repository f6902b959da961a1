"""Problems found in a routines file, the error that carries all of them, and the words they use."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from coach.limits import LONGEST_INTEGER_DIGITS
from coach.wording import visible

KeyPath = tuple[str | int, ...]
"""A place in the parsed TOML: table keys and array indexes, e.g. ``("routines", "full", "steps", 3)``."""

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def format_path(path: KeyPath) -> str:
    """``("routines", "full", "steps", 3, "holds")`` as ``routines.full.steps[3].holds``.

    Keys that TOML would need to quote are quoted, so the path can be searched for in the file.
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        key = part if _BARE_KEY.match(part) else '"' + part.replace("\\", "\\\\").replace('"', '\\"') + '"'
        out += f".{key}" if out else key
    return out


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a routines file: where it is and what is wrong, in plain words."""

    file: str
    line: int | None
    key: str
    message: str

    def __str__(self) -> str:
        """``file:line: key: message``, safe to print: whatever the file held is shown, never obeyed."""
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        text = f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"
        return visible(text)


class RoutinesError(Exception):
    """A routines file could not be used; ``problems`` lists everything found wrong, not just the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def describe(value: object) -> str:
    """A value as a TOML writer would recognise it, with its type: ``-5 (a whole number)``."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, int | float):
        return f"{number_text(value)} ({'a whole number' if isinstance(value, int) else 'a number'})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"{shown!r} (a string)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, dt.date | dt.time):
        return f"{value.isoformat()} (a date/time)"
    return repr(value)


LONGEST_NUMBER = 15
"""Digits of a whole number shown as they are; a longer one is described by its length."""


def number_text(value: int | float) -> str:
    """A number as written, ``1e+308`` for a float at the edge, and ``a 400-digit number`` for a whole
    number too long to show (or, past 4300 digits, even to turn into text)."""
    if isinstance(value, float):
        return f"{value:g}"
    if abs(value) < 10**LONGEST_NUMBER:
        return str(value)
    sign = "minus " if value < 0 else ""
    try:
        digits = len(str(abs(value)))
    except ValueError:  # Python refuses to turn more than 4300 digits into text (it would be slow)
        digits = LONGEST_INTEGER_DIGITS
    if digits >= LONGEST_INTEGER_DIGITS:
        return f"{sign}a number of {LONGEST_INTEGER_DIGITS} digits or more"
    return f"{sign}a {digits}-digit number"


def did_you_mean(word: str, options: Collection[str]) -> str:
    """`` (did you mean 'calm'?)`` when ``word`` is close to one of ``options``, else ``""``."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def is_number(value: object) -> bool:
    """True for TOML integers and floats (booleans are not numbers here)."""
    return isinstance(value, int | float) and not isinstance(value, bool)
