"""What the command line hands the app: the loaded routines and the user's explicit choices.

``None`` means "not given on the command line": the app then uses the remembered preference, and
failing that the routine's default.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coach.routines import Foot, Library, Mode


@dataclass(frozen=True)
class LaunchOptions:
    """The app's starting point, built by ``coach.cli`` and read by ``coach.ui.app.run_app``."""

    library: Library
    routine_id: str | None = None
    mode: Mode | None = None
    minutes: float | None = None
    feet: tuple[Foot, ...] | None = None
    data_dir: Path | None = None
    sound: bool | None = None
    voice: bool | None = None
    guide: bool | None = None
    reduced_motion: bool | None = None
