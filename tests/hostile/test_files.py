"""Files that are not files, files too large, nesting too deep: refused at once, never read or waited on."""

from __future__ import annotations

import contextlib
import os
import re
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach import limits, paths
from coach.history import History, history_path, load_history
from coach.limits import FileRefused, TomlRefused, nesting, parse_toml, read_bounded, size_text
from coach.routines.load import RoutinesError, load_library, parse_library
from coach.settings import load_settings, settings_path
from tests.history_helpers import make_record
from tests.hostile.helpers import coach

SHIPPED = paths.shipped_routines().read_text(encoding="utf-8")
README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def fifo(tmp_path: Path, name: str = "pipe") -> Path:
    path = tmp_path / name
    os.mkfifo(path)
    return path


# -- the reader ---------------------------------------------------------------------------------------


def test_a_pipe_is_refused_at_once_without_waiting_for_a_writer(tmp_path: Path) -> None:
    path = fifo(tmp_path)
    started = time.monotonic()
    with pytest.raises(FileRefused, match="a pipe"):
        read_bounded(path, 100)
    assert time.monotonic() - started < 1


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_is_refused_without_reading_a_byte(device: str) -> None:
    with pytest.raises(FileRefused, match="a device"):
        read_bounded(device, 100)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError, match="is a folder"):
        read_bounded(tmp_path, 100)


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big"
    with path.open("wb") as handle:  # a sparse file: 5 GB on paper, nothing on disk
        handle.truncate(5 * 1024**3)
    with pytest.raises(FileRefused, match="is 5120 MB, more than the 1 MB"):
        read_bounded(path, limits.MIB, what="routines file")


def test_a_file_exactly_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 1000)
    assert read_bounded(path, 1000) == b"x" * 1000
    with pytest.raises(FileRefused):
        read_bounded(path, 999)


@pytest.mark.parametrize(("size", "text"), [(800, "800 bytes"), (64 * 1024, "64 KB"), (1024**2, "1 MB"),
                                             (int(5.2 * 1024**2), "5.2 MB")])
def test_sizes_read_as_people_say_them(size: int, text: str) -> None:
    assert size_text(size) == text


# -- every reader of coach uses it ---------------------------------------------------------------------


@pytest.mark.parametrize("target", ["fifo", "/dev/zero", "/dev/urandom", "folder", "huge"])
def test_validate_refuses_what_is_not_a_routines_file_at_once(tmp_path: Path, target: str) -> None:
    path: Path | str
    if target == "fifo":
        path = fifo(tmp_path)
    elif target == "folder":
        path = tmp_path
    elif target == "huge":
        path = tmp_path / "huge.toml"
        with path.open("wb") as handle:
            handle.truncate(50 * 1024**2)
    else:
        path = target
    started = time.monotonic()
    with pytest.raises(RoutinesError) as caught:
        load_library(path)
    assert time.monotonic() - started < 2
    (problem,) = caught.value.problems
    assert re.search("pipe|device|folder|50 MB, more than the 1 MB", problem.message), problem.message


def test_the_command_refuses_a_pipe_at_once(tmp_path: Path) -> None:
    path = fifo(tmp_path, "routines.toml")
    done = coach("validate", str(path), env={"COACH_DATA_DIR": str(tmp_path / "d")}, timeout=20)
    assert done.returncode == 2 and b"is not a regular file (a pipe)" in done.stderr


def test_history_that_is_a_pipe_is_set_aside_and_a_session_still_saved(tmp_path: Path) -> None:
    path = history_path(tmp_path)
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    loaded = load_history(tmp_path)
    assert loaded.entries == () and loaded.notice is not None and "a pipe" in loaded.notice
    History(path).append(make_record(datetime(2024, 5, 1, 22, tzinfo=UTC)))
    assert len(load_history(tmp_path).entries) == 1


def test_history_far_too_large_is_set_aside_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("coach.history.store.MAX_HISTORY_BYTES", 1000)
    path = history_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"version = 1\n" + b"#" * 2000)
    loaded = load_history(tmp_path)
    assert loaded.notice is not None and "more than the 1000 bytes" in loaded.notice
    assert loaded.set_aside is not None and loaded.set_aside.stat().st_size == 2012


@pytest.mark.parametrize("target", ["fifo", "/dev/zero", "huge"])
def test_settings_that_are_not_a_file_give_the_defaults_at_once(tmp_path: Path, target: str) -> None:
    path = settings_path(tmp_path)
    path.parent.mkdir(parents=True)
    if target == "fifo":
        os.mkfifo(path)
    elif target == "huge":
        path.write_bytes(b"#" * (limits.MAX_SETTINGS_BYTES + 1))
    else:
        path.symlink_to(target)
    loaded = load_settings(tmp_path)
    assert loaded.broken and loaded.notice is not None


# -- nesting and numbers too long to read ---------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(st.integers(limits.MAX_NESTING, 3000), st.sampled_from(["[", "{a="]))
def test_nesting_too_deep_is_refused_quickly(depth: int, opener: str) -> None:
    closer = "]" if opener == "[" else "}"
    text = "x = " + opener * depth + "1" + closer * depth + "\n"
    started = time.monotonic()
    with pytest.raises(TomlRefused, match="nested more than"):
        parse_toml(text)
    assert time.monotonic() - started < 1


def test_nesting_is_measured_without_recursion() -> None:
    value: object = 1
    for _ in range(100_000):
        value = [value]
    assert nesting(value) == limits.MAX_NESTING + 1  # stops as soon as it is past the limit
    assert nesting({"a": [1, {"b": 2}]}) == 3


def test_a_routines_file_needs_less_nesting_than_the_limit() -> None:
    parse_library(SHIPPED)  # fine
    assert nesting(parse_toml(SHIPPED)) < limits.MAX_NESTING


def test_deep_nesting_in_a_history_file_is_set_aside_quickly(tmp_path: Path) -> None:
    path = history_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text("version = 1\nx = " + "[" * 1000 + "]" * 1000 + "\n")
    started = time.monotonic()
    loaded = load_history(tmp_path)
    assert time.monotonic() - started < 2
    assert loaded.notice is not None and "nested" in loaded.notice and loaded.set_aside is not None


def test_deep_nesting_in_settings_gives_the_defaults(tmp_path: Path) -> None:
    path = settings_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text("x = " + "[" * 1000 + "]" * 1000 + "\n")
    loaded = load_settings(tmp_path)
    assert loaded.broken and loaded.notice is not None and "nested" in loaded.notice


def test_a_number_of_5000_digits_in_history_or_settings_is_told(tmp_path: Path) -> None:
    path = history_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text("version = 1\nx = " + "9" * 5000 + "\n")
    loaded = load_history(tmp_path)
    assert loaded.notice is not None and "more than 4300 digits (line 2)" in loaded.notice
    settings_path(tmp_path).parent.mkdir(parents=True, exist_ok=True)
    settings_path(tmp_path).write_text("chime = true\nx = " + "9" * 5000 + "\n")
    assert "4300 digits" in (load_settings(tmp_path).notice or "")


# -- long strings ----------------------------------------------------------------------------------------


def test_the_longest_routines_file_accepted_is_checked_quickly() -> None:
    """A string filling the whole size limit: refused as too long, within a second."""
    filler = "x" * (limits.MAX_ROUTINES_BYTES - len(SHIPPED) - 100)
    text = SHIPPED.replace('description = "', f'description = "{filler}', 1)
    started = time.monotonic()
    with pytest.raises(RoutinesError, match=f"at most {limits.MAX_TEXT_CHARS} characters"):
        parse_library(text)
    assert time.monotonic() - started < 10  # about 0.1 s on an idle machine; the bound is for a loaded one


def test_a_file_written_while_it_is_read_cannot_grow_past_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "growing"
    path.write_bytes(b"x" * 10)
    stop = threading.Event()

    def grow() -> None:
        with path.open("ab") as handle:
            while not stop.is_set():
                handle.write(b"y" * 65536)
                handle.flush()

    writer = threading.Thread(target=grow)
    writer.start()
    try:
        for _ in range(20):
            with contextlib.suppress(FileRefused):
                assert len(read_bounded(path, 1024 * 1024)) <= 1024 * 1024
    finally:
        stop.set()
        writer.join()


# -- the README says the limits ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("constant", "shown"),
    [
        ("MAX_ROUTINES_BYTES", size_text(limits.MAX_ROUTINES_BYTES)),
        ("MAX_SETTINGS_BYTES", size_text(limits.MAX_SETTINGS_BYTES)),
        ("MAX_HISTORY_BYTES", size_text(limits.MAX_HISTORY_BYTES)),
        ("MAX_HISTORY_PARSE_BYTES", size_text(limits.MAX_HISTORY_PARSE_BYTES)),
        ("MAX_NESTING", str(limits.MAX_NESTING)),
        ("MAX_ROUTINES", str(limits.MAX_ROUTINES)),
        ("MAX_STEPS", str(limits.MAX_STEPS)),
        ("MAX_PHASES", str(limits.MAX_PHASES)),
        ("MAX_COUNT", str(limits.MAX_COUNT)),
        ("MAX_POINTS_PER_FOOT", str(limits.MAX_POINTS_PER_FOOT)),
        ("MAX_LIST_ITEMS", str(limits.MAX_LIST_ITEMS)),
        ("MAX_ID_CHARS", str(limits.MAX_ID_CHARS)),
        ("MAX_NAME_CHARS", str(limits.MAX_NAME_CHARS)),
        ("MAX_TEXT_CHARS", str(limits.MAX_TEXT_CHARS)),
        ("MAX_CUE_WORDS", str(limits.MAX_CUE_WORDS)),
        ("MAX_CUE_CHARS", str(limits.MAX_CUE_CHARS)),
        ("MAX_REP_NAME_CHARS", str(limits.MAX_REP_NAME_CHARS)),
        ("MIN_BREATH_SECONDS", f"{limits.MIN_BREATH_SECONDS:g}"),
        ("MIN_UNIT_SECONDS", f"{limits.MIN_UNIT_SECONDS:g}"),
    ],
)
def test_the_readme_states_each_limit(constant: str, shown: str) -> None:
    row = next((line for line in README.splitlines() if f"`{constant}`" in line), None)
    assert row is not None, f"the README's limits table has no row for {constant}"
    assert f"| {shown} " in row or f" {shown} " in row, row


def test_no_process_is_left_waiting(tmp_path: Path) -> None:
    """A pipe handed to every command that reads files: each answers at once."""
    pipe = fifo(tmp_path, "routines.toml")
    for argv in (["list", "--routines", str(pipe)], ["validate", str(pipe)]):
        done = coach(*argv, env={"COACH_DATA_DIR": str(tmp_path)}, timeout=20)
        assert done.returncode == 2, argv
    data = tmp_path / "data-pipe"
    history_path(data).parent.mkdir(parents=True)
    os.mkfifo(history_path(data))
    done = coach("history", env={"COACH_DATA_DIR": str(data)}, timeout=20)
    assert done.returncode == 0 and b"a pipe" in done.stderr
