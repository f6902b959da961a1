"""What the resume snapshot costs: the screen's share and the writer thread's, per snapshot and per hour.

    python bench/snapshot.py [--count N] [--dir DIR]

Plays the shipped ``full`` routine on a fake clock, takes ``N`` snapshots the way the player does
(each :meth:`SnapshotKeeper.note` reads the session on the caller's thread; the file is written on the
keeper's own thread), and prints the median and worst time per snapshot on each side, the size of the
file, and what one snapshot every 5 seconds (the most coach writes while nothing changes) adds up to
per hour of massage. ``--dir`` chooses the disk (default: a temporary folder).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coach.engine import Session, build_plan
from coach.history.resume import SAVE_EVERY, SnapshotKeeper, resume_path
from coach.paths import shipped_routines
from coach.routines.load import load_library


class Clock:
    """A monotonic and a wall clock that move only when told."""

    def __init__(self) -> None:
        self.now, self.wall_now = 1000.0, time.time()

    def clock(self) -> float:
        return self.now

    def wall(self) -> float:
        return self.wall_now

    def advance(self, seconds: float) -> None:
        self.now += seconds
        self.wall_now += seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    base = args.dir or Path(tempfile.mkdtemp(prefix="coach-snapshot-"))
    plan = build_plan(load_library(shipped_routines()), "full")
    clock = Clock()
    session = Session(plan, clock.clock, clock.wall)
    session.start()
    caller: list[float] = []
    thread_each = sync_each = 0.0
    for background in (True, False):
        keeper = SnapshotKeeper(resume_path(base), "bench", clock=clock.clock, background=background)
        for _ in range(args.count):
            clock.advance(plan.total / (4 * args.count))
            session.update()
            began = time.perf_counter()
            keeper.note(session, force=True)
            spent = time.perf_counter() - began
            if background:
                caller.append(spent)
            keeper.flush()
        each = keeper.write_seconds / max(1, keeper.writes)
        if background:
            thread_each = each
        else:
            sync_each = each
        keeper.clear()
    keeper = SnapshotKeeper(resume_path(base), "size", clock=clock.clock)
    keeper.note(session, force=True)
    size = resume_path(base).stat().st_size
    keeper.clear()
    per_hour = 3600 / SAVE_EVERY
    print(f"plan: full routine, {len(plan.segments)} parts; snapshot file {size} bytes; "
          f"{args.count} snapshots")
    print(f"screen's side (reading the session):  median {statistics.median(caller) * 1000:.2f} ms, "
          f"worst {max(caller) * 1000:.2f} ms")
    print(f"writer thread (serialise, fsync, rename): {thread_each * 1000:.1f} ms per snapshot "
          f"(done on the screen's thread it would be {sync_each * 1000:.1f} ms)")
    print(f"one snapshot every {SAVE_EVERY:g} s: {per_hour:.0f} per hour, "
          f"{statistics.median(caller) * per_hour * 1000:.0f} ms of the screen's time and "
          f"{thread_each * per_hour:.1f} s of the writer's per hour "
          f"({thread_each * per_hour / 36:.2f}% of a core)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
