"""Playing a plan against a clock: a drift-free, pausable session.

Nothing is counted in ticks. The session keeps an *anchor*: the clock time at which the current
segment's elapsed time was zero (moved forward by the length of every pause). Elapsed time is always
``now - anchor``, so a late or irregular refresh never makes the timer drift. Segments end by
themselves: :meth:`Session.state` works out, without changing anything, where the clock has got to;
:meth:`Session.update` commits that and returns the events in order.

Breathing runs on its own anchor: the moment the current breathing pattern began, also moved by pauses.
It carries on across segments that share a pattern (a new step does not restart a breath half-way),
and restarts only when the pattern changes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from coach.engine.breath import BreathState
from coach.engine.cursor import Cursor, moved_to, walk
from coach.engine.events import Event, EventKind, duration_words, hold_min, marks
from coach.engine.plan import Plan
from coach.engine.record import SessionRecord
from coach.engine.recording import session_record
from coach.engine.state import Moment, SessionState, snapshot

__all__ = ["BreathState", "Event", "Session", "SessionState"]

SUSPEND_THRESHOLD = 5.0
"""Wall time running this many seconds ahead of the monotonic clock between two calls means a sleep."""
BACK_WINDOW = 2.0
"""Within this many seconds of a segment's start, "previous" goes to the segment before."""
MIN_LEFT = 1.0
"""Taking time off a segment never leaves less than this."""


class Session:
    """A plan played against an injectable monotonic ``clock`` (and ``wall`` clock, to notice sleeps)."""

    def __init__(
        self, plan: Plan, clock: Callable[[], float] = time.monotonic, wall: Callable[[], float] = time.time
    ) -> None:
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

    # -- commands ---------------------------------------------------------------------------------
    def start(self) -> None:
        """Begin playing segment 0 now; does nothing once started."""
        now = self._observe()
        if self._started:
            return
        self._started = True
        self._start_wall = self._last[1] if self._last else self._wall()  # the same reading as ``now``
        self._cur = Cursor(0, now, now)
        self._land(now)

    def pause(self) -> None:
        """Stop the clock of the session (time stops until :meth:`resume`)."""
        now = self._sync()
        if self._started and not self._cur.finished and not self._paused:
            self._paused, self._pause_start = True, now
            self._emit("paused", "Paused")

    def resume(self) -> None:
        """Carry on after a pause (or start, if not started yet)."""
        now = self._sync()
        if not self._started:
            self.start()
        elif self._paused and not self._cur.finished:
            gap = now - self._pause_start
            self._paused_total += gap
            self._cur = self._cur.shifted(gap)
            self._paused, self._notice = False, ""
            self._emit("resumed", "Resumed")

    def toggle(self) -> None:
        """Pause when playing, resume when paused (or start)."""
        if self._paused or not self._started:
            self.resume()
        else:
            self.pause()

    def next(self) -> None:
        """Skip to the next segment; after a hold's minimum the point counts as done. Ends after the last."""
        now = self._sync()
        if not self._live():
            return
        i, seg = self._cur.index, self.plan.segments[self._cur.index]
        if seg.kind == "hold" and self._elapsed(now) >= hold_min(seg, self._lengths[i]):
            self._done[i] = True
        if i + 1 >= len(self.plan.segments):
            self._end(now, completed=True)  # moved on from the last segment: the plan was gone through
        else:
            self._jump(i + 1, now)

    def previous(self) -> None:
        """Back to the start of this segment, or to the previous one within its first 2 seconds."""
        now = self._sync()
        if self._live():
            back = self._elapsed(now) < BACK_WINDOW and self._cur.index > 0
            self._jump(self._cur.index - 1 if back else self._cur.index, now)

    def restart_segment(self) -> None:
        """Play the current segment again from its start."""
        now = self._sync()
        if self._live():
            self._jump(self._cur.index, now)

    def adjust(self, seconds: float) -> None:
        """Add (or, negative, take) seconds to the current segment; never below elapsed + 1 s."""
        now = self._sync()
        if not self._live():
            return
        i, elapsed = self._cur.index, self._elapsed(now)
        old = self._lengths[i]
        self._lengths[i] = old + seconds if seconds >= 0 else min(old, max(old + seconds, elapsed + MIN_LEFT))

    def finish(self) -> None:
        """End the session now (quit early, or done)."""
        now = self._sync()
        if self._started and not self._cur.finished:
            self._end(now, completed=False)

    def note_suspend(self, gap: float | None = None) -> None:
        """The app says the process was stopped (Ctrl+Z) or slept for ``gap`` clock seconds.

        That time is not massage time: the session is paused as of ``gap`` seconds ago (at most back to
        the previous call, which proves it was still running then) and comes back paused with a notice.
        ``None``: stopped since the previous call.
        """
        previous = self._last[0] if self._last else None
        now = self._observe()
        if not self._live() or self._paused:
            return
        room = now - previous if previous is not None else 0.0
        taken = room if gap is None else min(max(0.0, gap), room)
        at = now - taken
        self._advance(at)
        if self._live():
            self._paused, self._pause_start = True, at
            words = f" ({duration_words(taken)})" if taken >= 1 else ""
            self._suspend_notice(f"Paused while coach was stopped{words}.")

    # -- reading ----------------------------------------------------------------------------------
    def update(self) -> list[Event]:
        """Advance by the clock and return the events since the last call, in order."""
        self._sync()
        events, self._events = self._events, []
        return events

    def state(self) -> SessionState:
        """A snapshot at the clock's present moment; changes nothing and emits nothing."""
        return snapshot(self.plan, self._lengths, self._moment(self._clock()))

    def next_deadline(self) -> float | None:
        """Clock time when :meth:`update` next has work; ``None`` if paused, finished or not started."""
        if not self._live() or self._paused:
            return None
        cur, length = self._cur, self._lengths[self._cur.index]
        times = [cur.anchor + m.at for m in marks(self.plan, cur.index, length) if m.at > self._seen]
        return min([*times, cur.anchor + length])

    def record(self, ended_at: datetime | None = None) -> SessionRecord:
        """The record of the session so far (or of the whole, once finished).

        ``ended_at`` defaults to the start plus actual and paused time, i.e. the wall-clock end.
        """
        now = self._clock()
        spent, done = list(self._spent), list(self._done)
        completed, paused = self._completed, self._paused_total
        if self._live():
            eff = self._eff(now)
            cur = walk(self.plan, self._lengths, self._cur, eff, spent, done)
            completed = cur.finished
            if not cur.finished:
                spent[cur.index] += max(0.0, eff - cur.anchor)
            paused += now - self._pause_start if self._paused else 0.0
        start = datetime.fromtimestamp(self._start_wall if self._started else self._wall()).astimezone()
        return session_record(self.plan, start, spent, done, paused, completed, ended_at)

    # -- internals --------------------------------------------------------------------------------
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
            self._completed = True
            self._emit("session_finished", "Session complete")
        elif self._cur.index != old.index:
            # Coalesced: the segments passed over raise nothing; the one landed on is announced.
            self._land(eff)
        else:
            for mark in marks(self.plan, old.index, self._lengths[old.index]):
                if mark.at > self._seen and eff >= old.anchor + mark.at:
                    self._emit(mark.kind, mark.message)
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
                self._emit("foot_changed", f"Now the {seg.foot} foot")
            self._foot = seg.foot
        self._emit("segment_started", seg.title)
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

    def _emit(self, kind: EventKind, message: str) -> None:
        self._events.append(Event(kind, self._cur.index, message))
