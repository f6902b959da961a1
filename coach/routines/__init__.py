"""Routines: ``routines.toml`` read, checked and turned into frozen dataclasses, and fitted to a length.

The package is the core's foundation: it imports nothing of history, settings, sound or the UI.
:mod:`~coach.routines.model` holds the dataclasses, :mod:`~coach.routines.load` reads a file (with
:mod:`~coach.routines.fields`, :mod:`~coach.routines.build`, :mod:`~coach.routines.lines` and
:mod:`~coach.routines.problems` for its checks), and :mod:`~coach.routines.fit` chooses each part's time.
"""

from coach.routines.load import load_library, parse_library, routines_path
from coach.routines.model import (
    FEET,
    MODES,
    PRESSURES,
    ZONES,
    BreathingPattern,
    Choice,
    Duration,
    Foot,
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
from coach.routines.problems import RoutinesError

__all__ = [
    "FEET",
    "MODES",
    "PRESSURES",
    "ZONES",
    "BreathingPattern",
    "Choice",
    "Duration",
    "Foot",
    "Library",
    "Mode",
    "Phase",
    "PhaseKind",
    "Pressure",
    "Routine",
    "RoutinesError",
    "SetupItem",
    "Step",
    "Texts",
    "Zone",
    "load_library",
    "parse_library",
    "routines_path",
]
