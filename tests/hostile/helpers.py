"""Shared by the hostile-input tests: every character a terminal would obey, and a check of raw output."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

C0 = "".join(chr(c) for c in range(0x20))
C1 = "".join(chr(c) for c in range(0x7F, 0xA0))  # DEL, then the C1 controls (U+009B is a one-byte CSI)
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
OTHER = "\u200e\u200f\u061c\u2028\u2029"
EVERY_CONTROL = C0 + C1 + BIDI + OTHER
"""Every C0 and C1 control, DEL, the bidirectional overrides and isolates, and the other marks."""
ATTACK = "\x1b]0;pwned\x07\x1b[2J\x1b[31mred\u202eevil\x9b1m"
"""What a crafted file would send: set the title, clear the screen, colour, reverse, a C1 CSI."""

_OBEYED = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{BIDI}{OTHER}]")


def obeyed(output: bytes) -> list[str]:
    """Every character in ``output`` a terminal would act on rather than show (line breaks aside)."""
    text = output.decode("utf-8", errors="surrogateescape")
    return [f"U+{ord(c):04X}" for c in _OBEYED.findall(text)]


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string, every control written as a ``\\u`` escape (as TOML requires)."""
    escaped = "".join(
        f"\\u{ord(c):04X}" if c in EVERY_CONTROL or c in '"\\' else c for c in text
    )
    return f'"{escaped}"'


def coach(*argv: str, env: dict[str, str] | None = None, cwd: Path | None = None,
          stdin: int | None = subprocess.DEVNULL, timeout: float = 30) -> subprocess.CompletedProcess[bytes]:
    """``python -m coach ARGV`` as a separate process: its exit code and raw output bytes."""
    environment = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "coach", *argv], capture_output=True, env=environment,
                          cwd=cwd, stdin=stdin, timeout=timeout, check=False)
