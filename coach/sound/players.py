"""Sound players: the programs (or, on Windows, the module) that play a WAV file, tried in order.

Each is trusted only by its exit status: ``pw-play``, ``paplay`` and ``aplay`` exit non-zero when there
is no server or device, unlike a speech engine speaking to a missing card.
"""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from coach.sound import proc
from coach.sound.chimes import clip_seconds

Which = Callable[[str], str | None]

PLAYERS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "linux": (("pw-play", ()), ("paplay", ()), ("aplay", ("-q",))),
    "darwin": (("afplay", ()),),
}
"""Per platform, the programs to try in order, with the options that keep them quiet."""


class Handle(Protocol):
    """One clip playing."""

    def poll(self) -> int | None:
        """The exit status once it has ended, else None."""

    def wait(self, timeout: float) -> int | None:
        """Wait up to ``timeout`` seconds for the end: the exit status, or None if still playing."""

    def stop(self) -> None:
        """Stop playing now (and reap whatever played it)."""


class Player(Protocol):
    """Something that plays WAV files."""

    @property
    def name(self) -> str:
        """What the user knows it as: ``aplay``."""

    def start(self, clip: Path) -> Handle:
        """Start playing ``clip``; ``OSError`` when the player cannot even start."""


class ProcessHandle:
    """A player process playing one clip."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process

    def poll(self) -> int | None:
        """The exit status once it has ended, else None."""
        return self.process.poll()

    def wait(self, timeout: float) -> int | None:
        """Wait up to ``timeout`` seconds for the player to end."""
        try:
            return self.process.wait(timeout=max(0.0, timeout))
        except subprocess.TimeoutExpired:
            return None

    def stop(self) -> None:
        """Kill the player (and its children)."""
        proc.kill(self.process)


@dataclass(frozen=True)
class CommandPlayer:
    """A player program: ``program [options] FILE``, run with no shell and no terminal."""

    name: str
    program: str
    options: tuple[str, ...] = ()

    def argv(self, clip: Path) -> list[str]:
        """The argument list playing ``clip``."""
        return [self.program, *self.options, str(clip)]

    def start(self, clip: Path) -> Handle:
        """Start the program on ``clip``."""
        return ProcessHandle(proc.spawn(self.argv(clip)))

    def version(self) -> str | None:
        """What ``--version`` says (``aplay: version 1.2.8 ...``), for ``coach doctor``."""
        if self.name == "afplay":
            return None
        # pw-play prints its name, then "Compiled with libpipewire 0.3.65": the first number found.
        found = (proc.version_in(line) for line in proc.lines([self.program, "--version"]))
        return next((version for version in found if version), None)


class WinsoundHandle:
    """A clip played by :mod:`winsound`, which cannot report its end: it is over when its length has."""

    def __init__(self, seconds: float, stop: Callable[[], None]) -> None:
        self.end = time.monotonic() + seconds
        self._stop = stop
        self._done = False

    def poll(self) -> int | None:
        """0 once the clip's length has passed."""
        return 0 if self._done or time.monotonic() >= self.end else None

    def wait(self, timeout: float) -> int | None:
        """Sleep until the clip's end or ``timeout``, whichever is first (this runs off the UI thread)."""
        left = self.end - time.monotonic()
        time.sleep(max(0.0, min(timeout, left)))
        return self.poll()

    def stop(self) -> None:
        """Purge whatever winsound is playing."""
        self._done = True
        self._stop()


class WinsoundPlayer:
    """Windows' built-in player, in-process and asynchronous: it raises when the sound cannot play."""

    name = "winsound"

    def start(self, clip: Path) -> Handle:
        """Start playing ``clip`` asynchronously."""
        winsound: Any = importlib.import_module("winsound")  # Windows only

        flags = winsound.SND_FILENAME | winsound.SND_ASYNC | winsound.SND_NODEFAULT
        try:
            winsound.PlaySound(str(clip), flags)
        except RuntimeError as error:
            raise OSError(str(error)) from error
        return WinsoundHandle(clip_seconds(clip), lambda: winsound.PlaySound(None, winsound.SND_PURGE))

    def version(self) -> str | None:
        """winsound has no version of its own."""
        return None


def find_players(platform: str = sys.platform, which: Which = shutil.which) -> list[Player]:
    """The players installed on ``platform``, in the order to try them."""
    if platform == "win32":
        return [WinsoundPlayer()]
    key = "darwin" if platform == "darwin" else "linux"
    found: list[Player] = []
    for name, options in PLAYERS[key]:
        path = which(name)
        if path:
            found.append(CommandPlayer(name, path, options))
    return found


def player_names(players: Sequence[Player]) -> str:
    """``pw-play, paplay, aplay``: for notices and ``coach doctor``."""
    return ", ".join(player.name for player in players)
