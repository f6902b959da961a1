"""``coach doctor``: what coach finds on this machine and what it will use, for the user and bug reports.

The terminal (size, colours), the routines file, the settings, data and cache directories, the speech
engine and every sound player, each tried for real: the engine renders a short sentence to a temporary
file, each player plays a moment of silence (nothing is heard), and its exit status says whether it
works. Nothing is written to the user's directories. Exit 0 when coach can run (the routines file is
fine), 2 when it cannot.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from coach import __version__, paths
from coach.routines import Library, load_library
from coach.routines.problems import RoutinesError
from coach.settings import load_settings, settings_path
from coach.sound import proc, speech
from coach.sound.chimes import clip_seconds, silence_file
from coach.sound.players import CommandPlayer, Player, find_players
from coach.sound.speech import SpeechEngine, Voice, find_engine

PLAYER_TIMEOUT = 5.0
SAMPLE = "Relaxing effleurage."


def run(routines: Path, data_dir: Path | None) -> int:
    """Print the report; 0 when coach can run, 2 when the routines file stops it."""
    lines, ok = report(routines, data_dir)
    print("\n".join(lines))
    return 0 if ok else 2


def report(routines: Path, data_dir: Path | None) -> tuple[list[str], bool]:
    """The report's lines, and whether coach can run."""
    lines = [f"coach {__version__}, Python {platform.python_version()}, {platform.system()} "
             f"{platform.release()}"]
    lines.append(f"terminal:   {terminal_line()}")
    library, problem = _library(routines)
    if library is None:
        lines.append(f"routines:   {routines}: cannot be used ({problem}); see: coach validate")
    else:
        count = len(library.routines)
        lines.append(f"routines:   {routines} ({count} routine{'s' if count != 1 else ''}, "
                     f"language {library.language})")
    loaded = load_settings(data_dir)
    lines.append(f"settings:   {settings_path(data_dir)} ({_exists(settings_path(data_dir))})"
                 + (f"; {loaded.notice}" if loaded.notice else ""))
    lines.append(f"data:       {paths.data_dir(data_dir)} ({writable(paths.data_dir(data_dir))})")
    lines.append(f"cache:      {paths.cache_dir(data_dir)} ({writable(paths.cache_dir(data_dir))})")
    settings = loaded.settings
    language = library.language if library is not None else "en"
    engine = find_engine()
    with tempfile.TemporaryDirectory(prefix="coach-doctor-") as scratch:
        voice = Voice(language, settings.voice_rate)
        lines.append(f"speech:     {engine_line(engine, voice, Path(scratch))}")
        players = find_players()
        results = [(player, try_player(player, Path(scratch))) for player in players]
    if not players:
        lines.append("players:    none found (Linux: install pipewire-bin, pulseaudio-utils or alsa-utils)")
    for number, (player, result) in enumerate(results):
        lines.append(f"{'players:' if number == 0 else '':12}{player_line(player)}: {result}")
    working = next((player.name for player, result in results if result == "works"), None)
    lines.append(f"sound:      {sound_line(settings.sound, settings.voice, engine, working)}")
    return lines, library is not None


def terminal_line() -> str:
    """Size, ``TERM`` and colours, or that standard output is not a terminal."""
    term = os.environ.get("TERM", "not set")
    if "NO_COLOR" in os.environ:
        colours = "no colour (NO_COLOR is set)"
    elif os.environ.get("COLORTERM", "").lower() in ("truecolor", "24bit"):
        colours = "true colour"
    elif "256color" in term:
        colours = "256 colours"
    else:
        colours = "16 colours or fewer"
    try:
        size = os.get_terminal_size(sys.stdout.fileno())
        where = f"{size.columns}x{size.lines}"
    except (OSError, ValueError, AttributeError):
        where = "standard output is not a terminal (coach itself needs one)"
    return f"{where}, TERM={term}, {colours}"


def engine_line(engine: SpeechEngine | None, voice: Voice, scratch: Path) -> str:
    """The speech engine, its version, and whether it rendered a sample sentence."""
    if engine is None:
        return "none found (Linux: install espeak-ng; macOS: say; Windows: PowerShell): chimes only"
    version = engine.version()
    clip = speech.render(engine, SAMPLE, voice, scratch / "speech")
    if clip is None:
        result = f"could not render a sentence in language {voice.language!r}: chimes only"
    else:
        result = f"renders ({clip_seconds(clip):.1f} s for {SAMPLE!r}, language {voice.language})"
    return f"{engine.name}{f' ({version})' if version else ''} at {engine.program}: {result}"


def try_player(player: Player, scratch: Path) -> str:
    """Play a moment of silence: "works", or what went wrong."""
    clip = silence_file(scratch, 0.05)
    if isinstance(player, CommandPlayer):
        status = proc.run(player.argv(clip), PLAYER_TIMEOUT)
        if status is None:
            return f"did not finish within {PLAYER_TIMEOUT:g} s"
        return "works" if status == 0 else f"exit status {status} (no sound server or device?)"
    try:
        handle = player.start(clip)
    except OSError as error:
        return f"cannot play: {error}"
    handle.wait(1.0)
    return "works"


def player_line(player: Player) -> str:
    """A player's name, version and path."""
    if isinstance(player, CommandPlayer):
        version = player.version()
        return f"{player.name}{f' ({version})' if version else ''} at {player.program}"
    return player.name


def sound_line(sound: bool, voice: bool, engine: SpeechEngine | None, player: str | None) -> str:
    """What coach will use, as the setup screen says it."""
    if not sound:
        return "off (m on the setup screen turns it on)"
    if player is None:
        return "terminal bell and a dim visual cue (no sound player works here)"
    if voice and engine is not None:
        return f"voice + chime, {engine.name} -> {player}"
    return f"chime, {player}" + (" (no speech engine)" if voice else "")


def _library(path: Path) -> tuple[Library | None, str]:
    try:
        return load_library(path), ""
    except RoutinesError as error:
        count = len(error.problems)
        return None, f"{count} problem{'s' if count != 1 else ''}"


def _exists(path: Path) -> str:
    return "exists" if path.is_file() else "not written yet"


def writable(directory: Path) -> str:
    """Whether coach can write in ``directory``, or create it; checked without writing anything."""
    probe: Path | None = directory
    while probe is not None and not probe.exists():
        probe = probe.parent if probe.parent != probe else None
    if probe is None or not probe.is_dir():
        return "cannot be created"
    if not os.access(probe, os.W_OK | os.X_OK):
        return "not writable" if probe == directory else f"cannot be created: {probe} is not writable"
    return "writable" if probe == directory else "will be created"


__all__: Sequence[str] = ("report", "run")
