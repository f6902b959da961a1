"""Remembered preferences: round trip, per-key fallbacks, broken files kept until a change."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from coach.settings import (
    LoadedSettings,
    Settings,
    load_settings,
    save_settings,
    settings_path,
)

CHOSEN = Settings(
    routine_id="quick-calm",
    mode="partner",
    minutes_by_routine={"quick-calm": 12.5, "full": 30.0},
    feet=("right",),
    oil="lavender",
    breathing="4-7-8",
    sound=False,
    voice=False,
    guide=True,
    sound_level="quiet",
    voice_rate=120,
    volume=40,
    theme="nord",
    reduced_motion=True,
)


def write(tmp_path: Path, data: bytes | str) -> Path:
    path = settings_path(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def test_settings_live_in_the_config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert settings_path(tmp_path) == tmp_path / "config" / "settings.toml"
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "env"))
    assert settings_path(None) == tmp_path / "env" / "config" / "settings.toml"


def test_no_file_gives_the_defaults_quietly(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == LoadedSettings(Settings(), None, False)
    assert Settings() == Settings(None, "self", {}, ("left", "right"), None, None, True, True, False, "auto",
                                  150, 70, None, False)


def test_round_trip(tmp_path: Path) -> None:
    assert save_settings(tmp_path, CHOSEN) is None
    assert load_settings(tmp_path) == LoadedSettings(CHOSEN, None, False)
    document = tomllib.loads(settings_path(tmp_path).read_text("utf-8"))
    assert document["version"] == 1
    assert document["feet"] == ["right"]
    assert document["minutes_by_routine"] == {"quick-calm": 12.5, "full": 30.0}
    assert "minutes" not in document
    assert [p.name for p in settings_path(tmp_path).parent.iterdir()] == ["settings.toml"]


def test_unset_choices_are_left_out_of_the_file(tmp_path: Path) -> None:
    save_settings(tmp_path, Settings(sound=False))
    document = tomllib.loads(settings_path(tmp_path).read_text("utf-8"))
    assert set(document) == {"version", "mode", "feet", "sound", "voice", "guide", "sound_level",
                             "voice_rate", "volume", "reduced_motion", "show_streak"}
    assert load_settings(tmp_path).settings == Settings(sound=False)


def test_an_earlier_versions_chime_setting_becomes_the_sound_setting(tmp_path: Path) -> None:
    write(tmp_path, "chime = false\n")
    loaded = load_settings(tmp_path)
    assert loaded == LoadedSettings(Settings(sound=False), None, False)
    save_settings(tmp_path, Settings(sound=False, voice=False), loaded=loaded)
    document = tomllib.loads(settings_path(tmp_path).read_text("utf-8"))
    assert "chime" not in document and document["sound"] is False
    write(tmp_path, "chime = false\nsound = true\n")  # both: the newer key wins
    assert load_settings(tmp_path).settings.sound is True


def test_a_whole_number_of_minutes_is_fine(tmp_path: Path) -> None:
    write(tmp_path, "[minutes_by_routine]\nfull = 15\n")
    assert load_settings(tmp_path) == LoadedSettings(Settings(minutes_by_routine={"full": 15.0}), None, False)


def test_each_routine_keeps_its_own_length(tmp_path: Path) -> None:
    save_settings(tmp_path, Settings(routine_id="full", minutes_by_routine={"full": 30.0}))
    loaded = load_settings(tmp_path)
    changed = Settings(routine_id="nightly", minutes_by_routine={**loaded.settings.minutes_by_routine,
                                                                 "nightly": 12.0})
    save_settings(tmp_path, changed, loaded=loaded)
    assert load_settings(tmp_path).settings.minutes_by_routine == {"full": 30.0, "nightly": 12.0}


def test_the_old_single_length_goes_to_the_routine_it_was_chosen_with(tmp_path: Path) -> None:
    path = write(tmp_path, 'routine_id = "nightly"\nminutes = 12\n')
    loaded = load_settings(tmp_path)
    assert loaded == LoadedSettings(Settings(routine_id="nightly", minutes_by_routine={"nightly": 12.0}))
    # Written again as the per-routine table; the old key is gone for good.
    save_settings(tmp_path, replace(loaded.settings, mode="partner"), loaded=loaded)
    document = tomllib.loads(path.read_text("utf-8"))
    assert "minutes" not in document
    assert document["minutes_by_routine"] == {"nightly": 12.0}


@pytest.mark.parametrize(
    "content",
    [
        "minutes = 12\n",  # no routine it was chosen with: nothing to attach it to
        'routine_id = "nightly"\nminutes = -4\n',  # not a length
        'routine_id = "nightly"\nminutes = 12\n[minutes_by_routine]\nnightly = 20\n',  # the table wins
    ],
)
def test_an_old_length_that_cannot_be_placed_is_dropped_quietly(tmp_path: Path, content: str) -> None:
    write(tmp_path, content)
    loaded = load_settings(tmp_path)
    assert loaded.notice is None
    assert loaded.settings.minutes_by_routine in ({}, {"nightly": 20.0})


def test_bad_lengths_are_dropped_one_by_one(tmp_path: Path) -> None:
    write(tmp_path, '[minutes_by_routine]\nfull = 30\nnightly = "ten"\nquick = 0\n"" = 5\nbox = 12.5\n')
    loaded = load_settings(tmp_path)
    assert loaded.settings.minutes_by_routine == {"full": 30.0, "box": 12.5}
    assert loaded.notice is not None
    assert "'nightly' = 'ten' is not valid" in loaded.notice and "'quick' = 0" in loaded.notice


def test_lengths_that_are_not_a_table_are_ignored(tmp_path: Path) -> None:
    write(tmp_path, 'minutes_by_routine = 12\nmode = "partner"\n')
    loaded = load_settings(tmp_path)
    assert loaded.settings == Settings(mode="partner")
    assert loaded.notice is not None and "minutes_by_routine" in loaded.notice


@pytest.mark.parametrize(
    ("content", "reason"),
    [("sound = = yes", "not valid TOML"), (b"sound = \xff", "not UTF-8"), ("[broken", "not valid TOML")],
)
def test_a_broken_file_gives_defaults_and_a_notice(tmp_path: Path, content: str | bytes, reason: str) -> None:
    path = write(tmp_path, content)
    loaded = load_settings(tmp_path)
    assert loaded.settings == Settings()
    assert loaded.broken is True
    assert loaded.notice is not None and reason in loaded.notice and str(path) in loaded.notice


def test_a_broken_file_is_not_overwritten_until_something_changes(tmp_path: Path) -> None:
    path = write(tmp_path, "theme = 'nord\n")  # an unclosed string
    loaded = load_settings(tmp_path)
    assert save_settings(tmp_path, loaded.settings, loaded=loaded) is None
    assert path.read_text() == "theme = 'nord\n"
    notice = save_settings(tmp_path, Settings(sound=False), loaded=loaded)
    assert notice is not None and "moved to" in notice
    (aside,) = path.parent.glob("settings.toml.damaged-*")
    assert aside.read_text() == "theme = 'nord\n"
    assert load_settings(tmp_path) == LoadedSettings(Settings(sound=False), None, False)


def test_unchanged_settings_are_not_rewritten(tmp_path: Path) -> None:
    save_settings(tmp_path, CHOSEN)
    path = settings_path(tmp_path)
    path.write_text(path.read_text() + "# my note\n")
    loaded = load_settings(tmp_path)
    save_settings(tmp_path, loaded.settings, loaded=loaded)
    assert path.read_text().endswith("# my note\n")


def test_unknown_keys_are_reported_and_kept_when_saving(tmp_path: Path) -> None:
    write(tmp_path, 'mode = "partner"\nloudness = 3\n[sounds]\nbell = "soft"\n')
    loaded = load_settings(tmp_path)
    assert loaded.settings == Settings(mode="partner")
    assert loaded.broken is False
    assert loaded.notice is not None
    assert "unknown setting 'loudness' ignored" in loaded.notice
    assert "unknown setting 'sounds' ignored" in loaded.notice
    save_settings(tmp_path, Settings(mode="self"), loaded=loaded)
    document = tomllib.loads(settings_path(tmp_path).read_text("utf-8"))
    assert (document["mode"], document["loudness"], document["sounds"]) == ("self", 3, {"bell": "soft"})


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ('mode = "both"', "mode"),
        ("mode = 1", "mode"),
        ('feet = ["left", "left"]', "feet"),
        ('feet = ["middle"]', "feet"),
        ("feet = []", "feet"),
        ('feet = "left"', "feet"),
        ('sound = "yes"', "sound"),
        ("voice = 1", "voice"),
        ('sound_level = "loud"', "sound_level"),
        ("voice_rate = 10", "voice_rate"),
        ("voice_rate = 150.5", "voice_rate"),
        ("volume = 101", "volume"),
        ("volume = true", "volume"),
        ("reduced_motion = 1", "reduced_motion"),
        ("theme = 7", "theme"),
        ('oil = ""', "oil"),
        ("routine_id = []", "routine_id"),
        ("breathing = false", "breathing"),
    ],
)
def test_a_wrong_value_falls_back_for_that_key_alone(tmp_path: Path, line: str, key: str) -> None:
    others = {"mode": 'mode = "partner"', "sound": "sound = false", "theme": 'theme = "nord"'}
    kept = [v for k, v in others.items() if k != key]
    write(tmp_path, "\n".join([line, *kept]) + "\n")
    loaded = load_settings(tmp_path)
    assert getattr(loaded.settings, key) == getattr(Settings(), key)
    intended = Settings(mode="partner", sound=False, theme="nord")
    for other in others:
        if other != key:
            assert getattr(loaded.settings, other) == getattr(intended, other)
    assert loaded.notice is not None and f"'{key}'" in loaded.notice
    assert loaded.broken is False


def test_feet_are_kept_in_left_right_order(tmp_path: Path) -> None:
    write(tmp_path, 'feet = ["right", "left"]\n')
    assert load_settings(tmp_path).settings.feet == ("left", "right")


def test_an_unreadable_settings_path_gives_defaults(tmp_path: Path) -> None:
    settings_path(tmp_path).mkdir(parents=True)
    loaded = load_settings(tmp_path)
    assert loaded.settings == Settings() and loaded.broken and loaded.notice is not None
