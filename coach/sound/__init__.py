"""coach's sound layer: spoken and chimed cues from a session's events. No textual import here.

- :mod:`coach.sound.config`: the user's sound choices (:class:`SoundConfig`).
- :mod:`coach.sound.cues`: what to sound for which event, a pure function.
- :mod:`coach.sound.chimes`: the bell, tick, tock and closing chord, made in code.
- :mod:`coach.sound.speech`: speech rendered to cached WAV files by the system's engine.
- :mod:`coach.sound.players`: the programs that play them, tried in order.
- :mod:`coach.sound.playback`: priorities, cut-offs, timeouts and fallback.
- :mod:`coach.sound.system`: all of it on a background thread (:class:`SoundSystem`).
"""

from coach.sound.config import LEVELS, Level, LevelChoice, SoundConfig
from coach.sound.cues import Cue, CueKind, Tone, arrival_cues, cues_for
from coach.sound.playback import NO_PLAYER, Playback
from coach.sound.system import SoundSystem

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
