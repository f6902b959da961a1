"""A program on its own pseudo-terminal, read the way a terminal would, and its costs from ``/proc``.

The program gets the terminal as stdin, stdout and stderr (Textual draws on stderr) and as its
controlling terminal. A thread keeps reading everything it writes, so it never blocks on a full
terminal; while asked to, the thread also feeds the output to a pyte screen to see what is shown.
Linux only: the costs come from ``/proc/<pid>/stat`` and ``/proc/<pid>/status``.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Mapping, Sequence

import pyte

CTRL_Q = "\x11"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of ``pid`` (all its threads) so far, in seconds."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        text = stat.read()
    # The command name in parentheses may hold spaces; the fields after it are fixed.
    fields = text[text.rfind(")") + 2 :].split()
    utime, stime = int(fields[11]), int(fields[12])  # fields 14 and 15 of proc(5)
    return (utime + stime) / CLOCK_TICKS


def cpu_seconds_fine(pid: int) -> float:
    """User plus system CPU time of ``pid``'s live threads, to the nanosecond (``schedstat``).

    :func:`cpu_seconds` counts in clock ticks (1/100 s), too coarse for a program that sleeps almost
    all the time; this reads the scheduler's own run time of each thread. Threads that already ended
    are not counted, so take differences over a window in which the program starts no threads.
    Falls back to :func:`cpu_seconds` where the kernel has no ``schedstat``.
    """
    if not os.path.exists(f"/proc/{pid}/schedstat"):
        return cpu_seconds(pid)
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat", encoding="ascii") as stat:
                total += int(stat.read().split()[0])
        except (FileNotFoundError, ProcessLookupError):  # a thread that just ended
            continue
    return total / 1e9


def memory_kib(pid: int) -> dict[str, int]:
    """``VmRSS`` (resident now) and ``VmHWM`` (resident at its peak) of ``pid``, in KiB."""
    found: dict[str, int] = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(value.split()[0])
    return found


def _shows(screen: pyte.Screen, text: str | tuple[str, ...]) -> bool:
    """Whether ``screen`` shows ``text``, or any of the texts given."""
    shown = "\n".join(screen.display)
    return any(one in shown for one in ((text,) if isinstance(text, str) else text))


def _take_terminal() -> None:
    """In the child, after ``setsid``: make the pseudo-terminal (its stdin) the controlling terminal."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class PtyChild:
    """``argv`` started on a new ``columns`` x ``lines`` pseudo-terminal, its output drained and watched."""

    def __init__(self, argv: Sequence[str], env: Mapping[str, str], columns: int, lines: int) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        self.screen = pyte.Screen(columns, lines)
        self._stream = pyte.ByteStream(self.screen)
        self._lock = threading.Lock()
        self._wanted: str | tuple[str, ...] | None = None
        self._seen = threading.Event()
        self.seen_at = 0.0
        self.bytes_out = 0
        self.watching = True
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            list(argv), stdin=slave, stdout=slave, stderr=slave, env=dict(env),
            start_new_session=True, preexec_fn=_take_terminal, close_fds=True,
        )
        os.close(slave)  # only the child holds it now, so reading gives EIO once the child is gone
        self._reader = threading.Thread(target=self._drain, name="pty-drain", daemon=True)
        self._reader.start()

    @property
    def pid(self) -> int:
        """The child's process id."""
        return self.process.pid

    def text(self) -> str:
        """What the terminal shows now (as far as it was watched)."""
        with self._lock:
            return "\n".join(self.screen.display)

    def _drain(self) -> None:
        while True:
            try:
                ready, _, _ = select.select([self.master], [], [], 0.5)
                if not ready:
                    if self.process.poll() is not None:
                        return
                    continue
                data = os.read(self.master, 65536)
            except OSError:  # EIO: the child and everything it started have closed the terminal
                return
            if not data:
                return
            now = time.monotonic()
            with self._lock:
                self.bytes_out += len(data)
                if not self.watching:
                    continue
                self._stream.feed(data)
                wanted = self._wanted
                if wanted and not self._seen.is_set() and _shows(self.screen, wanted):
                    self.seen_at = now
                    self._seen.set()

    def wait_for(self, text: str | tuple[str, ...], timeout: float) -> float:
        """Block until ``text`` (or any of several) is on the screen; the moment (monotonic) the output
        showing it arrived."""
        with self._lock:
            self._wanted = text
            self._seen.clear()
            if _shows(self.screen, text):
                self.seen_at = time.monotonic()
                self._seen.set()
        deadline = time.monotonic() + timeout
        while not self._seen.wait(0.1):
            if self.process.poll() is not None:
                raise RuntimeError(f"exited with {self.process.returncode} before showing {text!r}:\n"
                                   f"{self.text()}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"{text!r} not shown within {timeout:g} s; the screen:\n{self.text()}")
        return self.seen_at

    def press(self, keys: str) -> None:
        """Type ``keys`` as a person would."""
        os.write(self.master, keys.encode())

    def stop_watching(self) -> None:
        """Keep draining but stop emulating the screen, so the benchmark itself stays quiet."""
        with self._lock:
            self.watching = False

    def wait_for_output(self, timeout: float) -> float:
        """Block until the child has written anything; the moment (monotonic) it was first seen."""
        deadline = time.monotonic() + timeout
        while self.bytes_out == 0:
            if self.process.poll() is not None:
                raise RuntimeError(f"exited with {self.process.returncode} before writing anything")
            if time.monotonic() > deadline:
                raise TimeoutError(f"nothing written within {timeout:g} s")
            time.sleep(0.01)
        return time.monotonic()

    def stop(self, grace: float = 5.0, quit_keys: str = CTRL_Q) -> str:
        """End the child: ``quit_keys`` first (Ctrl+Q), then SIGTERM, then SIGKILL. How it ended:
        quit, term or kill."""
        how = "quit"
        if self.process.poll() is None:
            with contextlib.suppress(OSError):  # the terminal may already be gone
                self.press(quit_keys)
        for signum, next_how in ((signal.SIGTERM, "term"), (signal.SIGKILL, "kill")):
            try:
                self.process.wait(grace)
                break
            except subprocess.TimeoutExpired:
                self.process.send_signal(signum)
                how = next_how
        self.process.wait()
        self._reader.join(2.0)
        os.close(self.master)
        return how
