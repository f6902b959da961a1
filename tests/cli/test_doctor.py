"""``coach doctor``: a report of what coach finds and will use, and whether it can run."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.cli import main
from coach.cli.doctor import sound_line, writable
from coach.paths import shipped_routines
from coach.sound.speech import SpeechEngine


def test_doctor_reports_every_part_and_exits_0_when_coach_can_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["doctor", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    labels = [line.split(":")[0] for line in out.splitlines()[1:] if not line.startswith(" ")]
    assert labels == ["terminal", "routines", "settings", "data", "cache", "speech", "players", "sound"]
    assert f"{shipped_routines()} (3 routines, language en)" in out
    assert f"cache:      {tmp_path / 'cache'} (will be created)" in out
    assert not (tmp_path / "cache").exists()  # looking writes nothing
    assert "standard output is not a terminal" in out


def test_doctor_exits_2_when_the_routines_file_stops_coach(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "routines.toml"
    bad.write_text("[broken\n")
    assert main(["doctor", "--routines", str(bad), "--data-dir", str(tmp_path)]) == 2
    assert f"routines:   {bad}: cannot be used (1 problem); see: coach validate" in capsys.readouterr().out


def test_the_sound_line_says_what_the_setup_screen_says() -> None:
    espeak = SpeechEngine("espeak-ng", "/usr/bin/espeak-ng")
    assert sound_line(True, True, espeak, "aplay") == "voice + chime, espeak-ng -> aplay"
    assert sound_line(True, True, None, "aplay") == "chime, aplay (no speech engine)"
    assert sound_line(True, False, espeak, "paplay") == "chime, paplay"
    assert sound_line(True, True, espeak, None).startswith("terminal bell and a dim visual cue")
    assert sound_line(False, True, espeak, "aplay").startswith("off")


def test_writable_looks_without_writing(tmp_path: Path) -> None:
    assert writable(tmp_path) == "writable"
    assert writable(tmp_path / "a" / "b") == "will be created"
    (tmp_path / "file").write_text("")
    assert writable(tmp_path / "file" / "below") == "cannot be created"
