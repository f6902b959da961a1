"""Where coach's time goes: ``python bench/hotspots.py imports|startup|playing``.

- ``imports``: ``python -X importtime`` of the app's start, summed by package (what the first screen
  pays for before any of coach's own code runs), and coach's own modules, largest first.
- ``startup``: a cProfile of coach from spawn to its first screen (the setup screen), quit at once.
- ``playing``: a cProfile of coach while one step plays (``--seconds``), with ``--reduced-motion`` if
  asked. Besides the profile it prints the bytes written to the terminal per second.

Each runs coach in its own 80x24 pseudo-terminal, as bench/run.py does; ``--save FILE`` keeps the raw
profile for ``python -m pstats`` or snakeviz. Linux only.
"""

from __future__ import annotations

import argparse
import io
import pstats
import signal
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from ptyrun import PtyChild
from run import (
    COACH,
    FIRST_SCREEN,
    PLAY,
    SIZE,
    START_TIMEOUT,
    child_env,
    compile_coach,
    run_command,
    throwaway_home,
)

PY = sys.executable


def imports(top: int) -> str:
    """``-X importtime`` of importing the app and running the command line up to the app, by package."""
    with throwaway_home() as home:
        code = ("import coach.cli, coach.ui.app, coach.routines as r, coach.paths as p; "
                "r.load_library(p.shipped_routines())")
        proc = run_command((PY, "-X", "importtime", "-c", code), child_env(home))
    self_us: dict[str, int] = defaultdict(int)
    own: list[tuple[int, int, str]] = []
    for line in proc.out.splitlines():
        if not line.startswith("import time:") or "|" not in line or "self" in line:
            continue
        own_us, cumulative, name = (part.strip() for part in line[len("import time:"):].split("|"))
        module = name.strip()
        self_us[module.split(".")[0]] += int(own_us)
        if module.startswith("coach"):
            own.append((int(cumulative), int(own_us), module))
    total = sum(self_us.values())
    rows = [f"{'package':<28}{'ms':>8}{'share':>8}"]
    for package, us in sorted(self_us.items(), key=lambda item: -item[1])[:top]:
        rows.append(f"{package:<28}{us / 1000:>8.1f}{us / total:>8.0%}")
    rows += ["", f"{'coach module':<40}{'cumulative ms':>14}{'self ms':>9}"]
    for cumulative, own_us, module in sorted(own, reverse=True)[:top]:
        rows.append(f"{module:<40}{cumulative / 1000:>14.1f}{own_us / 1000:>9.1f}")
    rows.append(f"\nall imports: {total / 1000:.0f} ms (self times summed)")
    return "\n".join(rows)


_PROFILED = """
import cProfile, runpy, signal, sys
out, whole = sys.argv[1], sys.argv[2] == "whole"
profiler = cProfile.Profile()
signal.signal(signal.SIGUSR1, lambda *_: profiler.enable())
def stop(*_):
    profiler.disable()
    profiler.dump_stats(out)
signal.signal(signal.SIGUSR2, stop)
if not whole:  # coach ends on the user signals: here they switch the profiler instead
    import coach.ui.app as app
    app.ENDING_SIGNALS = tuple(s for s in app.ENDING_SIGNALS if s not in (signal.SIGUSR1, signal.SIGUSR2))
sys.argv = ["coach", *sys.argv[3:]]
if whole:
    profiler.enable()
try:
    runpy.run_module("coach", run_name="__main__", alter_sys=True)
finally:
    if whole:
        stop()
"""
"""Runs coach under a profiler that either runs throughout, or only between SIGUSR1 and SIGUSR2 (so
a playing profile holds the playing alone, not the start-up)."""


def profiled(extra: Sequence[str], steps: Sequence[tuple[str, str]], seconds: float, top: int,
             save: Path | None) -> str:
    """coach under cProfile: started, ``steps`` typed, left for ``seconds``, quit; the top functions."""
    with throwaway_home() as home, tempfile.TemporaryDirectory() as scratch:
        out = Path(save) if save else Path(scratch) / "coach.prof"
        argv = (PY, "-c", _PROFILED, str(out), "window" if seconds else "whole", *COACH[3:], *extra)
        child = PtyChild(argv, child_env(home), *SIZE)
        try:
            shown = child.wait_for(FIRST_SCREEN, START_TIMEOUT) - child.started
            for keys, expected in steps:
                child.press(keys)
                child.wait_for(expected, START_TIMEOUT)
            rate = 0.0
            if seconds:
                time.sleep(1.0)
                child.stop_watching()
                out0, wall0 = child.bytes_out, time.monotonic()
                child.process.send_signal(signal.SIGUSR1)
                time.sleep(seconds)
                child.process.send_signal(signal.SIGUSR2)
                rate = (child.bytes_out - out0) / (time.monotonic() - wall0)
                time.sleep(0.5)
        finally:
            ended = child.stop()
        stream = io.StringIO()
        stats = pstats.Stats(str(out), stream=stream)
        stats.sort_stats("cumulative").print_stats(top)
        stats.sort_stats("tottime").print_stats(top)
    head = f"first screen {shown:.3f}s (under the profiler); ended by {ended}"
    if seconds:
        head += f"; {rate:.0f} bytes/s written over {seconds:g} s"
    return head + "\n" + stream.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    """Print the chosen profile."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("what", choices=("imports", "startup", "playing"))
    parser.add_argument("--seconds", type=float, default=20.0, help="playing: how long (default: 20)")
    parser.add_argument("--reduced-motion", action="store_true", help="playing: with reduced motion")
    parser.add_argument("--top", type=int, default=30, help="rows to show (default: 30)")
    parser.add_argument("--save", type=Path, help="keep the raw cProfile output here")
    args = parser.parse_args(argv)
    compile_coach()
    if args.what == "imports":
        print(imports(args.top))
    elif args.what == "startup":
        print(profiled((), (), 0.0, args.top, args.save))
    else:
        extra = ("--reduced-motion",) if args.reduced_motion else ()
        print(profiled(extra, PLAY, args.seconds, args.top, args.save))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
