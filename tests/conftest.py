"""Shared fixtures. Nothing here touches the real home directory or waits on real time."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

from coach.options import LaunchOptions
from coach.routines import Library
from coach.sound import SoundSystem
from coach.ui.app import CoachApp, create_app
from tests.app_helpers import FakeKeeper
from tests.engine_helpers import FakeClock, make_library
from tests.sound.fakes import fake_sound

# In CI every property test runs the same examples each time, so whether a change lands never depends on
# the luck of the draw; a developer's run draws new ones, and a fault found becomes an ``@example``.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


@pytest.fixture(autouse=True)
def keeper(monkeypatch: pytest.MonkeyPatch) -> FakeKeeper:
    """wakepy faked for every app a test starts: no thread, no D-Bus, one steady line on the setup screen."""
    fake = FakeKeeper()
    monkeypatch.setattr("coach.ui.app.terminal_keeper", lambda _on_change: fake)
    return fake


@pytest.fixture
def fake_clock() -> FakeClock:
    """A monotonic and a wall clock that move only when a test moves them."""
    return FakeClock()


@pytest.fixture
def library() -> Library:
    """The small hand-built library (``mini`` routine: lead-in, timed, reps, holds, towel)."""
    return make_library()


@pytest.fixture
def make_app(tmp_path: Path, fake_clock: FakeClock, library: Library) -> Callable[..., CoachApp]:
    """Build the whole app on the fake clock with settings and history under ``tmp_path``.

    Keyword arguments go to :class:`LaunchOptions` (``mode="partner"``, ``sound=False``...), except
    ``sound_system``: the app's sound (default: a fake one whose player always works; nothing plays).
    """

    def build(sound_system: SoundSystem | None = None, **options: Any) -> CoachApp:
        options.setdefault("library", library)
        options.setdefault("data_dir", tmp_path)
        sound = sound_system or fake_sound(None, fake_clock.clock).system
        return create_app(LaunchOptions(**options), clock=fake_clock.clock, wall=fake_clock.wall, sound=sound)

    return build
