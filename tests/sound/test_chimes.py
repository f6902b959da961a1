"""The generated chimes: length, peak level, no clicks, written once per volume."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest

from coach.sound import chimes
from coach.sound.cues import TONES, Tone
from tests.sound.fakes import shared_cache

LENGTHS = {"bell": (1.0, 2.5), "tick": (0.05, 0.3), "tock": (0.05, 0.3), "chord": (2.0, 4.0)}


@pytest.mark.parametrize("tone", TONES)
def test_each_chime_has_its_length_a_peak_of_minus_6_dbfs_and_no_clicks(tone: Tone) -> None:
    path = chimes.chime_file(shared_cache(), tone, 100)
    samples, rate = chimes.read_samples(path)
    assert rate in (44100, 48000)
    low, high = LENGTHS[tone]
    assert low <= len(samples) / rate <= high
    peak = max(abs(s) for s in samples)
    assert 20 * math.log10(peak / 32768) <= -6.0
    assert peak > 0.4 * 32768  # loud enough to hear: within a dB or so of the limit
    # No click: it starts and ends at silence and never jumps there.
    assert abs(samples[0]) <= 1 and abs(samples[-1]) <= 1
    first_half_ms, last_5_ms = rate // 2000, rate // 200
    assert max(abs(s) for s in samples[:first_half_ms]) < 0.05 * peak  # a rise, not a step
    assert max(abs(s) for s in samples[-last_5_ms:]) < 0.01 * peak  # faded out, not cut off
    jumps = max(abs(b - a) for a, b in itertools.pairwise(samples))
    assert jumps < 0.35 * peak  # nowhere a discontinuity: the steepest sine slope, no more


def test_the_sounds_can_be_told_apart() -> None:
    """Step, hold, release and end: different lengths or pitches (the complaint about timers is cues
    that cannot be told apart)."""
    clips = {tone: chimes.read_samples(chimes.chime_file(shared_cache(), tone, 100))[0] for tone in TONES}

    def zero_crossings(tone: Tone) -> float:
        s = clips[tone]
        crossings = sum(1 for a, b in itertools.pairwise(s) if a < 0 <= b)
        return crossings / (len(s) / chimes.SAMPLE_RATE)

    pitches = {tone: zero_crossings(tone) for tone in ("bell", "tick", "tock")}
    assert pitches["tick"] > pitches["tock"] * 1.3  # the hold's tick is higher than the release's tock
    assert len(clips["bell"]) > 4 * len(clips["tick"])
    assert len(clips["chord"]) > len(clips["bell"])


def test_volume_scales_the_file_and_each_volume_is_written_once(tmp_path: Path) -> None:
    loud = chimes.chime_file(tmp_path, "tick", 100)
    soft = chimes.chime_file(tmp_path, "tick", 35)
    assert loud != soft
    loud_peak = max(abs(s) for s in chimes.read_samples(loud)[0])
    soft_peak = max(abs(s) for s in chimes.read_samples(soft)[0])
    assert soft_peak == pytest.approx(loud_peak * 0.35, rel=0.01)
    written = soft.stat().st_mtime_ns
    soft.write_bytes(soft.read_bytes())  # same bytes, new time: a second call must not rewrite it
    again = soft.stat().st_mtime_ns
    assert chimes.chime_file(tmp_path, "tick", 35) == soft
    assert soft.stat().st_mtime_ns == again
    assert written <= again


def test_a_clip_length_is_read_from_the_file_and_zero_when_it_is_not_audio(tmp_path: Path) -> None:
    bell = chimes.chime_file(shared_cache(), "bell", 100)
    assert chimes.clip_seconds(bell) == pytest.approx(1.6, abs=0.01)
    junk = tmp_path / "junk.wav"
    junk.write_text("not a wave file")
    assert chimes.clip_seconds(junk) == 0.0
    assert chimes.clip_seconds(tmp_path / "missing.wav") == 0.0
