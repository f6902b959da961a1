"""End to end: closing the terminal (SIGHUP) or a SIGTERM in the middle of a session keeps the session.

The installed ``coach`` runs in a real pseudo-terminal (see :mod:`tests.pty_helpers`); a signal arrives
while a step is under way, and the history file must hold the session, marked as ended early.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import termios
from pathlib import Path

import pytest

from coach.history import load_history
from tests.pty_helpers import Terminal, start_coach

pytestmark = pytest.mark.e2e

ROUTINES = """\
default_routine = "slow"
safety = ["Stop if anything hurts."]

[breathing.calm]
name = "Calm"
inhale = 4
exhale = 6

[routines.slow]
name = "Slow test routine"
breathing = "calm"
lead_in = 0

[[routines.slow.steps]]
id = "rub"
title = "Rub the sole"
text = "Rub the sole slowly."
zone = "arch"
pressure = "gentle"
seconds = 60

[[routines.slow.steps]]
id = "press"
title = "Press the heel"
text = "Press the heel gently."
zone = "heel"
pressure = "gentle"
seconds = 60
"""


def start_session(tmp_path: Path) -> tuple[Terminal, Path]:
    """coach on a pseudo-terminal, past the setup screen and into the first step."""
    terminal, data = start_coach(tmp_path, ROUTINES)
    try:
        # The first run opens on the safety notes; Enter goes on to the setup, Enter again starts.
        terminal.wait_for(lambda s: "On to the setup" in s, "the safety notes, on the first run")
        terminal.press("\r")
        terminal.wait_for(lambda s: "Start the massage" in s, "the setup screen")
        terminal.press("\r")
        terminal.wait_for(lambda s: "Rub the sole" in s, "the player")
        terminal.wait_for(lambda s: "0:58" in s or "0:57" in s, "a second or two of the first step")
    except BaseException:
        terminal.close()
        raise
    return terminal, data


def assert_kept_as_ended_early(data: Path) -> None:
    (entry,) = load_history(data).entries
    record = entry.record
    assert record.routine_id == "slow"
    assert not record.finished
    assert 1 <= record.actual_seconds < 30
    assert record.steps[0].actual >= 1


def test_closing_the_terminal_keeps_the_session(tmp_path: Path) -> None:
    terminal, data = start_session(tmp_path)
    try:
        # The terminal goes away first (its window closed), then the hang-up arrives.
        os.close(terminal.master)
        terminal.master = os.open(os.devnull, os.O_RDONLY)  # so that close() has something to close
        terminal.process.send_signal(signal.SIGHUP)
        try:
            code = terminal.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            raise AssertionError("coach did not exit after SIGHUP") from None
    finally:
        terminal.close()
    assert code == 128 + signal.SIGHUP
    assert_kept_as_ended_early(data)


def test_sigterm_keeps_the_session_and_gives_the_terminal_back(tmp_path: Path) -> None:
    terminal, data = start_session(tmp_path)
    try:
        terminal.process.send_signal(signal.SIGTERM)
        code = terminal.finish(timeout=5)
    finally:
        terminal.close()
    assert code == 128 + signal.SIGTERM
    raw = bytes(terminal.raw)
    assert raw.rfind(b"\x1b[?1049l") > raw.rfind(b"\x1b[?1049h") >= 0, "the alternate screen was not left"
    assert raw.rfind(b"\x1b[?25h") > raw.rfind(b"\x1b[?25l"), "the cursor was left hidden"
    assert b"Traceback" not in raw and not re.search(rb"Error\b", raw)
    assert_kept_as_ended_early(data)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGQUIT, signal.SIGUSR1, signal.SIGALRM])
def test_any_signal_that_would_end_coach_keeps_the_session_and_restores_the_terminal(
    tmp_path: Path, signum: signal.Signals
) -> None:
    """SIGINT used to exit 0 and lose the session; SIGQUIT, SIGUSR1 and SIGALRM killed coach on the spot,
    leaving the terminal raw, in the alternate screen, with mouse tracking on."""
    terminal, data = start_session(tmp_path)
    try:
        terminal.process.send_signal(signum)
        code = terminal.finish(timeout=8)
        attributes = termios.tcgetattr(terminal.master)
    finally:
        terminal.close()
    assert code == 128 + signum
    raw = bytes(terminal.raw)
    assert raw.rfind(b"\x1b[?1049l") > raw.rfind(b"\x1b[?1049h") >= 0, "the alternate screen was not left"
    assert raw.rfind(b"\x1b[?1000l") > raw.rfind(b"\x1b[?1000h") >= 0, "mouse tracking was left on"
    assert raw.rfind(b"\x1b[?25h") > raw.rfind(b"\x1b[?25l"), "the cursor was left hidden"
    local_flags = attributes[3]
    assert local_flags & termios.ICANON and local_flags & termios.ECHO, "the terminal was left raw"
    assert b"Traceback" not in raw
    assert_kept_as_ended_early(data)
