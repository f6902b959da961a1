"""Where the session is on its timeline, and how that moves on by itself as the clock runs."""

from __future__ import annotations

from dataclasses import dataclass, replace

from coach.engine.plan import Plan


@dataclass(frozen=True)
class Cursor:
    """The current segment and the clock times that everything else is derived from."""

    index: int
    anchor: float
    """Clock time at which the segment's elapsed time was 0, moved forward by every pause."""
    breath_anchor: float
    """Clock time at which the current breathing pattern began, moved forward by every pause."""
    finished: bool = False
    end: float = 0.0
    """Clock time at which the session ended, once finished."""

    def shifted(self, seconds: float) -> Cursor:
        """The same position with both anchors moved ``seconds`` later (a pause of that length)."""
        return replace(self, anchor=self.anchor + seconds, breath_anchor=self.breath_anchor + seconds)


def pattern_key(plan: Plan, index: int) -> str | None:
    """The breathing pattern id of segment ``index``: breathing carries on while it stays the same."""
    pattern = plan.segments[index].breathing
    return pattern.id if pattern is not None else None


def moved_to(plan: Plan, cur: Cursor, index: int, at: float) -> Cursor:
    """``cur`` moved to the start of segment ``index`` at clock time ``at``; the breath goes on if it can."""
    same = pattern_key(plan, cur.index) == pattern_key(plan, index)
    return replace(cur, index=index, anchor=at, breath_anchor=cur.breath_anchor if same else at)


def walk(
    plan: Plan,
    lengths: list[float],
    cur: Cursor,
    eff: float,
    spent: list[float] | None = None,
    done: list[bool] | None = None,
) -> Cursor:
    """Move past every segment whose time is up by clock time ``eff``.

    Each segment ends exactly ``lengths[i]`` after its anchor, and the next one starts at that instant,
    so no time is lost or gained however late this is called. When given, ``spent`` and ``done`` are
    filled in for the segments passed over.
    """
    last = len(plan.segments) - 1
    while not cur.finished and eff >= cur.anchor + lengths[cur.index]:
        i, end = cur.index, cur.anchor + lengths[cur.index]
        if spent is not None:
            spent[i] += end - cur.anchor
        if done is not None:
            done[i] = True
        cur = replace(cur, finished=True, end=end) if i == last else moved_to(plan, cur, i + 1, end)
    return cur
