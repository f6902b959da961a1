"""The user's sound choices, as the sound layer reads them (settings and the command line fill them in)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from coach.routines import Mode

Level = Literal["full", "quiet"]
"""How much sounds: ``full`` every change (steps, parts, holds, releases, pauses, what comes next);
``quiet`` only step, foot and end changes, softly, for a partner trying to drift off."""
LevelChoice = Literal["auto", "full", "quiet"]
"""``auto`` is quiet in partner mode (someone is lying there, eyes closed) and full in self mode."""
LEVELS: tuple[LevelChoice, ...] = ("auto", "full", "quiet")

DEFAULT_RATE = 150
"""Words per minute: a little slower than the speech engines' usual 175-180, calm but not dragging."""
MIN_RATE, MAX_RATE = 80, 300
DEFAULT_VOLUME = 70
"""Percent of the loudest coach plays (itself at most -6 dBFS): gentle at the bedside."""
QUIET_SHARE = 0.5
"""The quiet level plays everything at this share of the volume."""


@dataclass(frozen=True)
class SoundConfig:
    """What to sound and how: the whole of the user's sound settings.

    ``sound`` off means silence (no chime, no voice, no bell). ``voice`` off keeps the chimes.
    ``guide`` speaks each part's whole instruction for the mode; otherwise ("brief") only titles.
    """

    sound: bool = True
    voice: bool = True
    guide: bool = False
    level: LevelChoice = "auto"
    rate: int = DEFAULT_RATE
    """Speech rate in words per minute."""
    volume: int = DEFAULT_VOLUME
    """0-100: the generated chimes' loudness, and the speech's where the engine allows it."""
    language: str = "en"
    """The routines file's language (its top-level ``language`` key): the voice speaks it."""

    def level_for(self, mode: Mode) -> Level:
        """The level in effect for ``mode`` (``auto`` resolved)."""
        if self.level == "auto":
            return "quiet" if mode == "partner" else "full"
        return self.level

    @property
    def english(self) -> bool:
        """Whether coach's own words ("Release", "Well done") fit the language; else only tones say them."""
        return self.language.lower().replace("_", "-").split("-")[0] == "en"

    @property
    def detail(self) -> str:
        """``guide`` or ``brief``, as the settings and screens name it."""
        return "guide" if self.guide else "brief"


def clamp_rate(rate: int) -> int:
    """A speech rate held to what every engine accepts and a person can follow."""
    return max(MIN_RATE, min(MAX_RATE, rate))


def clamp_volume(volume: int) -> int:
    """A volume held to 0-100 percent."""
    return max(0, min(100, volume))
