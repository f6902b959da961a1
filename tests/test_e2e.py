"""End to end: the installed ``coach`` in a real pseudo-terminal, from setup through a short session to
the summary and out again, with the terminal given back as it was."""

from __future__ import annotations

import fcntl
import os
import re
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
import pytest

from coach.history import load_history

pytestmark = pytest.mark.e2e

COLUMNS, LINES = 80, 24

ROUTINES = """\
default_routine = "tiny"
safety = ["Stop if anything hurts."]

[[setup]]
id = "towel"
label = "A towel"

[breathing.calm]
name = "Calm"
inhale = 1
exhale = 1

[routines.tiny]
name = "Tiny test routine"
breathing = "calm"
lead_in = 0

[[routines.tiny.steps]]
id = "rub"
title = "Rub the sole"
text = "Rub the sole slowly."
zone = "arch"
pressure = "gentle"
seconds = 2

[[routines.tiny.steps]]
id = "press"
title = "Press the heel"
text = "Press the heel gently."
zone = "heel"
pressure = "gentle"
seconds = 2
"""


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

    def wait_for(self, check: Callable[[str], bool], what: str, timeout: float = 8.0) -> str:
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

    def finish(self, timeout: float = 8.0) -> int:
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


def test_a_short_session_from_setup_to_summary(tmp_path: Path) -> None:
    routines = tmp_path / "routines.toml"
    routines.write_text(ROUTINES, encoding="utf-8")
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "TEXTUAL")}
    env.update(TERM="xterm-256color", COACH_DATA_DIR=str(data), HOME=str(tmp_path))
    argv = [*coach_command(), "--routines", str(routines), "--foot", "left"]
    terminal = Terminal(argv, env)
    try:
        terminal.wait_for(lambda s: "Start the massage" in s, "the setup screen")
        terminal.press("\r")
        shown = terminal.wait_for(lambda s: "Rub the sole" in s, "the player")
        assert "LEFT FOOT · arch" in shown and "Step 1 of 2" in shown
        terminal.wait_for(lambda s: "Press the heel" in s, "the second step, by itself")
        shown = terminal.wait_for(lambda s: "Finished" in s, "the summary, by itself")
        assert "Tiny test routine" in shown
        terminal.press("4")  # how relaxed: the summary words it and moves to the next question
        terminal.wait_for(lambda s: re.search(r"Relaxed .* quite", s) is not None, "the first rating")
        terminal.press("5")  # how sleepy
        terminal.wait_for(lambda s: re.search(r"Sleepy .* very", s) is not None, "the second rating")
        terminal.press("\r")
        terminal.wait_for(lambda s: "Start the massage" in s, "the setup screen again")
        terminal.press("\x11")  # Ctrl+Q
        code = terminal.finish()
    finally:
        terminal.close()
    assert code == 0, terminal.text()
    raw = bytes(terminal.raw)
    left = raw.rfind(b"\x1b[?1049l")
    assert left > raw.rfind(b"\x1b[?1049h") >= 0, "the alternate screen was not left"
    # After leaving it, nothing is drawn: only modes switched off (mouse, focus reports...).
    after = re.sub(rb"\x1b\[\?[0-9;]*[lh]", b"", raw[left:]).strip()
    assert after == b"", f"output after leaving the alternate screen: {after!r}"
    assert raw.rfind(b"\x1b[?25h") > raw.rfind(b"\x1b[?25l"), "the cursor was left hidden"
    (entry,) = load_history(data).entries
    assert entry.record.finished and entry.record.routine_id == "tiny"
    assert (entry.relaxed, entry.sleepy) == (4, 5)
