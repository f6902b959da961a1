"""Typed reading of parsed TOML values that records every problem instead of stopping at the first.

Each reader method returns a usable value (a default when the real one is wrong) so that validation can
carry on and report everything in one go; the caller raises once at the end if anything was recorded.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from typing import TypeVar

from coach.limits import (
    MAX_COUNT,
    MAX_CUE_CHARS,
    MAX_CUE_WORDS,
    MAX_ID_CHARS,
    MAX_LIST_ITEMS,
    MAX_NAME_CHARS,
    MAX_REP_NAME_CHARS,
    MAX_TEXT_CHARS,
    MAX_UNIT_SECONDS,
    MIN_UNIT_SECONDS,
)
from coach.routines.model import Duration
from coach.routines.problems import (
    KeyPath,
    Problem,
    describe,
    did_you_mean,
    format_path,
    is_number,
    number_text,
)

T = TypeVar("T", bound=str)

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
# Text is shown literally on a terminal: a control character (ESC above all) could scramble the screen,
# and a bidirectional override or isolate would turn the text around. Line breaks and tabs are allowed in
# longer texts; a name stays on one line.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_LINE_BREAK = re.compile("[\n\t]")


class Reader:
    """Reads values out of parsed TOML tables and collects :class:`Problem` s with their lines."""

    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self._text = text
        self._lines: dict[KeyPath, int] | None = None
        self.problems: list[Problem] = []

    @property
    def lines(self) -> dict[KeyPath, int]:
        """The line of every key in the file, found the first time a problem needs one: a file with
        no problem (the usual case) is never scanned a second time, which costs more than parsing it."""
        if self._lines is None:
            # Imported here too: the scanner's module (and its patterns) is loaded with the first problem.
            from coach.routines.lines import locate_keys

            self._lines = locate_keys(self._text)
        return self._lines

    def problem(self, path: KeyPath, message: str) -> None:
        """Record that the value at ``path`` is wrong."""
        self.problems.append(Problem(self.file, self.line(path), format_path(path), message))

    def line(self, path: KeyPath) -> int | None:
        """The line of ``path`` (or of its table)."""
        from coach.routines.lines import line_of

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
        self,
        table: dict[str, object],
        path: KeyPath,
        key: str,
        what: str,
        *,
        required: bool = True,
        most: int = MAX_LIST_ITEMS,
    ) -> Iterator[tuple[KeyPath, object]]:
        """The entries of an array of tables ``[[key]]``, each with its path; missing means none.

        More than ``most`` entries is a problem, and only the first ``most`` are read."""
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
        if len(value) > most:
            self.problem((*path, key, most), f"there may be at most {most} of these, got {len(value)}")
        for index, item in enumerate(value[:most]):
            yield (*path, key, index), item

    def mapping(
        self, table: dict[str, object], path: KeyPath, key: str, example: str, *, most: int
    ) -> Iterator[tuple[str, KeyPath, object]]:
        """The sub-tables of ``[key.<id>]`` with their ids and paths; at least one, at most ``most``."""
        value = table.get(key)
        if not isinstance(value, dict) or not value:
            got = "it is missing" if value is None else f"got {describe(value)}"
            self.problem((*path, key), f"needs at least one entry such as [{key}.{example}]; {got}")
            return
        if len(value) > most:
            self.problem((*path, key), f"there may be at most {most} entries, got {len(value)}")
        for ident, item in list(value.items())[:most]:
            self.check_id(ident, (*path, key, ident))
            yield ident, (*path, key, ident), item

    # ---------------------------------------------------------------- scalars
    def string(
        self,
        table: dict[str, object],
        path: KeyPath,
        key: str,
        *,
        required: bool = True,
        longest: int = MAX_TEXT_CHARS,
    ) -> str:
        """A non-empty string (``""`` if optional and absent) of at most ``longest`` characters.
        Control characters and bidirectional overrides are refused."""
        if key not in table:
            if required:
                self.problem((*path, key), "is missing")
            return ""
        return self.check_string(table[key], (*path, key), required=required, longest=longest)

    def name(self, table: dict[str, object], path: KeyPath, key: str) -> str:
        """A required name, title or label: one line of at most :data:`MAX_NAME_CHARS` characters, so it
        shows whole on the player and the setup screen."""
        return self.string(table, path, key, longest=MAX_NAME_CHARS)

    def check_string(
        self, value: object, path: KeyPath, *, required: bool = True, longest: int = MAX_TEXT_CHARS
    ) -> str:
        """Check one string value in place; ``""`` stands in when it is wrong."""
        if not isinstance(value, str):
            self.problem(path, f"must be a string (text in quotes), got {describe(value)}")
            return ""
        if len(value) > longest:
            self.problem(path, f"must be at most {longest} characters long, got {len(value)}")
            return ""
        if required and not value.strip():
            self.problem(path, "must not be empty")
        bad = _CONTROL.search(value)
        if bad is None and longest <= MAX_NAME_CHARS:
            bad = _LINE_BREAK.search(value)  # a name is one line
        if bad is not None:
            char = bad.group()
            self.problem(path, f"contains a control character U+{ord(char):04X} at position {bad.start()}")
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
        """Ids go on command lines and into history, so they stay simple (and short)."""
        if len(value) > MAX_ID_CHARS:
            self.problem(path, f"an id must be at most {MAX_ID_CHARS} characters long, got {len(value)}")
        elif not _ID.match(value):
            self.problem(path, f"{value!r} is not a usable id: use letters, digits, '-' and '_' only")

    def ident(self, table: dict[str, object], path: KeyPath) -> str:
        """The ``id`` key of a table: a required, simple identifier."""
        value = self.string(table, path, "id", longest=MAX_ID_CHARS)
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
        value = self.string(table, path, key, longest=MAX_ID_CHARS)
        if value and value not in known:
            hint = did_you_mean(value, known) or ("; defined: " + ", ".join(known) if known else "")
            self.problem((*path, key), f"unknown {what} {value!r}{hint}")
            return None
        return value or None

    def strings(self, table: dict[str, object], path: KeyPath, key: str) -> tuple[str, ...]:
        """A list of at most :data:`MAX_LIST_ITEMS` non-empty strings; absent means an empty list."""
        value = table.get(key, [])
        if not isinstance(value, list):
            self.problem((*path, key), f"must be a list of strings, got {describe(value)}")
            return ()
        if len(value) > MAX_LIST_ITEMS:
            self.problem((*path, key), f"there may be at most {MAX_LIST_ITEMS} of these, got {len(value)}")
        items = enumerate(value[:MAX_LIST_ITEMS])
        return tuple(self.check_string(item, (*path, key, index)) for index, item in items)

    def number(
        self,
        table: dict[str, object],
        path: KeyPath,
        key: str,
        *,
        default: float,
        positive: bool = False,
        maximum: float = MAX_UNIT_SECONDS,
        minimum: float = 0.0,
    ) -> float:
        """A finite number, zero or more (more than zero when ``positive``), at most ``maximum``; one that
        is not zero must be at least ``minimum``."""
        if key not in table:
            return default
        return self.check_number(
            table[key], (*path, key), positive=positive, maximum=maximum, default=default, minimum=minimum
        )

    def check_number(
        self,
        value: object,
        path: KeyPath,
        *,
        positive: bool,
        maximum: float,
        default: float,
        minimum: float = 0.0,
        minimum_text: str = "",
    ) -> float:
        """Check one numeric value in place; the default stands in when it is wrong.

        Whole numbers of any size and floats at any edge (infinities, NaN, subnormals, -0.0) are compared
        as they are, never converted first, so a 5000-digit number gets the same "must be at most" as 5000.
        """
        kind = "a positive number" if positive else "a number, zero or more"
        if not isinstance(value, int | float) or isinstance(value, bool):
            self.problem(path, f"must be {kind}, got {describe(value)}")
            return default
        if value != value or value < 0 or (positive and value == 0):  # value != value: NaN
            self.problem(path, f"must be {kind}, got {number_text(value)}")
            return default
        if value > maximum:
            self.problem(path, f"must be at most {maximum:g}, got {number_text(value)}")
            return default
        if 0 < value < minimum:
            least = minimum_text or f"{minimum:g}"
            zero = "" if positive else " (or 0 for none)"
            self.problem(path, f"must be at least {least}{zero}, got {number_text(value)}")
            return default
        return float(value) + 0.0  # + 0.0: -0.0 is 0

    def count(self, table: dict[str, object], path: KeyPath, key: str, *, maximum: int = MAX_COUNT) -> int:
        """A whole number from 1 to ``maximum`` (reps, holds)."""
        value = table[key]
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            shown = number_text(value) if is_number(value) else describe(value)  # type: ignore[arg-type]
            self.problem((*path, key), f"must be a positive whole number, got {shown}")
            return 1
        if value > maximum:
            self.problem((*path, key), f"must be at most {maximum}, got {number_text(value)}")
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
        # In minutes the limits read as minutes: at most 60, at least 1/60 (one second).
        maximum, minimum = MAX_UNIT_SECONDS / factor, MIN_UNIT_SECONDS / factor
        least = "1/60 (one second)" if key == "minutes" else ""

        def check(item: object, at: KeyPath) -> float:
            return self.check_number(item, at, positive=True, maximum=maximum, default=1.0 / factor,
                                     minimum=minimum, minimum_text=least)

        value, where = table[key], (*path, key)
        if isinstance(value, list):
            if len(value) != 2:
                self.problem(where, f"a range needs exactly two numbers [low, high], got {len(value)}")
                return Duration(1.0, 1.0)
            low, high = (check(item, (*where, i)) for i, item in enumerate(value))
            if low > high:
                first, second = (number_text(v) if is_number(v) else "?" for v in value)
                self.problem(where, f"the range's low end ({first}) is above its high end ({second})")
                low, high = high, low
            return Duration(low * factor, high * factor)
        if not is_number(value):
            self.problem(where, f"must be a positive number or a range [low, high], got {describe(value)}")
            return Duration(1.0, 1.0)
        seconds = check(value, where) * factor
        return Duration(seconds, seconds)
