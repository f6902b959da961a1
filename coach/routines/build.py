"""Reading one ``[routines.<id>]`` table: its steps, their phases and how each is measured."""

from __future__ import annotations

from coach.limits import MAX_PAUSE_SECONDS, MAX_PHASES, MAX_POINTS_PER_FOOT, MAX_STEPS, MIN_UNIT_SECONDS
from coach.routines.fields import Reader
from coach.routines.model import (
    PRESSURES,
    ZONES,
    Duration,
    Phase,
    PhaseKind,
    Pressure,
    Routine,
    Step,
    Texts,
    Zone,
)
from coach.routines.problems import KeyPath, describe

TEXT_KEYS = ("text", "self_text", "partner_text")
MEASURE_KEYS = ("seconds", "minutes", "reps", "holds", "release", "rep_name")
ROUTINE_KEYS = ("name", "description", "breathing", "benefits", "source", "lead_in", "transition", "steps")
TRANSITION_KEYS = ("seconds", "cue", *TEXT_KEYS)
OPTIONAL_KEYS = ("optional", "leave_out_order")
STEP_KEYS = (
    "id", "title", "cue", *TEXT_KEYS, "zone", "pressure", "benefit", "breathing", "phases", *MEASURE_KEYS,
    *OPTIONAL_KEYS,
)
PHASE_KEYS = ("id", "title", "cue", *TEXT_KEYS, "zone", *MEASURE_KEYS, *OPTIONAL_KEYS)
DEFAULT_TRANSITION_CUE = "Wrap this foot in the towel"
MAX_LEAVE_OUT_ORDER = 100

DEFAULT_TRANSITION = Texts("Wrap this foot warmly in the towel, then move to the other foot.")


def read_texts(r: Reader, t: dict[str, object], path: KeyPath) -> Texts:
    """``text`` (required) with the optional ``self_text`` and ``partner_text`` of a table."""
    return Texts(
        r.string(t, path, "text"),
        r.optional_string(t, path, "self_text"),
        r.optional_string(t, path, "partner_text"),
    )


def build_routine(r: Reader, ident: str, path: KeyPath, raw: object, breathing: tuple[str, ...]) -> Routine:
    """The routine in table ``raw``; ``breathing`` lists the pattern ids its references may use."""
    t = r.table(raw, path, ROUTINE_KEYS)
    pattern = breathing[0] if breathing else ""
    if "breathing" in t:
        pattern = r.reference(t, path, "breathing", breathing, "breathing pattern") or pattern
    steps: list[Step] = []
    seen: dict[str, KeyPath] = {}
    for spath, sraw in r.tables(t, path, "steps", "step", most=MAX_STEPS):
        step = _step(r, spath, sraw, breathing)
        r.unique(seen, step.id, spath)
        steps.append(step)
    if steps and all(step.optional for step in steps):
        r.problem((*path, "steps"), "every part is optional: at least one must stay when parts are left out")
    transition = DEFAULT_TRANSITION
    transition_seconds = 30.0
    transition_cue = DEFAULT_TRANSITION_CUE
    if "transition" in t:
        tpath = (*path, "transition")
        tt = r.table(t["transition"], tpath, TRANSITION_KEYS)
        transition = read_texts(r, tt, tpath)
        transition_seconds = r.number(tt, tpath, "seconds", default=30.0, maximum=MAX_PAUSE_SECONDS,
                                      minimum=MIN_UNIT_SECONDS)
        transition_cue = r.cue(tt, tpath) or DEFAULT_TRANSITION_CUE
    points = sum(phase.count for step in steps for phase in step.phases if phase.kind == "holds")
    if points > MAX_POINTS_PER_FOOT:
        # Each point is a stretch of its own on screen; thousands of them make a session nobody plays.
        r.problem((*path, "steps"), f"the steps hold at most {MAX_POINTS_PER_FOOT} points on each foot "
                  f"in all, got {points}")
    return Routine(
        id=ident,
        name=r.name(t, path, "name"),
        description=r.string(t, path, "description", required=False),
        steps=tuple(steps),
        breathing=pattern,
        benefits=r.strings(t, path, "benefits"),
        source=r.string(t, path, "source", required=False),
        lead_in=r.number(t, path, "lead_in", default=20.0, maximum=MAX_PAUSE_SECONDS,
                         minimum=MIN_UNIT_SECONDS),
        transition=transition,
        transition_seconds=transition_seconds,
        transition_cue=transition_cue,
    )


def _step(r: Reader, path: KeyPath, raw: object, breathing: tuple[str, ...]) -> Step:
    t = r.table(raw, path, STEP_KEYS)
    ident, title, texts = r.ident(t, path), r.name(t, path, "title"), read_texts(r, t, path)
    cue = r.cue(t, path)
    zone: Zone = r.choice(t, path, "zone", ZONES) or "whole"
    pressure: Pressure = r.choice(t, path, "pressure", PRESSURES) or "gentle"
    pattern = r.reference(t, path, "breathing", breathing, "breathing pattern", required=False)
    optional, order = _optional(r, t, path, False, None)
    phases: list[Phase] = []
    if "phases" in t:
        for key in MEASURE_KEYS:
            if key in t:
                r.problem((*path, key), "this step has phases: give durations, reps and holds on its phases")
        seen: dict[str, KeyPath] = {}
        for ppath, praw in r.tables(t, path, "phases", "phase", most=MAX_PHASES):
            phase = _phase(r, ppath, praw, title, texts, cue, (optional, order))
            r.unique(seen, phase.id, ppath)
            phases.append(phase)
    else:
        # A step without phases is one phase of its own, timed, counted or held as its keys say.
        kind, duration, count, release, rep_name = _measure(r, t, path)
        phases.append(Phase(ident, title, texts, kind, duration, count, release, cue=cue, rep_name=rep_name,
                            optional=optional, leave_out_order=order))
    return Step(
        ident,
        title,
        texts,
        zone,
        pressure,
        tuple(phases),
        r.string(t, path, "benefit", required=False),
        pattern,
        cue,
    )


def _phase(
    r: Reader,
    path: KeyPath,
    raw: object,
    step_title: str,
    step_texts: Texts,
    step_cue: str,
    step_optional: tuple[bool, int | None],
) -> Phase:
    t = r.table(raw, path, PHASE_KEYS)
    ident = r.ident(t, path)
    title = r.name(t, path, "title") if "title" in t else step_title
    texts = read_texts(r, t, path) if any(k in t for k in TEXT_KEYS) else step_texts
    cue = r.cue(t, path) or step_cue
    zone: Zone | None = r.choice(t, path, "zone", ZONES, required=False)
    kind, duration, count, release, rep_name = _measure(r, t, path)
    optional, order = _optional(r, t, path, *step_optional)
    return Phase(ident, title, texts, kind, duration, count, release, zone, cue, rep_name, optional, order)


def _optional(
    r: Reader, t: dict[str, object], path: KeyPath, inherited: bool, inherited_order: int | None
) -> tuple[bool, int | None]:
    """``optional = true`` and ``leave_out_order = N`` of a step or phase; a phase inherits its step's."""
    optional = inherited
    if "optional" in t:
        value = t["optional"]
        if isinstance(value, bool):
            optional = value
        else:
            r.problem((*path, "optional"), f"must be true or false, got {describe(value)}")
    order = inherited_order if optional else None
    if "leave_out_order" in t:
        order = r.count(t, path, "leave_out_order", maximum=MAX_LEAVE_OUT_ORDER)
        if not optional:
            r.problem((*path, "leave_out_order"), "only applies with optional = true")
            order = None
    return optional, order


def _measure(
    r: Reader, t: dict[str, object], path: KeyPath
) -> tuple[PhaseKind, Duration, int, float, str]:
    """A phase's kind and length: timed, ``reps = N`` (seconds per rep) or ``holds = N`` (per hold),
    and what one rep or hold is called (``rep_name``)."""
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
        release = r.number(t, path, "release", default=0.0, maximum=MAX_PAUSE_SECONDS,
                           minimum=MIN_UNIT_SECONDS)
    rep_name = r.rep_name(t, path)
    if rep_name and kind == "timed":
        r.problem((*path, "rep_name"), "only applies with reps or holds: what one of them is called")
    return kind, duration, count, release, rep_name
