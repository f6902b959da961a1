"""Read ``routines.toml`` into a :class:`coach.routines.Library`, checking everything on the way.

Every problem in the file is collected -- not just the first -- and raised together as a
:class:`RoutinesError`, each naming the file, the line and the key path. No textual import here.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from coach import paths
from coach.loader_errors import KeyPath, Problem, RoutinesError, format_path
from coach.loader_fields import Reader, describe
from coach.loader_lines import locate_keys
from coach.routines import (
    MODES,
    PRESSURES,
    ZONES,
    BreathingPattern,
    Choice,
    Duration,
    Library,
    Mode,
    Phase,
    PhaseKind,
    Pressure,
    Routine,
    SetupItem,
    Step,
    Texts,
    Zone,
)

__all__ = ["Problem", "RoutinesError", "load_library", "parse_library", "routines_path"]

TEXT_KEYS = ("text", "self_text", "partner_text")
MEASURE_KEYS = ("seconds", "minutes", "reps", "holds", "release")
TOP_KEYS = ("default_routine", "safety", "setup", "breathing", "routines")
SETUP_KEYS = ("id", "label", "detail", "modes", "choices")
CHOICE_KEYS = ("id", "label", "note")
BREATHING_KEYS = ("name", "inhale", "hold_in", "exhale", "hold_out", "description")
ROUTINE_KEYS = ("name", "description", "breathing", "benefits", "source", "lead_in", "transition", "steps")
TRANSITION_KEYS = ("seconds", *TEXT_KEYS)
STEP_KEYS = ("id", "title", *TEXT_KEYS, "zone", "pressure", "benefit", "breathing", "phases", *MEASURE_KEYS)
PHASE_KEYS = ("id", "title", *TEXT_KEYS, "zone", *MEASURE_KEYS)

DEFAULT_TRANSITION = Texts("Wrap this foot warmly in the towel, then move to the other foot.")

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_EMPTY = "the file is empty: it needs at least one [routines.<id>] table with steps"


def routines_path(explicit: Path | str | None = None, data_dir: Path | None = None) -> Path:
    """Which routines file to use: ``explicit``, else the user's own when it exists, else the shipped one."""
    if explicit is not None:
        return Path(explicit)
    user = paths.user_routines(data_dir)
    return user if user.is_file() else paths.shipped_routines()


def load_library(path: Path | str | None = None) -> Library:
    """Load and check a routines file (the shipped one when ``path`` is None).

    Raises :class:`RoutinesError` listing every problem when the file is missing, unreadable or invalid.
    """
    file = Path(path) if path is not None else paths.shipped_routines()
    name = str(file)
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise RoutinesError([Problem(name, None, "", "file not found")]) from None
    except IsADirectoryError:
        raise RoutinesError([Problem(name, None, "", "is a folder, not a routines file")]) from None
    except OSError as err:
        raise RoutinesError([Problem(name, None, "", f"cannot be read: {err.strerror or err}")]) from None
    return parse_library(data, name)


def parse_library(source: bytes | str, file: str = "routines.toml") -> Library:
    """Check and build a library from the contents of a routines file; ``file`` names it in problems."""
    if isinstance(source, bytes):
        try:
            text = source.decode("utf-8-sig")  # a byte-order mark from a Windows editor is harmless
        except UnicodeDecodeError as err:
            line = source.count(b"\n", 0, err.start) + 1
            bad = source[err.start : err.start + 1].hex()
            message = (
                f"is not UTF-8 text: byte 0x{bad} at byte offset {err.start} cannot be read; save it as UTF-8"
            )
            raise RoutinesError([Problem(file, line, "", message)]) from None
    else:
        text = source
    if not text.strip():
        raise RoutinesError([Problem(file, None, "", _EMPTY)])
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise RoutinesError([_syntax_problem(file, str(err))]) from None
    if not data:
        raise RoutinesError([Problem(file, None, "", _EMPTY)])
    reader = Reader(file, locate_keys(text))
    library = _library(reader, data, file)
    if reader.problems:
        ordered = sorted(reader.problems, key=lambda p: p.line if p.line is not None else 0)
        raise RoutinesError(ordered)
    return library


def _syntax_problem(file: str, message: str) -> Problem:
    found = _TOML_POSITION.search(message)
    if found is None:
        return Problem(file, None, "", f"TOML syntax error: {message}")
    text = message[: found.start()]
    return Problem(file, int(found.group(1)), "", f"TOML syntax error at column {found.group(2)}: {text}")


def _library(r: Reader, data: dict[str, object], file: str) -> Library:
    r.table(data, (), TOP_KEYS)
    breathing = {}
    for ident, path, raw in r.mapping(data, (), "breathing", "calm"):
        breathing[ident] = _breathing(r, ident, path, raw)
    routines = {}
    for ident, path, raw in r.mapping(data, (), "routines", "evening"):
        routines[ident] = _routine(r, ident, path, raw, tuple(breathing))
    default = next(iter(routines), "")
    if "default_routine" in data:
        default = r.reference(data, (), "default_routine", tuple(routines), "routine") or default
    setup: list[SetupItem] = []
    seen: dict[str, KeyPath] = {}
    for path, raw in r.tables(data, (), "setup", "setup item", required=False):
        item = _setup_item(r, path, raw)
        _unique(r, seen, item.id, path)
        setup.append(item)
    safety = r.strings(data, (), "safety")
    return Library(file, tuple(setup), safety, breathing, routines, default)


def _unique(r: Reader, seen: dict[str, KeyPath], ident: str, path: KeyPath) -> None:
    """Ids must be unique among their siblings: report the second use and where the first one is."""
    if not ident:
        return
    if ident in seen:
        first = seen[ident]
        where = f" at line {r.line(first)}" if r.line(first) is not None else ""
        r.problem((*path, "id"), f"duplicate id {ident!r}: already used by {format_path(first)}{where}")
    else:
        seen[ident] = path


def _setup_item(r: Reader, path: KeyPath, raw: object) -> SetupItem:
    t = r.table(raw, path, SETUP_KEYS)
    modes: tuple[Mode, ...] = MODES
    if "modes" in t:
        values = _as_list(r, t, path, "modes")
        for index, value in enumerate(values):
            if value not in MODES:
                r.problem((*path, "modes", index), f"must be self or partner, got {describe(value)}")
        modes = tuple(m for m in MODES if m in values)
        if not values:
            r.problem((*path, "modes"), "needs at least one of self, partner")
    choices: list[Choice] = []
    seen: dict[str, KeyPath] = {}
    for cpath, craw in r.tables(t, path, "choices", "choice", required=False):
        c = r.table(craw, cpath, CHOICE_KEYS)
        choice = Choice(
            r.ident(c, cpath), r.string(c, cpath, "label"), r.string(c, cpath, "note", required=False)
        )
        _unique(r, seen, choice.id, cpath)
        choices.append(choice)
    return SetupItem(
        r.ident(t, path),
        r.string(t, path, "label"),
        r.string(t, path, "detail", required=False),
        modes,
        tuple(choices),
    )


def _as_list(r: Reader, t: dict[str, object], path: KeyPath, key: str) -> list[object]:
    value = t[key]
    if isinstance(value, list):
        return value
    r.problem((*path, key), 'must be a list, e.g. ["self", "partner"]')
    return []


def _breathing(r: Reader, ident: str, path: KeyPath, raw: object) -> BreathingPattern:
    t = r.table(raw, path, BREATHING_KEYS)
    for key in ("inhale", "exhale"):
        if key not in t:
            r.problem((*path, key), "is missing: seconds of the breath, e.g. 4")
    return BreathingPattern(
        id=ident,
        name=r.string(t, path, "name"),
        inhale=r.number(t, path, "inhale", default=4.0, positive=True, maximum=30),
        hold_in=r.number(t, path, "hold_in", default=0.0, maximum=30),
        exhale=r.number(t, path, "exhale", default=6.0, positive=True, maximum=30),
        hold_out=r.number(t, path, "hold_out", default=0.0, maximum=30),
        description=r.string(t, path, "description", required=False),
    )


def _texts(r: Reader, t: dict[str, object], path: KeyPath) -> Texts:
    return Texts(
        r.string(t, path, "text"),
        r.optional_string(t, path, "self_text"),
        r.optional_string(t, path, "partner_text"),
    )


def _routine(r: Reader, ident: str, path: KeyPath, raw: object, breathing: tuple[str, ...]) -> Routine:
    t = r.table(raw, path, ROUTINE_KEYS)
    pattern = breathing[0] if breathing else ""
    if "breathing" in t:
        pattern = r.reference(t, path, "breathing", breathing, "breathing pattern") or pattern
    steps: list[Step] = []
    seen: dict[str, KeyPath] = {}
    for spath, sraw in r.tables(t, path, "steps", "step"):
        step = _step(r, spath, sraw, breathing)
        _unique(r, seen, step.id, spath)
        steps.append(step)
    transition = DEFAULT_TRANSITION
    transition_seconds = 30.0
    if "transition" in t:
        tpath = (*path, "transition")
        tt = r.table(t["transition"], tpath, TRANSITION_KEYS)
        transition = _texts(r, tt, tpath)
        transition_seconds = r.number(tt, tpath, "seconds", default=30.0, maximum=600)
    return Routine(
        id=ident,
        name=r.string(t, path, "name"),
        description=r.string(t, path, "description", required=False),
        steps=tuple(steps),
        breathing=pattern,
        benefits=r.strings(t, path, "benefits"),
        source=r.string(t, path, "source", required=False),
        lead_in=r.number(t, path, "lead_in", default=20.0, maximum=600),
        transition=transition,
        transition_seconds=transition_seconds,
    )


def _step(r: Reader, path: KeyPath, raw: object, breathing: tuple[str, ...]) -> Step:
    t = r.table(raw, path, STEP_KEYS)
    ident, title, texts = r.ident(t, path), r.string(t, path, "title"), _texts(r, t, path)
    zone: Zone = r.choice(t, path, "zone", ZONES) or "whole"
    pressure: Pressure = r.choice(t, path, "pressure", PRESSURES) or "gentle"
    pattern = r.reference(t, path, "breathing", breathing, "breathing pattern", required=False)
    phases: list[Phase] = []
    if "phases" in t:
        for key in MEASURE_KEYS:
            if key in t:
                r.problem((*path, key), "this step has phases: give durations, reps and holds on its phases")
        seen: dict[str, KeyPath] = {}
        for ppath, praw in r.tables(t, path, "phases", "phase"):
            phase = _phase(r, ppath, praw, title, texts)
            _unique(r, seen, phase.id, ppath)
            phases.append(phase)
    else:
        # A step without phases is one phase of its own, timed, counted or held as its keys say.
        kind, duration, count, release = _measure(r, t, path)
        phases.append(Phase(ident, title, texts, kind, duration, count, release))
    return Step(
        ident,
        title,
        texts,
        zone,
        pressure,
        tuple(phases),
        r.string(t, path, "benefit", required=False),
        pattern,
    )


def _phase(r: Reader, path: KeyPath, raw: object, step_title: str, step_texts: Texts) -> Phase:
    t = r.table(raw, path, PHASE_KEYS)
    ident = r.ident(t, path)
    title = r.string(t, path, "title") if "title" in t else step_title
    texts = _texts(r, t, path) if any(k in t for k in TEXT_KEYS) else step_texts
    zone: Zone | None = r.choice(t, path, "zone", ZONES, required=False)
    kind, duration, count, release = _measure(r, t, path)
    return Phase(ident, title, texts, kind, duration, count, release, zone)


def _measure(r: Reader, t: dict[str, object], path: KeyPath) -> tuple[PhaseKind, Duration, int, float]:
    """A phase's kind and length: timed, ``reps = N`` (seconds per rep) or ``holds = N`` (per hold)."""
    kind: PhaseKind = "timed"
    count = 1
    if "reps" in t and "holds" in t:
        r.problem((*path, "holds"), "give either reps or holds, not both")
    if "reps" in t:
        kind, count = "reps", r.count(t, path, "reps")
    elif "holds" in t:
        kind, count = "holds", r.count(t, path, "holds")
    what = {"timed": "", "reps": " for each rep", "holds": " for each hold"}[kind]
    duration = r.duration(t, path, what)
    release = 0.0
    if "release" in t:
        if kind != "holds":
            r.problem((*path, "release"), "only applies with holds: the pause after each held point")
        release = r.number(t, path, "release", default=0.0, maximum=600)
    return kind, duration, count, release
