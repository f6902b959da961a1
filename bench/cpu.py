"""How much coach costs the machine while it plays, next to Textual baselines; run ``python bench/cpu.py``.

Each case runs alone in its own pseudo-terminal with the same Python: a bare Textual app, a 1 Hz
``Digits`` countdown (like termdown), a 10 Hz ``ProgressBar``, and coach playing, playing with
``--reduced-motion``, and paused; then coach on a routine of held points (a change every 2 or 5 s)
with ``--no-sound`` and with its sound on (voice and chimes through this machine's players). For
each: the time to its first screen, resident memory, the CPU
share over a measurement window after a warm-up, and the bytes it writes to the terminal per second.
``--repeat K`` runs every case K times, interleaved, and reports medians. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

import textual
from ptyrun import CLOCK_TICKS, PtyChild, cpu_seconds, memory_kib

BENCH = Path(__file__).resolve().parent
ROUTINES = BENCH / "routines.toml"
STEP_TITLE = "Long gliding strokes"
START_TIMEOUT = 60.0
DROPPED_ENV = ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "COLORTERM", "TEXTUAL")


@dataclass(frozen=True)
class Case:
    """One program to measure: how to start it, what its first screen shows, what to type after."""

    key: str
    label: str
    args: tuple[str, ...]
    first_screen: str
    steps: tuple[tuple[str, str], ...] = ()
    """Keys to type once the first screen is up, each with the text that shows they took effect."""


COACH = ("-m", "coach", "--routines", str(ROUTINES), "--foot", "left", "--mode", "self")
HOLDS = (*COACH, "--routine", "holds", "--voice")
HOLDS_TITLE = "Ball points"
CASES = (
    Case("bare", "bare Textual app", (str(BENCH / "bare_app.py"),), "hello"),
    Case("digits", "Digits clock 1 Hz", (str(BENCH / "digits_clock.py"),), "countdown"),
    Case("progress", "ProgressBar 10 Hz", (str(BENCH / "progress_bar.py"),), "progress"),
    Case("playing", "coach playing", COACH, "Start the massage", (("\r", STEP_TITLE),)),
    Case("reduced", "coach --reduced-motion", (*COACH, "--reduced-motion"), "Start the massage",
         (("\r", STEP_TITLE),)),
    Case("paused", "coach paused", COACH, "Start the massage", (("\r", STEP_TITLE), (" ", "PAUSED"))),
    # A change every 2 or 5 seconds (hold, release): what sounding every change costs, against silence.
    Case("silent", "coach holds, no sound", (*HOLDS, "--no-sound"), "Start the massage",
         (("\r", HOLDS_TITLE),)),
    # Started once the setup screen names the player that works: the chimes are made (once per machine,
    # here once per run) before that, and are not what playing costs.
    Case("sound", "coach holds, sound on", HOLDS, "Start the massage", (("", "-> "), ("\r", HOLDS_TITLE))),
)


@dataclass(frozen=True)
class Run:
    """What one run of one case measured."""

    first_screen_s: float
    startup_cpu_s: float
    cpu_share: float
    rss_kib: int
    hwm_kib: int
    out_bytes_per_s: float
    ended: str


def child_env(home: Path) -> dict[str, str]:
    """The environment every child gets: this one minus size and colour overrides, a throwaway home."""
    env = {key: value for key, value in os.environ.items()
           if key not in DROPPED_ENV and not key.startswith("TEXTUAL_")}
    env.update(TERM="xterm-256color", HOME=str(home), COACH_DATA_DIR=str(home / "coach"))
    return env


def measure(case: Case, columns: int, lines: int, warmup: float, seconds: float) -> Run:
    """Start ``case`` on a fresh terminal, wait for its screen, warm up, measure a window, stop it."""
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as home:
        child = PtyChild([sys.executable, *case.args], child_env(Path(home)), columns, lines)
        try:
            shown = child.wait_for(case.first_screen, START_TIMEOUT)
            startup_cpu = cpu_seconds(child.pid)
            for keys, expected in case.steps:
                child.press(keys)
                child.wait_for(expected, START_TIMEOUT)
            time.sleep(warmup)
            child.stop_watching()
            cpu0, out0, wall0 = cpu_seconds(child.pid), child.bytes_out, time.monotonic()
            time.sleep(seconds)
            cpu1, out1, wall1 = cpu_seconds(child.pid), child.bytes_out, time.monotonic()
            memory = memory_kib(child.pid)
        finally:
            ended = child.stop()
    wall = wall1 - wall0
    return Run(shown - child.started, startup_cpu, (cpu1 - cpu0) / wall, memory["VmRSS"],
               memory["VmHWM"], (out1 - out0) / wall, ended)


def median_run(runs: Sequence[Run]) -> dict[str, float]:
    """The median of every number over ``runs``."""
    fields = ("first_screen_s", "startup_cpu_s", "cpu_share", "rss_kib", "hwm_kib", "out_bytes_per_s")
    return {name: statistics.median(getattr(run, name) for run in runs) for name in fields}


def ratio(value: float, base: float, floor: float) -> float | None:
    """``value / base``, or None when ``base`` is below what can be measured (``floor``)."""
    return value / base if base >= floor else None


def _fmt_ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}x"


def report(medians: dict[str, dict[str, float]], cpu_floor: float) -> str:
    """The tables: absolute medians with ratios to the bare app, then coach against the baselines."""
    bare = medians["bare"]
    rows = [f"{'case':<24}{'first screen':>13}{'CPU':>8}{'RSS MiB':>9}{'HWM MiB':>9}{'out KB/s':>10}"
            f"{'  vs bare: start':>17}{'CPU':>8}{'RSS':>7}"]
    present = [case for case in CASES if case.key in medians]
    for case in present:
        m = medians[case.key]
        rows.append(
            f"{case.label:<24}{m['first_screen_s']:>12.2f}s{m['cpu_share'] * 100:>7.2f}%"
            f"{m['rss_kib'] / 1024:>9.1f}{m['hwm_kib'] / 1024:>9.1f}{m['out_bytes_per_s'] / 1000:>10.2f}"
            f"{_fmt_ratio(ratio(m['first_screen_s'], bare['first_screen_s'], 1e-9)):>17}"
            f"{_fmt_ratio(ratio(m['cpu_share'], bare['cpu_share'], cpu_floor)):>8}"
            f"{_fmt_ratio(ratio(m['rss_kib'], bare['rss_kib'], 1)):>7}")
    rows += ["", f"{'coach against':<24}{'CPU / Digits':>14}{'CPU / ProgressBar':>19}{'RSS / Digits':>14}"]
    digits, progress = medians["digits"], medians["progress"]
    for case in present[3:]:
        m = medians[case.key]
        rows.append(f"{case.label:<24}{_fmt_ratio(ratio(m['cpu_share'], digits['cpu_share'], cpu_floor)):>14}"
                    f"{_fmt_ratio(ratio(m['cpu_share'], progress['cpu_share'], cpu_floor)):>19}"
                    f"{_fmt_ratio(ratio(m['rss_kib'], digits['rss_kib'], 1)):>14}")
    return "\n".join(rows)


def parse_size(text: str) -> tuple[int, int]:
    """``80x24`` -> (80, 24)."""
    columns, sep, lines = text.lower().partition("x")
    try:
        size = (int(columns), int(lines))
    except ValueError:
        size = (0, 0)
    if not sep or min(size) < 10:
        raise argparse.ArgumentTypeError(f"must be COLUMNSxLINES, at least 10x10, got {text!r}")
    return size


def build_parser() -> argparse.ArgumentParser:
    """The benchmark's options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=20.0, help="measurement window (default: 20)")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds before the window (default: 3)")
    parser.add_argument("--size", type=parse_size, default=(80, 24), help="terminal size (default: 80x24)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each case, interleaved; medians")
    parser.add_argument("--only", nargs="+", choices=[case.key for case in CASES], metavar="CASE",
                        help="measure only these cases (bare, digits and progress are always kept)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the tables")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Measure every case ``--repeat`` times, rotating the order each round; print the report."""
    args = build_parser().parse_args(argv)
    if args.seconds <= 0 or args.warmup < 0 or args.repeat < 1:
        print("--seconds must be above 0, --warmup at least 0, --repeat at least 1", file=sys.stderr)
        return 2
    columns, lines = args.size
    wanted = {"bare", "digits", "progress", *(args.only or (case.key for case in CASES))}
    cases = [case for case in CASES if case.key in wanted]
    runs: dict[str, list[Run]] = {case.key: [] for case in cases}
    for round_ in range(args.repeat):
        shift = round_ % len(cases)  # rotate, so no case always runs first or right after another
        for case in cases[shift:] + cases[:shift]:
            run = measure(case, columns, lines, args.warmup, args.seconds)
            runs[case.key].append(run)
            print(f"[{round_ + 1}/{args.repeat}] {case.label:<24} CPU {run.cpu_share * 100:5.2f}%  "
                  f"first screen {run.first_screen_s:.2f}s  ended by {run.ended}", file=sys.stderr)
    medians = {key: median_run(found) for key, found in runs.items()}
    cpu_floor = 1 / CLOCK_TICKS / args.seconds  # one clock tick over the window
    meta: dict[str, Any] = {
        "date": date.today().isoformat(), "textual": textual.__version__,
        "python": platform.python_version(), "cpus": os.cpu_count(), "size": f"{columns}x{lines}",
        "seconds": args.seconds, "warmup": args.warmup, "repeat": args.repeat,
    }
    if args.json:
        print(json.dumps({"meta": meta, "median": medians,
                          "runs": {key: [asdict(run) for run in found] for key, found in runs.items()}},
                         indent=2))
        return 0
    print(" ".join(f"{key}={value}" for key, value in meta.items()))
    print(report(medians, cpu_floor))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
