"""Problems found in a routines file, and the error that carries all of them at once."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

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
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class RoutinesError(Exception):
    """A routines file could not be used; ``problems`` lists everything found wrong, not just the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)
