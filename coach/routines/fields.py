"""Typed reading of parsed TOML values that records every problem instead of stopping at the first.

Each reader method returns a usable value (a default when the real one is wrong) so that validation can
carry on and report everything in one go; the caller raises once at the end if anything was recorded.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterator, Sequence
from typing import TypeVar

from coach.routines.lines import line_of
from coach.routines.model import Duration
from coach.routines.problems import KeyPath, Problem, describe, did_you_mean, format_path, is_number

T = TypeVar("T", bound=str)

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
MAX_CUE_WORDS = 8
"""A cue is read from a metre away and spoken between strokes: a few words, no more."""
MAX_CUE_CHARS = 40
"""And it fits one line of a 40-column terminal, in large type where there is room."""
MAX_REP_NAME_CHARS = 16
"""A rep name stands in front of "2 of 5": one or two short words."""
MAX_UNIT_SECONDS = 3600.0
"""The longest single duration (a phase, a rep, a hold): an hour is surely a typo for seconds."""


class Reader:
    """Reads values out of parsed TOML tables and collects :class:`Problem` s with their lines."""

    def __init__(self, file: str, lines: dict[KeyPath, int]) -> None:
        self.file = file
        self.lines = lines
        self.problems: list[Problem] = []

    def problem(self, path: KeyPath, message: str) -> None:
        """Record that the value at ``path`` is wrong."""
        self.problems.append(Problem(self.file, line_of(self.lines, path), format_path(path), message))

    def line(self, path: KeyPath) -> int | None:
        """The line of ``path`` (or of its table)."""
        return line_of(self.lines, path)

    def unique(self, seen: dict[str, KeyPath], ident: str, path: KeyPath) -> None:
        """Ids must be unique among their siblings: report the second use and where the first one is."""
        if not ident:
            return
        if ident in seen:
            first = seen[ident]
            where = f" at line {self.line(first)}" if self.line(first) is not None else ""
            self.problem(
                (*path, "id"), f"duplicate id {ident!r}: already used by {format_path(first)}{where}"
            )
        else:
            seen[ident] = path

    # ---------------------------------------------------------------- tables
    def table(self, value: object, path: KeyPath, allowed: Collection[str]) -> dict[str, object]:
        """``value`` as a table whose keys are all in ``allowed``; unknown keys are problems."""
        if not isinstance(value, dict):
            self.problem(path, f"must be a table, got {describe(value)}")
            return {}
        for key in value:
            if key not in allowed:
                hint = did_you_mean(key, allowed) or "; allowed here: " + ", ".join(allowed)
                self.problem((*path, key), f"unknown key{hint}")
        return value

    def tables(
        self, table: dict[str, object], path: KeyPath, key: str, what: str, *, required: bool = True
    ) -> Iterator[tuple[KeyPath, object]]:
        """The entries of an array of tables ``[[key]]``, each with its path; missing means none."""
        if key not in table and not required:
            return
        value = table.get(key, [])
        if not isinstance(value, list):
            self.problem(
                (*path, key),
                f"must be a list of tables ([[{format_path((*path, key))}]]), got {describe(value)}",
            )
            return
        if not value:
            self.problem(
                (*path, key), f"needs at least one {what}: add a [[{format_path((*path, key))}]] table"
            )
        for index, item in enumerate(value):
            yield (*path, key, index), item

    def mapping(
        self, table: dict[str, object], path: KeyPath, key: str, example: str
    ) -> Iterator[tuple[str, KeyPath, object]]:
        """The sub-tables of ``[key.<id>]`` with their ids and paths; at least one is required."""
        value = table.get(key)
        if not isinstance(value, dict) or not value:
            got = "it is missing" if value is None else f"got {describe(value)}"
            self.problem((*path, key), f"needs at least one entry such as [{key}.{example}]; {got}")
            return
        for ident, item in value.items():
            self.check_id(ident, (*path, key, ident))
            yield ident, (*path, key, ident), item

    # ---------------------------------------------------------------- scalars
    def string(self, table: dict[str, object], path: KeyPath, key: str, *, required: bool = True) -> str:
        """A non-empty string (``""`` if optional and absent). Control characters are refused."""
        if key not in table:
            if required:
                self.problem((*path, key), "is missing")
            return ""
        return self.check_string(table[key], (*path, key), required=required)

    def check_string(self, value: object, path: KeyPath, *, required: bool = True) -> str:
        """Check one string value in place; ``""`` stands in when it is wrong."""
        if not isinstance(value, str):
            self.problem(path, f"must be a string (text in quotes), got {describe(value)}")
            return ""
        if required and not value.strip():
            self.problem(path, "must not be empty")
        for offset, char in enumerate(value):
            # Text is shown literally on a terminal: a stray escape character could scramble the screen.
            if (ord(char) < 32 and char not in "\n\t") or 127 <= ord(char) < 160:
                self.problem(path, f"contains a control character U+{ord(char):04X} at position {offset}")
                break
        return value

    def optional_string(self, table: dict[str, object], path: KeyPath, key: str) -> str | None:
        """A string when present, else ``None``."""
        return self.string(table, path, key) if key in table else None

    def cue(self, table: dict[str, object], path: KeyPath, key: str = "cue") -> str:
        """A short cue: one line of at most :data:`MAX_CUE_WORDS` words and :data:`MAX_CUE_CHARS`
        characters; ``""`` when absent."""
        if key not in table:
            return ""
        value = self.check_string(table[key], (*path, key))
        words = value.split()
        if "\n" in value:
            self.problem((*path, key), "must be one line: a cue is a few words to read from afar")
        elif len(words) > MAX_CUE_WORDS:
            self.problem(
                (*path, key),
                f"has {len(words)} words; a cue is at most {MAX_CUE_WORDS}"
                " (the full instruction goes in text)",
            )
        elif len(value.strip()) > MAX_CUE_CHARS:
            self.problem(
                (*path, key), f"is {len(value.strip())} characters long; a cue is at most {MAX_CUE_CHARS}"
            )
        return " ".join(words)

    def rep_name(self, table: dict[str, object], path: KeyPath) -> str:
        """What one rep or hold is called ("toe", "circle"): short, on one line; ``""`` when absent."""
        if "rep_name" not in table:
            return ""
        value = self.check_string(table["rep_name"], (*path, "rep_name"))
        words = value.split()
        if len(words) > 2 or len(value.strip()) > MAX_REP_NAME_CHARS:
            self.problem(
                (*path, "rep_name"),
                f"must be one or two words of at most {MAX_REP_NAME_CHARS} characters, such as \"toe\"",
            )
        return " ".join(words)

    def check_id(self, value: str, path: KeyPath) -> None:
        """Ids go on command lines and into history, so they stay simple."""
        if not _ID.match(value):
            self.problem(path, f"{value!r} is not a usable id: use letters, digits, '-' and '_' only")

    def ident(self, table: dict[str, object], path: KeyPath) -> str:
        """The ``id`` key of a table: a required, simple identifier."""
        value = self.string(table, path, "id")
        if value:
            self.check_id(value, (*path, "id"))
        return value

    def choice(
        self,
        table: dict[str, object],
        path: KeyPath,
        key: str,
        options: Sequence[T],
        *,
        required: bool = True,
    ) -> T | None:
        """One of ``options`` (e.g. a zone), with a did-you-mean hint when it is not."""
        if key not in table:
            if required:
                self.problem((*path, key), "is missing; one of " + ", ".join(options))
            return None
        value = table[key]
        if not isinstance(value, str) or value not in options:
            hint = did_you_mean(value, options) if isinstance(value, str) else ""
            self.problem((*path, key), f"must be one of {', '.join(options)}; got {describe(value)}{hint}")
            return None
        return options[options.index(value)]  # the option itself, typed as the caller's Literal

    def reference(
        self,
        table: dict[str, object],
        path: KeyPath,
        key: str,
        known: Collection[str],
        what: str,
        *,
        required: bool = True,
    ) -> str | None:
        """A string naming something defined elsewhere in the file (a breathing pattern, a routine)."""
        if key not in table:
            if required:
                self.problem((*path, key), "is missing")
            return None
        value = self.string(table, path, key)
        if value and value not in known:
            hint = did_you_mean(value, known) or ("; defined: " + ", ".join(known) if known else "")
            self.problem((*path, key), f"unknown {what} {value!r}{hint}")
            return None
        return value or None

    def strings(self, table: dict[str, object], path: KeyPath, key: str) -> tuple[str, ...]:
        """A list of non-empty strings; absent means an empty list."""
        value = table.get(key, [])
        if not isinstance(value, list):
            self.problem((*path, key), f"must be a list of strings, got {describe(value)}")
            return ()
        return tuple(self.check_string(item, (*path, key, index)) for index, item in enumerate(value))

    def number(
        self,
        table: dict[str, object],
        path: KeyPath,
        key: str,
        *,
        default: float,
        positive: bool = False,
        maximum: float = MAX_UNIT_SECONDS,
    ) -> float:
        """A finite number, zero or more (more than zero when ``positive``), at most ``maximum``."""
        if key not in table:
            return default
        return self.check_number(
            table[key], (*path, key), positive=positive, maximum=maximum, default=default
        )

    def check_number(
        self, value: object, path: KeyPath, *, positive: bool, maximum: float, default: float
    ) -> float:
        """Check one numeric value in place; the default stands in when it is wrong."""
        kind = "a positive number" if positive else "a number, zero or more"
        if not is_number(value):
            self.problem(path, f"must be {kind}, got {describe(value)}")
            return default
        number = float(value)  # type: ignore[arg-type]
        if not math.isfinite(number) or number < 0 or (positive and number == 0):
            self.problem(path, f"must be {kind}, got {value}")
            return default
        if number > maximum:
            self.problem(path, f"must be at most {maximum:g}, got {value}")
            return default
        return number

    def count(self, table: dict[str, object], path: KeyPath, key: str, *, maximum: int = 100) -> int:
        """A whole number from 1 to ``maximum`` (reps, holds)."""
        value = table[key]
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            shown = value if is_number(value) else describe(value)
            self.problem((*path, key), f"must be a positive whole number, got {shown}")
            return 1
        if value > maximum:
            self.problem((*path, key), f"must be at most {maximum}, got {value}")
            return 1
        return value

    def duration(self, table: dict[str, object], path: KeyPath, what: str) -> Duration:
        """``seconds = 60``, ``seconds = [60, 120]``, ``minutes = 2`` or ``minutes = [2, 3]``."""
        given = [key for key in ("seconds", "minutes") if key in table]
        if not given:
            self.problem(
                path, f"needs a duration{what}: seconds = 60, seconds = [60, 120] or minutes = [2, 3]"
            )
            return Duration(1.0, 1.0)
        if len(given) == 2:
            self.problem((*path, "minutes"), "give either seconds or minutes, not both")
        key = given[0]
        factor = 60.0 if key == "minutes" else 1.0
        limit = MAX_UNIT_SECONDS / factor
        value, where = table[key], (*path, key)
        if isinstance(value, list):
            if len(value) != 2:
                self.problem(where, f"a range needs exactly two numbers [low, high], got {len(value)}")
                return Duration(1.0, 1.0)
            low, high = (
                self.check_number(item, (*where, i), positive=True, maximum=limit, default=1.0)
                for i, item in enumerate(value)
            )
            if low > high:
                self.problem(where, f"the range's low end ({value[0]}) is above its high end ({value[1]})")
                low, high = high, low
            return Duration(low * factor, high * factor)
        if not is_number(value):
            self.problem(where, f"must be a positive number or a range [low, high], got {describe(value)}")
            return Duration(1.0, 1.0)
        seconds = self.check_number(value, where, positive=True, maximum=limit, default=1.0) * factor
        return Duration(seconds, seconds)
