"""bench/run.py cannot rot: one short smoke run of every part, and the report it writes.

No timing is judged here (a shared test machine is too noisy for that); bench/RESULTS.md is where
the measured figures and the goals live.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the benchmark reads /proc")
def test_the_benchmark_runs_in_smoke_mode_and_writes_its_report(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--smoke", "--out", str(out)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=240,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = out.read_text(encoding="utf-8")
    assert report.strip() == done.stdout.strip()
    for heading in ("## Start-up", "## Playing", "## Commands", "## Scale", "## Goals"):
        assert heading in report
    # Every case was measured, and the machine is described.
    for case in ("bare Textual app", "Digits clock 1 Hz", "coach playing", "coach --reduced-motion",
                 "coach list", "coach validate", "80 steps", "40 sessions"):
        assert f"| {case}" in report, case
    for fact in ("cores:", "Python:", "Textual:"):
        assert fact in report
    assert "| coach list imports textual | no | no | met |" in report
