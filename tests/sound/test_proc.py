"""Real child processes: no shell, nothing on the terminal, killed with their children, trusted by exit
status. The players here are small scripts standing in for aplay."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest

from coach.sound import SoundConfig, SoundSystem, chimes, proc
from coach.sound.cues import Cue
from coach.sound.players import CommandPlayer, find_players

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX scripts stand in for the players")


def script(path: Path, body: str) -> str:
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(0o755)
    return str(path)


def test_a_player_writing_to_stdout_and_stderr_reaches_no_terminal(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    noisy = script(tmp_path / "noisy", 'echo "ALSA lib pcm.c: Unknown PCM default"; echo oops >&2; '
                   'cat; echo "$1" > "$(dirname "$0")/played"')
    assert proc.run([noisy, str(tmp_path / "clip $(id).wav")], timeout=5) == 0
    out, err = capfd.readouterr()
    assert out == err == ""
    assert (tmp_path / "played").read_text() == f"{tmp_path}/clip $(id).wav\n"  # the name, literally


def test_a_stuck_player_is_killed_with_its_children(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    stuck = script(tmp_path / "stuck", f'sleep 60 & echo $! > {pids}; wait')
    process = proc.spawn([stuck])
    for _ in range(200):
        if pids.exists() and pids.read_text().strip():
            break
        threading.Event().wait(0.01)
    child = int(pids.read_text())
    assert os.getsid(process.pid) == process.pid != os.getsid(0)  # a session of its own: no terminal
    proc.kill(process)
    assert process.returncode is not None
    with pytest.raises(ProcessLookupError):
        for _ in range(200):  # the orphan is reaped by init a moment later
            os.kill(child, 0)
            threading.Event().wait(0.01)


def test_run_gives_the_exit_status_none_for_a_timeout_or_a_missing_program(tmp_path: Path) -> None:
    assert proc.run([script(tmp_path / "fails", "exit 3")], timeout=5) == 3
    assert proc.run([script(tmp_path / "slow", "sleep 30")], timeout=0.2) is None
    assert proc.run([str(tmp_path / "missing")], timeout=5) is None


def test_the_sound_thread_plays_through_the_first_player_whose_exit_status_is_zero(tmp_path: Path) -> None:
    log = tmp_path / "log"
    broken = CommandPlayer("pw-play", script(tmp_path / "pw-play", f'echo "pw-play $1" >> {log}; exit 1'))
    good = CommandPlayer("aplay", script(tmp_path / "aplay", f'echo "aplay $1" >> {log}'), ("-q",))
    notices: list[str] = []
    system = SoundSystem(SoundConfig(), tmp_path / "cache", engine=None, players=[broken, good],
                         on_notice=notices.append)
    try:
        done = threading.Event()
        system.play(Cue("hold", 0, "tick", ""))
        for _ in range(500):
            if system.playback.working is good:
                done.set()
                break
            threading.Event().wait(0.01)
        assert done.is_set()
        tick = tmp_path / "cache" / "tick-70-44100-v1.wav"
        assert log.read_text().splitlines() == [f"pw-play {tick}", "aplay -q"]  # aplay's $1 is its option
        assert system.describe() == "chime, aplay (no speech engine)"
        assert notices == []
    finally:
        system.close()


def test_the_players_are_looked_for_in_the_documented_order() -> None:
    everything = {name: f"/usr/bin/{name}" for name in ("pw-play", "paplay", "aplay", "afplay")}
    assert [p.name for p in find_players("linux", everything.get)] == ["pw-play", "paplay", "aplay"]
    assert [p.name for p in find_players("darwin", everything.get)] == ["afplay"]
    assert [p.name for p in find_players("win32", everything.get)] == ["winsound"]
    assert find_players("linux", lambda name: None) == []
    aplay = CommandPlayer("aplay", "/usr/bin/aplay", ("-q",))
    assert aplay.argv(Path("/c/x; rm.wav")) == ["/usr/bin/aplay", "-q", "/c/x; rm.wav"]


def test_a_stuck_real_player_is_killed_and_the_next_one_plays(tmp_path: Path) -> None:
    stuck = CommandPlayer("paplay", script(tmp_path / "paplay", "sleep 30"))
    good = CommandPlayer("aplay", script(tmp_path / "aplay", "exit 0"))
    system = SoundSystem(SoundConfig(), tmp_path / "cache", engine=None, players=[stuck, good])
    system.playback.timeout_extra = 0.2
    try:
        silence = chimes.silence_file(tmp_path / "cache", 0.05)
        system.probe()
        for _ in range(500):
            if system.playback.working is good:
                break
            threading.Event().wait(0.01)
        assert system.playback.working is good
        assert [what for _, what, _ in system.playback.log.entries] == ["play", "failed", "play", "done"]
        assert "did not finish in time" in system.playback.log.entries[1][2]
        assert silence.exists()
    finally:
        system.close()
