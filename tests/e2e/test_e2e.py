"""End to end: the installed ``coach`` in a real pseudo-terminal, from setup through a short session to
the summary and out again, with the terminal given back as it was."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coach.history import load_history
from tests.pty_helpers import start_coach

pytestmark = pytest.mark.e2e

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


def test_a_short_session_from_setup_to_summary(tmp_path: Path) -> None:
    terminal, data = start_coach(tmp_path, ROUTINES)
    try:
        # The first run opens on the safety notes; Enter goes on to the setup, Enter again starts.
        terminal.wait_for(lambda s: "On to the setup" in s, "the safety notes, on the first run")
        terminal.press("\r")
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
