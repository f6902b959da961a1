"""Fake sound players for tests: they play nothing, keep time by a fake clock and record what happened.

A :class:`FakePlayer` "plays" a clip for exactly its length on the clock it is given, so a test can
say when a clip would still be playing and check that a new cue cut it off.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from coach.sound import SoundConfig, SoundSystem
from coach.sound.chimes import clip_seconds, silence_file
from coach.sound.speech import SpeechEngine, Voice

Behaviour = Literal["ok", "fail", "hang", "missing"]


class FakeHandle:
    """One clip on a :class:`FakePlayer`."""

    def __init__(self, player: FakePlayer, clip: Path, started: float) -> None:
        self.player, self.clip, self.started = player, clip, started
        self.length = clip_seconds(clip)
        self.stopped = False

    def poll(self) -> int | None:
        """Ends after the clip's length (``ok``), at once with status 1 (``fail``), never (``hang``)."""
        if self.stopped:
            return -9
        if self.player.behaviour == "fail":
            return 1
        if self.player.behaviour == "hang":
            return None
        return 0 if self.player.clock() >= self.started + self.length else None

    def wait(self, timeout: float) -> int | None:
        """Never waits: the fake clock does not move by itself."""
        return self.poll()

    def stop(self) -> None:
        """Record the stop."""
        if not self.stopped and self.poll() is None:
            self.player.stopped.append((self.player.clock(), self.clip.name))
        self.stopped = True


@dataclass
class FakePlayer:
    """A player that records each clip it was asked to play, and when."""

    name: str
    clock: Callable[[], float]
    behaviour: Behaviour = "ok"
    played: list[tuple[float, str]] = field(default_factory=list)
    stopped: list[tuple[float, str]] = field(default_factory=list)
    handles: list[FakeHandle] = field(default_factory=list)

    def start(self, clip: Path) -> FakeHandle:
        """Start "playing" ``clip``; ``missing`` raises as a program that is not installed would."""
        if self.behaviour == "missing":
            raise OSError(f"{self.name}: not found")
        self.played.append((self.clock(), clip.name))
        handle = FakeHandle(self, clip, self.clock())
        self.handles.append(handle)
        return handle


@dataclass
class FakeSound:
    """A :class:`SoundSystem` with no thread, fake players on a fake clock and a fake voice that records
    what it was asked to say (each clip is a second of silence)."""

    system: SoundSystem
    players: list[FakePlayer]
    spoken: list[str]
    notices: list[str]

    def played(self) -> list[tuple[float, str]]:
        """Every clip any player started, with its clock time, in order."""
        return sorted(entry for player in self.players for entry in player.played)


_SHARED: list[Path] = []


def shared_cache() -> Path:
    """One chime cache per test process: making the chimes takes a second of CPU, and their files are
    the same for every test (named by tone, volume and rate, written atomically)."""
    if not _SHARED:
        _SHARED.append(Path(tempfile.mkdtemp(prefix="coach-test-sound-")))
    return _SHARED[0]


def fake_sound(cache: Path | None, clock: Callable[[], float], *behaviours: Behaviour,
               config: SoundConfig | None = None) -> FakeSound:
    """A fake sound system whose players (named like the real ones) behave as ``behaviours`` says
    (default: one that works). ``cache`` None shares one per process. Notices are recorded unless the
    app replaces ``on_notice``."""
    cache = cache or shared_cache()
    spoken: list[str] = []
    notices: list[str] = []
    names = ("aplay", "paplay", "pw-play")
    players = [FakePlayer(names[i % 3], clock, b) for i, b in enumerate(behaviours or ("ok",))]
    voice_dir = cache / "voice"

    def render(text: str, voice: Voice) -> Path:
        spoken.append(text)
        return silence_file(voice_dir, 1.0)

    system = SoundSystem(config or SoundConfig(), cache, engine=SpeechEngine("espeak-ng", "espeak-ng"),
                         players=players, clock=clock, threaded=False, on_notice=notices.append,
                         render=render)
    return FakeSound(system, players, spoken, notices)
