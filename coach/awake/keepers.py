"""Who keeps the screen on: ``wakepy`` in the terminal, the browser page when served, and what each says.

:class:`WakepyKeeper` runs every wakepy call in one daemon thread of its own: wakepy's modes must be
entered and left in the thread that made them, a D-Bus call may take a while, and neither may stall a
frame or hold up coach's exit. What it achieved is reported as an :class:`AwakeStatus`, whose
:meth:`~AwakeStatus.line` the setup screen shows.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from coach.serve.channel import PageCueSink

AwakeState = Literal["checking", "kept", "failed", "missing", "page"]


@dataclass(frozen=True)
class AwakeStatus:
    """Whether the screen can be kept on, and how."""

    state: AwakeState
    method: str = ""
    """How it is kept on, e.g. ``org.freedesktop.ScreenSaver`` (wakepy's name for its method)."""

    def line(self, short: bool = False) -> str:
        """One line for the setup screen (``short``: at most 31 characters, for a small terminal)."""
        if short:
            return _SHORT[self.state]
        if self.state == "kept":
            return f"Screen kept awake during a session ({self.method})"
        if self.state == "page":
            return "Screen kept on by the browser during a session (Wake Lock)"
        if self.state == "missing":
            return "Screen not kept awake: set a longer screen timeout, or install coach[wake]"
        if self.state == "failed":
            return "Could not keep the screen awake: set a longer screen timeout"
        return "Screen: checking how to keep it awake"


_SHORT: dict[AwakeState, str] = {
    "kept": "Screen kept awake",
    "page": "Screen kept on by the browser",
    "missing": "Screen may sleep (no wakepy)",
    "failed": "Could not keep the screen awake",
    "checking": "Screen: checking",
}


class Keeper(Protocol):
    """Holds the screen on and lets it go; says how (see :class:`AwakeStatus`)."""

    status: AwakeStatus

    def hold(self) -> None:
        """Keep the screen on."""

    def release(self) -> None:
        """Let the screen sleep."""

    def close(self) -> None:
        """Release, and stop for good (coach is exiting)."""


class ModeLike(Protocol):
    """What coach uses of a wakepy ``Mode``: a context manager that says whether and how it is active."""

    active: bool
    method: Any

    def __enter__(self) -> Any: ...

    def __exit__(self, exc_type: Any, exc: Any, traceback: Any, /) -> Any: ...


ModeFactory = Callable[[Callable[[object], None]], ModeLike]
"""Makes a mode given its on-fail callback: wakepy's ``keep.presenting`` by default, a fake in tests."""


def wakepy_presenting(on_fail: Callable[[object], None]) -> ModeLike:
    """wakepy's "presenting" mode: the system and the display stay awake. ImportError without wakepy."""
    from wakepy import keep

    mode: ModeLike = keep.presenting(on_fail=on_fail)
    return mode


class WakepyKeeper:
    """Keeps the computer and its display awake with wakepy, from a thread of its own."""

    def __init__(self, on_change: Callable[[AwakeStatus], None] | None = None,
                 factory: ModeFactory = wakepy_presenting) -> None:
        """``on_change`` is called, from the keeper's thread, whenever :attr:`status` changes."""
        self.status = AwakeStatus("checking")
        self._on_change = on_change
        self._factory = factory
        self._mode: ModeLike | None = None
        self._jobs: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._work, name="coach-awake", daemon=True)
        self._thread.start()

    def probe(self) -> None:
        """Find out, without keeping it, whether and how the screen can be kept awake."""
        self._jobs.put(self._probe)

    def hold(self) -> None:
        """Keep the screen awake (nothing waits for it)."""
        self._jobs.put(self._enter)

    def release(self) -> None:
        """Let the screen sleep again."""
        self._jobs.put(self._exit)

    def close(self, timeout: float = 2.0) -> None:
        """Release and stop the thread, waiting at most ``timeout`` seconds (a stuck call is left behind)."""
        self._jobs.put(self._exit)
        self._jobs.put(None)
        self._thread.join(timeout)

    def wait(self, timeout: float = 5.0) -> None:
        """Until the jobs asked for so far are done (tests)."""
        done = threading.Event()
        self._jobs.put(done.set)
        done.wait(timeout)

    # -- in the keeper's thread ---------------------------------------------------------------------
    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            try:
                job()
            except Exception:  # a failing keeper must never take coach down
                self._exit_quietly()
                self._report(AwakeStatus("failed"))

    def _new_mode(self) -> ModeLike | None:
        try:
            return self._factory(self._failed)
        except ImportError:
            self._report(AwakeStatus("missing"))
            return None

    def _failed(self, _result: object) -> None:
        """wakepy's on-fail callback: no method it tried could keep the screen awake."""
        self._report(AwakeStatus("failed"))

    def _probe(self) -> None:
        if self._mode is not None:
            return
        self._enter()
        self._exit()

    def _enter(self) -> None:
        if self._mode is not None:
            return
        mode = self._new_mode()
        if mode is None:
            return
        mode.__enter__()
        if mode.active:
            self._mode = mode
            self._report(AwakeStatus("kept", _method_name(mode.method)))
        else:
            mode.__exit__(None, None, None)
            self._report(AwakeStatus("failed"))

    def _exit(self) -> None:
        mode, self._mode = self._mode, None
        if mode is not None:
            mode.__exit__(None, None, None)

    def _exit_quietly(self) -> None:
        try:
            self._exit()
        except Exception:
            self._mode = None

    def _report(self, status: AwakeStatus) -> None:
        if status != self.status:
            self.status = status
            if self._on_change is not None:
                self._on_change(status)


def _method_name(method: object) -> str:
    name = getattr(method, "name", None)
    return str(name) if name else "wakepy"


class PageKeeper:
    """In a served session the page holds the screen on (Screen Wake Lock); the app only asks it to."""

    def __init__(self, sink: PageCueSink) -> None:
        self.status = AwakeStatus("page")
        self._sink = sink

    def hold(self) -> None:
        """Ask the page to keep the screen on."""
        self._sink.awake(True)

    def release(self) -> None:
        """Tell the page the screen may sleep."""
        self._sink.awake(False)

    def close(self) -> None:
        """Nothing to stop: the page lets go when its session ends."""
