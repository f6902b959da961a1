"""Crash-safe file writes and a cross-process lock.

A write goes to a temporary file in the target's own directory (so the final rename never crosses a
filesystem), is flushed and fsynced, then renamed over the target with :func:`os.replace`, and finally
the directory itself is fsynced so the rename survives a power cut. At every instant the target is
either the complete old file or the complete new one; a process killed mid-write leaves at worst a
stray temporary file, which :func:`sweep_temp_files` removes later. A file that only grows at its end
(the history) can instead take one entry there with :func:`append_bytes`, in a single write.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

TEMP_SUFFIX = ".tmp"
"""Temporary files are named ``.<target name>.<random>.tmp`` next to the target."""

LOCK_SUFFIX = ".lock"

_LOCK_POLL_SECONDS = 0.01


def aside_path(path: Path, when: datetime) -> Path:
    """A free name beside ``path`` for a damaged copy: ``NAME.damaged-YYYYMMDD-HHMMSS``.

    ``-2``, ``-3``... follow when that name is taken (a dangling symlink counts as taken), so a copy
    set aside never replaces an earlier one. History and settings both name their damaged files here.
    """
    stem = f"{path.name}.damaged-{when:%Y%m%d-%H%M%S}"
    candidate, number = path.with_name(stem), 1
    while candidate.exists() or candidate.is_symlink():
        number += 1
        candidate = path.with_name(f"{stem}-{number}")
    return candidate


class LinkOutside(OSError):
    """The file to write is a symbolic link to somewhere outside its own folder: coach does not write
    through it (``strerror`` says so in words)."""


def write_target(path: Path) -> Path:
    """The file a write to ``path`` really replaces: ``path`` itself, or, when ``path`` is a symbolic link
    to a file inside ``path``'s own folder (or below it), that file, so the link stays a link.

    A link that leads anywhere else raises :class:`LinkOutside`: a crafted link must not make coach
    overwrite a file outside its data folder, and replacing the link with a file of its own would cut
    the user's link silently.
    """
    if not path.is_symlink():
        return path
    home = Path(os.path.realpath(path.parent))
    real = Path(os.path.realpath(path))
    if real != home and home in real.parents:
        return real
    raise LinkOutside(
        errno.EPERM,
        f"{path.name} is a link to {real}, outside {home}; coach does not write through it (make it a "
        "regular file, or start coach with --data-dir DIR)",
        str(path),
    )


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that no reader ever sees a partial file.

    Creates the parent directory if needed. New files get the temporary file's private mode (0600 on
    POSIX): history and settings are personal. A symbolic link is written through only to a file in its
    own folder (see :func:`write_target`). ``OSError`` propagates (disk full, read-only, a link outside...)
    and the old file, if any, is left untouched.
    """
    atomic_write_chunks(path, (data,))


def atomic_write_chunks(path: Path, chunks: Iterable[bytes]) -> None:
    """:func:`atomic_write_bytes` for data that comes in ``chunks`` (written as they come, so a large
    file need not be held in memory whole); an exception from ``chunks`` leaves the old file as it is."""
    path = write_target(path)
    directory = path.parent
    directory.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    fsync_directory(directory)


def append_bytes(path: Path, data: bytes, expected_size: int) -> None:
    """Add ``data`` at the end of ``path`` in one write, then fsync; the caller holds the file's lock.

    For a file that only grows at its end (the history), so adding one entry does not rewrite years of
    them. ``expected_size`` is the size the caller checked: a file that changed since is refused with
    ``OSError`` (EAGAIN) before anything is written. If the write fails or falls short (a full disk),
    the file is cut back to that size, so it is left as it was, and ``OSError`` propagates.
    """
    fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    try:
        if os.fstat(fd).st_size != expected_size:
            raise OSError(errno.EAGAIN, "the file changed while it was being checked")
        try:
            written = os.write(fd, data)
            if written != len(data):
                raise OSError(errno.ENOSPC, "No space left on device")
            os.fsync(fd)
        except BaseException:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, expected_size)
                os.fsync(fd)
            raise
    finally:
        os.close(fd)


def fsync_directory(directory: Path) -> None:
    """Make a rename in ``directory`` durable. A no-op where directories cannot be opened (Windows)."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(directory, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        # Some filesystems refuse fsync on a directory (EINVAL); the data itself is already synced.
        pass
    finally:
        os.close(fd)


def sweep_temp_files(path: Path) -> int:
    """Delete temporary files a killed writer of ``path`` left behind; returns how many.

    Only call this while holding :func:`file_lock` for ``path``: every writer of ``path`` writes under
    that lock, so no temporary file can belong to a write still in progress.
    """
    removed = 0
    with contextlib.suppress(OSError):
        for stray in path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                stray.unlink()
                removed += 1
    return removed


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        # msvcrt.locking locks a byte range starting at the current position; byte 0 of the lock
        # file is the agreed range. LK_NBLCK fails at once when another process holds it.
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError as error:
            # ENOLCK and friends: the filesystem cannot lock (some network mounts). Going on without
            # the lock is better than refusing to save; the write itself stays atomic.
            if error.errno in (errno.EAGAIN, errno.EACCES):
                return False
            raise _LockUnavailable from error
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)


class _LockUnavailable(Exception):
    """The filesystem does not support locking at all."""


@contextlib.contextmanager
def file_lock(path: Path, timeout: float = 10.0) -> Iterator[bool]:
    """Hold an exclusive advisory lock on ``<path>.lock`` for a read-modify-write of ``path``.

    POSIX uses ``flock``, which the kernel releases when the holder dies, even by SIGKILL. Windows
    locks byte 0 of the lock file with ``msvcrt.locking``, released when the handle closes. Yields
    True when the lock is held. If it cannot be had within ``timeout`` seconds (a stuck holder), or
    the lock file cannot be created or locked at all, yields False and the caller goes on unlocked:
    the write is still atomic, and a frozen app is worse than the slim chance of a lost race. The lock
    file is never deleted: removing it while another process waits on it would let two holders in.
    """
    lock_path = path.with_name(path.name + LOCK_SUFFIX)
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        yield False
        return
    held = False
    try:
        deadline = time.monotonic() + timeout
        try:
            while not (held := _try_lock(fd)) and time.monotonic() < deadline:
                time.sleep(_LOCK_POLL_SECONDS)
        except _LockUnavailable:
            held = False
        yield held
    finally:
        if held:
            _unlock(fd)
        os.close(fd)
