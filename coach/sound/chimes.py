"""Chimes made in code: a soft bell, a wood-like tick and tock, a closing chord, as mono 16-bit WAV files.

Only the standard library (``math``, ``array``, ``wave``). Every sound starts with a slow raised-cosine
attack and ends with a fade to exact silence, so no speaker clicks; its peak is at most -6 dBFS at full
volume. Each file is made once per volume and kept in the cache directory.
"""

from __future__ import annotations

import io
import math
import wave
from array import array
from collections.abc import Sequence
from pathlib import Path

from coach.atomic import atomic_write_bytes
from coach.sound.cues import TONE_SECONDS, Tone

SAMPLE_RATE = 44100
PEAK = 10 ** (-6 / 20)
"""-6 dBFS: the loudest sample at volume 100, as a fraction of full scale."""
FULL_SCALE = 32767
VERSION = 1
"""Part of each cached file's name: bump it when the sounds change, so old files are not played."""

Partial = tuple[float, float, float]
"""(frequency ratio to the fundamental, amplitude, decay time constant in seconds)."""

_BELL: Sequence[Partial] = ((1.0, 1.0, 0.9), (2.0, 0.45, 0.55), (2.76, 0.22, 0.35), (5.4, 0.06, 0.18))
"""A soft bell: a few slightly inharmonic partials, the higher ones dying sooner."""
_WOOD: Sequence[Partial] = ((1.0, 1.0, 0.035), (2.57, 0.35, 0.018), (4.1, 0.12, 0.01))
"""A wood block: a short knock whose overtones fade fastest."""


def synthesize(tone: Tone, rate: int = SAMPLE_RATE) -> array[float]:
    """The samples of ``tone`` at full volume, between -PEAK and PEAK.

    Plain ``array('d')`` buffers, not lists of floats: a chord is 120,000 samples, and the process
    should not keep megabytes of float objects after making a file it makes once per machine."""
    if tone == "bell":
        samples = _note(587.33, _BELL, TONE_SECONDS["bell"], attack=0.02, rate=rate)
    elif tone == "tick":
        samples = _note(1244.5, _WOOD, TONE_SECONDS["tick"], attack=0.003, rate=rate)
    elif tone == "tock":
        samples = _note(830.6, _WOOD, TONE_SECONDS["tock"], attack=0.004, rate=rate)
    else:  # the closing chord: C, E, G rolled gently, one after another
        whole = TONE_SECONDS["chord"]
        samples = _zeros(int(whole * rate))
        for number, freq in enumerate((523.25, 659.26, 783.99)):
            offset = int(number * 0.14 * rate)
            note = _note(freq, _BELL, whole - number * 0.14, attack=0.03, rate=rate)
            for i, value in enumerate(note):
                samples[offset + i] += value
            del note  # not held while the next note is made
    return _normalized(samples, PEAK)


def _zeros(count: int) -> array[float]:
    # Repeated, not made from a zeroed bytes object: that would hold the samples' memory twice while
    # the array is copied from it (a megabyte more at the peak for the closing chord).
    return array("d", [0.0]) * count


def _note(freq: float, partials: Sequence[Partial], seconds: float, attack: float, rate: int) -> array[float]:
    """One struck note: decaying partials, a raised-cosine attack and a fade to zero over the last tenth."""
    count = int(seconds * rate)
    out = _zeros(count)
    sin = math.sin
    for ratio, amp, decay in partials:
        step = 2 * math.pi * freq * ratio / rate
        fall = math.exp(-1 / (decay * rate))
        level = amp
        for i in range(count):
            out[i] += level * sin(step * i)
            level *= fall
    rise, fade = max(1, int(attack * rate)), max(1, count // 10)
    for i in range(rise):
        out[i] *= 0.5 - 0.5 * math.cos(math.pi * i / rise)
    for i in range(fade):
        out[count - 1 - i] *= 0.5 - 0.5 * math.cos(math.pi * i / fade)
    return out


def _normalized(samples: array[float], peak: float) -> array[float]:
    top = max((abs(s) for s in samples), default=0.0)
    if top > 0:
        gain = peak / top
        for i, value in enumerate(samples):
            samples[i] = value * gain
    return samples


def wav_bytes(samples: Sequence[float], volume: float = 1.0, rate: int = SAMPLE_RATE) -> bytes:
    """``samples`` (-1..1) scaled by ``volume`` (0..1) as a mono 16-bit WAV file."""
    gain = max(0.0, min(1.0, volume)) * FULL_SCALE
    pcm = array("h", (round(s * gain) for s in samples))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm.tobytes() if _little_endian() else _swapped(pcm))
    return buffer.getvalue()


def chime_path(cache: Path, tone: Tone, volume: int) -> Path:
    """Where the WAV file of ``tone`` at ``volume`` percent is kept in ``cache``."""
    return cache / f"{tone}-{max(0, min(100, volume))}-{SAMPLE_RATE}-v{VERSION}.wav"


def chime_file(cache: Path, tone: Tone, volume: int) -> Path:
    """The WAV file of ``tone`` at ``volume`` percent in ``cache``, made the first time it is asked for."""
    return make_chimes(cache, (tone,), (volume,))[0]


def make_chimes(cache: Path, tones: Sequence[Tone], volumes: Sequence[int]) -> list[Path]:
    """Every file of ``tones`` at ``volumes`` in ``cache`` (each tone made at most once); their paths."""
    found: list[Path] = []
    for tone in tones:
        samples: array[float] | None = None
        for volume in volumes:
            path = chime_path(cache, tone, volume)
            if not path.is_file():
                samples = samples if samples is not None else synthesize(tone)
                cache.mkdir(parents=True, exist_ok=True)
                atomic_write_bytes(path, wav_bytes(samples, max(0, min(100, volume)) / 100))
            found.append(path)
    return found


def silence_file(cache: Path, seconds: float) -> Path:
    """A clip of ``seconds`` of silence in ``cache``: what finds a working player without a sound."""
    path = cache / f"silence-{round(seconds * 1000)}ms-{SAMPLE_RATE}.wav"
    if not path.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, wav_bytes([0.0] * int(seconds * SAMPLE_RATE)))
    return path


def read_samples(path: Path) -> tuple[list[int], int]:
    """The 16-bit mono samples of a WAV file and its sample rate (for checks and tests)."""
    with wave.open(str(path), "rb") as clip:
        if clip.getsampwidth() != 2:
            raise ValueError(f"{path}: not 16-bit audio")
        channels, rate = clip.getnchannels(), clip.getframerate()
        pcm = array("h", clip.readframes(clip.getnframes()))
    if not _little_endian():
        pcm.byteswap()
    return list(pcm[::channels]), rate


def clip_seconds(path: Path) -> float:
    """A WAV file's length in seconds; 0 when it cannot be read as one."""
    try:
        with wave.open(str(path), "rb") as clip:
            return clip.getnframes() / clip.getframerate()
    except (OSError, EOFError, wave.Error, ZeroDivisionError):
        return 0.0


def _little_endian() -> bool:
    return array("h", [1]).tobytes()[0] == 1


def _swapped(pcm: array[int]) -> bytes:
    copy = array("h", pcm)
    copy.byteswap()
    return copy.tobytes()
