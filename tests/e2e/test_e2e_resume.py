"""End to end: coach killed with SIGKILL in the middle of a session, then started again, offers to carry
on; carrying on lands the session in history once, as one session.

The installed ``coach`` runs in a real pseudo-terminal (see :mod:`tests.pty_helpers`).
"""

from __future__ import annotations

import re
import signal
from pathlib import Path

import pytest

from coach.history import load_history
from coach.history.resume import read_snapshot, resume_path
from tests.e2e.test_e2e_signals import ROUTINES, start_session
from tests.pty_helpers import start_coach

pytestmark = pytest.mark.e2e


def test_killed_mid_session_the_next_start_resumes_it_into_one_record(tmp_path: Path) -> None:
    terminal, data = start_session(tmp_path)
    try:
        terminal.wait_for(lambda s: "0:54" in s or "0:53" in s, "six seconds of the first step")
        terminal.process.send_signal(signal.SIGKILL)
        terminal.process.wait(timeout=5)
    finally:
        terminal.close()
    assert load_history(data).entries == ()  # nothing could be stored by a killed process
    snapshot = read_snapshot(resume_path(data))
    assert snapshot is not None and snapshot.position == "left foot, step 1 of 2"
    assert snapshot.progress.played >= 1

    again, _ = start_coach(tmp_path, ROUTINES)
    try:
        started = f"{snapshot.started_at:%H:%M}"
        again.wait_for(
            lambda s: f"Resume the session from {started} (left foot, step 1 of 2)?" in s, "the offer"
        )
        again.press("y")
        again.wait_for(lambda s: "Rub the sole" in s and ("1:00" in s or "0:59" in s),
                       "the part from its start")
        again.wait_for(lambda s: "0:58" in s or "0:57" in s, "the time running again")
        again.press("q")
        again.wait_for(lambda s: "End the session now?" in s, "the question")
        again.press("y")
        again.wait_for(lambda s: "Ended early" in s, "the summary")
        again.press("\r")
        again.wait_for(lambda s: "Start the massage" in s, "the setup screen")
        again.press("\x11")  # Ctrl+Q
        assert again.finish() == 0
    finally:
        again.close()
    assert b"Traceback" not in bytes(again.raw) and not re.search(rb"Error\b", bytes(again.raw))
    (entry,) = load_history(data).entries
    record = entry.record
    assert entry.id == snapshot.entry_id and record.started_at == snapshot.started_at
    assert not record.finished
    # What was played before the last snapshot and what was played after: one session.
    assert record.actual_seconds >= snapshot.progress.played + 2
    assert record.steps[0].actual == pytest.approx(record.actual_seconds, abs=0.01)
    wall = (record.ended_at - record.started_at).total_seconds()
    assert record.actual_seconds + record.paused_seconds == pytest.approx(wall, abs=0.01)
    assert not resume_path(data).exists()
