"""coach's sound layer: spoken and chimed cues from a session's events. No textual import here.

- :mod:`coach.sound.config`: the user's sound choices (:class:`SoundConfig`).
- :mod:`coach.sound.cues`: what to sound for which event, a pure function.
- :mod:`coach.sound.chimes`: the bell, tick, tock and closing chord, made in code.
- :mod:`coach.sound.speech`: speech rendered to cached WAV files by the system's engine.
- :mod:`coach.sound.players`: the programs that play them, tried in order.
- :mod:`coach.sound.playback`: priorities, cut-offs, timeouts and fallback.
- :mod:`coach.sound.system`: all of it on a background thread (:class:`SoundSystem`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coach.sound.config import LEVELS, Level, LevelChoice, SoundConfig
    from coach.sound.cues import Cue, CueKind, Tone, arrival_cues, cues_for
    from coach.sound.playback import NO_PLAYER, Playback
    from coach.sound.system import SoundSystem

_HOMES = {
    "LEVELS": "config", "Level": "config", "LevelChoice": "config", "SoundConfig": "config",
    "Cue": "cues", "CueKind": "cues", "Tone": "cues", "arrival_cues": "cues", "cues_for": "cues",
    "NO_PLAYER": "playback", "Playback": "playback",
    "SoundSystem": "system",
}
"""Which module each name comes from. They are imported when first asked for: the app needs only the
sound settings (:mod:`coach.sound.config`) to show its first screen, the players and the engine later."""


def __getattr__(name: str) -> Any:
    """``from coach.sound import SoundSystem`` imports :mod:`coach.sound.system` only then."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"coach.sound.{home}"), name)
    globals()[name] = value
    return value


__all__ = [
    "LEVELS",
    "NO_PLAYER",
    "Cue",
    "CueKind",
    "Level",
    "LevelChoice",
    "Playback",
    "SoundConfig",
    "SoundSystem",
    "Tone",
    "arrival_cues",
    "cues_for",
]
