"""Speech rendered to WAV files by the system's engine, cached by text, voice and rate, then played.

Rendering to a file and playing it, rather than letting the engine speak, is what makes failures
visible: ``espeak-ng`` speaking straight to a missing sound card exits 0 and prints ALSA errors over the
screen, while a player's exit status is trustworthy. The text goes to the engine through a file, never
on its command line (a title starting with ``-`` would otherwise be read as an option).

Engines: ``espeak-ng`` (or ``espeak``) on Linux, ``say`` on macOS, PowerShell's ``System.Speech`` on
Windows.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from coach.sound import proc
from coach.sound.chimes import clip_seconds

RENDER_TIMEOUT = 20.0
"""A render that takes longer than this is killed (espeak-ng needs ~30 ms a sentence)."""
SPEECH_LOUDNESS = 0.65
"""espeak-ng amplitude per volume percent: at 100% its peaks sit near -6 dBFS, like the chimes'."""

Which = Callable[[str], str | None]

_POWERSHELL_SCRIPT = r"""
$ErrorActionPreference = 'Stop'
Add-Type -AssemblyName System.Speech
$s = New-Object System.Speech.Synthesis.SpeechSynthesizer
try {
  $culture = [System.Globalization.CultureInfo]::new($env:COACH_SPEECH_LANG)
  $s.SelectVoiceByHints([System.Speech.Synthesis.VoiceGender]::NotSet,
    [System.Speech.Synthesis.VoiceAge]::NotSet, 0, $culture)
} catch {}
$s.Rate = [int]$env:COACH_SPEECH_RATE
$s.Volume = [int]$env:COACH_SPEECH_VOLUME
$s.SetOutputToWaveFile($env:COACH_SPEECH_OUT)
$s.Speak([System.IO.File]::ReadAllText($env:COACH_SPEECH_TEXT, [System.Text.Encoding]::UTF8))
$s.Dispose()
"""


@dataclass(frozen=True)
class Voice:
    """How to speak: the language (a code such as ``en`` or ``de``), words per minute, volume percent."""

    language: str = "en"
    rate: int = 150
    volume: int = 70


@dataclass(frozen=True)
class SpeechEngine:
    """A speech engine on this machine that can render text to a WAV file."""

    name: str
    """``espeak-ng``, ``espeak``, ``say`` or ``PowerShell``."""
    program: str
    """Its full path."""

    def command(self, text_file: Path, out: Path, voice: Voice) -> tuple[list[str], dict[str, str]]:
        """The argument list (and extra environment) rendering ``text_file`` to ``out``."""
        if self.name in ("espeak-ng", "espeak"):
            amplitude = round(voice.volume * SPEECH_LOUDNESS)
            return [self.program, "-v", espeak_voice(voice.language), "-s", str(voice.rate),
                    "-a", str(amplitude), "-w", str(out), "-f", str(text_file)], {}
        if self.name == "say":
            argv = [self.program, "-r", str(voice.rate), "-o", str(out), "--file-format=WAVE",
                    "--data-format=LEI16@22050", "-f", str(text_file)]
            named = say_voice(self.program, voice.language)
            return ([*argv[:1], "-v", named, *argv[1:]] if named else argv), {}
        env = {"COACH_SPEECH_TEXT": str(text_file), "COACH_SPEECH_OUT": str(out),
               "COACH_SPEECH_LANG": voice.language, "COACH_SPEECH_RATE": str(sapi_rate(voice.rate)),
               "COACH_SPEECH_VOLUME": str(max(0, min(100, voice.volume)))}
        return [self.program, "-NoProfile", "-NonInteractive", "-Command", _POWERSHELL_SCRIPT], env

    def version(self) -> str | None:
        """What the engine says its version is, where it says (for ``coach doctor``)."""
        if self.name in ("espeak-ng", "espeak"):
            return proc.version_in(proc.first_line([self.program, "--version"]))
        if self.name == "PowerShell":
            return proc.version_in(proc.first_line([self.program, "-NoProfile", "-NonInteractive", "-Command",
                                                    "$PSVersionTable.PSVersion.ToString()"]))
        return None


def espeak_voice(language: str) -> str:
    """espeak-ng's voice name for a language code: ``en_GB`` -> ``en-gb``; English by default."""
    code = language.strip().lower().replace("_", "-")
    return code if code and all(c.isalnum() or c == "-" for c in code) else "en"


@functools.cache
def say_voice(program: str, language: str) -> str | None:
    """A macOS voice for ``language`` from ``say -v ?`` ("Anna  de_DE  # Hallo..."); None keeps the
    system's own voice (always for English, which the user chose in System Settings)."""
    code = language.strip().lower().replace("-", "_")
    if not code or code.split("_")[0] == "en":
        return None
    listing = proc.lines([program, "-v", "?"])
    for line in listing:
        match = re.match(r"^(.+?)\s+([a-z]{2,3}_[A-Za-z0-9]+)\s+#", line)
        if match and match.group(2).lower().startswith(code):
            return match.group(1).strip()
    return None


def sapi_rate(words_per_minute: int) -> int:
    """Windows' -10..10 speech rate for a words-per-minute rate (0 is about 180 words a minute)."""
    return max(-10, min(10, round((words_per_minute - 180) / 12)))


def find_engine(platform: str = sys.platform, which: Which = shutil.which) -> SpeechEngine | None:
    """The speech engine coach will use on ``platform``, or None when there is none."""
    if platform == "darwin":
        names: Sequence[tuple[str, str]] = (("say", "say"),)
    elif platform == "win32":
        names = (("PowerShell", "powershell"), ("PowerShell", "pwsh"))
    else:
        names = (("espeak-ng", "espeak-ng"), ("espeak", "espeak"))
    for name, program in names:
        path = which(program)
        if path:
            return SpeechEngine(name, path)
    return None


def cache_name(engine: SpeechEngine, text: str, voice: Voice) -> str:
    """The cached clip's file name: a digest of everything that changes how the words sound."""
    key = "\0".join((engine.name, voice.language, str(voice.rate), str(voice.volume), text))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + ".wav"


def render(engine: SpeechEngine, text: str, voice: Voice, cache: Path,
           runner: Callable[..., int | None] = proc.run) -> Path | None:
    """The clip of ``text`` spoken by ``engine`` in ``voice``, rendered into ``cache`` unless already
    there; None when the engine failed (non-zero exit, killed after a timeout, or no audio written).

    The text is written to a file the engine reads, so it never reaches a command line.
    """
    out = cache / cache_name(engine, text, voice)
    if out.is_file() and clip_seconds(out) > 0:
        return out
    cache.mkdir(parents=True, exist_ok=True)
    stem = f".{out.stem}.{os.getpid()}"
    text_file, partial = cache / f"{stem}.txt", cache / f"{stem}.wav"
    try:
        text_file.write_text(text, encoding="utf-8")
        argv, env = engine.command(text_file, partial, voice)
        status = runner(argv, RENDER_TIMEOUT, env or None)
        if status != 0 or clip_seconds(partial) <= 0:
            return None
        os.replace(partial, out)
        return out
    except OSError:
        return None
    finally:
        for leftover in (text_file, partial):
            leftover.unlink(missing_ok=True)
