"""The time-keeping core of a session: clocks, anchors, pauses, sleeps, moving between segments, events.

Nothing is counted in ticks. The core keeps an *anchor*: the clock time at which the current segment's
elapsed time was zero (moved forward by the length of every pause). Elapsed time is always
``now - anchor``, so a late or irregular refresh never makes the timer drift. Segments end by themselves:
:func:`~coach.engine.cursor.walk` works out where the clock has got to, and :meth:`Clockwork._advance`
commits that and queues the events in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from coach.engine.cursor import Cursor, moved_to, walk
from coach.engine.events import Event, EventKind, marks
from coach.engine.plan import Plan
from coach.engine.state import Moment
from coach.wording import duration_words

SUSPEND_THRESHOLD = 5.0
"""Wall time running this many seconds ahead of the monotonic clock between two calls means a sleep."""


class Clockwork:
    """The state a session keeps and the moves that change it; :class:`~coach.engine.Session` commands it."""

    def __init__(self, plan: Plan, clock: Callable[[], float], wall: Callable[[], float]) -> None:
        if not plan.segments:
            raise ValueError("a session needs a plan with at least one segment")
        self.plan = plan
        self._clock, self._wall = clock, wall
        count = len(plan.segments)
        self._lengths = [seg.seconds for seg in plan.segments]
        self._spent = [0.0] * count
        self._done = [False] * count
        self._cur = Cursor(0, 0.0, 0.0)
        self._started = self._paused = self._completed = False
        self._pause_start = 0.0
        self._paused_total = 0.0  # closed pauses plus time the monotonic clock never saw
        self._seen = 0.0  # the latest mark of the current segment already handled
        self._foot = plan.feet[0]
        self._events: list[Event] = []
        self._notice = ""
        self._start_wall = 0.0
        self._last: tuple[float, float] | None = None  # (monotonic, wall) at the last command

    def _live(self) -> bool:
        return self._started and not self._cur.finished

    def _eff(self, now: float) -> float:
        """The moment the session's own time has reached: frozen at the pause while paused."""
        return self._pause_start if self._paused else now

    def _elapsed(self, now: float) -> float:
        return max(0.0, self._eff(now) - self._cur.anchor)

    def _moment(self, now: float) -> Moment:
        if not self._started:
            return Moment(0, 0.0, 0.0, started=False, paused=False, finished=False, notice=self._notice)
        cur = self._cur
        eff = cur.end if cur.finished else self._eff(now)
        if not cur.finished:
            cur = walk(self.plan, self._lengths, cur, eff)
            eff = cur.end if cur.finished else eff
        paused = self._paused and not cur.finished
        return Moment(cur.index, eff - cur.anchor, eff - cur.breath_anchor, self._started, paused,
                      cur.finished, self._notice)

    def _observe(self) -> float:
        """Read both clocks; a wall clock that ran ahead of the monotonic one means the machine slept."""
        now, wall = self._clock(), self._wall()
        if self._last is not None and self._live():
            unseen = (wall - self._last[1]) - (now - self._last[0])
            if unseen > SUSPEND_THRESHOLD:
                self._advance(now)  # the monotonic clock stood still: the session ended, if at all, before
                if self._live():
                    self._paused_total += unseen
                if self._live() and not self._paused:
                    self._paused, self._pause_start = True, now
                    self._suspend_notice(f"Paused while the computer slept ({duration_words(unseen)}).")
        self._last = (now, wall)
        return now

    def _suspend_notice(self, text: str) -> None:
        self._notice = text
        self._emit("suspended", text)

    def _sync(self) -> float:
        now = self._observe()
        self._advance(now)
        return now

    def _advance(self, now: float) -> None:
        """Commit the clock's progress up to ``now``: segment ends, then due marks, in order."""
        if not self._live():
            return
        eff = self._eff(now)
        old = self._cur
        self._cur = walk(self.plan, self._lengths, old, eff, self._spent, self._done)
        if self._cur.finished:
            self._completed = True  # the last segment ran to its end
            self._emit("session_finished", "Session complete")
        elif self._cur.index != old.index:
            # Coalesced: the segments passed over raise nothing; the one landed on is announced.
            self._land(eff)
        else:
            # Picked before any is handled: two marks may share a moment (the last rep and "next").
            due = [m for m in marks(self.plan, old.index, self._lengths[old.index])
                   if m.at > self._seen and eff >= old.anchor + m.at]
            for mark in due:
                self._emit(mark.kind, mark.message, mark.at)
                self._seen = mark.at

    def _jump(self, index: int, now: float) -> None:
        eff = self._eff(now)
        self._spent[self._cur.index] += max(0.0, eff - self._cur.anchor)
        self._cur = moved_to(self.plan, self._cur, index, eff)
        self._land(eff)

    def _land(self, eff: float) -> None:
        """Announce arrival in the current segment; marks already behind ``eff`` pass silently."""
        cur = self._cur
        seg = self.plan.segments[cur.index]
        if seg.is_step and seg.foot is not None:
            if seg.foot != self._foot:
                self._emit("foot_changed", f"Now the {seg.foot} foot", eff - cur.anchor)
            self._foot = seg.foot
        self._emit("segment_started", seg.title, eff - cur.anchor)
        found = marks(self.plan, cur.index, self._lengths[cur.index])
        self._seen = max((m.at for m in found if eff >= cur.anchor + m.at), default=0.0)

    def _end(self, now: float, completed: bool) -> None:
        if self._paused:  # the pause ends with the session
            gap = now - self._pause_start
            self._paused_total += gap
            self._cur = self._cur.shifted(gap)
            self._paused = False
        self._spent[self._cur.index] += max(0.0, now - self._cur.anchor)
        self._cur = replace(self._cur, finished=True, end=now)
        self._completed = completed
        self._emit("session_finished", "Session complete" if completed else "Session ended early")

    def _emit(self, kind: EventKind, message: str, at: float | None = None) -> None:
        """Queue an event of the current segment, raised ``at`` seconds into it (None: now)."""
        cur = self._cur
        if at is None:  # every command reads the clock first, so the last reading is now
            now = self._last[0] if self._last is not None else cur.anchor
            at = (cur.end if cur.finished else self._eff(now)) - cur.anchor
        self._events.append(Event(kind, cur.index, message, max(0.0, at), self._lengths[cur.index]))
