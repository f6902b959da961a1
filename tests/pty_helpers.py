"""The installed ``coach`` in a real pseudo-terminal, its output fed to a pyte screen: shared by the
end-to-end tests."""

from __future__ import annotations

import fcntl
import os
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pyte

COLUMNS, LINES = 80, 24


def coach_command() -> list[str]:
    """The installed ``coach`` script beside this Python, on PATH, or else ``python -m coach``."""
    beside = Path(sys.executable).with_name("coach")
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("coach")
    return [found] if found else [sys.executable, "-m", "coach"]


class Terminal:
    """A process on a pseudo-terminal, its output fed to a pyte screen (and kept raw)."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        # stdin, stdout and stderr all on the terminal: Textual draws on stderr.
        self.process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                                        start_new_session=True, close_fds=True)
        os.close(slave)
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()

    def text(self) -> str:
        """What the terminal shows now."""
        return "\n".join(self.screen.display)

    def read(self, timeout: float) -> None:
        """Take whatever output arrives within ``timeout`` seconds."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if ready:
            try:
                data = os.read(self.master, 65536)
            except OSError:  # the other side closed: the process has gone
                return
            self.raw += data
            self.stream.feed(data)

    def wait_for(self, check: Callable[[str], bool], what: str, timeout: float = 30.0) -> str:
        """Read until the screen satisfies ``check``; fail with the screen if it never does."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.read(0.05)
            if check(self.text()):
                return self.text()
        raise AssertionError(f"timed out waiting for {what}; the screen:\n{self.text()}")

    def press(self, keys: str) -> None:
        """Type ``keys`` as the user would."""
        os.write(self.master, keys.encode())

    def finish(self, timeout: float = 30.0) -> int:
        """Read until the process exits; its exit code."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self.read(0.05)
        self.read(0.1)
        if self.process.poll() is None:
            self.process.kill()
            raise AssertionError(f"coach did not exit; the screen:\n{self.text()}")
        return self.process.returncode

    def close(self) -> None:
        """Never leave a process behind."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.master)


def start_coach(tmp_path: Path, routines_toml: str) -> tuple[Terminal, Path]:
    """``coach`` on a pseudo-terminal with ``routines_toml`` as its routines file, the left foot chosen,
    and its data and home directories under ``tmp_path``; the terminal and the data directory.

    Sound is off: these tests read the screen, and on a machine with no sound player the notice that
    says so would cover the times they read (tests/sound and tests/ui/test_player_sound.py hear it)."""
    routines = tmp_path / "routines.toml"
    routines.write_text(routines_toml, encoding="utf-8")
    data = tmp_path / "data"
    # Sizes and colours come from the pseudo-terminal alone, never from the caller's environment.
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "TEXTUAL")}
    env.update(TERM="xterm-256color", COACH_DATA_DIR=str(data), HOME=str(tmp_path))
    terminal = Terminal([*coach_command(), "--routines", str(routines), "--foot", "left", "--no-sound"], env)
    return terminal, data
