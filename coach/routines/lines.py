"""Find the line of every key in a TOML text, so a problem can say where it is.

``tomllib`` gives values but forgets positions. This small scanner walks the (already valid) TOML text
once and maps each key path -- table keys and array indexes, the same paths the validator uses -- to the
1-based line where it is written. It is best effort: anything it cannot follow is simply left out, and
the caller falls back to the nearest enclosing table's line.
"""

from __future__ import annotations

import contextlib
import re
import tomllib

from coach.routines.problems import KeyPath

_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
# The four kinds of TOML string, multi-line ones first; a multi-line string may end with up to two
# quotes of content right before its closing three.
_STRINGS = (
    re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""(?:"{1,2}(?!"))?', re.S),
    re.compile(r"'''(?:[^']|'(?!''))*'''(?:'{1,2}(?!'))?", re.S),
    re.compile(r'"(?:[^"\\\n]|\\.)*"'),
    re.compile(r"'[^'\n]*'"),
)


def locate_keys(text: str) -> dict[KeyPath, int]:
    """Map every key path written in ``text`` to its line (1-based); array items map to their line too."""
    scanner = _Scanner(text)
    # On anything the scanner cannot follow, keep what was found so far.
    with contextlib.suppress(IndexError, ValueError):
        scanner.run()
    return scanner.lines


def line_of(lines: dict[KeyPath, int], path: KeyPath) -> int | None:
    """The line of ``path``, else of its nearest ancestor that has one (e.g. a missing key's table)."""
    for end in range(len(path), 0, -1):
        found = lines.get(path[:end])
        if found is not None:
            return found
    return None


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.lines: dict[KeyPath, int] = {}
        self.table: KeyPath = ()
        # The last index used by each array of tables, keyed by its resolved path: nested arrays of
        # tables ([[a.steps.phases]]) then count from 0 again under every new parent entry.
        self.aot_last: dict[KeyPath, int] = {}

    def run(self) -> None:
        while True:
            self.skip(newlines=True)
            if self.pos >= len(self.text):
                return
            start = self.pos
            if self.text[self.pos] == "[":
                self.header()
            else:
                self.key_value(self.table)
            if self.pos == start:  # never loop without progress
                self.advance(1)

    # ---------------------------------------------------------------- movement
    def advance(self, count: int) -> None:
        end = min(len(self.text), self.pos + count)
        self.line += self.text.count("\n", self.pos, end)
        self.pos = end

    def peek(self, count: int = 1) -> str:
        return self.text[self.pos : self.pos + count]

    def skip(self, newlines: bool) -> None:
        """Skip spaces and comments, and line breaks when ``newlines``."""
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char in " \t" or (newlines and char in "\r\n"):
                self.advance(1)
            elif char == "#":
                end = self.text.find("\n", self.pos)
                self.advance((end if end >= 0 else len(self.text)) - self.pos)
            else:
                return

    def record(self, path: KeyPath, line: int) -> None:
        for end in range(1, len(path) + 1):
            self.lines.setdefault(path[:end], line)

    # ---------------------------------------------------------------- statements
    def header(self) -> None:
        line = self.line
        is_array = self.peek(2) == "[["
        self.advance(2 if is_array else 1)
        keys = self.dotted_key()
        self.skip(newlines=False)
        self.advance(2 if is_array else 1)
        path: KeyPath = ()
        for i, key in enumerate(keys):
            path = (*path, key)
            last = i == len(keys) - 1
            if last and is_array:
                self.record(path, line)
                index = self.aot_last.get(path, -1) + 1
                self.aot_last[path] = index
                path = (*path, index)
            elif path in self.aot_last:
                path = (*path, self.aot_last[path])
        self.record(path, line)
        self.table = path

    def key_value(self, table: KeyPath) -> None:
        line = self.line
        path = (*table, *self.dotted_key())
        self.skip(newlines=False)
        if self.peek() != "=":
            raise ValueError("expected '='")
        self.advance(1)
        self.skip(newlines=False)
        self.record(path, line)
        self.value(path)

    def dotted_key(self) -> list[str]:
        keys = []
        while True:
            self.skip(newlines=False)
            keys.append(self.key_part())
            self.skip(newlines=False)
            if self.peek() != ".":
                return keys
            self.advance(1)

    def key_part(self) -> str:
        char = self.peek()
        if char in "\"'":
            return self.string(decode=True)
        start = self.pos
        while self.pos < len(self.text) and self.text[self.pos] in _BARE:
            self.pos += 1
        if self.pos == start:
            raise ValueError("expected a key")
        return self.text[start : self.pos]

    # ---------------------------------------------------------------- values
    def value(self, path: KeyPath) -> None:
        char = self.peek()
        if char in "\"'":
            self.string()
        elif char == "[":
            self.array(path)
        elif char == "{":
            self.inline_table(path)
        else:
            while self.pos < len(self.text) and self.text[self.pos] not in ",]}#\r\n":
                self.pos += 1

    def array(self, path: KeyPath) -> None:
        self.advance(1)
        index = 0
        while True:
            self.skip(newlines=True)
            if self.peek() in ("]", ""):
                self.advance(1)
                return
            self.record((*path, index), self.line)
            self.value((*path, index))
            index += 1
            self.skip(newlines=True)
            if self.peek() == ",":
                self.advance(1)

    def inline_table(self, path: KeyPath) -> None:
        self.advance(1)
        while True:
            self.skip(newlines=True)
            if self.peek() in ("}", ""):
                self.advance(1)
                return
            self.key_value(path)
            self.skip(newlines=True)
            if self.peek() == ",":
                self.advance(1)

    def string(self, decode: bool = False) -> str:
        """Read a string of any of TOML's four kinds; with ``decode``, return its content."""
        for pattern in _STRINGS:
            found = pattern.match(self.text, self.pos)
            if found:
                raw = found.group(0)
                self.advance(len(raw))
                # Only keys need the content, and they are short: let tomllib decode them exactly.
                return str(tomllib.loads(f"k = {raw}")["k"]) if decode else ""
        raise ValueError("unterminated string")
