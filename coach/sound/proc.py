"""Child processes for sound: never through a shell, never on the terminal, never left hanging.

Every child gets an argument list (no shell, so no text is ever interpreted), stdin, stdout and stderr
from/to the null device (a speech engine or player printing "ALSA lib ..." would draw over the screen),
and on POSIX a session of its own: no controlling terminal to write to, no Ctrl+C from the keyboard, and
the whole group can be killed at once.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
from collections.abc import Mapping, Sequence

_WINDOWS = sys.platform == "win32"
_NO_WINDOW = getattr(subprocess, "CREATE_NO_WINDOW", 0)


def spawn(argv: Sequence[str], env: Mapping[str, str] | None = None) -> subprocess.Popen[bytes]:
    """Start ``argv`` detached from the terminal; ``OSError`` when it cannot start."""
    full_env = None if env is None else {**os.environ, **env}
    if _WINDOWS:
        return subprocess.Popen(list(argv), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, env=full_env, creationflags=_NO_WINDOW)
    return subprocess.Popen(list(argv), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=full_env, start_new_session=True)


def kill(process: subprocess.Popen[bytes]) -> None:
    """Kill ``process`` and anything it started, then reap it; safe to call when it has already ended."""
    if process.poll() is not None:
        return
    try:
        if _WINDOWS:
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)  # its own session: the group is it and its children
    except (ProcessLookupError, PermissionError):
        pass
    with contextlib.suppress(subprocess.TimeoutExpired):  # a process SIGKILL cannot stop: move on
        process.wait(timeout=2)


def run(argv: Sequence[str], timeout: float, env: Mapping[str, str] | None = None) -> int | None:
    """Run ``argv`` to its end: its exit status, or None when it could not start or was killed for
    taking longer than ``timeout`` seconds."""
    try:
        process = spawn(argv, env)
    except OSError:
        return None
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill(process)
        return None


def first_line(argv: Sequence[str], timeout: float = 3.0) -> str | None:
    """The first non-empty line ``argv`` prints (e.g. ``--version``), or None. Its output is captured,
    never shown."""
    return next(iter(lines(argv, timeout)), None)


def version_in(line: str | None) -> str | None:
    """The version number in a ``--version`` line: "aplay: version 1.2.8 by ..." -> "1.2.8"."""
    found = re.search(r"\d+(?:\.\d+)+", line or "")
    return found.group(0) if found else None


def lines(argv: Sequence[str], timeout: float = 3.0) -> list[str]:
    """The non-empty lines ``argv`` prints on stdout (on stderr when stdout is empty); [] when it cannot
    run. Captured, never shown."""
    kwargs: dict[str, object] = {"creationflags": _NO_WINDOW} if _WINDOWS else {"start_new_session": True}
    try:
        done = subprocess.run(list(argv), stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout,
                              check=False, **kwargs)  # type: ignore[call-overload]
    except (OSError, subprocess.SubprocessError):
        return []
    text = (done.stdout or done.stderr).decode("utf-8", "replace")
    return [line.strip() for line in text.splitlines() if line.strip()]
