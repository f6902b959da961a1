"""Playing a plan against a clock: a drift-free, pausable session.

Everything is derived from timestamps of the injected clock (see :mod:`coach.engine.clockwork`):
:meth:`Session.state` works out, without changing anything, where the clock has got to;
:meth:`Session.update` commits that and returns the events in order.

Breathing runs on its own anchor: the moment the current breathing pattern began, also moved by pauses.
It carries on across segments that share a pattern (a new step does not restart a breath half-way),
and restarts only when the pattern changes.

How a session ends. It is *finished* (the record's ``finished`` is true) when its last segment runs to
its end, or when the user moves on from the last segment (:meth:`Session.next`,
:meth:`Session.next_step`) after it has run at least half its length (for a hold point: its minimum
hold). Moving on from the last segment any earlier, skipping over it, or :meth:`Session.finish` ends it
early (``finished`` false). ``SessionState.is_last`` lets a screen ask before moving on from there.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

from coach.engine.breath import BreathState
from coach.engine.clockwork import Clockwork
from coach.engine.cursor import Cursor, walk
from coach.engine.events import Event, hold_min, marks
from coach.engine.plan import Plan, Segment
from coach.engine.progress import Progress, plan_fingerprint
from coach.engine.record import SessionRecord, session_record
from coach.engine.state import SessionState, snapshot
from coach.wording import duration_words

__all__ = ["BreathState", "Event", "Session", "SessionState"]

BACK_WINDOW = 2.0
"""Within this many seconds of a segment's (or step's) start, going back goes to the one before."""
MIN_LEFT = 1.0
"""Taking time off a segment never leaves less than this."""
LAST_SHARE = 0.5
"""Moving on from the last segment after this share of its length counts as having finished."""


class Session(Clockwork):
    """A plan played against an injectable monotonic ``clock`` (and ``wall`` clock, to notice sleeps)."""

    def __init__(
        self, plan: Plan, clock: Callable[[], float] = time.monotonic, wall: Callable[[], float] = time.time
    ) -> None:
        super().__init__(plan, clock, wall)

    @classmethod
    def resumed(
        cls,
        plan: Plan,
        progress: Progress,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> Session:
        """A session of ``plan`` carrying on from ``progress``, playing from the start of the segment
        it was in, now.

        What was played before stays counted (its record is one session: the time before the
        interruption and after it), and the wall time between the progress and now counts as paused,
        so actual plus paused is still the wall time from the first start to the end.
        ``ValueError`` when ``progress`` was not read from a session of this plan.
        """
        if not progress.fits(plan):
            raise ValueError("this progress belongs to another plan (the routine has changed)")
        session = cls(plan, clock, wall)
        now = session._observe()
        session._lengths = list(progress.lengths)
        session._spent = list(progress.spent)
        session._done = list(progress.done)
        session._done[progress.index] = False  # it starts again from the beginning
        away = max(0.0, (session._last[1] if session._last else wall()) - progress.saved_wall)
        session._paused_total = progress.paused_seconds + away
        session._started = True
        session._start_wall = progress.started_wall
        session._foot = plan.segments[progress.index].foot or plan.feet[0]
        session._cur = Cursor(progress.index, now, now)
        session._land(now)
        return session

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

    def next(self) -> None:
        """Skip to the next segment; after a hold's minimum the point counts as done.

        On the last segment this ends the session: finished if it ran at least half its length (a hold:
        its minimum), else ended early.
        """
        self._move_on(lambda index: index + 1)

    def next_step(self) -> None:
        """Skip the rest of the current step on this foot (from a lead-in or transition: to what follows).

        The skipped segments are recorded as skipped; the current hold point counts as done after its
        minimum. Moving past the end ends the session as :meth:`next` does on the last segment.
        """
        self._move_on(lambda index: self.plan.step_span(index)[1] + 1)

    def previous(self) -> None:
        """Back to the start of this segment, or to the previous one within its first 2 seconds."""
        now = self._sync()
        if self._live():
            back = self._elapsed(now) < BACK_WINDOW and self._cur.index > 0
            self._jump(self._cur.index - 1 if back else self._cur.index, now)

    def previous_step(self) -> None:
        """Back to the start of this step, or of the previous step within 2 s of this step's start.

        "Within 2 s of the step's start" means in the first 2 seconds of the step's first segment; the
        lead-in and a transition count as steps of their own here.
        """
        now = self._sync()
        if self._live():
            first = self.plan.step_span(self._cur.index)[0]
            back = self._cur.index == first and self._elapsed(now) < BACK_WINDOW and first > 0
            self._jump(self.plan.step_span(first - 1)[0] if back else first, now)

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
        """End the session now; the record says it ended early (``finished`` false) unless it already had."""
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
        spent, done, completed, paused, _ = self._so_far(self._clock())
        start = datetime.fromtimestamp(self._start_wall if self._started else self._wall()).astimezone()
        return session_record(self.plan, start, spent, done, paused, completed, ended_at)

    def progress(self) -> Progress | None:
        """Where the session is now, to carry on from after an interruption (:meth:`resumed`);
        ``None`` before it starts and once it is over. Reads the clocks, changes nothing."""
        if not self._live():
            return None
        now = self._clock()
        spent, done, completed, paused, index = self._so_far(now)
        if completed:
            return None
        # The wall time now, as the monotonic clock has moved since the last reading of both.
        wall = self._last[1] + (now - self._last[0]) if self._last else self._wall()
        return Progress(
            plan_fingerprint(self.plan), index, tuple(self._lengths), tuple(max(0.0, s) for s in spent),
            tuple(done), max(0.0, paused), self._start_wall, max(self._start_wall, wall),
        )

    def _so_far(self, now: float) -> tuple[list[float], list[bool], bool, float, int]:
        """Spent and done per segment, whether it completed, the paused seconds, and the segment
        under way, as of clock time ``now`` (without committing anything)."""
        spent, done = list(self._spent), list(self._done)
        completed, paused, index = self._completed, self._paused_total, self._cur.index
        if self._live():
            eff = self._eff(now)
            cur = walk(self.plan, self._lengths, self._cur, eff, spent, done)
            completed, index = cur.finished, cur.index
            if not cur.finished:
                spent[cur.index] += max(0.0, eff - cur.anchor)
            paused += now - self._pause_start if self._paused else 0.0
        return spent, done, completed, paused, index

    # -- moving on ----------------------------------------------------------------------------------
    def _move_on(self, target: Callable[[int], int]) -> None:
        """Leave the current segment for segment ``target(index)``; past the last one, end the session."""
        now = self._sync()
        if not self._live():
            return
        i, seg = self._cur.index, self.plan.segments[self._cur.index]
        elapsed, length = self._elapsed(now), self._lengths[self._cur.index]
        if seg.kind == "hold" and elapsed >= hold_min(seg, length):
            self._done[i] = True
        to = target(i)
        if to < len(self.plan.segments):
            self._jump(to, now)
        else:
            last = i == len(self.plan.segments) - 1
            self._end(now, completed=last and _ran_enough(seg, length, elapsed))


def _ran_enough(seg: Segment, length: float, elapsed: float) -> bool:
    """Whether moving on from the last segment after ``elapsed`` seconds counts as finishing it."""
    if seg.kind == "hold":
        return elapsed >= hold_min(seg, length)
    return elapsed >= length * LAST_SHARE
