"""Damaged or odd user data: read or set aside with a notice; never written through a link outside the
data folder; a disk that refuses is told with what to do, and the session stays on screen."""

from __future__ import annotations

import errno
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach import atomic
from coach.atomic import LinkOutside, atomic_write_bytes, write_target
from coach.history import History, HistoryError, history_path, load_history
from coach.history import store as history_store
from coach.settings import Settings, load_settings, save_settings, settings_path
from tests.history_helpers import make_record

START = datetime(2024, 5, 1, 22, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fresh_process_memory() -> None:
    history_store._SNAPSHOTS.clear()


# -- symbolic links ----------------------------------------------------------------------------------------


def test_a_history_linked_to_a_file_outside_is_never_written(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere" / "history.toml"
    History(outside).append(make_record(START), entry_id="theirs")
    before = outside.read_bytes()
    history_store._SNAPSHOTS.clear()
    path = history_path(tmp_path / "d")
    path.parent.mkdir(parents=True)
    path.symlink_to(outside)
    assert [e.id for e in load_history(tmp_path / "d").entries] == ["theirs"]  # reading is fine
    with pytest.raises(HistoryError, match=r"link to .*history.toml.*does not write through it"):
        History(path).append(make_record(START))
    assert outside.read_bytes() == before
    assert path.is_symlink()  # the user's link is not silently replaced either


def test_a_link_outside_to_a_damaged_file_is_set_aside_and_the_file_left_alone(tmp_path: Path) -> None:
    outside = tmp_path / "precious.txt"
    outside.write_text("not yours\n")
    path = history_path(tmp_path / "d")
    path.parent.mkdir(parents=True)
    path.symlink_to(outside)
    History(path).append(make_record(START), entry_id="mine")
    assert outside.read_text() == "not yours\n"
    assert [p for p in path.parent.iterdir() if ".damaged-" in p.name and p.is_symlink()]


def test_a_link_to_a_file_inside_the_data_folder_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    data = history_path(tmp_path)
    data.parent.mkdir(parents=True)
    real = data.parent / "kept" / "history-real.toml"
    real.parent.mkdir()
    data.symlink_to(real)
    History(data).append(make_record(START), entry_id="one")
    assert data.is_symlink() and [e.id for e in load_history(tmp_path).entries] == ["one"]
    assert b"one" in real.read_bytes()


def test_a_settings_file_linked_outside_is_not_written(tmp_path: Path) -> None:
    outside = tmp_path / "other.toml"
    outside.write_text("chime = true\n")
    path = settings_path(tmp_path / "d")
    path.parent.mkdir(parents=True)
    path.symlink_to(outside)
    loaded = load_settings(tmp_path / "d")
    with pytest.raises(LinkOutside):
        save_settings(tmp_path / "d", Settings(sound=False), loaded=loaded)
    assert outside.read_text() == "chime = true\n" and path.is_symlink()


@pytest.mark.parametrize("target", ["../x", "/etc/passwd", "sub/../../y", "."])
def test_links_that_leave_the_folder_are_refused(tmp_path: Path, target: str) -> None:
    link = tmp_path / "f"
    link.symlink_to(target)
    with pytest.raises(LinkOutside):
        atomic_write_bytes(link, b"x")


def test_a_plain_file_is_its_own_target(tmp_path: Path) -> None:
    assert write_target(tmp_path / "f") == tmp_path / "f"


# -- a refusing disk -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "remedy"),
    [(errno.ENOSPC, "Make some room on the disk"), (errno.EROFS, "writable, or start coach with --data-dir"),
     (errno.EACCES, "writable"), (errno.EIO, "--data-dir DIR")],
)
def test_a_refused_write_says_where_and_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: int, remedy: str
) -> None:
    def refuse(path: Path, data: bytes) -> None:
        raise OSError(error, "refused")

    monkeypatch.setattr(history_store, "atomic_write_bytes", refuse)
    with pytest.raises(HistoryError) as caught:
        History(history_path(tmp_path)).append(make_record(START))
    assert str(history_path(tmp_path)) in str(caught.value) and remedy in str(caught.value)


def test_data_folder_that_is_a_file(tmp_path: Path) -> None:
    base = tmp_path / "a-file"
    base.write_text("x")
    assert load_history(base).entries == ()
    loaded = load_settings(base)
    assert loaded.settings == Settings() and loaded.notice is not None and "Not a directory" in loaded.notice
    with pytest.raises(HistoryError, match=r"not saved.*Not a directory.*--data-dir"):
        History(history_path(base)).append(make_record(START))
    assert base.read_text() == "x"


# -- any damage -------------------------------------------------------------------------------------------

damage = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", errors="surrogatepass")),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(damage, st.integers(0, 2000))
def test_any_bytes_or_a_cut_anywhere_are_read_or_set_aside_and_a_session_still_saves(
    tmp_path: Path, junk: bytes, cut: int
) -> None:
    history_store._SNAPSHOTS.clear()
    folder = tmp_path / "h"
    path = history_path(folder)
    if path.parent.exists():
        for stray in path.parent.iterdir():
            stray.unlink()
    history = History(path)
    for day in range(2):
        history.append(make_record(START.replace(day=1 + day)), entry_id=f"s{day}")
    good = path.read_bytes()
    history_store._SNAPSHOTS.clear()
    path.write_bytes(good[:cut] + junk)
    loaded = load_history(folder)  # never raises
    before = len(loaded.entries)
    History(path).append(make_record(START.replace(day=20)), entry_id="new")
    after = load_history(folder)
    assert after.entries[-1].id == "new" and len(after.entries) == before + 1
    # Nothing was lost: the damaged bytes are kept aside whenever the file was not read whole.
    kept = [p.read_bytes() for p in path.parent.iterdir() if ".damaged-" in p.name]
    assert loaded.notice is None or good[:cut] + junk in kept


def test_a_newer_settings_file_is_never_written_over(tmp_path: Path) -> None:
    path = settings_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text('version = 9\nchime = false\nhologram = "on"\n')
    loaded = load_settings(tmp_path)
    assert loaded.settings.sound is False and loaded.notice is not None and "newer version" in loaded.notice
    with pytest.raises(OSError, match="newer version"):
        save_settings(tmp_path, Settings(sound=True), loaded=loaded)
    assert path.read_text() == 'version = 9\nchime = false\nhologram = "on"\n'


def test_the_lock_and_temporary_files_stay_in_the_data_folder(tmp_path: Path) -> None:
    path = history_path(tmp_path)
    History(path).append(make_record(START))
    assert {p.parent for p in tmp_path.rglob("*") if p.is_file()} == {path.parent}
    assert atomic.TEMP_SUFFIX not in "".join(p.name for p in path.parent.iterdir())
