"""Atomic writes and the cross-process lock."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coach.atomic import atomic_write_bytes, file_lock, sweep_temp_files


def test_write_creates_the_directory_and_the_file(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "file.toml"
    atomic_write_bytes(target, b"x = 1\n")
    assert target.read_text() == "x = 1\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["file.toml"]


def test_write_replaces_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "file.toml"
    target.write_bytes(b"old")
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["file.toml"]


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_new_files_are_private(tmp_path: Path) -> None:
    target = tmp_path / "file.toml"
    atomic_write_bytes(target, b"x")
    assert target.stat().st_mode & 0o077 == 0


def test_a_failed_rename_keeps_the_old_file_and_removes_the_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file.toml"
    target.write_bytes(b"old")

    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="No space"):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.toml"]


def test_sweep_removes_only_this_files_strays(tmp_path: Path) -> None:
    target = tmp_path / "history.toml"
    target.write_bytes(b"keep")
    (tmp_path / ".history.toml.abc123.tmp").write_bytes(b"half")
    (tmp_path / ".history.toml.zzz.tmp").write_bytes(b"")
    (tmp_path / ".settings.toml.abc.tmp").write_bytes(b"other file's")
    (tmp_path / "history.toml.damaged-20240101-000000").write_bytes(b"kept")
    assert sweep_temp_files(target) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".settings.toml.abc.tmp",
        "history.toml",
        "history.toml.damaged-20240101-000000",
    ]


_HOLDER = """
import sys
from pathlib import Path
from coach.atomic import file_lock
with file_lock(Path(sys.argv[1])) as held:
    print("held" if held else "not held", flush=True)
    sys.stdin.readline()
"""


def test_lock_excludes_another_process_and_is_released(tmp_path: Path) -> None:
    target = tmp_path / "history.toml"
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(target)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdin is not None
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        with file_lock(target, timeout=0.2) as held:
            assert held is False  # gave up after the timeout and went on, rather than hanging
        assert time.monotonic() - started >= 0.2
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.wait(timeout=10) == 0
        with file_lock(target, timeout=5) as held:
            assert held is True
    finally:
        holder.kill()
        holder.wait()


def test_lock_is_released_when_the_holder_is_killed(tmp_path: Path) -> None:
    target = tmp_path / "history.toml"
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(target)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "held"
    holder.kill()
    holder.wait()
    with file_lock(target, timeout=5) as held:
        assert held is True


def test_lock_in_an_impossible_place_goes_on_unlocked(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    with file_lock(blocker / "history.toml", timeout=0.1) as held:
        assert held is False
