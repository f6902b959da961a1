"""Generated inputs for the scale measurements: routines files and history files of a given size.

``python bench/scale.py routines 10000 OUT.toml`` writes a routines file with 10,000 steps;
``python bench/scale.py history 100000 DIR`` writes ``DIR/history.toml`` with 100,000 sessions.
Both are written as text from templates (no coach import), so generating them costs seconds even at
the largest sizes and does not depend on how coach's modules are laid out.

The routines mix every kind of step the shipped file uses (timed, repetitions, holds, phases, ranges,
per-mode texts) in routines of :data:`STEPS_PER_ROUTINE` steps. The sessions are one a night, going
back from today (several a night beyond :data:`MAX_NIGHTS`), each a two-foot session of
:data:`STEPS_PER_SESSION` step records, most rated.
"""

from __future__ import annotations

import argparse
import sys
import uuid
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path

STEPS_PER_ROUTINE = 40
"""coach's limit on the steps of one routine (and it takes 50 routines in a file: 2,000 steps at most)."""
HISTORY_VERSION = 3
"""The history format written (coach/history/format.py): each step with its status and required time."""
STEPS_PER_SESSION = 6
"""Steps per foot in a generated session (the shipped routines have five to seven)."""
MAX_NIGHTS = 36_500
"""A hundred years of nights: a larger history has several sessions a night, since coach reads no time
before 1900 as one it wrote."""

_HEAD = '''# Generated for the scale benchmark: {steps} steps in {routines} routines.
default_routine = "r0"
safety = ["Stop at once if anything hurts."]

[[setup]]
id = "towel"
label = "A towel"
detail = "Under the foot while you work."

[breathing.calm]
name = "Calm breath, 4 in, 6 out"
inhale = 4
exhale = 6

[breathing.box]
name = "Box breath"
inhale = 4
hold_in = 4
exhale = 4
hold_out = 4
'''

_ROUTINE = '''
[routines.r{r}]
name = "Generated routine {r}"
description = "Routine {r} of a generated file."
breathing = "calm"
lead_in = 10

[routines.r{r}.transition]
seconds = 20
text = "Wrap this foot in the towel and move to the other one."
'''

_STEPS = (
    '''
[[routines.r{r}.steps]]
id = "s{s}"
title = "Gliding strokes {s}"
zone = "whole"
pressure = "gentle"
benefit = "Warms the muscles and begins to calm the nervous system."
text = "Long, gliding strokes from the toes up over the ankle."
self_text = "Rest this foot across your knee. Long, gliding strokes from the toes up."
partner_text = "Rest their foot in your lap. Long, gliding strokes from the toes up."
minutes = [1, 2]
''',
    '''
[[routines.r{r}.steps]]
id = "s{s}"
title = "Toe circles {s}"
zone = "toes"
pressure = "moderate"
text = "Rotate each toe slowly, then gently pull it."
reps = 5
seconds = [6, 10]
''',
    '''
[[routines.r{r}.steps]]
id = "s{s}"
title = "Ball of the foot {s}"
zone = "ball"
pressure = "firm"
breathing = "box"
text = "Press in with the thumbs, hold still, release and move along."
holds = 4
seconds = [5, 8]
release = 2
''',
    '''
[[routines.r{r}.steps]]
id = "s{s}"
title = "Arch work {s}"
zone = "arch"
pressure = "moderate"
text = "The arch can be tender: adjust the pressure as you go."

[[routines.r{r}.steps.phases]]
id = "circles"
title = "Arch circles"
text = "Small thumb circles from the ball of the foot back towards the heel."
minutes = [1, 1.5]

[[routines.r{r}.steps.phases]]
id = "walk"
title = "Thumb walking"
text = "Walk the thumb across the arch in tiny steps."
reps = 4
seconds = 10
''',
)


def routines_text(steps: int) -> str:
    """A valid routines file with ``steps`` steps in all (routines of up to :data:`STEPS_PER_ROUTINE`)."""
    if steps < 1:
        raise ValueError("a routines file needs at least one step")
    count = -(-steps // STEPS_PER_ROUTINE)
    parts = [_HEAD.format(steps=steps, routines=count)]
    left = steps
    for r in range(count):
        parts.append(_ROUTINE.format(r=r))
        for s in range(min(STEPS_PER_ROUTINE, left)):
            parts.append(_STEPS[s % len(_STEPS)].format(r=r, s=s))
        left -= STEPS_PER_ROUTINE
    return "".join(parts)


_SESSION_HEAD = '''
[[sessions]]
id = "{id}"
routine_id = "full"
routine_name = "Full seven-step massage"
mode = "{mode}"
feet = ["left", "right"]
started_at = {start}
ended_at = {end}
planned_seconds = {planned}.0
actual_seconds = {actual}.0
paused_seconds = {paused}.0
finished = {finished}
{ratings}'''

_STEP_RECORD = '''
[[sessions.steps]]
step_id = "step-{n}"
title = "Step number {n}"
foot = "{foot}"
planned = {planned}.0
actual = {actual}.0
required = {required}.0
status = "{status}"
{extra}'''


def _per_night(count: int) -> int:
    """Sessions a night, so that ``count`` of them take at most :data:`MAX_NIGHTS` nights."""
    return -(-count // MAX_NIGHTS)


def _sessions(count: int, now: datetime) -> Iterator[str]:
    """``count`` session blocks, oldest first, one a night at about ten in the evening (or an hour
    apart from then, several a night)."""
    per_night = _per_night(count)
    first = (now - timedelta(days=-(-count // per_night))).replace(hour=22, minute=0, second=0, microsecond=0)
    for i in range(count):
        night, nth = divmod(i, per_night)
        start = first + timedelta(days=night, minutes=60 * nth + night % 45)
        finished = i % 7 != 3
        steps = []
        actual_total = 0
        for foot in ("left", "right"):
            for n in range(STEPS_PER_SESSION):
                planned = 120 + 15 * n
                skipped = not finished and foot == "right" and n >= STEPS_PER_SESSION - 2
                actual = 0 if skipped else planned - (i + n) % 20
                actual_total += actual
                extra = "skipped = true\n" if skipped else ""
                status = "skipped" if skipped else "done"
                steps.append(_STEP_RECORD.format(n=n, foot=foot, planned=planned, actual=actual,
                                                 required=planned // 2, status=status, extra=extra))
        paused = (i * 37) % 90
        end = start + timedelta(seconds=actual_total + paused)
        ratings = "" if i % 5 == 0 else f"relaxed = {1 + i % 5}\nsleepy = {1 + (i // 3) % 5}\n"
        yield _SESSION_HEAD.format(
            id=uuid.UUID(int=i + 1), mode="self" if i % 3 else "partner",
            start=start.isoformat(), end=end.isoformat(), planned=2 * sum(120 + 15 * n for n in
                                                                         range(STEPS_PER_SESSION)),
            actual=actual_total, paused=paused, finished=str(finished).lower(), ratings=ratings,
        ) + "".join(steps)


def _nights(count: int, now: datetime) -> Iterator[str]:
    """The morning answer for each night that had a session (last night's too: the morning question
    is not asked when coach starts on this history)."""
    nights = -(-count // _per_night(count))
    first = (now - timedelta(days=nights)).replace(hour=22, minute=0, second=0, microsecond=0)
    for i in range(nights):
        night = first + timedelta(days=i)
        answered = (night + timedelta(hours=10)).isoformat()
        yield (f"\n[[nights]]\nnight = {night.date().isoformat()}\nsleep = {1 + (i * 7) % 5}\n"
               f"answered_at = {answered}\n")


def history_text(sessions: int, now: datetime | None = None) -> str:
    """A valid history file holding ``sessions`` sessions, the last of them last night, each night
    answered the next morning."""
    now = now or datetime.now().astimezone()
    return (f"version = {HISTORY_VERSION}\n" + "".join(_nights(sessions, now))
            + "".join(_sessions(sessions, now)))


def write_routines(steps: int, path: Path) -> Path:
    """Write :func:`routines_text` to ``path``; the path."""
    path.write_text(routines_text(steps), encoding="utf-8")
    return path


def write_history(sessions: int, data_dir: Path) -> Path:
    """Write :func:`history_text` as ``data_dir/history.toml``; its path."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "history.toml"
    path.write_text(history_text(sessions), encoding="utf-8")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """Write one generated file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("kind", choices=("routines", "history"))
    parser.add_argument("size", type=int, help="steps (routines) or sessions (history)")
    parser.add_argument("out", type=Path, help="routines: the file to write; history: the data directory")
    args = parser.parse_args(argv)
    if args.size < 1:
        parser.error("size must be at least 1")
    if args.kind == "routines":
        print(write_routines(args.size, args.out))
    else:
        print(write_history(args.size, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
