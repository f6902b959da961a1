"""Everything coach costs, next to references measured in the same run: ``python bench/run.py``.

Four parts, each run several times with the cases interleaved, reported as medians with min-max and
as ratios against references measured in the same run:

- start-up: spawn to first screen, coach against a bare Textual app (Header, Static, Footer);
- playing: CPU share, bytes written per second and peak memory while a step plays (as it plays, with
  reduced motion, paused), against a 1 Hz ``Digits`` clock and ``termdown`` when it is installed; all
  cases of a round run side by side over the same window, so they see the same machine;
- commands: ``coach list``, ``coach validate`` and ``coach history`` (and whether they import textual);
- scale: generated routines files (100, 1,000, 10,000 steps) and histories (1,000, 10,000, 100,000
  sessions): validating, ``coach history``, appending one session, opening the history screen.

It prints the tables and writes them to ``bench/RESULTS.md`` with the machine's cores, Python and
Textual versions. ``--smoke`` makes one short run of each part at the smallest sizes (the test suite
runs it so the script cannot rot; no timing is judged there). Linux only (``/proc``, pseudo-terminals).
See bench/README.md.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import textual
from ptyrun import CLOCK_TICKS, PtyChild, cpu_seconds, cpu_seconds_fine, memory_kib
from scale import write_history, write_routines

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
ROUTINES = BENCH / "routines.toml"
STEP_TITLE = "Long gliding strokes"
SETUP_TEXT = "Start the massage"
SAFETY_TEXT = "On to the setup"
"""A first run (no history yet) opens the setup screen on the whole safety list; Enter goes on."""
FIRST_SCREEN = (SETUP_TEXT, SAFETY_TEXT)
"""coach's first screen: the setup screen, on a first run with its safety list open."""
HISTORY_SHOWN = ("Reading the history", "esc Close")
"""What the history screen shows first: that it is reading a long history, or (a short one read at
once) its footer, which no other screen has."""
HISTORY_FILLED = "Full seven-step massage"
"""The generated sessions' routine, shown once the history screen lists them."""
START_TIMEOUT = 60.0
DROPPED_ENV = ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "COLORTERM", "TEXTUAL",
               "PYTHONDONTWRITEBYTECODE")
"""Size, colour and Textual overrides; and no-bytecode, since an installed coach has its modules compiled
(without it every start would compile coach's source again: a third of its start-up)."""
SIZE = (80, 24)


STEP_SIZES = (100, 1_000, 2_000)
"""Routines files measured: 2,000 steps (50 routines of 40) is the most coach accepts in one file (its
limits, see coach/limits.py); a 10,000-step file is refused before it is read."""
SESSION_SIZES = (1_000, 10_000, 100_000)
"""Histories measured: 100,000 sessions is about 165 MB (coach reads up to 512 MiB, session by session)."""
FIRST_READ_TIMEOUT = 1800.0
"""Seconds a first read of a history (no cache yet: every session parsed) may take before it is given
up: 100,000 sessions took 17 minutes on the shared 2-core machine under a load of 9."""

# -- goals (issue: performance) ----------------------------------------------------------------------
STARTUP_GOAL = 1.15
"""coach's first screen at most this many times the bare app's."""
PLAYING_GOAL = 1.0
"""CPU while playing at most this many times termdown's (a 1 Hz clock)."""
REDUCED_GOAL = 0.5
"""CPU with reduced motion at most this many times termdown's."""
MEMORY_GOAL = 1.15
"""Peak memory while playing at most this many times the bare app's."""
VALIDATE_GOAL_S = 1.0
"""``coach validate`` of the largest routines file measured, whole process, in seconds."""
APPEND_GOAL_S = 0.050
"""Appending one session to the largest history measured, in seconds."""
HISTORY_SCREEN_GOAL_S = 0.5
"""From the key to the history screen showing, at the largest history measured, in seconds."""
LINEAR_SLACK = 1.5
"""Growth counts as no worse than linear when the time grows by at most this times the size's growth."""
SOUND_GOAL = 1.10
"""Playing with voice and chime on at most this many times playing without."""


# -- running things ------------------------------------------------------------------------------------
def compile_coach() -> None:
    """Compile coach's modules once, as installing it does, so no measured run pays for that."""
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "coach")], check=True,
                   env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"})


def child_env(home: Path) -> dict[str, str]:
    """This environment minus size and colour overrides, with a throwaway home and data directory."""
    env = {key: value for key, value in os.environ.items()
           if key not in DROPPED_ENV and not key.startswith("TEXTUAL_")}
    env.update(TERM="xterm-256color", HOME=str(home), COACH_DATA_DIR=str(home / "coach"),
               PYTHONPATH=os.pathsep.join(filter(None, (str(ROOT), env.get("PYTHONPATH")))))
    return env


@contextmanager
def throwaway_home() -> Iterator[Path]:
    """A fresh home directory, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as home:
        yield Path(home)


@dataclass(frozen=True)
class Proc:
    """What one finished command cost: wall and CPU seconds, peak memory, exit code, what it printed."""

    wall: float
    cpu: float
    maxrss_kib: int
    code: int
    out: str


_LAUNCHER = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
os.write(int(sys.argv[1]), f"{wall} {usage.ru_utime + usage.ru_stime} {usage.ru_maxrss} {status}".encode())
"""
"""Runs a command and reports its own costs. A process forked from this (big) benchmark would report
the benchmark's memory as its peak (Linux keeps the peak across exec), so a small Python without site
packages forks it instead."""


def run_command(argv: Sequence[str], env: dict[str, str], timeout: float = 600.0) -> Proc:
    """Run ``argv`` to the end (no terminal) and take its costs from ``wait4``; killed after ``timeout``
    (then the exit code is negative and the wall time is ``inf``)."""
    read_end, write_end = os.pipe()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen([PY, "-S", "-c", _LAUNCHER, str(write_end), *argv],
                                   stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, env=env,
                                   pass_fds=(write_end,), start_new_session=True)
        os.close(write_end)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()
        with os.fdopen(read_end, "rb") as report:
            figures = report.read().decode().split()
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    if len(figures) != 4:
        return Proc(float("inf"), float("inf"), 0, -9, text)
    wall, cpu, maxrss, status = figures
    return Proc(float(wall), float(cpu), int(maxrss), os.waitstatus_to_exitcode(int(status)), text)


# -- what is measured ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Screen:
    """A full-screen program: how to start it, what its first screen shows (None: any output), what
    to type once it shows (each key with the text that shows it took effect) and how to quit it."""

    key: str
    label: str
    argv: tuple[str, ...]
    first_screen: str | tuple[str, ...] | None
    steps: tuple[tuple[str, str | tuple[str, ...]], ...] = ()
    quit_keys: str = "\x11"
    stand_in_player: bool = False
    """Put :data:`STAND_IN_PLAYER` first in ``PATH`` (``--stand-in-player``): a machine without a sound
    device still plays each clip for its length."""


PY = sys.executable
COACH = (PY, "-m", "coach", "--routines", str(ROUTINES), "--foot", "left", "--mode", "self")
PAST_SAFETY = (("\r", SETUP_TEXT),)
"""Enter past the safety list of a first run (every measured run has a fresh home, so no history)."""
PLAY = (*PAST_SAFETY, ("\r", STEP_TITLE))
BARE = Screen("bare", "bare Textual app", (PY, str(BENCH / "bare_app.py")), "hello")
DIGITS = Screen("digits", "Digits clock 1 Hz", (PY, str(BENCH / "digits_clock.py")), "countdown")
PROGRESS = Screen("progress", "ProgressBar 10 Hz", (PY, str(BENCH / "progress_bar.py")), "progress")
TERMDOWN = Screen("termdown", "termdown", ("termdown", "--no-window-title", "1h"), None, quit_keys="q")
SETUP = Screen("coach", "coach (setup screen)", COACH, FIRST_SCREEN)
PLAYING = Screen("playing", "coach playing", COACH, FIRST_SCREEN, PLAY)
REDUCED = Screen("reduced", "coach --reduced-motion", (*COACH, "--reduced-motion"), FIRST_SCREEN, PLAY)
PAUSED = Screen("paused", "coach paused", COACH, FIRST_SCREEN, (*PLAY, (" ", "PAUSED")))


def termdown_available() -> bool:
    """Whether ``termdown`` can be run here (it is an optional reference)."""
    return shutil.which("termdown") is not None


@dataclass
class Started:
    """A screen program running on its terminal, and when its first screen showed."""

    screen: Screen
    child: PtyChild
    first_screen_s: float
    hwm_at_first_kib: int


def start(screen: Screen, home: Path) -> Started:
    """Start ``screen`` on a fresh terminal and wait for its first screen, then type its steps."""
    env = child_env(home)
    if screen.stand_in_player and STAND_IN[0]:
        players = home / "stand-in-player"
        players.mkdir(exist_ok=True)
        script = players / "aplay"
        script.write_text(STAND_IN_PLAYER, encoding="utf-8")
        script.chmod(0o755)
        env["PATH"] = f"{players}{os.pathsep}{env.get('PATH', '')}"
    child = PtyChild(screen.argv, env, *SIZE)
    try:
        if screen.first_screen is None:
            shown = child.wait_for_output(START_TIMEOUT)
            time.sleep(0.3)  # let a program that draws in pieces finish its first frame
        else:
            shown = child.wait_for(screen.first_screen, START_TIMEOUT)
        hwm = memory_kib(child.pid)["VmHWM"]
        for keys, expected in screen.steps:
            child.press(keys)
            child.wait_for(expected, START_TIMEOUT)
    except BaseException:
        child.stop(grace=2.0, quit_keys=screen.quit_keys)
        raise
    return Started(screen, child, shown - child.started, hwm)


@dataclass
class Series:
    """Repeated measurements of one figure of one case."""

    values: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        """The median (NaN when empty)."""
        return statistics.median(self.values) if self.values else float("nan")

    def span(self, scale: float = 1.0, fmt: str = "{:.2f}") -> str:
        """``median (min-max)`` scaled, or ``-`` when empty."""
        if not self.values:
            return "-"
        med, low, high = (v * scale for v in (self.median, min(self.values), max(self.values)))
        if len(self.values) == 1:
            return fmt.format(med)
        return f"{fmt.format(med)} ({fmt.format(low)}-{fmt.format(high)})"


Figures = dict[str, dict[str, Series]]


def add(figures: Figures, case: str, name: str, value: float) -> None:
    """Record ``value`` of figure ``name`` of ``case``."""
    figures.setdefault(case, {}).setdefault(name, Series()).values.append(value)


def pair_ratios(figures: Figures, case: str, ref: str, name: str) -> Series:
    """``case / ref`` of figure ``name`` round by round (measured side by side)."""
    ours, theirs = figures.get(case, {}).get(name), figures.get(ref, {}).get(name)
    if not ours or not theirs:
        return Series()
    return Series([a / b for a, b in zip(ours.values, theirs.values, strict=False) if b > 0])


def rotated(items: Sequence[Screen], round_: int) -> list[Screen]:
    """``items`` rotated by the round, so no case always goes first or right after the same one."""
    shift = round_ % len(items)
    return [*items[shift:], *items[:shift]]


def log(message: str) -> None:
    """Progress on stderr."""
    print(message, file=sys.stderr, flush=True)


# -- the parts -----------------------------------------------------------------------------------------
def measure_startup(rounds: int) -> Figures:
    """Spawn to first screen and peak memory then, for the bare app and coach, one after the other."""
    figures: Figures = {}
    for round_ in range(rounds):
        for screen in rotated((BARE, SETUP), round_):
            with throwaway_home() as home:
                started = start(screen, home)
                if screen is SETUP:  # and from Enter to the player (its module and stylesheet load then)
                    for keys, expected in PAST_SAFETY:
                        started.child.press(keys)
                        started.child.wait_for(expected, START_TIMEOUT)
                    time.sleep(0.3)
                    pressed = time.monotonic()
                    started.child.press("\r")
                    playing = started.child.wait_for(STEP_TITLE, START_TIMEOUT)
                    add(figures, screen.key, "enter", playing - pressed)
                started.child.stop(quit_keys=screen.quit_keys)
            add(figures, screen.key, "first", started.first_screen_s)
            add(figures, screen.key, "hwm", started.hwm_at_first_kib)
            log(f"[start {round_ + 1}/{rounds}] {screen.label:<24} {started.first_screen_s:.3f}s")
    return figures


def measure_playing(screens: Sequence[Screen], rounds: int, warmup: float, seconds: float) -> Figures:
    """All ``screens`` side by side, a common window per round: CPU share, bytes out per second, memory."""
    figures: Figures = {}
    for round_ in range(rounds):
        with tempfile.TemporaryDirectory(prefix="coach-bench-") as base:
            running: list[Started] = []
            try:
                for i, screen in enumerate(rotated(screens, round_)):
                    home = Path(base) / str(i)
                    home.mkdir()
                    running.append(start(screen, home))
                time.sleep(warmup)
                before = []
                for item in running:
                    item.child.stop_watching()
                for item in running:
                    pid = item.child.pid
                    before.append((cpu_seconds_fine(pid), cpu_seconds(pid), _children_cpu(pid),
                                   item.child.bytes_out))
                wall0 = time.monotonic()
                time.sleep(seconds)
                wall = time.monotonic() - wall0
                for item, (fine0, coarse0, kids0, out0) in zip(running, before, strict=True):
                    pid = item.child.pid
                    fine = cpu_seconds_fine(pid) - fine0
                    coarse = cpu_seconds(pid) - coarse0
                    # Threads that ended in the window are only in the coarse count.
                    cpu = coarse if coarse - fine > 2 / CLOCK_TICKS else fine
                    cpu += _children_cpu(pid) - kids0
                    memory = memory_kib(pid)
                    key = item.screen.key
                    add(figures, key, "cpu", cpu / wall)
                    add(figures, key, "out", (item.child.bytes_out - out0) / wall)
                    add(figures, key, "rss", memory["VmRSS"])
                    add(figures, key, "hwm", memory["VmHWM"])
                    log(f"[play {round_ + 1}/{rounds}] {item.screen.label:<24} CPU {cpu / wall * 100:5.2f}%"
                        f"  out {(item.child.bytes_out - out0) / wall:7.0f} B/s")
            finally:
                for item in running:
                    item.child.stop(quit_keys=item.screen.quit_keys)
    return figures


def _children_cpu(pid: int) -> float:
    """CPU seconds of ``pid``'s children it has waited for (a sound player, say)."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[13]) + int(fields[14])) / CLOCK_TICKS  # cutime, cstime: fields 16 and 17


CLI_CASES = (
    ("python", "python -c pass", (PY, "-c", "pass")),
    ("list", "coach list", (PY, "-m", "coach", "list")),
    ("validate", "coach validate", (PY, "-m", "coach", "validate")),
    ("history", "coach history (empty)", (PY, "-m", "coach", "history")),
)


def measure_commands(rounds: int) -> tuple[Figures, dict[str, bool]]:
    """The plain commands, interleaved; and whether each imports textual."""
    figures: Figures = {}
    with throwaway_home() as home:
        env = child_env(home)
        for round_ in range(rounds):
            shift = round_ % len(CLI_CASES)
            for key, label, argv in [*CLI_CASES[shift:], *CLI_CASES[:shift]]:
                proc = run_command(argv, env)
                add(figures, key, "wall", proc.wall)
                add(figures, key, "maxrss", proc.maxrss_kib)
                log(f"[cmd {round_ + 1}/{rounds}] {label:<24} {proc.wall:.3f}s")
        imports = {}
        for key, _label, argv in CLI_CASES[1:]:
            proc = run_command((argv[0], "-X", "importtime", *argv[1:]), env)
            imports[key] = any(line.split("|")[-1].strip() == "textual" for line in proc.out.splitlines())
    return figures, imports


APPEND_ONE = """
import sys, time
from datetime import datetime, timedelta
from pathlib import Path
from coach.engine.record import SessionRecord, StepRecord
from coach.history import append_session
end = datetime.now().astimezone()
record = SessionRecord("full", "Full seven-step massage", "self", ("left",), end - timedelta(minutes=20),
                       end, 1200.0, 1190.0, 10.0, True, (StepRecord("a", "A step", "left", 1200.0, 1190.0),))
start = time.perf_counter()
append_session(Path(sys.argv[1]), record)
print(time.perf_counter() - start)
"""


def measure_scale(step_sizes: Sequence[int], session_sizes: Sequence[int], rounds: int,
                  screen_timeout: float) -> Figures:
    """Validate generated routines; ``coach history``, an append and the history screen on histories."""
    figures: Figures = {}
    with throwaway_home() as home:
        env = child_env(home)
        files = {n: write_routines(n, home / f"routines-{n}.toml") for n in step_sizes}
        for round_ in range(rounds):
            for n in step_sizes:
                proc = run_command((PY, "-m", "coach", "validate", str(files[n])), env)
                if proc.code != 0:
                    raise RuntimeError(f"validating {n} steps failed:\n{proc.out}")
                add(figures, f"steps-{n}", "validate", proc.wall)
                add(figures, f"steps-{n}", "maxrss", proc.maxrss_kib)
                log(f"[scale {round_ + 1}/{rounds}] validate {n:>6} steps  {proc.wall:.3f}s")
        for n in session_sizes:
            base = home / f"history-{n}"
            pristine = write_history(n, home / f"pristine-{n}")
            for round_ in range(rounds):
                (base / "data").mkdir(parents=True, exist_ok=True)
                copy_to_disk(pristine, base / "data" / "history.toml")
                (base / "data" / "history.cache.json").unlink(missing_ok=True)
                # The first read parses every session (and leaves the cache beside the file); the
                # second is what every later one costs.
                history_command(figures, n, "first", base, env, FIRST_READ_TIMEOUT)
                proc = history_command(figures, n, "history", base, env, screen_timeout * 4)
                appended = run_command((PY, "-c", APPEND_ONE, str(base)), env, timeout=screen_timeout * 4)
                if appended.code == 0:
                    add(figures, f"sessions-{n}", "append", float(appended.out.strip().splitlines()[-1]))
                    add(figures, f"sessions-{n}", "append_wall", appended.wall)
                elif appended.code < 0:  # killed after the time bound
                    add(figures, f"sessions-{n}", "append", float("inf"))
                    add(figures, f"sessions-{n}", "append_wall", float("inf"))
                else:
                    raise RuntimeError(f"appending to {n} sessions failed:\n{appended.out}")
                # The screen opens on the history with the session just added: the cache and one block.
                shown, filled = history_screen(base, env, screen_timeout)
                add(figures, f"sessions-{n}", "screen", shown)
                add(figures, f"sessions-{n}", "screen_filled", filled)
                log(f"[scale {round_ + 1}/{rounds}] {n:>6} sessions: history {proc.wall:.3f}s, "
                    f"append {figures[f'sessions-{n}']['append'].values[-1] * 1000:.1f}ms, "
                    f"screen {shown:.3f}s, filled {filled:.3f}s")
            shutil.rmtree(base, ignore_errors=True)
            pristine.unlink()
    return figures


def copy_to_disk(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` and wait until it is on the disk: a history is a file that has sat
    there, and the first fsync after copying 200 MB would otherwise time the copy's write-back, not
    the append that calls it."""
    shutil.copyfile(source, target)
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())


def history_command(figures: Figures, n: int, name: str, base: Path, env: dict[str, str],
                    timeout: float) -> Proc:
    """``coach history`` on ``base``: its wall time as ``name`` and its peak memory as ``name`` with
    ``_maxrss`` (``maxrss`` for the plain one), ``inf`` when it failed or was killed at ``timeout``."""
    proc = run_command((PY, "-m", "coach", "--data-dir", str(base), "history"), env, timeout=timeout)
    add(figures, f"sessions-{n}", name, proc.wall if proc.code == 0 else float("inf"))
    if proc.code == 0:  # a command killed at the time bound leaves no figure of its memory
        add(figures, f"sessions-{n}", "maxrss" if name == "history" else f"{name}_maxrss", proc.maxrss_kib)
    return proc


def history_screen(base: Path, env: dict[str, str], timeout: float) -> tuple[float, float]:
    """Start coach on ``base``, press ``h`` on the setup screen: seconds until the history screen shows,
    and until it shows the sessions (``inf`` past ``timeout``)."""
    argv = (PY, "-m", "coach", "--data-dir", str(base), "--routines", str(ROUTINES))
    child = PtyChild(argv, env, *SIZE)
    try:
        child.wait_for(FIRST_SCREEN, START_TIMEOUT)
        pressed = time.monotonic()
        child.press("h")
        try:
            shown = child.wait_for(HISTORY_SHOWN, timeout) - pressed
        except TimeoutError:
            return float("inf"), float("inf")
        try:
            filled = child.wait_for(HISTORY_FILLED, timeout) - pressed
        except TimeoutError:
            filled = float("inf")
        return shown, filled
    finally:
        child.stop(grace=2.0)


# -- the report ----------------------------------------------------------------------------------------
def fmt_ratio(series: Series) -> str:
    """``median x (min-max)`` of pairwise ratios."""
    return series.span(fmt="{:.2f}x") if series.values else "-"


def verdict(value: float, goal: float, *, lower_is_better: bool = True) -> str:
    """``met`` or ``NOT met (by N%)``."""
    if value != value:  # NaN: not measured
        return "not measured"
    if value <= goal:
        return "met"
    return f"NOT met (by {(value / goal - 1) * 100:.0f}%)"


@dataclass
class Results:
    """Everything measured in one run."""

    startup: Figures
    playing: Figures
    commands: Figures
    imports: dict[str, bool]
    scale: Figures
    step_sizes: Sequence[int]
    session_sizes: Sequence[int]
    playing_keys: Sequence[str]
    meta: dict[str, str]


def report(res: Results) -> str:
    """The whole report as Markdown (it reads as plain text on a terminal too)."""
    out: list[str] = []
    line = out.append
    line("# coach: measured cost\n")
    line(" · ".join(f"{key}: {value}" for key, value in res.meta.items()) + "\n")
    line("Medians over the rounds, (min-max) after them. Ratios are taken round by round against the "
         "reference measured in the same round, then their median is given.\n")
    goals: list[tuple[str, str, str, str]] = []

    # start-up
    line("## Start-up: spawn to first screen (80x24 pseudo-terminal)\n")
    line("| case | first screen s | peak MiB then | vs bare app | Enter to the player s |")
    line("|---|---|---|---|---|")
    for screen in (BARE, SETUP):
        figs = res.startup.get(screen.key, {})
        line(f"| {screen.label} | {figs.get('first', Series()).span(fmt='{:.3f}')} | "
             f"{figs.get('hwm', Series()).span(1 / 1024, '{:.1f}')} | "
             f"{fmt_ratio(pair_ratios(res.startup, screen.key, 'bare', 'first'))} | "
             f"{figs.get('enter', Series()).span(fmt='{:.3f}')} |")
    start_ratio = pair_ratios(res.startup, "coach", "bare", "first").median
    goals.append(("first screen / bare app", f"<= {STARTUP_GOAL:.2f}x", f"{start_ratio:.2f}x",
                  verdict(start_ratio, STARTUP_GOAL)))

    # playing
    line("\n## Playing: one step, side by side over the same window\n")
    cpu_ref = "termdown" if "termdown" in res.playing else "digits"
    line("| case | CPU % of a core | out B/s | RSS MiB | peak MiB | CPU vs termdown | CPU vs Digits "
         "| peak vs bare |")
    line("|---|---|---|---|---|---|---|---|")
    labels = {s.key: s.label for s in (BARE, DIGITS, PROGRESS, TERMDOWN, PLAYING, REDUCED, PAUSED,
                                       *EXTRA_PLAYING)}
    for key in res.playing_keys:
        figs = res.playing.get(key, {})
        line(f"| {labels.get(key, key)} | {figs['cpu'].span(100)} | {figs['out'].span(1, '{:.0f}')} | "
             f"{figs['rss'].span(1 / 1024, '{:.1f}')} | {figs['hwm'].span(1 / 1024, '{:.1f}')} | "
             f"{fmt_ratio(pair_ratios(res.playing, key, 'termdown', 'cpu'))} | "
             f"{fmt_ratio(pair_ratios(res.playing, key, 'digits', 'cpu'))} | "
             f"{fmt_ratio(pair_ratios(res.playing, key, 'bare', 'hwm'))} |")
    ref_name = "termdown" if cpu_ref == "termdown" else "Digits clock (termdown not installed)"
    play = pair_ratios(res.playing, "playing", cpu_ref, "cpu").median
    goals.append((f"CPU playing / {ref_name}", f"<= {PLAYING_GOAL:.2f}x", f"{play:.2f}x",
                  verdict(play, PLAYING_GOAL)))
    reduced = pair_ratios(res.playing, "reduced", cpu_ref, "cpu").median
    goals.append((f"CPU reduced motion / {ref_name}", f"<= {REDUCED_GOAL:.2f}x", f"{reduced:.2f}x",
                  verdict(reduced, REDUCED_GOAL)))
    reduced_digits = pair_ratios(res.playing, "reduced", "digits", "cpu").median
    goals.append(("CPU reduced motion / Digits clock 1 Hz", "<= 1.00x", f"{reduced_digits:.2f}x",
                  verdict(reduced_digits, 1.0)))
    memory = pair_ratios(res.playing, "playing", "bare", "hwm").median
    goals.append(("peak memory playing / bare app", f"<= {MEMORY_GOAL:.2f}x", f"{memory:.2f}x",
                  verdict(memory, MEMORY_GOAL)))
    for loud, quiet, what in (("nightly-sound", "nightly-silent", "the nightly routine"),
                              ("sound", "silent", "held points every 2-5 s")):
        if loud in res.playing and quiet in res.playing:
            sound = pair_ratios(res.playing, loud, quiet, "cpu").median
            goals.append((f"CPU playing with voice and chime / without ({what})", f"<= {SOUND_GOAL:.2f}x",
                          f"{sound:.2f}x", verdict(sound, SOUND_GOAL)))

    # commands
    line("\n## Commands (no terminal)\n")
    line("| command | wall s | peak MiB | imports textual |")
    line("|---|---|---|---|")
    for key, label, _argv in CLI_CASES:
        figs = res.commands.get(key, {})
        imported = {True: "yes", False: "no"}.get(res.imports.get(key), "-")  # type: ignore[arg-type]
        line(f"| {label} | {figs['wall'].span(fmt='{:.3f}')} | {figs['maxrss'].span(1 / 1024, '{:.1f}')} "
             f"| {imported} |")
    for key in ("list", "validate") if res.imports else ():
        goals.append((f"coach {key} imports textual", "no", "yes" if res.imports.get(key) else "no",
                      "NOT met" if res.imports.get(key) else "met"))

    # scale
    line("\n## Scale\n")
    line("| routines file | coach validate s | peak MiB |")
    line("|---|---|---|")
    for n in res.step_sizes:
        figs = res.scale.get(f"steps-{n}", {})
        line(f"| {n:,} steps | {figs['validate'].span(fmt='{:.3f}')} | "
             f"{figs['maxrss'].span(1 / 1024, '{:.1f}')} |")
    line("\n| history file | first read s | peak MiB | coach history s | peak MiB | append one (call) ms "
         "| append, whole process s | history screen shows s | ... with the sessions s |")
    line("|---|---|---|---|---|---|---|---|---|")
    for n in res.session_sizes:
        figs = res.scale.get(f"sessions-{n}", {})
        line(f"| {n:,} sessions | {figs['first'].span(fmt='{:.3f}')} | "
             f"{figs['first_maxrss'].span(1 / 1024, '{:.1f}')} | {figs['history'].span(fmt='{:.3f}')} | "
             f"{figs['maxrss'].span(1 / 1024, '{:.1f}')} | {figs['append'].span(1000, '{:.1f}')} | "
             f"{figs['append_wall'].span(fmt='{:.3f}')} | {figs['screen'].span(fmt='{:.3f}')} | "
             f"{figs['screen_filled'].span(fmt='{:.3f}')} |")
    largest_steps, largest_sessions = max(res.step_sizes), max(res.session_sizes)
    validate = res.scale[f"steps-{largest_steps}"]["validate"].median
    goals.append((f"coach validate, {largest_steps:,} steps", f"< {VALIDATE_GOAL_S:g} s", f"{validate:.3f} s",
                  verdict(validate, VALIDATE_GOAL_S)))
    goals.append(_linear("validate", res.scale, "steps", res.step_sizes, "validate"))
    goals.append(_linear("coach history", res.scale, "sessions", res.session_sizes, "history"))
    goals.append(_linear("first read of a history", res.scale, "sessions", res.session_sizes, "first"))
    big = res.scale[f"sessions-{largest_sessions}"]
    append = big["append"].median
    goals.append((f"append one session to {largest_sessions:,}", f"< {APPEND_GOAL_S * 1000:g} ms",
                  f"{append * 1000:.1f} ms", verdict(append, APPEND_GOAL_S)))
    goals.append(_linear("append one session", res.scale, "sessions", res.session_sizes, "append"))
    shown = big["screen"].median
    goals.append((f"history screen shows, {largest_sessions:,} sessions", f"< {HISTORY_SCREEN_GOAL_S:g} s",
                  f"{shown:.3f} s", verdict(shown, HISTORY_SCREEN_GOAL_S)))

    line("\n## Goals\n")
    line("| goal | target | measured (median) | |")
    line("|---|---|---|---|")
    for name, target, measured, result in goals:
        line(f"| {name} | {target} | {measured} | {result} |")
    notes = findings()
    if notes:
        line("\n## What was tried, and why it stops there\n")
        line(notes)
    return "\n".join(out) + "\n"


def findings() -> str:
    """The "Findings" section of bench/README.md (written by hand after a measurement: for each goal
    not met, what was tried and why it stops there), to stand under the figures it explains."""
    try:
        text = (BENCH / "README.md").read_text(encoding="utf-8")
    except OSError:
        return ""
    start = text.find("\n## Findings\n")
    if start < 0:
        return ""
    body = text[start + len("\n## Findings\n"):]
    end = body.find("\n## ")
    return (body if end < 0 else body[:end]).strip()


def _linear(what: str, figures: Figures, prefix: str, sizes: Sequence[int],
            name: str) -> tuple[str, str, str, str]:
    """Whether ``name`` grows no faster than the size from the middle size to the largest: the time's
    growth over the size's growth (1.00x linear, below it less than linear, e.g. a process start-up
    or a cost that does not grow at all)."""
    if len(sizes) < 2:
        return (f"{what}: growth no worse than linear", f"<= {LINEAR_SLACK:g}x", "-", "not measured")
    b, c = sorted(sizes)[-2:]
    tb, tc = (figures[f"{prefix}-{n}"][name].median for n in (b, c))
    label = f"{what}: growth no worse than linear ({b:,} -> {c:,}: time x / size x)"
    if not (math.isfinite(tb) and math.isfinite(tc)) or tb <= 0:
        return (label, f"<= {LINEAR_SLACK:g}x", "-", "not measured (timed out)" if tb > 0 else "not measured")
    growth = (tc / tb) / (c / b)
    return (label, f"<= {LINEAR_SLACK:g}x", f"{growth:.2f}x", verdict(growth, LINEAR_SLACK))


HOLDS = (*COACH, "--routine", "holds", "--voice")
HOLDS_TITLE = "Ball points"
PLAYER_KNOWN = ("-> ", "no sound player")
"""The setup screen's sound row once the probe knows which player works (or that none does)."""
SILENT = Screen("silent", "coach holds, no sound", (*HOLDS, "--no-sound"), FIRST_SCREEN,
                (*PAST_SAFETY, ("\r", HOLDS_TITLE)), stand_in_player=True)
SOUND = Screen("sound", "coach holds, voice and chime", HOLDS, FIRST_SCREEN,
               (*PAST_SAFETY, ("", PLAYER_KNOWN), ("\r", HOLDS_TITLE)), stand_in_player=True)
"""A change every 2 or 5 seconds (a hold, a release), each sounded: what sound costs, against
:data:`SILENT`. Started once the setup screen names the player (the chimes are made before that, once
per machine; every run here has a fresh home, so once per run). The speech engine and the player are
processes of their own, counted as coach's children."""
NIGHTLY = (PY, "-m", "coach", "--foot", "left", "--mode", "self", "--routine", "nightly", "--voice")
NIGHTLY_TITLE = "Before you start"
"""The lead-in's title: the shipped nightly routine is playing."""
NIGHTLY_SILENT = Screen("nightly-silent", "coach nightly, no sound", (*NIGHTLY, "--no-sound"), FIRST_SCREEN,
                        (*PAST_SAFETY, ("\r", NIGHTLY_TITLE)), stand_in_player=True)
NIGHTLY_SOUND = Screen("nightly-sound", "coach nightly, voice and chime", NIGHTLY, FIRST_SCREEN,
                       (*PAST_SAFETY, ("", PLAYER_KNOWN), ("\r", NIGHTLY_TITLE)), stand_in_player=True)
"""The shipped nightly routine (a cue every half-minute or so: a part, a rep, a hold) with and without
sound: what sound costs in a real session, where :data:`SOUND` is the harsh case."""
EXTRA_PLAYING: tuple[Screen, ...] = (SILENT, SOUND, NIGHTLY_SILENT, NIGHTLY_SOUND)
"""The sound cases, run beside the others."""
STAND_IN_PLAYER = r"""#!/bin/bash
# A stand-in for aplay on a machine with no sound device: one process per clip, as a real player is,
# that takes as long as the clip. The clip (the last argument) is a WAV file with the usual 44-byte
# header; its length is read from the header with shell builtins alone (the sample rate at byte 24, the
# bytes per frame at byte 32, the data's size at byte 40), then this process becomes one sleep.
for clip; do :; done
export LC_ALL=C
header=()
while (( ${#header[@]} < 44 )); do
    # Bash cannot hold a NUL byte: read up to each NUL, and count the NUL itself as a 0.
    IFS= read -r -d '' chunk || [[ -n $chunk ]] || exit 1
    for ((k = 0; k < ${#chunk} && ${#header[@]} < 44; k++)); do
        printf -v code '%d' "'${chunk:k:1}"
        header+=("$code")
    done
    header+=(0)
done <"$clip"
rate=$(( header[24] | header[25] << 8 | header[26] << 16 | header[27] << 24 ))
block=$(( header[32] | header[33] << 8 ))
data=$(( header[40] | header[41] << 8 | header[42] << 16 | header[43] << 24 ))
(( rate > 0 && block > 0 )) || exit 1
ms=$(( data * 1000 / (rate * block) ))
printf -v seconds '%d.%03d' $((ms / 1000)) $((ms % 1000))
exec sleep "$seconds"
"""
"""A stand-in ``aplay``: takes as long as the clip it is given, as a real player does, and plays nothing.
One process per clip, like a real player (bash, which becomes ``sleep``): an earlier stand-in spawned
four (``stat``, ``od``, ``awk``, ``sleep``) and charged sound with three processes a real player does
not start."""
STAND_IN = [False]
"""Whether ``--stand-in-player`` was given."""


def build_parser() -> argparse.ArgumentParser:
    """The benchmark's options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=7, help="start-up and command rounds (default: 7)")
    parser.add_argument("--play-rounds", type=int, default=3, help="playing rounds (default: 3)")
    parser.add_argument("--scale-rounds", type=int, default=3, help="scale rounds (default: 3)")
    parser.add_argument("--seconds", type=float, default=30.0, help="playing window (default: 30)")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds before the window (default: 3)")
    parser.add_argument("--only", nargs="+", choices=("startup", "playing", "commands", "scale"),
                        help="run only these parts (the report then leaves the others empty)")
    parser.add_argument("--screen-timeout", type=float, default=30.0,
                        help="give up on the history screen after this long (default: 30 s)")
    parser.add_argument("--stand-in-player", action="store_true",
                        help="for the sound cases, an aplay that waits for each clip's length and plays "
                             "nothing (a machine without a sound device)")
    parser.add_argument("--smoke", action="store_true",
                        help="one short round of each part at the smallest sizes, to check the script runs")
    parser.add_argument("--out", type=Path, default=BENCH / "RESULTS.md",
                        help="where to write the report (default: bench/RESULTS.md)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run every part, print the report and write it to ``--out``."""
    args = build_parser().parse_args(argv)
    if args.smoke:
        args.rounds = args.play_rounds = args.scale_rounds = 1
        args.seconds, args.warmup = 1.0, 0.5
        step_sizes, session_sizes = (20, 40, 80), (10, 20, 40)
    else:
        step_sizes, session_sizes = STEP_SIZES, SESSION_SIZES
    if min(args.rounds, args.play_rounds, args.scale_rounds) < 1 or args.seconds <= 0 or args.warmup < 0:
        print("rounds must be at least 1, --seconds above 0, --warmup at least 0", file=sys.stderr)
        return 2
    parts = set(args.only or ("startup", "playing", "commands", "scale"))
    STAND_IN[0] = args.stand_in_player
    compile_coach()
    playing_screens = [BARE, DIGITS, PROGRESS, *([TERMDOWN] if termdown_available() else []), PLAYING,
                       REDUCED, PAUSED, *EXTRA_PLAYING]
    empty: Callable[[], Figures] = dict
    startup = measure_startup(args.rounds) if "startup" in parts else empty()
    playing = (measure_playing(playing_screens, args.play_rounds, args.warmup, args.seconds)
               if "playing" in parts else empty())
    commands, imports = measure_commands(args.rounds) if "commands" in parts else (empty(), {})
    scale = (measure_scale(step_sizes, session_sizes, args.scale_rounds, args.screen_timeout)
             if "scale" in parts else empty())
    meta = {
        "date": datetime.now().strftime("%Y-%m-%d %H:%M"),
        "cores": str(os.cpu_count()),
        "Python": platform.python_version(),
        "Textual": textual.__version__,
        "termdown": _termdown_version(),
        "load average": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "command": "python bench/run.py " + " ".join(argv if argv is not None else sys.argv[1:]),
    }
    text = report_parts(Results(startup, playing, commands, imports, scale, step_sizes, session_sizes,
                                [s.key for s in playing_screens], meta), parts)
    print(text)
    args.out.write_text(text, encoding="utf-8")
    log(f"written to {args.out}")
    return 0


def report_parts(res: Results, parts: set[str]) -> str:
    """:func:`report`, with empty figures for the parts not run."""
    if parts != {"startup", "playing", "commands", "scale"}:
        res = _fill_missing(res)
    return report(res)


def _fill_missing(res: Results) -> Results:
    """Empty series where a part was not run, so the report still has its shape."""
    def blank(keys: Sequence[str], names: Sequence[str], figures: Figures) -> Figures:
        for key in keys:
            for name in names:
                figures.setdefault(key, {}).setdefault(name, Series())
        return figures

    blank(["bare", "coach"], ["first", "hwm"], res.startup)
    blank(res.playing_keys, ["cpu", "out", "rss", "hwm"], res.playing)
    blank([key for key, _l, _a in CLI_CASES], ["wall", "maxrss"], res.commands)
    blank([f"steps-{n}" for n in res.step_sizes], ["validate", "maxrss"], res.scale)
    blank([f"sessions-{n}" for n in res.session_sizes],
          ["first", "first_maxrss", "history", "maxrss", "append", "append_wall", "screen", "screen_filled"],
          res.scale)
    return res


def _termdown_version() -> str:
    """termdown's version, or that it is not installed."""
    if not termdown_available():
        return "not installed"
    try:
        from importlib.metadata import version

        return version("termdown")
    except Exception:  # installed some other way
        return "installed"


if __name__ == "__main__":
    raise SystemExit(main())
