"""The user's remembered choices, pre-filling the setup screen next time.

Kept in ``settings.toml`` in the config directory (:func:`coach.paths.config_dir`). Reading never
fails: a broken file gives the defaults and a notice, a wrong value falls back for that key alone,
and keys this version does not know (a newer coach may have written them) are ignored with a notice
but kept when the file is written again. A file that could not be read is left untouched until the
user actually changes something; then it is set aside with a timestamped name before the new one is
written, so nothing is lost. Command-line options override these; that is the caller's business.
"""

from __future__ import annotations

import errno
import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, NamedTuple

from coach import paths
from coach.limits import MAX_ID_CHARS, MAX_SETTINGS_BYTES, TomlRefused, parse_toml, read_bounded
from coach.routines.model import FEET, MAX_MINUTES, MODES, Foot, Mode
from coach.routines.problems import number_text

SETTINGS_FILE = "settings.toml"
SETTINGS_VERSION = 1
MAX_REMEMBERED_ROUTINES = 200
"""A sanity limit on ``minutes_by_routine``: more entries than that is not a file a person kept."""
SoundLevel = Literal["auto", "full", "quiet"]
SOUND_LEVELS: tuple[SoundLevel, ...] = ("auto", "full", "quiet")
MIN_RATE, MAX_RATE = 80, 300
LEGACY_CHIME = "chime"
"""Earlier versions' on/off for the terminal bell: read as ``sound``, never written again."""
LEGACY_MINUTES = "minutes"
"""The single length earlier versions kept for every routine; read once, folded into
``minutes_by_routine`` for the routine it was chosen with, and never written again."""


@dataclass(frozen=True)
class Settings:
    """What the user chose last time. ``None`` means "not chosen": the routine's own default applies."""

    routine_id: str | None = None
    mode: Mode = "self"
    minutes_by_routine: dict[str, float] = field(default_factory=dict)
    """The length chosen last for each routine id, in minutes; a routine not in it plays at its natural
    length. Ids the routines file no longer has are kept (the routine may come back) and ignored."""
    feet: tuple[Foot, ...] = ("left", "right")
    oil: str | None = None
    """The id of the oil choice on the setup checklist."""
    breathing: str | None = None
    """A breathing pattern id overriding the routine's own."""
    sound: bool = True
    """Any sound at all: chimes, voice, or the terminal bell when no player works; ``m`` toggles it."""
    voice: bool = True
    """Speak the cues (with the sound on); off leaves the chimes."""
    guide: bool = False
    """Speak each part's whole instruction for the mode, not only its title ("brief")."""
    sound_level: SoundLevel = "auto"
    """``full`` (every change), ``quiet`` (steps, feet and the end, softly) or ``auto``: quiet in
    partner mode, full in self mode."""
    voice_rate: int = 150
    """Words per minute, 80-300."""
    volume: int = 70
    """Percent, 0-100: the chimes' loudness, and the voice's where the speech engine allows it."""
    theme: str | None = None
    reduced_motion: bool = False
    show_streak: bool = True
    """Show the nights in a row; some find a streak a pressure, so it can be hidden (the history keeps
    counting; ``coach history --json`` still has it)."""


class LoadedSettings(NamedTuple):
    """The settings to use, a notice for the user when something was off, and whether the file
    could not be read at all (so it must not be overwritten unless the user changes something)."""

    settings: Settings
    notice: str | None = None
    broken: bool = False


def settings_path(data_dir: Path | None = None) -> Path:
    """The settings file for the ``--data-dir`` base ``data_dir`` (None: ``COACH_DATA_DIR`` or the
    platform's user config directory)."""
    return paths.config_dir(data_dir) / SETTINGS_FILE


class NewerSettings(OSError):
    """The settings file was written by a newer coach: this one reads it but never writes over it."""


def _read_document(path: Path) -> dict[str, Any]:
    """The settings file's table: ``OSError`` when it cannot be read (a folder, a pipe, too large...),
    ``ValueError`` (with a reason in words) when it is not a settings file this coach can read."""
    data = read_bounded(path, MAX_SETTINGS_BYTES, what="settings file")
    try:
        return parse_toml(data.decode("utf-8-sig"))  # a byte-order mark from an editor is harmless
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"not valid TOML: {error}") from None
    except TomlRefused as error:
        raise ValueError(f"it {error}") from None


def _newer(document: dict[str, Any]) -> bool:
    version = document.get("version", SETTINGS_VERSION)
    return isinstance(version, int) and not isinstance(version, bool) and version > SETTINGS_VERSION


def load_settings(data_dir: Path | None = None) -> LoadedSettings:
    """The remembered settings; never raises. A missing file is simply the defaults, no notice."""
    path = settings_path(data_dir)
    try:
        document = _read_document(path)
    except FileNotFoundError:
        return LoadedSettings(Settings())
    except OSError as error:
        return LoadedSettings(Settings(), f"Settings could not be read from {path} ({error.strerror}); "
                              "using the defaults.", broken=True)
    except ValueError as error:
        notice = (f"The settings file {path} could not be read ({error}); using the defaults. "
                  "It is left as it is until you change a setting.")
        return LoadedSettings(Settings(), notice, broken=True)
    settings, problems = settings_from_dict(document)
    if _newer(document):
        problems.insert(0, "written by a newer version of coach: read as far as this one can, and left as "
                           "it is (changes made here are not saved to it)")
    return LoadedSettings(settings, f"In {path}: {'; '.join(problems)}." if problems else None)


def settings_from_dict(document: dict[str, Any]) -> tuple[Settings, list[str]]:
    """Settings from a parsed file, and a description of each value that was ignored."""
    defaults = Settings()
    values: dict[str, Any] = {}
    problems: list[str] = []
    known = {f.name for f in fields(Settings)}
    legacy = document.get(LEGACY_MINUTES)
    for key, value in document.items():
        if key in ("version", LEGACY_MINUTES):
            continue
        if key == LEGACY_CHIME:
            if "sound" in document:
                continue  # written by this version too: the newer key wins
            key = "sound"
        if key == "minutes_by_routine":
            values[key] = _lengths(value, problems)
            continue
        if key not in known:
            problems.append(f"unknown setting {_quote(key)} ignored")
            continue
        try:
            values[key] = _CHECKS[key](value)
        except (TypeError, ValueError):
            problems.append(f"'{key}' = {_quote(value)} is not valid, using {getattr(defaults, key)!r}")
    _migrate_minutes(values, legacy)
    return Settings(**values), problems


def _migrate_minutes(values: dict[str, Any], legacy: object) -> None:
    """Fold an earlier version's single ``minutes`` into the per-routine lengths.

    That length was always saved together with the routine it was chosen for, so it goes to that
    routine alone (unless the file already has a length of its own for it). Without a routine, or
    when the value is not a valid length, there is nothing sensible to keep: the routine plays at
    its natural length, which is what a person who never chose a length sees anyway.
    """
    routine_id = values.get("routine_id")
    if legacy is None or routine_id is None:
        return
    try:
        minutes = _minutes(legacy)
    except (TypeError, ValueError):
        return
    lengths: dict[str, float] = values.setdefault("minutes_by_routine", {})
    lengths.setdefault(routine_id, minutes)


def _lengths(value: object, problems: list[str]) -> dict[str, float]:
    """The per-routine lengths table: each bad entry is dropped (and reported) alone."""
    if not isinstance(value, dict):
        problems.append(f"'minutes_by_routine' = {_quote(value)} is not a table of routine lengths, "
                        "ignored")
        return {}
    lengths: dict[str, float] = {}
    for routine_id, minutes in value.items():
        try:
            lengths[_text(routine_id)] = _minutes(minutes)
        except (TypeError, ValueError):
            shown = f"{_quote(routine_id)} = {_quote(minutes)}"
            problems.append(f"minutes_by_routine: {shown} is not valid, ignored")
        if len(lengths) >= MAX_REMEMBERED_ROUTINES:
            problems.append(f"minutes_by_routine: only the first {MAX_REMEMBERED_ROUTINES} lengths are kept")
            break
    return lengths


def save_settings(
    data_dir: Path | None, settings: Settings, *, loaded: LoadedSettings | None = None
) -> str | None:
    """Remember ``settings`` (atomically); returns a notice if an unreadable file was set aside.

    With ``loaded`` (what :func:`load_settings` gave), nothing is written when the settings did not
    change, which keeps a broken file as the user left it. Keys this version does not know are
    carried over from the file. ``OSError`` propagates when the disk refuses.
    """
    if loaded is not None and settings == loaded.settings:
        return None
    # Only a change is written: the writer and the atomic file helpers wait until one is.
    import tomli_w

    from coach.atomic import aside_path, atomic_write_bytes

    path = settings_path(data_dir)
    document: dict[str, Any] = {}
    notice = None
    try:
        document = _read_document(path)
    except FileNotFoundError:
        pass
    except (OSError, ValueError):
        aside = aside_path(path, datetime.now())
        os.rename(path, aside)
        notice = f"The unreadable settings file was moved to {aside}."
    if _newer(document):
        raise NewerSettings(errno.EPERM, f"{path} was written by a newer version of coach, which this one "
                            "does not write over")
    known = {f.name for f in fields(Settings)}
    # The legacy single length has been folded into minutes_by_routine: it is not carried over.
    legacy = ("version", LEGACY_MINUTES, LEGACY_CHIME)
    kept = {k: v for k, v in document.items() if k not in known and k not in legacy}
    atomic_write_bytes(path, tomli_w.dumps({"version": SETTINGS_VERSION, **settings_to_dict(settings),
                                            **kept}).encode("utf-8"))
    return notice


def settings_to_dict(settings: Settings) -> dict[str, Any]:
    """The TOML table for ``settings``; ``None`` values are left out (TOML has no null)."""
    data = {f.name: getattr(settings, f.name) for f in fields(Settings)}
    data["feet"] = list(settings.feet)
    data["minutes_by_routine"] = dict(settings.minutes_by_routine) or None
    return {k: v for k, v in data.items() if v is not None}



def _quote(value: object) -> str:
    """A value as the file has it, short: a notice must stay readable whatever the file holds."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number_text(value)
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."


def _text(value: object) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_ID_CHARS:
        raise ValueError
    return value


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError
    return value


def _mode(value: object) -> Mode:
    for mode in MODES:
        if value == mode:
            return mode
    raise ValueError


def _minutes(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError
    if not 0 < value <= MAX_MINUTES:  # compared, never converted first: NaN and any size fail here
        raise ValueError
    return float(value)


def _level(value: object) -> SoundLevel:
    for level in SOUND_LEVELS:
        if value == level:
            return level
    raise ValueError


def _whole(value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError
    if not low <= value <= high:
        raise ValueError
    return value


def _rate(value: object) -> int:
    return _whole(value, MIN_RATE, MAX_RATE)


def _volume(value: object) -> int:
    return _whole(value, 0, 100)


def _feet(value: object) -> tuple[Foot, ...]:
    if not isinstance(value, list) or not value or len(set(value)) != len(value):
        raise ValueError
    chosen = tuple(foot for foot in FEET if foot in value)
    if len(chosen) != len(value):
        raise ValueError
    return chosen


_CHECKS: dict[str, Callable[[object], object]] = {
    "routine_id": _text,
    "mode": _mode,
    "feet": _feet,
    "oil": _text,
    "breathing": _text,
    "sound": _flag,
    "voice": _flag,
    "guide": _flag,
    "sound_level": _level,
    "voice_rate": _rate,
    "volume": _volume,
    "theme": _text,
    "reduced_motion": _flag,
    "show_streak": _flag,
}
