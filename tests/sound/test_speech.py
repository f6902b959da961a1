"""Speech rendered to files: real espeak-ng where installed, the engines' command lines everywhere."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest

from coach.sound import speech
from coach.sound.chimes import read_samples
from coach.sound.speech import SpeechEngine, Voice, find_engine

ESPEAK = shutil.which("espeak-ng")
needs_espeak = pytest.mark.skipif(
    ESPEAK is None,
    reason="espeak-ng is not installed: real speech is not checked (apt-get install espeak-ng)",
)
NASTY = "Thumbs \"in\"; $(touch {canary}) `touch {canary}` -w {canary}\nnext line & echo"


def rms(samples: list[int]) -> float:
    return math.sqrt(sum(s * s for s in samples) / len(samples)) if samples else 0.0


@needs_espeak
def test_espeak_ng_renders_a_clip_longer_than_half_a_second_and_not_silent(tmp_path: Path) -> None:
    engine = find_engine("linux")
    assert engine is not None and engine.name == "espeak-ng"
    clip = speech.render(engine, "Ball of the foot points.", Voice(), tmp_path)
    assert clip is not None and clip.parent == tmp_path
    samples, rate = read_samples(clip)
    assert len(samples) / rate > 0.5
    assert rms(samples) > 300  # about -40 dBFS: speech, not silence
    assert sorted(p.name for p in tmp_path.iterdir()) == [clip.name]  # no text or partial files left


@needs_espeak
def test_a_title_with_quotes_semicolons_and_command_substitution_is_spoken_never_run(tmp_path: Path) -> None:
    canary = tmp_path / "pwned"
    engine = SpeechEngine("espeak-ng", ESPEAK or "")
    clip = speech.render(engine, NASTY.format(canary=canary), Voice(), tmp_path / "cache")
    assert clip is not None
    assert not canary.exists()
    samples, rate = read_samples(clip)
    assert len(samples) / rate > 2.0  # every word was read out, "next line" and all


@needs_espeak
def test_the_cache_keeps_one_clip_per_text_voice_rate_and_volume(tmp_path: Path) -> None:
    engine = SpeechEngine("espeak-ng", ESPEAK or "")
    first = speech.render(engine, "Release", Voice(rate=150), tmp_path)
    calls: list[list[str]] = []

    def spy(argv: list[str], timeout: float, env: object) -> int | None:
        calls.append(argv)
        return 1

    assert speech.render(engine, "Release", Voice(rate=150), tmp_path, runner=spy) == first
    assert calls == []
    assert speech.render(engine, "Release", Voice(rate=120), tmp_path, runner=spy) is None
    assert len(calls) == 1


@needs_espeak
def test_the_language_picks_the_voice_and_an_unknown_one_fails_honestly(tmp_path: Path) -> None:
    engine = SpeechEngine("espeak-ng", ESPEAK or "")
    assert speech.render(engine, "Guten Abend", Voice(language="de"), tmp_path) is not None
    assert speech.render(engine, "Hello", Voice(language="zz-nonsense"), tmp_path) is None


def test_the_text_reaches_every_engine_through_a_file_never_its_command_line(tmp_path: Path) -> None:
    text = NASTY.format(canary="x")
    seen: list[tuple[list[str], dict[str, str] | None]] = []

    def fake(argv: list[str], timeout: float, env: dict[str, str] | None) -> int | None:
        seen.append((argv, env))
        return 1  # nothing rendered: the call itself is what is checked

    engines = [SpeechEngine("espeak-ng", "/usr/bin/espeak-ng"), SpeechEngine("say", "/usr/bin/say"),
               SpeechEngine("PowerShell", "powershell.exe")]
    for engine in engines:
        assert speech.render(engine, text, Voice(language="en"), tmp_path, runner=fake) is None
    for argv, env in seen:
        assert all(text not in arg and "$(" not in arg for arg in argv)
        assert all("$(" not in value for value in (env or {}).values())
    espeak_argv, say_argv, _ps_argv = (argv for argv, _ in seen)
    assert espeak_argv[-2] == "-f" and "-w" in espeak_argv and "-a" in espeak_argv
    assert say_argv[-2] == "-f" and "--file-format=WAVE" in say_argv
    ps_env = seen[2][1] or {}
    assert ps_env["COACH_SPEECH_TEXT"].endswith(".txt") and ps_env["COACH_SPEECH_RATE"] == "-2"
    assert list(tmp_path.iterdir()) == []  # the text file is removed afterwards


def test_engines_and_voices_are_found_per_platform() -> None:
    def which(name: str) -> str | None:
        return {"say": "/usr/bin/say", "pwsh": "/opt/pwsh", "espeak": "/usr/bin/espeak"}.get(name)

    assert find_engine("darwin", which) == SpeechEngine("say", "/usr/bin/say")
    assert find_engine("win32", which) == SpeechEngine("PowerShell", "/opt/pwsh")
    assert find_engine("linux", which) == SpeechEngine("espeak", "/usr/bin/espeak")
    assert find_engine("linux", lambda name: None) is None
    assert speech.espeak_voice("en_GB") == "en-gb"
    assert speech.espeak_voice("de; rm -rf") == "en"  # not a language code: the default voice
    assert speech.sapi_rate(180) == 0 and speech.sapi_rate(400) == 10 and speech.sapi_rate(60) == -10
