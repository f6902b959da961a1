"""When the screen must stay on: from a session's start to its end, except through a long pause.

Pure logic on an injected clock: the player tells it what the session does, and it tells a keeper
(:class:`~coach.awake.keepers.Keeper`) to hold or release. A pause keeps the hold for
:data:`PAUSE_RELEASE` seconds (a short pause to add oil should not let the screen go dark), then lets go.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

PAUSE_RELEASE = 180.0
"""Seconds of pause after which the screen may sleep again (the next resume holds it once more)."""


class Holder(Protocol):
    """What the policy drives: anything with ``hold`` and ``release``."""

    def hold(self) -> None:
        """Keep the screen on (again)."""

    def release(self) -> None:
        """Let the screen sleep."""


class AwakePolicy:
    """Holds the screen on while a session plays; lets go after a long pause and at the end."""

    def __init__(self, keeper: Holder, clock: Callable[[], float],
                 pause_release: float = PAUSE_RELEASE) -> None:
        self._keeper = keeper
        self._clock = clock
        self._pause_release = pause_release
        self._paused_at: float | None = None
        self.held = False
        """Whether the policy has the keeper holding now."""

    def playing(self) -> None:
        """The session runs (started or resumed): hold."""
        self._paused_at = None
        if not self.held:
            self.held = True
            self._keeper.hold()

    def paused(self) -> None:
        """The session is paused: keep holding for a while (see :meth:`due`)."""
        if self._paused_at is None:
            self._paused_at = self._clock()

    def due(self) -> float | None:
        """Seconds until :meth:`check` has something to do, or None when nothing is waiting."""
        if self._paused_at is None or not self.held:
            return None
        return max(0.0, self._paused_at + self._pause_release - self._clock())

    def check(self) -> None:
        """Release once a pause has lasted long enough."""
        due = self.due()
        if due is not None and due <= 0:
            self._let_go()

    def ended(self) -> None:
        """The session is over (summary, quit, exit): release."""
        self._paused_at = None
        self._let_go()

    def _let_go(self) -> None:
        if self.held:
            self.held = False
            self._keeper.release()
