"""Keys and clicks handled one after another, each on a screen that is whole.

Textual hands every key to the focused widget as soon as it arrives, and a key that widget does not use
climbs to the app, which looks its binding up on the screen showing *then*. Keys that arrive together
(a paste, a fast typist, a clicker, a terminal that sends two in one read) are all handed out before the
first has done anything, so when the first one changes the screen (Enter starts the session, closes the
summary, opens the command palette) the next one lands on a screen that is still being built: the
player before its widgets exist (``'PlayerView' object has no attribute '_breathing'``), the setup
screen while it is being taken down (``No nodes match 'SafetyPanel'``), the palette's list before it has
lines (``KeyError``).

:class:`InputGate` fixes the order at its source: the app hands on one key (or click, or paste) and
holds every later one until the first has been handled all the way up and the screen it leaves behind
is mounted, quiet and drawn; then the next goes, and so on. A person typing at human speed never waits:
a key takes a few milliseconds to settle. Should the app never settle (a screen that keeps itself busy),
a bounded number of rounds lets the next key through rather than freeze the keyboard.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from typing import Any

from textual import events
from textual.app import App, ScreenStackError
from textual.message_pump import MessagePump

GATED = (events.Key, events.MouseDown, events.MouseUp, events.Paste)
"""What is handled in order: anything that can act (a click is made of a press and a release)."""
MAX_ROUNDS = 40
"""Rounds of waiting for the app to settle before the next key goes anyway (each takes a millisecond or
two: one callback queued behind each widget that still has something to do)."""
ROUND_TIMEOUT = 0.25
"""Seconds a round waits for a widget that may have been removed meanwhile (its callback never runs)."""


class InputGate:
    """Hands input to the app one event at a time, each once the previous one has settled."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._held: deque[events.Event] = deque()
        self._busy = False
        self._released: events.Event | None = None
        self._task: asyncio.Task[None] | None = None

    @property
    def idle(self) -> bool:
        """True when nothing is being settled and nothing is held back."""
        return not self._busy and not self._held

    def admit(self, event: events.Event) -> bool:
        """Whether the app handles ``event`` now; if not, it is held and handed back later, in order."""
        if not isinstance(event, GATED) or event.is_forwarded:
            return True
        if event is self._released:
            self._released = None
        elif self._busy:
            self._held.append(event)
            return False
        self._busy = True
        self._task = asyncio.get_running_loop().create_task(self._settle())
        self._task.add_done_callback(self._reported)
        return True

    def close(self) -> None:
        """The app is ending: drop what is held and stop waiting."""
        self._held.clear()
        if self._task is not None:
            self._task.cancel()
            self._task = None

    async def _settle(self) -> None:
        """Wait until the event just handed on has been handled and its screen is whole, then hand on
        the next held event. Whatever happens, the next one is handed on: the keyboard never freezes."""
        try:
            await self._until_settled()
        except ScreenStackError:  # the app is ending: no screen is left to settle
            pass
        finally:
            self._task = None
            self._hand_on()

    async def _until_settled(self) -> None:
        for _ in range(MAX_ROUNDS):
            screen = self._app.screen
            nodes: list[MessagePump] = [self._app, *screen.walk_children(with_self=True)]
            busy = [node for node in nodes if node.message_queue_size]
            if not busy and screen.is_mounted:
                break
            await self._round(busy or [self._app])
        with contextlib.suppress(asyncio.TimeoutError):
            # Laid out and drawn once, so sizes and lists are there for the next key.
            await asyncio.wait_for(self._refreshed(), ROUND_TIMEOUT)

    def _hand_on(self) -> None:
        """The next held event goes to the app's queue (so it is handled in the app's own task)."""
        if self._held:
            self._released = self._held.popleft()
            self._app.post_message(self._released)
        else:
            self._busy = False

    def _reported(self, task: asyncio.Task[None]) -> None:
        """A fault in the gate itself is the app's fault: raised in the app, shown as any other."""
        if not task.cancelled() and (error := task.exception()) is not None:
            self._app.call_later(_raise, error)

    @staticmethod
    async def _round(nodes: list[MessagePump]) -> None:
        """Queue one callback behind what each of ``nodes`` has to do, and wait for them all (a node
        removed meanwhile never runs its callback: the wait is bounded)."""
        left = 0
        done = asyncio.Event()

        def one_done() -> None:
            nonlocal left
            left -= 1
            if left == 0:
                done.set()

        for node in nodes:
            if node.call_later(one_done):
                left += 1
        if left:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(done.wait(), ROUND_TIMEOUT)

    async def _refreshed(self) -> None:
        refreshed = asyncio.Event()
        if self._app.screen.call_after_refresh(refreshed.set):
            await refreshed.wait()


def _raise(error: BaseException) -> None:
    raise error
